"""What a sentence table would save in the data package (a measurement, not a test).

Every row of ``indicators.csv`` repeats its whole source sentence. The
alternative measured here: a ``sentences.csv`` with one line per distinct
(document, sentence) and a ``sentence_id`` column in the rows instead of the
text. Sizes are given raw and deflated as the dashboard's zip stores them.

    .venv/bin/python benchmarks/sentence_table.py [--dense] INPUT_FOLDER [INPUT_FOLDER ...]

Each folder is extracted into a temporary directory first. ``--dense`` adds
a generated page of long listing sentences (forty figures each), the case
where rows repeat their sentence most.
"""
from __future__ import annotations

import argparse
import io
import sys
import tempfile
import zlib
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.run.inputs import input_files  # noqa: E402
from extractors.run.pipeline import extract_paths  # noqa: E402

ZIP_LEVEL = 6          # as dashboard.exports.data_package_zip


def csv_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8")


def sizes(data: bytes) -> tuple[int, int]:
    return len(data), len(zlib.compress(data, ZIP_LEVEL))


def measure(folder: Path) -> dict:
    with tempfile.TemporaryDirectory() as out:
        extract_paths([folder], Path(out))
        rows = pd.read_csv(Path(out) / "indicators.csv", dtype=str, keep_default_na=False)
    text_bytes = sum(path.stat().st_size for path in input_files([folder]))
    sentences = rows[["doc_id", "sentence"]].drop_duplicates().reset_index(drop=True)
    sentences.insert(0, "sentence_id", range(len(sentences)))
    keyed = rows.merge(sentences, on=["doc_id", "sentence"], how="left").drop(columns="sentence")
    now = sizes(csv_bytes(rows))
    split_rows, split_sentences = sizes(csv_bytes(keyed)), sizes(csv_bytes(sentences))
    return {"folder": folder.name, "input": text_bytes, "rows": len(rows), "sentences": len(sentences),
            "now": now, "split": (split_rows[0] + split_sentences[0], split_rows[1] + split_sentences[1])}


def dense_page(folder: Path, sentences: int = 60, figures: int = 40) -> Path:
    """A page of listing sentences: ``各街道新增企业分别为12家、57家、...``."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [f"{2000 + n % 25}年，各街道新增企业分别为" + "、".join(f"{(n * 37 + k * 11) % 900 + 10}家"
                                                               for k in range(figures)) + "。"
             for n in range(sentences)]
    (folder / "dense.txt").write_text("全区企业发展情况\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--dense", action="store_true", help="also measure a generated page of listings")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folders = arguments.folders + ([dense_page(Path(scratch) / "dense")] if arguments.dense else [])
        results = list(map(measure, folders))
    for result in results:
        (raw, packed), (split_raw, split_packed) = result["now"], result["split"]
        print(f"{result['folder']}: {result['input']:,} input bytes, {result['rows']:,} rows, "
              f"{result['sentences']:,} sentences")
        print(f"  CSV with sentences:  {raw:,} bytes ({raw / result['input']:.1f}x input), zipped {packed:,}")
        print(f"  rows + sentence table: {split_raw:,} bytes ({split_raw / result['input']:.1f}x input), "
              f"zipped {split_packed:,}")
        print(f"  saved: {1 - split_raw / raw:.0%} raw, {1 - split_packed / packed:.0%} zipped")


if __name__ == "__main__":
    main()
