"""Find the administrative units a document names, and decide which unit each name means.

Find, then resolve (Recognizers-Text): an Aho-Corasick automaton over every
surface of ``region_aliases.build_surface_index`` finds all matches; overlaps
resolve the one way the project uses everywhere (longest span, then
earliest); then each mention's candidates are narrowed with the rest of the
document as context:

1. gates: a short form glued to 巷/路/街... names a street, not the unit; a
   town short form (小营) counts only where the document also names the full
   town (小营街道); a common word (城区, 和平, 江北) counts only where the
   document names an ancestor of a candidate; a county's short alias and
   other weak names need a named unit in the same province.
2. context: a candidate whose ancestor is named elsewhere in the document
   wins; failing that, the candidate sharing the deepest ancestor with the
   units already resolved (上城区 and 西湖区 together: both in 杭州市).
3. fallbacks: a unique candidate; the best ``via`` (official name over
   alias over historical name); a province or city over lower units
   (西安 -> 西安市, not 西安区).
4. what is still ambiguous: town names are dropped, other names are kept
   with ``region=None`` and their candidates, for the engine to judge.
"""
from __future__ import annotations

import functools
import hashlib
import os
import pickle
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import ahocorasick

from extractors.gazetteer import Gazetteer, Region, cache_directory, level_of_suffix, load_gazetteer
from extractors.region_aliases import (
    DEFAULT_ALIASES_PATH, TOWN_SUFFIXES, VIA_RANK, Candidate, SurfaceIndex, build_surface_index, load_region_aliases,
)

_LEVEL_RANK = {"country": 0, "province": 1, "city": 2, "county": 3, "town": 4}
_COMMUNITY_SUFFIXES = ("社区", "村")
_LONGEST_COMMUNITY_NAME = 10


@dataclass(frozen=True, slots=True)
class RegionMention:
    """A name of an administrative unit in the text, half-open ``[start, end)``.

    ``region`` is the unit the name is taken to mean, or None when the
    document does not decide between ``candidates``. ``historical`` marks a
    name from before a redistricting (江干区 -> 上城区): ``surface`` keeps
    what was written. ``via`` says how the surface names the unit (name,
    alias, historical, development_zone, development_zone_rule,
    town_short_form, community).
    """

    start: int
    end: int
    surface: str
    region: Region | None
    candidates: tuple[Region, ...]
    historical: bool
    via: str


@dataclass
class _Pending:
    start: int
    end: int
    surface: str
    candidates: list[Candidate]
    needs_ancestor: bool
    chosen: Candidate | None = None
    # per candidate, what the gates ask of the context (fixed for the mention):
    # (candidate, is a town short form, needs a named unit in its province)
    gates: tuple[tuple[Candidate, bool, bool], ...] = ()

    def __post_init__(self) -> None:
        self.gates = tuple((c, c.via == "town_short_form", _needs_context(c, self.surface)) for c in self.candidates)


