"""``python benchmarks/bench_readers.py``: what reading a web page adds to a run.

Each page of ``seeds/`` is written as a web page of the same text: its lines
as ``<p>`` paragraphs in a page with a head, a menu, scripts and a footer,
its ``|`` table lines as a ``<table>``. Both versions are extracted
(``extract_bytes``: bytes -> validated rows) on one core, document by
document, each ``--repeats`` times; a document's time is its fastest run in
CPU time of this process (other load on a shared machine only ever adds).
The figure is the web pages' total over the text files'. Also timed: one
PDF and one Word file of the same text, whose readers cost more (the PDF is
read in a process of its own, whose time is wall time here).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "tests" / "readers"))

from document_fixtures import as_web_page  # noqa: E402
from extractors.run.pipeline import extract_bytes, shared_extractor  # noqa: E402
from extractors.text.readers import read_bytes  # noqa: E402

def _time(documents: list[tuple[str, bytes]]) -> tuple[float, int]:
    started = time.process_time()
    rows = sum(len(extract_bytes(data, name).observations) for name, data in documents)
    return time.process_time() - started, rows


def _fastest(work, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    texts = [(path.name, path.read_bytes()) for path in sorted((ROOT / "seeds").glob("*.txt"))]
    pages = [(name.replace(".txt", ".html"), as_web_page(data.decode("utf-8"))) for name, data in texts]
    shared_extractor()
    _, text_rows = _time(texts)          # warm: the region matcher and caches
    _, page_rows = _time(pages)
    # Per document, alternately, the fastest of the rounds: noise on a shared machine only adds.
    text_median = page_median = reading = 0.0
    for (name, text), (page_name, page) in zip(texts, pages):
        text_median += _fastest(lambda: extract_bytes(text, name), args.repeats)
        page_median += _fastest(lambda: extract_bytes(page, page_name), args.repeats)
        reading += _fastest(lambda: read_bytes(page, page_name), args.repeats)
    characters = sum(len(data.decode("utf-8")) for _, data in texts)
    print(f"{len(texts)} documents, {characters:,} characters, {args.repeats} rounds")
    print(f"text files: {text_median * 1000:.0f} ms ({characters / text_median / 1000:.0f} k chars/s), {text_rows} rows")
    print(f"web pages:  {page_median * 1000:.0f} ms ({characters / page_median / 1000:.0f} k chars/s), {page_rows} rows")
    print(f"reading web pages adds {100 * (page_median / text_median - 1):.1f} % to the run "
          f"(the HTML reader alone: {reading * 1000:.1f} ms, {100 * reading / text_median:.1f} %)")
    try:
        import document_fixtures as fx

        doc = fx.DocumentSpec("bench", texts[0][1].decode().splitlines()[0], "",
                              texts[0][1].decode().splitlines()[1:], [])
        for suffix in (".pdf", ".docx"):
            data = fx.RENDERERS[suffix](doc)
            started = time.perf_counter()
            rows = len(extract_bytes(data, f"bench{suffix}").observations)
            seconds = time.perf_counter() - started
            started = time.perf_counter()
            extract_bytes(*texts[0][::-1])
            print(f"{suffix[1:]}: {seconds * 1000:.0f} ms wall for the first seed page's text ({rows} rows; "
                  f"as .txt {(time.perf_counter() - started) * 1000:.0f} ms)")
    except ImportError as error:     # reportlab / python-docx are test dependencies
        print(f"pdf/docx skipped: {error}")


if __name__ == "__main__":
    main()
