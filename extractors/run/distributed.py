"""Extraction on a Dask cluster: ``extract --engine dask --scheduler ADDRESS``.

The client reads the files (so workers need no shared file system), sends
them in batches of documents to the cluster, and writes what comes back as
a partitioned Parquet dataset, one file per batch in input order::

    OUT/indicators/part-00000.parquet, part-00001.parquet, ...
    OUT/run_manifest.json

Each worker process builds its own extractor once (``shared_extractor``).
At most a few batches per worker are in flight, so the client's memory
stays flat however many documents there are. The dataset folder is built
under a temporary name and renamed into place when the run is complete.
See docs/scale-out.md for pointing it at a real cluster.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from extractors.run.outputs import MANIFEST_NAME, PARQUET_SCHEMA, observations_frame, write_text_atomically
from extractors.run.fetch import is_url
from extractors.run.inputs import INPUT_SUFFIXES, input_files, read_input, source_name
from extractors.run.pipeline import RunSummary, extract_bytes, with_manifest_entries
from extractors.text.documents import DocumentError
from extractors.text.readers import UNREADABLE_KIND

DATASET_NAME = "indicators"
BATCH_DOCUMENTS = 32
BATCHES_IN_FLIGHT_PER_WORKER = 2

Batch = list[tuple[bytes, str, dict | None]]


def extract_batch(batch: Batch) -> dict:
    """Runs on a worker: a batch of documents -> rows and what went wrong."""
    observations, rejected, warnings, failed, documents = [], [], [], {}, 0
    for data, name, manifest_entry in batch:
        result = extract_bytes(data, name, manifest_entry)
        if result.error:
            failed[name] = result.error
            continue
        documents += 1
        observations += result.observations
        rejected += [x.model_dump() for x in result.rejected]
        warnings += result.warnings
    return {"rows": observations_frame(observations), "rejected": rejected, "warnings": warnings,
            "failed": failed, "documents": documents}


def _batches(files: list[Path], size: int, failed: dict[str, str], region: str | None = None) -> Iterator[Batch]:
    """Batches of (bytes, name, manifest entry); unreadable files go to ``failed``."""
    batch: Batch = []
    for path, entry in with_manifest_entries(files, failed, region):
        if is_url(path):
            failed[path] = f"{path}: URLs are fetched by the local engine (extract without --engine dask)"
            continue
        if path.suffix.lower() not in INPUT_SUFFIXES:
            failed[path.name] = f"{path.name}: {UNREADABLE_KIND}"
            continue
        try:
            data = read_input(path)
        except DocumentError as error:
            failed[source_name(path)] = str(error)
            continue
        batch.append((data, source_name(path), entry))
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _write_part(folder: Path, index: int, rows: pd.DataFrame) -> None:
    table = pa.Table.from_pandas(rows, schema=PARQUET_SCHEMA, preserve_index=False)
    pq.write_table(table, folder / f"part-{index:05d}.parquet")


def _replace_folder(temporary: Path, target: Path) -> None:
    """Put ``temporary`` where ``target`` is; the old folder goes only after."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
        os.replace(target, old / target.name)
    os.replace(temporary, target)
    if old is not None:
        shutil.rmtree(old)


def extract_on_dask(paths: list[Path], out_dir: Path, scheduler, batch_documents: int = BATCH_DOCUMENTS,
                    region: str | None = None) -> RunSummary:
    """Extract every document under ``paths`` on the cluster at ``scheduler``
    (an address such as ``tcp://10.0.0.5:8786``, or a ``distributed.Client``);
    ``region`` as in ``pipeline.extract_files``."""
    from distributed import Client, as_completed

    from extractors.indicators.rulebook import load_rulebook

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{DATASET_NAME}.", dir=out_dir))
    counts: Counter[str] = Counter()
    failed: dict[str, str] = {}
    rejected: list[dict] = []
    warnings: list[str] = []
    documents = 0
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        limit = workers * BATCHES_IN_FLIGHT_PER_WORKER
        batches = enumerate(_batches(input_files(paths), batch_documents, failed, region))
        running = as_completed()
        index_of = {}

        def submit_next() -> bool:
            item = next(batches, None)
            if item is None:
                return False
            index, batch = item
            future = client.submit(extract_batch, batch, pure=False)
            index_of[future.key] = index
            running.add(future)
            return True

        while len(index_of) < limit and submit_next():
            pass
        for future in running:
            result = future.result()
            index = index_of.pop(future.key)
            future.release()
            _write_part(staging, index, result["rows"])
            counts.update(result["rows"]["indicator"])
            failed.update(result["failed"])
            rejected += result["rejected"]
            warnings += result["warnings"]
            documents += result["documents"]
            submit_next()
        if not any(staging.iterdir()):
            _write_part(staging, 0, observations_frame([]))
        os.chmod(staging, 0o755)
        _replace_folder(staging, out_dir / DATASET_NAME)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        if client is not scheduler:
            client.close()
    observations = sum(counts.values())
    manifest = {
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "engine": "dask",
        "inputs": [str(p) for p in paths],
        "documents": documents,
        "observations": observations,
        "counts_by_indicator": dict(sorted(counts.items())),
        "failed": failed,
        "rejected": rejected,
        "warnings": warnings,
        "rule_versions": load_rulebook().versions,
    }
    write_text_atomically(out_dir / MANIFEST_NAME, json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
    return RunSummary(out_dir, documents, observations, len(rejected), failed, dict(sorted(counts.items())))
