"""Pages -> articles and sentences; files -> Documents."""
from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.text.documents import (
    DocumentError, build_document, caption_spans, document_date_from_text, load_document,
    paragraphs, read_manifest, split_articles, split_sentences,
)
from extractors.text.layout import BODY, OUTSIDE_ARTICLES, analyse_layout
from extractors.models import Document, Sentence
from page_samples import (
    LAYOUT_PAGE, LAYOUT_PAGE_CAPTIONS, LAYOUT_PAGE_JOINED, LAYOUT_PAGE_TITLES, MARKDOWN_PAGE,
    MARKDOWN_PAGE_TITLES,
)

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))


def assert_offsets_consistent(text: str, sentences: list[Sentence]) -> None:
    seen: set[int] = set()
    for sentence in sentences:
        assert sentence.text, "empty sentence"
        assert len(sentence.offsets) == len(sentence.text)
        assert all(text[offset] == character for offset, character in zip(sentence.offsets, sentence.text))
        assert sentence.offsets == sorted(set(sentence.offsets)), "offsets must increase"
        assert (sentence.start, sentence.end) == (sentence.offsets[0], sentence.offsets[-1] + 1)
        assert seen.isdisjoint(sentence.offsets), "two sentences share a character"
        seen.update(sentence.offsets)
        assert sentence.text == sentence.text.strip()
        assert "\n" not in sentence.text and "\r" not in sentence.text
    assert [s.start for s in sentences] == sorted(s.start for s in sentences)


# --- articles -------------------------------------------------------------

def test_articles_split_at_bylines_kickers_and_top_headings_not_at_subheadings():
    articles = split_articles(LAYOUT_PAGE)
    assert [article.title for article in articles] == LAYOUT_PAGE_TITLES


def test_markdown_page_splits_at_top_level_headings_with_an_untitled_opening():
    articles = split_articles(MARKDOWN_PAGE)
    assert [article.title for article in articles] == MARKDOWN_PAGE_TITLES
    assert articles[0].title_start == articles[0].title_end == -1


@pytest.mark.parametrize("page", [LAYOUT_PAGE, MARKDOWN_PAGE])
def test_article_spans_are_ordered_and_hold_their_titles(page):
    articles = split_articles(page)
    for article, following in zip(articles, articles[1:]):
        assert article.end <= following.start
    for article in articles:
        assert 0 <= article.start < article.end <= len(page)
        if article.title:
            assert article.start <= article.title_start < article.title_end <= article.end
            assert page[article.title_start:article.title_end].replace("\n", " ") == article.title


def test_a_two_line_headline_is_joined_with_a_space():
    page = "青山湖畔\n迎来科创新地标\n\n■ 孙晓\n\n园区今年新增企业三十家。\n"
    [article] = split_articles(page)
    assert article.title == "青山湖畔 迎来科创新地标"
    assert (article.title_start, article.title_end) == (0, page.index("\n\n"))


def test_a_dateline_is_no_title_and_the_lines_between_two_bylines_start_no_article():
    page = ("南岭镇激活乡村文旅新动能\n\n发布时间：2031-06-12 来源：某县融媒体中心\n\n"
            "乡村 2031年第6期\n关键词：文旅 民宿\n\n文|孙晓 周一鸣\n\n全镇今年新增民宿四十家。\n")
    [article] = split_articles(page)
    assert article.title == "南岭镇激活乡村文旅新动能"
    document = build_document(page.encode("utf-8"), "invented.txt")
    assert (document.title, document.date) == ("南岭镇激活乡村文旅新动能", dt.date(2031, 6, 12))


def test_page_controls_above_a_dateline_are_no_title():
    page = "某区2031年上半年经济运行简报\n\n字号:\n—2031—\n03/11\n08:15:40\n2031-03-11 08:15:40 来源:某某报\n\n全区经济平稳增长。\n"
    assert [article.title for article in split_articles(page)] == ["某区2031年上半年经济运行简报"]


def test_a_long_report_title_is_the_title_and_its_first_numbered_section_is_not():
    long_title = "关于某某县2031年国民经济与社会发展计划完成情况及2032年计划安排意见的报告"
    page = f"{long_title}\n\n一、2031年计划执行情况\n全县地区生产总值增长百分之六。\n"
    assert [article.title for article in split_articles(page)] == [long_title]
    short = "某某县2032年政府工作报告\n\n（一）过去一年的工作\n全县地区生产总值增长百分之六。\n"
    assert [article.title for article in split_articles(short)] == ["某某县2032年政府工作报告"]
    # a long line that is no report title stays body text
    body = "全县上下坚持稳中求进工作总基调，统筹推进经济社会发展各项工作取得新成效\n\n全县地区生产总值增长百分之六。\n"
    assert [article.title for article in split_articles(body)] == [""]


