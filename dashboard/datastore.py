"""Files of ``data/``: what the extraction wrote, plus documents uploaded in the dashboard.

The extraction owns ``data/indicators.parquet``, ``data/documents.jsonl`` and
``data/run_manifest.json``; an extraction run rewrites them from ``seeds/`` as
one set (a generation folder switched in at once, see ``extractors.run.outputs``),
and readers take all of them from the set current when they start.
Uploaded documents live apart in ``data/uploads/`` (their rows, their
documents and the files themselves), so a new extraction of the seeds does
not lose them. Readers see both as one table.

An uploaded file is stored as ``uploads/files/<sha256 of its bytes>.<kind>`` (``.txt``,
``.html``, ``.pdf``, ``.docx``: the kind its content is):
the name it came with is never part of a path. Its rows go to a file of
their own in ``uploads/rows/`` (``upload_rows``: merged by level, so an
upload never rewrites all the rows before it), and its document record is
appended to ``uploads/documents.jsonl``.
Adding one is serialised by a lock (sessions run in threads, servers in
processes) and every file is written through a temporary file and a rename,
so two uploads at once, or a crash half-way, lose nothing. Files are
readable by all (0644), as the command line's outputs are.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import tempfile
import threading
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from dashboard import upload_rows
from extractors.models import OUTPUT_COLUMNS, Document
from extractors.run import outputs
from extractors.run.outputs import PARQUET_SCHEMA, generation_dir
from extractors.text.readers import READABLE_SUFFIXES, suffix_for

INDICATORS_PARQUET = "indicators.parquet"
INDICATORS_CSV = "indicators.csv"
DOCUMENTS_JSONL = "documents.jsonl"
RUN_MANIFEST = "run_manifest.json"
UPLOADS_DIR = "uploads"
UPLOADED_FILES_DIR = "files"
UPLOADED_ROWS_DIR = "rows"
STORED_FILE_MODE = 0o644              # mkstemp creates 0600; stored files are ordinary files
_DOC_ID = re.compile(r"[0-9A-Za-z_]{1,64}")      # a content hash; it names the rows file
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
    """The documents to extract: every file of ``seeds/`` of a kind extract reads (``.txt``, ``.html``, ``.pdf``, ...)."""
    return sorted(path for path in seeds_dir.iterdir() if path.is_file() and path.suffix.lower() in READABLE_SUFFIXES
                  and path.suffix and not path.name.startswith("."))


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
    # The rows folder changes its time whenever an upload's rows file is renamed into it.
    return [extraction / INDICATORS_PARQUET, extraction / DOCUMENTS_JSONL,
            uploads / INDICATORS_PARQUET, uploads / DOCUMENTS_JSONL, uploads / UPLOADED_ROWS_DIR]


def data_version(data_dir: Path) -> str:
    """Changes whenever a data file changes: the cache key of everything read from ``data/``."""
    extraction = extraction_dir(data_dir)
    stamp = hashlib.sha256(f"{data_dir.resolve()}:{extraction}".encode())
    for path in _data_files(data_dir, extraction):
        if path.exists():
            stat = path.stat()
            stamp.update(f"{path.name}:{stat.st_mtime_ns}:{stat.st_size};".encode())
    return stamp.hexdigest()[:16]


# Text a row alone holds (its id, its sentence): shown, never grouped or filtered
# on. Read as plain strings, it costs a tenth of a categorical of a million
# distinct values.
FREE_TEXT_COLUMNS = ("obs_id", "sentence")


def _read_files(paths: list[str]) -> pa.Table:
    """Rows files of one schema with their text columns dictionary-encoded (they become categoricals)."""
    schema = pq.read_schema(paths[0])
    texts = [field.name for field in schema if field.name not in FREE_TEXT_COLUMNS
             and (pa.types.is_string(field.type) or pa.types.is_large_string(field.type))]
    return pq.read_table(paths if len(paths) > 1 else paths[0], read_dictionary=texts)


def _free_text_in_one_chunk(table: pa.Table) -> pa.Table:
    """Taking a few rows of a string column in many chunks (a file's row
    groups) costs milliseconds per column; in one chunk, microseconds."""
    for name in FREE_TEXT_COLUMNS:
        if name in table.column_names:
            table = table.set_column(table.schema.get_field_index(name), name,
                                     pa.chunked_array([table.column(name).combine_chunks()]))
    return table


def _read_table(path: Path) -> pa.Table | None:
    return _read_files([str(path)]) if path.exists() else None


def _typed_empty_columns(table: pa.Table) -> pa.Table:
    """Give an all-empty column its declared type: a file written from a frame
    whose column held no value (``page`` outside PDF) stores Parquet's null
    type, which no other file's column can be cast to."""
    for index, field in enumerate(table.schema):
        if pa.types.is_null(field.type) and field.name in PARQUET_SCHEMA.names:
            declared = PARQUET_SCHEMA.field(field.name).type
            table = table.set_column(index, field.name, pa.nulls(table.num_rows, type=declared))
    return table


