"""Tables in text: every numeric data cell is an observation.

A table is a run of lines whose cells are separated by ``|`` or tabs. Inside
it, a line with one cell is a section label (``分县(区)生产总值``), a line
of three or more cells without data is a header, and every other line with
a numeric cell is a data row. The indicator comes from the row label,
classified with the same rule book as prose (the label stands where the
words before a number stand); when the row label is a place, the table lists
regions and the section label and column header name the indicator. The unit
comes from the cell, the column header, a 单位 column, the row label, the
section label or a ``单位：万元`` line; the year from the column header, the
label, the table's title or the document.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

from extractors.catalog import COMPARISON_BASES, GROWTH_NOUNS, alternation, suffixes_of
from extractors.indicators.classify import Context, classify
from extractors.regions.gazetteer import Region
from extractors.models import Document, Quantity
from extractors.periods.kinds import period_of_words
from extractors.periods.years import YEAR, YearResolver
from extractors.regions.mentions import find_region_mentions
from extractors.indicators.rulebook import RuleBook
from extractors.regions.scope import RegionScope
from extractors.text.sentences import article_at
from extractors.quantities.units import UNITS, lookup_unit

CELL_SPLIT = regex.compile(r"[ \u3000]*[|｜][ \u3000]*|\t+")
TABLE_LINE = regex.compile(r"[|｜\t]")
SEPARATOR_ROW = regex.compile(r"^[\s|｜:：\-—=+]*$")
NUMERIC_CELL = regex.compile(
    r"^(?P<sign>[-+－−])?(?P<number>\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<percent>%|％)?$")
YEAR_CELL = regex.compile(r"^(?:19|20)\d\d(?:年)?$")
UNIT_IN_TEXT = regex.compile(r"[（(]\s*(?:单位[:：]\s*)?(?P<unit>[^（）()]{1,8}?)\s*[）)]")
UNIT_LINE = regex.compile(r"单位\s*[:：]\s*(?P<unit>[^\s，,。|）)]{1,8})")
# A column of changes: a growth word, a comparison base, or the change headers 增减 and ±.
GROWTH_HEADER = regex.compile(alternation(("增长", *GROWTH_NOUNS, *COMPARISON_BASES, "增减", "±")))
CURRENT_PERIOD = regex.compile(r"本年|本期|本月|累计|全年|1[-—~～]\d{1,2}月|\d{1,2}月")
PREVIOUS_PERIOD = regex.compile(r"上年|去年|上期")
LABEL_LEAD = regex.compile(r"^(?:其中|#|＃|\d+[.、]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])[:：、\s]*")
# A row label may drop its suffix (定海 for 定海区): the label as written first.
PLACE_SUFFIXES = ("", *suffixes_of("city", "county", "town"))
# Compiled once: regex.sub(pattern, ...) with a pattern string looks it up
# in regex's cache on every call, which costs more than the work.
WHITESPACE = regex.compile(r"\s")
LABEL_SPACES = regex.compile(r"[\s\u3000]+")
THOUSANDS_SEPARATOR = regex.compile(r"[,，]")
GROWTH_WORDS = regex.compile(alternation(("增长", *GROWTH_NOUNS)))
# A table line holds one of these; a page without any has no table.
TABLE_MARKS = ("|", "｜", "\t")


@dataclass(frozen=True)
class Cell:
    text: str
    start: int   # document offset of the cell's stripped text


@dataclass(frozen=True)
class Column:
    year: int | None = None
    unit: str | None = None
    growth: bool = False
    is_unit_column: bool = False
    label: str = ""


_NO_COLUMN = Column()   # a cell beyond the header's columns


@dataclass
class TableState:
    """What earlier lines of a table say about the lines after them."""

    columns: list[Column] = field(default_factory=list)
    section: str = ""
    unit_column: int | None = None


def _split_cells(line: str, offset: int) -> list[Cell]:
    cells, position = [], 0
    for piece in CELL_SPLIT.split(line):
        index = line.find(piece, position) if piece else position
        position = index + len(piece)
        stripped = piece.strip()
        if stripped:
            cells.append(Cell(stripped, offset + index + piece.find(stripped)))
    return cells


def _table_blocks(text: str) -> Iterator[tuple[int, list[tuple[int, list[Cell]]]]]:
    """Runs of table lines (up to two blank lines may sit inside a run)."""
    if not any(mark in text for mark in TABLE_MARKS):
        return
    block: list[tuple[int, list[Cell]]] = []
    block_start, blanks, position = 0, 0, 0
    for line in text.split("\n"):
        offset, position = position, position + len(line) + 1
        if not line.strip():
            blanks += 1
            if blanks > 2 and block:
                yield block_start, block
                block = []
            continue
        blanks = 0
        if TABLE_LINE.search(line) and len(line) < 600:
            if not block:
                block_start = offset
            if not SEPARATOR_ROW.match(line):
                block.append((offset, _split_cells(line, offset)))
        elif block:
            yield block_start, block
            block = []
    if block:
        yield block_start, block


def _unit_surface(text: str) -> str | None:
    match = UNIT_IN_TEXT.search(text) or UNIT_LINE.search(text)
    candidate = match.group("unit").strip() if match else text.strip().rstrip(":：")
    return candidate if candidate in UNITS else None


def _column(header: Cell, document_year: int | None) -> Column:
    text = header.text
    year_match = YEAR.search(text + "年") if YEAR_CELL.match(text) else YEAR.search(text)
    year = int(year_match.group(1)) if year_match else None
    if year is None and document_year and PREVIOUS_PERIOD.search(text):
        year = document_year - 1
    elif year is None and document_year and CURRENT_PERIOD.search(text):
        year = document_year
    return Column(year=year, unit=_unit_surface(text), growth=bool(GROWTH_HEADER.search(text)),
                  is_unit_column=WHITESPACE.sub("", text) == "单位", label=text)


def _has_data(cells: list[Cell]) -> bool:
    return any(NUMERIC_CELL.match(c.text) and not YEAR_CELL.match(c.text) for c in cells[1:])


def table_observations(document: Document, view: str, book: RuleBook, scope: RegionScope,
                       years: YearResolver) -> Iterator[dict]:
    """Candidate rows (dicts of Observation fields) for every numeric table cell."""
    document_year = years.document_year or years.base_year
    for block_start, lines in _table_blocks(view):
        with_data = [_has_data(cells) for _, cells in lines]
        if not any(with_data):
            continue
        above = view[max(0, block_start - 200): block_start].rstrip("\n").split("\n")[-1]
        unit_line = UNIT_LINE.search(above)
        table_unit = unit_line.group("unit") if unit_line else _unit_surface(above)
        years_above = YEAR.findall(above)
        title_year = int(years_above[-1]) if years_above else None
        article = article_at(document.articles, block_start)
        area = _area(scope, article)
        state = TableState()
        for (offset, cells), has_data in zip(lines, with_data):
            if len(cells) == 1:
                state.section = cells[0].text
            elif not has_data:
                if len(cells) >= 3:
                    state.columns = [_column(c, document_year) for c in cells]
                    state.unit_column = next((i for i, c in enumerate(state.columns) if c.is_unit_column), None)
                else:
                    state.section = cells[0].text
            else:
                yield from _row_observations(document, view, book, scope, cells, state, table_unit,
                                             title_year or document_year, article, area, above)


def _area(scope: RegionScope, article: int) -> list[Region]:
    """The city or province an article is about (at most one), for reading its tables' row labels."""
    focus = scope.focus(article)
    area = [focus, *scope.gazetteer.ancestors(focus)] if focus is not None else []
    return [r for r in area if r.level in ("city", "province")][:1]


