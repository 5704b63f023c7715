"""Find the administrative units a document names, and decide which unit each name means.

Find, then resolve (Recognizers-Text): an Aho-Corasick automaton
(ahocorasick_rs) over every surface of ``region_aliases.build_surface_index``
finds all matches; overlaps resolve the one way the project uses everywhere
(longest span, then earliest); a short name must stand as a word where it
was found (``words``: 市委/和/县委 holds no 和县), else it gives way to a name
inside it that does (杭州/市民 -> 杭州) or waits for the page to name its
parent; then each mention's candidates are narrowed with the rest of the
document (and the units the page is known to be about) as context:

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
4. what is still ambiguous keeps the name the text gives: an ``unresolved``
   region (the candidates' shared name and level, no code, no parent) and
   the candidates; ``region=None`` where they share no name and level.
"""
from __future__ import annotations

import bisect
import functools
import hashlib
import operator
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import ahocorasick_rs

from extractors.catalog import LEVEL_RANK
from extractors.quantities.spans import longest_then_earliest
from extractors.regions.cache import cache_directory, read_cached, write_cached
from extractors.regions.gazetteer import Gazetteer, Region, level_of_suffix, load_gazetteer, unresolved_region
from extractors.regions.words import load_word_counts
from extractors.regions.aliases import (
    DEFAULT_ALIASES_PATH, TOWN_SUFFIXES, VIA_RANK, Candidate, SurfaceIndex, build_surface_index, load_region_aliases,
)

_COMMUNITY_SUFFIXES = ("社区", "村")
_LONGEST_COMMUNITY_NAME = 10


