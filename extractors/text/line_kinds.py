"""What a line of a page says it is, read on its own.

``line_kind`` looks at one line's text only: a markdown heading, a table
row, a photo caption or credit, a page label, a byline, a lone personal
name, a short line (headline, caption or layout fragment: the neighbours
decide, see ``layout``) or body text. All patterns expect the normalised
view (full-width digits already ASCII, traditional characters simplified).
"""
from __future__ import annotations

import re

from extractors.catalog import DIVISION_SUFFIXES, ZONE_SUFFIXES
from extractors.text.surnames import is_personal_name

# Kinds. BODY, BYLINE, CAPTION, LABEL and TABLE are also final roles.
BODY = "body"
BYLINE = "byline"
CAPTION = "caption"          # photo captions and credits
LABEL = "label"              # page labels: 专版, 第3版, a date line
TABLE = "table"              # a row of a table
HEADING = "heading"          # a markdown heading
SHORT = "short"              # headline, sub-heading, caption or fragment
NAME = "name"                # a lone personal name: a byline under a headline

# A short line is at most this many characters: headlines on the pages run
# 15-26; lines the layout cut from a paragraph are mostly longer.
SHORT_LINE_MAX = 30

SENTENCE_END = "。！？!?"
CLOSING_MARKS = "”’」』）)》】〕\"'"
# A line ending with one of these ends a real paragraph; any other ending
# means the page layout broke the paragraph and the next body line goes on.
PARAGRAPH_END = "。！？!?；;：:…"

_MARKDOWN_HEADING = re.compile(r"#{1,6}[ \t]+(?=\S)")
_CELLS_SEPARATED_BY_SPACES = re.compile(r"\S(?:\t| {2,})(?=\S)")
_PHOTO_CREDIT = re.compile(
    r"(?:^|\s)(?:(?:本报|新华社)?记者|通讯员)?\s*[\u4e00-\u9fff·]{2,5}\s*[/／]?\s*摄(?:影)?$"
    r"|^(?:摄影|图|图片|供图)\s*[/／:：]\s*\S"
    r"|\S\s*供图$|新华社发$|^\(?（?资料图片?）?\)?$"
)
_PICTURE_SOURCE = re.compile(
    r"[（(]?图片由.{1,40}?提供[)）]?$|[（(]资料图片?[)）]|^本版图片|^图片来源|[（(]图片来源[^)）]*[)）]$"
)
_PAGE_LABEL = re.compile(
    r"^(?:专\s*版|特\s*刊|[A-Z]?\d{1,2}\s*版|第\s*[0-9一二三四五六七八九十]+\s*版(?:\s*\S{0,8})?"
    r"|\d{4}年\d{1,2}月\d{1,2}日(?:\s*星期[一二三四五六日天])?(?:\s*\S{0,10}版)?)$"
)
_CONTENTS_MARK = re.compile(r"要目|目录|本期导读|今日导读")
_REGION_KICKER = re.compile(r"^(?:[\u4e00-\u9fff]{1,8}?(?:" + "|".join((*DIVISION_SUFFIXES, *ZONE_SUFFIXES)) + "))+$")
_NUMBERED_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.]|[（(][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十百]{1,4}[章节部分篇]"
    r"|\d{1,2}[.、](?!\d))"
)
_SPACE_BETWEEN_WORDS = re.compile(r"[\u4e00-\u9fff”」》)）]\s+[\u4e00-\u9fff“「《(（\dA-Za-z]")
_SUBTITLE_DASH = re.compile(r"^[—\-－]{1,2}")
_ORGANISATION = re.compile(r"^[\u4e00-\u9fff]{2,24}(?:统计局|人民政府|委员会|办公室|办公厅|调查队|研究院)$")
_BULLETS = "■□●◆▲◇○◎▶►"
_BYLINE_ROLES = frozenset({
    "本报记者", "记者", "通讯员", "实习生", "见习记者", "特约记者", "本报通讯员",
    "文", "图", "文图", "文/图", "摄影", "撰稿", "整理", "执笔", "编辑",
})
_NARROW_CHARACTERS = re.compile("[\x00-\u2e7f]")   # half width on the page (below CJK radicals)
_BYLINE_SEPARATOR = r"[\s/／|｜、:：]"
_BYLINE_SEPARATORS = re.compile(_BYLINE_SEPARATOR + "+")
# Without a bullet, every token of a byline is a role or a personal name:
# Han characters only, at most as many as the longest role (names have up
# to four). Most short lines fail this one match before they are cut into
# tokens (a test checks the roles are Han and compares with the plain code).
_TOKEN = f"[\u4e00-\u9fff]{{1,{max(4, *map(len, _BYLINE_ROLES))}}}"
_UNBULLETED_BYLINE_SHAPE = re.compile(
    f"{_BYLINE_SEPARATOR}*{_TOKEN}(?:{_BYLINE_SEPARATOR}+{_TOKEN})*{_BYLINE_SEPARATOR}*")