class RegionMatcher:
    """The automaton and surface table for one gazetteer and alias file."""

    def __init__(self, gazetteer: Gazetteer, surface_index: SurfaceIndex) -> None:
        self.gazetteer = gazetteer
        self.index = surface_index
        self._automaton = ahocorasick.Automaton()
        for surface in surface_index.candidates:
            self._automaton.add_word(surface, (surface, False))
        for surface in surface_index.config.blockers:
            self._automaton.add_word(surface, (surface, True))
        self._automaton.make_automaton()

    def find(self, text: str, resolve_communities: bool = False) -> list[RegionMention]:
        pending = self._spans_with_candidates(text)
        _resolve(pending)
        named, named_towns = _context_state(pending)
        mentions = [_to_mention(item, named, named_towns) for item in pending]
        mentions = [mention for mention in mentions if mention is not None]
        if resolve_communities:
            mentions = sorted(mentions + self._community_mentions(text, mentions),
                              key=lambda mention: mention.start)
        return mentions

    # -- finding ------------------------------------------------------------

    def _spans_with_candidates(self, text: str) -> list[_Pending]:
        matches = [(end_index + 1 - len(surface), end_index + 1, surface, is_blocker)
                   for end_index, (surface, is_blocker) in self._automaton.iter(text)]
        config = self.index.config
        pending = []
        for start, end, surface, is_blocker in _longest_then_earliest(matches):
            if is_blocker:
                continue
            followed_by_street = text.startswith(config.short_form_blocking_suffixes, end)
            candidates = [candidate for candidate in self.index.candidates[surface]
                          if not (followed_by_street and self.index.is_short_form(surface, candidate.via))]
            if candidates:
                pending.append(_Pending(start, end, surface, candidates,
                                        needs_ancestor=surface in config.needs_ancestor_in_document))
        return pending

    def _community_mentions(self, text: str, mentions: list[RegionMention]) -> list[RegionMention]:
        """``XX社区`` / ``XX村`` -> the town holding it, when the document
        names that town or one of its ancestors (village names repeat a lot)."""
        named_keys = {mention.region.key for mention in mentions if mention.region is not None}
        covered = [(mention.start, mention.end) for mention in mentions]
        found: list[RegionMention] = []
        for suffix in _COMMUNITY_SUFFIXES:
            position = text.find(suffix)
            while position != -1:
                end = position + len(suffix)
                mention = self._community_ending_at(text, end, named_keys, covered)
                if mention is not None:
                    found.append(mention)
                    covered.append((mention.start, mention.end))
                position = text.find(suffix, position + 1)
        return found

    def _community_ending_at(self, text, end, named_keys, covered) -> RegionMention | None:
        for start in range(max(0, end - _LONGEST_COMMUNITY_NAME), end - 2):
            if any(s < end and start < e for s, e in covered):
                continue
            name = text[start:end]
            towns = [town for town in self.gazetteer.towns_holding_community(name)
                     if town.key in named_keys or any(a.key in named_keys for a in self.gazetteer.ancestors(town))]
            if len(towns) == 1:
                return RegionMention(start, end, name, towns[0], tuple(towns), False, "community")
        return None


def _longest_then_earliest(matches):
    """spaCy ``filter_spans``: longest span wins, then the earliest."""
    chosen = []
    taken = bytearray()
    for match in sorted(matches, key=lambda m: (m[0] - m[1], m[0])):
        start, end = match[0], match[1]
        if len(taken) < end:
            taken.extend(b"\0" * (end - len(taken)))
        if any(taken[start:end]):
            continue
        taken[start:end] = b"\1" * (end - start)
        chosen.append(match)
    return sorted(chosen)


# -- resolving --------------------------------------------------------------

def _resolve(pending: list[_Pending]) -> None:
    while True:
        _resolve_by_context(pending)
        if not _resolve_one_by_fallback(pending):
            return


def _viable(item: _Pending, named: _Named, named_towns: set[tuple[str, ...]]) -> list[Candidate]:
    """Candidates that pass the gates, given the units resolved so far."""
    if item.needs_ancestor:
        return [c for c, short, _ in item.gates
                if (not short or c.region.key in named_towns) and _has_named_ancestor(c.region, named)]
    return [c for c, short, needs_context in item.gates
            if (not short or c.region.key in named_towns)
            and (not needs_context or _shares_province_with_named(c.region, named))]


def _needs_context(candidate: Candidate, surface: str) -> bool:
    """Names too short or too generic to trust without something nearby
    in the same province: a county's short alias (大城 in 大城市, 望江 in 望江路
    of another city), an old short name (江干), and town names that are two
    characters or no 街道/镇/乡 at all (乌镇, 林场, 产业集聚区). Province and
    city short names (杭州, 浙江) are well known and need none."""
    region = candidate.region
    if candidate.via == "alias":
        return region.level in ("county", "town")
    if candidate.via == "historical":
        return level_of_suffix(surface) is None
    if candidate.via == "name" and region.level == "town":
        return len(region.name) < 3 or not region.name.endswith(TOWN_SUFFIXES)
    return False


def _shares_province_with_named(region: Region, named: _Named) -> bool:
    """Some named unit has the same first two path entries (root, province)."""
    return region.path[:2] in named.provinces


def _has_named_ancestor(region: Region, named: set[tuple[str, ...]]) -> bool:
    return _deepest_named_ancestor(region, named) > 0


def _deepest_named_ancestor(region: Region, named: set[tuple[str, ...]]) -> int:
    """Depth of the nearest ancestor named in the document, 0 if none.
    path[:1] is the national root, which no mention names."""
    for depth in range(len(region.path), 1, -1):
        if region.path[:depth] in named:
            return depth
    return 0