def test_a_byline_after_the_lead_does_not_start_an_article():
    page = "城东新城再出发\n\n园区今年新增企业三十家。\n\n■ 孙晓 周一鸣\n\n园区还新建了人才公寓。\n"
    assert [article.title for article in split_articles(page)] == ["城东新城再出发"]


# --- sentences ------------------------------------------------------------

def test_sentences_broken_by_layout_and_captions_are_joined():
    sentences = split_sentences(LAYOUT_PAGE, split_articles(LAYOUT_PAGE))
    texts = [sentence.text for sentence in sentences]
    for joined in LAYOUT_PAGE_JOINED:
        assert joined in texts
    assert_offsets_consistent(LAYOUT_PAGE, sentences)


def test_captions_and_contents_belong_to_no_article():
    articles = split_articles(LAYOUT_PAGE)
    by_text = {sentence.text: sentence for sentence in split_sentences(LAYOUT_PAGE, articles)}
    for caption in LAYOUT_PAGE_CAPTIONS:
        assert by_text[caption].article == -1, caption
    assert by_text["| 城乡融合 | 老旧小区 | 丰收节 |"].article == -1
    assert by_text["今年，拱墅区计划改造老旧小区56个，涉及居民1.8万户。"].article == 2
    assert by_text["居民议事定方案"].article == 2


def test_a_joined_paragraph_keeps_its_first_index_and_the_caption_gets_its_own():
    articles = split_articles(LAYOUT_PAGE)
    by_text = {sentence.text: sentence for sentence in split_sentences(LAYOUT_PAGE, articles)}
    joined = by_text[LAYOUT_PAGE_JOINED[1]]
    caption = by_text["青山湖科技城夜景"]
    after = by_text["民生为本"]
    assert joined.paragraph < caption.paragraph < after.paragraph
    assert joined.start < caption.start < joined.end


def test_caption_spans_lists_caption_lines():
    spans = caption_spans(LAYOUT_PAGE)
    assert [LAYOUT_PAGE[start:end] for start, end in spans] == LAYOUT_PAGE_CAPTIONS


def test_paragraphs_expose_roles_and_joined_text():
    found = paragraphs(LAYOUT_PAGE, split_articles(LAYOUT_PAGE))
    body = [paragraph.text for paragraph in found if paragraph.role == BODY]
    assert "订单已经排到明年。" in body[2]
    assert body[3].endswith("推动更多优质企业在这里扎根成长。")


def test_a_real_paragraph_end_ends_a_sentence_without_a_full_stop():
    page = "城北新区\n\n■ 孙晓\n\n主要做法有以下几点：\n\n一是优化服务，新设窗口8个；\n\n二是强化保障，发放贷款3亿元。\n"
    texts = [sentence.text for sentence in split_sentences(page, split_articles(page))]
    assert texts[-3:] == ["主要做法有以下几点：", "一是优化服务，新设窗口8个；", "二是强化保障，发放贷款3亿元。"]


def test_table_rows_are_sentences_of_their_own():
    table_page = "| 指标 | 2024年 |\n| 地区生产总值 | 1200亿元 |\n"
    rows = split_sentences(table_page, split_articles(table_page))
    assert [row.text for row in rows] == ["| 指标 | 2024年 |", "| 地区生产总值 | 1200亿元 |"]


# --- generated pages ------------------------------------------------------

WORDS = ["企业", "发展", "项目", "服务", "创新", "社区", "增长", "投资", "园区", "人才", "产业", "数字", "经济",
         "建设", "推动", "持续", "全年", "累计", "12.5%", "3200亿元", "45家", "新增", "完成", "居民", "平台"]
CAPTIONS = ["科技园区夜景", "新建的人才公寓", "湖畔绿道一角", "活动现场"]
CREDITS = ["王一 摄", "图片由街道提供", "（资料图）"]
NAMES = ["孙晓", "周一鸣", "林晓燕", "钱多", "郑宁", "许文"]
TITLE_WORDS = ["聚力", "创新", "园区", "焕新", "奋进", "蓝图", "共富", "乡村", "振兴", "数智", "赋能", "未来"]

sentence_text = st.lists(st.sampled_from(WORDS), min_size=4, max_size=12).map(
    lambda words: "，".join("".join(words[i:i + 3]) for i in range(0, len(words), 3)) + "。")
