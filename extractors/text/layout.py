"""Page layout: which line of a page is body text, a headline, a byline, a
photo caption, a table row; where each article starts.

A newspaper page as text is a sequence of lines. Body paragraphs are long
lines (or runs of lines broken by the page layout); everything else is short.
The hard part is telling apart three kinds of short line that look alike:

* a headline or sub-heading (starts or structures an article),
* a photo caption (belongs to no article and is no body text),
* a fragment of a body sentence that the layout cut off (``场景是关``).

The decision uses the neighbourhood of the line, in this order:

1. Lines that say what they are (``line_kinds``): markdown headings,
   bylines (``■ 张三 李四`` or a line of personal names), credits
   (``马丁 摄``, ``图片由…提供``), page labels (``专 版``), table rows.
2. A run of short lines followed by a byline, holding a top-level markdown
   heading, a region kicker above a heading (``杭州市上城区`` / ``# …``) or a
   page label, or opening the page, starts an article. Splitting at bylines and top-level headings is
   preferred: a wrong split misattributes regions downstream, a missed
   sub-heading costs nothing.
3. Short lines between a body paragraph that stops mid-sentence and the body
   text that continues it are captions.
4. Short lines followed by no body text (end of page, before a table or the
   next article) are captions.
5. Otherwise a short line with an inner space (``关注一老一小 用心用情…``), a
   numbered one (``一、``) or a block of adjacent short lines
   (``创新活力\\n构建…``) is a sub-heading; a lone short line is a fragment
   of the body paragraph that follows.

All patterns run on ``normalise(text)``, which has the same length as the
text, so every offset here is an offset into the text as decoded.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

from extractors.text.encoding import normalise
from extractors.text.heads import resolve_article_head, starts_article
from extractors.text.line_kinds import (
    BODY, BYLINE, CAPTION, CLOSING_MARKS, HEADING, LABEL, NAME, SENTENCE_END, SHORT, TABLE,
    display_width, is_complete, is_photo_credit, line_kind,
    looks_like_subheading, markdown_marker_length, marks_contents,
)
from extractors.text.page_lines import CONTENTS, HEADLINE, OUTSIDE_ARTICLES, RUN_KINDS, SUBHEADING, Line

__all__ = [
    "BODY", "BYLINE", "CAPTION", "CLOSING_MARKS", "CONTENTS", "HEADLINE", "LABEL", "OUTSIDE_ARTICLES",
    "SENTENCE_END", "SUBHEADING", "TABLE", "LayoutLine", "PageLayout", "analyse_layout", "is_complete",
]

_LINE_BREAK = re.compile(r"\r\n|[\n\r\u2028\u2029\x0b\x0c\x85]")


class LayoutLine(NamedTuple):
    """A non-blank line: ``[start, end)`` excludes surrounding whitespace.

    ``content_start`` skips a markdown heading marker (``## ``), so the
    headline text is ``text[content_start:end]``; ``text`` is that content
    in the normalised view. A named tuple: immutable like a frozen
    dataclass (layouts are cached and shared) at a sixth of the cost to
    build, one per line of every page.
    """

    index: int
    start: int
    end: int
    content_start: int
    text: str
    blank_before: bool
    role: str
    heading_level: int = 0


@dataclass(frozen=True)
class PageLayout:
    lines: tuple[LayoutLine, ...]
    # Index of the first line of each article head; an untitled first
    # article starts at its first body line.
    article_first_lines: tuple[int, ...]
    # Per article: indices of the lines that make up its title.
    title_lines: tuple[tuple[int, ...], ...]


def analyse_layout(text: str) -> PageLayout:
    """Classify every non-blank line of a page and find its articles."""
    # The layout depends on the normalised view only, so the raw text and
    # its view (what documents and the engine each pass) share one entry
    # whenever normalising the view changes nothing more.
    return _analyse_layout_cached(normalise(text))


@functools.lru_cache(maxsize=4)  # the views of the last few pages
def _analyse_layout_cached(view: str) -> PageLayout:
    lines = _scan_lines(view)
    for line in lines:
        line.kind, line.heading_level = line_kind(line.text)
        if line.kind == HEADING:
            marker = markdown_marker_length(line.text)
            line.content_start = line.start + marker
            line.text = line.text[marker:]
    _mark_wrapped_blocks(lines)
    _mark_contents_boxes(lines)
    _mark_captions_before_credits(lines)
    article_first_lines, title_lines = _resolve_short_line_runs(lines)
    # A line no rule gave a role keeps its kind; short lines and lone names are body text.
    frozen = tuple(
        LayoutLine(line.index, line.start, line.end, line.content_start, line.text, line.blank_before,
                   line.role or (BODY if line.kind in (SHORT, NAME) else line.kind), line.heading_level)
        for line in lines
    )
    return PageLayout(frozen, tuple(article_first_lines), tuple(title_lines))


# ---------------------------------------------------------------------------
# line scanning

def _scan_lines(view: str) -> list[Line]:
    """Non-blank lines with offsets; ``\r\n``, ``\r`` and ``\n`` all break lines."""
    lines: list[Line] = []
    after_blank = True
    block = 0
    position = 0
    for piece in _line_pieces(view):
        stripped = piece.strip()   # also drops the line break at its end
        if stripped:
            if after_blank and lines:
                block += 1
            first = position + len(piece) - len(piece.lstrip())
            lines.append(Line(len(lines), first, first + len(stripped), first, stripped, after_blank, block, ""))
            after_blank = False
        else:
            after_blank = True
        position += len(piece)
    return lines


def _line_pieces(view: str) -> list[str]:
    """The lines of ``view``, each with the line break that ends it.

    ``str.splitlines`` (in C) breaks at the same characters as
    ``_LINE_BREAK`` plus \x1c-\x1e; a page holding one of those is cut by
    the regex instead.
    """
    if "\x1c" not in view and "\x1d" not in view and "\x1e" not in view:
        return view.splitlines(keepends=True)
    pieces, position = [], 0
    for line_break in _LINE_BREAK.finditer(view):
        pieces.append(view[position:line_break.end()])
        position = line_break.end()
    pieces.append(view[position:])
    return pieces


# ---------------------------------------------------------------------------
# context rules

def _mark_wrapped_blocks(lines: list[Line]) -> None:
    """Lines of a hard-wrapped paragraph are body text, however short.

    Three or more adjacent lines of nearly equal width are a wrapped
    paragraph, not a stack of headlines.
    """
    # A block starts at each line after a blank (the first line included).
    starts = [line.index for line in lines if line.blank_before]
    for start, end in zip(starts, [*starts[1:], len(lines)]):
        if end - start < 3:
            continue
        block = lines[start:end]
        # A width lies between half the length and the length: most blocks
        # fail on their lengths alone, without measuring widths.
        lengths = [len(line.text) for line in block[:-1]]
        if min(lengths) < 12 or max(lengths) / 2 - min(lengths) > 2:
            continue
        widths = [display_width(line.text) for line in block[:-1]]
        if min(widths) >= 12 and max(widths) - min(widths) <= 2:
            for line in block:
                if line.kind == SHORT:
                    line.kind = BODY


def _mark_contents_boxes(lines: list[Line]) -> None:
    """A table holding 要目/目录 is a contents box; so are the short lines
    listed under a standalone 要目 line."""
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.kind == TABLE:
            end = index
            while end < len(lines) and lines[end].kind == TABLE:
                end += 1
            if any(marks_contents(row.text) for row in lines[index:end]):
                for row in lines[index:end]:
                    row.role = CONTENTS
            index = end
            continue
        if line.kind in (SHORT, LABEL) and marks_contents(line.text) and len(line.text) <= 12:
            line.role = CONTENTS
            following = index + 1
            while following < len(lines) and lines[following].kind in (SHORT, NAME, BYLINE):
                lines[following].role = CONTENTS
                following += 1
            index = following
            continue
        index += 1


def _mark_captions_before_credits(lines: list[Line]) -> None:
    """``上城区小营街道全景图`` followed by ``马丁 摄``: the line a credit
    refers to is a caption too."""
    for position, line in enumerate(lines):
        if line.kind != CAPTION or position == 0:
            continue
        previous = lines[position - 1]
        if previous.role or previous.kind not in (SHORT, BODY):
            continue
        adjacent = previous.block == line.block
        credit = is_photo_credit(line.text)
        if previous.kind == SHORT and (adjacent or credit):
            previous.kind = CAPTION
        elif previous.kind == BODY and credit and len(previous.text) <= 40 and previous.blank_before:
            previous.kind = CAPTION


def _resolve_short_line_runs(lines: list[Line]) -> tuple[list[int], list[tuple[int, ...]]]:
    heading_levels = [line.heading_level for line in lines if line.kind == HEADING]
    top_level = min(heading_levels, default=0)
    article_first_lines: list[int] = []
    title_lines: list[tuple[int, ...]] = []
    in_head = False        # an article started and no text of it yet: its head goes on
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.role:
            index += 1
            continue
        if line.kind not in RUN_KINDS:
            if line.kind in (BODY, TABLE):
                in_head = False
            if line.kind == BODY:
                if not article_first_lines:
                    article_first_lines.append(index)
                    title_lines.append(())
            elif line.kind == CAPTION:
                line.role = CAPTION
            index += 1
            continue
        end = index
        while end < len(lines) and not lines[end].role and lines[end].kind in RUN_KINDS:
            # A lone name set apart under a headline is that article's byline
            # (杨雪 under ## 优化营商环境…); a two-character word glued to the
            # line above (安居 / 以善治…) is a heading.
            if lines[end].kind == NAME and end > index and lines[end].blank_before \
                    and (lines[end - 1].kind == HEADING or len(lines[end - 1].text) >= 8):
                lines[end].kind = BYLINE
                break
            end += 1
        run = lines[index:end]
        following = lines[end] if end < len(lines) else None
        # Lines between two bylines of one head (a dateline, then 期号 and 关键词, then 文|…) are
        # no article of their own: an article has text before the next one starts.
        if not in_head and starts_article(run, following, top_level, page_opening=not article_first_lines):
            first, title = resolve_article_head(run)
            article_first_lines.append(first)
            title_lines.append(title)
            in_head = True
        else:
            _resolve_inner_run(lines, index, end)
        index = end
    return article_first_lines, title_lines


def _resolve_inner_run(lines: list[Line], start: int, end: int) -> None:
    """Short lines inside an article: sub-headings, captions or fragments.

    Read in order, because each decision changes the context of the next:
    after ``如果说创业者大会是陪跑成果的`` (a fragment, so the paragraph is
    broken) the following ``2025杭州创马精英赛`` can only be a caption.
    """
    previous = _previous_body(lines, start)
    next_content = _next_content(lines, end)
    followed_by_body = next_content is not None and next_content.kind in (BODY, SHORT)
    run = lines[start:end]
    for block in _group_by_block(run):
        for position, line in enumerate(block):
            if line.kind == HEADING:
                line.role = SUBHEADING
                previous = None
                continue
            if line.kind == LABEL:
                line.role = LABEL
                continue
            if is_complete(line.text):
                # A short question or exclamation inside an article is prose.
                line.role = BODY
                previous = line
                continue
            broken = previous is not None and previous.role in ("", BODY) and not is_complete(previous.text)
            if broken and not line.blank_before and line.index == previous.index + 1:
                # Glued to a body line that stops mid-sentence: hard-wrapped text.
                line.role = BODY
            elif (broken and followed_by_body) or not followed_by_body:
                line.role = CAPTION
                continue
            elif len(block) >= 2 or looks_like_subheading(line.text):
                line.role = SUBHEADING
            else:
                # A lone line like 场景是关 or 比如，南星街道为进一步加强社区:
                # the page layout cut a body paragraph here.
                line.role = BODY
            previous = line


def _previous_body(lines: list[Line], start: int) -> Line | None:
    for position in range(start - 1, -1, -1):
        line = lines[position]
        role = line.role or line.kind
        if role in (CAPTION, LABEL):
            continue
        return line if role == BODY else None
    return None


def _next_content(lines: list[Line], end: int) -> Line | None:
    for position in range(end, len(lines)):
        line = lines[position]
        if (line.role or line.kind) in (CAPTION, LABEL):
            continue
        return line
    return None


def _group_by_block(lines: list[Line]) -> list[list[Line]]:
    groups: list[list[Line]] = []
    for line in lines:
        if groups and groups[-1][-1].block == line.block:
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups
