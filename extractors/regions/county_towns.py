"""Towns a page places in a county by naming them right after it (某某区唐家墩街道).

The division list lags behind: streets are made and renamed every year, and a
town name it knows may be another county's namesake. A name written right
after its county says which county it belongs to, so such a town becomes a
unit of that county (synthetic, without a code) and every other mention of
the name on the page follows it. Mentions in, mentions out.
"""
from __future__ import annotations

import re

from extractors.regions.gazetteer import Gazetteer, Region, has_division_suffix
from extractors.regions.resolving import RegionMention
from extractors.regions.words import load_word_counts

# 某某区唐家墩街道: a street or town named right after its county.
_TOWN_AFTER_COUNTY = re.compile(r"([\u4e00-\u9fff]{2,4}?)(?:街道|镇)")
# A town name does not open with a word that counts or points (各相关街道, 所有街道, 该镇).
_NOT_A_NAME_START = frozenset("各全该本每多两几其此这那某所")


def with_towns_of_their_county(text: str, mentions: list[RegionMention], gazetteer: Gazetteer) -> list[RegionMention]:
    """A town the text places in a county by naming it right after the county (某某区唐家墩街道)
    is a town of that county, also where the division list lacks it (a street made since) or
    knows that name only in another county: a unit of its own (synthetic, no code), and every
    other mention of the name on the page is that unit."""
    towns: dict[str, Region] = {}
    by_start = {mention.start: mention for mention in mentions}
    for mention in mentions:
        county = mention.region
        if county is None or county.unresolved or county.level != "county":
            continue
        following = by_start.get(mention.end)
        if following is not None:
            if following.region is not None and following.region.level == "town" \
                    and has_division_suffix(following.surface) and not gazetteer.is_within(following.region, county):
                towns.setdefault(following.surface, _town_of(following.surface, county))
            continue
        named = _TOWN_AFTER_COUNTY.match(text, mention.end)
        if named is not None and _could_be_a_name(named.group(1)):
            towns.setdefault(named.group(), _town_of(named.group(), county))
    if not towns:
        return mentions
    kept = [mention for mention in mentions if mention.surface not in towns]
    taken = [(mention.start, mention.end) for mention in kept]
    for name, town in towns.items():
        position = text.find(name)
        while position != -1:
            end = position + len(name)
            if not any(start < end and position < stop for start, stop in taken):
                kept.append(RegionMention(position, end, name, town, (town,), False, "town_of_county"))
            position = text.find(name, end)
    return sorted(kept, key=lambda mention: mention.start)


def _town_of(name: str, county: Region) -> Region:
    return Region(name=name, level="town", code="", parent=county.name, path=county.key, synthetic=True)



def _could_be_a_name(stem: str) -> bool:
    """Not a word that counts or points (所有, 下辖, 各相关), nor one that opens with an ordinary word
    (辖区内): the division list's own names are found by the matcher, so only a name it lacks gets here."""
    if stem[0] in _NOT_A_NAME_START:
        return False
    words = load_word_counts()
    return not any(words.is_common_word(stem[:length]) for length in range(2, len(stem) + 1))
