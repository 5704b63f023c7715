"""The dashboard's data work as plain functions: no Streamlit here.

``build_dataset`` turns what ``data/`` holds into typed frames (categorical
columns, so filters at a million rows stay in milliseconds), with facts and
the region tree. Every view asks one named function for what it shows.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping
from urllib.parse import quote

import numpy as np
import pandas as pd

from dashboard.datastore import FREE_TEXT_COLUMNS
from dashboard.facts import facts_from_mentions, series_column
from dashboard.series import ANNUAL, facts_only, is_fact, period_kind_column, ranked_by_regions
from dashboard.filters import Filters, matching_rows_mask
from dashboard.formatting import format_quantity
from dashboard.region_tree import LEVEL_ORDER, RegionTree, build_region_tree
from extractors.catalog import CORE_INDICATORS, KEY_MEASURES
from extractors.models import OUTPUT_COLUMNS
from extractors.review.apply import MACHINE_COLUMNS, REVIEW_COLUMN
from extractors.review.store import UNREVIEWED

# Text columns other than free text are categoricals: grouped, filtered and counted by code.
TEXT_COLUMNS = [name for name in OUTPUT_COLUMNS
                if name not in (*FREE_TEXT_COLUMNS, "start", "end", "value", "year", "page")]
COLUMN_DEFAULTS = {"kind": "fact", "measure": "other"}


@dataclass
class Dataset:
    mentions: pd.DataFrame                 # the rows of the extraction, plus fact_id
    facts: pd.DataFrame                    # one row per fact (see dashboard.facts)
    documents: pd.DataFrame                # one row per document, without its text
    texts: dict[str, str] = field(default_factory=dict)
    articles: dict[str, list[dict]] = field(default_factory=dict)
    tree: RegionTree = field(default_factory=RegionTree)
    orphans: list = field(default_factory=list)   # review decisions whose span no row has now


def typed_mentions(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows with every output column, text columns as categoricals, ``year`` as nullable int."""
    rows = rows.copy(deep=False)      # columns are replaced, never written into (copy-on-write): the caller's stay
    if "period" not in rows.columns and "year" in rows.columns:   # rows written before periods: the year
        rows["period"] = pd.to_numeric(rows["year"], errors="coerce").astype("Int64").astype("string").fillna("")
    for name in OUTPUT_COLUMNS:
        if name not in rows.columns:
            rows[name] = COLUMN_DEFAULTS.get(name, "") if name not in ("year", "page") else pd.NA
    for name in TEXT_COLUMNS:
        column = rows[name]
        if not isinstance(column.dtype, pd.CategoricalDtype):
            column = column.fillna(COLUMN_DEFAULTS.get(name, "")).astype(str).astype("category")
        rows[name] = column
    for name in FREE_TEXT_COLUMNS:
        rows[name] = rows[name].fillna("").astype(str)
    rows["value"] = pd.to_numeric(rows["value"], errors="coerce").astype("float64")
    rows["year"] = pd.array(pd.to_numeric(rows["year"], errors="coerce"), dtype="Int64")
    rows["page"] = pd.array(pd.to_numeric(rows["page"], errors="coerce"), dtype="Int64")
    rows["start"] = pd.to_numeric(rows["start"]).astype("int64")
    rows["end"] = pd.to_numeric(rows["end"]).astype("int64")
    rows["series"] = series_column(rows["measure"], rows["subject"])
    return rows[OUTPUT_COLUMNS + [c for c in rows.columns if c not in OUTPUT_COLUMNS]].reset_index(drop=True)


def _typed_review_columns(mentions: pd.DataFrame) -> pd.DataFrame:
    """Rows read without reviews are all unreviewed; the machine's columns are the row's own."""
    if REVIEW_COLUMN not in mentions.columns:
        mentions[REVIEW_COLUMN] = UNREVIEWED
        for column, source in MACHINE_COLUMNS.items():
            mentions[column] = mentions[source]
    for column in (REVIEW_COLUMN, "machine_region", "machine_indicator"):
        if not isinstance(mentions[column].dtype, pd.CategoricalDtype):    # the machine's are categorical already
            mentions[column] = mentions[column].fillna("").astype(str).astype("category")
    mentions["machine_value"] = pd.to_numeric(mentions["machine_value"], errors="coerce").astype("float64")
    return mentions


