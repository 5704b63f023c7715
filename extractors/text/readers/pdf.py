"""PDF -> text per page, page starts, and ruled tables as cells (``pdfplumber``).

``pdfplumber`` (on ``pdfminer.six``) gives each page's words with their
positions and finds tables from their ruling lines; the text outside the
tables is read band by band between them, so tables stay in reading order.
The library runs in a child process with a memory and a time limit: a PDF
is a program of sorts, and a decompression bomb or a page that never ends
must stop that file, not the run. A PDF whose pages hold no text (a scan)
is refused with a message saying so, or, with ``EXTRACT_OCR`` set to a
tesseract language (``extract --ocr``), its pages are rendered and read by
tesseract, with a warning that figures may be misread. JavaScript in a PDF is never run; its
presence is noted.
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys

from extractors.text.encoding import DocumentError
from extractors.text.readers.builder import GridCell, TextBuilder
from extractors.text.readers.reading import Reading

MEMORY_LIMIT_MB = int(os.environ.get("EXTRACT_PDF_MEMORY_MB", "1536"))
TIME_LIMIT_SECONDS = float(os.environ.get("EXTRACT_PDF_SECONDS", "60"))
_JAVASCRIPT = (b"/JavaScript", b"/JS ", b"/JS(", b"/JS<")
# OCR of scanned PDFs, off unless asked for (extract --ocr): tesseract's language and its time per page.
OCR_ENV = "EXTRACT_OCR"
OCR_SECONDS_PER_PAGE = 60.0


def _limits() -> None:
    limit = MEMORY_LIMIT_MB * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    seconds = int(TIME_LIMIT_SECONDS) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))


def _run_worker(data: bytes, name: str) -> dict:
    command = [sys.executable, "-m", "extractors.text.readers.pdf_worker"]
    timeout = TIME_LIMIT_SECONDS
    if os.environ.get(OCR_ENV):
        command += ["--ocr", os.environ[OCR_ENV], str(OCR_SECONDS_PER_PAGE)]
        timeout += OCR_SECONDS_PER_PAGE * 20       # a scan of up to 20 pages
    try:
        finished = subprocess.run(
            command, input=data, capture_output=True,
            timeout=timeout, preexec_fn=_limits, cwd=os.path.dirname(os.path.dirname(
                os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
    except subprocess.TimeoutExpired:
        raise DocumentError(name, f"took more than {timeout:g} s to read as a PDF and was stopped") from None
    if finished.returncode != 0 or not finished.stdout:
        memory = b"MemoryError" in finished.stderr or finished.returncode in (-9, -24, 137)
        why = (f"needs more than {MEMORY_LIMIT_MB} MB to read (a PDF bomb?)" if memory
               else f"could not be read as a PDF (the reader stopped with status {finished.returncode})")
        raise DocumentError(name, why)
    try:
        return json.loads(finished.stdout)
    except json.JSONDecodeError:
        raise DocumentError(name, "could not be read as a PDF (the reader's answer was broken)") from None


def read_pdf(data: bytes, name: str) -> Reading:
    result = _run_worker(data, name)
    if "bomb" in result:
        raise DocumentError(name, f"is not read: {result['bomb']} (a PDF bomb?)")
    if "error" in result:
        raise DocumentError(name, f"is not a readable PDF ({result['error']})")
    builder = TextBuilder()
    for blocks in result["pages"]:
        builder.new_page()
        for block in blocks:
            if "table" in block:
                builder.table(_grid(block["table"]))
            else:
                # The lines of a page are the layout's: a block, joined into sentences later.
                for number, line in enumerate(block["text"].splitlines()):
                    builder.line(line, new_block=number == 0)
    text = builder.text
    if not text.strip():
        raise DocumentError(name, f"has no text layer ({result['page_count']} pages of images: a scan?); "
                                  "run OCR on it first" + ("" if os.environ.get(OCR_ENV) else " (extract --ocr)"))
    warnings = []
    reader = f"pdf pdfplumber-{result['version']}"
    if result.get("ocr"):
        reader += f" ocr tesseract-{result['ocr']}"
        warnings.append(f"{name}: no text layer; the text was read by OCR (tesseract, {result['ocr']}), "
                        "so figures may be misread")
    if any(mark in data for mark in _JAVASCRIPT):
        warnings.append(f"{name}: the PDF holds JavaScript; it was not run, only the text was read")
    if result["page_count"] > len(result["pages"]):
        warnings.append(f"{name}: only the first {len(result['pages'])} of {result['page_count']} pages were read")
    # The metadata title is left aside: tools fill it with "untitled" or a file name.
    return Reading(text=text, reader=reader, media_type="application/pdf",
                   pages=builder.page_starts, tables=builder.tables, warnings=warnings)


def _grid(rows: list[list[str | None]]) -> list[list[GridCell]]:
    """pdfplumber's rows, ``None`` where a merged cell spans: a span of the cell to its left."""
    grid = []
    for row in rows:
        cells: list[GridCell] = []
        for value in row:
            if value is None and cells:
                cells[-1].colspan += 1
            else:
                cells.append(GridCell((value or "").replace("\n", "")))
        grid.append(cells)
    return grid
