"""Write a run's tables: CSV, Parquet, documents and the run manifest.

Every file goes through a temporary file in the same folder and a rename,
so readers never see half a file and a killed run leaves the old outputs.
"""
from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from .models import OUTPUT_COLUMNS, Document, Observation

CSV_NAME = "indicators.csv"
PARQUET_NAME = "indicators.parquet"
DOCUMENTS_NAME = "documents.jsonl"
MANIFEST_NAME = "run_manifest.json"


def observations_frame(observations: Iterable[Observation]) -> pd.DataFrame:
    frame = pd.DataFrame([o.model_dump() for o in observations], columns=OUTPUT_COLUMNS)
    frame["year"] = frame["year"].astype("Int64")
    frame["start"] = frame["start"].astype("int64")
    frame["end"] = frame["end"].astype("int64")
    frame["value"] = frame["value"].astype("float64")
    return frame


def _atomic_write(path: Path, write) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    try:
        write(temporary)
        with open(temporary, "rb") as f:
            os.fsync(f.fileno())
        os.chmod(temporary, 0o644)   # mkstemp creates 0600; outputs are ordinary files
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def _write_text(path: Path, text: str) -> None:
    _atomic_write(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))


def write_outputs(out_dir: Path, observations: list[Observation], documents: list[Document], manifest: dict) -> None:
    out_dir = Path(out_dir)
    frame = observations_frame(observations)
    _atomic_write(out_dir / CSV_NAME, lambda tmp: frame.to_csv(tmp, index=False, encoding="utf-8"))
    _atomic_write(out_dir / PARQUET_NAME, lambda tmp: frame.to_parquet(tmp, index=False))
    records = "".join(json.dumps(d.model_dump(mode="json"), ensure_ascii=False) + "\n" for d in documents)
    _write_text(out_dir / DOCUMENTS_NAME, records)
    _write_text(out_dir / MANIFEST_NAME, json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
