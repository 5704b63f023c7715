"""Region names in English: the Hanyu Pinyin of the name and the English word of its division.

上城区 -> Shangcheng District, 小营街道 -> Xiaoying Subdistrict, 杭州市 ->
Hangzhou, 浙江省 -> Zhejiang. The words of each suffix are the catalog's
(``extractors/catalog/divisions.yaml``); the reading of the characters is
``pypinyin``'s, whose phrase dictionary reads place names such as 六安 or
蚌埠 as they are said. The Chinese name stays the key everywhere: this is
only what an English page shows.
"""
from __future__ import annotations

import functools

from pypinyin import Style, lazy_pinyin

from extractors.catalog import DIVISION_ENGLISH

# Longest suffix first: 自治区 before 区, 街道 before nothing.
_SUFFIXES = sorted(DIVISION_ENGLISH, key=len, reverse=True)
# A prefecture-level city and a province are their name alone; a county-level 市 is a City.
_NAME_ALONE_AT = {"city": ("市",), "province": ("省", "市")}


def _pinyin(stem: str) -> str:
    syllables = lazy_pinyin(stem, style=Style.NORMAL, errors="default")
    word = ""
    for syllable in syllables:
        # a syllable that starts with a vowel after another is set apart: Xi'an, not Xian
        word += ("'" if word and syllable[:1] in "aoe" else "") + syllable
    return word[:1].upper() + word[1:]


@functools.lru_cache(maxsize=65536)
def english_region_name(name: str, level: str = "") -> str:
    """``name`` in English; a name of no Chinese characters is returned as it is."""
    if not name or not any("\u4e00" <= character <= "\u9fff" for character in name):
        return name
    if level == "country":
        return "China"
    suffix = next((s for s in _SUFFIXES if name.endswith(s) and len(name) > len(s)), "")
    stem = name[: len(name) - len(suffix)] if suffix else name
    word = "" if suffix in _NAME_ALONE_AT.get(level, ()) else DIVISION_ENGLISH.get(suffix, "")
    return f"{_pinyin(stem)} {word}".strip()
