"""The review queue puts core figures in conflict first and leaves reviewed figures out."""
import pandas as pd

from dashboard.review_queue import review_queue


def _mention(obs, indicator, rule, fact_id, review="unreviewed", kind="fact", region="甲县"):
    return {"obs_id": obs, "indicator": indicator, "rule": rule, "fact_id": fact_id, "review": review, "kind": kind,
            "region": region, "source_file": "a.txt", "start": int(obs[1:])}


def test_core_conflicts_first_fallbacks_next_reviewed_left_out():
    mentions = pd.DataFrame([
        _mention("m1", "other_count", "other.by_unit", 1),
        _mention("m2", "gdp", "gdp.total", 2),
        _mention("m3", "gdp", "gdp.total", 3),
        _mention("m4", "enterprise_count", "enterprises.count", 4, review="accepted"),
        _mention("m5", "visitor_count", "visitors.count", 5, kind="target", region=""),
    ])
    facts = pd.DataFrame({"fact_id": [1, 2, 3, 4, 5], "conflict_size": [1, 1, 2, 1, 1]})
    queue = review_queue(mentions, facts)
    assert list(queue["obs_id"]) == ["m3", "m2", "m1", "m5"]
    assert queue.set_index("obs_id").loc["m3", "queue_reasons"] == "core,conflict,fact_of_a_region"
    assert queue.set_index("obs_id").loc["m5", "queue_score"] == 0


def test_an_empty_queue_keeps_its_columns():
    mentions = pd.DataFrame([_mention("m1", "gdp", "gdp.total", 1, review="rejected")])
    queue = review_queue(mentions, pd.DataFrame({"fact_id": [1], "conflict_size": [1]}))
    assert queue.empty and {"queue_score", "queue_reasons"} <= set(queue.columns)
