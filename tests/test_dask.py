"""``extract --engine dask`` on a small in-process cluster gives the local run's rows."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extractors.run.pipeline import extract_paths

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[1]


def test_dask_rows_equal_the_local_run(tmp_path):
    from extractors.run.distributed import DATASET_NAME, extract_on_dask

    seeds = ROOT / "seeds"
    local = extract_paths([seeds], tmp_path / "local")
    # real TCP comms on loopback (what a remote cluster uses), worker threads in this process
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None, protocol="tcp", host="127.0.0.1") as cluster:
        # small batches: several partitions, returned out of order, written in order
        summary = extract_on_dask([seeds], tmp_path / "dask", cluster.scheduler_address, batch_documents=2)
    parts = sorted((tmp_path / "dask" / DATASET_NAME).glob("part-*.parquet"))
    assert len(parts) == 3
    rows = pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True)
    expected = pd.read_parquet(tmp_path / "local" / "indicators.parquet")
    assert len(expected) > 50
    pd.testing.assert_frame_equal(rows, expected, check_dtype=False)
    assert (summary.documents, summary.observations) == (local.documents, local.observations)
    assert summary.counts_by_indicator == local.counts_by_indicator
    assert (tmp_path / "dask" / "run_manifest.json").exists()
