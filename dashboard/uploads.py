"""Documents uploaded in the dashboard: extracted on the spot, added to ``data/uploads/``.

One outcome per file, so one bad file never hides what happened to the others.

An upload's name and bytes are hostile. The name is never a path: the file
is stored under the hash of its content (``datastore.stored_file_name``),
and the name a person gave it is kept, cleaned by ``display_name``, only as
the document's ``source_file``. The same bytes are one document whatever
they are called. Whether the bytes are text is the extraction's call, so a
bad file is reported with the very message the command line gives.

The work per upload is bounded, so one upload cannot hold the server: a
file larger than the size limit is refused before it is read, and an
extraction that runs past the time limit is stopped and reported (dense
tables of numbers extract at a few ten thousand characters a second).
"""
from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Literal

from dashboard import datastore
from extractors.models import Document
from extractors.text.documents import manifest_date
from extractors.text.encoding import DocumentError
from extractors.text.readers import READABLE_SUFFIXES, UNREADABLE_KIND

MEGABYTE = 1024 * 1024                     # as Streamlit counts server.maxUploadSize
DEFAULT_MAX_UPLOAD_MB = 20                 # keep equal to server.maxUploadSize in .streamlit/config.toml
MAX_UPLOAD_ENV = "DASHBOARD_MAX_UPLOAD_MB"
# The kinds of file extract reads, by name; the content then picks the reader.
UPLOAD_SUFFIXES = tuple(sorted(suffix for suffix in READABLE_SUFFIXES if suffix))
DEFAULT_MAX_UPLOAD_SECONDS = 60
MAX_UPLOAD_SECONDS_ENV = "DASHBOARD_MAX_UPLOAD_SECONDS"
MAX_NAME_CHARS = 120
MAX_SUFFIX_CHARS = 16
FALLBACK_STEM = "upload"
# Characters no Windows file name may hold; a name is kept usable as a file name elsewhere.
_NOT_IN_FILE_NAMES = re.compile(r'[<>:"|?*]')
_PATH_SEPARATORS = re.compile(r"[/\\]")
WINDOWS_RESERVED_STEMS = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{device}{number}" for device in ("COM", "LPT") for number in (*"0123456789", "¹", "²", "³")})


@dataclass(frozen=True)
class UploadOutcome:
    file_name: str
    status: Literal["added", "duplicate", "failed", "too_large"]
    rows: int = 0
    error: str = ""
    size: int = 0


def max_upload_mb() -> int:
    """The per-file limit in megabytes: ``DASHBOARD_MAX_UPLOAD_MB``, else 20."""
    try:
        limit = int(os.environ.get(MAX_UPLOAD_ENV, DEFAULT_MAX_UPLOAD_MB))
    except ValueError:
        return DEFAULT_MAX_UPLOAD_MB
    return limit if limit >= 1 else DEFAULT_MAX_UPLOAD_MB


def max_upload_seconds() -> float:
    """The time one upload's extraction may take: ``DASHBOARD_MAX_UPLOAD_SECONDS``, else 60."""
    try:
        limit = float(os.environ.get(MAX_UPLOAD_SECONDS_ENV, DEFAULT_MAX_UPLOAD_SECONDS))
    except ValueError:
        return DEFAULT_MAX_UPLOAD_SECONDS
    return limit if limit > 0 else DEFAULT_MAX_UPLOAD_SECONDS


def display_name(file_name: object) -> str:
    """The name an upload is shown and recorded under: one plain, portable file name.

    Only what follows the last ``/`` or ``\\`` is kept; control and format
    characters (NUL, line breaks, right-to-left overrides) are dropped;
    characters Windows forbids become ``_``; leading and trailing dots and
    spaces go; a Windows device name (``CON``, ``COM1``...) gets a leading
    ``_``; the stem is cut so the name has at most 120 characters.
    """
    name = _PATH_SEPARATORS.split("" if file_name is None else str(file_name))[-1]
    name = "".join(char for char in name if not unicodedata.category(char).startswith("C"))
    name = " ".join(_NOT_IN_FILE_NAMES.sub("_", name).split())
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    stem, suffix = stem.strip(" ."), suffix.strip(" .")[:MAX_SUFFIX_CHARS]
    stem = stem or FALLBACK_STEM
    if stem.split(".")[0].strip().upper() in WINDOWS_RESERVED_STEMS:
        stem = "_" + stem
    stem = stem[:MAX_NAME_CHARS - len(suffix) - 1].rstrip(" .") or FALLBACK_STEM
    return f"{stem}.{suffix}" if suffix else stem


