"""Write a run's tables: CSV, Parquet, documents and the run manifest, as one set.

The four files of a run are one unit: they are written into a new
generation folder, ``.generations/<name>/``, and published together by
swapping one symbolic link, ``current``, to it (a rename, so atomic). The
names readers open, ``indicators.csv`` and the others, are links through
``current``: whoever opens them sees the previous set or the new one,
never a mix, and a run killed at any point before the swap leaves the
previous set as it was. A reader that opens several files resolves
``current`` once (``generation_dir``) and reads them all from there.

``OutputWriter`` appends batches of rows to the new generation as a run
goes (memory stays flat in the number of documents) and ``commit``
publishes it; ``write_outputs`` does both for rows held in memory.
The generation that ``commit`` replaces is kept until the next commit, so
a reader that resolved it a moment before can still finish.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq

from extractors.models import OUTPUT_COLUMNS, Document, Observation

if TYPE_CHECKING:
    import pandas as pd

CSV_NAME = "indicators.csv"
PARQUET_NAME = "indicators.parquet"
DOCUMENTS_NAME = "documents.jsonl"
MANIFEST_NAME = "run_manifest.json"
OUTPUT_NAMES = (CSV_NAME, PARQUET_NAME, DOCUMENTS_NAME, MANIFEST_NAME)
GENERATIONS_DIR = ".generations"
CURRENT_LINK = "current"
ORIGINALS_DIR = "files"     # the original web pages, PDF and Word files, by content hash

_INTEGER_COLUMNS = {"start", "end", "year", "page"}
# Declared, not inferred: a batch (or a run) whose column is all empty would
# otherwise get Parquet's null type and clash with the next batch.
PARQUET_SCHEMA = pa.schema([
    (name, pa.int64() if name in _INTEGER_COLUMNS else pa.float64() if name == "value" else pa.large_string())
    for name in OUTPUT_COLUMNS
])


def observations_frame(observations: Iterable[Observation | dict]) -> pd.DataFrame:
    import pandas as pd     # not needed to write a run: its import would delay the workers' start

    rows = [o if isinstance(o, dict) else o.model_dump() for o in observations]
    frame = pd.DataFrame(rows, columns=OUTPUT_COLUMNS)
    frame["year"] = frame["year"].astype("Int64")
    frame["page"] = frame["page"].astype("Int64")
    frame["start"] = frame["start"].astype("int64")
    frame["end"] = frame["end"].astype("int64")
    frame["value"] = frame["value"].astype("float64")
    return frame


def csv_cells(row: dict) -> list:
    """A row as ``DataFrame.to_csv`` writes it, without building a frame (a
    third of a parallel run's writing process): pandas hands the same csv
    writer ``str`` of each number and an empty cell for a missing value."""
    return ["" if (value := row[name]) is None else value for name in OUTPUT_COLUMNS]


# What only a structured reader sets: left out of a record when empty, so a
# plain-text document's record is what it always was. Tables are in the rows.
_READER_FIELDS = ("reader", "media_type", "file_sha256", "original_file", "fetched_url", "fetched_at",
                  "pages", "headings", "reader_warnings")


def document_record(document: Document) -> str:
    """One line of ``documents.jsonl``."""
    record = document.model_dump(mode="json", exclude={"tables"})
    for name in _READER_FIELDS:
        if not record[name]:
            del record[name]
    return json.dumps(record, ensure_ascii=False) + "\n"


def generation_dir(out_dir: Path) -> Path:
    """The folder that holds the current set of ``out_dir``, resolved once:
    read every file of a set from it. An output folder written before sets
    were generations holds its files itself."""
    out_dir = Path(out_dir)
    link = out_dir / CURRENT_LINK
    return link.resolve() if link.is_symlink() else out_dir


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _owner_pid(name: str) -> int | None:
    """The process id a generation or temporary name carries (``<time>-<pid>-...``)."""
    parts = name.lstrip(".").split("-")
    return int(parts[1]) if len(parts) > 2 and parts[1].isdigit() else None


def remove_stale_temporaries(out_dir: Path) -> list[Path]:
    """Delete what a killed run left behind in ``out_dir``: unfinished
    generations and temporary links whose process is gone. A run still
    writing keeps its own; the current and the previous set stay."""
    removed: list[Path] = []
    if not Path(out_dir).is_dir():
        return removed
    generations = Path(out_dir) / GENERATIONS_DIR
    for path in generations.iterdir() if generations.is_dir() else ():
        if not _in_progress(path) and not (path / MANIFEST_NAME).exists():
            _remove(path)
            removed.append(path)
    for path in Path(out_dir).iterdir():
        if path.name.startswith((".link-", ".tmp-")) and not _in_progress(path):
            path.unlink(missing_ok=True)
            removed.append(path)
        elif any(path.name.startswith(f".{name}.") for name in OUTPUT_NAMES):
            # ``.indicators.csv.<pid>.*``: a temporary file of the one-file-at-a-time writing of old
            pid = path.name.split(".")[3] if path.name.count(".") >= 4 else ""
            if not pid.isdigit() or not _process_alive(int(pid)):
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


def _in_progress(path: Path) -> bool:
    """Whether the process that made ``path`` still runs (it may be this one:
    two extractions of one folder at once, from two threads)."""
    pid = _owner_pid(path.name)
    return pid is not None and _process_alive(pid)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _swap_link(link: Path, target: str) -> None:
    """Point ``link`` at ``target`` in one rename (a new link beside it first)."""
    temporary = link.parent / f".link-{os.getpid()}-{link.name}"
    temporary.unlink(missing_ok=True)
    os.symlink(target, temporary)
    os.replace(temporary, link)


def write_text_atomically(path: Path, text: str) -> None:
    """One file through a temporary file beside it and a rename."""
    temporary = path.parent / f".tmp-{os.getpid()}-{path.name}"
    try:
        temporary.write_text(text, encoding="utf-8")
        os.chmod(temporary, 0o644)
        _fsync(temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


class OutputWriter:
    """The run's tables, written batch by batch into a new generation.

    ``write`` appends rows and documents; ``commit`` writes the manifest and
    publishes the generation; leaving the ``with`` block without a commit
    (an error, an interrupt) or calling ``abort`` deletes the generation
    and leaves the previous outputs as they were.
    """

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(self.out_dir)
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%f")
        self.name = f"{stamp}-{os.getpid()}-{os.urandom(4).hex()}"
        self.generation = self.out_dir / GENERATIONS_DIR / self.name
        self.generation.mkdir(parents=True)
        os.chmod(self.generation, 0o755)
        self._csv = open(self.generation / CSV_NAME, "w", encoding="utf-8", newline="")
        self._csv_writer = csv.writer(self._csv, lineterminator=os.linesep)
        self._buffer = io.StringIO(newline="")
        self._buffer_writer = csv.writer(self._buffer, lineterminator=os.linesep)
        self._buffer_quoting_writer = csv.writer(self._buffer, lineterminator=os.linesep, quoting=csv.QUOTE_ALL)
        self._parquet = pq.ParquetWriter(self.generation / PARQUET_NAME, PARQUET_SCHEMA)
        self._documents = open(self.generation / DOCUMENTS_NAME, "w", encoding="utf-8")
        self._header_written = False
        self._closed = False
        self._committed = False

    def write(self, observations: Iterable[Observation | dict], documents: Iterable[Document | str] = ()) -> None:
        rows = [o if isinstance(o, dict) else o.model_dump() for o in observations]
        if not self._header_written:
            self._csv_writer.writerow(OUTPUT_COLUMNS)
            self._header_written = True
        self._csv.write(self._csv_text(rows))
        if rows:
            self._parquet.write_table(pa.Table.from_pylist(rows, schema=PARQUET_SCHEMA))
        self._documents.writelines(d if isinstance(d, str) else document_record(d) for d in documents)

    def keep_original(self, relative: str, data: bytes) -> None:
        """The original file of a document, ``files/<sha256>.<kind>`` beside the outputs:
        named by its content, so it belongs to every generation that names it (written once)."""
        path = self.out_dir / relative
        if path.parent != self.out_dir / ORIGINALS_DIR or path.exists():
            return
        path.parent.mkdir(exist_ok=True)
        temporary = path.parent / f".tmp-{os.getpid()}-{path.name}"
        try:
            temporary.write_bytes(data)
            os.chmod(temporary, 0o644)
            _fsync(temporary)
            os.replace(temporary, path)
        finally:
            temporary.unlink(missing_ok=True)

    def _csv_text(self, rows: list[dict]) -> str:
        """The CSV lines of ``rows``. The csv module quotes a cell only for the
        characters of its line terminator, so a carriage return in a cell (a
        file name) would end the row for readers that also break lines there:
        a row holding one is quoted whole."""
        self._buffer.seek(0)
        self._buffer.truncate()
        cells = list(map(csv_cells, rows))
        self._buffer_writer.writerows(cells)
        text = self._buffer.getvalue()
        if "\r" not in text:
            return text
        self._buffer.seek(0)
        self._buffer.truncate()
        for row in cells:
            quoted = any(isinstance(cell, str) and "\r" in cell for cell in row)
            (self._buffer_quoting_writer if quoted else self._buffer_writer).writerow(row)
        return self._buffer.getvalue()

    def commit(self, manifest: dict) -> None:
        """Write the manifest into the generation and make it the current set."""
        if not self._header_written:
            self.write([])
        self._close()
        (self.generation / MANIFEST_NAME).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        for name in OUTPUT_NAMES:
            os.chmod(self.generation / name, 0o644)
            _fsync(self.generation / name)
        _fsync(self.generation)
        previous = generation_dir(self.out_dir)
        _swap_link(self.out_dir / CURRENT_LINK, f"{GENERATIONS_DIR}/{self.name}")     # the commit point
        self._committed = True
        self._link_names()
        _fsync(self.out_dir)
        self._remove_old_generations(keep={self.generation.resolve(), previous})

    def _link_names(self) -> None:
        """``indicators.csv`` -> ``current/indicators.csv`` and so on. Links
        already in place are left alone; a file of an output folder written
        before generations is replaced by its link, one rename each."""
        for name in OUTPUT_NAMES:
            path, target = self.out_dir / name, f"{CURRENT_LINK}/{name}"
            if not (path.is_symlink() and os.readlink(path) == target):
                _swap_link(path, target)

    def _remove_old_generations(self, keep: set[Path]) -> None:
        for path in (self.out_dir / GENERATIONS_DIR).iterdir():
            if path.resolve() not in keep and not (_in_progress(path) and not (path / MANIFEST_NAME).exists()):
                _remove(path)

    def _close(self) -> None:
        if not self._closed:
            self._closed = True
            self._csv.close()
            self._parquet.close()
            self._documents.close()

    def abort(self) -> None:
        """Delete the unfinished generation (safe to call more than once, and
        after a commit, when it does nothing)."""
        try:
            self._close()
        finally:
            if not self._committed:
                _remove(self.generation)

    def __enter__(self) -> "OutputWriter":
        return self

    def __exit__(self, *exc_info) -> None:
        self.abort()


def write_outputs(out_dir: Path, observations: list[Observation], documents: list[Document], manifest: dict) -> None:
    """All of a run's outputs at once, as one set."""
    with OutputWriter(out_dir) as writer:
        writer.write(observations, documents)
        writer.commit(manifest)
