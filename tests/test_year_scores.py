"""Year accuracy on the shared pages beside the project (corpus, corpus2), when they are there."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractors.evaluate import read_rows, score

SHARED = Path(__file__).resolve().parents[2] / "shared"
# Measured at 1.000 on both; a fall below these is a regression, not noise.
YEAR_ACCURACY = {"corpus": 0.97, "corpus2": 0.95}


@pytest.mark.parametrize("name", sorted(YEAR_ACCURACY))
def test_year_accuracy_stays_high(name, tmp_path):
    pages, gold = SHARED / name, SHARED / "gold" / f"{name}.jsonl"
    if not pages.is_dir() or not gold.exists():
        pytest.skip(f"the shared {name} is not beside the project")
    from extractors.run.pipeline import extract_paths

    summary = extract_paths([pages], tmp_path)
    assert summary.failed == {}, summary.failed
    result = score(read_rows(gold), read_rows(tmp_path / "indicators.csv"))
    assert result.year_accuracy >= YEAR_ACCURACY[name], result.summary()