paragraph_text = st.lists(sentence_text, min_size=2, max_size=4).map("".join)
title_text = st.lists(st.sampled_from(TITLE_WORDS), min_size=3, max_size=6).map("".join)


@st.composite
def pages(draw):
    """A page and what it should read as: titles, body paragraphs, captions."""
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    blank = newline * draw(st.integers(2, 4))
    parts: list[str] = []
    titles: list[str] = []
    bodies: list[str] = []
    captions: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        title = draw(title_text)
        titles.append(title)
        if draw(st.booleans()):
            parts.append("# " + title)
        else:
            parts.append(title)
        names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=3, unique=True))
        parts.append("■ " + " ".join(names))
        for _ in range(draw(st.integers(1, 4))):
            paragraph = draw(paragraph_text)
            indent = draw(st.sampled_from(["", "\u3000\u3000", "  "]))
            bodies.append(paragraph)
            cut = draw(st.integers(0, len(paragraph) - 2))
            # Cut inside the paragraph, never right after punctuation, and
            # leave at least 8 characters so the fragment is no name or label.
            if cut >= 8 and paragraph[cut - 1] not in "。，" and draw(st.booleans()):
                parts.append(indent + paragraph[:cut])
                if draw(st.booleans()):
                    caption = draw(st.sampled_from(CAPTIONS))
                    credit = draw(st.sampled_from(CREDITS))
                    parts.append(caption + blank + credit)
                    captions += [caption, credit]
                parts.append(paragraph[cut:])
            else:
                parts.append(indent + paragraph)
    return blank.join(parts) + newline, titles, bodies, captions


@settings(max_examples=150, deadline=None)
@given(pages())
def test_generated_pages_read_back_as_written(page):
    text, titles, bodies, captions = page
    articles = split_articles(text)
    assert [article.title for article in articles] == titles
    sentences = split_sentences(text, articles)
    assert_offsets_consistent(text, sentences)
    body_sentences = [s for s in sentences if s.article >= 0 and s.text[-1] == "。"]
    # Each body paragraph comes back whole, in order, captions removed.
    by_paragraph: dict[int, str] = {}
    for sentence in body_sentences:
        by_paragraph[sentence.paragraph] = by_paragraph.get(sentence.paragraph, "") + sentence.text
    assert list(by_paragraph.values()) == bodies
    assert sorted(s.text for s in sentences if s.article == -1) == sorted(captions)


# --- size -------------------------------------------------------------------

