"""Reads one PDF in a process of its own (``python -m extractors.text.readers.pdf_worker``).

The PDF's bytes come on standard input; a JSON object goes to standard
output: per page, its blocks in reading order, each a run of text lines or a
ruled table's rows of cells (``null`` for a cell merged into its neighbour).
The parent sets this process's memory and time limits, so a decompression
bomb or a page that never ends stops here, not in the run.
"""
from __future__ import annotations

import io
import json
import sys
import types
import zlib

MAX_PAGES = 2000
MAX_STREAM_BYTES = 100 * 1024 * 1024     # one inflated stream; a page's content is rarely past 1 MB


class StreamTooLarge(Exception):
    pass


def _bounded_decompress(data: bytes, *args) -> bytes:
    inflater = zlib.decompressobj()
    out = inflater.decompress(data, MAX_STREAM_BYTES)
    if inflater.unconsumed_tail:
        raise StreamTooLarge(f"a stream inflates past {MAX_STREAM_BYTES // 2**20} MB")
    return out + inflater.flush()


def _bound_inflation() -> None:
    """pdfminer inflates a stream whole: give it a zlib that stops at MAX_STREAM_BYTES."""
    import pdfminer.pdftypes

    bounded = types.SimpleNamespace(decompress=_bounded_decompress, decompressobj=zlib.decompressobj,
                                    error=zlib.error)
    pdfminer.pdftypes.zlib = bounded


def _blocks(page) -> list[dict]:
    tables = sorted(page.find_tables(), key=lambda table: table.bbox[1])
    boxes = [table.bbox for table in tables]

    def outside_tables(obj) -> bool:
        x = (obj.get("x0", 0) + obj.get("x1", 0)) / 2
        y = (obj.get("top", 0) + obj.get("bottom", 0)) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    text_only = page.filter(outside_tables)
    blocks, top = [], 0.0
    for table, (x0, table_top, x1, bottom) in zip(tables, boxes):
        if table_top > top:
            blocks.append({"text": _text(text_only, top, table_top)})
        blocks.append({"table": table.extract()})
        top = max(top, bottom)
    blocks.append({"text": _text(text_only, top, float(page.height))})
    return [block for block in blocks if block.get("table") or block.get("text")]


def _text(page, top: float, bottom: float) -> str:
    if bottom - top < 1:
        return ""
    region = page.crop((0, max(0.0, top), float(page.width), min(float(page.height), bottom)), strict=False)
    return region.extract_text() or ""


def _cause(error: BaseException, kind: type) -> BaseException | None:
    """``error`` or what caused it, if of ``kind`` (pdfplumber wraps pdfminer's errors)."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, kind) or (isinstance(error.args[0] if error.args else None, kind)):
            return error if isinstance(error, kind) else error.args[0]
        error, seen = error.__cause__ or error.__context__, seen + 1
    return None


def _ocr_pages(data: bytes, language: str, seconds_per_page: float) -> list[list[dict]]:
    """Each page rendered at 300 dpi and read by tesseract (``--psm 4``: columns of lines, so a
    table's rows stay lines)."""
    import subprocess

    import pypdfium2

    pages = []
    document = pypdfium2.PdfDocument(data)
    for index in range(min(len(document), MAX_PAGES)):
        image = document[index].render(scale=300 / 72).to_pil()
        png = io.BytesIO()
        image.save(png, format="PNG")
        read = subprocess.run(["tesseract", "stdin", "stdout", "-l", language, "--psm", "4"], input=png.getvalue(),
                              capture_output=True, timeout=seconds_per_page, check=True)
        pages.append([{"text": read.stdout.decode("utf-8", "replace")}])
    return pages


def main() -> None:
    import pdfplumber

    _bound_inflation()
    ocr_language = sys.argv[sys.argv.index("--ocr") + 1] if "--ocr" in sys.argv else None
    data = sys.stdin.buffer.read()
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = pdf.pages
            result = {"version": pdfplumber.__version__, "page_count": len(pages), "pages": []}
            for page in pages[:MAX_PAGES]:
                result["pages"].append(_blocks(page))
                page.close()
        if ocr_language and not any(block.get("text", "").strip() or block.get("table")
                                    for blocks in result["pages"] for block in blocks):
            result["pages"] = _ocr_pages(data, ocr_language, float(sys.argv[sys.argv.index("--ocr") + 2]))
            result["ocr"] = ocr_language
    except Exception as error:  # noqa: BLE001 - any failure of the library is this file's failure
        bomb = _cause(error, StreamTooLarge)
        result = {"bomb": str(bomb)} if bomb else {"error": f"{type(error).__name__}: {str(error)[:200]}"}
    sys.stdout.write(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