@dataclass(frozen=True, slots=True)
class RegionMention:
    """A name of an administrative unit in the text, half-open ``[start, end)``.

    ``region`` is the unit the name is taken to mean; where the document
    does not decide between ``candidates``, an unresolved region bearing
    their shared name (see ``gazetteer.unresolved_region``), or None. ``historical`` marks a
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


def _key_id(key: tuple[str, ...]) -> str:
    """A unit's key as one string: a string caches its hash, a tuple does not.
    No name holds NUL, so different keys get different ids."""
    return "\0".join(key)


class _Option:
    """One candidate of a surface, with what resolving asks of it worked out
    once per matcher (a surface recurs on every page that names it). Keys
    and their prefixes are held as ``_key_id`` strings."""

    __slots__ = ("candidate", "region", "key", "prefixes", "via", "via_rank", "level_rank", "is_town",
                 "historical", "names_town", "short", "needs_context", "province", "ancestors",
                 "vouching_parent")

    def __init__(self, candidate: Candidate, surface: str) -> None:
        region = candidate.region
        key = region.key
        self.candidate, self.region, self.via = candidate, region, candidate.via
        self.key = _key_id(key)
        self.prefixes = tuple(_key_id(key[:depth]) for depth in range(2, len(key) + 1))
        self.via_rank, self.level_rank = VIA_RANK[candidate.via], LEVEL_RANK[region.level]
        self.is_town, self.historical = region.level == "town", candidate.historical
        # choosing it names a town in full, which lets that town's short form count
        self.names_town = candidate.via == "name" and region.level == "town"
        self.short = candidate.via == "town_short_form"
        self.needs_context = _needs_context(candidate, surface)
        self.province = _key_id(region.path[:2])
        # path[:d] for d = len(path) .. 2, nearest first; path[:1] is the
        # national root, which no mention names
        self.ancestors = tuple(_key_id(region.path[:depth]) for depth in range(len(region.path), 1, -1))
        # the parent that vouches for a name found inside ordinary words: a
        # city or county, not a province (山西省 does not make 大同小异 a place)
        self.vouching_parent = self.ancestors[0] if len(region.path) >= 3 else None


class _Surface:
    """A surface as found (glued to a street word or not, standing as a word
    or inside ordinary words) and its options."""

    __slots__ = ("surface", "options", "regions", "needs_ancestor", "needs_parent", "reads", "viable_at_start",
                 "town_keys", "short_form_keys")

    def __init__(self, surface: str, candidates: list[Candidate], needs_ancestor: bool,
                 needs_parent: bool = False) -> None:
        self.surface = surface
        self.options = tuple(_Option(c, surface) for c in candidates)
        self.regions = tuple(c.region for c in candidates)
        self.needs_ancestor = needs_ancestor
        # found inside ordinary words (振兴山区): counts only where the
        # document names the unit's parent, or the unit where it stands as a word
        self.needs_parent = needs_parent
        # which parts of the context the gates read, see _Context.gate_stamps
        self.reads = ((_NAMED if needs_ancestor or needs_parent else 0)
                      | (_TOWNS if any(option.short for option in self.options) else 0)
                      | (_PROVINCES if not needs_ancestor and any(o.needs_context for o in self.options) else 0))
        # what the gates let through while the parts they read are empty
        self.viable_at_start = _gate(self, _Context())
        # the towns choosing one of its options names in full (see _Context.record)
        self.town_keys = frozenset(option.key for option in self.options if option.names_town)
        # a town short form (发展, 社区) only: its towns, one of which must be named in full
        self.short_form_keys = (frozenset(option.key for option in self.options)
                                if all(option.short for option in self.options) else None)


class _Pending:
    """A mention being resolved. ``*_seen``: the stamp (see _Context) at which
    a rule last left it undecided."""

    __slots__ = ("start", "end", "info", "reads", "chosen", "single_seen", "closest_seen", "fallback_seen")

    def __init__(self, start: int, end: int, info: _Surface) -> None:
        self.start, self.end, self.info, self.reads = start, end, info, info.reads
        self.chosen: _Option | None = None
        self.single_seen = self.closest_seen = self.fallback_seen = -1


class RegionMatcher:
    """The automaton and surface table for one gazetteer and alias file."""

    def __init__(self, gazetteer: Gazetteer, surface_index: SurfaceIndex, test_words: bool = True) -> None:
        """``test_words=False`` takes a short name wherever its characters
        occur (the word test left out, to measure what it is worth)."""
        self.gazetteer = gazetteer
        self.index = surface_index
        # (surface, is_blocker) per pattern; a surface that is also a blocker is a blocker
        kinds = dict.fromkeys(surface_index.candidates, False)
        kinds.update(dict.fromkeys(surface_index.config.blockers, True))
        self._patterns = tuple(kinds.items())
        self._automaton = _automaton(kinds)
        # per pattern, standing as a word or not, not followed / followed by a
        # street word (slots 4p + 2 * inside_words + followed_by_street): its
        # _Surface, None when nothing is left (a blocker), made on first use
        self._found: list = [_UNSEEN] * (4 * len(self._patterns))
        for pattern, (_, is_blocker) in enumerate(self._patterns):
            if is_blocker:
                self._found[4 * pattern: 4 * pattern + 4] = [None] * 4
        # per pattern: is it a short name whose word boundaries are tested
        # (_TESTED), one ending in its unit's suffix too (_TESTED_SUFFIXED)?
        self._tested = bytes(_word_test(surface) if test_words and not is_blocker else _UNTESTED
                             for surface, is_blocker in self._patterns)
        self._place_words = tuple(surface_index.config.place_name_follows)

    def find(self, text: str, resolve_communities: bool = False, known: Sequence[Region] = ()) -> list[RegionMention]:
        """``known``: units the page is known to be about (named in its
        title): context like a unit named in the text, so 城关镇 on a page
        titled 某县… is that county's town."""
        pending = self._spans_with_candidates(text)
        context = _Context()
        for region in known:
            if not region.unresolved:
                context.record(_Option(Candidate(region, "name"), region.name))
        context = _resolve(pending, context)
        mentions = [_to_mention(item, context) for item in pending]
        mentions = [mention for mention in mentions if mention is not None]
        if resolve_communities:
            mentions = sorted(mentions + self._community_mentions(text, mentions),
                              key=lambda mention: mention.start)
        return mentions

    # -- finding ------------------------------------------------------------

    def _matches(self, text: str) -> list[tuple[int, int, int]]:
        """Every match, overlapping ones too, as (pattern, start, end), in
        order of their end. No surface holds a lone surrogate (which UTF-8,
        and so the automaton, cannot take): one is replaced by a character no
        surface holds, which keeps the offsets."""
        try:
            return self._automaton.find_matches_as_indexes(text, overlapping=True)
        except UnicodeEncodeError:
            return self._automaton.find_matches_as_indexes(_SURROGATE.sub(_STAND_IN, text), overlapping=True)

    def _spans_with_candidates(self, text: str) -> list[_Pending]:
        matches = self._matches(text)
        spans, infos = self._with_surfaces(text, longest_then_earliest(matches, _match_bounds))
        hopeless = _hopeless(infos)
        tested = self._tested
        # the word test runs only where a short name is left to resolve
        to_test = [index for index, span in enumerate(spans) if tested[span[0]] and infos[index] not in hopeless]
        if to_test:
            spans, infos = self._tested_for_words(text, matches, spans, infos, to_test)
            hopeless = _hopeless(infos)
        return [_Pending(span[1], span[2], info) for span, info in zip(spans, infos) if info not in hopeless]

    def _with_surfaces(self, text: str, kept, inside_words: bool = False) -> tuple[list, list[_Surface]]:
        """The matches that have candidates, and their surfaces."""
        street_suffixes = self.index.config.short_form_blocking_suffixes
        found = self._found
        spans, infos = [], []
        for match in kept:
            slot = 4 * match[0] + 2 * inside_words + text.startswith(street_suffixes, match[2])
            info = found[slot]
            if info is _UNSEEN:
                info = self._surface(slot)
            if info is not None:
                spans.append(match)
                infos.append(info)
        return spans, infos

    def _tested_for_words(self, text: str, matches, spans, infos, to_test) -> tuple[list, list[_Surface]]:
        """A short name (at ``to_test`` in ``spans``) that does not stand as a
        word where it was found gives way to the names inside it that do
        (杭州/市民 holds 杭州, not 杭州市); where none does, it is kept, marked
        as inside words (see _Surface.needs_parent), unless it heads the page
        or follows a word like 位于."""
        tested = self._tested
        replacements = {}
        by_start = None
        for index in to_test:
            span = spans[index]
            if self._stands_as_word(text, span):
                continue
            if by_start is None:
                by_start = sorted(matches, key=_START)
            contained = [other for other in _inside(by_start, span)
                         if tested[other[0]] and self._stands_as_word(text, other)]
            if contained:
                replacements[index] = self._with_surfaces(text, longest_then_earliest(contained, _match_bounds))
            else:
                replacements[index] = self._with_surfaces(text, [span], not self._placed_by_position(text, span[1]))
        if not replacements:
            return spans, infos
        new_spans, new_infos = [], []
        for index, (span, info) in enumerate(zip(spans, infos)):
            replacement = replacements.get(index)
            if replacement is None:
                new_spans.append(span)
                new_infos.append(info)
            else:
                new_spans += replacement[0]
                new_infos += replacement[1]
        return new_spans, new_infos

    def _stands_as_word(self, text: str, match) -> bool:
        return load_word_counts().stands_as_word(text, match[1], match[2], self._tested[match[0]] == _TESTED_SUFFIXED)

    def _placed_by_position(self, text: str, start: int) -> bool:
        """A name in the page's headline (its first line, when that is short:
        a title, a table cell), or right after 位于 / 地处, is a place
        whatever words surround it."""
        first_line_end = text.find("\n", 0, _LONGEST_HEADLINE + 1)
        if start < (len(text) if first_line_end == -1 and len(text) <= _LONGEST_HEADLINE else first_line_end):
            return True
        return text.endswith(self._place_words, max(0, start - 4), start)

    def _surface(self, slot: int) -> _Surface | None:
        """The candidates of a surface (a short form glued to 巷/路/街 names a
        street, not the unit), made once per matcher; None when none is left."""
        surface, inside_words, followed_by_street = self._patterns[slot >> 2][0], slot & 2, slot & 1
        candidates = [candidate for candidate in self.index.candidates[surface]
                      if not (followed_by_street and self.index.is_short_form(surface, candidate.via))]
        info = None
        if candidates:
            info = _Surface(surface, candidates, surface in self.index.config.needs_ancestor_in_document,
                            needs_parent=bool(inside_words))
        self._found[slot] = info
        return info

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


