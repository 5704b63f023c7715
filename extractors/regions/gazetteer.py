"""The administrative-division tree, read from the data files of ``jionlp``.

The canonical hierarchy (province -> city -> county -> town) and the 6-digit
codes come from the maintained package, never from our own lists. Surface
forms that the package does not know (development zones, stoplists,
blockers) live in ``data/region_aliases.yaml`` and are handled by
``aliases`` / ``mentions``.

Layout of ``jionlp/dictionary/china_location.zip`` -> ``china_location.txt``
(tab-indented, CRLF): depth 0 province ``name\\tcode\\talias``, depth 1 city,
depth 2 county, depth 3 town (name only, no code), depth 4 village or
community (name only). Two quirks are normalised here:

* municipalities and the SARs repeat themselves one level down
  (``上海市 310000`` -> ``上海市 310000``; ``香港特别行政区`` -> ``香港``, same
  code). The repeated city row is dropped, so ``浦东新区``'s parent is the
  province-level ``上海市``.
* ``省直辖行政区划`` (a province's directly administered county-level cities,
  e.g. 仙桃市) and ``市直辖行政区划`` (a city without counties, e.g. 东莞市)
  are placeholders, not units: their children hang from the placeholder's
  parent.

The parsed tree is pickled under ``~/.cache/regional-indicators/`` keyed by
the jionlp version and ``CACHE_FORMAT``, so a new process loads it in a small
fraction of the cost of parsing 700k lines.
"""
from __future__ import annotations

import functools
import gzip
import hashlib
import io
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Literal

from extractors.catalog import DIVISION_SUFFIXES
from extractors.regions import jionlp_data
from extractors.regions.cache import cache_directory, read_cached, write_cached

GazetteerLevel = Literal["country", "province", "city", "county", "town"]

NATIONAL_ROOT_NAME = "中华人民共和国"
# Bump when the parser or the pickled shape changes: old cache files are ignored.
CACHE_FORMAT = 6
# Towns have no code in jionlp's data; this table (scripts/build_town_codes.py)
# holds the NBS statistical codes, whose first six digits are the county's.
TOWN_CODES_PATH = Path(__file__).resolve().parent / "data" / "town_codes.tsv.gz"

_LEVEL_BY_DEPTH: dict[int, GazetteerLevel] = {0: "province", 1: "city", 2: "county", 3: "town"}
_PLACEHOLDER_NAMES = frozenset({"省直辖行政区划", "市直辖行政区划"})
_TOWN_DEPTH = 3
_COMMUNITY_DEPTH = 4


@dataclass(frozen=True, slots=True)
class Region:
    """One administrative unit.

    ``path`` holds the ancestors' official names from the national root down
    to the parent, so ``path + (name,)`` identifies the unit even where the
    name alone is shared (many 城关镇, 鼓楼区). ``synthetic`` marks units
    made up by us (a development zone that is no administrative unit).
    ``unresolved`` marks a name that several units bear where the document
    does not say which one it means (see ``unresolved_region``).
    """

    name: str
    level: GazetteerLevel
    code: str
    parent: str
    path: tuple[str, ...]
    synthetic: bool = False
    unresolved: bool = False

    @property
    def key(self) -> tuple[str, ...]:
        return self.path + (self.name,)

    def __str__(self) -> str:
        return "/".join(self.path[1:] + (self.name,))

    def __reduce__(self):
        # The default for a frozen slots dataclass restores each instance
        # through dataclasses.fields(): twice the cost of loading the cache.
        return Region, (self.name, self.level, self.code, self.parent, self.path, self.synthetic, self.unresolved)

    def columns(self, mention: str) -> dict[str, str]:
        """The output row's region columns; ``mention`` is the words that named
        the unit. ``region_status``: ``unresolved`` for a name several units
        bear that the document does not settle (no code, no parent), else
        ``resolved``."""
        return dict(region=self.name, region_level=self.level if self.level != "country" else "",
                    region_parent=self.parent, region_code=self.code, region_mention=mention,
                    region_status="unresolved" if self.unresolved else "resolved")


