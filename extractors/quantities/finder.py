"""Find quantities (number + unit) in a text; knows no indicator.

``find_quantities(text)`` returns ``models.Quantity`` rows with offsets into
``text``. Two compiled patterns do the finding, each in one left-to-right
pass:

- ``_CORE``: one quantity form (range, fraction, number + unit, 倍, 成,
  一半, 翻番), then an optional suffix qualifier (以上, 左右); ``_LEAD``
  then reads the lead words before it (a trend such as 下降, a qualifier
  such as 超过). Lead and suffix words set the sign and the qualifier but
  stay outside the span.
- ``_FROM_TO``: ``从1到8`` / ``由1增至8``, the one place where bare numbers
  without a unit are quantities.

Overlaps resolve one way: longest span wins, then the earliest.

The word lists below are data; the code only reads them.
"""
from __future__ import annotations

import functools
import re
from decimal import Decimal
from typing import Iterator

import regex

from extractors.catalog import (CLAUSE_BREAKS, CURRENCY_WORDS_BEFORE, GROWTH_NOUNS, MILESTONE_VERBS, TREND_WORDS,
                                alternation as _alternation)
from extractors.models import Quantity
from extractors.quantities.numbers import (
    ARABIC, FRACTION, NUMBER_TAIL, NUMERAL, NUMERAL_CHARACTERS, parse_number, trailing_multipliers,
)
from extractors.quantities.spans import longest_then_earliest
from extractors.quantities.units import UNIT_PATTERN, UNITS, lookup_unit, measure_for

# --- word lists -------------------------------------------------------------

# Words right before the number (after any trend word) -> qualifier.
PREFIX_QUALIFIERS: dict[str, str] = {
    "超过": "over", "超": "over", "逾": "over", "多达": "over", "超过了": "over",
    # a milestone reached: 迈上800亿元新台阶 is over 800亿元 (catalog/words.yaml)
    **{verb: "over" for verb in MILESTONE_VERBS}, "突破了": "over",
    "至少": "over", "不少于": "over", "不低于": "over",
    "近": "under", "将近": "under", "接近": "under", "逼近": "under", "不到": "under", "不足": "under",
    "不超过": "under", "不超": "under", "最多": "under",
    "上": "over",  # 上百家, 上亿元: only before a bare 百/千/万/亿 (see _PREFIX_LOOKAHEAD)
    "约": "approx", "大约": "approx", "近似": "approx", "大概": "approx",
    "达": "exact", "达到": "exact", "为": "exact", "增至": "exact", "升至": "exact", "降至": "exact",
    "减至": "exact", "增长至": "exact", "增长到": "exact", "提高到": "exact", "提高至": "exact",
    "提升至": "exact", "上升至": "exact", "下降至": "exact", "下降到": "exact", "回落至": "exact",
    # Words that end in a qualifier character but are no qualifier; listed
    # so that the longer word is consumed first (附近3家 is not "under").
    "附近": "exact", "最近": "exact", "节约": "exact", "签约": "exact", "制约": "exact", "预约": "exact",
}
# After a trend word these name the level reached, not the change: 由3.1%下降为1.9%
# (下降至/增长到 are prefix words of their own; 为 alone is one too). Not after
# 增长 (增长为8.2% is loose writing for a growth of 8.2%) or a noun of a rate (降幅为2%).
LEVEL_AFTER_TREND = ("为",)
TREND_BEFORE_ITS_RATE = ("增长", *GROWTH_NOUNS)
# Trend words before the number: a fall makes the value negative, and with an
# absolute unit either direction makes the quantity a change, not a level.
# (catalog/words.yaml)
# Words after the unit -> qualifier. 多/余 only count at a clause end (3个多功能室).
SUFFIX_QUALIFIERS: dict[str, str] = {
    "以上": "over", "之多": "over", "有余": "over", "出头": "over", "多": "over", "余": "over",
    "左右": "approx", "上下": "approx",
    "以下": "under", "以内": "under",
}
_PREFIX_LOOKAHEAD = {"上": "(?=[百千万亿])"}  # 线上300场 is online, not "over"
_SUFFIX_LOOKAHEAD = {"多": r"(?=[\p{P}\s的了]|$)", "余": r"(?=[\p{P}\s的了]|$)", "上下": "(?!游|班|级|文|午|半)"}
# 是2012年的1.62倍 / 为上年1.5倍: a ratio when one of these words comes
# earlier in the same clause; otherwise 倍 needs a rise word before it.
RATIO_CONTEXT = ("是", "为", "相当于")
_RATIO_LOOKBACK = 20  # characters; bounded so that the scan stays linear
_CLAUSE_END = regex.compile(f"[{regex.escape(CLAUSE_BREAKS)}\n]")
# 成 in 一成不变 or 三成员 is no tenth.
TENTHS_NOT_FOLLOWED_BY = ("为", "立", "本", "员", "果", "功", "效", "绩", "都", "熟", "长", "交", "型",
                          "就", "品", "分", "份", "色", "了", "是", "不", "年", "人", "才", "套", "批", "片")
