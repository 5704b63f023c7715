"""The fast paths of year resolution give exactly what the plain code gives."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.periods import HEADING_LINE, REPORT_HEADLINE, YEAR, YearResolver, _heading_depth

_PIECES = st.sampled_from(["一、", "（二）", "第三部分", "2023年", "2024年工作回顾", "报告", "增长", "。", "！", "；",
                           "\n", "\r\n", " ", "\u3000", "#", "## ", "1.", "经济运行情况", "a" * 30, "\t"])


def _section_years_by_finditer(text):
    """The section scan as first written: HEADING_LINE over the whole text."""
    sections, open_sections = [], []
    for line in HEADING_LINE.finditer(text):
        heading = line.group()
        if not heading.strip():
            continue
        depth = _heading_depth(heading.strip(" \t\u3000#"))
        while open_sections and open_sections[-1][0] >= depth:
            open_sections.pop()
        year = None if REPORT_HEADLINE.search(heading) else YEAR.search(heading)
        open_sections.append((depth, int(year.group(1)) if year else None))
        in_force = next((y for _, y in reversed(open_sections) if y), None)
        sections.append((line.start(), in_force))
    return sections


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_section_years_match_the_whole_text_scan(text):
    assert YearResolver._section_years(text) == _section_years_by_finditer(text)
