"""Tables a reader kept as cells (a web page's ``<table>``, a Word or PDF table).

They are read as ``cells`` reads a table in text, on the cells' grid
positions, with header rows combined; empty cells keep their column, which
text cannot.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from extractors.indicators.rulebook import RuleBook
from extractors.models import Document, Table, TableCell
from extractors.periods.years import YearResolver
from extractors.quantities.units import UNITS
from extractors.regions.scope import RegionScope
from extractors.tables.cells import (
    UNIT_LINE, UNIT_LIST_SPLIT, Column, TableState, has_data, header_column, lists_places, row_observations,
    table_context,
)
from extractors.tables.layouts import Cell


def structured_table_observations(document: Document, view: str, table: Table, book: RuleBook,
                                  scope: RegionScope, years: YearResolver) -> Iterator[dict]:
    """Candidate rows for a table a reader kept as cells (HTML, Word, PDF).

    The same reading as a table in text, on the cells' grid positions: a
    leading run of rows without data is the header, read column by column
    over all its rows (``2024年`` above ``总量``/``增长%``), merged cells
    spanning the columns below them; a row with one cell is a section or a
    ``单位`` line; a later row without data starts a new header. Empty cells
    keep their column, which text cannot.
    """
    grid: dict[int, dict[int, TableCell]] = {}
    for cell in table.cells:
        for column in range(cell.column, cell.column + cell.colspan):
            grid.setdefault(cell.row, {})[column] = cell
            for row in range(cell.row + 1, cell.row + cell.rowspan):
                grid.setdefault(row, {}).setdefault(column, cell)
    if not grid:
        return
    width = max(max(columns) for columns in grid.values()) + 1
    rows = {row: [_grid_cell(placed.get(column), table) for column in range(width)] for row, placed in grid.items()}
    with_data = {row: has_data(cells) for row, cells in rows.items()}
    context = table_context(view, table.start, document, scope, years)
    state = TableState(place_rows=lists_places([rows[r] for r in sorted(rows)], [with_data[r] for r in sorted(rows)],
                                                context.places))
    header: list[list[TableCell | None]] = []
    for row in sorted(grid):
        placed, cells = grid[row], rows[row]
        if not with_data[row] and len({id(cell) for cell in placed.values() if cell.text}) == 1:
            only = next(cell for cell in placed.values() if cell.text)
            unit_line = UNIT_LINE.search(only.text)
            if unit_line:    # 单位：亿元 across the table
                units = [u for u in UNIT_LIST_SPLIT.split(unit_line.group("unit")) if u in UNITS]
                context = dataclasses.replace(context, units=units or context.units)
            else:
                state.section = only.text
            continue
        if not with_data[row]:
            header.append([placed.get(column) for column in range(width)])
            continue
        if header:
            state.columns = _grid_columns(header, width, context.document_year)
            state.unit_column = next((i for i, c in enumerate(state.columns) if c.is_unit_column), None)
            header = []
        # A merged data cell is one figure, read where it starts; a merged row label labels every row.
        cells = [cell if column == 0 or _starts_at(placed.get(column), row, column) else Cell("", cell.start)
                 for column, cell in enumerate(cells)]
        yield from row_observations(document, view, book, scope, cells, state, context)


def _grid_columns(header: list[list[TableCell | None]], width: int, document_year: int | None) -> list[Column]:
    """Columns from header rows on the grid: each column's words over all rows; its group
    (for ``单位：人、%``) is the top row's merged cell above it."""
    tops = [header[0][column] for column in range(width)]
    group_cells = list(dict.fromkeys(id(cell) for cell in tops[1:] if cell is not None))
    columns = []
    for column in range(width):
        top = tops[column]
        group = group_cells.index(id(top)) if column and top is not None and len(group_cells) < width - 1 else -1
        columns.append(header_column(Cell(_header_label(header, column), 0), document_year, group=group))
    return columns


def _starts_at(cell: TableCell | None, row: int, column: int) -> bool:
    return cell is not None and cell.row == row and cell.column == column


def _grid_cell(cell: TableCell | None, table: Table) -> Cell:
    return Cell(cell.text, cell.start) if cell is not None else Cell("", table.start)


def _header_label(header: list[list[TableCell | None]], column: int) -> str:
    """A column's header words over all header rows, each merged cell once."""
    seen, words = set(), []
    for row in header:
        cell = row[column]
        if cell is not None and cell.text and id(cell) not in seen:
            seen.add(id(cell))
            words.append(cell.text)
    return "".join(words)
