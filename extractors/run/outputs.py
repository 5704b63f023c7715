"""Write a run's tables: CSV, Parquet, documents and the run manifest.

Every file goes through a temporary file in the same folder and a rename,
so readers never see half a file and a killed run leaves the old outputs.
``OutputWriter`` appends batches of rows to the temporary files as a run
goes (memory stays flat in the number of documents) and renames them all
into place when the run is complete.
"""
from __future__ import annotations

import csv
import json
import os
import tempfile
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

_INTEGER_COLUMNS = {"start", "end", "year"}
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
    frame["start"] = frame["start"].astype("int64")
    frame["end"] = frame["end"].astype("int64")
    frame["value"] = frame["value"].astype("float64")
    return frame


def csv_cells(row: dict) -> list:
    """A row as ``DataFrame.to_csv`` writes it, without building a frame (a
    third of a parallel run's writing process): pandas hands the same csv
    writer ``str`` of each number and an empty cell for a missing value."""
    return ["" if (value := row[name]) is None else value for name in OUTPUT_COLUMNS]


def _temporary_beside(path: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", dir=path.parent)
    os.close(handle)
    return temporary


def _publish(temporary: str, path: Path) -> None:
    with open(temporary, "rb") as f:
        os.fsync(f.fileno())
    os.chmod(temporary, 0o644)   # mkstemp creates 0600; outputs are ordinary files
    os.replace(temporary, path)


def _atomic_write(path: Path, write) -> None:
    temporary = _temporary_beside(path)
    try:
        write(temporary)
        _publish(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def _write_text(path: Path, text: str) -> None:
    _atomic_write(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))


def document_record(document: Document) -> str:
    """One line of ``documents.jsonl``."""
    return json.dumps(document.model_dump(mode="json"), ensure_ascii=False) + "\n"


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temporaries(out_dir: Path) -> list[Path]:
    """Delete temporary files a killed run left behind (``.indicators.csv.<pid>.*``
    whose process is gone); a run still writing keeps its own."""
    removed = []
    if not out_dir.is_dir():
        return removed
    names = (CSV_NAME, PARQUET_NAME, DOCUMENTS_NAME, MANIFEST_NAME)
    for path in out_dir.iterdir():
        for name in names:
            prefix = f".{name}."
            if path.name.startswith(prefix):
                pid = path.name[len(prefix):].split(".", 1)[0]
                if not pid.isdigit() or not _process_alive(int(pid)):
                    path.unlink(missing_ok=True)
                    removed.append(path)
                break
    return removed


class OutputWriter:
    """The run's tables, written batch by batch into temporary files.

    ``write`` appends rows and documents; ``commit`` writes the manifest and
    renames every file into place; leaving the ``with`` block without a
    commit (an error, an interrupt) deletes the temporary files and leaves
    the previous outputs as they were.
    """

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = Path(out_dir)
        remove_stale_temporaries(self.out_dir)
        self._targets = [self.out_dir / name for name in (CSV_NAME, PARQUET_NAME, DOCUMENTS_NAME)]
        self._temporaries = [_temporary_beside(path) for path in self._targets]
        self._csv = open(self._temporaries[0], "w", encoding="utf-8", newline="")
        self._csv_writer = csv.writer(self._csv, lineterminator=os.linesep)
        self._parquet = pq.ParquetWriter(self._temporaries[1], PARQUET_SCHEMA)
        self._documents = open(self._temporaries[2], "w", encoding="utf-8")
        self._header_written = False
        self._closed = False

    def write(self, observations: Iterable[Observation | dict], documents: Iterable[Document | str] = ()) -> None:
        rows = [o if isinstance(o, dict) else o.model_dump() for o in observations]
        if not self._header_written:
            self._csv_writer.writerow(OUTPUT_COLUMNS)
            self._header_written = True
        self._csv_writer.writerows(map(csv_cells, rows))
        if rows:
            self._parquet.write_table(pa.Table.from_pylist(rows, schema=PARQUET_SCHEMA))
        self._documents.writelines(d if isinstance(d, str) else document_record(d) for d in documents)

    def commit(self, manifest: dict) -> None:
        if not self._header_written:
            self.write([])
        self._close()
        for temporary, path in zip(self._temporaries, self._targets):
            _publish(temporary, path)
        self._temporaries = []
        _write_text(self.out_dir / MANIFEST_NAME, json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")

    def _close(self) -> None:
        if not self._closed:
            self._closed = True
            self._csv.close()
            self._parquet.close()
            self._documents.close()

    def abort(self) -> None:
        try:
            self._close()       # may fail itself (a full disk refuses the last flush)
        finally:
            for temporary in self._temporaries:
                if os.path.exists(temporary):
                    os.unlink(temporary)
            self._temporaries = []

    def __enter__(self) -> "OutputWriter":
        return self

    def __exit__(self, *exc_info) -> None:
        self.abort()    # after a commit there is nothing left to remove


def write_outputs(out_dir: Path, observations: list[Observation], documents: list[Document], manifest: dict) -> None:
    """All of a run's outputs at once."""
    with OutputWriter(out_dir) as writer:
        writer.write(observations, documents)
        writer.commit(manifest)
