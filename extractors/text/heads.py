"""Article heads: whether a run of short lines starts an article, and which of its lines is the title.

A run followed by a byline, holding a top-level markdown heading, a region
kicker above a heading or a page label, or opening the page, starts an
article. Its title is the highest markdown heading, else the last block of
the head (``kicker / deck / title``), less labels, kickers, subtitles, issuing
bodies and page controls.
"""
from __future__ import annotations

import re

from extractors.text.line_kinds import BYLINE, HEADING, LABEL, SHORT, is_region_name_line, is_subtitle_or_issuer
from extractors.text.page_lines import CAPTION, HEADLINE, Line


def starts_article(run: list[Line], following: Line | None, top_level: int, page_opening: bool) -> bool:
    if following is not None and following.kind == BYLINE and any(_has_words(line.text) for line in run):
        return True
    for position, line in enumerate(run):
        if line.kind == HEADING and line.heading_level == top_level:
            return True
        if line.kind == LABEL:
            return True
        if is_region_kicker(run, position):
            return True
    # The short lines opening a page, before any article, are its headline.
    return page_opening and any(line.kind in (SHORT, HEADING) for line in run)


def is_region_kicker(run: list[Line], position: int) -> bool:
    """``杭州市上城区`` alone on a line, right before a markdown headline.

    Before a plain short line the same shape is too often a cut-off body
    fragment (``…服务社区``) followed by a caption; a kicker above a plain
    headline still splits when the byline follows.
    """
    line = run[position]
    return (
        line.kind == SHORT
        and position + 1 < len(run)
        and run[position + 1].kind == HEADING
        and is_region_name_line(line.text)
    )


def resolve_article_head(run: list[Line]) -> tuple[int, tuple[int, ...]]:
    """Mark the head lines of a new article; return its first line and title.

    With markdown headings the title is the highest-level heading, and plain
    short lines before the first heading are captions of the page above.
    Without, the title is the last block of the head (``kicker / deck /
    title`` is the order on the pages), skipping labels, kickers, subtitles
    (``——…``) and issuing bodies.
    """
    headings = [line for line in run if line.kind == HEADING]
    first_heading = headings[0].index if headings else None
    for position, line in enumerate(run):
        if line.kind == LABEL:
            line.role = LABEL
        elif first_heading is not None and line.index < first_heading and line.kind != HEADING \
                and not is_region_kicker(run, position):
            line.role = CAPTION
        else:
            line.role = HEADLINE
    head_lines = [line for line in run if line.role == HEADLINE]
    first = head_lines[0].index if head_lines else run[0].index
    if headings:
        best = min(headings, key=lambda line: (line.heading_level, line.index))
        return first, (best.index,)
    candidates = [
        position for position, line in enumerate(run)
        if line.role == HEADLINE and not is_region_kicker(run, position) and not is_subtitle_or_issuer(line.text)
        and _has_words(line.text)
    ]
    # 一、2031年工作回顾 right under a report's title opens its first section: never the title
    candidates = [position for position in candidates if not _SECTION_NUMBER.match(run[position].text)] or candidates
    if not candidates:
        return first, ()
    last_block = run[candidates[-1]].block
    return first, tuple(run[position].index for position in candidates if run[position].block == last_block)


_HAN = re.compile(r"[\u4e00-\u9fff]")
_SECTION_NUMBER = re.compile(r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+部分")


def _has_words(text: str) -> bool:
    """A title says something: ``02/08``, ``21:54:58``, ``字体:`` and ``选择区域:>>`` above a
    dateline do not (a page's controls end in a colon or an arrow)."""
    return len(_HAN.findall(text)) >= 4 and not text.rstrip().endswith((":", "：", ">"))