class _Named(set):
    """Keys of the units resolved so far, and their (root, province) prefixes."""

    def __init__(self) -> None:
        super().__init__()
        self.provinces: set[tuple[str, ...]] = set()

    def add(self, key: tuple[str, ...]) -> None:
        super().add(key)
        if len(key) >= 2:
            self.provinces.add(key[:2])


def _context_state(pending):
    """Keys of the units resolved so far, and of towns named in full."""
    named = _Named()
    named_towns: set[tuple[str, ...]] = set()
    for item in pending:
        if item.chosen is not None:
            _record(item.chosen, named, named_towns)
    return named, named_towns


def _record(chosen: Candidate, named, named_towns) -> None:
    named.add(chosen.region.key)
    if chosen.via == "name" and chosen.region.level == "town":
        named_towns.add(chosen.region.key)


def _resolve_by_context(pending: list[_Pending]) -> None:
    """Unique names first (they are the surest context), then context, until
    nothing changes."""
    named, named_towns = _context_state(pending)

    def sweep(decide) -> bool:
        changed = False
        for item in pending:
            if item.chosen is None:
                choice = decide(_viable(item, named, named_towns))
                if choice is not None:
                    item.chosen = choice
                    _record(choice, named, named_towns)
                    changed = True
        return changed

    while sweep(_single) or sweep(lambda viable: _single(_closest_to_context(viable, named))):
        pass


def _closest_to_context(viable: list[Candidate], named: set[tuple[str, ...]]) -> list[Candidate]:
    """Candidates with an ancestor named in the document; failing that, those
    sharing the deepest ancestor (province at least) with a named unit."""
    # The nearest named ancestor counts most: with 山西省 and 阳泉市 named,
    # 城区 is 阳泉's, not 晋城's.
    named_depth = {c: _deepest_named_ancestor(c.region, named) for c in viable}
    deepest = max(named_depth.values(), default=0)
    if deepest:
        return [c for c in viable if named_depth[c] == deepest]
    best_depth, best = 1, []
    for candidate in viable:
        depth = max((_shared_depth(candidate.region.path, key) for key in named), default=0)
        if depth > best_depth:
            best_depth, best = depth, [candidate]
        elif depth == best_depth and depth > 1:
            best.append(candidate)
    return best


def _shared_depth(path: tuple[str, ...], key: tuple[str, ...]) -> int:
    depth = 0
    for mine, theirs in zip(path, key):
        if mine != theirs:
            break
        depth += 1
    return depth


def _resolve_one_by_fallback(pending: list[_Pending]) -> bool:
    """Decide the leftmost mention that a fallback decides; True if one was."""
    named, named_towns = _context_state(pending)
    for item in pending:
        if item.chosen is not None:
            continue
        viable = _viable(item, named, named_towns)
        if not viable:
            continue
        best_via = min(VIA_RANK[c.via] for c in viable)
        viable = [c for c in viable if VIA_RANK[c.via] == best_via]
        choice = _single(viable) or _single(_highest_if_city_or_above(viable))
        if choice is not None:
            item.chosen = choice
            return True
    return False


def _highest_if_city_or_above(viable: list[Candidate]) -> list[Candidate]:
    top = min(_LEVEL_RANK[c.region.level] for c in viable)
    if top > _LEVEL_RANK["city"]:
        return []
    return [c for c in viable if _LEVEL_RANK[c.region.level] == top]


def _single(candidates: list[Candidate]) -> Candidate | None:
    return candidates[0] if len(candidates) == 1 else None


def _to_mention(item: _Pending, named, named_towns) -> RegionMention | None:
    if item.chosen is not None:
        return RegionMention(item.start, item.end, item.surface, item.chosen.region,
                             tuple(c.region for c in item.candidates), item.chosen.historical, item.chosen.via)
    left = _viable(item, named, named_towns)
    if not left or all(c.region.level == "town" for c in left):
        return None  # gated out, or a town name the document does not decide
    best_via = min(VIA_RANK[c.via] for c in left)
    left = [c for c in left if VIA_RANK[c.via] == best_via]
    return RegionMention(item.start, item.end, item.surface, None, tuple(c.region for c in left),
                         all(c.historical for c in left), left[0].via)


