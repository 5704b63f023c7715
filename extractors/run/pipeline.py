"""Files in, tables out: the run over many documents.

A file that cannot be read is reported with its reason and the run goes on.
Results are streamed: documents are read one at a time (or by ``jobs``
worker processes, see ``parallel``) and their rows appended in batches to
temporary files, which are renamed into place only when the run is complete,
so memory stays flat in the number of documents and an interrupted run
leaves the previous outputs whole.
"""
from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from extractors.models import Document, Observation, Rejected
from extractors.run.engine import Extractor, TimeLimitExceeded
from extractors.run.inputs import DEFAULT_MAX_FILE_BYTES, read_input, source_name
from extractors.text.documents import DocumentError, ManifestError, build_document, read_manifest

Progress = Callable[[int, int, str], None]
INPUT_SUFFIXES = {".txt", ".text", ".md", ".htm", ".html", ""}
# Documents per write: rows reach the output files every this many documents.
WRITE_BATCH = 64
# Files named in the message about a broken manifest (the count is always given).
MANIFEST_HELD_BACK_SHOWN = 5


@dataclass
class DocumentResult:
    source_file: str
    document: Document | None = None
    observations: list[Observation] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class WritableResult:
    """A document's result as the output files take it: rows as dicts and its
    ``documents.jsonl`` line, made where the document was extracted (in a
    worker process, so that the writing process only writes)."""

    source_file: str
    rows: list[dict]
    document_line: str | None
    rejected: list[Rejected]
    error: str | None
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, result: DocumentResult) -> "WritableResult":
        from extractors.run.outputs import document_record

        return cls(result.source_file, [o.model_dump() for o in result.observations],
                   document_record(result.document) if result.document is not None else None,
                   result.rejected, result.error, result.warnings)


@dataclass
class RunSummary:
    out_dir: Path
    documents: int
    observations: int
    rejected: int
    failed: dict[str, str]
    counts_by_indicator: dict[str, int]

    @property
    def ok(self) -> bool:
        return not self.failed


_extractor: Extractor | None = None


def shared_extractor() -> Extractor:
    """One extractor per process: the gazetteer and rules load once."""
    global _extractor
    if _extractor is None:
        _extractor = Extractor()
    return _extractor


def extract_bytes(data: bytes, source_file: str, manifest_entry: dict | None = None,
                  extractor: Extractor | None = None, time_limit: float | None = None) -> DocumentResult:
    """Extract one document given as bytes; a bad document becomes ``error``, and
    so does one whose extraction takes more than ``time_limit`` seconds."""
    started = time.monotonic()
    try:
        document = build_document(data, source_file, manifest_entry)
    except DocumentError as error:
        return DocumentResult(source_file, error=str(error))
    try:
        extraction = (extractor or shared_extractor()).extract(
            document, deadline=None if time_limit is None else started + time_limit)
    except TimeLimitExceeded as stop:
        return DocumentResult(source_file, error=(
            f"{source_file}: extraction stopped at the time limit of {time_limit:g} s per document "
            f"(at character {stop.position} of {stop.length}); nothing of it was kept"))
    except Exception as error:  # noqa: BLE001 - one document's failure must not lose the run
        return DocumentResult(source_file, error=(
            f"{source_file}: the extraction failed ({type(error).__name__}: {error}); "
            "nothing of it was kept; please report this file"))
    return DocumentResult(source_file, document, extraction.observations, extraction.rejected,
                          warnings=extraction.warnings)


