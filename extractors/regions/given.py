"""A region the user names (manifest ``region``, ``extract --region``) -> its unit.

The name is read like a name in a text (``杭州市滨江区``, ``滨江区``, ``滨江``),
and must name one administrative unit: a name that is no division, or that
several divisions share without a parent to tell them apart, is an error.
"""
from __future__ import annotations

from extractors.regions.gazetteer import Gazetteer, Region
from extractors.regions.mentions import find_region_mentions


class UnknownRegion(ValueError):
    """The name given as a region is not one administrative division."""


def region_named(name: str, gazetteer: Gazetteer) -> Region:
    text = str(name).strip()
    mentions = find_region_mentions(text, gazetteer) if text else []
    covered = sum(m.end - m.start for m in mentions)
    if mentions and covered == len(text):
        last = mentions[-1]
        if last.region is not None:
            return last.region
        examples = "、".join(f"{c.parent}{c.name}" for c in last.candidates[:3])
        raise UnknownRegion(f"region {name!r} names several divisions ({examples}…); "
                            "write it with its city or province")
    found = gazetteer.get(text)
    if len(found) == 1:
        return found[0]
    if found:
        examples = "、".join(f"{c.parent}{c.name}" for c in found[:3])
        raise UnknownRegion(f"region {name!r} names several divisions ({examples}…); "
                            "write it with its district or city")
    raise UnknownRegion(f"region {name!r} is not an administrative division "
                        "(give its official name, e.g. 滨江区 or 杭州市滨江区)")