def _label_region(label: str, scope: RegionScope, area: list[Region]) -> Region | None:
    """A row label that names a place (``定海区``, ``定 海``, ``金塘``) within the document's area."""
    name = LABEL_SPACES.sub("", label)
    if not 2 <= len(name) <= 12:
        return None
    named = [m for m in find_region_mentions(name, scope.gazetteer) if m.region is not None]
    if named and named[0].start == 0 and named[-1].end == len(name):
        return named[-1].region
    for suffix in PLACE_SUFFIXES:
        if suffix and name.endswith(suffix):
            continue
        candidates = scope.gazetteer.get(name + suffix)
        if area:
            candidates = [c for c in candidates if c.key[: len(area[0].key)] == area[0].key]
        if len(candidates) == 1:
            return candidates[0]
    return None


def _row_observations(document, view, book, scope, cells, state: TableState, table_unit, table_year,
                      article, area, title: str) -> Iterator[dict]:
    label_cell = cells[0]
    label = LABEL_LEAD.sub("", label_cell.text)
    place = _label_region(label, scope, area)
    row_unit = _unit_surface(label) or _unit_surface(state.section)
    if state.unit_column is not None and state.unit_column < len(cells):
        row_unit = _unit_surface(cells[state.unit_column].text) or row_unit
    line_end = view.find("\n", label_cell.start)
    sentence = document.text[label_cell.start: len(view) if line_end < 0 else line_end].strip()
    columns = state.columns
    for index, cell in enumerate(cells[1:], start=1):
        match = NUMERIC_CELL.match(cell.text)
        if not match or index == state.unit_column:
            continue
        column = columns[index] if index < len(columns) else _NO_COLUMN
        words = f"{state.section}{column.label}" if place else label
        if column.growth and not GROWTH_WORDS.search(words):
            words += "增长"
        surface = "%" if match.group("percent") or column.growth else (
            column.unit or row_unit or table_unit)
        if surface not in UNITS:
            continue
        info = lookup_unit(surface)
        number = float(THOUSANDS_SEPARATOR.sub("", match.group("number")))
        if match.group("sign") in ("-", "－", "−"):
            number = -number
        quantity = Quantity(start=len(words), end=len(words) + len(cell.text), raw_text=cell.text,
                            value=number * info.scale, unit=info.base, measure=surface, is_change=info.is_change)
        decision = classify(quantity, Context(words, words, "", ""), book)
        if decision is None or quantity.is_change:
            continue
        region = place or scope.focus(article)
        start = cell.start
        year = column.year or _label_year(label) or table_year
        yield dict(
            source_file=document.source_file, doc_id=document.doc_id,
            article_title=document.articles[article].title if article >= 0 else "",
            start=start, end=start + len(cell.text), raw_text=document.text[start:start + len(cell.text)],
            value=quantity.value, unit=quantity.unit, qualifier="exact",
            indicator=decision.rule.indicator, subject=(label if place is None else words)[:40],
            year=year, period=period_of_words(year, f"{title}{state.section}{column.label}{label}"),
            kind="fact", sentence=sentence,
            rule=f"table:{decision.rule.id}",
            **(region.columns(label if place else "") if region is not None else {}),
        )


def _label_year(label: str) -> int | None:
    match = YEAR.search(label)
    return int(match.group(1)) if match else None
