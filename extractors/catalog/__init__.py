"""The catalog: indicators and units as data, read by every stage and the dashboard.

* ``indicators.yaml``  indicator ids, the base units each may carry, the core
                       set, families, zh/en labels, the word a count is written with
* ``units.yaml``       base units with their labels, and the surface forms of
                       the text (万元, 人次, 平方公里) with their scales
* ``measures.yaml``    the canonical series (measures) inside an indicator, the
                       words that name them, and the measure key figures show
* ``divisions.yaml``   administrative levels and the suffixes of division names
* ``words.yaml``       trend, growth, comparison and target words, clause breaks

Loaded once at import; nothing here depends on another part of ``extractors``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import yaml

CATALOG_DIR = Path(__file__).parent
# libyaml's parser when it is there: the same documents in a tenth of the time
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class CatalogError(ValueError):
    """A catalog file that contradicts itself (unknown unit, unknown family, ...)."""


@dataclass(frozen=True)
class BaseUnit:
    id: str
    zh: str
    en: str
    en_position: str      # prefix | suffix | none


@dataclass(frozen=True)
class Indicator:
    id: str
    zh: str
    en: str
    family: str
    units: tuple[str, ...]
    core: bool = False
    count_word: str = ""


@dataclass(frozen=True)
class Measure:
    id: str
    zh: str
    en: str
    words: tuple[str, ...]
    not_words: tuple[str, ...] = ()
    periods: tuple[str, ...] = ()     # period kinds that choose this measure (span: average annual)
    in_sentence: bool = False         # its words may stand anywhere in the sentence before the figure
    change: bool = False              # what was added (新增), not the whole
    in_clause: bool = False           # its words may follow the cue in the figure's own clause


OTHER_MEASURE = "other"   # a subject that names no catalogued measure


@dataclass(frozen=True)
class Surface:
    base: str             # a base unit id
    scale: float          # one surface unit in base units
    is_change: bool = False


def _read(name: str) -> dict:
    return yaml.load((CATALOG_DIR / name).read_text(encoding="utf-8"), Loader=YAML_LOADER)


def _scale(value) -> float:
    """``1e4`` (YAML reads it as text), ``0.01``, ``1/1500``, ``1e4/1500``."""
    text = str(value)
    numerator, _, denominator = text.partition("/")
    return float(Fraction(float(numerator)) / Fraction(float(denominator))) if denominator else float(text)


def _load_units(data: dict) -> tuple[dict[str, BaseUnit], dict[str, Surface]]:
    base_units = {uid: BaseUnit(uid, spec["zh"], spec["en"], spec["en_position"])
                  for uid, spec in data["base_units"].items()}
    surfaces: dict[str, Surface] = {}
    for surface, (base, scale, *flags) in data["surfaces"].items():
        if base not in base_units:
            raise CatalogError(f"units.yaml: surface {surface!r} names unknown base unit {base!r}")
        surfaces[str(surface)] = Surface(base, _scale(scale), "change" in flags)
    for surface in data["count_classifiers"]:
        if surface in surfaces:
            raise CatalogError(f"units.yaml: count classifier {surface!r} is also a surface")
        surfaces[surface] = Surface("count", 1e4 if surface.startswith("万") else 1)
    return base_units, surfaces


def _currency_table(data: dict, base_units: dict[str, BaseUnit], key: str) -> dict[str, str]:
    words = {str(word): unit for word, unit in data[key].items()}
    unknown = {word: unit for word, unit in words.items() if unit not in base_units}
    if unknown:
        raise CatalogError(f"units.yaml: {key} name unknown base units {unknown}")
    return words


def _unit_groups(data: dict, base_units: dict[str, BaseUnit]) -> dict[str, tuple[str, ...]]:
    groups = {str(name): tuple(units) for name, units in data["unit_groups"].items()}
    unknown = {name: units for name, units in groups.items() if set(units) - set(base_units)}
    if unknown:
        raise CatalogError(f"units.yaml: unit groups name unknown base units {unknown}")
    return groups


def expand_units(names, groups: dict[str, tuple[str, ...]] | None = None) -> tuple[str, ...]:
    """Base units of a list that may name unit groups (``money`` -> CNY, USD, ...)."""
    groups = UNIT_GROUPS if groups is None else groups
    return tuple(unit for name in names for unit in groups.get(name, (name,)))


def _load_indicators(data: dict, base_units: dict[str, BaseUnit],
                     groups: dict[str, tuple[str, ...]]) -> dict[str, Indicator]:
    indicators = {}
    for iid, spec in data["indicators"].items():
        units = tuple(base_units) if spec["units"] == "any" else expand_units(spec["units"], groups)
        unknown = [u for u in units if u not in base_units]
        if unknown:
            raise CatalogError(f"indicators.yaml: {iid} names unknown units {unknown}")
        if spec["family"] not in data["families"]:
            raise CatalogError(f"indicators.yaml: {iid} names unknown family {spec['family']!r}")
        indicators[iid] = Indicator(iid, spec["zh"], spec["en"], spec["family"], units,
                                    bool(spec.get("core", False)), spec.get("count_word", ""))
    return indicators


def _load_measures(data: dict, indicators: dict[str, Indicator]
                   ) -> tuple[dict[str, dict[str, Measure]], dict[str, str], dict[str, dict[str, str]]]:
    measures, keys, examples = {}, {}, {}
    for iid, spec in data.items():
        if iid not in indicators:
            raise CatalogError(f"measures.yaml: unknown indicator {iid!r}")
        of_indicator = {mid: Measure(mid, m["zh"], m["en"], tuple(str(w) for w in m["words"]),
                                     tuple(str(w) for w in m.get("not_words", ())), tuple(m.get("periods", ())),
                                     bool(m.get("in_sentence", False)), bool(m.get("change", False)),
                                     bool(m.get("in_clause", False)))
                        for mid, m in spec["measures"].items()}
        if OTHER_MEASURE in of_indicator:
            raise CatalogError(f"measures.yaml: {iid} names {OTHER_MEASURE!r}, which every indicator has")
        if spec["key"] not in of_indicator:
            raise CatalogError(f"measures.yaml: {iid} key measure {spec['key']!r} is not one of its measures")
        measures[iid], keys[iid] = of_indicator, spec["key"]
        examples[iid] = {str(subject): str(mid) for subject, mid in (spec.get("examples") or {}).items()}
        unknown = set(examples[iid].values()) - set(of_indicator) - {OTHER_MEASURE}
        if unknown:
            raise CatalogError(f"measures.yaml: {iid} examples name unknown measures {sorted(unknown)}")
    return measures, keys, examples


_UNITS_DATA = _read("units.yaml")
_INDICATORS_DATA = _read("indicators.yaml")

BASE_UNITS, UNIT_SURFACES = _load_units(_UNITS_DATA)
NOT_FOLLOWED_BY: dict[str, tuple[str, ...]] = {surface: tuple(words) for surface, words
                                                 in _UNITS_DATA["not_followed_by"].items()}
NOT_UNITS: tuple[str, ...] = tuple(_UNITS_DATA["not_units"])
COUNT_CLASSIFIERS: tuple[str, ...] = tuple(_UNITS_DATA["count_classifiers"])
CURRENCY_WORDS_BEFORE: dict[str, str] = _currency_table(_UNITS_DATA, BASE_UNITS, "currency_words_before")
LOCAL_CURRENCIES: dict[str, str] = _currency_table(_UNITS_DATA, BASE_UNITS, "local_currencies")
UNIT_GROUPS: dict[str, tuple[str, ...]] = _unit_groups(_UNITS_DATA, BASE_UNITS)

INDICATORS = _load_indicators(_INDICATORS_DATA, BASE_UNITS, UNIT_GROUPS)
FAMILIES: dict[str, tuple[str, str]] = {fid: (spec["zh"], spec["en"])
                                        for fid, spec in _INDICATORS_DATA["families"].items()}
CORE_INDICATORS: tuple[str, ...] = tuple(i.id for i in INDICATORS.values() if i.core)
INDICATOR_UNITS: dict[str, tuple[str, ...]] = {i.id: i.units for i in INDICATORS.values()}
MEASURES, KEY_MEASURES, MEASURE_EXAMPLES = _load_measures(_read("measures.yaml"), INDICATORS)


def measures_of(indicator: str) -> tuple[str, ...]:
    """The measure ids a row of this indicator may carry, ``other`` last."""
    return (*MEASURES.get(indicator, {}), OTHER_MEASURE)

_DIVISIONS_DATA = _read("divisions.yaml")
LEVEL_RANK: dict[str, int] = {level: rank for rank, level in enumerate(_DIVISIONS_DATA["levels"])}
DIVISION_SUFFIXES: dict[str, str] = dict(_DIVISIONS_DATA["suffixes"])
ZONE_SUFFIXES: tuple[str, ...] = tuple(_DIVISIONS_DATA["zone_suffixes"])
DIVISION_ENGLISH: dict[str, str] = dict(_DIVISIONS_DATA["english"])     # suffix -> its English word
if set(DIVISION_SUFFIXES.values()) - set(LEVEL_RANK):
    raise CatalogError("divisions.yaml: a suffix names an unknown level")
if (set(DIVISION_SUFFIXES) | set(ZONE_SUFFIXES)) - set(DIVISION_ENGLISH):
    raise CatalogError("divisions.yaml: a suffix has no English word")


def suffixes_of(*levels: str) -> tuple[str, ...]:
    """Division suffixes of these levels, in the file's order."""
    return tuple(suffix for suffix, level in DIVISION_SUFFIXES.items() if level in levels)