def build_dataset(rows: pd.DataFrame, documents: list[dict]) -> Dataset:
    """Everything the views read, from the stored rows (reviewed or not) and documents.

    A rejected row stays among the mentions, marked, and leaves the facts: its
    ``fact_id`` is -1."""
    mentions = _typed_review_columns(typed_mentions(rows))
    counted = (mentions[REVIEW_COLUMN] != "rejected").to_numpy()
    fact_ids, facts = facts_from_mentions(mentions[counted] if not counted.all() else mentions)
    facts["period_kind"] = period_kind_column(facts["period"])
    mentions["fact_id"] = np.full(len(mentions), -1, dtype=np.int64)
    mentions.loc[counted, "fact_id"] = fact_ids
    document_rows = pd.DataFrame(
        [{name: doc.get(name) for name in ("doc_id", "source_file", "title", "date", "publisher", "url")}
         for doc in documents],
        columns=["doc_id", "source_file", "title", "date", "publisher", "url"],
    ).drop_duplicates("doc_id")
    return Dataset(
        mentions=mentions,
        facts=facts,
        documents=document_rows.reset_index(drop=True),
        texts={doc["doc_id"]: doc.get("text") or "" for doc in documents},
        articles={doc["doc_id"]: list(doc.get("articles") or []) for doc in documents},
        tree=build_region_tree(mentions),
    )


# ---------------------------------------------------------------- filtering

def filter_mentions(dataset: Dataset, filters: Filters) -> pd.DataFrame:
    return _rows_where(dataset.mentions, mentions_mask(dataset, filters))


def mentions_mask(dataset: Dataset, filters: Filters) -> np.ndarray:
    """Which mentions pass the filters: what a view counts and pages through without copying the rows."""
    return matching_rows_mask(dataset.mentions, filters, dataset.tree)


def filter_facts(dataset: Dataset, filters: Filters) -> pd.DataFrame:
    return _rows_where(dataset.facts, matching_rows_mask(dataset.facts, filters, dataset.tree))


def _rows_where(rows: pd.DataFrame, mask: np.ndarray) -> pd.DataFrame:
    # Nothing filtered out (the first view): the frame itself, not a copy of a
    # million rows; copy-on-write keeps a caller's changes to it its own.
    return rows if mask.all() else rows[mask]


def filter_options(dataset: Dataset) -> dict[str, list]:
    """What the sidebar offers: regions in tree order, indicators, years present."""
    years = dataset.mentions["year"]
    year_min, year_max = years.min(), years.max()      # missing years skipped, without a copy of the rest
    indicators = dataset.mentions["indicator"]
    present = (indicators.cat.categories[np.unique(indicators.cat.codes[indicators.cat.codes >= 0])]
               if isinstance(indicators.dtype, pd.CategoricalDtype) else indicators.unique())
    return {
        "regions": dataset.tree.ordered(),
        "indicators": sorted(str(name) for name in present),
        "year_min": None if pd.isna(year_min) else int(year_min),
        "year_max": None if pd.isna(year_max) else int(year_max),
    }


# ---------------------------------------------------------------- overview

def overview_counts(mentions: pd.DataFrame, facts: pd.DataFrame) -> dict[str, int]:
    """Documents, mentions, facts, conflicts and regions; a rejected row is no mention of anything."""
    if REVIEW_COLUMN in mentions.columns:
        mentions = mentions[(mentions[REVIEW_COLUMN] != "rejected").to_numpy()]
    return {
        "documents": int(mentions["doc_id"].nunique()),
        "mentions": len(mentions),
        "facts": len(facts),
        "conflicts": int(facts.loc[facts["conflict_size"] > 1, "conflict_id"].nunique()),
        "regions": int(facts["region"].nunique()),
    }


