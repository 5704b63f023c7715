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
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from extractors.text.documents import DocumentError, build_document, read_manifest
from extractors.run.engine import Extractor
from extractors.models import Document, Observation, Rejected
from extractors.regions.given import UnknownRegion

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
                  extractor: Extractor | None = None) -> DocumentResult:
    """Extract one document given as bytes; a bad document becomes ``error``."""
    try:
        document = build_document(data, source_file, manifest_entry)
    except DocumentError as error:
        return DocumentResult(source_file, error=str(error))
    try:
        extraction = (extractor or shared_extractor()).extract(document)
    except UnknownRegion as error:
        return DocumentResult(source_file, error=f"{document.source_file}: {error}")
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


def with_manifest_entries(files: list[Path], region: str | None = None) -> Iterator[tuple[Path, dict | None]]:
    """Each file with its folder manifest's entry (manifests read once per folder);
    ``region`` is the region of every file whose entry names none."""
    manifests: dict[Path, dict] = {}
    for path in files:
        entry = _manifest_for(path, manifests)
        if region and not (entry or {}).get("region"):
            entry = {**(entry or {}), "region": region}
        yield path, entry


def unknown_regions(files: list[Path], region: str | None, gazetteer) -> list[str]:
    """Why the regions given for ``files`` (``region`` and their manifests'
    ``region`` fields) are not divisions, one message each; empty when all are."""
    from extractors.regions.given import region_named

    problems: dict[str, str] = {}
    for path, entry in with_manifest_entries(files, region):
        name = (entry or {}).get("region")
        if name and name not in problems:
            try:
                region_named(name, gazetteer)
            except UnknownRegion as error:
                problems[name] = f"{path.name}: {error}" if name != region else str(error)
    return list(problems.values())


def extract_files(files: list[Path], progress: Progress | None = None,
                  jobs: int = 1, region: str | None = None) -> Iterator[DocumentResult | WritableResult]:
    """Results in the order of ``files``; ``jobs`` > 1 extracts in that many
    processes, which hand back ``WritableResult``s. ``region``: the unit the
    documents are about where their manifest names none."""
    if jobs > 1:
        from extractors.run.parallel import extract_in_processes

        results = extract_in_processes(with_manifest_entries(files, region), jobs)
    else:
        results = (extract_file(path, entry) for path, entry in with_manifest_entries(files, region))
    for index, path in enumerate(files):
        if progress:
            progress(index, len(files), path.name)
        yield next(results)
    if progress:
        progress(len(files), len(files), "")


def extract_paths(paths: list[Path], out_dir: Path, progress: Progress | None = None, jobs: int = 1,
                  region: str | None = None) -> RunSummary:
    """Extract every document under ``paths`` and write the outputs to ``out_dir``."""
    files = input_files(paths)
    return finish_run(extract_files(files, progress, jobs, region), Path(out_dir), [str(p) for p in paths])


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
