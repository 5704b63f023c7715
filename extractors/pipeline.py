"""Files in, tables out: the run over many documents.

A file that cannot be read is reported with its reason and the run goes on;
outputs are written only when the run is complete, each through a temporary
file and a rename, so an interrupted run leaves the previous outputs whole.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .documents import DocumentError, build_document, read_manifest
from .engine import Extractor
from .models import Document, Observation, Rejected
from .outputs import write_outputs

Progress = Callable[[int, int, str], None]
INPUT_SUFFIXES = {".txt", ".text", ".md", ".htm", ".html", ""}


@dataclass
class DocumentResult:
    source_file: str
    document: Document | None = None
    observations: list[Observation] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    error: str | None = None


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
    extraction = (extractor or shared_extractor()).extract(document)
    return DocumentResult(source_file, document, extraction.observations, extraction.rejected)


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


def extract_files(files: list[Path], progress: Progress | None = None) -> Iterable[DocumentResult]:
    manifests: dict[Path, dict] = {}
    for index, path in enumerate(files):
        if progress:
            progress(index, len(files), path.name)
        try:
            data = path.read_bytes()
        except OSError as error:
            yield DocumentResult(path.name, error=f"{path.name}: cannot read the file ({error.strerror})")
            continue
        yield extract_bytes(data, path.name, _manifest_for(path, manifests))
    if progress:
        progress(len(files), len(files), "")


def extract_paths(paths: list[Path], out_dir: Path, progress: Progress | None = None) -> RunSummary:
    """Extract every document under ``paths`` and write the outputs to ``out_dir``."""
    files = input_files(paths)
    results = list(extract_files(files, progress))
    return finish_run(results, Path(out_dir), [str(p) for p in paths])


def finish_run(results: list[DocumentResult], out_dir: Path, inputs: list[str]) -> RunSummary:
    from .rulebook import load_rulebook

    observations = [o for r in results for o in r.observations]
    documents = [r.document for r in results if r.document is not None]
    failed = {r.source_file: r.error for r in results if r.error}
    rejected = [x for r in results for x in r.rejected]
    counts = dict(sorted(Counter(o.indicator for o in observations).items()))
    manifest = {
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "inputs": inputs,
        "documents": len(documents),
        "observations": len(observations),
        "counts_by_indicator": counts,
        "failed": failed,
        "rejected": [x.model_dump() for x in rejected],
        "rule_versions": load_rulebook().versions,
    }
    write_outputs(out_dir, observations, documents, manifest)
    return RunSummary(out_dir, len(documents), len(observations), len(rejected), failed, counts)

