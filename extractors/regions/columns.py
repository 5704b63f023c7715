"""The region columns of an output row, from the unit a figure describes."""
from __future__ import annotations

from extractors.regions.gazetteer import Region

_ROW_LEVELS = ("province", "city", "county", "town")


def region_columns(region: Region | None, mention: str = "") -> dict:
    """``region``, ``region_level``, ``region_parent``, ``region_code``,
    ``region_mention`` and ``region_status``: ``resolved`` for a unit of the
    division tree, ``unresolved`` for a name several units bear that the
    document does not settle (the name is kept; code and parent stay empty),
    empty with no region at all."""
    if region is None:
        return {}
    return dict(region=region.name, region_level=region.level if region.level in _ROW_LEVELS else "",
                region_parent=region.parent, region_code=region.code, region_mention=mention,
                region_status="unresolved" if region.unresolved else "resolved")
