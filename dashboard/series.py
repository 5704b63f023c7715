"""Like with like: the series Compare shows, as plain functions (no Streamlit here).

A statistics reader compares a series: one indicator, one measure, one kind
of period, one period, one unit, regions of one level. ``selection`` narrows
the facts to an indicator, level and measure (for the measure ``other``, one
subject); ``like_with_like`` keeps what shares one period and unit, and
``not_comparable`` says why each other fact of the indicator stays off the
axis. Bars, lines, the regions x periods table and the rankings are built
from those frames.
"""
from __future__ import annotations

from typing import Mapping

import numpy as np
import pandas as pd

from dashboard.facts import OTHER_MEASURE
from dashboard.formatting import format_quantity
from dashboard.i18n import region_label
from extractors.catalog import KEY_MEASURES
from extractors.periods.kinds import PERIOD_KINDS, period_kind

ANNUAL = "year"


# ---------------------------------------------------------------- periods

def period_kind_column(periods: pd.Series) -> pd.Categorical:
    """The kind of every period (``year``, ``half``, ...), computed once per distinct period."""
    periods = periods if isinstance(periods.dtype, pd.CategoricalDtype) else periods.astype(str).astype("category")
    kinds = [period_kind(str(p)) for p in periods.cat.categories]
    kind_codes = np.array([PERIOD_KINDS.index(k) if k in PERIOD_KINDS else -1 for k in kinds] + [-1], dtype=np.int64)
    codes = kind_codes[periods.cat.codes.to_numpy()]   # code -1 (missing) picks the trailing -1
    return pd.Categorical.from_codes(codes, categories=list(PERIOD_KINDS))


def period_series(period: str) -> str:
    """What a period repeats as, year after year: ``2024H1`` -> ``H1``, ``2024`` -> ``""`` (annual),
    ``2019/2024`` -> ``/5`` (five-year spans), ``2024-06-30`` -> ``-06-30``."""
    if "/" in period:
        start, end = period.split("/")
        return f"/{int(end) - int(start)}"
    return period[4:]


# ---------------------------------------------------------------- choices

def is_fact(facts: pd.DataFrame) -> np.ndarray:
    """Which rows are facts: Compare never shows targets, thresholds or labels as facts."""
    return (facts["kind"] == "fact").to_numpy()


def facts_only(facts: pd.DataFrame) -> pd.DataFrame:
    is_fact_row = is_fact(facts)
    # The default filters keep facts only: then the frame itself, not a copy of a million rows.
    return facts if is_fact_row.all() else facts[is_fact_row]


def ranked_by_regions(frame: pd.DataFrame, column: str) -> list[str]:
    """The values of ``column`` present, those most regions have first (ties: in the column's order)."""
    if frame.empty:
        return []
    values, regions = frame[column], frame["region"]
    if _fits_a_table(values, regions, len(frame)):
        return _ranked_by_codes(values, regions)
    counts = frame.groupby(column, observed=True)["region"].nunique().sort_values(ascending=False, kind="stable")
    return [str(value) for value in counts.index]


def _fits_a_table(values: pd.Series, regions: pd.Series, rows: int) -> bool:
    """Both categorical, with a values x regions table not much larger than the rows."""
    if not (isinstance(values.dtype, pd.CategoricalDtype) and isinstance(regions.dtype, pd.CategoricalDtype)):
        return False
    return (len(values.cat.categories) + 1) * (len(regions.cat.categories) + 1) <= 4 * rows + (1 << 20)


