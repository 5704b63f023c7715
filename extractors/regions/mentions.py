"""Find the administrative units a document names, with their candidates.

Find, then resolve (Recognizers-Text): an Aho-Corasick automaton
(ahocorasick_rs) over every surface of ``aliases.build_surface_index``
finds all matches; overlaps resolve the one way the project uses everywhere
(longest span, then earliest); a short name must stand as a word where it
was found (``words``: 市委/和/县委 holds no 和县), else it gives way to a name
inside it that does (杭州/市民 -> 杭州) or waits for the page to name its
parent. ``resolving`` then decides which unit each mention means.
"""
from __future__ import annotations

import bisect
import functools
import operator
import re
from collections.abc import Sequence
from pathlib import Path

import ahocorasick_rs

from extractors.quantities.spans import longest_then_earliest
from extractors.regions.gazetteer import Gazetteer, Region, has_division_suffix, load_gazetteer
from extractors.regions.words import load_word_counts
from extractors.regions.aliases import (
    DEFAULT_ALIASES_PATH, Candidate, SurfaceIndex, build_surface_index, load_region_aliases,
)
from extractors.regions.resolving import (
    Context, Option, Pending, RegionMention, Surface, hopeless_surfaces, resolve, to_mention,
)
from extractors.regions.county_towns import with_towns_of_their_county
from extractors.regions.surface_cache import index_cache_path, read_cached_index, write_cached_index

