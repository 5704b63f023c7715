"""Shortcuts in building a document give what the plain code gives."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors import documents
from extractors.encoding import normalise
from extractors.layout import _scan_lines, _LINE_BREAK

_PIECES = st.sampled_from(["后", "後", "經濟", "发展", "9", "：", ":", "１", "\n", "\r\n", "\r", " ", "\u3000",
                           "乾隆", "乾燥", "頭髮", "\x1c", "\u2028", "a", "#"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join), st.integers(min_value=0, max_value=45))
def test_head_view_is_the_normalised_head(text, limit):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(documents, "_DATE_SEARCH_CHARACTERS", limit)
        assert documents._head_view(text) == normalise(text[:limit])


def _scan_lines_by_regex(view):
    """The line scanner as first written: a regex for the line breaks."""
    lines, after_blank, block, position = [], True, 0, 0
    for line_break in [*_LINE_BREAK.finditer(view), None]:
        end = line_break.start() if line_break else len(view)
        raw = view[position:end]
        stripped = raw.strip()
        if stripped:
            if after_blank and lines:
                block += 1
            first = position + len(raw) - len(raw.lstrip())
            lines.append((len(lines), first, first + len(stripped), stripped, after_blank, block))
            after_blank = False
        else:
            after_blank = True
        if line_break:
            position = line_break.end()
    return lines


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES | st.sampled_from(["\x0b", "\x0c", "\x85", "\u2029", "\x1d", "\x1e", "\t"]),
                max_size=40).map("".join))
def test_scan_lines_matches_the_regex_scanner(view):
    lines = [(line.index, line.start, line.end, line.text, line.blank_before, line.block) for line in _scan_lines(view)]
    assert lines == _scan_lines_by_regex(view)
