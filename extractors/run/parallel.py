"""Extraction on all cores: documents in, results out, in input order.

A pool of worker processes, each with its own extractor (gazetteer and
rules loaded once per process, or inherited from the parent where the
platform forks). Documents are handed out a few at a time as workers free
up, so only a bounded number of results is in flight at any moment and the
caller can write them as they arrive.
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from extractors.run.pipeline import WritableResult, extract_file, shared_extractor
from extractors.regions.mentions import region_matcher

# Documents per task: enough to amortise the round trip (4 cost 5 % more wall
# time than 16 on two cores), few enough to balance and to bound what is in flight.
CHUNK_SIZE = 16


def _start_worker() -> None:
    shared_extractor()


def _extract_task(task: tuple[str, dict | None]) -> WritableResult:
    path, manifest_entry = task
    return WritableResult.of(extract_file(Path(path), manifest_entry))


def _context():
    # Forking shares the parent's loaded gazetteer and rules copy-on-write;
    # elsewhere each worker loads its own (from the on-disk cache).
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def extract_in_processes(tasks: Iterable[tuple[Path, dict | None]], jobs: int) -> Iterator[WritableResult]:
    """``extract_file`` over ``tasks`` in ``jobs`` processes; results in task order,
    made ready for writing in the workers."""
    context = _context()
    if context.get_start_method() == "fork":
        # Loaded here once, the region matcher too (built on the first page
        # otherwise), and inherited by every worker.
        region_matcher(shared_extractor().gazetteer)
    with context.Pool(jobs, initializer=_start_worker) as pool:
        yield from pool.imap(_extract_task, ((str(path), entry) for path, entry in tasks), CHUNK_SIZE)


def default_jobs() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