def test_a_five_megabyte_single_line_is_split_in_linear_time():
    sentence = "全区实现地区生产总值2803.5亿元，同比增长4.8%，规上工业增加值增长6.1%。"
    text = sentence * (5_000_000 // len(sentence.encode()))
    started = time.perf_counter()
    articles = split_articles(text)
    sentences = split_sentences(text, articles)
    assert time.perf_counter() - started < 30
    assert len(sentences) == text.count("。")
    assert sentences[-1].end == len(text)


def test_a_twenty_megabyte_page_is_split_in_linear_time():
    block = "\n\n".join(["城东新城经济运行", "■ 孙晓 周一鸣"] + ["全区新增企业45家，同比增长12.5%，累计完成投资3200亿元。" * 6] * 8
                       + ["图片由街道提供", ""])
    data = (block * (20_000_000 // len(block.encode()) + 1)).encode()
    started = time.perf_counter()
    document = build_document(data, "big.txt")
    sentences = split_sentences(document.text, document.articles)
    assert time.perf_counter() - started < 90
    assert len(document.articles) == document.text.count("城东新城经济运行")
    assert len(sentences) == document.text.count("。") + document.text.count("\n■") + 1 + 2 * len(document.articles) - 1


# --- seeds: structure only ----------------------------------------------------

@pytest.mark.parametrize("path", SEEDS, ids=lambda path: path.name)
def test_seed_page_structure_is_consistent(path):
    document = load_document(path)
    text = document.text
    assert document.articles, "a page has at least one article"
    for article, following in zip(document.articles, document.articles[1:]):
        assert article.end <= following.start
    sentences = split_sentences(text, document.articles)
    assert_offsets_consistent(text, sentences)
    covered = {offset for sentence in sentences for offset in sentence.offsets}
    for line in analyse_layout(text).lines:
        if line.role == BODY:
            missing = [i for i in range(line.content_start, line.end) if not text[i].isspace() and i not in covered]
            assert not missing, f"body text left out of every sentence at {line.start}"
    for sentence in sentences:
        assert -1 <= sentence.article < len(document.articles)
        if sentence.article >= 0:
            article = document.articles[sentence.article]
            assert article.start <= sentence.start and sentence.end <= article.end
    outside = {line.start for line in analyse_layout(text).lines if line.role in OUTSIDE_ARTICLES}
    assert all(sentence.article == -1 for sentence in sentences if sentence.start in outside)


# --- files, manifest, dates -------------------------------------------------

def test_read_manifest_keys_entries_by_file_name(tmp_path):
    lines = [
        {"source_file": "a.txt", "title": "甲", "publisher": "某报", "date": "2022-02", "url": None},
        {"source_file": "sub/b.txt", "title": "乙", "date": "2021"},
    ]
    (tmp_path / "manifest.jsonl").write_text(
        "\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n\n", encoding="utf-8")
    manifest = read_manifest(tmp_path)
    assert set(manifest) == {"a.txt", "b.txt"}
    assert manifest["a.txt"]["title"] == "甲"


def test_read_manifest_without_a_file_is_empty(tmp_path):
    assert read_manifest(tmp_path) == {}


@pytest.mark.parametrize("content, message", [
    ('{"source_file": "a.txt"}\n{"source_file": "a.txt"}\n', "line 2: lists a.txt a second time"),
    ('{"source_file": "a.txt"}\n{broken\n', "line 2: is not valid JSON"),
    ('{"title": "无名"}\n', "line 1: has no source_file"),
])
def test_read_manifest_rejects_broken_manifests(tmp_path, content, message):
    (tmp_path / "manifest.jsonl").write_text(content, encoding="utf-8")
    with pytest.raises(DocumentError, match=message):
        read_manifest(tmp_path)


def test_load_document_takes_metadata_from_the_manifest(tmp_path):
    data = LAYOUT_PAGE.encode("gb18030")
    path = tmp_path / "017_page.txt"
    path.write_bytes(data)
    entry = {"source_file": "017_page.txt", "title": "专版", "publisher": "某日报", "date": "2022-02",
             "url": "https://example.org/p/17"}
    document = load_document(path, entry)
    assert document.doc_id == Document.id_for(data)
    assert (document.source_file, document.encoding, document.text) == ("017_page.txt", "gb18030", LAYOUT_PAGE)
    assert (document.title, document.publisher, document.url) == ("专版", "某日报", "https://example.org/p/17")
    assert document.date == dt.date(2022, 2, 1)
    assert [article.title for article in document.articles] == LAYOUT_PAGE_TITLES


def test_load_document_without_manifest_uses_the_text(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("2022年4月21日 星期四\n\n" + LAYOUT_PAGE, encoding="utf-8")
    document = load_document(path)
    assert document.date == dt.date(2022, 4, 21)
    assert document.title == LAYOUT_PAGE_TITLES[0]


def test_load_document_reports_unreadable_files(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(DocumentError, match="^photo.txt: .*PNG"):
        load_document(path)
    with pytest.raises(DocumentError, match="^missing.txt: cannot read"):
        load_document(tmp_path / "missing.txt")


def test_a_bad_manifest_date_is_an_error():
    with pytest.raises(DocumentError, match="manifest date"):
        build_document("正文。".encode(), "a.txt", {"source_file": "a.txt", "date": "去年"})


@pytest.mark.parametrize("head, expected", [
    ("——2025年1月8日在市第十四届人民代表大会第五次会议上\n", dt.date(2025, 1, 8)),
    ("二〇二二年四月二十一日\n", dt.date(2022, 4, 21)),
    ("２０２３年１２月３日　星期日　第３版\n", dt.date(2023, 12, 3)),
    ("2024-05-08\n", dt.date(2024, 5, 8)),
    ("发布时间：2031-06-12 来源：某区人民政府\n", dt.date(2031, 6, 12)),        # a dateline after its label
    ("2031-11-05 09:30 某某融媒\n", dt.date(2031, 11, 5)),
    ("来源：某某日报 发布日期：2031年6月12日\n", dt.date(2031, 6, 12)),
    ("发布时间:2031-03-31  来源:某区人民政府  浏览次数:12\n", dt.date(2031, 3, 31)),   # spaced like cells
    ("会议于2031年6月12日召开，全区新增企业一千家。\n", None),           # a date in a sentence is an event's
    ("2025年以来，全区新增企业一千家。\n", None),
    ("全区经济平稳增长。\n" * 20 + "2022年4月21日\n", None),   # too far down to date the page
])
def test_document_date_from_text(head, expected):
    assert document_date_from_text("政府工作报告\n\n" + head + "\n正文。") == expected