_UNSEEN = object()  # a surface not looked up yet

_SURROGATE = re.compile("[\ud800-\udfff]")
_STAND_IN = "\ufffe"  # a noncharacter: no surface holds it


def _automaton(surfaces) -> ahocorasick_rs.AhoCorasick:
    """Reports overlapping matches (MatchKind.Standard); the contiguous NFA
    builds in a tenth of a second and scans about as fast as the DFA."""
    if any(_STAND_IN in surface or _SURROGATE.search(surface) for surface in surfaces):
        raise ValueError("a region surface holds a surrogate or U+FFFE")
    return ahocorasick_rs.AhoCorasick(list(surfaces), matchkind=ahocorasick_rs.MatchKind.Standard,
                                      implementation=ahocorasick_rs.Implementation.ContiguousNFA,
                                      store_patterns=False)


_START = operator.itemgetter(1)

# What a pattern's word test is (RegionMatcher._tested).
_UNTESTED, _TESTED, _TESTED_SUFFIXED = 0, 1, 2
# Names this long or longer are not tested: four characters are hardly ever
# an accident of the characters around them.
_LONGEST_TESTED_NAME = 3


# A first line this long or shorter is a headline (see _placed_by_position).
_LONGEST_HEADLINE = 80


def _word_test(surface: str) -> int:
    if len(surface) > _LONGEST_TESTED_NAME:
        return _UNTESTED
    return _TESTED_SUFFIXED if level_of_suffix(surface) is not None else _TESTED


