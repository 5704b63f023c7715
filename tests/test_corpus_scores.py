"""Extraction quality on the held-out corpus beside the project, when it is there."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractors.evaluate import read_rows, score

SHARED = Path(__file__).resolve().parents[2] / "shared"

THRESHOLDS = {"quantity_f1": 0.85, "core_f1": 0.80}


@pytest.fixture(scope="module")
def corpus_result(tmp_path_factory):
    corpus, gold = SHARED / "corpus", SHARED / "gold" / "corpus.jsonl"
    if not corpus.is_dir() or not gold.exists():
        pytest.skip("the shared corpus is not beside the project")
    from extractors.run.pipeline import extract_paths

    out = tmp_path_factory.mktemp("corpus-run")
    summary = extract_paths([corpus], out)
    assert summary.failed == {}, summary.failed
    return score(read_rows(gold), read_rows(out / "indicators.csv"))


def test_corpus_scores_meet_the_thresholds(corpus_result):
    measured = {"quantity_f1": corpus_result.quantity["f1"], "core_f1": corpus_result.core["f1"]}
    below = {k: round(v, 3) for k, v in measured.items() if v < THRESHOLDS[k]}
    assert not below, f"below threshold: {below}\n{corpus_result.summary()}"
