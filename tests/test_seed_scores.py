"""Extraction quality on the seed pages, scored against their answer key."""
from __future__ import annotations

from extractors.evaluate import score

THRESHOLDS = {"quantity_f1": 0.95, "core_f1": 0.95, "region": 0.95, "indicator": 0.90, "year": 0.95}


def test_seed_scores_meet_the_thresholds(seed_rows, seed_gold):
    result = score(seed_gold, seed_rows)
    measured = {"quantity_f1": result.quantity["f1"], "core_f1": result.core["f1"], "region": result.region_accuracy,
                "indicator": result.indicator_accuracy, "year": result.year_accuracy}
    below = {k: round(v, 3) for k, v in measured.items() if v < THRESHOLDS[k]}
    assert not below, f"below threshold: {below}\n{result.summary()}\n" + "\n".join(result.errors[:40])