RANGE_SEPARATORS = ("-", "－", "~", "～", "—", "–", "至", "到")
FROM_TO_CONNECTORS = ("到", "至", "增至", "升至", "降至", "减至", "增加到", "增加至", "增长到", "增长至",
                      "提升到", "提升至", "提高到", "提高至", "上升到", "上升至", "跃升至", "扩大到",
                      "扩大至", "下降到", "下降至", "减少到", "减少至", "发展到", "发展至", "变为")

# --- patterns ---------------------------------------------------------------


# A number may not continue a digit run, a decimal, a code (Baa2, 32-46,
# 2024/3/11), an ordinal (第三, 一届九次), a vague count (数十, 几百, 若干)
# or another numeral (两三家, 七八十个). A vague word is vague only before a
# spelled numeral: before digits 数 ends a noun (床位数3200张, 从业人数850人).
# Nor may it be the tail of a number broken by a hidden character or a group
# break (1\u200b000, 12 345, １，０００), or the exponent of 1.2E+10.
_NUMBER_START = (
    rf"(?<![{NUMERAL_CHARACTERS}A-Za-zＡ-Ｚａ-ｚ_/／\-第届])"
    r"(?:(?<![数几好若])|(?=[0-9０-９]))"
    r"(?<![0-9０-９],)"
    rf"(?!{NUMBER_TAIL})"
    r"(?<![eEｅＥ][+＋])"
)
# 负 is a minus written out, only right before digits (为负2.1‰; 负债, 负增长 are words)
_SIGN = r"(?<![0-9A-Za-z.])(?:[-−－]|负(?=[0-9０-９]))"
_SUFFIX = _alternation(SUFFIX_QUALIFIERS, _SUFFIX_LOOKAHEAD)
_TENTHS_DIGIT = rf"(?:[一二三四五六七八九两兩]|{ARABIC})"
# Characters a numeral and a unit are written with. Each form below is first
# guarded by a lookahead for its marker word after a run of these (a range
# needs a separator, a fraction 分之 or a slash, ...): a cheap scan that the
# form implies, so matches do not change, but most numbers skip the forms
# they cannot be without parsing the numeral once per form.
_NUMERAL_CHARS = f"{NUMERAL_CHARACTERS},点余多餘"
_UNIT_CHARS = "".join(sorted({character for surface in UNITS for character in surface}))


# The scan stops after this many characters, which keeps it linear on a page
# of digits; no numeral the parser accepts (numbers._MAX_LENGTH, 64) and its unit is longer.
_GUARD_REACH = 72


def _guard(run: str, marker: str, holds_past_reach: bool = False) -> str:
    past_reach = f"|[{run}]{{{_GUARD_REACH}}}" if holds_past_reach else ""
    return f"(?=[{run}]{{0,{_GUARD_REACH}}}?(?:{marker}){past_reach})"


# What every form needs right after its numeral: a unit, a range separator,
# 分之 or a slash, 倍, 成, the 半 of 一半 or the 翻 of 翻番 (a bare 万/亿 is
# itself a unit's first character). Checked once at a number's start, before
# any form: a year or an ordinal word (2024年, 一是) then tries none of them.
# Past the reach the guard holds, so that it never refuses what a form takes.
_FORM_MARKERS = "".join(sorted({surface[0] for surface in UNITS} | set("".join(RANGE_SEPARATORS))
                               | set("分/／倍成半翻 \u00a0")))
