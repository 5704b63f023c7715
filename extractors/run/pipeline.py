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
import hashlib
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from extractors.text.readers import UNREADABLE_KIND
from extractors.run.fetch import fetch, is_url
from extractors.models import Document, Observation, Rejected
from extractors.run.engine import Extractor, TimeLimitExceeded
from extractors.run.long_lived import collector_paused
from extractors.run.inputs import DEFAULT_MAX_FILE_BYTES, INPUT_SUFFIXES, find_inputs, read_input, source_name
from extractors.text.documents import DocumentError, ManifestError, build_document, read_manifest
from extractors.regions.given import UnknownRegion
from extractors.regions.mentions import region_matcher

Progress = Callable[[int, int, str], None]
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
    content_hash: str = ""      # of the file's bytes (``Document.id_for``); empty when they could not be read
    original: bytes | None = None      # the file's bytes, kept beside the outputs when a reader read its structure


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
    content_hash: str = ""
    original: tuple[str, bytes] | None = None     # (path in the output folder, bytes)

    @classmethod
    def of(cls, result: DocumentResult) -> "WritableResult":
        from extractors.run.outputs import document_record

        document = result.document
        original = (document.original_file, result.original) if (
            document is not None and document.original_file and result.original is not None) else None
        return cls(result.source_file, [o.model_dump() for o in result.observations],
                   document_record(document) if document is not None else None,
                   result.rejected, result.error, result.warnings, result.content_hash, original)


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
    """One extractor per process: the gazetteer, rules and region matcher load once."""
    global _extractor
    if _extractor is None:
        with collector_paused():
            extractor = Extractor()
            region_matcher(extractor.gazetteer)
        _extractor = extractor
    return _extractor


def extract_bytes(data: bytes, source_file: str, manifest_entry: dict | None = None,
                  extractor: Extractor | None = None, time_limit: float | None = None) -> DocumentResult:
    """Extract one document given as bytes; a bad document becomes ``error``, and
    so does one whose extraction takes more than ``time_limit`` seconds."""
    started = time.monotonic()
    content_hash = Document.id_for(data)
    try:
        document = build_document(data, source_file, manifest_entry)
    except DocumentError as error:
        return DocumentResult(source_file, error=str(error), content_hash=content_hash)
    try:
        extraction = (extractor or shared_extractor()).extract(
            document, deadline=None if time_limit is None else started + time_limit)
    except UnknownRegion as error:
        return DocumentResult(source_file, error=f"{document.source_file}: {error}", content_hash=content_hash)
    except TimeLimitExceeded as stop:
        return DocumentResult(source_file, content_hash=content_hash, error=(
            f"{source_file}: extraction stopped at the time limit of {time_limit:g} s per document "
            f"(at character {stop.position} of {stop.length}); nothing of it was kept"))
    except Exception as error:  # noqa: BLE001 - one document's failure must not lose the run
        return DocumentResult(source_file, content_hash=content_hash, error=(
            f"{source_file}: the extraction failed ({type(error).__name__}: {error}); "
            "nothing of it was kept; please report this file"))
    return DocumentResult(source_file, document, extraction.observations, extraction.rejected,
                          warnings=[*document.reader_warnings, *extraction.warnings], content_hash=content_hash,
                          original=data if document.original_file else None)


def extract_url(url: str, extractor: Extractor | None = None) -> DocumentResult:
    """Fetch a page or PDF and extract it; the URL and the time of the fetch go into its document."""
    try:
        fetched = fetch(url)
    except DocumentError as error:
        return DocumentResult(url, error=str(error))
    entry = {"source_file": fetched.file_name, "url": fetched.url}
    result = extract_bytes(fetched.data, fetched.file_name, entry, extractor)
    if result.document is not None:
        result.document.fetched_url = url
        result.document.fetched_at = fetched.fetched_at
        if result.document.original_file is None:      # plain text: kept too, it exists nowhere else here
            result.document.file_sha256 = hashlib.sha256(fetched.data).hexdigest()
            result.document.original_file = f"files/{result.document.file_sha256}.txt"
        result.original = fetched.data
    return result


