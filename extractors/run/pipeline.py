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
import os
import stat
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from extractors.text.documents import DocumentError, build_document, read_manifest
from extractors.run.engine import Extractor
from extractors.models import Document, Observation, Rejected

Progress = Callable[[int, int, str], None]
INPUT_SUFFIXES = {".txt", ".text", ".md", ".htm", ".html", ""}
# Documents per write: rows reach the output files every this many documents.
WRITE_BATCH = 64


@dataclass
class DocumentResult:
    source_file: str
    document: Document | None = None
    observations: list[Observation] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    content_hash: str = ""      # of the file's bytes (``Document.id_for``); empty when they could not be read


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

    @classmethod
    def of(cls, result: DocumentResult) -> "WritableResult":
        from extractors.run.outputs import document_record

        return cls(result.source_file, [o.model_dump() for o in result.observations],
                   document_record(result.document) if result.document is not None else None,
                   result.rejected, result.error, result.warnings, result.content_hash)


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
                  extractor: Extractor | None = None) -> DocumentResult:
    """Extract one document given as bytes; a bad document becomes ``error``."""
    content_hash = Document.id_for(data)
    try:
        document = build_document(data, source_file, manifest_entry)
    except DocumentError as error:
        return DocumentResult(source_file, error=str(error), content_hash=content_hash)
    extraction = (extractor or shared_extractor()).extract(document)
    return DocumentResult(source_file, document, extraction.observations, extraction.rejected,
                          warnings=extraction.warnings, content_hash=content_hash)


def input_files(paths: Iterable[Path]) -> list[Path]:
    """The documents named by files and folders (a folder's manifest is not one)."""
    return find_inputs(paths)[0]


def find_inputs(paths: Iterable[Path]) -> tuple[list[Path], dict[str, str]]:
    """The documents named by files and folders, and what a folder holds that
    cannot be read, each with its reason: a subfolder that cannot be listed,
    a link to nothing, a FIFO, a device or a socket, a manifest entry that
    names no file. Links to folders are followed, each folder read once."""
    files: list[Path] = []
    skipped: dict[str, str] = {}
    for path in map(Path, paths):
        if path.is_dir():
            found: list[Path] = []
            _walk(path, found, skipped, {path.resolve()})
            files += sorted(found)
            for folder in sorted({file.parent for file in found} | {path}):
                skipped.update(_unmatched_manifest_entries(folder))
        else:
            files.append(path)
    return files, skipped


def _walk(folder: Path, files: list[Path], skipped: dict[str, str], visited: set[Path]) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError as error:
        skipped[str(folder)] = f"{folder}: cannot read the folder ({error.strerror}); its files are left out"
        return
    for entry in entries:
        path = Path(entry.path)
        try:
            mode = os.stat(path).st_mode        # through a link
        except OSError as error:
            reason = "a link to nothing" if entry.is_symlink() else f"cannot be read ({error.strerror})"
            skipped[str(path)] = f"{path}: {reason}; left out"
            continue
        if stat.S_ISDIR(mode):
            real = path.resolve()
            if real in visited:
                skipped[str(path)] = f"{path}: a link to a folder already read; left out"
                continue
            visited.add(real)
            _walk(path, files, skipped, visited)
        elif path.name.startswith(".") or path.name == "manifest.jsonl":
            continue
        elif not stat.S_ISREG(mode):
            skipped[str(path)] = f"{path}: {_special_file_kind(mode)}, not a file; left out"
        elif path.suffix.lower() in INPUT_SUFFIXES:
            files.append(path)


def _special_file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _unmatched_manifest_entries(folder: Path) -> dict[str, str]:
    """Entries of a folder's manifest that name no file in it."""
    manifest = folder / "manifest.jsonl"
    if not manifest.is_file():
        return {}
    try:
        entries = read_manifest(folder)
    except (DocumentError, OSError, UnicodeDecodeError):
        return {}       # reported when the manifest is read for its documents
    present = {path.name for path in folder.iterdir()}
    by_case = {name.casefold(): name for name in present}
    unmatched = {}
    for name in sorted(set(entries) - present):
        other = by_case.get(name.casefold())
        hint = f"; {other} differs only in case" if other else ""
        unmatched[f"{manifest}:{name}"] = f"{manifest}: the entry for {name} names no file in the folder{hint}"
    return unmatched


def _manifest_for(path: Path, cache: dict[Path, dict]) -> dict | None:
    folder = path.parent
    if folder not in cache:
        cache[folder] = read_manifest(folder) if (folder / "manifest.jsonl").exists() else {}
    return cache[folder].get(path.name)


def extract_file(path: Path, manifest_entry: dict | None, extractor: Extractor | None = None) -> DocumentResult:
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        return DocumentResult(Path(path).name, error=f"{Path(path).name}: cannot read the file ({error.strerror})")
    return extract_bytes(data, Path(path).name, manifest_entry, extractor)


def with_manifest_entries(files: list[Path]) -> Iterator[tuple[Path, dict | None]]:
    """Each file with its folder manifest's entry (manifests read once per folder)."""
    manifests: dict[Path, dict] = {}
    for path in files:
        yield path, _manifest_for(path, manifests)


def extract_files(files: list[Path], progress: Progress | None = None,
                  jobs: int = 1) -> Iterator[DocumentResult | WritableResult]:
    """Results in the order of ``files``; ``jobs`` > 1 extracts in that many
    processes, which hand back ``WritableResult``s."""
    if jobs > 1:
        from extractors.run.parallel import extract_in_processes

        results = extract_in_processes(with_manifest_entries(files), jobs)
    else:
        results = (extract_file(path, entry) for path, entry in with_manifest_entries(files))
    for index, path in enumerate(files):
        if progress:
            progress(index, len(files), path.name)
        yield next(results)
    if progress:
        progress(len(files), len(files), "")


def extract_paths(paths: list[Path], out_dir: Path, progress: Progress | None = None, jobs: int = 1) -> RunSummary:
    """Extract every document under ``paths`` and write the outputs to ``out_dir``.

    What a folder holds that cannot be read is reported as failed, like a
    file that is no text."""
    files, skipped = find_inputs(paths)
    return finish_run(extract_files(files, progress, jobs), Path(out_dir), [str(p) for p in paths],
                      skipped=skipped, folder_manifests=_folder_manifest_hashes(files))


def _folder_manifest_hashes(files: list[Path]) -> list[list[str]]:
    manifests = sorted({path.parent / "manifest.jsonl" for path in files} - {Path("manifest.jsonl")})
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
    tally.counts.update(row["indicator"] for row in rows)
    tally.failed.update((r.source_file, r.error) for r in kept if r.error)
    tally.rejected.extend(x for r in kept for x in r.rejected)
    tally.warnings.extend(w for r in kept for w in r.warnings)
    tally.documents += len(lines)