def card_regions(facts: pd.DataFrame, filters: Filters, tree: RegionTree, limit: int = 4) -> list[str]:
    """Regions that get key-figure cards: those picked, else the highest level with core facts."""
    if filters.regions:
        return list(filters.regions)[:limit]
    if facts.empty:
        return []
    core = facts[facts["indicator"].isin(CORE_INDICATORS)]
    counts = (core if len(core) else facts).groupby("region", observed=True).size()
    counts = counts[counts > 0]
    ranked = sorted(counts.index, key=lambda name: (
        LEVEL_ORDER.index(tree.levels.get(name, "town")) if tree.levels.get(name) in LEVEL_ORDER else 9,
        -int(counts[name]), str(name)))
    return [str(name) for name in ranked[:limit]]


def key_figures(facts: pd.DataFrame, regions: list[str],
                indicators: tuple[str, ...] = CORE_INDICATORS) -> pd.DataFrame:
    """The headline fact per region and core indicator: its key measure (GDP total, resident
    population, ...) in an annual period, the latest year, then most sources. A subgroup, a
    programme, a threshold or a part-year is never a key figure."""
    chosen = facts[(facts["kind"] == "fact") & facts["region"].isin(regions) & facts["indicator"].isin(indicators)]
    key_measure = chosen["indicator"].astype(str).map(KEY_MEASURES).fillna("")
    chosen = chosen[(chosen["measure"].astype(str) == key_measure) & (chosen["period_kind"] == ANNUAL)]
    if chosen.empty:
        return chosen.assign(year_rank=[])
    ordered = chosen.assign(year_rank=chosen["year"].fillna(-1).astype("int64"),
                            subject_length=chosen["subject"].astype(str).str.len())
    ordered = ordered.sort_values(["year_rank", "mention_count", "subject_length"],
                                  ascending=[False, False, True])
    best = ordered.drop_duplicates(["region", "indicator"])
    best = best.assign(region_order=best["region"].map({name: i for i, name in enumerate(regions)}),
                       indicator_order=best["indicator"].map({name: i for i, name in enumerate(indicators)}))
    return best.sort_values(["region_order", "indicator_order"]).drop(
        columns=["region_order", "indicator_order", "subject_length"])


def coverage_table(facts: pd.DataFrame, regions: list[str], undated_text: str = "?",
                   indicators: tuple[str, ...] = CORE_INDICATORS) -> pd.DataFrame:
    """Regions x core indicators; each cell lists the years with facts, empty when missing."""
    chosen = facts[(facts["kind"] == "fact") & facts["indicator"].isin(indicators) & facts["region"].isin(regions)]
    triples = chosen[["region", "indicator", "year"]].astype({"region": str, "indicator": str}).drop_duplicates()
    triples = triples.sort_values("year", na_position="last")
    triples["year_text"] = triples["year"].astype("string").fillna(undated_text)
    cells = triples.groupby(["region", "indicator"])["year_text"].agg(", ".join)
    table = cells.unstack("indicator") if len(cells) else pd.DataFrame()
    table = table.reindex(index=list(regions), columns=list(indicators)).astype(object).fillna("")
    table.index.name = "region"
    return table


def missing_indicators(coverage: pd.DataFrame) -> dict[str, list[str]]:
    """Per region, the core indicators without any fact."""
    return {str(region): [str(ind) for ind, cell in row.items() if not cell]
            for region, row in coverage.iterrows() if (row == "").any()}


# ---------------------------------------------------------------- compare

def compare_indicators(facts: pd.DataFrame) -> list[str]:
    """Indicators that can be compared: the core ones in catalog order, then the rest by region count."""
    present = ranked_by_regions(facts_only(facts), "indicator")
    return [ind for ind in CORE_INDICATORS if ind in present] + [ind for ind in present if ind not in CORE_INDICATORS]


