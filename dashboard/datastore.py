"""Files of ``data/``: what the extraction wrote, plus documents uploaded in the dashboard.

The extraction owns ``data/indicators.parquet``, ``data/documents.jsonl`` and
``data/run_manifest.json``; an extraction run rewrites them from ``seeds/``.
Uploaded documents live apart in ``data/uploads/`` (their rows, their
documents and the files themselves), so a new extraction of the seeds does
not lose them. Readers see both as one table.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from extractors.models import OUTPUT_COLUMNS

INDICATORS_PARQUET = "indicators.parquet"
INDICATORS_CSV = "indicators.csv"
DOCUMENTS_JSONL = "documents.jsonl"
RUN_MANIFEST = "run_manifest.json"
UPLOADS_DIR = "uploads"
UPLOADED_FILES_DIR = "files"

DOCUMENT_FIELDS = ("doc_id", "source_file", "title", "date", "publisher", "url", "encoding", "text", "articles")

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def default_data_dir() -> Path:
    return Path(os.environ.get("DASHBOARD_DATA_DIR", PROJECT_ROOT / "data"))


def default_seeds_dir() -> Path:
    return Path(os.environ.get("DASHBOARD_SEEDS_DIR", PROJECT_ROOT / "seeds"))


def seed_paths(seeds_dir: Path) -> list[Path]:
    """The documents to extract: every ``.txt`` file of ``seeds/``."""
    return sorted(path for path in seeds_dir.glob("*.txt") if path.is_file())


def needs_extraction(data_dir: Path, seeds_dir: Path) -> bool:
    """True when ``data/`` is missing or older than any file of ``seeds/``."""
    indicators = data_dir / INDICATORS_PARQUET
    documents = data_dir / DOCUMENTS_JSONL
    if not indicators.exists() or not documents.exists():
        return True
    if not seeds_dir.is_dir():
        return False
    data_time = min(indicators.stat().st_mtime_ns, documents.stat().st_mtime_ns)
    seed_times = [path.stat().st_mtime_ns for path in seeds_dir.iterdir() if path.is_file()]
    return bool(seed_times) and max(seed_times) > data_time


def _data_files(data_dir: Path) -> list[Path]:
    uploads = data_dir / UPLOADS_DIR
    return [data_dir / INDICATORS_PARQUET, data_dir / DOCUMENTS_JSONL,
            uploads / INDICATORS_PARQUET, uploads / DOCUMENTS_JSONL]


def data_version(data_dir: Path) -> str:
    """Changes whenever a data file changes: the cache key of everything read from ``data/``."""
    stamp = hashlib.sha256(str(data_dir.resolve()).encode())
    for path in _data_files(data_dir):
        if path.exists():
            stat = path.stat()
            stamp.update(f"{path.name}:{stat.st_mtime_ns}:{stat.st_size};".encode())
    return stamp.hexdigest()[:16]


def _read_table(path: Path) -> pa.Table | None:
    """A rows file with its text columns dictionary-encoded (they become categoricals)."""
    if not path.exists():
        return None
    schema = pq.read_schema(path)
    texts = [field.name for field in schema if field.name != "obs_id"
             and (pa.types.is_string(field.type) or pa.types.is_large_string(field.type))]
    return pq.read_table(path, read_dictionary=texts)


def read_rows(data_dir: Path) -> pd.DataFrame:
    """Every row of the extraction and of the uploads, as stored."""
    tables = [table for table in (_read_table(data_dir / INDICATORS_PARQUET),
                                  _read_table(data_dir / UPLOADS_DIR / INDICATORS_PARQUET))
              if table is not None and table.num_rows]
    if not tables:
        return pd.DataFrame(columns=OUTPUT_COLUMNS)
    if len(tables) > 1:
        tables = [tables[0].replace_schema_metadata(None)] + [
            table.replace_schema_metadata(None).cast(tables[0].schema.remove_metadata())
            if set(table.schema.names) == set(tables[0].schema.names) else table for table in tables[1:]]
        table = pa.concat_tables(tables, promote_options="permissive").unify_dictionaries()
    else:
        table = tables[0]
    return table.to_pandas()


def _read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def read_documents(data_dir: Path) -> list[dict]:
    """Every document (with its text and articles) of the extraction and of the uploads."""
    return _read_jsonl(data_dir / DOCUMENTS_JSONL) + _read_jsonl(data_dir / UPLOADS_DIR / DOCUMENTS_JSONL)


def document_record(document: object) -> dict:
    """A ``Document`` (pydantic model or dict) as one line of ``documents.jsonl``."""
    record = document.model_dump(mode="json") if hasattr(document, "model_dump") else dict(document)
    return {name: record.get(name) for name in DOCUMENT_FIELDS} | {
        key: value for key, value in record.items() if key not in DOCUMENT_FIELDS}


def add_uploaded_document(data_dir: Path, raw_bytes: bytes, document: object,
                          observations: list[object]) -> int:
    """Store an uploaded document, its file and its rows under ``data/uploads/``; returns the row count."""
    uploads = data_dir / UPLOADS_DIR
    (uploads / UPLOADED_FILES_DIR).mkdir(parents=True, exist_ok=True)
    record = document_record(document)
    (uploads / UPLOADED_FILES_DIR / Path(record["source_file"]).name).write_bytes(raw_bytes)

    rows = [obs.model_dump(mode="json") if hasattr(obs, "model_dump") else dict(obs) for obs in observations]
    new_rows = pd.DataFrame(rows, columns=OUTPUT_COLUMNS) if rows else pd.DataFrame(columns=OUTPUT_COLUMNS)
    parquet_path = uploads / INDICATORS_PARQUET
    existing = pd.read_parquet(parquet_path) if parquet_path.exists() else None
    combined = new_rows if existing is None else pd.concat([existing, new_rows], ignore_index=True)
    combined["year"] = pd.array(combined["year"], dtype="Int64")
    combined.to_parquet(parquet_path, index=False)
    combined.to_csv(uploads / INDICATORS_CSV, index=False)

    with (uploads / DOCUMENTS_JSONL).open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(rows)
