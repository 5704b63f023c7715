"""Place names inside ordinary words: a short name counts only where it stands as a word.

Invented pages: each names its own unit in the headline, and a short name
of another unit hides in the words of the sentence that holds the figure.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from extractors.regions import find_region_mentions, load_gazetteer
from extractors.regions.words import load_word_counts

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def named(text, gazetteer):
    return [(m.surface, m.region.name if m.region else None) for m in find_region_mentions(text, gazetteer)]


# -- the figure's region -------------------------------------------------------

FIGURES = [
    # 市委/和/县委: not 和县 (安徽)
    ("遂昌县召开民营经济大会\n会议要求落实市委和县委部署，去年实现地区生产总值215亿元。",
     "215亿元", 21500000000, "gdp", "遂昌县"),
    # 振兴/山区: not 兴山区 (黑龙江)
    ("景宁畲族自治县共富工作推进会\n推进乡村振兴山区共富，去年农村居民人均可支配收入增至28600元。",
     "28600元", 28600, "income_per_capita", "景宁畲族自治县"),
    # 其中/城镇居民: not 中城镇 (云南)
    ("松阳县发布统计公报\n去年末常住人口24.1万人，其中城镇居民人均可支配收入52300元。",
     "52300元", 52300, "income_per_capita", "松阳县"),
    # 提高/城乡居民: not 高城乡 (山西)
    ("云和县召开会议\n会议提出，要提高城乡居民收入，去年全体居民人均可支配收入41200元。",
     "41200元", 41200, "income_per_capita", "云和县"),
    # 绥江/县中/城镇 splits the town's name, but its county is named right before it
    ("昭通市交通建设\n绥江县中城镇今年新建农村公路18公里。", "18公里", 18, "other_count", "中城镇"),
    # after 位于 a name is a place, whatever words surround it
    ("新闻\n项目位于兴山区东部，总投资12亿元。", "12亿元", 1200000000, "investment", "兴山区"),
]


@pytest.mark.parametrize("text, raw, value, indicator, region", FIGURES)
def test_a_short_name_inside_words_does_not_take_the_figure(extract_text, text, raw, value, indicator, region):
    rows = extract_text(text)
    assert [(r.raw_text, r.value, r.indicator, r.region, r.year) for r in rows if r.raw_text == raw] == [
        (raw, value, indicator, region, None)]


# -- mentions ------------------------------------------------------------------

def test_names_standing_as_words_are_kept(gazetteer):
    assert named("安徽省简报\n和县县委召开会议，在兴山区调研。", gazetteer) == [
        ("安徽省", "安徽省"), ("和县", "和县"), ("兴山区", "兴山区")]


def test_a_name_of_one_character_and_its_suffix_needs_its_province(gazetteer):
    # 开放/兴县 is a split as good as any: a slogan, not 山西's 兴县
    assert named("龙泉市简报\n坚持工业强市、开放兴县。", gazetteer) == [("龙泉市", "龙泉市")]
    assert named("山西省简报\n兴县今年新建学校3所。", gazetteer) == [("山西省", "山西省"), ("兴县", "兴县")]


def test_a_name_that_fails_gives_way_to_a_name_inside_it(gazetteer):
    # 杭州/市民: the city's short name stands, its full name does not
    assert named("标题\n杭州市民积极参与。", gazetteer) == [("杭州", "杭州市")]
    # 北京市委 is one word that begins with the name: offices of that very unit
    assert named("标题\n北京市委召开会议。", gazetteer) == [("北京市", "北京市")]


def test_an_idiom_holds_no_city_even_where_its_province_is_named(gazetteer):
    assert named("标题\n山西省各地做法大同小异。", gazetteer) == [("山西省", "山西省")]
    # ... but the city named in full vouches for its short name
    assert named("标题\n大同市各区县做法大同小异。", gazetteer) == [("大同市", "大同市"), ("大同", "大同市")]


def test_the_parent_named_on_the_page_vouches_for_a_name_inside_words(gazetteer):
    assert named("标题\n推进乡村振兴山区发展。", gazetteer) == []
    assert named("鹤岗市简报\n推进乡村振兴山区发展。", gazetteer) == [("鹤岗市", "鹤岗市"), ("兴山区", "兴山区")]


def test_a_name_on_the_first_line_heads_the_page(gazetteer):
    assert named("提高城乡居民收入\n正文。", gazetteer) == [("高城乡", "高城乡")]
    assert named("标题\n提高城乡居民收入。", gazetteer) == []
    # a page on one long line has no headline
    assert named("会议指出，" + "要提高城乡居民收入，" * 10, gazetteer) == []


def test_a_name_of_one_character_and_its_suffix_heading_the_page_needs_nothing_else(gazetteer):
    # 珙县 elsewhere waits for its province or city to be named; opening the page's title it is the page's unit
    assert named("珙县2023年统计公报\n珙县常住人口35.1万人。", gazetteer) == [("珙县", "珙县")] * 2
    assert named("2023年珙县政府工作报告\n全县生产总值增长6%。", gazetteer) == [("珙县", "珙县")]
    assert named("简报\n珙县常住人口35.1万人。", gazetteer) == []


def test_a_town_named_by_the_common_noun_of_its_kind_never_matches(gazetteer):
    # 灵台县 and 皮山县 each hold a town literally named 街道
    assert gazetteer.get("街道", within="灵台县")
    assert named("灵台县简报\n街道社区新增就业岗位320个。", gazetteer) == [("灵台县", "灵台县")]


@pytest.mark.parametrize("text, expected", [
    ("标题\n绿水青山就是金山银山，上海市金山区。", [("上海市", "上海市"), ("金山区", "金山区")]),
    ("标题\n福建省三明市沙县小吃门店。", [("福建省", "福建省"), ("三明市", "三明市")]),
])
def test_words_the_counts_lack_are_blockers(gazetteer, text, expected):
    assert named(text, gazetteer) == expected


def test_the_split_is_the_most_probable_one():
    words = load_word_counts()
    text = "市委和县委"
    assert ["/".join(text[a:b] for a, b in words.split_around(text, 2, 4))] == ["市委/和/县委"]
    assert not words.stands_as_word(text, 2, 4, suffixed=True)
    assert words.stands_as_word("和县，", 0, 2, suffixed=True)  # alone before punctuation


# -- false place names per 10,000 ordinary words ---------------------------------

def test_ordinary_words_hold_twenty_times_fewer_place_names():
    """A sample of benchmarks/false_place_names.py (every 8th idiom and
    headword, 5,000 pairs). Full lists: 85.2 -> 1.0 per 10,000 words (503 -> 6)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from false_place_names import measure

    figures = measure(pairs=5000, every=8)
    before, after = figures["idioms and dictionary words"]
    assert before.words > 7000
    assert before.per_10000 > 60, before.examples  # the words do hold names: the test has something to find
    assert after.false_names * 20 <= before.false_names, after.examples
    assert after.per_10000 < 3, after.examples
    before, after = figures["pairs of common words"]
    assert after.false_names < before.false_names and after.per_10000 < 4, after.examples