# -- entry points -----------------------------------------------------------

@functools.cache
def region_matcher(gazetteer: Gazetteer, aliases_path: Path = DEFAULT_ALIASES_PATH) -> RegionMatcher:
    """Built once per process (and per gazetteer / alias file); for the
    process-wide gazetteer, loaded from the disk cache when one is there."""
    config = load_region_aliases(Path(aliases_path))
    default = load_gazetteer.cache_info().currsize and gazetteer is load_gazetteer()
    cache = _matcher_cache_path(gazetteer, Path(aliases_path)) if default else None
    matcher = _read_cached_matcher(cache, gazetteer, config) if cache else None
    if matcher is None:
        matcher = RegionMatcher(gazetteer, build_surface_index(gazetteer, config))
        if cache:
            _write_cached_matcher(cache, matcher)
    return matcher


# -- disk cache: building the surface index and automaton takes ~0.7 s -------

_MATCHER_CACHE_FORMAT = 1


def _matcher_cache_path(gazetteer: Gazetteer, aliases_path: Path) -> Path:
    """Keyed by everything the matcher is built from: the data package, the
    alias file, and the code that builds it."""
    from extractors import gazetteer as gazetteer_module, region_aliases

    digest = hashlib.sha256(f"{_MATCHER_CACHE_FORMAT}:{gazetteer.jionlp_version}:{gazetteer_module.CACHE_FORMAT}".encode())
    for path in (aliases_path, Path(region_aliases.__file__), Path(__file__), Path(gazetteer_module.__file__)):
        digest.update(path.read_bytes())
    return cache_directory() / f"region-matcher-{digest.hexdigest()[:20]}.pickle"


def _read_cached_matcher(path: Path, gazetteer: Gazetteer, config) -> RegionMatcher | None:
    try:
        with path.open("rb") as handle:
            automaton, candidates, synthetic_fields = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError):
        return None
    synthetic = {fields[4] + (fields[0],): Region(*fields) for fields in synthetic_fields}
    regions = {key: synthetic.get(key) or gazetteer.by_key(key) for key in
               {key for entries in candidates.values() for key, _ in entries}}
    if any(region is None for region in regions.values()):
        return None
    index = SurfaceIndex(_CandidatesOnDemand(candidates, regions), config, synthetic)
    matcher = RegionMatcher.__new__(RegionMatcher)
    matcher.gazetteer, matcher.index, matcher._automaton = gazetteer, index, automaton
    return matcher


class _CandidatesOnDemand(Mapping):
    """``SurfaceIndex.candidates`` read from the cache: a surface's candidates
    are made the first time it is looked up (a page names a few hundred of
    the 70,000 surfaces)."""

    def __init__(self, entries: dict[str, tuple], regions: dict[tuple[str, ...], Region]) -> None:
        self._entries, self._regions, self._made = entries, regions, {}

    def __getitem__(self, surface: str) -> tuple[Candidate, ...]:
        made = self._made.get(surface)
        if made is None:
            made = self._made[surface] = tuple(Candidate(self._regions[key], via)
                                               for key, via in self._entries[surface])
        return made

    def __contains__(self, surface) -> bool:
        return surface in self._entries

    def __iter__(self):
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


def _write_cached_matcher(path: Path, matcher: RegionMatcher) -> None:
    """Write atomically: other processes may be reading the same file."""
    candidates = {surface: tuple((c.region.key, c.via) for c in entries)
                  for surface, entries in matcher.index.candidates.items()}
    synthetic = [(r.name, r.level, r.code, r.parent, r.path, r.synthetic)
                 for r in matcher.index.synthetic_regions.values()]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump((matcher._automaton, candidates, synthetic), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError:
        pass  # a read-only home only costs speed


def find_region_mentions(text: str, gazetteer: Gazetteer | None = None, *,
                         resolve_communities: bool = False) -> list[RegionMention]:
    """Every administrative unit the document names, in text order.

    ``text`` is a whole document (already in simplified characters); offsets
    index it directly. ``resolve_communities`` also maps ``XX社区``/``XX村``
    to the town that holds it (loads 650k community names on first use).
    """
    return region_matcher(gazetteer or load_gazetteer()).find(text, resolve_communities)
