"""Word files (``.docx``) -> text, headings and tables as cells, with ``python-docx``.

The body is read in order: paragraphs are lines (a ``Heading N`` or
``Title`` style is a heading), tables go to the tables stage as cells with
their merged cells as spans. A ``.docx`` is a zip: its members' sizes are
checked before anything is unpacked, so a zip bomb is refused unread.
"""
from __future__ import annotations

import io
import re
import zipfile

from extractors.text.encoding import DocumentError
from extractors.text.readers.builder import GridCell, TextBuilder, clean_inline
from extractors.text.readers.reading import Reading

MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200          # unpacked / packed size of one member; text compresses ~10x, a bomb ~1000x
_HEADING_STYLE = re.compile(r"^(?:Heading|标题)\s*(\d)$", re.IGNORECASE)


def _check_archive(data: bytes, name: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise DocumentError(name, "is not a readable Word document (a broken zip)") from None
    if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        raise DocumentError(name, f"unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MB (a zip bomb?)")
    for member in members:
        if member.file_size > 1_000_000 and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise DocumentError(name, f"holds {member.filename}, compressed {member.file_size // max(member.compress_size, 1)}"
                                      " times over (a zip bomb?)")


def read_docx(data: bytes, name: str) -> Reading:
    _check_archive(data, name)
    import docx
    from docx.oxml.ns import qn

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 - python-docx raises many kinds for a broken file
        raise DocumentError(name, f"is not a readable Word document ({type(error).__name__})") from None
    builder = TextBuilder()
    paragraph_tag, table_tag = qn("w:p"), qn("w:tbl")
    for child in document.element.body.iterchildren():
        if child.tag == paragraph_tag:
            paragraph = docx.text.paragraph.Paragraph(child, document)
            builder.line(paragraph.text, heading_level=_heading_level(paragraph))
        elif child.tag == table_tag:
            builder.table(_table_rows(docx.table.Table(child, document)))
    text = builder.text
    if not text.strip():
        raise DocumentError(name, "is a Word document with no text")
    title = clean_inline(document.core_properties.title or "") or next(
        (text[h.start:h.end] for h in builder.headings), None)
    return Reading(text=text, reader=f"docx python-docx-{docx.__version__}",
                   media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                   title=title, headings=builder.headings, tables=builder.tables)


def _heading_level(paragraph) -> int | None:
    style = paragraph.style.name if paragraph.style is not None else ""
    if style == "Title":
        return 1
    match = _HEADING_STYLE.match(style or "")
    return int(match.group(1)) if match else None


def _table_rows(table) -> list[list[GridCell]]:
    """Rows of cells with spans: python-docx repeats a merged cell at every grid
    position it covers; a position covered from the row above is left out (the
    builder places the next cell after it)."""
    grid = [[cell._tc for cell in row.cells] for row in table.rows]
    texts = {id(cell._tc): cell.text for row in table.rows for cell in row.cells}
    rows: list[list[GridCell]] = []
    for r, row in enumerate(grid):
        cells, c = [], 0
        while c < len(row):
            tc = row[c]
            colspan = 1
            while c + colspan < len(row) and row[c + colspan] is tc:
                colspan += 1
            covered = r > 0 and c < len(grid[r - 1]) and grid[r - 1][c] is tc
            if not covered:
                rowspan = 1
                while r + rowspan < len(grid) and c < len(grid[r + rowspan]) and grid[r + rowspan][c] is tc:
                    rowspan += 1
                cells.append(GridCell(texts[id(tc)], rowspan=rowspan, colspan=colspan))
            c += colspan
        rows.append(cells)
    return rows