def alternation(words, lookahead: dict[str, str] | None = None) -> str:
    """A regex group of the words, longest first (so 同比增长 wins over 增长), each
    with its own lookahead if it has one."""
    lookahead = lookahead or {}
    ordered = sorted(words, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w) + lookahead.get(w, "") for w in ordered) + ")"


_WORDS_DATA = _read("words.yaml")
TREND_WORDS: dict[str, str] = {word: direction for direction, words in _WORDS_DATA["trend_words"].items()
                               for word in words}
GROWTH_CUES: tuple[str, ...] = tuple(_WORDS_DATA["growth_cues"])
GROWTH_NOUNS: tuple[str, ...] = tuple(_WORDS_DATA["growth_nouns"])
COMPARISON_BASES: tuple[str, ...] = tuple(_WORDS_DATA["comparison_bases"])
AVERAGE_LEADS: tuple[str, ...] = tuple(_WORDS_DATA["average_leads"])
TARGET_WORDS: tuple[str, ...] = tuple(_WORDS_DATA["target_words"])
MILESTONE_VERBS: tuple[str, ...] = tuple(_WORDS_DATA["milestone_verbs"])
COMPARISON_WORDS: tuple[str, ...] = tuple(_WORDS_DATA["comparison_words"])
CLAUSE_BREAKS: str = _WORDS_DATA["clause_breaks"]
