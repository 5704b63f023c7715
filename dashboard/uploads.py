"""Documents uploaded in the dashboard: extracted on the spot, added to ``data/uploads/``.

One outcome per file, so one bad file never hides what happened to the others.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Literal

from dashboard import datastore


@dataclass(frozen=True)
class UploadOutcome:
    file_name: str
    status: Literal["added", "duplicate", "failed"]
    rows: int = 0
    error: str = ""


def add_uploaded_files(data_dir: Path, files: Iterable[tuple[str, bytes]],
                       extract_bytes: Callable[[bytes, str], object],
                       known_doc_ids: set[str]) -> list[UploadOutcome]:
    """Extract each ``(file name, bytes)`` and store what succeeds; report every file."""
    outcomes = []
    known = set(known_doc_ids)
    for file_name, raw in files:
        name = Path(file_name).name
        if not name.lower().endswith(".txt"):
            outcomes.append(UploadOutcome(name, "failed", error="only .txt files can be extracted"))
            continue
        if not raw.strip():
            outcomes.append(UploadOutcome(name, "failed", error="the file is empty"))
            continue
        try:
            result = extract_bytes(raw, name)
        except Exception as error:  # noqa: BLE001 - any failure of one file is reported for that file
            outcomes.append(UploadOutcome(name, "failed", error=f"{type(error).__name__}: {error}"))
            continue
        if getattr(result, "error", None) or getattr(result, "document", None) is None:
            outcomes.append(UploadOutcome(name, "failed", error=str(getattr(result, "error", "") or "no document")))
            continue
        doc_id = str(result.document.doc_id)
        if doc_id in known:
            outcomes.append(UploadOutcome(name, "duplicate"))
            continue
        rows = datastore.add_uploaded_document(data_dir, raw, result.document, list(result.observations))
        known.add(doc_id)
        outcomes.append(UploadOutcome(name, "added", rows=rows))
    return outcomes
