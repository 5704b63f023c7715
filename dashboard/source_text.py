"""A row back in its document: the article, the sentence, the number.

Offsets are Python ``str`` indices into the document text as decoded,
half-open ``[start, end)``. The row's ``sentence`` has its line breaks
removed, so it is found in the text by skipping line breaks.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

import pandas as pd

from dashboard.queries import Dataset

SENTENCE_END = re.compile(r"[。！？!?；;]|\n\s*\n")
LINE_BREAKS = "\r\n"
SEARCH_WINDOW = 2000


@dataclass(frozen=True)
class SourcePassage:
    """The article around a row, with the sentence and the number inside it."""

    article_title: str
    passage_start: int
    passage_end: int
    sentence_start: int
    sentence_end: int
    number_start: int
    number_end: int


def find_mention(mentions: pd.DataFrame, obs_id: str) -> pd.Series | None:
    hits = mentions[mentions["obs_id"].to_numpy() == obs_id]
    return None if hits.empty else hits.iloc[0]


def sentence_span(text: str, start: int, end: int, sentence: str = "") -> tuple[int, int]:
    """Where the sentence holding ``[start, end)`` lies in ``text``.

    The row's own ``sentence`` is searched first (line breaks in the text
    skipped); without it, the span runs between sentence ends.
    """
    if sentence:
        low = max(0, start - SEARCH_WINDOW)
        window = text[low:min(len(text), end + SEARCH_WINDOW)]
        kept = [i for i, char in enumerate(window) if char not in LINE_BREAKS]
        flat = "".join(window[i] for i in kept)
        wanted = "".join(char for char in sentence if char not in LINE_BREAKS)
        position = flat.find(wanted)
        while position != -1 and wanted:
            first, last = low + kept[position], low + kept[position + len(wanted) - 1] + 1
            if first <= start and end <= last:
                return first, last
            position = flat.find(wanted, position + 1)
    previous_ends = [match.end() for match in SENTENCE_END.finditer(text, 0, start)]
    first = previous_ends[-1] if previous_ends else 0
    following = SENTENCE_END.search(text, end)
    last = following.end() if following else len(text)
    while first < start and text[first].isspace():
        first += 1
    return first, last


def article_span(articles: list[dict], start: int, text_length: int) -> tuple[str, int, int]:
    """Title and span of the article holding ``start``; the whole text when none does."""
    for article in articles:
        body_start = article.get("title_start", -1)
        body_start = article["start"] if body_start is None or body_start < 0 else min(body_start, article["start"])
        if body_start <= start < article["end"]:
            return article.get("title", ""), body_start, article["end"]
    return "", 0, text_length


def source_passage(dataset: Dataset, mention: pd.Series) -> SourcePassage:
    text = dataset.texts.get(str(mention["doc_id"]), "")
    start, end = int(mention["start"]), int(mention["end"])
    sentence_start, sentence_end = sentence_span(text, start, end, str(mention["sentence"]))
    title, passage_start, passage_end = article_span(dataset.articles.get(str(mention["doc_id"]), []),
                                                     start, len(text))
    return SourcePassage(
        article_title=title or str(mention["article_title"]),
        passage_start=min(passage_start, sentence_start),
        passage_end=max(passage_end, sentence_end),
        sentence_start=sentence_start,
        sentence_end=sentence_end,
        number_start=start,
        number_end=end,
    )


def _paragraphs_html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def highlighted_passage_html(text: str, passage: SourcePassage) -> str:
    """The passage as HTML: the sentence in ``<mark class="sentence">``, the number in ``<mark class="number">``."""
    before = text[passage.passage_start:passage.sentence_start]
    sentence_head = text[passage.sentence_start:passage.number_start]
    number = text[passage.number_start:passage.number_end]
    sentence_tail = text[passage.number_end:passage.sentence_end]
    after = text[passage.sentence_end:passage.passage_end]
    return (
        '<div class="source-passage" style="line-height:1.9;font-size:1rem">'
        f"{_paragraphs_html(before)}"
        '<mark class="sentence" style="background:#fff3b0;padding:2px 0">'
        f"{_paragraphs_html(sentence_head)}"
        '<mark class="number" style="background:#ffb347;font-weight:700;padding:1px 3px;border-radius:3px">'
        f"{html.escape(number)}</mark>"
        f"{_paragraphs_html(sentence_tail)}</mark>"
        f"{_paragraphs_html(after)}"
        "</div>"
    )


def document_info(dataset: Dataset, doc_id: str) -> dict:
    rows = dataset.documents[dataset.documents["doc_id"] == doc_id]
    return {} if rows.empty else rows.iloc[0].to_dict()


def other_figures_in_document(mentions: pd.DataFrame, doc_id: str, obs_id: str) -> pd.DataFrame:
    """Every other row of the same document, in the order of the text."""
    same_document = mentions[(mentions["doc_id"] == doc_id).to_numpy() & (mentions["obs_id"].to_numpy() != obs_id)]
    return same_document.sort_values("start")


def sentence_with_number_html(sentence: str, raw_text: str) -> str:
    """The row's sentence as HTML with its number marked (the first place it occurs)."""
    at = sentence.find(raw_text) if raw_text else -1
    if at < 0:
        return html.escape(sentence)
    return (html.escape(sentence[:at]) + '<mark class="number" style="background:#ffb347;font-weight:700">'
            + html.escape(raw_text) + "</mark>" + html.escape(sentence[at + len(raw_text):]))
