"""Tables as pages give them when copied to text: text in, rows of cells out.

Three layouts are read, each into the same shape (a block of rows, each row
a list of cells with their document offsets):

- cells separated by ``|`` or tabs, one row a line (``地区 | 2020年 | 2010年``);
- one cell a line with ``|`` lines between them (an HTML table flattened):
  a cell line followed by another cell line, without a ``|`` line between,
  ends a row; where every cell is followed by a ``|`` line the rows are as
  wide as the stretch before the second row label;
- columns aligned by spaces (``城关镇    45678    40012``): a line of a
  label and numbers is a data row, the lines of words right above the first
  one are its header rows.

What the cells mean (header, label, year, unit) is read in ``cells``.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

CELL_SPLIT = regex.compile(r"[ \u3000]*[|｜][ \u3000]*|\t+")
TABLE_LINE = regex.compile(r"[|｜\t]")
SEPARATOR_ROW = regex.compile(r"^[\s|｜:：\-—=+]*$")
BAR_LINE = regex.compile(r"^[ \u3000]*[|｜][ \u3000]*$")
NUMERIC_CELL = regex.compile(
    r"^(?P<sign>[-+－−])?(?P<number>\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<percent>%|％)?$")
YEAR_CELL = regex.compile(r"^(?:19|20)\d\d(?:年)?$")
# An empty data cell of a space-aligned table keeps its column: 45678  -  40012
PLACEHOLDER_CELL = regex.compile(r"^(?:[-—–/…]+|－+)$")
TOKEN = regex.compile(r"[^\s\u3000]+")
# A line of prose is no table row: it has a full stop or a comma.
PROSE_MARK = regex.compile(r"[。，；！？：:]")
# A page without one of these holds no |-or-tab table.
TABLE_MARKS = ("|", "｜", "\t")
LONGEST_TABLE_LINE = 600
LONGEST_HEADER_CELL = 12
TABLE_NUMBER = regex.compile(r"^附?表\s*\d+")


@dataclass(frozen=True)
class Cell:
    text: str
    start: int   # document offset of the cell's stripped text


@dataclass
class TableBlock:
    start: int                 # document offset of its first line
    rows: list[list[Cell]]
    aligned_by_spaces: bool = False


def is_numeric(cell: Cell) -> bool:
    return bool(NUMERIC_CELL.match(cell.text)) and not YEAR_CELL.match(cell.text)


def table_blocks(text: str) -> Iterator[TableBlock]:
    """Every table of a page, in the order of the text."""
    yield from _delimited_blocks(text)
    yield from _space_aligned_blocks(text)


def _lines(text: str) -> Iterator[tuple[int, str]]:
    position = 0
    for line in text.split("\n"):
        yield position, line
        position += len(line) + 1


def _split_cells(line: str, offset: int) -> list[Cell]:
    cells, position = [], 0
    for piece in CELL_SPLIT.split(line):
        index = line.find(piece, position) if piece else position
        position = index + len(piece)
        stripped = piece.strip()
        if stripped:
            cells.append(Cell(stripped, offset + index + piece.find(stripped)))
    return cells


def _line_cell(line: str, offset: int) -> Cell:
    stripped = line.strip()
    return Cell(stripped, offset + line.find(stripped))


def _delimited_blocks(text: str) -> Iterator[TableBlock]:
    """Runs of |-or-tab lines (up to two blank lines may sit inside a run),
    and runs of one-cell lines with | lines between them."""
    if not any(mark in text for mark in TABLE_MARKS):
        return
    block: list[list[Cell]] = []
    flattened: list[tuple[Cell, bool]] = []   # (cell, a | line came after it)
    block_start, blanks = 0, 0

    def flush() -> Iterator[TableBlock]:
        nonlocal block, flattened
        if len(flattened) >= 4 and any(bar for _, bar in flattened):
            yield TableBlock(flattened[0][0].start, _flattened_rows(flattened))
        elif block:
            yield TableBlock(block_start, block)
        block, flattened = [], []

    for offset, line in _lines(text):
        if not line.strip():
            blanks += 1
            if blanks > 2:
                yield from flush()
            continue
        blanks = 0
        if BAR_LINE.match(line):
            if flattened:
                flattened[-1] = (flattened[-1][0], True)
            continue
        if TABLE_LINE.search(line) and len(line) < LONGEST_TABLE_LINE:
            if flattened:
                yield from flush()
            if not block:
                block_start = offset
            if not SEPARATOR_ROW.match(line):
                block.append(_split_cells(line, offset))
            continue
        if block:
            yield from flush()
        if len(line) < 40 and not PROSE_MARK.search(line):
            if flattened and not flattened[-1][1] and not any(bar for _, bar in flattened):
                flattened = []     # two lines with no | between before any |: not a table yet
            flattened.append((_line_cell(line, offset), False))
        elif flattened:
            yield from flush()
    yield from flush()


def _flattened_rows(cells: list[tuple[Cell, bool]]) -> list[list[Cell]]:
    """Rows of a flattened table: a cell without a | line after it ends its row."""
    rows, row = [], []
    for cell, bar_after in cells:
        row.append(cell)
        if not bar_after:
            rows.append(row)
            row = []
    if row:
        rows.append(row)
    if len(rows) > 1 or not rows:
        return rows
    return _rows_by_width(rows[0])


def is_value(cell: Cell) -> bool:
    """A number, or a placeholder that keeps a number's column (-, —, …)."""
    return is_numeric(cell) or bool(PLACEHOLDER_CELL.match(cell.text))


