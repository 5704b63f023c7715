"""Extraction on all cores: documents in, results out, in input order.

A pool of worker processes, each with its own extractor (gazetteer and
rules loaded once per process, or inherited from the parent where the
platform forks). Documents are handed out a few at a time as workers free
up, so only a bounded number of results is in flight at any moment and the
caller can write them as they arrive.

A worker that dies (killed by the system when memory runs out, say) breaks
the pool: the run stops with ``WorkerDied`` naming the documents that were
in the lost task, instead of waiting forever for their results. Workers
stop with the parent: they ignore Ctrl-C (the parent handles it), die when
the parent dies, and are terminated when the parent leaves early.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from pathlib import Path

from extractors.run.fetch import is_url
from extractors.run.inputs import DEFAULT_MAX_FILE_BYTES
from extractors.run.pipeline import WritableResult, extract_file, shared_extractor

# Documents per task: enough to amortise the round trip (4 cost 5 % more wall
# time than 16 on two cores), few enough to balance and to bound what is in flight.
CHUNK_SIZE = 16
# Tasks queued per worker beyond the one it runs: keeps every worker busy.
TASKS_AHEAD_PER_WORKER = 2
_PR_SET_PDEATHSIG = 1


class WorkerDied(RuntimeError):
    """A worker process ended without returning its task's results."""


def _die_with_parent() -> None:
    """Linux: the kernel sends this worker SIGTERM when the parent ends, even by SIGKILL."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def _start_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)     # Ctrl-C reaches the whole group; the parent handles it
    signal.signal(signal.SIGTERM, signal.SIG_DFL)    # not the parent's handler inherited through fork
    _die_with_parent()
    shared_extractor()


def _extract_chunk(tasks: list[tuple[str, dict | None, int]]) -> list[WritableResult]:
    return [WritableResult.of(extract_file(path if is_url(path) else Path(path), entry, max_bytes=max_bytes))
            for path, entry, max_bytes in tasks]


def _context():
    # Forking shares the parent's loaded gazetteer and rules copy-on-write;
    # elsewhere each worker loads its own (from the on-disk cache).
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _terminate_workers(executor: ProcessPoolExecutor) -> None:
    # The executor has no public way to stop running tasks; its processes are
    # terminated directly so that an interrupted parent does not wait for them.
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        if process.is_alive():
            process.terminate()
    executor.shutdown(wait=True, cancel_futures=True)


def extract_in_processes(tasks: Iterable[tuple[Path, dict | None]], jobs: int,
                         max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> Iterator[WritableResult]:
    """``extract_file`` over ``tasks`` in ``jobs`` processes; results in task order,
    made ready for writing in the workers. Raises ``WorkerDied`` when a worker is lost."""
    context = _context()
    if context.get_start_method() == "fork":
        shared_extractor()      # loaded here once and inherited by every worker
    source = ((str(path), entry, max_bytes) for path, entry in tasks)
    chunks = iter(lambda: list(islice(source, CHUNK_SIZE)), [])
    executor = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker)
    finished = False
    in_flight: deque = deque()
    try:
        for chunk in islice(chunks, jobs * (1 + TASKS_AHEAD_PER_WORKER)):
            in_flight.append((chunk, executor.submit(_extract_chunk, chunk)))
        while in_flight:
            chunk, future = in_flight[0]
            results = future.result()
            in_flight.popleft()
            following = next(chunks, None)
            if following is not None:
                # a pool broken since the last result refuses new work here, before the result says so
                in_flight.append((following, executor.submit(_extract_chunk, following)))
            yield from results
        finished = True
    except BrokenProcessPool:
        # the oldest chunk still in flight is the one whose result broke, or the next to say so
        names = ", ".join(Path(path).name for path, _, _ in in_flight[0][0]) if in_flight else "?"
        raise WorkerDied(
            "a worker process died (killed by the system, often for lack of memory) while extracting "
            f"one of: {names}; nothing was written and the previous outputs are as they were "
            "(run again with --jobs 1, or set those files aside)") from None
    finally:
        if finished:
            executor.shutdown(wait=True)
        else:
            _terminate_workers(executor)


def default_jobs() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