def input_files(paths: Iterable[Path]) -> list[Path]:
    """The documents named by files and folders (a folder's manifest is not one)."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES
                            and p.name != "manifest.jsonl" and not p.name.startswith("."))
        else:
            files.append(path)
    return files


def extract_file(path: Path, manifest_entry: dict | None, extractor: Extractor | None = None,
                 max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> DocumentResult:
    try:
        data = read_input(Path(path), max_bytes)
    except DocumentError as error:
        return DocumentResult(source_name(path), error=str(error))
    return extract_bytes(data, source_name(path), manifest_entry, extractor)


def with_manifest_entries(files: list[Path], failed: dict[str, str] | None = None
                          ) -> Iterator[tuple[Path, dict | None]]:
    """Each file with its folder manifest's entry (manifests read once per folder).

    The files of a folder whose manifest is broken are left out; the
    manifest is recorded in ``failed`` with the reason and the files it held
    back (without ``failed``, the ``ManifestError`` is raised).
    """
    manifests: dict[Path, dict | ManifestError] = {}
    held_back: dict[Path, list[str]] = {}
    for path in files:
        folder = path.parent
        if folder not in manifests:
            try:
                manifests[folder] = read_manifest(folder)
            except ManifestError as error:
                if failed is None:
                    raise
                manifests[folder] = error
        manifest = manifests[folder]
        if isinstance(manifest, ManifestError):
            held_back.setdefault(folder, []).append(source_name(path))
            continue
        yield path, manifest.get(path.name)
    for folder, names in held_back.items():
        error = manifests[folder]
        shown = ", ".join(names[:MANIFEST_HELD_BACK_SHOWN]) + (", ..." if len(names) > MANIFEST_HELD_BACK_SHOWN else "")
        failed[str(error.path)] = (f"{error}; so the {len(names)} document(s) of {folder} were not extracted "
                                   f"({shown})")


def extract_files(files: list[Path], progress: Progress | None = None, jobs: int = 1,
                  max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> Iterator[DocumentResult | WritableResult]:
    """Results in the order of ``files``; ``jobs`` > 1 extracts in that many
    processes, which hand back ``WritableResult``s. A folder whose manifest
    is broken gives one failed result, named after the manifest, at the end."""
    manifest_failures: dict[str, str] = {}
    tasks = list(with_manifest_entries(files, manifest_failures))
    if jobs > 1 and tasks:
        from extractors.run.parallel import extract_in_processes

        results = extract_in_processes(tasks, jobs, max_bytes)
    else:
        results = (extract_file(path, entry, max_bytes=max_bytes) for path, entry in tasks)
    for index, (path, _) in enumerate(tasks):
        if progress:
            progress(index, len(tasks), source_name(path))
        yield next(results)
    for name, reason in manifest_failures.items():
        yield DocumentResult(name, error=reason)
    if progress:
        progress(len(tasks), len(tasks), "")


def extract_paths(paths: list[Path], out_dir: Path, progress: Progress | None = None, jobs: int = 1,
                  max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> RunSummary:
    """Extract every document under ``paths`` and write the outputs to ``out_dir``."""
    files = input_files(paths)
    return finish_run(extract_files(files, progress, jobs, max_bytes), Path(out_dir), [str(p) for p in paths])


def finish_run(results: Iterable[DocumentResult | WritableResult], out_dir: Path, inputs: list[str]) -> RunSummary:
    """Write ``results`` (consumed as they come, in batches) and the run manifest."""
    from extractors.run.outputs import OutputWriter     # pandas and pyarrow: not needed to extract one document
    from extractors.indicators.rulebook import load_rulebook

    counts: Counter[str] = Counter()
    failed: dict[str, str] = {}
    rejected: list[Rejected] = []
    warnings: list[str] = []
    documents = 0
    with OutputWriter(Path(out_dir)) as writer:
        batch: list[DocumentResult | WritableResult] = []
        for result in results:
            batch.append(result)
            if len(batch) >= WRITE_BATCH:
                documents += _write_batch(writer, batch, counts, failed, rejected, warnings)
                batch = []
        documents += _write_batch(writer, batch, counts, failed, rejected, warnings)
        observations = sum(counts.values())
        manifest = {
            "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "inputs": inputs,
            "documents": documents,
            "observations": observations,
            "counts_by_indicator": dict(sorted(counts.items())),
            "failed": failed,
            "rejected": [x.model_dump() for x in rejected],
            "warnings": warnings,
            "rule_versions": load_rulebook().versions,
        }
        writer.commit(manifest)
    return RunSummary(Path(out_dir), documents, observations, len(rejected), failed, dict(sorted(counts.items())))


def _write_batch(writer, batch: list[DocumentResult | WritableResult], counts: Counter, failed: dict,
                 rejected: list, warnings: list) -> int:
    batch = [r if isinstance(r, WritableResult) else WritableResult.of(r) for r in batch]
    rows = [row for r in batch for row in r.rows]
    lines = [r.document_line for r in batch if r.document_line is not None]
    writer.write(rows, lines)
    counts.update(row["indicator"] for row in rows)
    failed.update((r.source_file, r.error) for r in batch if r.error)
    rejected.extend(x for r in batch for x in r.rejected)
    warnings.extend(w for r in batch for w in r.warnings)
    return len(lines)
