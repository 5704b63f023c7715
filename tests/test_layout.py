"""analyse_layout(): what each line of a page is."""
from __future__ import annotations

import pytest

from extractors.text.layout import (
    BODY, BYLINE, CAPTION, CONTENTS, HEADLINE, LABEL, SUBHEADING, analyse_layout, is_complete,
)
from extractors.text.surnames import is_personal_name
from page_samples import LAYOUT_PAGE, MARKDOWN_PAGE


def roles(text: str) -> dict[str, str]:
    """Line text (markdown marker included) -> role."""
    return {text[line.start:line.end]: line.role for line in analyse_layout(text).lines}


def test_every_line_of_the_sample_page_gets_its_role():
    found = roles(LAYOUT_PAGE)
    assert found["专 版"] == LABEL
    assert found["推进城乡融合 建设美丽家园"] == HEADLINE
    assert found["■ 孙晓 周一鸣"] == BYLINE
    assert found["林晓燕 邵一凡"] == BYLINE
    assert found["科创引领"] == found["打造智能制造新高地"] == SUBHEADING
    assert found["## 居民议事定方案"] == SUBHEADING
    assert found["杭州市拱墅区"] == HEADLINE
    for caption in ("青山湖科技城夜景", "吴海 摄", "图片由青山湖街道提供", "丰收节现场", "绿色出行", "低碳生活"):
        assert found[caption] == CAPTION, caption
    assert found["| 本期要目 | 第3版 | 第5版 |"] == CONTENTS
    assert found["明年。"] == BODY


def test_a_lone_name_under_a_heading_is_a_byline_and_a_caption_before_a_head_is_a_caption():
    found = roles(MARKDOWN_PAGE)
    assert found["郑宁"] == BYLINE
    assert found["大厦航拍 何平"] == CAPTION
    assert found["### 楼宇经济观察"] == HEADLINE


@pytest.mark.parametrize("fragment", ["预计全年可实现产", "比如，东湖街道为进一步扩大社区"])
def test_a_short_fragment_of_a_cut_paragraph_is_body_not_a_heading(fragment):
    page = f"全区经济保持平稳增长。\n\n{fragment}\n\n值约十二亿元，比上年有所提高。\n"
    assert roles(page)[fragment] == BODY


def test_a_short_line_with_an_inner_space_after_a_complete_paragraph_is_a_subheading():
    page = "全区经济保持平稳增长。\n\n稳住基本盘 激发新动能\n\n今年以来，全区新增市场主体两千余户。\n"
    assert roles(page)["稳住基本盘 激发新动能"] == SUBHEADING


def test_a_short_line_inside_a_broken_sentence_is_a_caption():
    page = "全区人才工作成效明显。\n\n今年以来，园区累计引进高层次人才团队\n\n\n\n创业园一角\n\n23个，带动就业三千余人。\n"
    assert roles(page)["创业园一角"] == CAPTION


def test_a_numbered_section_heading_is_a_subheading():
    page = "全年经济运行总体平稳。\n\n二、工业和建筑业\n\n全年规模以上工业增加值增长百分之六。\n"
    assert roles(page)["二、工业和建筑业"] == SUBHEADING


def test_hard_wrapped_lines_of_equal_width_are_body():
    page = (
        "全区统计公报\n\n"
        "全年实现地区生产总值一千二百亿元\n"
        "按可比价格计算比上年增长百分之六\n"
        "其中第三产业增加值七百亿元比上\n"
        "年增长百分之七。\n"
    )
    found = roles(page)
    assert {found[line] for line in page.splitlines()[2:]} == {BODY}


def test_bylines_need_surnames_unless_marked_with_a_bullet():
    assert roles("标题一行\n\n韧性 合力\n")["韧性 合力"] != BYLINE
    assert roles("标题一行\n\n■ 乜小 斛律光\n")["■ 乜小 斛律光"] == BYLINE
    assert roles("标题一行\n\n本报记者 章一 通讯员 叶二\n")["本报记者 章一 通讯员 叶二"] == BYLINE


def test_photo_credits_and_picture_sources_are_captions():
    page = "正文第一段写完了。\n\n湖畔新景（资料图）\n\n本报记者 王一 摄\n\n图/陈二\n\n正文第二段也写完了。\n"
    found = roles(page)
    assert found["湖畔新景（资料图）"] == found["本报记者 王一 摄"] == found["图/陈二"] == CAPTION


def test_carriage_returns_alone_also_break_lines():
    page = "城西新区\r\r■ 朱三 杨四\r\r全区新增企业一百家。\r"
    layout = analyse_layout(page)
    assert [line.role for line in layout.lines] == [HEADLINE, BYLINE, BODY]


@pytest.mark.parametrize("line, complete", [
    ("全年增长百分之六。", True),
    ("他说：“今年再上一个台阶。”", True),
    ("主要有以下几点：", True),
    ("项目总投资达", False),
    ("持续优化营商环境，", False),
    ("打造“最美窗口”", False),
])
def test_is_complete(line, complete):
    assert is_complete(line) is complete


@pytest.mark.parametrize("word, expected", [
    ("杨雪", True), ("詹丽华", True), ("欧阳晓明", True),
    ("韧性", False), ("创新活力", False), ("王", False), ("Li Lei", False),
])
def test_is_personal_name(word, expected):
    assert is_personal_name(word) is expected
