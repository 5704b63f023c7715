"""Bytes -> Document: encoding, articles, sentences, metadata.

The public face of the document stage. The work is done in
``encoding`` (bytes -> text, the normalised view), ``layout`` (what each
line of a page is) and ``sentences`` (joining lines broken by the layout);
this module turns their results into ``Article``/``Document`` models
(``manifest`` reads the folder manifest).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

from extractors.text.encoding import DocumentError, decode, normalise
from extractors.text.layout import analyse_layout
from extractors.text.line_kinds import DATELINE
from extractors.text.manifest import ManifestError, read_manifest
from extractors.models import Article, Document
from extractors.text.readers import read_bytes, suffix_for
from extractors.text.sentences import Paragraph, article_at, caption_spans, paragraphs, split_sentences

__all__ = [
    "DocumentError", "Paragraph", "article_at", "build_document", "caption_spans", "decode",
    "ManifestError", "document_date_from_text", "load_document", "normalise", "paragraphs", "read_manifest",
    "split_articles", "split_sentences",
]

# A date that dates the page is written in its first lines (a dateline, the
# line under a report's title); dates further down are about events.
_DATE_SEARCH_LINES = 15
_DATE_SEARCH_CHARACTERS = 20_000
_DATE_LINE_MAX = 60
_ARABIC_DATE = re.compile(r"^[—\-\s(（]*(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?")
_CHINESE_DATE = re.compile(r"^[—\-\s(（]*([〇零○一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
_CHINESE_DIGITS = {"〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def split_articles(text: str) -> list[Article]:
    """The articles of a page, in order, each with its headline and span.

    ``start``/``end`` run from the article's first head line (kicker, deck,
    title) to the end of its last line of text; photo captions and contents
    tables inside that span belong to no article. An opening stretch of body
    text before the first headline is an article with an empty title.
    """
    layout = analyse_layout(text)
    lines = layout.lines
    articles: list[Article] = []
    boundaries = [*layout.article_first_lines, len(lines)]
    for number, first in enumerate(layout.article_first_lines):
        members = [line for line in lines[first:boundaries[number + 1]]
                   if line.role not in ("caption", "label", "contents")]
        if not members:
            continue
        title_lines = [lines[index] for index in layout.title_lines[number]]
        if title_lines:
            title = " ".join(text[line.content_start:line.end] for line in title_lines)
            title_start, title_end = title_lines[0].content_start, title_lines[-1].end
        else:
            title, title_start, title_end = "", -1, -1
        articles.append(Article(title=title, start=members[0].start, end=max(line.end for line in members),
                                title_start=title_start, title_end=title_end))
    return articles


def load_document(path: str | Path, manifest_entry: dict | None = None) -> Document:
    """Read a file into a ``Document`` (raises ``DocumentError`` when it is no text)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DocumentError(path.name, f"cannot read the file ({error.strerror})") from None
    return build_document(data, path.name, manifest_entry)


def build_document(data: bytes, source_file: str, manifest_entry: dict | None = None) -> Document:
    """A ``Document`` from the bytes of a file and its manifest entry, if any.

    The reader is chosen by the bytes (``readers``). The date comes from the
    manifest, else the file's own metadata (a web page's publication date),
    else a date line at the top of the text; the title from the manifest,
    else the file's (a page's ``<h1>``, a Word title), else the first headline.
    """
    name = Path(source_file).name
    reading = read_bytes(data, name)
    text = reading.text
    entry = manifest_entry or {}
    articles = split_articles(text)
    date = manifest_date(entry.get("date"), name) or reading.date or document_date_from_text(text)
    title = entry.get("title") or reading.title or next((article.title for article in articles if article.title), None)
    structure = {}
    if reading.reader is not None:
        sha256 = hashlib.sha256(data).hexdigest()
        structure = dict(reader=reading.reader, media_type=reading.media_type, file_sha256=sha256,
                         original_file=f"files/{sha256}{suffix_for(data, name)}", pages=reading.pages,
                         headings=reading.headings, tables=reading.tables, reader_warnings=reading.warnings)
    return Document(
        doc_id=Document.id_for(data), source_file=name, text=text, title=title, date=date,
        publisher=entry.get("publisher"), url=entry.get("url"), region=_manifest_region(entry.get("region"), name),
        encoding=reading.encoding, articles=articles, **structure,
    )


def document_date_from_text(text: str) -> dt.date | None:
    """The date at the head of a page: a line opening with a full date.

    ``2022年4月21日 星期四``, ``——2025年1月8日在…会议上``, ``2022-04-21``,
    ``二〇二二年四月二十一日``; only in the first lines, which date the page
    rather than an event in it.
    """
    # A page shorter than the head is normalised already (layout): a cache hit.
    view = normalise(text[:_DATE_SEARCH_CHARACTERS])
    lines = [stripped for stripped in map(str.strip, view.splitlines()) if stripped][:_DATE_SEARCH_LINES]
    for line in lines:
        if len(line) > _DATE_LINE_MAX:
            continue
        arabic = _ARABIC_DATE.match(line)
        if arabic and ("年" in arabic.group() or re.match(r"^[\s—\-(（]*\d{4}[-./]\d{1,2}[-./]\d{1,2}\b", line)):
            found = _valid_date(int(arabic.group(1)), int(arabic.group(2)), int(arabic.group(3)))
            if found:
                return found
        dateline = DATELINE.match(line)
        if dateline:
            found = _valid_date(int(dateline.group("year")), int(dateline.group("month")), int(dateline.group("day")))
            if found:
                return found
        chinese = _CHINESE_DATE.match(line)
        if chinese:
            year = int("".join(str(_CHINESE_DIGITS[c]) for c in chinese.group(1)))
            found = _valid_date(year, _chinese_number(chinese.group(2)), _chinese_number(chinese.group(3)))
            if found:
                return found
    return None


def manifest_date(value, source_file: str) -> dt.date | None:
    """``2022-02-03`` -> that day; ``2022-02`` and ``2022`` -> its first day.

    The model holds a date, so a month or a year is pinned to its first
    day; what downstream needs from it (the year of 今年) is exact.
    """
    if value in (None, ""):
        return None
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", str(value).strip())
    found = match and _valid_date(int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1))
    if not found:
        raise DocumentError(source_file, f"manifest date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    return found


def _manifest_region(value, source_file: str) -> str | None:
    """The region named by the manifest (checked against the divisions by the engine)."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise DocumentError(source_file, f"manifest region {value!r} is not a name")
    return value.strip()


def _valid_date(year: int, month: int, day: int) -> dt.date | None:
    if not 1949 <= year <= 2100:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _chinese_number(numeral: str) -> int:
    """一 .. 三十一, as written in dates."""
    if numeral == "十":
        return 10
    if "十" in numeral:
        tens, _, units = numeral.partition("十")
        return (_CHINESE_DIGITS[tens] if tens else 1) * 10 + (_CHINESE_DIGITS[units] if units else 0)
    return _CHINESE_DIGITS[numeral]
