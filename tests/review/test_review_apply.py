"""Reviewed values over rows, orphans, and the answer key scored with ``evaluate``."""
import json

import pandas as pd

from extractors.evaluate import evaluate_files
from extractors.review.answer_key import answer_key, write_answer_key
from extractors.review.apply import apply_reviews
from extractors.review.store import FigureKey, ReviewStore

TEXT = "2023年，甲县实现地区生产总值486.2亿元，比上年增长6.1%；全县共有企业3200家。"


def _rows():
    def row(raw, value, unit, indicator, region="甲县"):
        start = TEXT.index(raw)
        return {"obs_id": f"id{start}", "source_file": "jia.txt", "doc_id": "a1b2c3d4e5f60718", "article_title": "",
                "start": start, "end": start + len(raw), "raw_text": raw, "value": value, "unit": unit,
                "qualifier": "exact", "region": region, "region_level": "county", "region_parent": "某市",
                "region_code": "", "region_mention": region, "indicator": indicator, "subject": "", "year": 2023,
                "kind": "fact", "sentence": TEXT, "rule": "r"}
    return pd.DataFrame([row("486.2亿元", 48620000000.0, "CNY", "gdp"), row("6.1%", 6.1, "percent", "gdp_growth"),
                         row("3200家", 3200.0, "count", "enterprise_count")])


def _key(rows, raw):
    row = rows[rows["raw_text"] == raw].iloc[0]
    return FigureKey(row["doc_id"], int(row["start"]), int(row["end"]))


def test_decisions_change_rows_and_keep_the_machine_value(tmp_path):
    rows, store = _rows(), ReviewStore(f"sqlite:///{tmp_path / 'r.sqlite'}")
    store.decide(_key(rows, "486.2亿元"), "correct", "ann", expected_version=0, fields={"value": 48720000000.0})
    store.decide(_key(rows, "6.1%"), "accept", "ann", expected_version=0)
    store.decide(_key(rows, "3200家"), "reject", "ann", expected_version=0, reason="counts shops, not enterprises")
    reviewed = apply_reviews(rows, store.states()).rows
    gdp = reviewed[reviewed["raw_text"] == "486.2亿元"].iloc[0]
    assert (gdp["review"], gdp["value"], gdp["machine_value"]) == ("corrected", 48720000000.0, 48620000000.0)
    assert reviewed.set_index("raw_text")["review"].to_dict() == {
        "486.2亿元": "corrected", "6.1%": "accepted", "3200家": "rejected"}
    assert list(rows["value"]) == [48620000000.0, 6.1, 3200.0]     # the input is not changed
    assert "review" not in rows.columns and list(rows["raw_text"]) == ["486.2亿元", "6.1%", "3200家"]


def test_a_moved_span_reattaches_and_a_vanished_one_is_an_orphan(tmp_path):
    rows, store = _rows(), ReviewStore(f"sqlite:///{tmp_path / 'r.sqlite'}")
    gdp = _key(rows, "486.2亿元")
    store.decide(FigureKey(gdp.doc_id, gdp.start, gdp.end - 1), "accept", "ann", expected_version=0)  # 486.2亿
    store.decide(FigureKey(gdp.doc_id, 0, 4), "reject", "ann", expected_version=0, reason="a year")       # 2023
    result = apply_reviews(rows, store.states())
    assert result.rows.set_index("raw_text").loc["486.2亿元", "review"] == "accepted"
    assert result.moved == {FigureKey(gdp.doc_id, gdp.start, gdp.end - 1): gdp}
    assert [(o.key.start, o.status) for o in result.orphans] == [(0, "rejected")]


def test_the_answer_key_scores_the_extraction_it_came_from(tmp_path):
    rows, store = _rows(), ReviewStore(f"sqlite:///{tmp_path / 'r.sqlite'}")
    store.decide(_key(rows, "486.2亿元"), "accept", "ann", expected_version=0)
    store.decide(_key(rows, "6.1%"), "correct", "ann", expected_version=0, fields={"region": "乙县"})
    added_start = TEXT.index("2023")
    store.decide(FigureKey("a1b2c3d4e5f60718", added_start, added_start + 4), "add", "ann", expected_version=0,
                 fields={"source_file": "jia.txt", "raw_text": "2023", "value": 2023, "unit": "count",
                         "indicator": "other_count"})
    lines = answer_key(apply_reviews(rows, store.states()).rows)
    assert [(line["raw_text"], line["region"], line["note"]) for line in lines] == [
        ("2023", "", "review: added"), ("486.2亿元", "甲县", "review: accepted"), ("6.1%", "乙县", "review: corrected")]
    gold, predicted = tmp_path / "gold.jsonl", tmp_path / "pred.csv"
    write_answer_key(lines, gold)
    assert json.loads(gold.read_text(encoding="utf-8").splitlines()[1])["value"] == 48620000000
    rows.to_csv(predicted, index=False)
    result = evaluate_files([gold], predicted)
    summary = result.summary()
    assert "region=0.500" in summary, summary        # the machine said 甲县 where the reviewer said 乙县


def test_a_corrected_year_carries_its_period(tmp_path):
    rows, store = _rows().assign(period="2023"), ReviewStore(f"sqlite:///{tmp_path / 'r.sqlite'}")
    store.decide(_key(rows, "486.2亿元"), "correct", "ann", expected_version=0, fields={"year": 2022})
    reviewed = apply_reviews(rows, store.states()).rows.set_index("raw_text")
    assert (reviewed.loc["486.2亿元", "year"], reviewed.loc["486.2亿元", "period"]) == (2022, "2022")
    assert reviewed.loc["6.1%", "period"] == "2023"
