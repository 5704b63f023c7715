"""Period and measure on an annotated sample of corpus2 (tests/data/corpus2_period_measure.jsonl).

Every row of 16 pages (286) was read and labelled by hand: the period is which part of the row's year
the figure covers (the year itself is scored against the gold), the measure which series of the
indicator it is. Both must be right on at least 95 % of the rows."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.run.pipeline import extract_bytes
from extractors.text.documents import read_manifest

SAMPLE = Path(__file__).parent / "data" / "corpus2_period_measure.jsonl"
CORPUS2 = Path("/work/shared/corpus2")
THRESHOLD = 0.95


def _key(row: dict) -> tuple:
    """A figure by its span, and whether a table cell or prose gave it (both may read one span)."""
    return row["source_file"], row["start"], row["end"], str(row["rule"]).startswith("table:")


@pytest.mark.skipif(not CORPUS2.is_dir(), reason="corpus2 pages not on this machine")
def test_period_and_measure_on_the_annotated_sample():
    labels = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    pages = sorted({row["source_file"] for row in labels})
    assert len(labels) >= 150 and len(pages) >= 15
    found, manifest = {}, read_manifest(CORPUS2)      # page dates resolve 今年, 目前
    for page in pages:
        result = extract_bytes((CORPUS2 / page).read_bytes(), page, manifest.get(page))
        for row in result.observations:
            found.setdefault(_key(row.model_dump()), row)
    matched = [(label, found[_key(label)]) for label in labels if _key(label) in found]
    assert len(matched) >= 0.95 * len(labels), "the sample no longer matches the extraction"
    period_right = sum(label["period"] == row.period for label, row in matched) / len(matched)
    measure_right = sum(label["measure"] == row.measure for label, row in matched) / len(matched)
    assert period_right >= THRESHOLD, period_right
    assert measure_right >= THRESHOLD, measure_right