def unresolved_region(candidates: Iterable[Region]) -> Region | None:
    """The name the text gives when it could mean any of ``candidates``
    (城关镇 of a dozen counties): their shared official name and level, with
    no code, no parent, and ``unresolved`` set; None when the candidates do
    not share a name and a level (朝阳 for 朝阳市 or 朝阳区)."""
    shared = {(region.name, region.level) for region in candidates}
    if len(shared) != 1:
        return None
    (name, level), = shared
    return Region(name=name, level=level, code="", parent="", path=(NATIONAL_ROOT_NAME,),
                  synthetic=True, unresolved=True)


@dataclass(frozen=True, slots=True)
class HistoricalName:
    """A name from the change log and the unit that carries it on today."""

    surface: str
    date: str
    current: Region


@dataclass(frozen=True, slots=True)
class _ParsedTree:
    """What the disk cache holds: plain data, rebuilt into indexes on load."""

    regions: tuple[Region, ...]
    aliases: tuple[tuple[str, tuple[str, ...]], ...]  # (alias, key of the unit)
    changes: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]  # (date, old names, new names)


def level_of_suffix(word: str) -> GazetteerLevel | None:
    """Level of the unit a word like ``全区``, ``该街道``, ``本市`` refers to.

    Only the last characters count. ``市`` is read as a city: a county-level
    city (建德市) cannot be told apart from the word alone, the engine knows
    the unit in scope.
    """
    # Longest ending first, so ``自治区`` is a province and not a county (区);
    # a lookup per length, since the matcher asks this of every short surface.
    for length in range(min(_LONGEST_SUFFIX, len(word)), 0, -1):
        level = DIVISION_SUFFIXES.get(word[-length:])
        if level is not None:
            return level
    return None


_LONGEST_SUFFIX = max(map(len, DIVISION_SUFFIXES))
_SUFFIXES = tuple(DIVISION_SUFFIXES)


def has_division_suffix(word: str) -> bool:
    """Does ``word`` end in a division's suffix (上城区, 小营街道; not 上城)? One C
    call: the region matcher asks it of 70,000 surfaces as it starts."""
    return word.endswith(_SUFFIXES)


class Gazetteer:
    """Lookups over the division tree. Names are not unique: lists come back."""

    def __init__(self, tree: _ParsedTree, jionlp_version: str) -> None:
        self.jionlp_version = jionlp_version
        self.root = Region(NATIONAL_ROOT_NAME, "country", "", "", ())
        self._by_key: dict[tuple[str, ...], Region] = {self.root.key: self.root}
        self._by_name: dict[str, list[Region]] = defaultdict(list)
        self._children: dict[tuple[str, ...], list[Region]] = defaultdict(list)
        for region in tree.regions:
            self._by_key[region.key] = region
            self._by_name[region.name].append(region)
            self._children[region.path].append(region)
        self._by_alias: dict[str, list[Region]] = defaultdict(list)
        for alias, key in tree.aliases:
            self._by_alias[alias].append(self._by_key[key])
        self.historical_names: dict[str, list[HistoricalName]] = _historical_names(tree.changes, self)
        self._community_towns: dict[str, list[Region]] | None = None

    # -- lookups -----------------------------------------------------------

    def regions(self) -> Iterable[Region]:
        """Every unit below the national root."""
        return (region for key, region in self._by_key.items() if region is not self.root)

    def get(self, name: str, within: Region | str | None = None) -> list[Region]:
        """Units called ``name``: official name first, else data alias, else a
        historical name (mapped to today's unit). ``within`` keeps only units
        inside that region (a Region, or an official name that may be shared).
        """
        found = list(self._by_name.get(name, ()))
        if not found:
            found = list(self._by_alias.get(name, ()))
        if not found:
            found = list(dict.fromkeys(h.current for h in self.historical_names.get(name, ())))
        if within is None:
            return found
        ancestors = [within] if isinstance(within, Region) else self.get(within)
        return [region for region in found if any(self.is_within(region, a) for a in ancestors)]

    def by_official_name(self, name: str) -> list[Region]:
        return list(self._by_name.get(name, ()))

    def by_alias(self, alias: str) -> list[Region]:
        """Units whose data alias (the package's short form) is ``alias``."""
        return list(self._by_alias.get(alias, ()))

    def aliases(self) -> Iterable[tuple[str, Region]]:
        for alias, regions in self._by_alias.items():
            for region in regions:
                yield alias, region

    def by_key(self, key: tuple[str, ...]) -> Region | None:
        return self._by_key.get(tuple(key))

    def resolve_path(self, path_text: str) -> Region:
        """``"浙江省 杭州市 滨江区"`` -> that Region; raises KeyError when unknown.
        Used to validate the YAML tables, which name targets by full path."""
        key = (NATIONAL_ROOT_NAME,) + tuple(path_text.split())
        region = self._by_key.get(key)
        if region is None:
            raise KeyError(f"no administrative unit at path {path_text!r}")
        return region

    def parent(self, region: Region) -> Region | None:
        if not region.path:
            return None
        return self._by_key.get(region.path)

    def ancestors(self, region: Region) -> list[Region]:
        """Nearest first, ending with the national root."""
        return [self._by_key[region.path[:depth]] for depth in range(len(region.path), 0, -1)
                if region.path[:depth] in self._by_key]

    def is_within(self, region: Region, ancestor: Region) -> bool:
        """True when ``ancestor`` is a proper ancestor of ``region``."""
        ancestor_key = ancestor.key
        return len(ancestor_key) <= len(region.path) and region.path[:len(ancestor_key)] == ancestor_key

    def children(self, region: Region) -> list[Region]:
        return list(self._children.get(region.key, ()))

    # -- communities (level 4), loaded on first use ------------------------

    def towns_holding_community(self, community_name: str) -> list[Region]:
        """Towns that hold a community or village of that name (``XX社区``,
        ``XX村``). The 650k names are parsed on first call only."""
        if self._community_towns is None:
            self._community_towns = _load_community_towns(self)
        return list(self._community_towns.get(community_name, ()))

    def __len__(self) -> int:
        return len(self._by_key) - 1


