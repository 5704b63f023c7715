"""The fast paths of year resolution give exactly what the plain code gives."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.periods.years import HEADING_LINE, YearResolver, _enter_section

_PIECES = st.sampled_from(["一、", "（二）", "第三部分", "2023年", "2024年工作回顾", "报告", "增长", "。", "！", "；",
                           "\n", "\r\n", " ", "\u3000", "#", "## ", "1.", "经济运行情况", "主要目标", "完成情况", "a" * 30, "\t"])


def _section_years_by_finditer(text):
    """The section scan as first written: HEADING_LINE over the whole text."""
    sections, open_sections = [], []
    for line in HEADING_LINE.finditer(text):
        if line.group().strip():
            sections.append((line.start(), *_enter_section(open_sections, line.group())))
    return sections


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_section_years_match_the_whole_text_scan(text):
    assert YearResolver._section_years(text) == _section_years_by_finditer(text)
