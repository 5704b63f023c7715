"""The text a structured reader produces, built line by line with its structure.

Paragraphs and headings are lines with a blank line between them, as pages
saved as text have them (the layout stage reads blocks of lines between
blank lines); a table is a block with one line per row, its cells
between ``|`` as in a pasted Markdown table, so the text reads as the file
does and the prose stages see what they would see in a ``.txt`` copy. The
structure (headings, tables as cells, page starts) keeps offsets into this
text, so ``text[start:end]`` is always the cell or heading as written.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.models import Heading, Table, TableCell

_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0\u2002\u2003\u2009\u200b]{2,}|[\t\r\n\f\v\u00a0\u2002\u2003\u2009\u200b]")
_LINE_BREAK = re.compile(r"[ \t]*[\r\n]\s*")
MAX_SPAN = 50            # a rowspan/colspan past this is a broken or hostile file
MAX_TABLE_CELLS = 20_000
CELL_SEPARATOR = " | "


def clean_inline(text: str) -> str:
    """Source line breaks beside a Chinese character dropped (browsers show no gap there in
    Chinese text), other runs of whitespace as one space; a typed space (a byline's names) stays."""
    if "\n" in text or "\r" in text:
        text = _LINE_BREAK.sub(lambda m: _break(m, text), text)
    if "  " in text or not text.isprintable():      # tabs, breaks, no-break and other wide spaces
        text = _SPACES.sub(" ", text)
    return text.strip()


def _break(match: re.Match, text: str) -> str:
    before = text[match.start() - 1] if match.start() else ""
    after = text[match.end()] if match.end() < len(text) else ""
    return "" if before > "\x7f" or after > "\x7f" else " "


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
    _page_opened: bool = False

    def _append(self, line: str, new_block: bool = False) -> int:
        """Append a line (after a blank line when it starts a block); its start offset."""
        new_block = new_block or self._page_opened
        if self.pieces:
            separator = "\n\n" if new_block else "\n"
            self.pieces.append(separator)
            self.length += len(separator)
        start = self.length
        if self._page_opened:
            self.pages[-1] = start
            self._page_opened = False
        self.pieces.append(line)
        self.length += len(line)
        return start

    def line(self, text: str, heading_level: int | None = None, new_block: bool = True) -> None:
        """A paragraph or heading (``new_block``), or the next line of a block (a line of a PDF page)."""
        text = clean_inline(text)
        if not text:
            return
        start = self._append(text, new_block)
        if heading_level:
            self.headings.append(Heading(level=heading_level, start=start, end=start + len(text)))

    def raw_lines(self, text: str) -> None:
        """Preformatted text: its own lines, each stripped."""
        first = True
        for line in text.splitlines():
            if line.strip():
                self._append(line.strip(), new_block=first)
                first = False

    def new_page(self) -> None:
        """The next line starts a page (and a block); a page without text starts where the next one does."""
        self.pages.append(-1)
        self._page = len(self.pages)
        self._page_opened = True

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
            line_start = self._append(line, new_block=table_start is None)
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

    @property
    def page_starts(self) -> list[int]:
        """Where each page starts in the text (a page without text: where the next page starts)."""
        starts, following = [], self.length
        for start in reversed(self.pages):
            following = start if start >= 0 else following
            starts.append(following)
        return starts[::-1]
