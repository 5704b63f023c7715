"""Regions: a page in, the administrative unit each figure describes out.

* ``jionlp_data`` where the jionlp package keeps its data, and its version
* ``gazetteer``  the division tree, codes and change log from the jionlp data
* ``aliases``    surface forms: data aliases + ``data/region_aliases.yaml``
* ``mentions``   finding names in a page, with their candidates
* ``words``      whether a short name stands as a word there (jionlp's word counts)
* ``resolving``  deciding which unit each name means, from the rest of the page
* ``county_towns`` towns named right after their county (某某区X街道), listed or not
* ``surface_cache`` the surface index kept on disk between runs
* ``frames``     words around a name that make it no evidence (visits,
                   comparisons, organisations): ``data/region_frames.yaml``
* ``home``       the unit a page is about (salience) and its topics
* ``given``      a region the user names (manifest ``region``, ``--region``)
* ``scope``      the unit a figure describes: its owner (``X的5%``), a ``分别``
                   list, its clause, a referring word (``全区``), its sentence,
                   the paragraph's or section's topic, the home unit
"""
from extractors.regions.gazetteer import (
    NATIONAL_ROOT_NAME, Gazetteer, HistoricalName, Region, build_gazetteer, level_of_suffix,
    load_gazetteer,
)
from extractors.regions.aliases import (
    RegionAliasConfig, RegionAliasError, load_region_aliases, parse_region_aliases,
)
from extractors.regions.mentions import RegionMention, find_region_mentions, region_matcher

__all__ = [
    "NATIONAL_ROOT_NAME", "Gazetteer", "HistoricalName", "Region", "RegionAliasConfig",
    "RegionAliasError", "RegionMention", "build_gazetteer", "find_region_mentions",
    "level_of_suffix", "load_gazetteer", "load_region_aliases", "parse_region_aliases",
    "region_matcher",
]