def _reason(error: object, name: str) -> str:
    """The extraction's message without its leading ``name: `` (the view names the file)."""
    text = str(error or "no document")
    return text[len(name) + 2:] if text.startswith(f"{name}: ") else text


DETAIL_FIELDS = ("title", "publisher", "date", "url", "region")
_WEB_ADDRESS = re.compile(r"https?://[^\s/]+\S*", re.IGNORECASE)


def upload_details(fields: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """What a person typed about an upload, as a manifest entry, and what is wrong with it.

    The same fields a folder's ``manifest.jsonl`` gives (title, publisher,
    date as YYYY, YYYY-MM or YYYY-MM-DD, url, region); empty ones are left
    out, so the file's own title and date still count. A region is checked
    against the divisions by the extraction, which names it when unknown.
    """
    entry = {name: str(fields.get(name) or "").strip() for name in DETAIL_FIELDS}
    entry = {name: value for name, value in entry.items() if value}
    problems = {}
    if "date" in entry:
        try:
            manifest_date(entry["date"], "upload")
        except DocumentError:
            problems["date"] = entry["date"]
    if "url" in entry and not _WEB_ADDRESS.fullmatch(entry["url"]):
        problems["url"] = entry["url"]
    return entry, problems


def add_uploaded_files(data_dir: Path, files: Iterable[tuple[str, bytes]],
                       extract_bytes: Callable[..., object],
                       known_doc_ids: set[str], max_bytes: int | None = None,
                       time_limit: float | None = None, details: dict[str, str] | None = None) -> list[UploadOutcome]:
    """Extract each ``(file name, bytes)`` and store what succeeds; report every file.

    ``extract_bytes(raw, name, time_limit=seconds)`` is the extraction
    (``extractors.run.pipeline.extract_bytes``); its limit is ``time_limit``, by
    default ``max_upload_seconds()``. ``details`` (``upload_details``) is the
    manifest entry of every file of the upload.
    """
    limit = max_upload_mb() * MEGABYTE if max_bytes is None else max_bytes
    seconds = max_upload_seconds() if time_limit is None else time_limit
    outcomes = []
    known = set(known_doc_ids)
    for file_name, raw in files:
        name = display_name(file_name)
        if not name.lower().endswith(UPLOAD_SUFFIXES):
            outcomes.append(UploadOutcome(name, "failed", error=UNREADABLE_KIND))
            continue
        if len(raw) > limit:
            outcomes.append(UploadOutcome(name, "too_large", size=len(raw)))
            continue
        if Document.id_for(raw) in known:
            outcomes.append(UploadOutcome(name, "duplicate"))
            continue
        try:
            if details:
                result = extract_bytes(raw, name, manifest_entry={"source_file": name, **details}, time_limit=seconds)
            else:
                result = extract_bytes(raw, name, time_limit=seconds)
        except Exception as error:  # noqa: BLE001 - any failure of one file is reported for that file
            outcomes.append(UploadOutcome(name, "failed", error=f"{type(error).__name__}: {error}"))
            continue
        if getattr(result, "error", None) or getattr(result, "document", None) is None:
            outcomes.append(UploadOutcome(name, "failed", error=_reason(getattr(result, "error", ""), name)))
            continue
        try:
            rows = datastore.add_uploaded_document(data_dir, raw, result.document, list(result.observations))
        except Exception as error:  # noqa: BLE001 - a file that cannot be stored leaves the data as it was
            outcomes.append(UploadOutcome(name, "failed", error=f"not stored: {type(error).__name__}: {error}"))
            continue
        known.add(str(result.document.doc_id))
        outcomes.append(UploadOutcome(name, "added", rows=rows) if rows is not None
                        else UploadOutcome(name, "duplicate"))
    return outcomes
