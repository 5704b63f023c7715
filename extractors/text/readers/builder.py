"""The text a structured reader produces, built line by line with its structure.

Paragraphs and headings are lines; a table is one line per row, its cells
between ``|`` as in a pasted Markdown table, so the text reads as the file
does and the prose stages see what they would see in a ``.txt`` copy. The
structure (headings, tables as cells, page starts) keeps offsets into this
text, so ``text[start:end]`` is always the cell or heading as written.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.models import Heading, Table, TableCell

_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0\u2002\u2003\u2009\u200b]+")
# A space next to a Chinese character is a line break of the source, not a word gap.
_SPACE_BY_WIDE = re.compile(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])")
MAX_SPAN = 50            # a rowspan/colspan past this is a broken or hostile file
MAX_TABLE_CELLS = 20_000
CELL_SEPARATOR = " | "


def clean_inline(text: str) -> str:
    """Runs of whitespace as one space, and none beside a Chinese character."""
    return _SPACE_BY_WIDE.sub("", _SPACES.sub(" ", text)).strip()


@dataclass
class GridCell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False


@dataclass
class TextBuilder:
    pieces: list[str] = field(default_factory=list)
    length: int = 0
    headings: list[Heading] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    _page: int | None = None

    def _append(self, line: str) -> int:
        """Append a line; its start offset."""
        if self.pieces:
            self.pieces.append("\n")
            self.length += 1
        start = self.length
        self.pieces.append(line)
        self.length += len(line)
        return start

    def line(self, text: str, heading_level: int | None = None) -> None:
        text = clean_inline(text)
        if not text:
            return
        start = self._append(text)
        if heading_level:
            self.headings.append(Heading(level=heading_level, start=start, end=start + len(text)))

    def raw_lines(self, text: str) -> None:
        """Preformatted text: its own lines, each stripped."""
        for line in text.splitlines():
            if line.strip():
                self._append(line.strip())

    def new_page(self) -> None:
        self.pages.append(self.length + (1 if self.pieces else 0))
        self._page = len(self.pages)

    def table(self, rows: list[list[GridCell]]) -> None:
        """A table's rows of cells (spans as the file gives them) -> lines of text and a ``Table``."""
        if not any(cell.text.strip() for row in rows for cell in row):
            return
        occupied: set[tuple[int, int]] = set()
        cells: list[TableCell] = []
        table_start = None
        for row_index, row in enumerate(rows):
            column, parts, line_cells = 0, [], []
            for cell in row:
                while (row_index, column) in occupied:
                    column += 1
                rowspan = max(1, min(cell.rowspan, MAX_SPAN, len(rows) - row_index))
                colspan = max(1, min(cell.colspan, MAX_SPAN))
                for down in range(rowspan):
                    for across in range(colspan):
                        occupied.add((row_index + down, column + across))
                text = clean_inline(cell.text)
                line_cells.append((row_index, column, text, rowspan, colspan, cell.header))
                parts.append(text)
                column += colspan
                if len(cells) + len(line_cells) > MAX_TABLE_CELLS:
                    break
            if not any(parts):
                continue       # a row of empty or covered cells: no line, no cells
            line = "| " + CELL_SEPARATOR.join(parts) + " |"
            line_start = self._append(line)
            table_start = line_start if table_start is None else table_start
            position = line_start + 2
            for (r, c, text, rowspan, colspan, header), part in zip(line_cells, parts):
                cells.append(TableCell(row=r, column=c, start=position, end=position + len(text), text=text,
                                       rowspan=rowspan, colspan=colspan, header=header))
                position += len(part) + len(CELL_SEPARATOR)
            if len(cells) >= MAX_TABLE_CELLS:
                break
        self.tables.append(Table(start=table_start, end=self.length, cells=cells, page=self._page))

    @property
    def text(self) -> str:
        return "".join(self.pieces)
