"""Benchmark of review at scale: 100,000 decisions over 1,000,000 rows (a script, not a test).

The rows are ``bench_dashboard``'s synthetic rows; the decisions (60 %
accepted, 25 % corrected to another region and value, 15 % rejected) are
written into the SQLite review store of the same ``data/`` in bulk. Measured
with Streamlit's ``AppTest`` (server time of a script run, no browser):

* reading the decisions and applying them to the rows (what every view reads),
* the first render of Table with the reviewed rows (cold caches),
* a filter change on Table (target < 0.3 s): the reviewed rows are cached by
  the store's revision, so a filter change only asks the store that number,
* the first run after one more decision (the reviewed rows are built again).

    .venv/bin/python benchmarks/bench_review.py [--rows 1000000] [--decisions 100000]
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_dashboard import _fresh_app, filter_change, timed, write_data  # noqa: E402

from extractors.review.schema import decisions, reviewers, states  # noqa: E402
from extractors.review.store import FigureKey, ReviewStore, default_database_url  # noqa: E402

FILTER_TARGET = 0.3
REVIEWER = "bench"


def write_decisions(directory: Path, count: int, seed: int = 11) -> ReviewStore:
    """``count`` decisions on distinct rows, in one transaction (the store's own path takes one per decision)."""
    from dashboard import datastore

    rows = datastore.read_rows(directory)
    rng = np.random.default_rng(seed)
    # synthetic spans repeat within a document; a decision names one span
    distinct = np.flatnonzero(~rows.duplicated(["doc_id", "start", "end"]).to_numpy())
    picked = rng.choice(distinct, size=count, replace=False)
    regions = rows["region"].astype(str).unique()
    store = ReviewStore(default_database_url(directory))
    now = dt.datetime.now(dt.timezone.utc)
    state_rows, log_rows = [], []
    for number, position in enumerate(picked):
        row = rows.iloc[int(position)]
        draw = rng.random()
        status = "accepted" if draw < 0.60 else "corrected" if draw < 0.85 else "rejected"
        fields = ({"region": str(rng.choice(regions)), "value": float(row["value"]) * 1.1}
                  if status == "corrected" else {})
        key = dict(doc_id=str(row["doc_id"]), start=int(row["start"]), end=int(row["end"]))
        state_rows.append({**key, "status": status, "fields": fields, "machine": {"raw_text": str(row["raw_text"])},
                           "reason": "bench" if status == "rejected" else "", "version": 1, "updated_by": REVIEWER,
                           "updated_at": now})
        log_rows.append({**key, "action": {"accepted": "accept", "corrected": "correct", "rejected": "reject"}[status],
                         "before": {"status": "unreviewed"}, "after": {"status": status, "fields": fields},
                         "reviewer": REVIEWER, "at": now})
    with store.engine.begin() as connection:
        connection.execute(reviewers.insert(), [{"name": REVIEWER, "created_at": now}])
        connection.execute(states.insert(), state_rows)
        connection.execute(decisions.insert(), log_rows)
    return store


def apply_cost(directory: Path, store: ReviewStore) -> dict[str, float]:
    from dashboard import datastore, queries
    from extractors.review.apply import apply_reviews

    rows, documents = datastore.read_rows(directory), datastore.read_documents(directory)
    read, decided = timed(store.states)
    applied, reviewed = timed(lambda: apply_reviews(rows, decided))
    built, _ = timed(lambda: queries.build_dataset(reviewed.rows, documents))
    return {"read the decisions": read, "apply them to the rows": applied,
            "build facts and tree from reviewed rows": built}


def first_table_render() -> tuple[float, object]:
    import streamlit as st

    app = _fresh_app()
    app.run()
    st.cache_data.clear()
    st.cache_resource.clear()
    app.switch_page("views/table.py")
    seconds, _ = timed(app.run)
    assert not app.exception, app.exception
    return seconds, app


def run_after_a_decision(store: ReviewStore, directory: Path) -> float:
    from dashboard import datastore

    app = _fresh_app()
    app.run()
    app.switch_page("views/table.py").run()
    row = datastore.read_rows(directory).iloc[3]
    key = FigureKey(str(row["doc_id"]), int(row["start"]), int(row["end"]))
    shown = store.state(key)
    store.decide(key, "accept", REVIEWER, expected_version=shown.version if shown else 0)
    seconds, _ = timed(app.run)
    assert not app.exception, app.exception
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--documents", type=int, default=5_000)
    parser.add_argument("--decisions", type=int, default=100_000)
    args = parser.parse_args()

    directory = Path(tempfile.mkdtemp(prefix="bench_review_")) / "data"
    seconds, _ = timed(lambda: write_data(directory, args.rows, args.documents))
    print(f"generated {args.rows:,} rows, {args.documents:,} documents in {seconds:.1f} s -> {directory}")
    seconds, store = timed(lambda: write_decisions(directory, args.decisions))
    print(f"wrote {args.decisions:,} decisions in {seconds:.1f} s (store revision {store.revision():,})")
    os.environ["DASHBOARD_DATA_DIR"] = str(directory)
    os.environ.pop("DATABASE_URL", None)
    empty_seeds = Path(tempfile.mkdtemp(prefix="bench_seeds_"))
    os.environ["DASHBOARD_SEEDS_DIR"] = str(empty_seeds)

    print(f"\n{'measure':48s} {'seconds':>8s}")
    for name, value in apply_cost(directory, store).items():
        print(f"{name:48s} {value:8.3f}")
    first, _ = first_table_render()
    print(f"{'first render: Table, reviewed rows (cold)':48s} {first:8.3f}")
    changes = filter_change()
    median = statistics.median(changes)
    verdict = "ok" if median < FILTER_TARGET else "OVER"
    print(f"{'filter change: Table (median of 4)':48s} {median:8.3f}  < {FILTER_TARGET} {verdict}")
    print(f"{'first run after one more decision':48s} {run_after_a_decision(store, directory):8.3f}")
    print(f"filter changes: {', '.join(f'{t:.3f}' for t in changes)}")

    shutil.rmtree(directory.parent, ignore_errors=True)
    shutil.rmtree(empty_seeds, ignore_errors=True)


if __name__ == "__main__":
    main()