_ANY_FORM_GUARD = _guard(_NUMERAL_CHARS, f"[{regex.escape(_FORM_MARKERS)}]", holds_past_reach=True)
_RANGE_GUARD = _guard(_NUMERAL_CHARS + regex.escape(_UNIT_CHARS), "|".join(map(regex.escape, RANGE_SEPARATORS)))
_FRACTION_GUARD = _guard(_NUMERAL_CHARS, "分之|[/／]")
_TIMES_GUARD = _guard(_NUMERAL_CHARS, "倍")
_TENTHS_GUARD = _guard(_NUMERAL_CHARS, "成")

# Last characters of the lead words that qualify a number (近, 超, 逾, 上 ...).
_QUALIFIER_LAST_CHARACTERS = regex.escape("".join(sorted(
    {word[-1] for word, qualifier in PREFIX_QUALIFIERS.items() if qualifier != "exact"})))

# The quantity itself: sign or number start, one form, suffix qualifier.
_CORE_PATTERN = (
    rf"(?:(?P<sign>{_SIGN})|{_NUMBER_START})"
    rf"{_ANY_FORM_GUARD}(?:"
    # 从3到5家 is a change over time (see _FROM_TO), not a range.
    rf"{_RANGE_GUARD}(?P<range>(?<![从由])(?P<low>{NUMERAL})(?P<low_unit>{UNIT_PATTERN})?{_alternation(RANGE_SEPARATORS)}"
    rf"(?P<high>{NUMERAL})(?P<high_unit>{UNIT_PATTERN}))"
    rf"|{_FRACTION_GUARD}(?P<fraction>{FRACTION})"
    # one space may stand between number and unit (1231.6 亿元, 157 个)
    rf"|(?P<plain>(?P<number>{NUMERAL})[ \u00a0]?(?P<unit>{UNIT_PATTERN}))"
    rf"|{_TIMES_GUARD}(?P<times>(?P<times_number>{NUMERAL})倍)"
    rf"|{_TENTHS_GUARD}(?P<tenths>(?P<tenths_number>{_TENTHS_DIGIT}[余多]?)成(?!{'|'.join(TENTHS_NOT_FOLLOWED_BY)}))"
    # 亿元楼宇, 亿元以上项目: a bare 万/亿 is a number only with money after it
    # (elsewhere it is an idiom: 万家灯火); the engine marks these as labels.
    r"|(?P<scale_only>(?P<scale_word>[万亿萬億])(?P<scale_unit>元|美元)(?!旦|素|宇宙|宵|件|器))"
    # 近万人, 超万家, 上亿人次: after a qualifier a bare 万/亿 is one of itself
    # (resolution checks that the lead word really is a qualifier)
    rf"|(?<=[{_QUALIFIER_LAST_CHARACTERS}])(?P<qualified_scale>(?P<qualified_word>[万亿萬億])(?P<qualified_unit>{UNIT_PATTERN}))"
    r"|(?P<half>(?<!另)一半)"
    r"|(?P<doubling>翻了?(?P<doublings>[一二两三四1-4])?[番倍])"
    r")"
    rf"(?P<suffix>{_SUFFIX})?"
)
# The lead words before it. No lead word holds a character a quantity
# starts with (a numeral, a sign, 翻), so the words before a quantity are
# read back from where it starts: the same matches as one pattern
# ``_LEAD_PATTERN + _CORE_PATTERN`` scanned left to right, at half the cost,
# because the lead alternatives are tried only next to a quantity.
_TREND = _alternation(TREND_WORDS)
_LEAD_PATTERN = rf"(?P<trend>{_TREND})?了?(?P<prefix>{_alternation(PREFIX_QUALIFIERS, _PREFIX_LOOKAHEAD)})?"
# The characters a quantity starts with, told to the scanner up front: it
# then skips other characters in C instead of trying every form there.
_CORE_FIRST_CHARACTERS = "-−－负0-9０-９一二三四五六七八九两兩零〇十百千万萬亿億翻"
_CORE = regex.compile(f"(?=[{_CORE_FIRST_CHARACTERS}])" + _CORE_PATTERN)
_PREFIX_LOOKAHEADS = {word: regex.compile(lookahead) for word, lookahead in _PREFIX_LOOKAHEAD.items()}
# Where a lead word may start: searched for in C instead of testing each
# position before a quantity in Python.
_LEAD_FIRST_CHARACTER = re.compile(
    "[" + re.escape("".join(sorted({word[0] for word in (*TREND_WORDS, *PREFIX_QUALIFIERS)} | {"了"}))) + "]")
