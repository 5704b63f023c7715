"""Row labels that name places: a table of towns lists its figures by place.

A label names a place within the area of the table's article (its city or
province), as written (``定海区``, ``定 海``) or without its suffix
(``金塘`` for 金塘镇); a town the gazetteer cannot settle keeps the name the
text gives.
"""
from __future__ import annotations

import regex

from extractors.catalog import alternation, suffixes_of
from extractors.regions.gazetteer import Region
from extractors.regions.mentions import find_region_mentions
from extractors.regions.scope import RegionScope

# A row label may drop its suffix (定海 for 定海区): the label as written first.
PLACE_SUFFIXES = ("", *suffixes_of("city", "county", "town"))
LABEL_SPACES = regex.compile(r"[\s\u3000]+")
TOWN_SUFFIXES = suffixes_of("town")
PLACE_NAME = regex.compile(r"^\p{Han}{1,8}" + alternation(suffixes_of("city", "county", "town")) + "$")
TOTAL_LABEL = regex.compile(r"^(?:全(?:省|市|区|县|镇|乡|街道)|合计|总计|总体)$")


class PlaceLabels:
    """Which row labels of one table name places, each label looked up once:
    the first rows are read to tell a table of places, then again as rows,
    and labels such as 合计 recur."""

    def __init__(self, scope: RegionScope, area: list[Region]):
        self._scope, self._area = scope, area
        self._regions: dict[str, Region | None] = {}

    def region(self, label: str) -> Region | None:
        if label not in self._regions:
            self._regions[label] = label_region(label, self._scope, self._area)
        return self._regions[label]


def table_area(scope: RegionScope, article: int) -> list[Region]:
    """The city or province an article is about (at most one), for reading its tables' row labels."""
    focus = scope.focus(article)
    area = [focus, *scope.gazetteer.ancestors(focus)] if focus is not None else []
    return [r for r in area if r.level in ("city", "province")][:1]


def label_region(label: str, scope: RegionScope, area: list[Region]) -> Region | None:
    """A row label that names a place (``定海区``, ``定 海``, ``金塘``) within the document's area."""
    name = LABEL_SPACES.sub("", label)
    if not 2 <= len(name) <= 12:
        return None
    named = [m for m in find_region_mentions(name, scope.gazetteer, known=area) if m.region is not None]
    whole = named[-1].region if named and named[0].start == 0 and named[-1].end == len(name) else None
    if whole is not None and not whole.unresolved:
        return whole
    for suffix in PLACE_SUFFIXES:
        if suffix and name.endswith(suffix):
            continue
        candidates = scope.gazetteer.get(name + suffix)
        if area:
            candidates = [c for c in candidates if c.key[: len(area[0].key)] == area[0].key]
        if len(candidates) == 1:
            return candidates[0]
    return whole  # a name several units bear, kept as written (unresolved), or None


def unresolved_columns(name: str, focus: Region | None, mention: str) -> dict:
    """A row labelled by a place the gazetteer does not settle keeps the name the text gives."""
    level = "town" if name.endswith(TOWN_SUFFIXES) else ""
    parent = focus.name if focus is not None and level == "town" and focus.level == "county" else ""
    return dict(region=name, region_level=level, region_parent=parent, region_code="", region_mention=mention,
                region_status="unresolved")
