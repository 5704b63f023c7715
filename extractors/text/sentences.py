"""Paragraphs and sentences, with the page layout's line breaks removed.

A body line that does not end with terminal punctuation was cut by the
page layout: it continues in the next body line of the same article,
skipping over captions and page labels placed in between (``…务实的服`` /
``上城区小营街道全景图`` / ``马丁 摄`` / ``务精神，…``). The joined text keeps,
for every character, its offset in the document text.
"""
from __future__ import annotations

import bisect
import operator
import re
from typing import NamedTuple

from extractors.catalog import CLAUSE_BREAKS
from extractors.text.layout import (
    BODY, CAPTION, CLOSING_MARKS, LABEL, OUTSIDE_ARTICLES, SENTENCE_END,
    LayoutLine, analyse_layout, is_complete,
)
from extractors.models import Article, Sentence

_SENTENCE_BOUNDARY = re.compile(f"[{re.escape(SENTENCE_END)}]+[{re.escape(CLOSING_MARKS)}]*")
# Text without full stops (a pasted table, a page of clauses joined by
# commas) would otherwise be one sentence as long as the page, and every
# figure in it would be read against, and carry, the whole page: time and
# output grow with the square of its length. A longer stretch is cut after
# the last clause break before the limit (real sentences stay far below it).
MAX_SENTENCE_LENGTH = 1000
# The same sentences as cutting after every _SENTENCE_BOUNDARY and stripping
# each piece, in one scan: leading whitespace skipped, then text up to and
# including a boundary, or else the stripped rest of the paragraph. (Pieces
# that end with a boundary have no trailing whitespace.)
_STRIPPED_SENTENCE = re.compile(
    f"\\s*+([^{re.escape(SENTENCE_END)}]*[{re.escape(SENTENCE_END)}]+[{re.escape(CLOSING_MARKS)}]*"
    f"|\\S(?:.*\\S)?)",
    re.DOTALL,
)
_ALNUM = re.compile(r"[^\W_]")
# A too-long sentence is cut after a clause break, an enumeration comma or a space.
_CLAUSE_BREAKS = frozenset(CLAUSE_BREAKS) | frozenset("、\t 　")
# Characters a cut should not fall between (the parts of 2803.5亿元).
_NUMBER_CHARACTERS = frozenset("0123456789０１２３４５６７８９.．,%％零〇一二三四五六七八九十百千万亿两萬億兩余多")
# Lines a broken body paragraph may jump over to reach its continuation.
_SKIPPABLE_ROLES = frozenset({CAPTION, LABEL})
_START = operator.attrgetter("start")


class Paragraph(NamedTuple):
    """A paragraph as read: ``text[i]`` is the document character at ``offsets[i]``.

    ``role`` is the layout role of its lines (body, headline, caption, ...);
    ``article`` is -1 for text outside every article (captions, labels,
    contents tables). A named tuple: immutable like a frozen dataclass at a
    fraction of the cost to build, one per paragraph of every page.
    """

    index: int
    role: str
    article: int
    text: str
    offsets: list[int]


def paragraphs(text: str, articles: list[Article]) -> list[Paragraph]:
    """The paragraphs of a page in reading order, broken paragraphs joined."""
    layout = analyse_layout(text)
    lines = layout.lines
    locate = _ArticleLocator(articles)
    article_of_line = [-1 if line.role in OUTSIDE_ARTICLES else locate(line.start) for line in lines]
    consumed = [False] * len(lines)
    result: list[Paragraph] = []
    for position, line in enumerate(lines):
        if consumed[position]:
            continue
        if line.role == BODY and not is_complete(line.text):
            pieces = [line, *_continuation(lines, position, article_of_line, consumed)]
            paragraph_text = "".join([text[piece.content_start:piece.end] for piece in pieces])
        else:
            pieces = [line]
            paragraph_text = text[line.content_start:line.end]
        if not _has_words(paragraph_text):
            continue  # a markdown table rule such as |--|---|
        offsets: list[int] = []
        for piece in pieces:
            offsets.extend(range(piece.content_start, piece.end))
        result.append(Paragraph(len(result), line.role, article_of_line[position], paragraph_text, offsets))
    return result


