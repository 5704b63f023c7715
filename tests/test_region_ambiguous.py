"""A town name that several units bear: the document settles it, else the name is kept, marked unresolved.

城关镇 is the name of about a hundred towns; each invented page below says
(or does not say) which one it means.
"""
from __future__ import annotations

import pytest

from extractors.regions import load_gazetteer
from extractors.run.pipeline import extract_bytes

SENTENCE = "城关镇今年新建农村公路18公里。"


def rows(text: str, title: str = ""):
    result = extract_bytes(text.encode("utf-8"), "example.txt", {"title": title} if title else None)
    assert result.error is None, result.error
    return [(r.raw_text, r.value, r.indicator, r.region, r.region_level, r.region_parent, r.region_status, r.year)
            for r in result.observations]


def town_code(county: str) -> str:
    gazetteer = load_gazetteer()
    [town] = gazetteer.get("城关镇", within=county)
    return town.code


@pytest.mark.parametrize("text, title, county", [
    ("新闻\n平罗县召开会议。" + SENTENCE, "", "平罗县"),           # its county, named before
    ("固原市简报\n" + SENTENCE, "", "隆德县"),                    # its city: one 城关镇 in 固原市
    ("福建省简报\n" + SENTENCE, "", "尤溪县"),                    # its province: one 城关镇 in 福建省
    ("新闻\n" + SENTENCE, "平罗县2023年国民经济统计简报", "平罗县"),  # the page's title names its county
])
def test_the_document_settles_a_shared_town_name(text, title, county):
    assert rows(text, title) == [("18公里", 18, "other_count", "城关镇", "town", county, "resolved", None)]
    result = extract_bytes(text.encode("utf-8"), "example.txt", {"title": title} if title else None)
    assert result.observations[0].region_code == town_code(county)


@pytest.mark.parametrize("text", [
    "新闻\n" + SENTENCE,                 # nothing at all
    "宁夏回族自治区简报\n" + SENTENCE,     # a province with two of them (隆德县, 平罗县)
])
def test_an_unsettled_town_name_is_kept_and_marked_unresolved(text):
    assert rows(text) == [("18公里", 18, "other_count", "城关镇", "town", "", "unresolved", None)]
    result = extract_bytes(text.encode("utf-8"), "example.txt")
    assert result.observations[0].region_code == ""


def test_an_unsettled_county_name_is_kept_too():
    # 鼓楼区: in 南京, 福州, 徐州, 开封
    assert rows("新闻\n鼓楼区今年新开工项目26个。") == [
        ("26个", 26, "project_count", "鼓楼区", "county", "", "unresolved", None)]
    assert rows("新闻\n鼓楼区今年新开工项目26个。徐州市") == [
        ("26个", 26, "project_count", "鼓楼区", "county", "徐州市", "resolved", None)]


TITLE_OF_A_SHARED_NAME = "鼓楼区2023年统计公报"


@pytest.mark.xfail(strict=True, reason="a city named only inside an organisation (南京市统计局) becomes the "
                                       "paragraph's topic, and 全区 resolves against it instead of the title's district")
def test_the_text_settles_a_name_the_title_leaves_open():
    assert rows("正文\n据南京市统计局消息，全区新开工项目26个。", TITLE_OF_A_SHARED_NAME) == [
        ("26个", 26, "project_count", "鼓楼区", "county", "南京市", "resolved", 2023)]


def test_a_title_name_nothing_settles_stays_unresolved():
    assert rows("正文\n全区新开工项目26个。", TITLE_OF_A_SHARED_NAME) == [
        ("26个", 26, "project_count", "鼓楼区", "county", "", "unresolved", 2023)]


@pytest.mark.parametrize("place, county, status", [("固原市", "隆德县", "resolved"), ("某地", "", "unresolved")])
def test_a_table_row_of_a_shared_town_name(place, county, status):
    text = f"{place}2023年各乡镇地区生产总值\n\n地区 | 地区生产总值（亿元） | 增长（%）\n城关镇 | 21.5 | 6.1\n"
    result = extract_bytes(text.encode("utf-8"), "example.txt")
    assert [(r.raw_text, r.indicator, r.region, r.region_parent, r.region_status, r.year)
            for r in result.observations] == [
        ("21.5", "gdp", "城关镇", county, status, 2023), ("6.1", "gdp_growth", "城关镇", county, status, 2023)]
