"""Files of ``data/``: what the extraction wrote, plus documents uploaded in the dashboard.

The extraction owns ``data/indicators.parquet``, ``data/documents.jsonl`` and
``data/run_manifest.json``; an extraction run rewrites them from ``seeds/`` as
one set (a generation folder switched in at once, see ``extractors.run.outputs``),
and readers take all of them from the set current when they start.
Uploaded documents live apart in ``data/uploads/`` (their rows, their
documents and the files themselves), so a new extraction of the seeds does
not lose them. Readers see both as one table.

An uploaded file is stored as ``uploads/files/<sha256 of its bytes>.txt``:
the name it came with is never part of a path. Adding one is serialised by
a lock (sessions run in threads, servers in processes) and each rows file is
replaced whole, so two uploads at once, or a crash half-way, lose nothing.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
import threading
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from extractors.models import OUTPUT_COLUMNS, Document
from extractors.run.outputs import generation_dir

INDICATORS_PARQUET = "indicators.parquet"
INDICATORS_CSV = "indicators.csv"
DOCUMENTS_JSONL = "documents.jsonl"
RUN_MANIFEST = "run_manifest.json"
UPLOADS_DIR = "uploads"
UPLOADED_FILES_DIR = "files"
UPLOADED_FILE_SUFFIX = ".txt"
UPLOADS_LOCK = ".lock"

DOCUMENT_FIELDS = ("doc_id", "source_file", "title", "date", "publisher", "url", "encoding", "text", "articles")

PROJECT_ROOT = Path(__file__).resolve().parent.parent

log = logging.getLogger(__name__)
_uploads_lock = threading.Lock()


def default_data_dir() -> Path:
    return Path(os.environ.get("DASHBOARD_DATA_DIR", PROJECT_ROOT / "data"))


def default_seeds_dir() -> Path:
    return Path(os.environ.get("DASHBOARD_SEEDS_DIR", PROJECT_ROOT / "seeds"))


def seed_paths(seeds_dir: Path) -> list[Path]:
    """The documents to extract: every ``.txt`` file of ``seeds/``."""
    return sorted(path for path in seeds_dir.glob("*.txt") if path.is_file())


def extraction_dir(data_dir: Path) -> Path:
    """The folder of the extraction's current set of files, resolved once:
    rows and documents read from it belong together, even while a new
    extraction switches in its set."""
    return generation_dir(data_dir)


def seed_hashes(seeds_dir: Path) -> list[list[str]]:
    """The fingerprint an extraction of ``seeds/`` records in its run manifest:
    each document's name and content hash, and the folder manifest's."""
    files = seed_paths(seeds_dir) + [path for path in [seeds_dir / "manifest.jsonl"] if path.is_file()]
    return Document.input_hashes((path.name, path.read_bytes()) for path in files)


def needs_extraction(data_dir: Path, seeds_dir: Path) -> bool:
    """True when ``data/`` is missing or was extracted from other inputs than
    ``seeds/`` holds now: a seed added, changed, renamed or deleted, by the
    content hashes of the run manifest (file times say nothing of a deletion)."""
    extraction = extraction_dir(data_dir)
    if not all((extraction / name).exists() for name in (INDICATORS_PARQUET, DOCUMENTS_JSONL, RUN_MANIFEST)):
        return True
    if not seeds_dir.is_dir():
        return False
    try:
        recorded = json.loads((extraction / RUN_MANIFEST).read_text(encoding="utf-8")).get("input_hashes")
    except (OSError, ValueError, AttributeError):
        recorded = None
    if recorded is None:        # data from elsewhere, or from a run that kept no hashes
        return bool(seed_paths(seeds_dir))
    return recorded != seed_hashes(seeds_dir)


def _data_files(data_dir: Path, extraction: Path) -> list[Path]:
    uploads = data_dir / UPLOADS_DIR
    return [extraction / INDICATORS_PARQUET, extraction / DOCUMENTS_JSONL,
            uploads / INDICATORS_PARQUET, uploads / DOCUMENTS_JSONL]


def data_version(data_dir: Path) -> str:
    """Changes whenever a data file changes: the cache key of everything read from ``data/``."""
    extraction = extraction_dir(data_dir)
    stamp = hashlib.sha256(f"{data_dir.resolve()}:{extraction}".encode())
    for path in _data_files(data_dir, extraction):
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


def read_rows(data_dir: Path, extraction: Path | None = None) -> pd.DataFrame:
    """Every row of the extraction (its set in ``extraction``, the current
    one by default) and of the uploads, as stored."""
    extraction = extraction or extraction_dir(data_dir)
    tables = [table for table in (_read_table(extraction / INDICATORS_PARQUET),
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
    """The JSON objects of a file, one a line; a line that is not one (a write cut short) is skipped."""
    if not path.exists():
        return []
    records = []
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                record = None
            if isinstance(record, dict) and record.get("doc_id"):
                records.append(record)
            else:
                log.warning("%s line %d is not a document record; skipped", path, number)
    return records


def read_documents(data_dir: Path, extraction: Path | None = None) -> list[dict]:
    """Every document (with its text and articles) of the extraction and of the uploads."""
    extraction = extraction or extraction_dir(data_dir)
    return _read_jsonl(extraction / DOCUMENTS_JSONL) + _read_jsonl(data_dir / UPLOADS_DIR / DOCUMENTS_JSONL)


def document_record(document: object) -> dict:
    """A ``Document`` (pydantic model or dict) as one line of ``documents.jsonl``."""
    record = document.model_dump(mode="json") if hasattr(document, "model_dump") else dict(document)
    return {name: record.get(name) for name in DOCUMENT_FIELDS} | {
        key: value for key, value in record.items() if key not in DOCUMENT_FIELDS}


def stored_file_name(raw_bytes: bytes) -> str:
    """The name an uploaded file is stored under: the SHA-256 of its bytes."""
    return hashlib.sha256(raw_bytes).hexdigest() + UPLOADED_FILE_SUFFIX


@contextlib.contextmanager
def _uploads_locked(uploads: Path):
    """One writer of ``uploads/`` at a time: threads of this server and other processes."""
    with _uploads_lock, (uploads / UPLOADS_LOCK).open("a") as lock_file:
        try:
            import fcntl
        except ImportError:              # Windows: the thread lock alone
            yield
            return
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


def _replace_file(path: Path, write) -> None:
    """Write through a temporary file in the same folder, then rename it over ``path``."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        write(Path(temporary))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _append_line(path: Path, line: bytes) -> None:
    """Append ``line``; a last line cut short by a crash is ended first, so the new one stays whole."""
    with path.open("ab+") as handle:
        size = handle.seek(0, os.SEEK_END)
        if size:
            handle.seek(size - 1)
            if handle.read(1) != b"\n":
                line = b"\n" + line
        handle.write(line)