def _inside(matches, match) -> list:
    """The other matches within ``match``'s span; ``matches`` sorted by start."""
    start, end = match[1], match[2]
    index = bisect.bisect_left(matches, start, key=_START)
    found = []
    while index < len(matches) and matches[index][1] < end:
        other = matches[index]
        if other[2] <= end and other is not match and (other[1], other[2]) != (start, end):
            found.append(other)
        index += 1
    return found


def _match_bounds(match) -> tuple[int, int]:
    return match[1], match[2]


# -- resolving --------------------------------------------------------------

class _Context:
    """The units resolved so far: their keys, (root, province) prefixes, all
    key prefixes, and the towns named in full. Only ever grows.

    A rule reads only the mention and the context, so a rule that left a
    mention undecided leaves it so until what it reads changes. A page names
    the same few units over and over: the context changes a handful of times
    per page, far fewer than the rules are tried. ``version`` counts the
    changes; ``gate_stamps[reads]`` those of the parts a surface's gates read
    (``_Surface.reads``: a mask of _NAMED, _TOWNS, _PROVINCES). ``viable``:
    per surface, the gate stamp and the options its gates let through then."""

    __slots__ = ("named", "provinces", "prefixes", "named_towns", "gate_stamps", "version", "viable")

    def __init__(self) -> None:
        self.named: set[str] = set()
        self.provinces: set[str] = set()
        self.prefixes: set[str] = set()
        self.named_towns: set[str] = set()
        self.gate_stamps = [0] * ((_NAMED | _TOWNS | _PROVINCES) + 1)
        self.version = 0
        self.viable: dict[_Surface, tuple[int, Sequence[_Option]]] = {}

    def record(self, chosen: _Option) -> None:
        key = chosen.key
        if key not in self.named:
            self.named.add(key)
            self.prefixes.update(chosen.prefixes)
            self._changed(_NAMED)
            province = chosen.prefixes[0]
            if province not in self.provinces:
                self.provinces.add(province)
                self._changed(_PROVINCES)
        if chosen.names_town and key not in self.named_towns:
            self.named_towns.add(key)
            self._changed(_TOWNS)

    def _changed(self, part: int) -> None:
        self.version += 1
        stamps = self.gate_stamps
        for reads in range(len(stamps)):
            if reads & part:
                stamps[reads] += 1


# The parts of the context that gates read.
_NAMED, _TOWNS, _PROVINCES = 1, 2, 4


def _hopeless(infos: list[_Surface]) -> set[_Surface]:
    """The town short forms of a document whose towns it never names in
    full: most mentions are such (发展, 创新, 社区). Gates only let more
    through as the context grows, and the towns named in full can only come
    from the options of the surfaces found: a short form whose towns are
    none of those is never viable, so it stays undecided with nothing
    viable to the end, which decides nothing and is left out of the result.
    It is not resolved at all."""
    surfaces = set(infos)
    towns: set[str] = set()
    for info in surfaces:
        if info.town_keys:
            towns.update(info.town_keys)
    return {info for info in surfaces if info.short_form_keys is not None and info.short_form_keys.isdisjoint(towns)}


def _resolve(pending: list[_Pending], context: _Context) -> _Context:
    """The rules only ever look at undecided mentions, in text order: the
    sweeps go over a list of those, shortened as mentions are decided."""
    undecided = pending
    while True:
        undecided = _resolve_by_context(undecided, context)
        if not _resolve_one_by_fallback(undecided, context):
            return context


