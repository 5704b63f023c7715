"""The review queue: which figures are most worth a person's look, first. Pure pandas, no ``st.``.

A figure earns points for what a wrong value would cost: a core indicator, a
value in conflict with another source, a figure a region's key figures may
show, a rule that only fell back on the unit; reviewed figures leave the queue.
"""
from __future__ import annotations

import pandas as pd

from extractors.catalog import CORE_INDICATORS

WEIGHTS = {"core": 4, "conflict": 3, "fallback": 2, "fact_of_a_region": 1}
REASONS = tuple(WEIGHTS)


def _fallback_rules(mentions: pd.DataFrame) -> pd.Series:
    """Rows no cue word named: the rule matched on the unit alone (``*.by_unit``) or nothing else took the figure."""
    rule = mentions["rule"].astype(str)
    return rule.str.endswith("by_unit") | (mentions["indicator"].astype(str) == "other_count")


def review_queue(mentions: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """Unreviewed figures, most worth a look first, with ``queue_score`` and ``queue_reasons``."""
    if "review" in mentions.columns:
        mentions = mentions[mentions["review"].astype(str) == "unreviewed"]
    if mentions.empty:
        return mentions.assign(queue_score=pd.Series(dtype=int), queue_reasons=pd.Series(dtype=str))
    conflict_size = facts.set_index("fact_id")["conflict_size"] if "conflict_size" in facts.columns else None
    flags = pd.DataFrame({
        "core": mentions["indicator"].astype(str).isin(CORE_INDICATORS).to_numpy(),
        "conflict": (mentions["fact_id"].map(conflict_size).fillna(1).to_numpy() > 1) if conflict_size is not None
        else False,
        "fallback": _fallback_rules(mentions).to_numpy(),
        "fact_of_a_region": ((mentions["kind"].astype(str) == "fact") & (mentions["region"].astype(str) != "")).to_numpy(),
    }, index=mentions.index)
    score = sum(flags[name].astype(int) * weight for name, weight in WEIGHTS.items())
    reasons = flags.apply(lambda row: ",".join(name for name in REASONS if row[name]), axis=1)
    queued = mentions.assign(queue_score=score, queue_reasons=reasons)
    return queued.sort_values(["queue_score", "source_file", "start"], ascending=[False, True, True], kind="stable")