_LONGEST_LEAD = max(map(len, TREND_WORDS)) + len("了") + max(map(len, PREFIX_QUALIFIERS))


@functools.cache
def _lead(lookahead_words: frozenset[str]) -> regex.Pattern:
    """The lead words, matched up to the quantity's start (endpos), where a
    lookahead sees nothing: a prefix word with a lookahead (上 of 上百家) is
    in only when its lookahead holds where the quantity starts."""
    prefixes = [word for word in PREFIX_QUALIFIERS if word not in _PREFIX_LOOKAHEAD or word in lookahead_words]
    return regex.compile(rf"(?P<trend>{_TREND})?了?(?P<prefix>{_alternation(prefixes)})?")


# 新台币1832亿元, 港币达500万元: the currency written before the number (and its lead words)
_CURRENCY_BEFORE = regex.compile(f"(?:{_alternation(CURRENCY_WORDS_BEFORE)})$")
_LONGEST_CURRENCY_WORD = max(map(len, CURRENCY_WORDS_BEFORE))
_CURRENCY_LAST_CHARACTERS = frozenset(word[-1] for word in CURRENCY_WORDS_BEFORE)

_FROM_TO = regex.compile(
    rf"[从由](?P<first>{NUMERAL}){_alternation(FROM_TO_CONNECTORS)}(?P<second>{NUMERAL})"
    rf"(?P<unit>{UNIT_PATTERN})?"
    # Without a unit, the second number must not be a date, a time or an age.
    r"(?![年月日号时点分秒岁后届天周倍成个0-9０-９.A-Za-z])"
)

# --- resolution -------------------------------------------------------------


# A sentence without a character a quantity starts with (two in five of a
# news page) is not scanned; from-to pairs start their numbers with them too.
_MAY_HOLD_QUANTITY = re.compile(f"[{_CORE_FIRST_CHARACTERS}]")


def find_quantities(text: str) -> list[Quantity]:
    """All quantities in ``text``, non-overlapping, in text order."""
    if _MAY_HOLD_QUANTITY.search(text) is None:
        return []
    candidates = [q for lead, core in _quantity_matches(text) if (q := _resolve(lead, core, text)) is not None]
    if "从" in text or "由" in text:  # what a from-to pair starts with: a scan far cheaper than the pattern's
        candidates += [q for match in _FROM_TO.finditer(text) for q in _resolve_from_to(match)]
    return _drop_overlaps(candidates)


def _quantity_matches(text: str) -> Iterator[tuple[regex.Match | None, regex.Match]]:
    """(lead words or None, quantity) for each quantity, left to right."""
    previous_end = 0
    for core in _CORE.finditer(text):
        start = core.start()
        lead = lead_pattern = None
        # The earliest start whose words lead up to the quantity, as a left-to-right
        # scan would find it; never before the previous quantity's end.
        candidate = _LEAD_FIRST_CHARACTER.search(text, max(previous_end, start - _LONGEST_LEAD), start)
        while candidate is not None:
            lead_pattern = lead_pattern or _lead(frozenset(
                word for word, lookahead in _PREFIX_LOOKAHEADS.items() if lookahead.match(text, start)))
            lead = lead_pattern.fullmatch(text, candidate.start(), start)
            if lead is not None:
                break
            candidate = _LEAD_FIRST_CHARACTER.search(text, candidate.start() + 1, start)
        yield lead, core
        previous_end = core.end()


def _drop_overlaps(candidates: list[Quantity]) -> list[Quantity]:
    return longest_then_earliest(candidates, _bounds)


def _bounds(quantity: Quantity) -> tuple[int, int]:
    return quantity.start, quantity.end