def _ranked_by_codes(values: pd.Series, regions: pd.Series) -> list[str]:
    """``ranked_by_regions`` from a table of values x regions counted from category codes:
    a million facts (every indicator) in milliseconds, where grouping them costs tens."""
    height, width = len(values.cat.categories) + 1, len(regions.cat.categories) + 1
    # code -1 (missing) modulo the size is the last row or column: counted apart, then left out
    value_codes = values.cat.codes.to_numpy().astype(np.int64) % height
    region_codes = regions.cat.codes.to_numpy().astype(np.int64) % width
    table = np.bincount(value_codes * width + region_codes, minlength=height * width).reshape(height, width)[:-1]
    present = np.flatnonzero(table.sum(axis=1))                 # a value whose region is missing is present
    region_counts = (table[:, :-1] > 0).sum(axis=1)
    order = present[np.argsort(-region_counts[present], kind="stable")]
    return [str(value) for value in values.cat.categories[order]]


def indicator_facts(facts: pd.DataFrame, indicator: str, level: str) -> pd.DataFrame:
    """The facts (no targets, thresholds or labels) of one indicator at one level: what every choice of
    Compare narrows further. Given them already, the frame itself comes back, not a copy."""
    # one mask, so that only the few rows of the indicator are copied
    chosen = (is_fact(facts) & (facts["indicator"] == indicator).to_numpy()
              & (facts["region_level"] == level).to_numpy())
    return facts if chosen.all() else facts[chosen]


def compare_measures(facts: pd.DataFrame, indicator: str, level: str) -> list[str]:
    """Measures present: the key measure first, then by region count, ``other`` last."""
    present = ranked_by_regions(indicator_facts(facts, indicator, level), "measure")
    key = KEY_MEASURES.get(indicator)
    ordered = ([key] if key in present else []) + [m for m in present if m not in (key, OTHER_MEASURE)]
    return ordered + ([OTHER_MEASURE] if OTHER_MEASURE in present else [])


def compare_subjects(facts: pd.DataFrame, indicator: str, level: str) -> list[str]:
    """Subjects of the rows with no catalogued measure; the one most regions share first."""
    chosen = indicator_facts(facts, indicator, level)
    return ranked_by_regions(chosen[chosen["measure"] == OTHER_MEASURE], "subject")


def selection(facts: pd.DataFrame, indicator: str, level: str, measure: str, subject: str = "") -> pd.DataFrame:
    """Facts of one indicator, level and measure (for ``other``: and subject), every period and unit."""
    chosen = indicator_facts(facts, indicator, level)
    chosen = chosen[chosen["measure"] == measure]
    if measure == OTHER_MEASURE:
        chosen = chosen[chosen["subject"] == subject]
    return chosen


def compare_period_kinds(chosen: pd.DataFrame) -> list[str]:
    """Kinds of period present, annual first, then by region count."""
    present = ranked_by_regions(chosen[chosen["period"] != ""], "period_kind")
    return ([ANNUAL] if ANNUAL in present else []) + [kind for kind in present if kind != ANNUAL]


def compare_periods(chosen: pd.DataFrame, kind: str) -> list[str]:
    """Periods of one kind, the one most regions share first (ties: the later one)."""
    of_kind = chosen[(chosen["period_kind"] == kind) & (chosen["period"] != "")]
    if of_kind.empty:
        return []
    counts = of_kind.groupby("period", observed=True)["region"].nunique()
    latest_first = sorted((str(p) for p in counts.index), reverse=True)
    return sorted(latest_first, key=lambda p: -int(counts[p]))     # stable: ties stay latest first


def compare_units(comparable: pd.DataFrame) -> list[str]:
    return ranked_by_regions(comparable, "unit")


# ---------------------------------------------------------------- like with like

def like_with_like(chosen: pd.DataFrame, period: str, unit: str) -> pd.DataFrame:
    """The facts of a selection that share one axis: one period and one unit (no period: nothing)."""
    if not period:
        return chosen.iloc[0:0]
    return chosen[(chosen["period"] == period) & (chosen["unit"] == unit)]