def _viable(item: _Pending, context: _Context, stamp: int) -> Sequence[_Option]:
    """Options that pass the gates, given the units resolved so far (worked
    out again only when what the gates read has changed)."""
    info = item.info
    if not stamp:  # nothing the gates read has changed from empty yet
        return info.viable_at_start
    known = context.viable.get(info)
    if known is None or known[0] != stamp:  # the same for every mention of the surface
        known = context.viable[info] = (stamp, _gate(info, context))
    return known[1]


def _gate(info: _Surface, context: _Context) -> Sequence[_Option]:
    if not info.reads:
        return info.options
    named_towns = context.named_towns
    if info.needs_parent:
        named = context.named
        return [o for o in info.options
                if (not o.short or o.key in named_towns) and (o.vouching_parent in named or o.key in named)]
    if info.needs_ancestor:
        named = context.named
        return [o for o in info.options
                if (not o.short or o.key in named_towns) and not named.isdisjoint(o.ancestors)]
    provinces = context.provinces
    return [o for o in info.options
            if (not o.short or o.key in named_towns) and (not o.needs_context or o.province in provinces)]


def _needs_context(candidate: Candidate, surface: str) -> bool:
    """Names too short or too generic to trust without something nearby
    in the same province: a county's short alias (大城 in 大城市, 望江 in 望江路
    of another city), an old short name (江干), town names that are two
    characters or no 街道/镇/乡 at all (乌镇, 林场, 产业集聚区), and any name
    of one character and its suffix (兴县 in 开放兴县, 新县 in 新县城, 芒市).
    Province and city short names (杭州, 浙江) are well known and need none."""
    region = candidate.region
    if candidate.via == "alias":
        return region.level in ("county", "town")
    if candidate.via == "historical":
        return level_of_suffix(surface) is None
    if candidate.via == "name" and len(surface) == 2 and region.level != "province":
        return True
    if candidate.via == "name" and region.level == "town":
        return not region.name.endswith(TOWN_SUFFIXES)
    return False


def _deepest_in(option: _Option, keys: set[str]) -> int:
    """Depth of the nearest of the option's ancestors in ``keys``, 0 if none."""
    ancestors = option.ancestors
    for index, ancestor in enumerate(ancestors):
        if ancestor in keys:
            return len(ancestors) + 1 - index
    return 0


def _resolve_by_context(undecided: list[_Pending], context: _Context) -> list[_Pending]:
    """Unique names first (they are the surest context), then context, until
    nothing changes. Returns the mentions still undecided."""
    while _sweep_single(undecided, context) or _sweep_closest(undecided, context):
        undecided = [item for item in undecided if item.chosen is None]
    return undecided


def _sweep_single(pending: list[_Pending], context: _Context) -> bool:
    """Decide the mentions left with one viable option, in text order (each
    decision is context for the next); True if any was. Reads only the gates."""
    changed = False
    stamps = context.gate_stamps
    for item in pending:
        if item.chosen is None:
            stamp = stamps[item.reads]
            if item.single_seen == stamp:
                continue
            viable = _viable(item, context, stamp)
            if len(viable) == 1:
                item.chosen = viable[0]
                context.record(viable[0])
                changed = True
            else:
                item.single_seen = stamp
    return changed


def _sweep_closest(pending: list[_Pending], context: _Context) -> bool:
    """Decide the mentions whose viable options the context narrows to one."""
    changed = False
    for item in pending:
        if item.chosen is None and item.closest_seen != context.version:
            viable = _viable(item, context, context.gate_stamps[item.reads])
            choice = _single(_closest_to_context(viable, context)) if viable else None
            if choice is None:
                item.closest_seen = context.version
            else:
                item.chosen = choice
                context.record(choice)
                changed = True
    return changed


def _closest_to_context(viable, context: _Context) -> list[_Option]:
    """Candidates with an ancestor named in the document; failing that, those
    sharing the deepest ancestor (province at least) with a named unit."""
    # The nearest named ancestor counts most: with 山西省 and 阳泉市 named,
    # 城区 is 阳泉's, not 晋城's.
    named = context.named
    named_depth = [_deepest_in(option, named) for option in viable]
    deepest = max(named_depth, default=0)
    if deepest:
        return [option for option, depth in zip(viable, named_depth) if depth == deepest]
    # The ancestor shared with a named unit: the longest prefix of the path
    # that is a prefix of some named key.
    best_depth, best = 1, []
    for option in viable:
        depth = _deepest_in(option, context.prefixes)
        if depth > best_depth:
            best_depth, best = depth, [option]
        elif depth == best_depth and depth > 1:
            best.append(option)
    return best


