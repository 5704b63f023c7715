"""What the Map shows, as plain functions (no Streamlit here).

The facts of one comparable series (``dashboard.series``) are placed on the
outlines of their level (``dashboard.boundaries``) by division code. The
area shown is a city (its counties), a province (its counties or cities) or
all of China; every unit of the area is drawn, those without a value as no
data. One value per unit: where facts of a unit disagree, the one most
sources give is drawn and the others are named in the hover. Streets and
towns have no outlines; those of a chosen district are ranked apart.
"""
from __future__ import annotations

from typing import Mapping

import numpy as np
import pandas as pd

from dashboard import boundaries
from dashboard.formatting import format_quantity
from dashboard.queries import source_link

MAP_LEVELS = boundaries.LEVELS
# Digits of a division code that name the area a unit lies in: a county's city, a city's province.
AREA_DIGITS = {"county": (4, 2), "city": (2,), "province": ()}
VALUE_COLUMNS = ["code", "region", "fact_id", "value", "value_text", "period", "sources", "others"]


def _sources_per_fact(mentions: pd.DataFrame, fact_ids: np.ndarray) -> dict[int, int]:
    used = mentions[np.isin(mentions["fact_id"].to_numpy(), fact_ids)]
    return {int(k): int(v) for k, v in used.groupby("fact_id")["doc_id"].nunique().items()}


def _codes_per_fact(mentions: pd.DataFrame, fact_ids: np.ndarray) -> dict[int, str]:
    used = mentions[np.isin(mentions["fact_id"].to_numpy(), fact_ids)]
    coded = used[used["region_code"].astype(str) != ""].drop_duplicates("fact_id")
    return dict(zip(coded["fact_id"].astype(int), coded["region_code"].astype(str)))


def map_values(comparable: pd.DataFrame, mentions: pd.DataFrame, level: str, lang: str = "zh") -> tuple[pd.DataFrame, list[str]]:
    """One row per outline with a value (``VALUE_COLUMNS``), and the regions that have no outline."""
    facts = comparable[comparable["region_level"] == level]
    if facts.empty or level not in MAP_LEVELS:
        return pd.DataFrame(columns=VALUE_COLUMNS), []
    fact_ids = facts["fact_id"].to_numpy()
    sources, codes = _sources_per_fact(mentions, fact_ids), _codes_per_fact(mentions, fact_ids)
    rows, unplaced = [], []
    for fact in facts.to_dict("records"):
        fact_id = int(fact["fact_id"])
        code = boundaries.outline_code(level, codes.get(fact_id, ""), str(fact["region"]))
        if code is None:
            unplaced.append(str(fact["region"]))
            continue
        rows.append({"code": code, "region": str(fact["region"]), "fact_id": fact_id, "value": float(fact["value"]),
                     "value_text": format_quantity(fact["value"], str(fact["unit"]), str(fact["qualifier"]),
                                                   str(fact["indicator"]), lang),
                     "period": str(fact["period"]), "sources": sources.get(fact_id, 0)})
    if not rows:
        return pd.DataFrame(columns=VALUE_COLUMNS), sorted(set(unplaced))
    placed = pd.DataFrame(rows).sort_values(["code", "sources", "value"], ascending=[True, False, False])
    others = placed.groupby("code")["value_text"].agg(lambda texts: " / ".join(list(texts)[1:]))
    placed = placed.drop_duplicates("code").copy()
    placed["others"] = placed["code"].map(others).fillna("")
    return placed[VALUE_COLUMNS].reset_index(drop=True), sorted(set(unplaced))


def map_areas(codes: list[str], level: str) -> list[str]:
    """Areas to show, as code prefixes: the narrowest holding every unit with a value first, then
    every other city or province of those units, ``""`` (all of China) last."""
    areas: list[str] = []
    for digits in AREA_DIGITS.get(level, ()):
        prefixes = sorted({code[:digits] for code in codes})
        if len(prefixes) == 1 and not areas:
            areas.append(prefixes[0])
        areas += [prefix for prefix in prefixes if prefix not in areas]
    return areas + [""]


def area_name(prefix: str) -> str:
    """The name of an area prefix: ``3301`` -> ``杭州市``; a municipality's districts: the municipality."""
    if not prefix:
        return ""
    for level, code in (("city", prefix.ljust(6, "0")), ("province", prefix[:2] + "0000")):
        found = next((f["properties"]["name"] for f in boundaries.outlines(level)["features"] if f["id"] == code), None)
        if found:
            return found
    return prefix


def map_units(values: pd.DataFrame, level: str, area: str) -> pd.DataFrame:
    """Every unit with an outline in ``area``, with its value where it has one (``NaN`` else)."""
    features = [f for f in boundaries.outlines_within(level, area)["features"] if f["id"]]
    units = pd.DataFrame({"code": [f["id"] for f in features], "name": [f["properties"]["name"] for f in features]})
    units = units.merge(values, on="code", how="left")
    units["region"] = units["region"].fillna(units["name"])
    return units


def region_from_map_selection(event: Mapping | None) -> str | None:
    """The region a person clicked on the map: its points carry ``customdata = [region, ...]``."""
    for point in ((event or {}).get("selection") or {}).get("points") or []:
        custom = point.get("customdata")
        if custom:
            return str(custom[0] if isinstance(custom, (list, tuple)) else custom)
    return None


def towns_ranked(facts: pd.DataFrame, mentions: pd.DataFrame, district: str, indicator: str,
                 lang: str = "zh") -> pd.DataFrame:
    """The street and town facts of one indicator under ``district``, largest first within each unit."""
    towns = facts[(facts["region_level"] == "town") & (facts["region_parent"] == district)
                  & (facts["indicator"] == indicator) & (facts["kind"] == "fact")]
    columns = ["region", "subject", "period", "value_text", "sources", "link"]
    if towns.empty:
        return pd.DataFrame(columns=columns)
    towns = towns.sort_values(["unit", "value"], ascending=[True, False])
    sources = _sources_per_fact(mentions, towns["fact_id"].to_numpy())
    return pd.DataFrame({
        "region": towns["region"].astype(str).to_numpy(),
        "subject": towns["subject"].astype(str).to_numpy(),
        "period": towns["period"].astype(str).to_numpy(),
        "value_text": [format_quantity(v, u, q, i, lang) for v, u, q, i in
                       zip(towns["value"], towns["unit"], towns["qualifier"], towns["indicator"])],
        "sources": [sources.get(int(fact_id), 0) for fact_id in towns["fact_id"]],
        "link": [source_link(obs_id) for obs_id in towns["obs_id"]],
    })
