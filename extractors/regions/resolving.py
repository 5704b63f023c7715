"""Decide which unit each name of a page means.

``mentions`` finds the names and their candidates; this module narrows
each mention's candidates with the rest of the document (and the units the
page is known to be about) as context:

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

from collections.abc import Sequence
from dataclasses import dataclass

from extractors.catalog import LEVEL_RANK
from extractors.regions.gazetteer import Region, has_division_suffix, unresolved_region
from extractors.regions.aliases import TOWN_SUFFIXES, VIA_RANK, Candidate


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


class Option:
    """One candidate of a surface, with what resolving asks of it worked out
    once per matcher (a surface recurs on every page that names it). Keys
    and their prefixes are held as ``_key_id`` strings."""

    __slots__ = ("candidate", "region", "key", "prefixes", "via", "via_rank", "level_rank", "is_town",
                 "historical", "names_town", "short", "needs_context", "needs_ancestor", "vouchers", "province", "ancestors",
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
        # a renaming is inferred (X街道 for the data's X镇): only where the page names the town's
        # county or city, not just its province
        self.needs_ancestor = candidate.via == "renamed_town"
        self.vouchers = self.ancestors[:-1] if self.needs_ancestor else ()


class Surface:
    """A surface as found (glued to a street word or not, standing as a word
    or inside ordinary words) and its options."""

    __slots__ = ("surface", "options", "regions", "needs_ancestor", "needs_parent", "reads", "viable_at_start",
                 "town_keys", "short_form_keys")

    def __init__(self, surface: str, candidates: list[Candidate], needs_ancestor: bool,
                 needs_parent: bool = False) -> None:
        self.surface = surface
        self.options = tuple(Option(c, surface) for c in candidates)
        self.regions = tuple(c.region for c in candidates)
        self.needs_ancestor = needs_ancestor
        # found inside ordinary words (振兴山区): counts only where the
        # document names the unit's parent, or the unit where it stands as a word
        self.needs_parent = needs_parent
        # which parts of the context the gates read, see Context.gate_stamps
        self.reads = ((_NAMED if needs_ancestor or needs_parent or any(o.needs_ancestor for o in self.options) else 0)
                      | (_TOWNS if any(option.short for option in self.options) else 0)
                      | (_PROVINCES if not needs_ancestor and any(o.needs_context for o in self.options) else 0))
        # what the gates let through while the parts they read are empty
        self.viable_at_start = _gate(self, Context())
        # the towns choosing one of its options names in full (see Context.record)
        self.town_keys = frozenset(option.key for option in self.options if option.names_town)
        # a town short form (发展, 社区) only: its towns, one of which must be named in full
        self.short_form_keys = (frozenset(option.key for option in self.options)
                                if all(option.short for option in self.options) else None)


class Pending:
    """A mention being resolved. ``*_seen``: the stamp (see Context) at which
    a rule last left it undecided."""

    __slots__ = ("start", "end", "info", "reads", "chosen", "single_seen", "closest_seen", "fallback_seen")

    def __init__(self, start: int, end: int, info: Surface) -> None:
        self.start, self.end, self.info, self.reads = start, end, info, info.reads
        self.chosen: Option | None = None
        self.single_seen = self.closest_seen = self.fallback_seen = -1



class Context:
    """The units resolved so far: their keys, (root, province) prefixes, all
    key prefixes, and the towns named in full. Only ever grows.

    A rule reads only the mention and the context, so a rule that left a
    mention undecided leaves it so until what it reads changes. A page names
    the same few units over and over: the context changes a handful of times
    per page, far fewer than the rules are tried. ``version`` counts the
    changes; ``gate_stamps[reads]`` those of the parts a surface's gates read
    (``Surface.reads``: a mask of _NAMED, _TOWNS, _PROVINCES). ``viable``:
    per surface, the gate stamp and the options its gates let through then."""

    __slots__ = ("named", "provinces", "prefixes", "named_towns", "gate_stamps", "version", "viable")

    def __init__(self) -> None:
        self.named: set[str] = set()
        self.provinces: set[str] = set()
        self.prefixes: set[str] = set()
        self.named_towns: set[str] = set()
        self.gate_stamps = [0] * ((_NAMED | _TOWNS | _PROVINCES) + 1)
        self.version = 0
        self.viable: dict[Surface, tuple[int, Sequence[Option]]] = {}

    def record(self, chosen: Option) -> None:
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


def hopeless_surfaces(infos: list[Surface]) -> set[Surface]:
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


def resolve(pending: list[Pending], context: Context) -> Context:
    """The rules only ever look at undecided mentions, in text order: the
    sweeps go over a list of those, shortened as mentions are decided."""
    undecided = pending
    while True:
        undecided = _resolve_by_context(undecided, context)
        if not _resolve_one_by_fallback(undecided, context):
            return context


def _viable(item: Pending, context: Context, stamp: int) -> Sequence[Option]:
    """Options that pass the gates, given the units resolved so far (worked
    out again only when what the gates read has changed)."""
    info = item.info
    if not stamp:  # nothing the gates read has changed from empty yet
        return info.viable_at_start
    known = context.viable.get(info)
    if known is None or known[0] != stamp:  # the same for every mention of the surface
        known = context.viable[info] = (stamp, _gate(info, context))
    return known[1]


def _gate(info: Surface, context: Context) -> Sequence[Option]:
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
    provinces, named = context.provinces, context.named
    return [o for o in info.options
            if (not o.short or o.key in named_towns) and (not o.needs_context or o.province in provinces)
            and (not o.needs_ancestor or not named.isdisjoint(o.vouchers))]


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
        return not has_division_suffix(surface)
    if candidate.via == "name" and len(surface) == 2 and region.level != "province":
        return True
    if candidate.via == "name" and region.level == "town":
        return not region.name.endswith(TOWN_SUFFIXES)
    return False


def _deepest_in(option: Option, keys: set[str]) -> int:
    """Depth of the nearest of the option's ancestors in ``keys``, 0 if none."""
    ancestors = option.ancestors
    for index, ancestor in enumerate(ancestors):
        if ancestor in keys:
            return len(ancestors) + 1 - index
    return 0


def _resolve_by_context(undecided: list[Pending], context: Context) -> list[Pending]:
    """Unique names first (they are the surest context), then context, until
    nothing changes. Returns the mentions still undecided."""
    while _sweep_single(undecided, context) or _sweep_closest(undecided, context):
        undecided = [item for item in undecided if item.chosen is None]
    return undecided


def _sweep_single(pending: list[Pending], context: Context) -> bool:
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


def _sweep_closest(pending: list[Pending], context: Context) -> bool:
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


def _closest_to_context(viable, context: Context) -> list[Option]:
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


def _resolve_one_by_fallback(pending: list[Pending], context: Context) -> bool:
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


def _best_via(viable) -> list[Option]:
    best = min(option.via_rank for option in viable)
    return [option for option in viable if option.via_rank == best]


def _highest_if_city_or_above(viable: list[Option]) -> list[Option]:
    top = min(option.level_rank for option in viable)
    if top > LEVEL_RANK["city"]:
        return []
    return [option for option in viable if option.level_rank == top]


def _single(options):
    return options[0] if len(options) == 1 else None


def to_mention(item: Pending, context: Context) -> RegionMention | None:
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