def _resolve(lead: regex.Match | None, match: regex.Match, text: str) -> Quantity | None:
    """Turn one quantity match, with its lead words, into a Quantity, or None if it is none."""
    form = _form_of(match)
    trend_word = lead.group("trend") if lead is not None else None
    if trend_word and trend_word not in TREND_BEFORE_ITS_RATE and lead.group("prefix") in LEVEL_AFTER_TREND:
        trend_word = None
    try:
        value, unit, measure, qualifier, is_change = _FORM_RESOLVERS[form](match, text, trend_word)
    except ValueError:  # a permissive match that is no well-formed numeral
        return None
    if value is None:
        return None
    trend = TREND_WORDS.get(trend_word or "", "neutral")
    if trend == "fall" or match.group("sign"):
        value = -abs(value)
    if trend != "neutral" and unit != "percent":
        is_change = True  # 比上年增加833.7亿元
    start, end = match.span(form)
    if unit == "CNY":
        unit = _currency_before(text, lead.start() if lead is not None else start) or unit
    prefix = lead.group("prefix") if lead is not None else None
    if form == "qualified_scale" and PREFIX_QUALIFIERS.get(prefix or "", "exact") == "exact":
        return None     # 附近万家超市: a bare 万 with no qualifier before it is a word
    return Quantity(start=start, end=end, raw_text=text[start:end], value=float(value), unit=unit,
                    qualifier=_combine_qualifiers(match.group("suffix"), prefix, qualifier), measure=measure,
                    is_change=is_change)


def _currency_before(text: str, position: int) -> str | None:
    if position == 0 or text[position - 1] not in _CURRENCY_LAST_CHARACTERS:
        return None     # most amounts: no search
    words = _CURRENCY_BEFORE.search(text, max(0, position - _LONGEST_CURRENCY_WORD), position)
    return CURRENCY_WORDS_BEFORE[words.group()] if words else None


def _form_of(match: regex.Match) -> str:
    for name in _FORMS_MOST_FREQUENT_FIRST:
        if match.group(name) is not None:
            return name
    raise AssertionError("a quantity match has one form")


def _combine_qualifiers(suffix: str | None, prefix: str | None, inner: str) -> str:
    """Suffix, then prefix, then what the numeral itself says (余/多)."""
    for word, table in ((suffix, SUFFIX_QUALIFIERS), (prefix, PREFIX_QUALIFIERS)):
        if word and table[word] != "exact":
            return table[word]
    return inner


def _scaled(value: float, scale: float) -> float:
    """value * scale in decimal: 1231.6 * 1e8 is 123159999999.99998 in binary.
    A scale that is no finite decimal (亩: 1/1500 km²) is cut to 15 digits,
    so that 15.6万亩 is 104 km², not 103.99999999999999."""
    return float(f"{Decimal(repr(value)) * Decimal(repr(scale)):.15g}")


def _plain(match: regex.Match, _text: str, _trend: str | None):
    return _plain_reading(match.group("number"), match.group("unit"))


# Nine in ten quantities are plain, and a page repeats its numerals and units
# (1个, 3家, 10%): read each pair once. Bounded like parse_number's cache.
@functools.lru_cache(maxsize=8192)
def _plain_reading(numeral: str, surface: str):
    number = parse_number(numeral)
    info = lookup_unit(surface)
    measure = measure_for(trailing_multipliers(numeral), surface)
    return _scaled(number.value, info.scale), info.base, measure, number.qualifier, info.is_change


def _range(match: regex.Match, _text: str, _trend: str | None):
    """3-5家, 3至5万元, 3%～5%: the midpoint, approx."""
    low_text, high_text = match.group("low"), match.group("high")
    high_info = lookup_unit(match.group("high_unit"))
    if match.group("low_unit") and lookup_unit(match.group("low_unit")).base != high_info.base:
        return None, "", "", "", False
    low_scale = lookup_unit(match.group("low_unit")).scale if match.group("low_unit") else high_info.scale
    low, high = _scaled(parse_number(low_text).value, low_scale), _scaled(parse_number(high_text).value, high_info.scale)
    shared = trailing_multipliers(high_text)
    if shared and not trailing_multipliers(low_text) and not match.group("low_unit"):
        # 3-5万元 is 3万-5万; but 8000-1万 keeps 8000.
        scaled = _scaled(parse_number(low_text + shared).value, high_info.scale)
        low = scaled if scaled < high else low
    if low >= high:
        return None, "", "", "", False
    measure = measure_for(shared, match.group("high_unit"))
    return (low + high) / 2, high_info.base, measure, "approx", high_info.is_change


def _fraction(match: regex.Match, _text: str, _trend: str | None):
    """五分之一 -> 20, 百分之四十 -> 40, 3/11 -> 27.27 (percent)."""
    raw = match.group("fraction")
    number = parse_number(raw)
    if number.value > 1 and ("/" in raw or "／" in raw):
        return None, "", "", "", False  # 24/7, 11/3: a code or a date, no share
    # round: 0.035 * 100 is 3.5000000000000004 in binary floating point
    return round(number.value * 100, 9), "percent", "/" if ("/" in raw or "／" in raw) else "分之", number.qualifier, False


