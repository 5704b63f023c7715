"""Regions: the public face of the gazetteer, the alias table and mention finding.

Import from here; the work is split along its seams:

* ``gazetteer``        the division tree and change log from the jionlp data
* ``region_aliases``   surface forms: data aliases + ``data/region_aliases.yaml``
* ``region_mentions``  finding names in a document and deciding what they mean
"""
from extractors.gazetteer import (
    NATIONAL_ROOT_NAME, Gazetteer, HistoricalName, Region, build_gazetteer, level_of_suffix,
    load_gazetteer,
)
from extractors.region_aliases import (
    RegionAliasConfig, RegionAliasError, load_region_aliases, parse_region_aliases,
)
from extractors.region_mentions import RegionMention, find_region_mentions, region_matcher

__all__ = [
    "NATIONAL_ROOT_NAME", "Gazetteer", "HistoricalName", "Region", "RegionAliasConfig",
    "RegionAliasError", "RegionMention", "build_gazetteer", "find_region_mentions",
    "level_of_suffix", "load_gazetteer", "load_region_aliases", "parse_region_aliases",
    "region_matcher",
]
