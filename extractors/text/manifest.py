"""A folder's ``manifest.jsonl``: the metadata of its documents, keyed by file name.

One JSON object per line with ``source_file`` (text), and optionally
``title``, ``publisher``, ``url`` (text or null) and ``date`` (ISO text
``2022-02-03``, ``2022-02`` or ``2022``, or a year as a number). Other keys
are kept and ignored. A byte-order mark at the start of a line (files
joined with ``cat``) is skipped.

Anything else (a line that is not JSON or not an object, a file listed
twice, a field of the wrong type, bytes that are not UTF-8, a file that
cannot be read) is a ``ManifestError`` naming the file and the line, so
the caller can refuse that folder with one clear message.
"""
from __future__ import annotations

import json
from pathlib import Path

from extractors.text.encoding import DocumentError

MANIFEST_NAME = "manifest.jsonl"
BYTE_ORDER_MARK = "\ufeff"
TEXT_FIELDS = ("title", "publisher", "url", "region")


class ManifestError(DocumentError):
    """A manifest that cannot be used; ``str()`` names the file and, where there is one, the line."""

    def __init__(self, path: Path, reason: str, line: int | None = None):
        self.path = Path(path)
        self.line = line
        where = f"{self.path} line {line}" if line is not None else str(self.path)
        super().__init__(where, reason)


def _entry_problem(entry: object) -> str | None:
    """What is wrong with one decoded line, or ``None``."""
    if not isinstance(entry, dict):
        return f"is a JSON {type(entry).__name__ if entry is not None else 'null'}, not an object"
    source_file = entry.get("source_file")
    if not source_file:
        return "has no source_file"
    if not isinstance(source_file, str):
        return f"source_file is a {type(source_file).__name__}, not text"
    for name in TEXT_FIELDS:
        if entry.get(name) is not None and not isinstance(entry[name], str):
            return f"{name} is a {type(entry[name]).__name__}, not text"
    date = entry.get("date")
    if date is not None and (isinstance(date, bool) or not isinstance(date, (str, int))):
        return f"date is a {type(date).__name__}, not text like 2022-02-03"
    return None


def read_manifest(folder: str | Path) -> dict[str, dict]:
    """``manifest.jsonl`` of ``folder`` keyed by file name; ``{}`` when there is none."""
    path = Path(folder) / MANIFEST_NAME
    if not path.exists():
        return {}
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ManifestError(path, f"cannot be read ({error.strerror})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ManifestError(path, f"is not UTF-8 (byte {error.start}); save it as UTF-8",
                            data[:error.start].count(b"\n") + 1) from None
    entries: dict[str, dict] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.lstrip(BYTE_ORDER_MARK)
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as error:
            raise ManifestError(path, f"is not valid JSON ({error.msg})", number) from None
        except RecursionError:
            raise ManifestError(path, "is nested too deeply to be a manifest entry", number) from None
        problem = _entry_problem(entry)
        if problem:
            raise ManifestError(path, problem, number)
        name = Path(entry["source_file"]).name
        if name in entries:
            raise ManifestError(path, f"lists {name} a second time", number)
        entries[name] = entry
    return entries