def split_sentences(text: str, articles: list[Article]) -> list[Sentence]:
    """Sentences in document order: split at 。！？ and at paragraph ends.

    ``Sentence.text[i] == text[Sentence.offsets[i]]`` for every ``i``;
    ``paragraph`` is the running paragraph index, ``article`` the index in
    ``articles`` (-1 outside every article).
    """
    sentences: list[Sentence] = []
    for index, _, article, paragraph_text, paragraph_offsets in paragraphs(text, articles):
        for start, end in _sentence_bounds(paragraph_text):
            offsets = paragraph_offsets[start:end]
            sentences.append(Sentence(paragraph_text[start:end], offsets[0], offsets[-1] + 1, offsets, index, article))
    sentences.sort(key=_START)
    return sentences


def caption_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every photo caption and credit line of a page."""
    return [(line.start, line.end) for line in analyse_layout(text).lines if line.role == CAPTION]


def article_at(articles: list[Article], offset: int) -> int:
    """Index of the article whose span holds ``offset``, else -1."""
    return _ArticleLocator(articles)(offset)


class _ArticleLocator:
    """Offset -> article index by bisection (articles are in page order)."""

    def __init__(self, articles: list[Article]):
        self.articles = articles
        self.starts = [article.start for article in articles]

    def __call__(self, offset: int) -> int:
        position = bisect.bisect_right(self.starts, offset) - 1
        if position >= 0 and self.articles[position].start <= offset < self.articles[position].end:
            return position
        return -1


def _continuation(lines, position: int, article_of_line: list[int], consumed: list[bool]) -> list[LayoutLine]:
    """The body lines that continue the broken paragraph starting at ``position``."""
    pieces: list[LayoutLine] = []
    current = lines[position]
    article = article_of_line[position]
    candidate = position + 1
    while not is_complete(current.text) and candidate < len(lines):
        following = lines[candidate]
        if following.role in _SKIPPABLE_ROLES:
            candidate += 1
            continue
        if following.role != BODY or article_of_line[candidate] != article:
            break
        pieces.append(following)
        consumed[candidate] = True
        current = following
        candidate += 1
    return pieces


def _sentence_bounds(paragraph_text: str) -> list[tuple[int, int]]:
    if len(paragraph_text) <= MAX_SENTENCE_LENGTH:
        # No piece can need cutting: one scan finds the stripped sentences.
        return [match.span(1) for match in _STRIPPED_SENTENCE.finditer(paragraph_text)]
    return _cut_sentence_bounds(paragraph_text)


def _cut_sentence_bounds(paragraph_text: str) -> list[tuple[int, int]]:
    """Sentences cut at boundaries and at ``MAX_SENTENCE_LENGTH``, stripped."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for boundary in _SENTENCE_BOUNDARY.finditer(paragraph_text):
        bounds.append((start, boundary.end()))
        start = boundary.end()
    bounds.append((start, len(paragraph_text)))
    trimmed = []
    for start, end in (piece for bound in bounds for piece in _bounded(paragraph_text, *bound)):
        segment = paragraph_text[start:end]
        stripped = segment.strip()
        if not stripped:
            continue
        leading = len(segment) - len(segment.lstrip())
        trimmed.append((start + leading, start + leading + len(stripped)))
    return trimmed


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut into pieces of at most ``MAX_SENTENCE_LENGTH``.

    Each cut goes after the last clause break in the second half of the
    window, else between two characters that are not part of a number
    (so 2803.5亿元 stays whole), else at the limit.
    """
    pieces: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE_LENGTH:
        limit = start + MAX_SENTENCE_LENGTH
        earliest = start + MAX_SENTENCE_LENGTH // 2
        cut = next((position + 1 for position in range(limit - 1, earliest - 1, -1)
                    if text[position] in _CLAUSE_BREAKS), None)
        if cut is None:
            cut = next((position for position in range(limit, earliest, -1)
                        if text[position - 1] not in _NUMBER_CHARACTERS and text[position] not in _NUMBER_CHARACTERS),
                       limit)
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def _has_words(paragraph_text: str) -> bool:
    # [^\W_] is exactly str.isalnum (re's \w is isalnum or "_").
    return _ALNUM.search(paragraph_text) is not None
