"""Surface forms of regions: from the gazetteer data plus ``data/region_aliases.yaml``.

``load_region_aliases`` reads and validates the YAML on its own (unknown
keys, duplicate keys, a surface listed twice: all fail the load).
``build_surface_index`` joins it with a Gazetteer into one table
``surface -> candidates``, each candidate saying how the surface names the
unit (``via``), which is what mention finding matches and ranks.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from extractors.catalog import YAML_LOADER, suffixes_of
from extractors.regions.gazetteer import Gazetteer, Region, has_division_suffix

DEFAULT_ALIASES_PATH = Path(__file__).parent / "data" / "region_aliases.yaml"

# How a surface names a unit, best first: ties between candidates left after
# context are broken in this order (an official 桥东区 beats the historical
# 桥东区 of 邢台 that became 襄都区).
Via = Literal["name", "development_zone", "alias", "historical", "development_zone_rule",
              "town_short_form", "renamed_town"]
VIA_RANK: dict[str, int] = {"name": 0, "development_zone": 1, "alias": 2, "historical": 3,
                            "development_zone_rule": 4, "town_short_form": 5, "renamed_town": 6}
TOWN_SUFFIXES = suffixes_of("town")
_MINIMUM_SHORT_FORM_LENGTH = 2


class RegionAliasError(ValueError):
    """The alias YAML is malformed or contradicts itself or the gazetteer."""


@dataclass(frozen=True)
class NamedDevelopmentZone:
    name: str
    parent_path: str
    also: tuple[str, ...]


@dataclass(frozen=True)
class RegionAliasConfig:
    development_zone_equivalents: dict[str, tuple[str, ...]]  # target path -> surfaces
    named_development_zones: tuple[NamedDevelopmentZone, ...]
    development_zone_suffixes: dict[str, str]                 # as written -> canonical
    ignored_aliases: frozenset[str]
    needs_ancestor_in_document: frozenset[str]
    blockers: frozenset[str]
    short_form_blocking_suffixes: tuple[str, ...]
    place_name_follows: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Candidate:
    region: Region
    via: Via

    @property
    def historical(self) -> bool:
        return self.via == "historical"


@dataclass
class SurfaceIndex:
    """Every surface the mention finder looks for, with its candidates."""

    candidates: dict[str, tuple[Candidate, ...]]
    config: RegionAliasConfig
    synthetic_regions: dict[tuple[str, ...], Region] = field(default_factory=dict)

    def is_short_form(self, surface: str, via: str) -> bool:
        """A short form (上城, 小营, 江干) can be glued into a street name; a
        full name with its unit suffix (上城区, 小营街道) cannot."""
        return via in ("alias", "historical", "town_short_form") and not has_division_suffix(surface)


# -- YAML -----------------------------------------------------------------

class _UniqueKeyLoader(YAML_LOADER):
    """PyYAML silently keeps the last of two equal keys; we want an error."""


def _construct_mapping_without_duplicates(loader: _UniqueKeyLoader, node: yaml.MappingNode,
                                          deep: bool = False) -> dict:
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise RegionAliasError(f"duplicate key {key!r} at line {key_node.start_mark.line + 1}")
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
                                 _construct_mapping_without_duplicates)

_KNOWN_KEYS = {"version", "development_zone_equivalents", "named_development_zones",
               "development_zone_suffixes", "ignored_aliases", "needs_ancestor_in_document",
               "blockers", "short_form_blocking_suffixes", "place_name_follows"}


def _string_list(raw: Any, where: str) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(item, str) and item for item in raw):
        raise RegionAliasError(f"{where}: expected a list of non-empty strings")
    duplicates = sorted({item for item in raw if raw.count(item) > 1})
    if duplicates:
        raise RegionAliasError(f"{where}: listed twice: {', '.join(duplicates)}")
    return tuple(raw)


def parse_region_aliases(text: str, source: str = "<string>") -> RegionAliasConfig:
    try:
        raw = yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as error:
        raise RegionAliasError(f"{source}: {error}") from error
    if not isinstance(raw, dict):
        raise RegionAliasError(f"{source}: expected a mapping at the top")
    unknown = set(raw) - _KNOWN_KEYS
    if unknown:
        raise RegionAliasError(f"{source}: unknown keys {sorted(unknown)}")

    equivalents = {str(path): _string_list(surfaces, f"development_zone_equivalents[{path}]")
                   for path, surfaces in (raw.get("development_zone_equivalents") or {}).items()}
    named_zones = []
    for name, entry in (raw.get("named_development_zones") or {}).items():
        if not isinstance(entry, dict) or not isinstance(entry.get("parent"), str):
            raise RegionAliasError(f"named_development_zones[{name}]: needs a parent path")
        named_zones.append(NamedDevelopmentZone(
            str(name), entry["parent"], _string_list(entry.get("also", []), f"named_development_zones[{name}].also")))
    suffixes = raw.get("development_zone_suffixes") or {}
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in suffixes.items()):
        raise RegionAliasError("development_zone_suffixes: expected suffix -> canonical suffix")
    config = RegionAliasConfig(
        development_zone_equivalents=equivalents,
        named_development_zones=tuple(named_zones),
        development_zone_suffixes=dict(suffixes),
        ignored_aliases=frozenset(_string_list(raw.get("ignored_aliases", []), "ignored_aliases")),
        needs_ancestor_in_document=frozenset(
            _string_list(raw.get("needs_ancestor_in_document", []), "needs_ancestor_in_document")),
        blockers=frozenset(_string_list(raw.get("blockers", []), "blockers")),
        short_form_blocking_suffixes=_string_list(
            raw.get("short_form_blocking_suffixes", []), "short_form_blocking_suffixes"),
        place_name_follows=_string_list(raw.get("place_name_follows", []), "place_name_follows"),
    )
    _check_no_surface_twice(config, source)
    return config


def _check_no_surface_twice(config: RegionAliasConfig, source: str) -> None:
    """One surface, one meaning: across the alias tables and the blockers."""
    owner: dict[str, str] = {}

    def claim(surface: str, where: str) -> None:
        if surface in owner:
            raise RegionAliasError(f"{source}: duplicate alias {surface!r} in {owner[surface]} and {where}")
        owner[surface] = where

    for path, surfaces in config.development_zone_equivalents.items():
        for surface in surfaces:
            claim(surface, f"development_zone_equivalents[{path}]")
    for zone in config.named_development_zones:
        for surface in (zone.name,) + zone.also:
            claim(surface, f"named_development_zones[{zone.name}]")
    for surface in config.blockers:
        claim(surface, "blockers")
    contradictory = config.ignored_aliases & config.needs_ancestor_in_document
    if contradictory:
        raise RegionAliasError(
            f"{source}: both ignored and needing an ancestor: {', '.join(sorted(contradictory))}")


@functools.cache
def load_region_aliases(path: Path = DEFAULT_ALIASES_PATH) -> RegionAliasConfig:
    return parse_region_aliases(Path(path).read_text(encoding="utf-8"), str(path))


# -- joining with the gazetteer --------------------------------------------

def build_surface_index(gazetteer: Gazetteer, config: RegionAliasConfig) -> SurfaceIndex:
    table: dict[str, dict[Region, Via]] = {}

    def add(surface: str, region: Region, via: Via) -> None:
        if len(surface) < _MINIMUM_SHORT_FORM_LENGTH:
            return
        by_region = table.setdefault(surface, {})
        # Keep the best way a surface names a unit: 神木 is both today's
        # alias of 神木市 and the old alias of 神木县.
        if region not in by_region or VIA_RANK[via] < VIA_RANK[by_region[region]]:
            by_region[region] = via

    kind_words = _division_kind_words(gazetteer)
    for region in gazetteer.regions():
        if region.level == "town" and region.name in kind_words:
            continue  # a town named 街道 or 林场: the word, not the unit, nearly every time
        add(region.name, region, "name")
        if region.level == "town":
            for suffix in TOWN_SUFFIXES:
                if region.name.endswith(suffix):
                    add(region.name[:-len(suffix)], region, "town_short_form")
                    break
    for alias, region in gazetteer.aliases():
        if alias not in config.ignored_aliases:
            add(alias, region, "alias")
    for surface, entries in gazetteer.historical_names.items():
        if surface not in config.ignored_aliases:
            for entry in entries:
                add(surface, entry.current, "historical")

    def resolve(path: str, where: str) -> Region:
        try:
            return gazetteer.resolve_path(path)
        except KeyError as error:
            raise RegionAliasError(f"{where}: {error.args[0]}") from None

    for path, surfaces in config.development_zone_equivalents.items():
        target = resolve(path, "development_zone_equivalents")
        for surface in surfaces:
            add(surface, target, "development_zone")

    synthetic: dict[tuple[str, ...], Region] = {}

    def synthetic_zone(name: str, parent: Region) -> Region:
        region = Region(name=name, level="county", code="", parent=parent.name,
                        path=parent.key, synthetic=True)
        return synthetic.setdefault(region.key, region)

    for zone in config.named_development_zones:
        region = synthetic_zone(zone.name, resolve(zone.parent_path, f"named_development_zones[{zone.name}]"))
        for surface in (zone.name,) + zone.also:
            add(surface, region, "development_zone")

    _add_development_zone_rule(gazetteer, config, table, add, synthetic_zone)

    # A blocker surface is no region at all, even where the data lists it.
    candidates = {surface: tuple(Candidate(region, via) for region, via in by_region.items())
                  for surface, by_region in table.items() if surface not in config.blockers}
    return SurfaceIndex(candidates, config, synthetic)


# A name is a word for a kind of division when this many other units' names end with it.
_KIND_WORD_ENDINGS = 5


def _division_kind_words(gazetteer: Gazetteer) -> frozenset[str]:
    """Town names that are the common noun for a kind of unit: a few towns
    are literally named 街道, 社区, 开发区, 林场, 农场, 工业园区. Such a name
    is the ending of many other units' names (XX街道, XX林场), and holds no
    name of its own before a town suffix (堡镇 and 口镇 do: 堡, 口)."""
    endings: dict[str, int] = {}
    for name in {region.name for region in gazetteer.regions()}:
        for length in range(2, len(name)):
            ending = name[-length:]
            endings[ending] = endings.get(ending, 0) + 1
    kind_words = set()
    for region in gazetteer.regions():
        if region.level != "town":
            continue
        name = region.name
        suffix = next((suffix for suffix in TOWN_SUFFIXES if name.endswith(suffix)), "")
        if name == suffix or (not suffix and endings.get(name, 0) >= _KIND_WORD_ENDINGS):
            kind_words.add(name)
    return frozenset(kind_words)


def _add_development_zone_rule(gazetteer, config, table, add, synthetic_zone) -> None:
    """``<city><zone suffix>`` -> the data's own zone unit when the city has
    one with that short name (成都高新区 -> 成都高新技术产业开发区, code
    510102), else a synthetic unit named ``<city short name><canonical>``."""
    cities = [region for region in gazetteer.regions()
              if region.level == "city" or (region.level == "province" and region.name.endswith("市"))]
    for city in cities:
        city_forms = {city.name} | {alias for alias in _aliases_of(gazetteer, city)}
        short_name = min(city_forms, key=len)
        data_zones = {}
        for child in gazetteer.children(city):
            for alias in _aliases_of(gazetteer, child):
                if alias in config.development_zone_suffixes.values():
                    data_zones.setdefault(alias, child)
        for city_form in city_forms:
            for canonical in set(config.development_zone_suffixes.values()) & set(data_zones):
                add(city_form + canonical, data_zones[canonical], "development_zone")
            for suffix, canonical in config.development_zone_suffixes.items():
                surface = city_form + suffix
                if surface in table and any(via != "development_zone_rule" for via in table[surface].values()):
                    continue  # the data or the YAML already knows this surface
                if canonical in data_zones:
                    add(surface, data_zones[canonical], "development_zone")
                else:
                    add(surface, synthetic_zone(short_name + canonical, city), "development_zone_rule")


def _aliases_of(gazetteer: Gazetteer, region: Region) -> list[str]:
    return [alias for alias in _alias_lookup(gazetteer).get(region.key, ())]


@functools.cache
def _alias_lookup(gazetteer: Gazetteer) -> dict[tuple[str, ...], list[str]]:
    lookup: dict[tuple[str, ...], list[str]] = {}
    for alias, region in gazetteer.aliases():
        lookup.setdefault(region.key, []).append(alias)
    return lookup
