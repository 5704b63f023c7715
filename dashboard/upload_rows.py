"""The rows of uploaded documents: a small Parquet file per upload, merged by level.

An upload writes its rows as a part of level 0, ``0-<time>-<doc_id>.parquet``,
and never touches the rows stored before it (rewriting them all made each
upload slower than the last). When ``FANOUT`` parts of one level exist they
are merged into one part of the next level, so a row is rewritten at most
log16(uploads) times and a reader opens fewer than ``FANOUT`` parts per level.
Names sort in upload order: a merged part takes the name of its oldest part,
and every part of a level is older than those of the level below.

A merge is journalled (``.merge.json``: the parts and the part they become)
so that a crash between writing the new part and deleting the old ones is
finished on the next upload, and readers in the meantime count no row twice.
Who has been stored is marked in ``ids/<doc_id>``, written last, so the
question costs one file lookup whatever has been merged.

Writers hold the uploads lock (``datastore``); readers take no lock.
"""
from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

FANOUT = 16
JOURNAL = ".merge.json"
IDS_DIR = "ids"
READ_ATTEMPTS = 5           # a merge may delete a part between listing and reading it

WriteFile = Callable[[Path, Callable[[Path], None]], None]


def _level(part: Path) -> int:
    return int(part.name.split("-", 1)[0])


def _listed(rows_dir: Path) -> list[Path]:
    parts = sorted((p for p in rows_dir.glob("*.parquet") if not p.name.startswith(".")),
                   key=lambda p: p.name.split("-", 1)[1])
    journal = _journal(rows_dir)
    if journal and (rows_dir / journal["into"]).exists():       # merged, old parts not yet deleted
        parts = [p for p in parts if p.name not in journal["parts"]]
    return parts


def _journal(rows_dir: Path) -> dict | None:
    try:
        return json.loads((rows_dir / JOURNAL).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def part_files(rows_dir: Path) -> list[Path]:
    """The parts a reader should read, in upload order."""
    return _listed(rows_dir) if rows_dir.is_dir() else []


def read_parts(rows_dir: Path, read_table: Callable[[list[str]], pa.Table]) -> pa.Table | None:
    """Every uploaded row, read by ``read_table`` over the part paths (``None`` when there are none)."""
    for attempt in range(READ_ATTEMPTS):
        parts = part_files(rows_dir)
        if not parts:
            return None
        try:
            return read_table([str(part) for part in parts])
        except FileNotFoundError:
            if attempt == READ_ATTEMPTS - 1:
                raise
    return None


def is_stored(rows_dir: Path, doc_id: str) -> bool:
    return (rows_dir / IDS_DIR / doc_id).exists()


def add_part(rows_dir: Path, doc_id: str, table: pa.Table, write_file: WriteFile) -> None:
    """Write one upload's rows as a part of level 0 (its id is marked by ``mark_stored``)."""
    (rows_dir / IDS_DIR).mkdir(parents=True, exist_ok=True)
    _finish_merge(rows_dir)
    for leftover in rows_dir.glob(f"0-*-{doc_id}.parquet"):     # a crash before the mark: written again
        leftover.unlink()
    part = rows_dir / f"0-{time.time_ns():020d}-{doc_id}.parquet"
    write_file(part, lambda path: pq.write_table(table, path))


def mark_stored(rows_dir: Path, doc_id: str, write_file: WriteFile) -> None:
    """The last step of an upload: from now on its document counts as stored."""
    write_file(rows_dir / IDS_DIR / doc_id, lambda path: path.write_bytes(b""))


def merge_full_levels(rows_dir: Path, write_file: WriteFile) -> None:
    """Merge the parts of each level that holds ``FANOUT`` of them into one part of the next level."""
    level = 0
    while True:
        parts = [p for p in _listed(rows_dir) if _level(p) == level]
        if len(parts) < FANOUT:
            return
        merged = pa.concat_tables(pq.read_table(part) for part in parts)
        into = f"{level + 1}-{parts[0].name.split('-', 1)[1]}"
        write_file(rows_dir / JOURNAL, lambda path: path.write_text(
            json.dumps({"into": into, "parts": [p.name for p in parts]}), encoding="utf-8"))
        write_file(rows_dir / into, lambda path: pq.write_table(merged, path))
        _finish_merge(rows_dir)
        level += 1


def _finish_merge(rows_dir: Path) -> None:
    """Complete (or forget) a merge that a crash interrupted."""
    journal = _journal(rows_dir)
    if journal is None:
        (rows_dir / JOURNAL).unlink(missing_ok=True)
        return
    if (rows_dir / journal["into"]).exists():
        for name in journal["parts"]:
            (rows_dir / name).unlink(missing_ok=True)
    (rows_dir / JOURNAL).unlink(missing_ok=True)