def read_rows(data_dir: Path, extraction: Path | None = None) -> pd.DataFrame:
    """Every row of the extraction (its set in ``extraction``, the current
    one by default) and of the uploads, as stored."""
    extraction = extraction or extraction_dir(data_dir)
    uploads = data_dir / UPLOADS_DIR
    tables = [table for table in (_read_table(extraction / INDICATORS_PARQUET),
                                  _read_table(uploads / INDICATORS_PARQUET),     # uploads stored by older versions
                                  upload_rows.read_parts(uploads / UPLOADED_ROWS_DIR, _read_files))
              if table is not None and table.num_rows]
    if not tables:
        return pd.DataFrame(columns=OUTPUT_COLUMNS)
    if len(tables) > 1:
        tables = [_typed_empty_columns(table) for table in tables]
        tables = [tables[0].replace_schema_metadata(None)] + [
            table.replace_schema_metadata(None).cast(tables[0].schema.remove_metadata())
            if set(table.schema.names) == set(tables[0].schema.names) else table for table in tables[1:]]
        table = pa.concat_tables(tables, promote_options="permissive").unify_dictionaries()
    else:
        table = tables[0]
    return _free_text_in_one_chunk(table).to_pandas()


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
    if hasattr(document, "model_dump"):
        record = json.loads(outputs.document_record(document))   # as a run writes it: tables are in the rows
    else:
        record = dict(document)
    return {name: record.get(name) for name in DOCUMENT_FIELDS} | {
        key: value for key, value in record.items() if key not in DOCUMENT_FIELDS}


def stored_file_name(raw_bytes: bytes) -> str:
    """The name an uploaded file is stored under: the SHA-256 of its bytes and the suffix of its kind."""
    return hashlib.sha256(raw_bytes).hexdigest() + (suffix_for(raw_bytes) or UPLOADED_FILE_SUFFIX)


def original_file_path(data_dir: Path, relative: object) -> Path | None:
    """The kept original of a document (``files/<sha256>.pdf`` beside its ``documents.jsonl``), if present."""
    if not isinstance(relative, str) or not relative.startswith(f"{UPLOADED_FILES_DIR}/"):
        return None
    name = relative[len(UPLOADED_FILES_DIR) + 1:]
    if not name or "/" in name or "\\" in name or name.startswith("."):
        return None
    for base in (data_dir, data_dir / UPLOADS_DIR):
        path = base / UPLOADED_FILES_DIR / name
        if path.is_file():
            return path
    return None


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
        os.chmod(temporary, STORED_FILE_MODE)
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
    ``doc_id`` is already stored there (nothing is written then). The work
    does not grow with what is stored: the document's own rows file is
    written, one line appended, and now and then a level of parts merged.
    """
    uploads = data_dir / UPLOADS_DIR
    (uploads / UPLOADED_FILES_DIR).mkdir(parents=True, exist_ok=True)
    record = document_record(document)
    doc_id = str(record["doc_id"])
    if not _DOC_ID.fullmatch(doc_id):
        raise ValueError(f"doc_id {doc_id!r} cannot name a file")
    # Everything is serialised before anything is written: text that cannot be stored fails here.
    record_line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    rows = [obs.model_dump(mode="json") if hasattr(obs, "model_dump") else dict(obs) for obs in observations]
    table = pa.Table.from_pylist([{name: row.get(name) for name in OUTPUT_COLUMNS} for row in rows],
                                 schema=PARQUET_SCHEMA)
    rows_dir = uploads / UPLOADED_ROWS_DIR
    with _uploads_locked(uploads):
        if upload_rows.is_stored(rows_dir, doc_id) or _stored_before_rows_files(uploads, doc_id):
            return None
        stored = uploads / UPLOADED_FILES_DIR / stored_file_name(raw_bytes)
        if not stored.exists():
            _replace_file(stored, lambda path: path.write_bytes(raw_bytes))
        upload_rows.add_part(rows_dir, doc_id, table, _replace_file)
        _append_line(uploads / DOCUMENTS_JSONL, record_line)
        upload_rows.mark_stored(rows_dir, doc_id, _replace_file)
        upload_rows.merge_full_levels(rows_dir, _replace_file)
    return len(rows)


def _stored_before_rows_files(uploads: Path, doc_id: str) -> bool:
    """Uploads of older versions kept all rows in one file: their documents are looked up in the records."""
    return (uploads / INDICATORS_PARQUET).exists() and any(
        doc["doc_id"] == doc_id for doc in _read_jsonl(uploads / DOCUMENTS_JSONL))
