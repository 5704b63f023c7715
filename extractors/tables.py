"""Tables in text: every numeric data cell is an observation.

A table is a run of lines whose cells are separated by ``|``, tabs or runs
of spaces. The indicator comes from the row label (classified with the same
rule book as prose, the label standing where the words before a number
stand), the unit from the cell, the column header, the label, a 单位 column
or a ``单位：万元`` line, and the year from the column header, the label,
the table's title or the document. When the row label is a place name the
table lists regions, and the column header names the indicator.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from .classify import Context, classify
from .models import Document, Quantity, Sentence
from .periods import YEAR, YearResolver
from .rulebook import RuleBook
from .scope import RegionScope
from .units import UNITS, lookup_unit

CELL_SPLIT = regex.compile(r"[ \t\u3000]*\|[ \t\u3000]*|\t+|[ \u3000]{2,}")
SEPARATOR_ROW = regex.compile(r"^[\s|:：\-—=+]+$")
NUMERIC_CELL = regex.compile(r"^(?P<sign>[-+－−])?(?P<number>\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<percent>%|％)?$")
UNIT_IN_TEXT = regex.compile(r"[（(]\s*(?:单位[:：]\s*)?(?P<unit>[^（）()]{1,8}?)\s*[）)]")
UNIT_LINE = regex.compile(r"单位\s*[:：]\s*(?P<unit>[^\s，,。|）)]{1,8})")
GROWTH_HEADER = regex.compile(r"增长|增速|增幅|增减|同比|±|比上年|比去年")
CURRENT_PERIOD = regex.compile(r"本年|本期|本月|累计|全年|1[-—~～]\d{1,2}月|\d{1,2}月")
PREVIOUS_PERIOD = regex.compile(r"上年|去年|上期")
LABEL_LEAD = regex.compile(r"^(?:其中|#|＃|\d+[.、]|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)[:：、\s]*")


@dataclass(frozen=True)
class Cell:
    text: str
    start: int   # document offset of the cell's stripped text


@dataclass(frozen=True)
class Column:
    year: int | None = None
    previous_year: bool = False
    unit: str | None = None
    growth: bool = False
    is_unit_column: bool = False
    label: str = ""


def _split_cells(line: str, offset: int) -> list[Cell]:
    cells, position = [], 0
    body = line
    for piece in CELL_SPLIT.split(body):
        index = body.find(piece, position) if piece else position
        position = index + len(piece)
        stripped = piece.strip()
        if stripped:
            cells.append(Cell(stripped, offset + index + piece.find(stripped)))
    return cells


def _lines(text: str) -> Iterator[tuple[int, str]]:
    position = 0
    for line in text.split("\n"):
        yield position, line
        position += len(line) + 1


def _table_blocks(text: str) -> Iterator[tuple[int, list[list[Cell]]]]:
    """Runs of table rows (a single blank line may sit between rows)."""
    block: list[list[Cell]] = []
    block_start, blanks = 0, 0
    for offset, line in _lines(text):
        if not line.strip():
            blanks += 1
            if blanks > 1 and block:
                yield block_start, block
                block = []
            continue
        blanks = 0
        if SEPARATOR_ROW.match(line):
            continue
        cells = _split_cells(line, offset)
        if len(cells) >= 2 and len(line) < 400:
            if not block:
                block_start = offset
            block.append(cells)
        elif block:
            yield block_start, block
            block = []
    if block:
        yield block_start, block


def _unit_surface(text: str) -> str | None:
    match = UNIT_IN_TEXT.search(text) or UNIT_LINE.search(text)
    candidate = match.group("unit").strip() if match else text.strip()
    return candidate if candidate in UNITS else None


def _column(header: Cell | None, document_year: int | None) -> Column:
    if header is None:
        return Column()
    text = header.text
    year_match = YEAR.search(text + "年") if regex.fullmatch(r"(?:19|20)\d\d", text) else YEAR.search(text)
    year = int(year_match.group(1)) if year_match else None
    previous = bool(PREVIOUS_PERIOD.search(text))
    if year is None and document_year and CURRENT_PERIOD.search(text):
        year = document_year
    if year is None and document_year and previous:
        year = document_year - 1
    return Column(year=year, previous_year=previous, unit=_unit_surface(text),
                  growth=bool(GROWTH_HEADER.search(text)), is_unit_column=text.strip() == "单位", label=text)


def _is_header(row: list[Cell]) -> bool:
    data = [c for c in row[1:] if NUMERIC_CELL.match(c.text) and not regex.fullmatch(r"(?:19|20)\d\d", c.text)]
    return not data


def table_observations(document: Document, view: str, book: RuleBook, scope: RegionScope,
                       years: YearResolver) -> Iterator[dict]:
    """Candidate rows (dicts of Observation fields) for every numeric table cell."""
    document_year = years.document_year or years.base_year
    for block_start, rows in _table_blocks(view):
        if len(rows) < 2 or not any(NUMERIC_CELL.match(c.text) for row in rows for c in row[1:]):
            continue
        above = view[max(0, block_start - 160): block_start]
        table_unit = _unit_surface(above.split("\n")[-1]) or (
            UNIT_LINE.search(above).group("unit") if UNIT_LINE.search(above) else None)
        title_year = YEAR.findall(above[-80:])
        header = rows[0] if _is_header(rows[0]) else None
        width = max(len(r) for r in rows)
        columns = [_column(header[i] if header and i < len(header) else None, document_year) for i in range(width)]
        unit_column = next((i for i, c in enumerate(columns) if c.is_unit_column), None)
        article = _article_at(document, block_start)
        for row in rows[1:] if header else rows:
            yield from _row_observations(document, view, book, scope, row, columns, unit_column,
                                         table_unit, title_year, document_year, article)


def _article_at(document: Document, position: int) -> int:
    for index, article in enumerate(document.articles):
        if article.start <= position < article.end:
            return index
    return -1


def _row_observations(document, view, book, scope, row, columns, unit_column, table_unit, title_year,
                      document_year, article) -> Iterator[dict]:
    label_cell = row[0]
    label = LABEL_LEAD.sub("", label_cell.text)
    row_unit = _unit_surface(label)
    if unit_column is not None and unit_column < len(row):
        row_unit = _unit_surface(row[unit_column].text) or row_unit
    label_region = [m for m in scope.mentions if m.start >= label_cell.start and m.end <= label_cell.start + len(label_cell.text)]
    line_start = label_cell.start
    line_end = view.find("\n", line_start)
    line_end = len(view) if line_end < 0 else line_end
    for index, cell in enumerate(row[1:], start=1):
        match = NUMERIC_CELL.match(cell.text)
        if not match or index == unit_column:
            continue
        column = columns[index] if index < len(columns) else Column()
        words = column.label if label_region and column.label else label
        surface = "%" if match.group("percent") else (
            "%" if column.growth else column.unit or row_unit or _unit_surface(words) or table_unit)
        if not surface or surface not in UNITS:
            continue
        info = lookup_unit(surface)
        number = float(regex.sub(r"[,，]", "", match.group("number")))
        if match.group("sign") in ("-", "－", "−"):
            number = -number
        growth_words = words + ("增长" if column.growth and "增长" not in words else "")
        quantity = Quantity(start=len(growth_words), end=len(growth_words) + len(cell.text), raw_text=cell.text,
                            value=number * info.scale, unit=info.base, measure=surface,
                            is_change=info.is_change)
        ctx = Context(growth_words, growth_words, "", "")
        decision = classify(quantity, ctx, book)
        if decision is None:
            continue
        year = column.year or _label_year(label) or (int(title_year[-1]) if title_year else None) or document_year
        region = label_region[-1].region if label_region else scope.focus(article)
        start = cell.start
        yield dict(
            source_file=document.source_file, doc_id=document.doc_id,
            article_title=document.articles[article].title if article >= 0 else "",
            start=start, end=start + len(cell.text), raw_text=document.text[start:start + len(cell.text)],
            value=quantity.value, unit=quantity.unit, qualifier="exact",
            indicator=decision.rule.indicator, subject=(words + (" " + column.label if column.label and not label_region else "")).strip()[:40],
            year=year, kind="fact", sentence=document.text[line_start:line_end].strip(),
            rule=f"table:{decision.rule.id}",
            **({} if region is None else dict(
                region=region.name, region_level=region.level if region.level != "country" else "",
                region_parent=region.parent, region_code=region.code, region_mention="")),
        )


def _label_year(label: str) -> int | None:
    match = YEAR.search(label)
    return int(match.group(1)) if match else None