def _times(match: regex.Match, text: str, trend: str | None):
    """增长1.3倍 -> 130 (growth); 是…的1.62倍 -> 162 (ratio); 倍 alone -> none."""
    number = parse_number(match.group("times_number"))
    start = match.start("times")
    clause = _CLAUSE_END.split(text[max(0, start - _RATIO_LOOKBACK):start])[-1]
    is_ratio = any(word in clause for word in RATIO_CONTEXT)
    if TREND_WORDS.get(trend or "") != "rise" and not is_ratio:
        return None, "", "", "", False
    return number.value * 100, "percent", "倍", number.qualifier, False


def _tenths(match: regex.Match, _text: str, _trend: str | None):
    number = parse_number(match.group("tenths_number"))
    if number.value > 10:
        return None, "", "", "", False
    return number.value * 10, "percent", "成", number.qualifier, False


def _scale_only(match: regex.Match, _text: str, _trend: str | None):
    """亿元 -> 100000000 CNY: the multiplier stands for one of itself."""
    word, surface = match.group("scale_word"), match.group("scale_unit")
    info = lookup_unit(surface)
    measure = measure_for(trailing_multipliers(word), surface)
    return _scaled(parse_number(word).value, info.scale), info.base, measure, "exact", False


def _qualified_scale(match: regex.Match, _text: str, _trend: str | None):
    """近万人 -> 10000 person: the bare multiplier stands for one of itself."""
    word, surface = match.group("qualified_word"), match.group("qualified_unit")
    info = lookup_unit(surface)
    measure = measure_for(trailing_multipliers(word), surface)
    return _scaled(parse_number(word).value, info.scale), info.base, measure, "exact", info.is_change


def _half(_match: regex.Match, _text: str, _trend: str | None):
    return 50.0, "percent", "半", "exact", False


def _doubling(match: regex.Match, _text: str, _trend: str | None):
    """翻倍/翻番 -> 100; 翻两番 -> 300: n doublings are a growth of 2**n - 1."""
    times = parse_number(match.group("doublings")).value if match.group("doublings") else 1
    return (2 ** times - 1) * 100, "percent", "翻番", "exact", False


# One form matches, so any order finds it; the common one first.
_FORMS_MOST_FREQUENT_FIRST = ("plain", "range", "scale_only", "times", "fraction", "tenths", "qualified_scale",
                             "half", "doubling")
# In the order of the alternatives of _CORE_PATTERN.
_FORM_RESOLVERS = {"range": _range, "fraction": _fraction, "plain": _plain, "times": _times,
                   "tenths": _tenths, "scale_only": _scale_only, "qualified_scale": _qualified_scale, "half": _half,
                   "doubling": _doubling}


def _resolve_from_to(match: regex.Match) -> Iterator[Quantity]:
    """从1到8 / 由2218.6增至2803.5亿元: two levels; the first borrows the unit."""
    try:
        first, second = parse_number(match.group("first")), parse_number(match.group("second"))
        info = lookup_unit(match.group("unit")) if match.group("unit") else None
        shared = trailing_multipliers(match.group("second")) if info else ""
        borrowed = parse_number("1" + shared).value if shared and not trailing_multipliers(match.group("first")) else 1
    except ValueError:
        return
    if info is None and all(_looks_like_year(match.group(n)) for n in ("first", "second")):
        return  # 从2020到2024: years, not counts
    base, scale = (info.base, info.scale) if info else ("count", 1)
    measure = measure_for(shared, match.group("unit")) if info else ""
    first_scale = scale * borrowed  # 由2218.6增至2803.5亿元: the first borrows 亿
    for name, number, factor, word in (("first", first, first_scale, ""), ("second", second, scale, measure)):
        start, end = match.span(name)
        if name == "second" and info is not None:
            end = match.end("unit")
        yield Quantity(start=start, end=end, raw_text=match.string[start:end], value=_scaled(number.value, factor),
                       unit=base, qualifier=number.qualifier, measure=word)


def _looks_like_year(numeral: str) -> bool:
    return numeral.isdigit() and len(numeral) == 4 and 1900 <= int(numeral) <= 2100


__all__ = ["find_quantities", "PREFIX_QUALIFIERS", "SUFFIX_QUALIFIERS", "TREND_WORDS"]