def _resolve_one_by_fallback(pending: list[_Pending], context: _Context) -> bool:
    """Decide the leftmost mention that a fallback decides; True if one was.
    Reads only the gates."""
    for item in pending:
        if item.chosen is not None:
            continue
        stamp = context.gate_stamps[item.reads]
        if item.fallback_seen == stamp:
            continue
        viable = _viable(item, context, stamp)
        choice = None
        if viable:
            viable = _best_via(viable)
            choice = _single(viable) or _single(_highest_if_city_or_above(viable))
        if choice is not None:
            item.chosen = choice
            context.record(choice)
            return True
        item.fallback_seen = stamp
    return False


def _best_via(viable) -> list[_Option]:
    best = min(option.via_rank for option in viable)
    return [option for option in viable if option.via_rank == best]


def _highest_if_city_or_above(viable: list[_Option]) -> list[_Option]:
    top = min(option.level_rank for option in viable)
    if top > LEVEL_RANK["city"]:
        return []
    return [option for option in viable if option.level_rank == top]


def _single(options):
    return options[0] if len(options) == 1 else None


def _to_mention(item: _Pending, context: _Context) -> RegionMention | None:
    chosen = item.chosen
    if chosen is not None:
        return RegionMention(item.start, item.end, item.info.surface, chosen.region,
                             item.info.regions, chosen.historical, chosen.via)
    left = _viable(item, context, context.gate_stamps[item.reads])
    if not left:
        return None  # gated out
    left = _best_via(left)
    regions = tuple(option.region for option in left)
    return RegionMention(item.start, item.end, item.info.surface, unresolved_region(regions), regions,
                         all(option.historical for option in left), left[0].via)


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


# -- disk cache: building the surface index takes ~0.6 s -------------------
# (the automaton cannot be pickled: it is built anew, in ~0.1 s)

_MATCHER_CACHE_FORMAT = 3


def _matcher_cache_path(gazetteer: Gazetteer, aliases_path: Path) -> Path:
    """Keyed by everything the matcher is built from: the data package, the
    alias file, and the code that builds it."""
    from extractors.regions import aliases as region_aliases, gazetteer as gazetteer_module

    digest = hashlib.sha256(f"{_MATCHER_CACHE_FORMAT}:{gazetteer.jionlp_version}:{gazetteer_module.CACHE_FORMAT}".encode())
    for path in (aliases_path, Path(region_aliases.__file__), Path(__file__), Path(gazetteer_module.__file__)):
        digest.update(path.read_bytes())
    return cache_directory() / f"region-matcher-{digest.hexdigest()[:20]}.pickle"


def _read_cached_matcher(path: Path, gazetteer: Gazetteer, config) -> RegionMatcher | None:
    try:
        candidates, synthetic_fields = read_cached(path)
    except (TypeError, ValueError):     # nothing cached, or another shape
        return None
    synthetic = {fields[4] + (fields[0],): Region(*fields) for fields in synthetic_fields}
    regions = {key: synthetic.get(key) or gazetteer.by_key(key) for key in
               {key for entries in candidates.values() for key, _ in entries}}
    if any(region is None for region in regions.values()):
        return None
    index = SurfaceIndex(_CandidatesOnDemand(candidates, regions), config, synthetic)
    return RegionMatcher(gazetteer, index)


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
    candidates = {surface: tuple((c.region.key, c.via) for c in entries)
                  for surface, entries in matcher.index.candidates.items()}
    synthetic = [(r.name, r.level, r.code, r.parent, r.path, r.synthetic, r.unresolved)
                 for r in matcher.index.synthetic_regions.values()]
    write_cached(path, (candidates, synthetic))


def find_region_mentions(text: str, gazetteer: Gazetteer | None = None, *,
                         resolve_communities: bool = False, known: Sequence[Region] = ()) -> list[RegionMention]:
    """Every administrative unit the document names, in text order.

    ``text`` is a whole document (already in simplified characters); offsets
    index it directly. ``resolve_communities`` also maps ``XX社区``/``XX村``
    to the town that holds it (loads 650k community names on first use).
    ``known``: units the page is known to be about (its title's), which
    settle names the text alone leaves open.
    """
    return region_matcher(gazetteer or load_gazetteer()).find(text, resolve_communities, known)
