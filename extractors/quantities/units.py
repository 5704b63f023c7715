"""Unit surface forms -> base unit and scale (the spec's base-unit table).

The table is data, ``catalog/units.yaml``: one entry per surface form, with
its base unit and the factor that turns one of it into base units. Scaled
forms (万元, 亿美元, 万人次) are listed too, so that a caller can name the
measure ``亿元`` even when the numeral regex took the 亿 (see
``measure_for``). Words that are deliberately *not* units (吨, 岁, 年 ...)
are listed in ``NOT_UNITS`` so that a test keeps them out. This module
turns the table into the pattern the quantity finder uses.
"""
from __future__ import annotations

from typing import NamedTuple

import regex

from extractors.catalog import COUNT_CLASSIFIERS, NOT_FOLLOWED_BY, NOT_UNITS, UNIT_SURFACES


class UnitInfo(NamedTuple):
    base: str             # a models.Unit value
    scale: float          # one surface unit in base units
    is_change: bool = False  # 个百分点 is always a change, never a level


UNITS: dict[str, UnitInfo] = {surface: UnitInfo(s.base, s.scale, s.is_change) for surface, s in UNIT_SURFACES.items()}


def _surface_alternative(surface: str) -> str:
    blocked = NOT_FOLLOWED_BY.get(surface)
    escaped = regex.escape(surface)
    if not blocked:
        return escaped
    return f"{escaped}(?!{'|'.join(regex.escape(word) for word in blocked)})"


# Longest surface first, so 人次 wins over 人 and 个百分点 over 个.
UNIT_PATTERN = "(?:" + "|".join(
    _surface_alternative(surface) for surface in sorted(UNITS, key=lambda s: (-len(s), s))
) + ")"


def lookup_unit(surface: str) -> UnitInfo:
    """Base unit and scale of one surface form; ``ValueError`` if unknown."""
    try:
        return UNITS[surface]
    except KeyError:
        raise ValueError(f"not a unit: {surface!r}") from None


def measure_for(multipliers: str, surface: str) -> str:
    """The measure word as written: the unit with the numeral's multiplier.

    ``measure_for("亿", "元")`` -> ``亿元``; ``measure_for("千", "人次")`` ->
    ``人次`` (千人次 is no unit of its own). Longest known combination wins.
    """
    for start in range(len(multipliers)):
        combined = multipliers[start:] + surface
        if combined in UNITS:
            return combined
    return surface


__all__ = ["COUNT_CLASSIFIERS", "NOT_FOLLOWED_BY", "NOT_UNITS", "UNITS", "UNIT_PATTERN", "UnitInfo",
           "lookup_unit", "measure_for"]