def _historical_names(changes, gazetteer: Gazetteer) -> dict[str, list[HistoricalName]]:
    """Old full names and old short forms -> today's unit, from the change log.

    A rename to the same name (公主岭市 moving from 四平 to 长春) is no
    historical name. Only the last component of an old path is a name of
    the changed unit; its alias (``江干`` for 江干区) is kept too.
    """
    historical: dict[str, list[HistoricalName]] = defaultdict(list)
    for date, old_names, new_names in changes:
        current = gazetteer.by_key((NATIONAL_ROOT_NAME,) + new_names)
        if current is None:
            continue  # a target the tree no longer has: nothing to map to
        for surface in old_names:
            if surface == current.name or len(surface) < 2:
                continue
            entry = HistoricalName(surface, date, current)
            if entry not in historical[surface]:
                historical[surface].append(entry)
    return dict(historical)


# -- reading the package --------------------------------------------------

def _read_location_lines(directory: Path) -> list[str]:
    with zipfile.ZipFile(directory / "china_location.zip") as archive:
        with archive.open("china_location.txt") as handle:
            return io.TextIOWrapper(handle, encoding="utf-8").read().splitlines()


def _town_codes() -> dict[tuple[str, str], str]:
    """(county code, town name) -> 9-digit town code."""
    if not TOWN_CODES_PATH.exists():
        return {}
    with gzip.open(TOWN_CODES_PATH, "rt", encoding="utf-8") as lines:
        pairs = (line.rstrip("\n").split("\t") for line in lines if not line.startswith("#"))
        return {(code[:6], name): code for code, name in pairs}