_COMMUNITY_SUFFIXES = ("社区", "村")
_LONGEST_COMMUNITY_NAME = 10


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
        # Surface, None when nothing is left (a blocker), made on first use
        # (patterns beyond the last: a town short form and a newer suffix, see _renamed_towns)
        self._found: list = [_UNSEEN] * (4 * len(self._patterns) * (1 + len(_RENAMED_TOWNS)))
        for pattern, (_, is_blocker) in enumerate(self._patterns):
            if is_blocker:
                self._found[4 * pattern: 4 * pattern + 4] = [None] * 4
        # per pattern: is it a short name whose word boundaries are tested
        # (_TESTED), one ending in its unit's suffix too (_TESTED_SUFFIXED)?
        self._test_words = test_words
        self._tested = bytearray(_word_test(surface) if test_words and not is_blocker else _UNTESTED
                                 for surface, is_blocker in self._patterns)
        self._tested += bytes(len(self._patterns) * len(_RENAMED_TOWNS))      # set as each is made
        self._place_words = tuple(surface_index.config.place_name_follows)
        # a table's row labels (全市, 城镇, 农村) recur on every table and page: found once
        self._find_short = functools.lru_cache(maxsize=_REMEMBERED_SHORT_TEXTS)(self._find_as_tuple)
        if test_words:
            load_word_counts()      # with the matcher: nearly every page has a short name to test

    def find(self, text: str, resolve_communities: bool = False, known: Sequence[Region] = ()) -> list[RegionMention]:
        """``known``: units the page is known to be about (named in its
        title): context like a unit named in the text, so 城关镇 on a page
        titled 某县… is that county's town."""
        if len(text) <= _LONGEST_SHORT_TEXT:
            return list(self._find_short(text, resolve_communities, tuple(known)))
        return self._find(text, resolve_communities, known)

    def _find_as_tuple(self, text: str, resolve_communities: bool, known: tuple[Region, ...]) -> tuple[RegionMention, ...]:
        return tuple(self._find(text, resolve_communities, known))

    def _find(self, text: str, resolve_communities: bool, known: Sequence[Region]) -> list[RegionMention]:
        pending = self._spans_with_candidates(text)
        context = Context()
        for region in known:
            if not region.unresolved:
                context.record(_known_option(region))
        for item in self._heading_the_page(text, pending):
            context.record(item.info.options[0])
        context = resolve(pending, context)
        mentions = [to_mention(item, context) for item in pending]
        mentions = with_towns_of_their_county(text, [mention for mention in mentions if mention is not None],
                                             self.gazetteer)
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

    def _renamed_towns(self, text: str, matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
        """A town short form followed by a newer suffix (唱歌街道 where the data has 唱歌镇, 唱歌镇
        where it has 唱歌乡): the town renamed after the data's vintage (撤镇设街道, 撤乡设镇), as a
        match of the whole name, listed first: where a unit of that full name exists, the two
        are one surface (see _renamed_town_surface)."""
        renamed = []
        for number, (suffix, _) in enumerate(_RENAMED_TOWNS, start=1):
            offset = number * len(self._patterns)
            for pattern, start, end in _ending_before(matches, text, suffix):
                if self._patterns[pattern][1]:
                    continue
                info = self._found[4 * (pattern + offset)]
                if info is _UNSEEN:
                    info = self._surface(4 * (pattern + offset))
                if info is not None:
                    renamed.append((pattern + offset, start, end + len(suffix)))
        return renamed + matches if renamed else matches

    def _spans_with_candidates(self, text: str) -> list[Pending]:
        matches = self._renamed_towns(text, self._matches(text))
        spans, infos = self._with_surfaces(text, longest_then_earliest(matches, _match_bounds))
        hopeless = hopeless_surfaces(infos)
        tested = self._tested
        # the word test runs only where a short name is left to resolve
        to_test = [index for index, span in enumerate(spans) if tested[span[0]] and infos[index] not in hopeless]
        if to_test:
            spans, infos = self._tested_for_words(text, matches, spans, infos, to_test)
            hopeless = hopeless_surfaces(infos)
        return [Pending(span[1], span[2], info) for span, info in zip(spans, infos) if info not in hopeless]

    def _with_surfaces(self, text: str, kept, inside_words: bool = False) -> tuple[list, list[Surface]]:
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

    def _tested_for_words(self, text: str, matches, spans, infos, to_test) -> tuple[list, list[Surface]]:
        """A short name (at ``to_test`` in ``spans``) that does not stand as a
        word where it was found gives way to the names inside it that do
        (杭州/市民 holds 杭州, not 杭州市); where none does, it is kept, marked
        as inside words (see Surface.needs_parent), unless it heads the page
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

    @staticmethod
    def _heading_the_page(text: str, pending: list[Pending]) -> list[Pending]:
        """A name of one unit only that opens the page's first line, after a year at
        most (高县2023年…公报, 2023年珙县…), is the unit the page is about: it needs
        nothing else nearby, as a name of one character and its suffix otherwise does."""
        first_line_end = text.find("\n", 0, _LONGEST_HEADLINE + 1)
        if first_line_end == -1 and len(text) > _LONGEST_HEADLINE:
            return []
        lead = _PAGE_HEAD_LEAD.match(text)
        at = lead.end() if lead else 0
        return [item for item in pending[:1] if item.start == at and len(item.info.regions) == 1
                and not item.info.needs_parent and not item.info.needs_ancestor
                and not item.info.options[0].needs_ancestor]

    def _placed_by_position(self, text: str, start: int) -> bool:
        """A name in the page's headline (its first line, when that is short:
        a title, a table cell), or right after 位于 / 地处, is a place
        whatever words surround it."""
        first_line_end = text.find("\n", 0, _LONGEST_HEADLINE + 1)
        if start < (len(text) if first_line_end == -1 and len(text) <= _LONGEST_HEADLINE else first_line_end):
            return True
        return text.endswith(self._place_words, max(0, start - 4), start)

    def _surface(self, slot: int) -> Surface | None:
        """The candidates of a surface (a short form glued to 巷/路/街 names a
        street, not the unit), made once per matcher; None when none is left."""
        pattern, inside_words, followed_by_street = slot >> 2, slot & 2, slot & 1
        if pattern >= len(self._patterns):
            renaming, short_form = divmod(pattern, len(self._patterns))
            info = self._renamed_town_surface(pattern, self._patterns[short_form][0], *_RENAMED_TOWNS[renaming - 1],
                                              needs_parent=bool(inside_words))
            self._found[slot] = info
            return info
        surface = self._patterns[pattern][0]
        candidates = [candidate for candidate in self.index.candidates[surface]
                      if not (followed_by_street and self.index.is_short_form(surface, candidate.via))]
        info = None
        if candidates:
            info = Surface(surface, candidates, surface in self.index.config.needs_ancestor_in_document,
                            needs_parent=bool(inside_words))
        self._found[slot] = info
        return info

    def _renamed_town_surface(self, pattern: int, short_form: str, suffix: str, older: tuple[str, ...],
                              needs_parent: bool) -> Surface | None:
        """The towns whose name ends in an ``older`` suffix, named ``short_form`` + ``suffix``, with
        any unit that has that name (a renamed town counts only where the page names its county
        or city: see resolving.Option.needs_ancestor); None where no town was so renamed."""
        full = short_form + suffix
        towns = [Candidate(candidate.region, "renamed_town") for candidate in self.index.candidates[short_form]
                 if candidate.via == "town_short_form" and candidate.region.name.endswith(older)]
        if not towns or full in self.index.config.blockers:
            return None
        if self._test_words:
            self._tested[pattern] = _word_test(full)
        named = list(self.index.candidates.get(full, ()))
        return Surface(full, named + towns, full in self.index.config.needs_ancestor_in_document,
                       needs_parent=needs_parent)

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
# Texts this short (row labels, titles) are remembered, this many of them.
_LONGEST_SHORT_TEXT = 40
_REMEMBERED_SHORT_TEXTS = 4096
# A town's newer suffix and the suffixes it replaces: towns become streets, townships towns.
_RENAMED_TOWNS = (("街道", ("镇", "乡")), ("镇", ("乡",)))

_SURROGATE = re.compile("[\ud800-\udfff]")
_STAND_IN = "\ufffe"  # a noncharacter: no surface holds it


def _automaton(surfaces) -> ahocorasick_rs.AhoCorasick:
    """Reports overlapping matches (MatchKind.Standard); the contiguous NFA
    builds in a tenth of a second and scans about as fast as the DFA."""
    joined = "".join(surfaces)
    if _STAND_IN in joined or _SURROGATE.search(joined):
        raise ValueError("a region surface holds a surrogate or U+FFFE")
    return ahocorasick_rs.AhoCorasick(list(surfaces), matchkind=ahocorasick_rs.MatchKind.Standard,
                                      implementation=ahocorasick_rs.Implementation.ContiguousNFA,
                                      store_patterns=False)


_START = operator.itemgetter(1)
_END = operator.itemgetter(2)

# What a pattern's word test is (RegionMatcher._tested).
_UNTESTED, _TESTED, _TESTED_SUFFIXED = 0, 1, 2
# Names this long or longer are not tested: four characters are hardly ever
# an accident of the characters around them.
_LONGEST_TESTED_NAME = 3


# A first line this long or shorter is a headline (see _placed_by_position).
_LONGEST_HEADLINE = 80
_PAGE_HEAD_LEAD = re.compile(r"[\s\u3000]*(?:(?:19|20)\d\d\s*年(?:度)?)?")


def _word_test(surface: str) -> int:
    if len(surface) > _LONGEST_TESTED_NAME:
        return _UNTESTED
    return _TESTED_SUFFIXED if has_division_suffix(surface) else _TESTED


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


def _ending_before(matches, text: str, word: str) -> list:
    """The matches that ``word`` follows, in their order; ``matches`` in order of their end
    (found from the word's places: a page holds a suffix far more seldom than names)."""
    found = []
    position = text.find(word)
    while position != -1:
        index = bisect.bisect_left(matches, position, key=_END)
        while index < len(matches) and matches[index][2] == position:
            found.append(matches[index])
            index += 1
        position = text.find(word, position + 1)
    return found


def _match_bounds(match) -> tuple[int, int]:
    return match[1], match[2]


@functools.lru_cache(maxsize=1024)
def _known_option(region: Region) -> Option:
    """A unit the page is known to be about, as if named: made once, since the same few units
    are known on page after page and on every row label of a table (see ``find``)."""
    return Option(Candidate(region, "name"), region.name)


# -- entry points -----------------------------------------------------------

@functools.cache
def region_matcher(gazetteer: Gazetteer, aliases_path: Path = DEFAULT_ALIASES_PATH) -> RegionMatcher:
    """Built once per process (and per gazetteer / alias file); for the
    process-wide gazetteer, loaded from the disk cache when one is there."""
    config = load_region_aliases(Path(aliases_path))
    default = load_gazetteer.cache_info().currsize and gazetteer is load_gazetteer()
    cache = index_cache_path(gazetteer, Path(aliases_path)) if default else None
    index = read_cached_index(cache, gazetteer, config) if cache else None
    if index is None:
        index = build_surface_index(gazetteer, config)
        if cache:
            write_cached_index(cache, index)
    return RegionMatcher(gazetteer, index)


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