def extract_file(path: Path, manifest_entry: dict | None, extractor: Extractor | None = None,
                 max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> DocumentResult:
    if is_url(path):
        return extract_url(path, extractor)
    if Path(path).suffix.lower() not in INPUT_SUFFIXES:
        return DocumentResult(source_name(path), error=f"{source_name(path)}: {UNREADABLE_KIND}")
    try:
        data = read_input(Path(path), max_bytes)
    except DocumentError as error:
        return DocumentResult(source_name(path), error=str(error))
    return extract_bytes(data, source_name(path), manifest_entry, extractor)


def with_manifest_entries(files: list[Path], failed: dict[str, str] | None = None, region: str | None = None
                          ) -> Iterator[tuple[Path, dict | None]]:
    """Each file with its folder manifest's entry (manifests read once per folder);
    ``region`` is the region of every file whose entry names none.

    The files of a folder whose manifest is broken are left out; the
    manifest is recorded in ``failed`` with the reason and the files it held
    back (without ``failed``, the ``ManifestError`` is raised).
    """
    manifests: dict[Path, dict | ManifestError] = {}
    held_back: dict[Path, list[str]] = {}
    for path in files:
        if is_url(path):
            yield path, ({"region": region} if region else None)
            continue
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
        entry = manifest.get(path.name)
        if region and not (entry or {}).get("region"):
            entry = {**(entry or {}), "region": region}
        yield path, entry
    for folder, names in held_back.items():
        error = manifests[folder]
        shown = ", ".join(names[:MANIFEST_HELD_BACK_SHOWN]) + (", ..." if len(names) > MANIFEST_HELD_BACK_SHOWN else "")
        failed[str(error.path)] = (f"{error}; so the {len(names)} document(s) of {folder} were not extracted "
                                   f"({shown})")


def unknown_regions(files: list[Path], region: str | None, gazetteer) -> list[str]:
    """Why the regions given for ``files`` (``region`` and their manifests'
    ``region`` fields) are not divisions, one message each; empty when all are."""
    from extractors.regions.given import region_named

    problems: dict[str, str] = {}
    for path, entry in with_manifest_entries(files, {}, region):
        name = (entry or {}).get("region")
        if name and name not in problems:
            try:
                region_named(name, gazetteer)
            except UnknownRegion as error:
                problems[name] = f"{path.name}: {error}" if name != region else str(error)
    return list(problems.values())


def extract_files(files: list[Path], progress: Progress | None = None, jobs: int = 1,
                  max_bytes: int = DEFAULT_MAX_FILE_BYTES, region: str | None = None
                  ) -> Iterator[DocumentResult | WritableResult]:
    """Results in the order of ``files``; ``jobs`` > 1 extracts in that many
    processes, which hand back ``WritableResult``s. A folder whose manifest
    is broken gives one failed result, named after the manifest, at the end.
    ``region``: the unit the documents are about where their manifest names none."""
    manifest_failures: dict[str, str] = {}
    tasks = list(with_manifest_entries(files, manifest_failures, region))
    if jobs > 1 and tasks:
        from extractors.run.parallel import extract_in_processes

        results = extract_in_processes(tasks, jobs, max_bytes)
    else:
        results = (extract_file(path, entry, max_bytes=max_bytes) for path, entry in tasks)
    for index, (path, _) in enumerate(tasks):
        if progress:
            progress(index, len(tasks), path if is_url(path) else source_name(path))
        yield next(results)
    for name, reason in manifest_failures.items():
        yield DocumentResult(name, error=reason)
    if progress:
        progress(len(tasks), len(tasks), "")


def extract_paths(paths: list[Path], out_dir: Path, progress: Progress | None = None, jobs: int = 1,
                  max_bytes: int = DEFAULT_MAX_FILE_BYTES, region: str | None = None) -> RunSummary:
    """Extract every document under ``paths`` and write the outputs to ``out_dir``;
    ``region`` as in ``extract_files``.

    What a folder holds that cannot be read is reported as failed, like a
    file that is no text."""
    files, skipped = find_inputs(paths)
    return finish_run(extract_files(files, progress, jobs, max_bytes, region), Path(out_dir), [str(p) for p in paths],
                      skipped=skipped, folder_manifests=_folder_manifest_hashes(files))


def _folder_manifest_hashes(files: list[Path]) -> list[list[str]]:
    manifests = sorted({path.parent / "manifest.jsonl" for path in files if not is_url(path)} - {Path("manifest.jsonl")})
    readable = []
    for manifest in manifests:
        try:
            readable.append((manifest.name, manifest.read_bytes()))
        except OSError:
            continue
    return Document.input_hashes(readable)


@dataclass
class _RunTally:
    """What a run has written so far, for its manifest."""

    counts: Counter = field(default_factory=Counter)
    failed: dict[str, str] = field(default_factory=dict)
    rejected: list[Rejected] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    documents: int = 0
    first_name_of: dict[str, str] = field(default_factory=dict)        # content hash -> first file with it
    duplicates: dict[str, list[str]] = field(default_factory=dict)     # that file -> the others
    hashes: list[list[str]] = field(default_factory=list)


def finish_run(results: Iterable[DocumentResult | WritableResult], out_dir: Path, inputs: list[str],
               skipped: dict[str, str] | None = None, folder_manifests: list[list[str]] | None = None) -> RunSummary:
    """Write ``results`` (consumed as they come, in batches) and the run manifest.

    A file whose bytes an earlier file already had is one document: its rows
    are not written again and its name is listed under ``duplicates``."""
    from extractors.run.outputs import OutputWriter     # pandas and pyarrow: not needed to extract one document
    from extractors.indicators.rulebook import load_rulebook

    tally = _RunTally(failed=dict(skipped or {}))
    with OutputWriter(Path(out_dir)) as writer:
        batch: list[DocumentResult | WritableResult] = []
        for result in results:
            batch.append(result)
            if len(batch) >= WRITE_BATCH:
                _write_batch(writer, batch, tally)
                batch = []
        _write_batch(writer, batch, tally)
        observations = sum(tally.counts.values())
        manifest = {
            "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "inputs": inputs,
            "documents": tally.documents,
            "observations": observations,
            "counts_by_indicator": dict(sorted(tally.counts.items())),
            "failed": tally.failed,
            "duplicates": tally.duplicates,
            "rejected": [x.model_dump() for x in tally.rejected],
            "warnings": tally.warnings,
            "rule_versions": load_rulebook().versions,
            "input_hashes": sorted(tally.hashes + (folder_manifests or [])),
        }
        writer.commit(manifest)
    return RunSummary(Path(out_dir), tally.documents, observations, len(tally.rejected), tally.failed,
                      dict(sorted(tally.counts.items())))


def _write_batch(writer, batch: list[DocumentResult | WritableResult], tally: _RunTally) -> None:
    kept = []
    for result in (r if isinstance(r, WritableResult) else WritableResult.of(r) for r in batch):
        if result.content_hash:
            tally.hashes.append([result.source_file, result.content_hash])
        if result.document_line is not None:
            first = tally.first_name_of.get(result.content_hash)
            if first is not None:
                tally.duplicates.setdefault(first, []).append(result.source_file)
                continue
            tally.first_name_of[result.content_hash] = result.source_file
        kept.append(result)
    rows = [row for r in kept for row in r.rows]
    lines = [r.document_line for r in kept if r.document_line is not None]
    writer.write(rows, lines)
    for r in kept:
        if r.original is not None:
            writer.keep_original(*r.original)
    tally.counts.update(row["indicator"] for row in rows)
    tally.failed.update((r.source_file, r.error) for r in kept if r.error)
    tally.rejected.extend(x for r in kept for x in r.rejected)
    tally.warnings.extend(w for r in kept for w in r.warnings)
    tally.documents += len(lines)