def not_comparable(facts: pd.DataFrame, indicator: str, level: str, measure: str, subject: str,
                   period: str, unit: str) -> pd.DataFrame:
    """Every other fact of the indicator and level, with why it is not on the axis:
    ``measure`` (another series), ``period`` (another period), ``no_period``, ``unit``."""
    chosen = indicator_facts(facts, indicator, level)
    same_series = (chosen["measure"] == measure).to_numpy()
    if measure == OTHER_MEASURE:
        same_series &= (chosen["subject"] == subject).to_numpy()
    periods = chosen["period"].astype(str).to_numpy()
    same_period = periods == period
    same_unit = (chosen["unit"] == unit).to_numpy()
    reason = np.select([~same_series, periods == "", ~same_period, ~same_unit],
                       ["measure", "no_period", "period", "unit"], default="")
    return chosen.assign(reason=reason)[reason != ""]


# ---------------------------------------------------------------- charts and tables

def _value_texts(frame: pd.DataFrame, lang: str) -> list[str]:
    return [format_quantity(v, u, q, i, lang) for v, u, q, i in
            zip(frame["value"], frame["unit"], frame["qualifier"], frame["indicator"])]


def compare_bars(comparable: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """One bar per fact, largest first; conflicting facts are two bars of one region, never averaged."""
    if comparable.empty:
        return comparable.assign(bar_label=[], value_text=[])
    chosen = comparable.sort_values(["value", "region"], ascending=[False, True]).copy()
    rank_in_region = chosen.groupby("region", observed=True).cumcount() + 1
    contested = chosen["conflict_size"].to_numpy() > 1
    levels = chosen["region_level"] if "region_level" in chosen.columns else [""] * len(chosen)
    names = [region_label(str(region), lang, str(level)) for region, level in zip(chosen["region"], levels)]
    chosen["bar_label"] = [f"{name} ({rank})" if is_contested else name
                           for name, rank, is_contested in zip(names, rank_in_region, contested)]
    chosen["value_text"] = _value_texts(chosen, lang)
    return chosen


def median_value(bars: pd.DataFrame) -> float | None:
    """The reference line: the median of the regions shown (one value per region, its largest)."""
    if bars.empty:
        return None
    return float(bars.groupby("region", observed=True)["value"].max().median())


def horizontal(labels: list[str], many: int = 12, long: int = 10) -> bool:
    """Bars lie down when there are many or their labels are long."""
    return len(labels) > many or any(len(text) > long for text in labels)


MAX_LINES = 12   # more lines than a reader can tell apart, and Plotly slows with every trace


def compare_lines(chosen: pd.DataFrame, unit: str, lang: str = "zh", first_regions: list[str] | None = None,
                  max_lines: int = MAX_LINES) -> pd.DataFrame:
    """Time series: one line per region and kind of period (annual, H1, Q1, ...), by end year;
    only lines with at least two points, at most ``max_lines``: those of ``first_regions`` (the
    bars' order) first, then the longest. Annual and part-year values never share a line."""
    dated = chosen[(chosen["period"] != "") & (chosen["unit"] == unit)]
    if dated.empty:
        return dated.assign(series=[], value_text=[])
    repeats = {str(p): period_series(str(p)) for p in dated["period"].astype(str).unique()}
    dated = dated.assign(series=dated["period"].astype(str).map(repeats))
    points = dated.groupby([dated["region"].astype(str), dated["series"]])["year"].nunique()
    points = points[points > 1]
    rank = {name: i for i, name in enumerate(first_regions or [])}
    counts = dict(zip(points.index, points.to_numpy()))     # plain lookups: Series indexing per line is slow
    keep = sorted(counts, key=lambda line: (rank.get(line[0], len(rank)), -int(counts[line]), line))[:max_lines]
    kept = pd.MultiIndex.from_tuples(keep, names=["region", "series"]) if keep else None
    if kept is None:
        return dated.iloc[0:0].assign(value_text=[])
    at = pd.MultiIndex.from_arrays([dated["region"].astype(str), dated["series"]]).isin(kept)
    dated = dated[at].copy()
    dated = dated.sort_values(["region", "series", "year", "value"])
    dated["value_text"] = _value_texts(dated, lang)
    return dated


MAX_TABLE_REGIONS = 60


def regions_by_periods(chosen: pd.DataFrame, kind: str, unit: str, lang: str = "zh",
                       first_regions: list[str] | None = None, max_regions: int = MAX_TABLE_REGIONS) -> pd.DataFrame:
    """Regions x periods of one kind (国家数据 style): each cell the value, conflicting values as ``a / b``;
    at most ``max_regions`` rows, ``first_regions`` (the bars' order) first, then those with most periods."""
    of_kind = chosen[(chosen["period_kind"] == kind) & (chosen["unit"] == unit) & (chosen["period"] != "")]
    if of_kind.empty:
        return pd.DataFrame()
    periods = of_kind.groupby(of_kind["region"].astype(str))["period"].nunique()
    periods_per_region = dict(zip(periods.index, periods.to_numpy()))   # plain lookups: Series indexing per key is slow
    rank = {name: i for i, name in enumerate(first_regions or [])}
    kept = sorted(periods_per_region, key=lambda r: (rank.get(r, len(rank)), -int(periods_per_region[r]), r))
    of_kind = of_kind[of_kind["region"].astype(str).isin(kept[:max_regions])].copy()
    of_kind = of_kind.sort_values("value", ascending=False)
    of_kind["cell"] = _value_texts(of_kind, lang)
    cells = of_kind.groupby([of_kind["region"].astype(str), of_kind["period"].astype(str)])["cell"].agg(" / ".join)
    table = cells.unstack("period")
    order = [r for r in kept if r in table.index]
    table = table.reindex(index=order, columns=sorted(table.columns, reverse=True)).fillna("")
    table.index.name = None
    return table


def rankings(comparable: pd.DataFrame, documents: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Rank of each region among the units of its parent, with the source of its value."""
    if comparable.empty:
        return pd.DataFrame(columns=["parent", "rank", "region", "value", "source"])
    best = comparable.sort_values("value", ascending=False).drop_duplicates("region")
    titles = _document_names(documents, best["doc_id"].unique())
    table = pd.DataFrame({
        "parent": best["region_parent"].astype(str).to_numpy(),
        "region": best["region"].astype(str).to_numpy(),
        "value_number": best["value"].to_numpy(),
        "value": _value_texts(best, lang),
        "source": [titles.get(str(doc), str(doc)) for doc in best["doc_id"]],
    })
    table["rank"] = table.groupby("parent")["value_number"].rank(ascending=False, method="min").astype(int)
    return table.sort_values(["parent", "rank"])[["parent", "rank", "region", "value", "source"]].reset_index(drop=True)


def _document_names(documents: pd.DataFrame, doc_ids=None) -> dict[str, str]:
    if doc_ids is not None:
        documents = documents[documents["doc_id"].astype(str).isin({str(d) for d in doc_ids})]
    names = {}
    for doc in documents.to_dict("records"):
        title = doc.get("title") if isinstance(doc.get("title"), str) and doc.get("title") else doc.get("source_file")
        date = doc.get("date")
        names[str(doc["doc_id"])] = f"{title}（{date}）" if isinstance(date, str) and date else str(title)
    return names


def what_exists(facts: pd.DataFrame, region: str, indicator: str, period_label, measure_label) -> str:
    """For a region without a key figure: the measures and periods it does have, ``2022H1 总量；…``."""
    chosen = facts_only(facts)
    chosen = chosen[(chosen["region"] == region) & (chosen["indicator"] == indicator)]
    if chosen.empty:
        return ""
    pairs = chosen[["period", "measure", "subject"]].astype(str).drop_duplicates().head(4)
    return "；".join(f"{period_label(p) if p else '?'} {measure_label(m, indicator) if m != OTHER_MEASURE else s}"
                    for p, m, s in pairs.itertuples(index=False))


def fact_period_text(fact: Mapping, period_label) -> str:
    period = str(fact.get("period") or "")
    return period_label(period) if period else ""
