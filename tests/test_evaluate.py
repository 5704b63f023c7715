"""Scoring: the gold README's matching, and agreement with the reference scorer."""
from __future__ import annotations

import importlib.util

import pytest

from extractors.evaluate import score



def gold_line(start, end, value, unit="count", indicator="enterprise_count", region="上城区", year=None, required=True):
    return dict(source_file="a.txt", start=start, end=end, raw_text="x" * (end - start), value=value, unit=unit,
                indicator=indicator, region=region, year=year, required=required)


def pred_row(start, end, value, unit="count", indicator="enterprise_count", region="上城区", year=""):
    return dict(source_file="folder/a.txt", start=str(start), end=str(end), value=str(value), unit=unit,
                indicator=indicator, region=region, year=str(year))


def test_overlap_and_value_within_half_a_percent_match():
    result = score([gold_line(10, 14, 1000)], [pred_row(11, 14, 1004)])
    assert result.quantity["tp"] == 1 and result.quantity["fp"] == 0


def test_value_off_by_more_than_half_a_percent_does_not_match():
    result = score([gold_line(10, 14, 1000)], [pred_row(10, 14, 1010)])
    assert result.quantity["tp"] == 0 and result.quantity["fp"] == 1 and result.quantity["fn"] == 1


def test_areas_compare_across_km2_and_m2():
    result = score([gold_line(0, 5, 2.5, unit="km2", indicator="area")], [pred_row(0, 5, 2500000, unit="m2", indicator="area")])
    assert result.quantity["tp"] == 1


def test_optional_gold_line_is_neutral():
    gold = [gold_line(0, 3, 5, required=False)]
    result = score(gold, [pred_row(0, 3, 999)])
    assert result.quantity["fp"] == 0 and result.quantity["fn"] == 0


def test_core_needs_region_and_indicator():
    gold = [gold_line(0, 4, 10)]
    wrong_region = score(gold, [pred_row(0, 4, 10, region="拱墅区")])
    assert wrong_region.core["tp"] == 0 and wrong_region.core["fp"] == 1 and wrong_region.region_accuracy == 0
    right = score(gold, [pred_row(0, 4, 10)])
    assert right.core["f1"] == 1.0


def test_year_accuracy_counts_only_gold_lines_with_a_year():
    gold = [gold_line(0, 2, 1, year=2024), gold_line(5, 7, 2)]
    result = score(gold, [pred_row(0, 2, 1, year=2023), pred_row(5, 7, 2, year=2020)])
    assert result.year_accuracy == 0.0


def _reference_scorer():
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "shared" / "tools" / "score.py"
    if not path.exists():
        pytest.skip("the reference scorer is not beside the project")
    spec = importlib.util.spec_from_file_location("reference_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_agrees_with_reference_scorer_on_the_seeds(seed_rows, seed_gold):
    reference = _reference_scorer().score(seed_gold, seed_rows)
    ours = score(seed_gold, seed_rows)
    assert {k: reference["quantity"][k] for k in ("tp", "fp", "fn")} == {k: ours.quantity[k] for k in ("tp", "fp", "fn")}
    assert {k: reference["core"][k] for k in ("tp", "fp", "fn")} == {k: ours.core[k] for k in ("tp", "fp", "fn")}
    assert reference["region_acc"] == pytest.approx(ours.region_accuracy)
    assert reference["indicator_acc"] == pytest.approx(ours.indicator_accuracy)
    assert reference["year_acc"] == pytest.approx(ours.year_accuracy)
