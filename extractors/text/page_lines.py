"""The lines of a page while its layout is read: their working state and the roles they take.

``layout`` fills them in; ``heads`` decides on the runs of short lines that head an article.
"""
from __future__ import annotations

from dataclasses import dataclass

from extractors.text.line_kinds import CAPTION, HEADING, LABEL, NAME, SHORT

# Roles a line can take besides its kind.
HEADLINE = "headline"        # a line of an article's head: title, kicker, deck
SUBHEADING = "subheading"
CONTENTS = "contents"        # a row of a contents box (要目, 目录)

# Roles whose text is no part of any article.
OUTSIDE_ARTICLES = frozenset({CAPTION, LABEL, CONTENTS})

# Kinds that make up a run of head-like lines between paragraphs.
RUN_KINDS = frozenset({SHORT, HEADING, LABEL, NAME})


@dataclass(slots=True)
class Line:
    """Working state of one line while the page is analysed."""

    index: int
    start: int
    end: int
    content_start: int
    text: str            # normalised, stripped
    blank_before: bool
    block: int           # lines with no blank line between share a block
    kind: str            # what the line says it is, before context
    heading_level: int = 0
    role: str = ""
