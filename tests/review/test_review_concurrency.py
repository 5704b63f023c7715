"""Two reviewers, 200 decisions each, on overlapping figures, from two processes: nothing is lost."""
import multiprocessing
import queue as queues
import sys
import types

from extractors.review.store import FigureKey, ReviewConflict, ReviewStore

FIGURES = [FigureKey("0123456789abcdef", start, start + 5) for start in range(0, 100, 10)]
DECISIONS = 200


def _review(url: str, reviewer: str, seed: int, queue) -> None:
    import random

    store, rng = ReviewStore(url), random.Random(seed)
    done, refused = [], []
    for _ in range(DECISIONS):
        key = rng.choice(FIGURES)
        shown = store.state(key)
        version = shown.version if shown else 0
        action = rng.choice(["accept", "reject", "correct"])
        extra = {"reason": "checked against the bulletin"} if action == "reject" else \
            {"fields": {"value": rng.randint(1, 999)}} if action == "correct" else {}
        try:
            store.decide(key, action, reviewer, expected_version=version, **extra)
            done.append((key.start, version + 1))
        except ReviewConflict as conflict:
            refused.append((key.start, version, conflict.current.version))
    queue.put((reviewer, done, refused))


def _results(workers, queue, deadline_s: float = 300) -> list:
    """Each worker's report; a worker that dies fails the test at once instead of at the deadline."""
    results, waited = [], 0.0
    while len(results) < len(workers):
        try:
            results.append(queue.get(timeout=1))
        except queues.Empty:
            waited += 1
            dead = [worker.exitcode for worker in workers if worker.exitcode not in (None, 0)]
            assert not dead and waited < deadline_s, f"reviewer processes ended with {dead}"
    return results


def test_no_decision_is_lost_and_every_refusal_is_reported(database_url, monkeypatch):
    ReviewStore(database_url)                       # migrated once, before the reviewers start
    # A spawned process re-runs the parent's __main__; after Streamlit's AppTest that is the
    # dashboard script, which is not meant to run outside Streamlit.
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    workers = [context.Process(target=_review, args=(database_url, name, seed, queue))
               for name, seed in (("ann", 1), ("bob", 2))]
    for worker in workers:
        worker.start()
    results = _results(workers, queue)
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0

    store = ReviewStore(database_url)
    done = [entry for _, accepted, _ in results for entry in accepted]
    refused = [entry for _, _, refusals in results for entry in refusals]
    assert len(done) + len(refused) == 2 * DECISIONS
    logged = [decision for key in FIGURES for decision in store.history(key)]
    assert len(logged) == len(done)                 # every accepted decision is in the log
    for key in FIGURES:
        versions = sorted(version for start, version in done if start == key.start)
        state = store.state(key)
        assert versions == list(range(1, (state.version if state else 0) + 1))   # no version written twice
    assert all(now > shown for _, shown, now in refused)   # a refusal always names a newer state
    print(f"{len(done)} decisions written, {len(refused)} refused")
