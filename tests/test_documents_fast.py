"""Shortcuts in building a document give what the plain code gives."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.text.layout import _scan_lines, _LINE_BREAK

_PIECES = st.sampled_from(["后", "後", "經濟", "发展", "9", "：", ":", "１", "\n", "\r\n", "\r", " ", "\u3000",
                           "乾隆", "乾燥", "頭髮", "\x1c", "\u2028", "a", "#"])


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


def _byline_kind_unscreened(text):
    """The byline test as first written, without the shape screen."""
    import re

    from extractors.text.line_kinds import _BULLETS, _BYLINE_ROLES, _BYLINE_SEPARATORS, BYLINE, NAME
    from extractors.text.surnames import is_personal_name
    if len(text) > 40:
        return ""
    has_bullet = text[0] in _BULLETS
    body = text.lstrip(_BULLETS).strip()
    tokens = [token for token in _BYLINE_SEPARATORS.split(body) if token]
    names = [token for token in tokens if token not in _BYLINE_ROLES]
    if not names or len(names) > 8:
        return ""
    if has_bullet:
        return BYLINE if all(re.fullmatch(r"[\u4e00-\u9fff·]{2,6}", name) for name in names) else ""
    if not all(is_personal_name(name) for name in names):
        return ""
    return BYLINE if len(names) >= 2 or len(tokens) > len(names) else NAME


_BYLINE_PIECES = st.sampled_from(["张", "欧阳", "晓明", "丽华", "本报记者", "本报通讯员", "文/图", "摄影", "韧性", "合力",
                                  " ", "\u3000", "/", "／", "|", "、", "：", ":", "■", "·", "a", "1", "创新活力发展"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(_BYLINE_PIECES, min_size=1, max_size=12).map("".join))
def test_byline_screen_changes_no_answer(text):
    from extractors.text.line_kinds import _byline_kind
    assert _byline_kind(text) == _byline_kind_unscreened(text)


def test_byline_roles_fit_the_screen():
    from extractors.text.line_kinds import _BYLINE_ROLES, _BYLINE_SEPARATORS, _UNBULLETED_BYLINE_SHAPE
    for role in _BYLINE_ROLES:
        for token in filter(None, _BYLINE_SEPARATORS.split(role)):
            assert _UNBULLETED_BYLINE_SHAPE.fullmatch(token), token


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["：", "9", "0", "a", "：：", "１", "\n", "时"]), max_size=30).map("".join))
def test_colon_pattern_matches_the_lookbehind_first_form(text):
    import re

    from extractors.text.encoding import _COLON_BETWEEN_DIGITS
    assert _COLON_BETWEEN_DIGITS.sub(":", text) == re.sub(r"(?<=[0-9])：(?=[0-9])", ":", text)
