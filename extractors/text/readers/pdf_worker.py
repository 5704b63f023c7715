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

MAX_PAGES = 2000


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


def main() -> None:
    import pdfplumber

    data = sys.stdin.buffer.read()
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = pdf.pages
            result = {"version": pdfplumber.__version__, "page_count": len(pages), "pages": []}
            for page in pages[:MAX_PAGES]:
                result["pages"].append(_blocks(page))
                page.close()
    except Exception as error:  # noqa: BLE001 - any failure of the library is this file's failure
        result = {"error": f"{type(error).__name__}: {str(error)[:200]}"}
    sys.stdout.write(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
