"""Numbers the way a Chinese reader writes them: ``2803.5亿元``, ``7.4万家``, ``超2000家``.

English gets ``CNY 280.35bn``-style figures. Chart axes use the same
formatting through explicit tick labels, so Plotly's SI suffixes (``G``)
never appear.
"""
from __future__ import annotations

import math
import re

from extractors.catalog import BASE_UNITS, INDICATORS

# The measure word a count of an indicator is written with (catalog/indicators.yaml).
COUNT_MEASURE_WORDS: dict[str, str] = {i.id: i.count_word for i in INDICATORS.values() if i.count_word}

_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")
_CHINESE_SCALES = ((1e12, "万亿"), (1e8, "亿"), (1e4, "万"))
_ENGLISH_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k"))

_QUALIFIER_PREFIX_ZH = {"over": "超", "under": "近", "approx": "约", "exact": ""}
_QUALIFIER_PREFIX_EN = {"over": "over ", "under": "nearly ", "approx": "about ", "exact": ""}

# How a figure of each base unit is written (catalog/units.yaml).
_UNIT_SUFFIX_ZH = {u.id: u.zh for u in BASE_UNITS.values()}
_UNIT_PREFIX_EN = {u.id: f"{u.en} " for u in BASE_UNITS.values() if u.en_position == "prefix"}
_UNIT_SUFFIX_EN = {u.id: f" {u.en}" for u in BASE_UNITS.values() if u.en_position == "suffix"}


def trim_number(number: float, decimals: int | None = None) -> str:
    """``2803.50`` -> ``2803.5``; ``8000.00`` -> ``8000``; ``2.186``; no thousands separators.

    Two decimals, three below 10 (``2.186万亿``), trailing zeros dropped.
    """
    if decimals is None:
        decimals = 3 if abs(number) < 10 else 2
    text = f"{number:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _scaled(value: float, scales: tuple[tuple[float, str], ...]) -> tuple[float, str]:
    magnitude = abs(value)
    for threshold, suffix in scales:
        if magnitude >= threshold:
            return value / threshold, suffix
    return value, ""


def format_number_chinese(value: float, unit: str, indicator: str = "") -> str:
    """The figure without its qualifier: ``280350000000, CNY`` -> ``2803.5亿元``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if unit == "percent":
        return f"{trim_number(value)}%"
    number, scale = _scaled(value, _CHINESE_SCALES)
    if unit == "count":
        suffix = COUNT_MEASURE_WORDS.get(indicator, "个")
    else:
        suffix = _UNIT_SUFFIX_ZH.get(unit, "")
    return f"{trim_number(number)}{scale}{suffix}"


def format_number_english(value: float, unit: str, indicator: str = "") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if unit == "percent":
        return f"{trim_number(value)}%"
    number, scale = _scaled(value, _ENGLISH_SCALES)
    return f"{_UNIT_PREFIX_EN.get(unit, '')}{trim_number(number)}{scale}{_UNIT_SUFFIX_EN.get(unit, '')}"


def format_quantity(value: float, unit: str, qualifier: str = "exact",
                    indicator: str = "", lang: str = "zh") -> str:
    """A figure with its qualifier, ready to print: ``超2000家``, ``near 15万元``."""
    if lang == "en":
        body = format_number_english(value, unit, indicator)
        return f"{_QUALIFIER_PREFIX_EN.get(qualifier, '')}{body}" if body else ""
    body = format_number_chinese(value, unit, indicator)
    return f"{_QUALIFIER_PREFIX_ZH.get(qualifier, '')}{body}" if body else ""


def nice_axis_ticks(low: float, high: float, target_count: int = 5) -> list[float]:
    """Round tick positions covering ``[min(low, 0), high]``."""
    low, high = min(low, 0.0), max(high, 0.0)
    span = high - low
    if span <= 0:
        return [0.0] if high == 0 else [0.0, high]
    raw_step = span / target_count
    magnitude = 10 ** math.floor(math.log10(raw_step))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw_step)
    first = math.floor(low / step) * step
    ticks = []
    tick = first
    while tick <= high + step * 0.999:
        ticks.append(round(tick, 10))
        tick += step
    return ticks


def axis_ticks(low: float, high: float, unit: str, indicator: str = "",
               lang: str = "zh") -> tuple[list[float], list[str]]:
    """Tick positions and their labels in the dashboard's number style."""
    ticks = nice_axis_ticks(low, high)
    formatter = format_number_english if lang == "en" else format_number_chinese
    return ticks, [formatter(tick, unit, indicator) for tick in ticks]


def scale_unit(values, unit: str, indicator: str, lang: str) -> str:
    """The unit of a colour scale as its labels write it: ``亿元``, ``万人``, ``%``, ``CNY bn``."""
    values = [abs(float(v)) for v in values]
    if not values:
        return ""
    peak = max(values)
    written = (format_number_english if lang == "en" else format_number_chinese)(peak, unit, indicator)
    return _NUMBER.sub("", written).strip()
