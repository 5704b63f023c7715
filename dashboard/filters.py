"""The sidebar's filters as a value: read from and written to the URL, applied to rows.

``Filters`` knows nothing about Streamlit. ``filters_to_query`` and
``filters_from_query`` are inverse of each other, so a link reproduces what a
person sees. ``matching_rows_mask`` works on mentions and on facts alike:
both carry the columns it reads.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Mapping

import numpy as np
import pandas as pd

from dashboard.i18n import INDICATOR_FAMILIES
from dashboard.region_tree import RegionTree

QUALIFIERS = ("exact", "approx", "over", "under")
KINDS = ("fact", "target", "threshold", "label")
DEFAULT_KINDS = ("fact",)

# URL keys of the filters; other state (view controls, language) has its own keys.
FILTER_KEYS = ("region", "family", "indicator", "subject", "years", "undated", "qualifier", "kind")


@dataclass(frozen=True)
class Filters:
    regions: tuple[str, ...] = ()
    families: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    subject: str = ""
    year_from: int | None = None
    year_to: int | None = None
    include_undated: bool = True
    qualifiers: tuple[str, ...] = ()
    kinds: tuple[str, ...] = field(default=DEFAULT_KINDS)

    def with_changes(self, **changes: object) -> "Filters":
        return replace(self, **changes)


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _first(value: str | list[str] | None) -> str:
    if isinstance(value, list):
        return value[-1] if value else ""
    return value or ""


def _parse_year_range(text: str) -> tuple[int | None, int | None]:
    low, _, high = text.partition("-")
    try:
        year_from = int(low) if low.strip() else None
        year_to = int(high) if high.strip() else None
    except ValueError:
        return None, None
    return year_from, year_to


def filters_from_query(query: Mapping[str, str | list[str]]) -> Filters:
    """Filters from URL parameters; unknown or malformed values fall back to the defaults."""
    year_from, year_to = _parse_year_range(_first(query.get("years")))
    kinds = tuple(kind for kind in _split(_first(query.get("kind"))) if kind in KINDS)
    return Filters(
        regions=_split(_first(query.get("region"))),
        families=tuple(f for f in _split(_first(query.get("family"))) if f in INDICATOR_FAMILIES),
        indicators=_split(_first(query.get("indicator"))),
        subject=_first(query.get("subject")).strip(),
        year_from=year_from,
        year_to=year_to,
        include_undated=_first(query.get("undated")) != "0",
        qualifiers=tuple(q for q in _split(_first(query.get("qualifier"))) if q in QUALIFIERS),
        kinds=kinds or DEFAULT_KINDS,
    )


def filters_to_query(filters: Filters) -> dict[str, str]:
    """URL parameters for ``filters``; defaults are left out so links stay short."""
    query: dict[str, str] = {}
    if filters.regions:
        query["region"] = ",".join(filters.regions)
    if filters.families:
        query["family"] = ",".join(filters.families)
    if filters.indicators:
        query["indicator"] = ",".join(filters.indicators)
    if filters.subject:
        query["subject"] = filters.subject
    if filters.year_from is not None or filters.year_to is not None:
        low = "" if filters.year_from is None else str(filters.year_from)
        high = "" if filters.year_to is None else str(filters.year_to)
        query["years"] = f"{low}-{high}"
    if not filters.include_undated:
        query["undated"] = "0"
    if filters.qualifiers:
        query["qualifier"] = ",".join(filters.qualifiers)
    if tuple(filters.kinds) != DEFAULT_KINDS:
        query["kind"] = ",".join(filters.kinds)
    return query


def selected_indicators(filters: Filters) -> set[str] | None:
    """Indicators the family and indicator filters allow; ``None`` means all."""
    allowed: set[str] | None = None
    if filters.families:
        allowed = {ind for family in filters.families for ind in INDICATOR_FAMILIES[family]}
    if filters.indicators:
        chosen = set(filters.indicators)
        allowed = chosen if allowed is None else allowed & chosen
    return allowed


def _mask_in(column: pd.Series, allowed: set[str]) -> np.ndarray:
    """``column.isin(allowed)`` that tests each category once, not each row."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        category_allowed = np.append(column.cat.categories.isin(list(allowed)), False)
        return category_allowed[column.cat.codes.to_numpy()]  # code -1 (missing) hits the False
    return column.isin(list(allowed)).to_numpy()


def _mask_contains(column: pd.Series, text: str) -> np.ndarray:
    if isinstance(column.dtype, pd.CategoricalDtype):
        categories = column.cat.categories.astype(str)
        category_hit = np.append(categories.str.contains(text, case=False, regex=False), False)
        return category_hit[column.cat.codes.to_numpy()]
    return column.astype(str).str.contains(text, case=False, regex=False).to_numpy()


def matching_rows_mask(rows: pd.DataFrame, filters: Filters, tree: RegionTree) -> np.ndarray:
    """A boolean array: which of ``rows`` pass every filter."""
    mask = np.ones(len(rows), dtype=bool)
    if filters.regions:
        mask &= _mask_in(rows["region"], tree.with_sub_units(filters.regions))
    allowed_indicators = selected_indicators(filters)
    if allowed_indicators is not None:
        mask &= _mask_in(rows["indicator"], allowed_indicators)
    if filters.subject:
        mask &= _mask_contains(rows["subject"], filters.subject)
    if filters.qualifiers:
        mask &= _mask_in(rows["qualifier"], set(filters.qualifiers))
    if filters.kinds:
        mask &= _mask_in(rows["kind"], set(filters.kinds))
    if filters.year_from is not None or filters.year_to is not None or not filters.include_undated:
        years = rows["year"]
        known = years.notna().to_numpy()
        year_values = years.fillna(0).to_numpy(dtype="int64")
        in_range = known.copy()
        if filters.year_from is not None:
            in_range &= year_values >= filters.year_from
        if filters.year_to is not None:
            in_range &= year_values <= filters.year_to
        mask &= in_range | (~known if filters.include_undated else False)
    return mask