def _rows_by_width(cells: list[Cell]) -> list[list[Cell]]:
    """One stretch of cells, a | after each: a row is as wide as the stretch
    from the first row label (the word before the first number) to the next
    (a word after a number). The cells before the first label are the header;
    more of them than a row is wide are a row of group labels (人口数, 比重)
    over a row of one label per data column (2020年, 2010年, 2020年, 2010年)."""
    first_value = next((i for i, c in enumerate(cells) if is_numeric(c)), None)
    if not first_value:
        return [cells]
    labels = [first_value - 1] + [i for i in range(first_value + 1, len(cells))
                                  if not is_value(cells[i]) and is_value(cells[i - 1])]
    if len(labels) < 2:
        return [cells]
    width = labels[1] - labels[0]
    if width < 2 or any((i - labels[0]) % width for i in labels):
        return [cells]
    header, data = cells[: labels[0]], cells[labels[0]:]
    rows = [data[i: i + width] for i in range(0, len(data), width)]
    for corner in (1, 0):
        groups = len(header) - corner - (width - 1)
        if 1 <= groups < width - 1 and (width - 1) % groups == 0:
            return [header[: corner + groups], header[corner + groups:], *rows]
    return [header, *rows] if header else rows


def _space_aligned_blocks(text: str) -> Iterator[TableBlock]:
    """Tables whose columns are aligned by spaces: at least two data rows."""
    if "  " not in text and "\u3000" not in text:
        return
    lines = list(_lines(text))
    index = 0
    while index < len(lines):
        rows_end = index
        while rows_end < len(lines) and _spaced_data_row(*lines[rows_end]):
            rows_end += 1
        if rows_end - index < 2:
            index += 1
            continue
        header: list[list[Cell]] = []
        above = index - 1
        while above >= 0 and len(header) < 2:
            cells = _spaced_header_row(*lines[above])
            if cells is None:
                break
            header.insert(0, cells)
            above -= 1
        rows = header + [_spaced_data_row(*lines[i]) for i in range(index, rows_end)]
        yield TableBlock(lines[above + 1][0], rows, aligned_by_spaces=True)
        index = rows_end


def _tokens(line: str, offset: int) -> list[Cell]:
    return [Cell(m.group(), offset + m.start()) for m in TOKEN.finditer(line)]


def _spaced_data_row(offset: int, line: str) -> list[Cell] | None:
    """A label (words, spaces allowed inside: 全  县) and then numbers only."""
    if TABLE_LINE.search(line) or PROSE_MARK.search(line) or len(line) > 200:
        return None
    tokens = _tokens(line, offset)
    first_number = next((i for i, t in enumerate(tokens) if is_value(t)), None)
    if not first_number or not any(is_numeric(t) for t in tokens):
        return None
    if not all(is_value(t) for t in tokens[first_number:]):
        return None
    label_end = tokens[first_number - 1].start + len(tokens[first_number - 1].text) - offset
    label = line[tokens[0].start - offset: label_end]
    return [Cell(label, tokens[0].start), *tokens[first_number:]]


def _spaced_header_row(offset: int, line: str) -> list[Cell] | None:
    """Two or more words apart by spaces, no numbers but years."""
    if not line.strip() or TABLE_LINE.search(line) or PROSE_MARK.search(line) or len(line) > 200:
        return None
    tokens = _tokens(line, offset)
    if len(tokens) < 2 or any(is_numeric(t) for t in tokens):
        return None
    if TABLE_NUMBER.match(tokens[0].text) or any(len(t.text) > LONGEST_HEADER_CELL for t in tokens):
        return None     # 表5 仙居县规模以上工业企业数（家）: the table's title, not its header
    return tokens