def compare_levels(facts: pd.DataFrame, indicator: str) -> list[str]:
    # one mask, so that only the rows of the indicator are copied
    chosen = facts[is_fact(facts) & (facts["indicator"] == indicator).to_numpy()]
    return ranked_by_regions(chosen, "region_level")


def fact_id_from_chart_selection(event: Mapping | None) -> int | None:
    """The fact of the bar a person clicked: Plotly selection points carry ``customdata = [fact_id]``."""
    points = ((event or {}).get("selection") or {}).get("points") or []
    for point in points:
        custom = point.get("customdata")
        if custom:
            return int(custom[0] if isinstance(custom, (list, tuple)) else custom)
    return None


def fact_label(fact: Mapping, lang: str = "zh") -> str:
    """``上城区 2024 地区生产总值 2803.5亿元``, ``上城区 2022H1 地区生产总值 1231.6亿元``:
    how a fact is named in pickers and headings."""
    period = str(fact.get("period") or "")
    if not period and not pd.isna(fact["year"]):
        period = str(int(fact["year"]))
    figure = format_quantity(fact["value"], fact["unit"], fact["qualifier"], fact["indicator"], lang)
    subject = f" {fact['subject']}" if fact["subject"] else ""
    return f"{fact['region']}{' ' + period if period else ''}{subject} {figure}"


# ---------------------------------------------------------------- table

def sorted_page(mentions: pd.DataFrame, sort_by: str, descending: bool,
                page: int, page_size: int, where: np.ndarray | None = None) -> pd.DataFrame:
    """One page of rows (of those ``where`` marks, all by default) in the asked order; only the page is copied."""
    positions = np.arange(len(mentions)) if where is None else np.flatnonzero(where)
    if len(positions) == 0:
        return mentions.iloc[0:0]
    column = mentions[sort_by] if where is None else mentions[sort_by].iloc[positions]   # one column, not the rows
    if isinstance(column.dtype, pd.CategoricalDtype):
        if not column.cat.ordered and not column.cat.categories.is_monotonic_increasing:
            column = column.cat.reorder_categories(sorted(column.cat.categories))
        keys = column.cat.codes.to_numpy()
    elif sort_by == "year":
        keys = column.fillna(-1).to_numpy(dtype="int64")
    else:
        keys = column.to_numpy()
    order = np.argsort(keys, kind="stable")
    if descending:
        order = order[::-1]
    first = max(page - 1, 0) * page_size
    return mentions.iloc[positions[order[first:first + page_size]]]


def table_rows_for_display(page: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """The page with a formatted figure and a link to its source."""
    shown = page.copy()
    shown.insert(0, "display_value", [format_quantity(v, u, q, i, lang) for v, u, q, i in
                                      zip(page["value"], page["unit"], page["qualifier"], page["indicator"])])
    shown["link"] = [source_link(obs_id) for obs_id in page["obs_id"]]
    return shown


def source_link(obs_id: str) -> str:
    """Relative link to the Source view of one row: the deep link ``source?obs=<obs_id>``.

    The id is percent-encoded, so an id from a tampered file adds no other parameter.
    """
    return f"source?obs={quote(str(obs_id), safe='')}"


# ---------------------------------------------------------------- documents

def document_summary(dataset: Dataset) -> pd.DataFrame:
    """Every document with how many mentions, facts and regions it holds."""
    mentions = dataset.mentions
    per_document = (mentions.groupby("doc_id", observed=True)
                    .agg(mentions=("obs_id", "size"), facts=("fact_id", "nunique"),
                         regions=("region", "nunique"))
                    .reset_index())
    per_document["doc_id"] = per_document["doc_id"].astype(str)
    summary = dataset.documents.merge(per_document, on="doc_id", how="left")
    for name in ("mentions", "facts", "regions"):
        summary[name] = summary[name].fillna(0).astype("int64")
    return summary.sort_values("source_file").reset_index(drop=True)