def add_uploaded_document(data_dir: Path, raw_bytes: bytes, document: object,
                          observations: list[object]) -> int | None:
    """Store an uploaded document, its file and its rows under ``data/uploads/``.

    Returns the row count, or ``None`` when a document with the same
    ``doc_id`` is already stored there (nothing is written then).
    """
    uploads = data_dir / UPLOADS_DIR
    (uploads / UPLOADED_FILES_DIR).mkdir(parents=True, exist_ok=True)
    record = document_record(document)
    # Everything is serialised before anything is written: text that cannot be stored fails here.
    record_line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    rows = [obs.model_dump(mode="json") if hasattr(obs, "model_dump") else dict(obs) for obs in observations]
    new_rows = pd.DataFrame(rows, columns=OUTPUT_COLUMNS) if rows else pd.DataFrame(columns=OUTPUT_COLUMNS)
    with _uploads_locked(uploads):
        if any(doc["doc_id"] == record["doc_id"] for doc in _read_jsonl(uploads / DOCUMENTS_JSONL)):
            return None
        stored = uploads / UPLOADED_FILES_DIR / stored_file_name(raw_bytes)
        if not stored.exists():
            _replace_file(stored, lambda path: path.write_bytes(raw_bytes))
        parquet_path = uploads / INDICATORS_PARQUET
        existing = pd.read_parquet(parquet_path) if parquet_path.exists() else None
        combined = new_rows if existing is None else pd.concat([existing, new_rows], ignore_index=True)
        combined["year"] = pd.array(combined["year"], dtype="Int64")
        table = pa.Table.from_pandas(combined, preserve_index=False)
        _replace_file(parquet_path, lambda path: pq.write_table(table, path))
        _replace_file(uploads / INDICATORS_CSV, lambda path: combined.to_csv(path, index=False))
        _append_line(uploads / DOCUMENTS_JSONL, record_line)
    return len(rows)