_BULLETED_NAME = re.compile(r"[\u4e00-\u9fff·]{2,6}")
# A dateline: the page's date, alone or after its label, with the source and the time beside it
# (``发布时间：2031-06-12 来源：某区人民政府``, ``2031-11-05 09:30 某某融媒``,
# ``来源：某某日报 发布日期：2031年6月12日``). A date inside a sentence is about an event.
_DATE_LABEL = r"(?:发布时间|发布日期|发布于|发表时间|更新时间|时间|日期)\s*[：:]?\s*"
FULL_DATE = r"(?P<year>\d{4})\s*[年./-]\s*(?P<month>\d{1,2})\s*[月./-]\s*(?P<day>\d{1,2})(?![\d.])\s*日?"
_LABELLED_DATE = re.compile(_DATE_LABEL + r"\d{4}")
DATELINE = re.compile(rf"^(?:[^。！？!?\d]{{0,30}}?{_DATE_LABEL}|[—\-\s(（]*){FULL_DATE}"
                      rf"(?:\s*\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?(?:\s[^。！？!?]{{0,40}})?$")
_DATELINE_MAX = 60


# The longest caption; labels, bylines and short lines are shorter still,
# so a longer line (most lines of a page) is body text or a table row.
_CAPTION_MAX = 80
# Titles of reports and bulletins run longer than other headlines (关于某县2031年国民经济与社会
# 发展计划完成情况及2032年计划安排的报告): a line that ends as one may be a headline up to a caption's length.
_LONG_TITLE_END = re.compile(r"(?:报告|公报|纲要)[)）]?$")


def line_kind(text: str) -> tuple[str, int]:
    """``(kind, markdown heading level or 0)`` of a stripped line."""
    if text.startswith("#") and _MARKDOWN_HEADING.match(text):
        return HEADING, len(text) - len(text.lstrip("#"))
    if _is_table_row(text):
        # a labelled dateline spaced like cells (发布时间:… 来源:…) is still the page's dateline
        return (BYLINE if len(text) <= _DATELINE_MAX and _LABELLED_DATE.search(text) and is_dateline(text)
                else TABLE), 0
    if len(text) > _CAPTION_MAX:
        return BODY, 0
    if "图" in text and _PICTURE_SOURCE.search(text) or is_photo_credit(text):
        return CAPTION, 0
    if len(text) <= 40 and _PAGE_LABEL.match(text):
        return LABEL, 0
    if len(text) <= _DATELINE_MAX and is_dateline(text):
        return BYLINE, 0
    byline = _byline_kind(text)
    if byline:
        return byline, 0
    return (SHORT if _is_short(text) else BODY), 0


def is_dateline(text: str) -> bool:
    """``发布时间：2031-06-12 来源：某区人民政府``: the line that dates the page, never its title."""
    # map with the C method: no Python frame per character, as a generator has
    return any(map(str.isdigit, text[:40])) and bool(DATELINE.match(text))


