"""Facts, not mentions.

A *mention* is one row of the extraction: one number in one place of one
document. A *fact* is what several mentions can share: the same region,
indicator, measure, period, unit, value and kind. Facts that agree on all of
these but the value are a *conflict*; both stay, side by side, and are never
averaged. A row whose subject names no catalogued measure (``other``) is its
own series: its subject takes the measure's place in both keys (``series``).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

OTHER_MEASURE = "other"
FACT_KEY = ["region", "indicator", "measure", "series", "period", "unit", "value", "kind"]
CONFLICT_KEY = ["region", "indicator", "measure", "series", "period", "unit", "kind"]

# Columns a fact takes from its first mention; its sentences are its mentions'.
FACT_COLUMNS = FACT_KEY + ["subject", "year", "region_level", "region_parent", "qualifier", "raw_text", "obs_id",
                           "doc_id"]


def series_column(measure: pd.Series, subject: pd.Series) -> pd.Categorical:
    """The subject where the measure is ``other``, else missing: what tells two ``other`` series apart.

    Built from category codes, so a million rows take milliseconds."""
    subject = subject if isinstance(subject.dtype, pd.CategoricalDtype) else subject.astype(str).astype("category")
    is_other = (measure == OTHER_MEASURE).to_numpy()
    codes = np.where(is_other, subject.cat.codes.to_numpy(), -1)
    return pd.Categorical.from_codes(codes, categories=subject.cat.categories)


def _column_codes(column: pd.Series) -> np.ndarray:
    """Integer codes of a column's values; missing values get their own code."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy().astype(np.int64)
    codes, _ = pd.factorize(column, use_na_sentinel=True)
    return codes.astype(np.int64)


def group_ids(rows: pd.DataFrame, columns: list[str]) -> np.ndarray:
    """One integer per distinct combination of ``columns`` (missing values included)."""
    if rows.empty:
        return np.zeros(0, dtype=np.int64)
    combined = np.zeros(len(rows), dtype=np.int64)
    combinations = 1
    for name in columns:
        codes = _column_codes(rows[name]) + 1          # -1 (missing) becomes 0
        size = int(codes.max()) + 1
        if combinations * size >= 2 ** 62:              # renumber before the mixed radix overflows
            combined = pd.factorize(combined)[0].astype(np.int64)
            combinations = int(combined.max()) + 1
        combined = combined * size + codes
        combinations *= size
    return pd.factorize(combined)[0].astype(np.int64)


def facts_from_mentions(mentions: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    """The fact id of every mention, and one row per fact.

    Each fact row carries its key, the columns of its first mention
    (``obs_id`` is that mention's id), ``mention_count``, ``document_count``
    and ``conflict_id``/``conflict_size`` (size 1: no conflict).
    """
    if "series" not in mentions.columns:
        mentions = mentions.assign(series=series_column(mentions["measure"], mentions["subject"]))
    fact_ids = group_ids(mentions, FACT_KEY)
    if len(fact_ids) == 0:
        empty = pd.DataFrame(columns=["fact_id", *FACT_COLUMNS, "mention_count", "document_count",
                                      "conflict_id", "conflict_size"])
        return fact_ids, empty
    # ids are numbered in order of first appearance, so the first rows come in id order
    first_rows = pd.Series(fact_ids).drop_duplicates().index.to_numpy()
    unique_ids = fact_ids[first_rows]
    columns = [name for name in FACT_COLUMNS if name in mentions.columns]
    facts = mentions[columns].iloc[first_rows].reset_index(drop=True)   # only the columns a fact keeps
    facts.insert(0, "fact_id", unique_ids)
    facts["mention_count"] = np.bincount(fact_ids)[unique_ids]
    doc_codes = _column_codes(mentions["doc_id"]) + 1
    fact_document_pairs = pd.unique(fact_ids * (int(doc_codes.max()) + 1) + doc_codes)
    facts["document_count"] = np.bincount(fact_document_pairs // (int(doc_codes.max()) + 1),
                                          minlength=len(unique_ids))[unique_ids]

    conflict_ids = group_ids(facts, CONFLICT_KEY)
    sizes = np.bincount(conflict_ids)[conflict_ids]
    # Only facts with a period can contradict each other: two undated totals may describe different times.
    dated_facts = (facts["period"] != "").to_numpy() & (facts["kind"] == "fact").to_numpy()
    facts["conflict_id"] = conflict_ids
    facts["conflict_size"] = np.where(dated_facts, sizes, 1)
    return fact_ids, facts


def conflicting_facts(facts: pd.DataFrame, fact_id: int) -> pd.DataFrame:
    """The facts that contradict ``fact_id`` (itself included), largest value first."""
    row = facts.loc[facts["fact_id"] == fact_id]
    if row.empty or int(row["conflict_size"].iloc[0]) < 2:
        return facts.iloc[0:0]
    group = facts[facts["conflict_id"] == row["conflict_id"].iloc[0]]
    return group.sort_values("value", ascending=False)


def conflict_groups(facts: pd.DataFrame) -> list[pd.DataFrame]:
    """Every conflict among ``facts``: one frame of contradicting facts per group."""
    contested = facts[facts["conflict_size"] > 1]
    return [group.sort_values("value", ascending=False)
            for _, group in contested.groupby("conflict_id", sort=False)]


def mentions_of_fact(mentions: pd.DataFrame, fact_id: int) -> pd.DataFrame:
    """Every mention (source) of a fact."""
    return mentions[mentions["fact_id"].to_numpy() == fact_id]


def mentions_by_fact(mentions: pd.DataFrame, fact_ids) -> dict[int, list[dict]]:
    """The mentions of several facts as records, by fact id, in one pass over
    the rows (a view drawing ten conflicts would otherwise make forty)."""
    wanted = np.asarray(list(fact_ids), dtype=np.int64)
    found: dict[int, list[dict]] = {int(fact_id): [] for fact_id in wanted}
    for mention in mentions[np.isin(mentions["fact_id"].to_numpy(), wanted)].to_dict("records"):
        found[int(mention["fact_id"])].append(mention)
    return found
