"""Fixture data for the dashboard tests, in the shape the extraction writes to ``data/``.

The documents (``fixtures/documents/*.txt``) and their rows
(``fixtures/rows.jsonl``) are written by hand; here each row's offsets are
found from its ``anchor`` (the words just before the number) and every row is
validated by ``extractors.models.Observation``. ``104_binjiang_upload.txt``
is kept out of the base data: the upload tests add it.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Callable

import pandas as pd

from extractors.text.documents import manifest_date
from extractors.text.encoding import DocumentError, decode
from extractors.models import OUTPUT_COLUMNS, Article, Document, Observation

FIXTURES = Path(__file__).parent / "fixtures"
DOCUMENTS_DIR = FIXTURES / "documents"
BASE_DOCUMENTS = ("101_shangcheng_window.txt", "102_gongshu_population.txt", "103_hangzhou_bulletin.txt")
UPLOAD_DOCUMENT = "104_binjiang_upload.txt"

_SENTENCE_END = re.compile(r"[。！？]|\n\s*\n")


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _manifest() -> dict[str, dict]:
    return {entry["source_file"]: entry for entry in _jsonl(FIXTURES / "manifest.jsonl")}


def _hand_rows() -> list[dict]:
    return _jsonl(FIXTURES / "rows.jsonl") + _jsonl(FIXTURES / "upload_rows.jsonl")


def fixture_document(source_file: str, data: bytes, manifest_entry: dict | None = None) -> Document:
    text = data.decode("utf-8")
    typed = dict(manifest_entry or {})
    if typed.get("date"):
        typed["date"] = manifest_date(typed["date"], source_file)       # 2024-07 -> its first day, as extract does
    entry = _manifest().get(source_file, {"articles": []}) | typed
    titles = entry.get("articles", [])
    positions, search_from = [], 0
    for title in titles:
        title_start = text.index(title, search_from)
        positions.append((title, title_start, title_start + len(title)))
        search_from = title_start + len(title)
    articles = [Article(title=title, start=title_end, end=positions[i + 1][1] if i + 1 < len(positions) else len(text),
                        title_start=title_start, title_end=title_end)
                for i, (title, title_start, title_end) in enumerate(positions)]
    return Document(doc_id=Document.id_for(data), source_file=source_file, text=text,
                    title=entry.get("title"), date=entry.get("date"), publisher=entry.get("publisher"),
                    url=entry.get("url"), articles=articles)


def _sentence_around(text: str, start: int, end: int) -> str:
    previous = [match.end() for match in _SENTENCE_END.finditer(text, 0, start)]
    first = previous[-1] if previous else 0
    following = _SENTENCE_END.search(text, end)
    last = following.end() if following else len(text)
    return text[first:last].strip().replace("\n", "").replace("\r", "")


def fixture_observations(document: Document) -> list[Observation]:
    observations = []
    for row in _hand_rows():
        if row["source_file"] != document.source_file:
            continue
        fields = {key: value for key, value in row.items() if key != "anchor"}
        anchor_at = document.text.index(row["anchor"])
        start = anchor_at + len(row["anchor"])
        end = start + len(row["raw_text"])
        article = next((a for a in document.articles if a.title_start <= start < a.end), None)
        observation = Observation(**fields, doc_id=document.doc_id, start=start, end=end,
                                  article_title=article.title if article else "",
                                  sentence=_sentence_around(document.text, start, end))
        observation.check_against(document.text)
        observations.append(observation)
    return observations


def extract_fixture_bytes(data: bytes, source_file: str, manifest_entry: dict | None = None,
                          time_limit: float | None = None) -> SimpleNamespace:
    """What ``extractors.run.pipeline.extract_bytes`` returns, for the fixture documents.

    Bytes that are no text (empty, binary, undecodable) get the extraction's own message.
    """
    try:
        decode(data, source_file)
        document = fixture_document(source_file, data, manifest_entry)
    except DocumentError as error:
        return SimpleNamespace(document=None, observations=[], rejected=[], error=str(error))
    except UnicodeDecodeError as error:
        return SimpleNamespace(document=None, observations=[], rejected=[], error=f"cannot decode: {error}")
    return SimpleNamespace(document=document, observations=fixture_observations(document), rejected=[], error=None)


def write_data_dir(out_dir: Path, source_files: tuple[str, ...] = BASE_DOCUMENTS,
                   documents_dir: Path = DOCUMENTS_DIR,
                   progress: Callable[[int, int, str], None] | None = None) -> Path:
    """Write ``indicators.parquet``/``.csv``, ``documents.jsonl`` and ``run_manifest.json``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rows, documents = [], []
    for number, source_file in enumerate(source_files, start=1):
        result = extract_fixture_bytes((documents_dir / source_file).read_bytes(), source_file)
        documents.append(result.document.model_dump(mode="json"))
        rows.extend(observation.model_dump(mode="json") for observation in result.observations)
        if progress:
            progress(number, len(source_files), source_file)
    frame = pd.DataFrame(rows, columns=OUTPUT_COLUMNS)
    frame["year"] = pd.array(frame["year"], dtype="Int64")
    frame.to_parquet(out_dir / "indicators.parquet", index=False)
    frame.to_csv(out_dir / "indicators.csv", index=False)
    with (out_dir / "documents.jsonl").open("w", encoding="utf-8") as handle:
        for document in documents:
            handle.write(json.dumps(document, ensure_ascii=False) + "\n")
    (out_dir / "run_manifest.json").write_text(json.dumps({"documents": len(documents), "rows": len(frame)}))
    return out_dir


def fake_pipeline_module() -> SimpleNamespace:
    """Stands in for ``extractors.pipeline`` with the same two entry points, over the fixtures."""
    def extract_paths(paths: list[Path], out_dir: Path, progress=None):
        names = tuple(Path(path).name for path in paths)
        write_data_dir(Path(out_dir), names, documents_dir=Path(paths[0]).parent if paths else DOCUMENTS_DIR,
                       progress=progress)
        manifest = Path(out_dir) / "run_manifest.json"      # the inputs' hashes, as a run records them
        recorded = json.loads(manifest.read_text()) | {
            "input_hashes": Document.input_hashes((Path(path).name, Path(path).read_bytes()) for path in paths)}
        manifest.write_text(json.dumps(recorded))
        return SimpleNamespace(documents=len(names))

    return SimpleNamespace(extract_paths=extract_paths, extract_bytes=extract_fixture_bytes)


def obs_id_of(dataset, source_file: str, raw_text: str) -> str:
    """The id of the one row of ``source_file`` written ``raw_text``."""
    rows = dataset.mentions
    hit = rows[(rows["source_file"] == source_file) & (rows["raw_text"] == raw_text)]
    assert len(hit) == 1, (source_file, raw_text, len(hit))
    return str(hit["obs_id"].iloc[0])