def markdown_marker_length(text: str) -> int:
    """Length of the ``## `` in front of a markdown heading, else 0."""
    heading = _MARKDOWN_HEADING.match(text)
    return heading.end() if heading else 0


def is_complete(line_text: str) -> bool:
    """True when a line ends a real paragraph (terminal punctuation)."""
    stripped = line_text.rstrip(CLOSING_MARKS + " \t")
    return bool(stripped) and stripped[-1] in PARAGRAPH_END


def is_photo_credit(text: str) -> bool:
    """``马丁 摄``, ``图/陈二``, ``新华社发``: who took or gave a photo."""
    # Every credit pattern holds 摄, 图 or 发: most lines are ruled out
    # without running the pattern.
    return len(text) <= 25 and ("摄" in text or "图" in text or "发" in text) and bool(_PHOTO_CREDIT.search(text))


def is_region_name_line(text: str) -> bool:
    """``杭州市上城区``, ``杭州建德市更楼街道``: region names and nothing else."""
    return len(text) <= 16 and bool(_REGION_KICKER.match(text))


def looks_like_subheading(text: str) -> bool:
    """Two phrases split by a space (``稳住基本盘 激发新动能``) or numbered (``二、``)."""
    return bool(_SPACE_BETWEEN_WORDS.search(text) or _NUMBERED_HEADING.match(text))


def marks_contents(text: str) -> bool:
    return bool(_CONTENTS_MARK.search(text))


def is_subtitle_or_issuer(text: str) -> bool:
    """``——…`` under a title, or the issuing body (``杭州市统计局``): never the title."""
    return bool(_SUBTITLE_DASH.match(text) or _ORGANISATION.match(text))


def display_width(text: str) -> float:
    """Width on the page: a Han character is one, an ASCII character half."""
    # Halves and ones add up exactly in floating point, so counting the
    # narrow characters gives the same number as summing per character.
    return len(text) - 0.5 * len(_NARROW_CHARACTERS.findall(text))


def _is_table_row(text: str) -> bool:
    if text.startswith("|") or text.count("|") >= 2 or "\t" in text:
        return True
    # Cells separated by runs of spaces: at least three short cells (no
    # tab here, so without two adjacent spaces there is no such cell).
    if "  " in text and len(_CELLS_SEPARATED_BY_SPACES.findall(text)) >= 2:
        cells = re.split(r"\t| {2,}", text)
        return all(len(cell) <= 20 for cell in cells) and not is_complete(text)
    return False


def _is_short(text: str) -> bool:
    """A line that may be a headline, a caption or a layout fragment.

    A short line ending with ？ or ！ counts: a question can be a headline
    (decided by the byline under it); elsewhere it stays body text.
    """
    if len(text) > SHORT_LINE_MAX and not (len(text) <= _CAPTION_MAX and _LONG_TITLE_END.search(text)):
        return False
    stripped = text.rstrip(CLOSING_MARKS)
    return bool(stripped) and stripped[-1] not in "，,、；;：:。…"


def _byline_kind(text: str) -> str:
    """``byline`` for a line of author names, ``name`` for a lone name.

    A bullet (``■``) marks a byline whatever the names look like; without
    one, every name must start with a common surname, so that two-word
    headings (``韧性 合力``) are not taken for names.
    """
    if len(text) > 40:
        return ""
    has_bullet = text[0] in _BULLETS
    body = text.lstrip(_BULLETS).strip()
    if not has_bullet and not _UNBULLETED_BYLINE_SHAPE.fullmatch(body):
        return ""
    tokens = [token for token in _BYLINE_SEPARATORS.split(body) if token]
    names = [token for token in tokens if token not in _BYLINE_ROLES]
    if not names or len(names) > 8:
        return ""
    if has_bullet:
        plausible = all(_BULLETED_NAME.fullmatch(name) for name in names)
        return BYLINE if plausible else ""
    if not all(is_personal_name(name) for name in names):
        return ""
    if len(names) >= 2 or len(tokens) > len(names):
        return BYLINE
    return NAME