def _parse_tree(directory: Path) -> _ParsedTree:
    town_codes = _town_codes()
    regions: dict[tuple[str, ...], Region] = {}
    aliases: list[tuple[str, tuple[str, ...]]] = []
    # stack[d] = key of the unit that children at depth d+1 hang from.
    stack: list[tuple[str, ...]] = [(NATIONAL_ROOT_NAME,)]
    codes: list[str] = [""]
    for line in _read_location_lines(directory):
        depth = len(line) - len(line.lstrip("\t"))
        if depth >= _COMMUNITY_DEPTH or not line.strip():
            continue
        fields = line.strip().split("\t")
        name = fields[0]
        code = fields[1] if len(fields) > 1 else ""
        alias = fields[2] if len(fields) > 2 else ""
        del stack[depth + 1:], codes[depth + 1:]
        parent_key = stack[depth]
        parent_code = codes[depth]
        parent = regions.get(parent_key)
        collapsed = (name in _PLACEHOLDER_NAMES
                     # a municipality or SAR repeating itself one level down
                     or (depth == 1 and parent is not None and code and code == parent.code))
        if collapsed:
            stack.append(parent_key)
            codes.append(parent_code)
            continue
        if code and code == parent_code:
            code = ""  # SAR districts repeat the SAR's code: no code of their own
        if depth == _TOWN_DEPTH and not code:
            code = town_codes.get((parent_code, name), "")
        region = Region(name=name, level=_LEVEL_BY_DEPTH[depth], code=code,
                        parent=parent_key[-1], path=parent_key)
        regions.setdefault(region.key, region)  # the data lists a few towns twice
        if alias and alias != name and depth < _TOWN_DEPTH:
            aliases.append((alias, region.key))
        stack.append(region.key)
        codes.append(code)
    # Levels come from the depth in the file, which collapsing keeps: a county
    # hanging straight from a province (仙桃市) is still a county.
    return _ParsedTree(tuple(regions.values()), tuple(dict.fromkeys(aliases)),
                       _parse_changes(directory))


def _parse_changes(directory: Path) -> tuple:
    """``date  kind  old path with aliases => new path`` -> (date, old names, new path)."""
    changes = []
    text = (directory / "china_location_change.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if "=>" not in line:
            continue
        before, after = line.split("=>", 1)
        before_fields = before.split("\t")
        date, old_fields = before_fields[0], before_fields[2:]
        new_names = tuple(field for field in after.split("\t") if field)
        # old_fields alternate name, alias; the changed unit is the last pair.
        old_names = tuple(field for field in old_fields[-2:] if field)
        changes.append((date, old_names, _normalise_change_target(new_names)))
    return tuple(changes)


def _normalise_change_target(new_names: tuple[str, ...]) -> tuple[str, ...]:
    # Municipalities are written province + city (北京市 北京市 X): our tree
    # drops the repeated city.
    if len(new_names) >= 2 and new_names[0] == new_names[1]:
        return new_names[:1] + new_names[2:]
    return new_names


def _load_community_towns(gazetteer: Gazetteer) -> dict[str, list[Region]]:
    towns_by_community: dict[str, list[Region]] = defaultdict(list)
    stack: list[tuple[str, ...]] = [(NATIONAL_ROOT_NAME,)]
    for line in _read_location_lines(jionlp_data.dictionary_directory()):
        depth = len(line) - len(line.lstrip("\t"))
        name = line.strip().split("\t")[0]
        if not name:
            continue
        del stack[depth + 1:]
        if depth == _COMMUNITY_DEPTH:
            town = gazetteer.by_key(stack[depth])
            if town is not None and town not in towns_by_community[name]:
                towns_by_community[name].append(town)
            continue
        parent_key = stack[depth]
        # Same collapsing as the main parse: follow placeholders and repeats.
        if name in _PLACEHOLDER_NAMES or gazetteer.by_key(parent_key + (name,)) is None:
            stack.append(parent_key)
        else:
            stack.append(parent_key + (name,))
    return dict(towns_by_community)


# -- disk cache -----------------------------------------------------------

def _cache_path(version: str) -> Path:
    towns = hashlib.sha256(TOWN_CODES_PATH.read_bytes()).hexdigest()[:12] if TOWN_CODES_PATH.exists() else "none"
    return cache_directory() / f"gazetteer-jionlp-{version}-towns-{towns}-format{CACHE_FORMAT}.pickle"


def _read_cached_tree(path: Path) -> _ParsedTree | None:
    tree = read_cached(path)
    return tree if isinstance(tree, _ParsedTree) else None


def build_gazetteer(use_disk_cache: bool = True) -> Gazetteer:
    """Parse (or load from the disk cache) a fresh Gazetteer; not memoised."""
    version = jionlp_data.version()
    path = _cache_path(version)
    tree = _read_cached_tree(path) if use_disk_cache else None
    if tree is None:
        tree = _parse_tree(jionlp_data.dictionary_directory())
        if use_disk_cache:
            write_cached(path, tree)
    return Gazetteer(tree, version)


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The process-wide Gazetteer (parsed once, then from the disk cache)."""
    return build_gazetteer()
