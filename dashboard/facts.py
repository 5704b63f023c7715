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


def refined_ids(ids: np.ndarray, column: pd.Series) -> np.ndarray:
    """The groups of ``ids`` (numbered in order of first appearance) split further by the values of
    ``column``, numbered again in order of first appearance.

    A group of one row cannot split, so only the rows of larger groups (a few,
    usually) are hashed with their value; every row is then numbered in one pass."""
    group_sizes = np.bincount(ids)
    alone = group_sizes[ids] == 1
    shared = np.flatnonzero(~alone)
    if len(shared) == 0:
        return ids.astype(np.int64)
    codes = _column_codes(column.iloc[shared]) + 1       # -1 (missing) becomes 0
    # both below the row count: the mixed radix fits an int64 up to two billion rows
    split = pd.factorize(ids[shared] * (int(codes.max()) + 1) + codes)[0]
    split_first = shared[first_rows(split)]
    begins_group = alone
    begins_group[split_first] = True
    refined = np.cumsum(begins_group, dtype=np.int64) - 1   # the id of every row that begins its group
    refined[shared] = refined[split_first][split]
    return refined


def first_rows(ids: np.ndarray) -> np.ndarray:
    """The position of each id's first row, in id order, for ids numbered in order of first appearance.

    Each new id is one above every id before it, so its first row is where the running
    maximum grows: a linear pass, where a hash of a million ids costs tens of milliseconds."""
    if len(ids) == 0:
        return np.zeros(0, dtype=np.int64)
    new = np.empty(len(ids), dtype=bool)
    new[0] = True
    new[1:] = ids[1:] > np.maximum.accumulate(ids)[:-1]
    return np.flatnonzero(new)


def document_counts(fact_ids: np.ndarray, doc_id: pd.Series, mention_counts: np.ndarray) -> np.ndarray:
    """How many distinct documents mention each fact.

    A fact of one mention has one document; only the mentions of facts with
    more (a few, usually) are paired with their document and counted."""
    counts = np.ones(len(mention_counts), dtype=np.int64)
    shared = mention_counts[fact_ids] > 1
    if not shared.any():
        return counts
    doc_codes = _column_codes(doc_id)[shared] + 1        # a missing doc_id counts as one document
    radix = int(doc_codes.max()) + 1
    fact_document_pairs = pd.unique(fact_ids[shared] * radix + doc_codes)
    documents_per_fact = np.bincount(fact_document_pairs // radix, minlength=len(mention_counts))
    return np.where(mention_counts > 1, documents_per_fact, counts)


def facts_from_mentions(mentions: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    """The fact id of every mention, and one row per fact.

    Each fact row carries its key, the columns of its first mention
    (``obs_id`` is that mention's id), ``mention_count``, ``document_count``
    and ``conflict_id``/``conflict_size`` (size 1: no conflict).
    """
    if "series" not in mentions.columns:
        mentions = mentions.assign(series=series_column(mentions["measure"], mentions["subject"]))
    if mentions.empty:
        empty = pd.DataFrame(columns=["fact_id", *FACT_COLUMNS, "mention_count", "document_count",
                                      "conflict_id", "conflict_size"])
        return np.zeros(0, dtype=np.int64), empty
    # The fact key is the conflict key and the value: mentions are grouped by the
    # conflict key once, and facts are those groups split by value.
    conflict_of_mention = group_ids(mentions, CONFLICT_KEY)
    fact_ids = refined_ids(conflict_of_mention, mentions["value"])
    # ids are numbered in order of first appearance, so the first rows come in id order
    first = first_rows(fact_ids)
    columns = [name for name in FACT_COLUMNS if name in mentions.columns]
    facts = mentions[columns].iloc[first].reset_index(drop=True)   # only the columns a fact keeps
    facts.insert(0, "fact_id", fact_ids[first])
    mention_counts = np.bincount(fact_ids)
    facts["mention_count"] = mention_counts
    facts["document_count"] = document_counts(fact_ids, mentions["doc_id"], mention_counts)

    # A conflict's first mention is the first mention of one of its facts, so the
    # conflicts come in the same order among facts as among mentions: its ids carry over.
    conflict_ids = conflict_of_mention[first]
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
