"""Numerals -> value + qualifier. Knows no unit and no indicator.

Two halves, in the Recognizers-Text split of *extract* then *parse*:

- regex fragments (``NUMERAL``, ``FRACTION``, ``ARABIC``) that other patterns
  compose from. They are shaped so that matching stays linear on hostile
  input: every repetition is bounded, digit runs are possessive and every
  multiplier group is atomic, so the engine can only backtrack over *how many*
  groups it took (at most sixteen choices), never over how a run was split.
  Fifteen groups hold any numeral up to 一万亿 written out in full.
- ``parse_number`` turns a matched numeral into a value. It is strict: text
  that is not one well-formed numeral raises ``ValueError``, so a permissive
  match (``百千``) is dropped instead of becoming a wrong number.

Values are computed with ``Decimal`` so that mixed forms such as
``12345.6万`` come out exact before the final ``float``.
"""
from __future__ import annotations

import functools
from decimal import Decimal
from typing import NamedTuple

import regex

# --- regex fragments -------------------------------------------------------

_DIGIT = "0-9０-９"
# 1,234,567 (ASCII comma only: the full-width ， separates clauses) or a
# plain run of at most 20 digits, then an optional decimal part.
ARABIC = (
    rf"(?:[{_DIGIT}]{{1,3}}+(?:,[{_DIGIT}]{{3}}+){{1,6}}+(?![{_DIGIT}])|[{_DIGIT}]{{1,20}}+)"
    rf"(?:[.．][{_DIGIT}]{{1,10}}+)?+(?![{_DIGIT}])"
)
# Characters that can stand inside a written number and break the scan of
# its digits. Hidden ones (zero-width and direction marks, a byte-order mark,
# a soft hyphen, combining marks) and typographic group spaces (no-break,
# thin, narrow): a digit run they join to a numeral is part of a number the
# scan cannot read with certainty. Spaces and line breaks also part columns
# and lines (1200 1350家), so after one of them, or a full-width comma, a run
# is a tail only where the two could be one grouped number: three digits
# after it (12 345, 1\n000, １，０００) or at most three before it (1 35).
HIDDEN_IN_NUMBER = r"[\p{Cf}\p{M}\u00a0\u2000-\u200a\u202f\u205f]"
GROUP_BREAK = r"[ \u3000\r\n\u2028\u2029\x85，]"
# The multipliers, as the parser reads them (traditional 萬 and 億 are normalised
# to 万 and 亿 first); 兆 is a million million where it is a numeral
# (2兆3,560億元, Taiwanese usage).
_SMALL_MULTIPLIERS = {"十": 10, "百": 100, "千": 1000}
_LARGE_MULTIPLIERS = {"万": 10**4, "亿": 10**8, "兆": 10**12}
MULTIPLIERS = "".join((*_SMALL_MULTIPLIERS, *_LARGE_MULTIPLIERS))
# Characters a numeral is written with, for looking back from a number's start.
NUMERAL_CHARACTERS = f"0-9０-９.．零〇一二三四五六七八九{MULTIPLIERS}两萬億兩"
# Holds where a number would start as the tail of a broken one.
NUMBER_TAIL = (
    rf"(?:(?<=[{NUMERAL_CHARACTERS}](?:{HIDDEN_IN_NUMBER}|{GROUP_BREAK})*?{HIDDEN_IN_NUMBER}{GROUP_BREAK}*+)"
    rf"|(?<=[0-9０-９]{GROUP_BREAK}++)(?=[0-9０-９]{{3}}+(?![0-9０-９]))"
    rf"|(?<=(?<![0-9０-９])[0-9０-９]{{1,3}}{GROUP_BREAK}++))"
)
_NUMBER_TAIL = regex.compile(NUMBER_TAIL)


def is_number_tail(text: str, start: int) -> bool:
    """Whether a number found at ``text[start]`` is the tail of a number a
    hidden character or a group break splits (``1\u200b000``: the 000)."""
    return _NUMBER_TAIL.match(text, start) is not None


_CN_DIGIT = "[一二三四五六七八九两兩]"
_CN_ZERO = "[零〇]"
_CN_DECIMAL = "点[零〇一二三四五六七八九]{1,8}+"  # 三点五: digits read one by one
_NUMBER = rf"(?:{ARABIC}|{_CN_DIGIT}(?:{_CN_DECIMAL})?|{_CN_ZERO}{_CN_DECIMAL})"
_MULTIPLIER = f"[{MULTIPLIERS}萬億]"
_APPROX = "[余多餘]"
# One multiplier group: 余万, 千, 万5, 百零五 ... Atomic, so backtracking can
# only drop whole groups (needed for 5千米 -> 5 + 千米).
_GROUP = rf"(?>{_APPROX}?{_MULTIPLIER}{{1,3}}+(?:{_CN_ZERO}?{_NUMBER})?)"

# A cardinal numeral: 1.6万, 8000余万, 一千二百, 1亿2000万, 百余, 十余万,
# 2000多, 万余. It starts with a number, or with 十/百/千, or with 万 only when
# 余/多 follows (a bare 万 or 亿 is an idiom far more often than a number:
# 万家灯火, 亿元楼宇).
NUMERAL = (
    rf"(?:{_NUMBER}{_GROUP}{{0,15}}|(?=[十百千]|[万萬]{_APPROX}){_GROUP}{{1,15}})"
    rf"{_APPROX}?+"
)
# 五分之一, 百分之四十, 千分之五, 万分之三, 3/11.
FRACTION = (
    rf"(?:(?:{NUMERAL}|[万萬])分之{NUMERAL}"
    rf"|{ARABIC}[/／]{ARABIC}(?![/／{_DIGIT}]))"
)

# --- parsing ----------------------------------------------------------------

_NORMALISE = str.maketrans("０１２３４５６７８９．／萬億兩餘", "0123456789./万亿两余")
_CN_DIGIT_VALUES = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
_TOKEN = regex.compile(
    r"(?P<arabic>[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)(?P<arabic_decimal>\.[0-9]+)?"
    r"|(?P<chinese>[一二三四五六七八九两]|[零〇](?=点))(?P<chinese_decimal>点[零〇一二三四五六七八九]+)?"
    r"|(?P<zero>[零〇])"
    rf"|(?P<multiplier>[{MULTIPLIERS}])"
    r"|(?P<approx>[余多])"
)
_MAX_LENGTH = 64  # a longer "numeral" is noise; refusing it keeps parsing cheap


# 007, 0,500: no figure starts with a zero (after a multiplier it marks a gap,
# 3亿0600万, as 零 does); such a run is a code
# or what is left of a number split by a character the scan stopped at.
_LEADING_ZERO = regex.compile(rf"(?<![0-9.,{MULTIPLIERS}])0[0-9,]")


class ParsedNumber(NamedTuple):
    value: float
    qualifier: str  # "over" when 余/多 is part of the numeral, else "exact"


# The common case, 2803.5 or 2803.5亿, parsed without tokens; the same
# Decimal operations as the general parse, so the same floats.
_ARABIC_SCALED = regex.compile(r"(?P<number>[0-9]+(?:\.[0-9]+)?)(?P<scale>[万亿]?)")


@functools.lru_cache(maxsize=8192)
def parse_number(text: str) -> ParsedNumber:
    """Value of one numeral, fraction or 百分之 form (as a plain number).

    ``8000余万`` -> (80000000, over); ``五分之一`` -> (0.2, exact);
    ``百分之四十`` -> (0.4, exact). Raises ``ValueError`` otherwise.
    """
    if not text or len(text) > _MAX_LENGTH:
        raise ValueError(f"not a numeral: {text!r}")
    normalised = text.translate(_NORMALISE)
    if _LEADING_ZERO.search(normalised):
        raise ValueError(f"a digit run with a leading zero is a code or the tail of a broken number: {text!r}")
    simple = _ARABIC_SCALED.fullmatch(normalised)
    if simple is not None:
        number, scale = Decimal(simple["number"]), simple["scale"]
        value = number * _LARGE_MULTIPLIERS[scale] if scale else number
        return ParsedNumber(float(Decimal(0) + value), "exact")
    if normalised in ("半", "一半"):
        return ParsedNumber(0.5, "exact")
    if "分之" in normalised:
        denominator, _, numerator = normalised.partition("分之")
        return _ratio(numerator, denominator if denominator != "万" else "一万", text)
    if "/" in normalised:
        numerator, _, denominator = normalised.partition("/")
        if not (numerator.replace(".", "").isdigit() and denominator.replace(".", "").isdigit()):
            raise ValueError(f"not a fraction of Arabic numbers: {text!r}")
        return _ratio(numerator, denominator, text)
    value, qualifier = _parse_cardinal(normalised, text)
    return ParsedNumber(float(value), qualifier)


def trailing_multipliers(numeral: str) -> str:
    """The multiplier characters that end a numeral: ``2803.5亿`` -> ``亿``.

    Lets a caller name the measure ``亿元`` although the numeral took the 亿.
    A trailing 余/多 is skipped (``1.6万余`` -> ``万``). When an earlier
    multiplier shows the run is place value (``一亿二千万``), only the last
    character is a scale word: 二千 belongs to the number, 万 to the measure.
    """
    stripped = numeral.translate(_NORMALISE).rstrip("余多")
    end = len(stripped)
    while end and stripped[end - 1] in MULTIPLIERS:
        end -= 1
    run = stripped[end:]
    if len(run) > 1 and any(c in MULTIPLIERS for c in stripped[:end]):
        return run[-1]
    return run


def _ratio(numerator: str, denominator: str, original: str) -> ParsedNumber:
    top, qualifier = _parse_cardinal(numerator, original)
    bottom, _ = _parse_cardinal(denominator, original)
    if bottom == 0:
        raise ValueError(f"zero denominator: {original!r}")
    return ParsedNumber(float(top / bottom), qualifier)


def _tokens(text: str, original: str) -> list[tuple[str, Decimal | None]]:
    """Split a normalised numeral into (kind, value) tokens or raise."""
    tokens: list[tuple[str, Decimal | None]] = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise ValueError(f"not a numeral: {original!r}")
        kind = match.lastgroup
        if match.group("arabic") is not None:
            whole = match.group("arabic").replace(",", "")
            tokens.append(("number", Decimal(whole + (match.group("arabic_decimal") or ""))))
        elif match.group("chinese") is not None:
            tokens.append(("digit", _chinese_digit_value(match.group("chinese"), match.group("chinese_decimal"))))
        elif kind == "multiplier":
            character = match.group("multiplier")
            tokens.append(("multiplier", Decimal(_SMALL_MULTIPLIERS.get(character) or _LARGE_MULTIPLIERS[character])))
        else:
            tokens.append((kind, None))
        position = match.end()
    return tokens


def _chinese_digit_value(digit: str, decimal: str | None) -> Decimal:
    if not decimal:
        return Decimal(_CN_DIGIT_VALUES[digit])
    fraction = "".join(str(_CN_DIGIT_VALUES[c]) for c in decimal[1:])
    return Decimal(f"{_CN_DIGIT_VALUES[digit]}.{fraction}")


def _parse_cardinal(text: str, original: str) -> tuple[Decimal, str]:
    """Place-value parse of Chinese, Arabic and mixed numerals.

    A stack holds (value, magnitude) terms. 十/百/千 push ``n * unit``; 万/亿
    fold every smaller term into one (``一千二百万``: 1200 * 万), which also
    handles ``万亿`` and ``1亿2000万`` without special cases. Magnitudes must
    fall from left to right, so ``百千`` and ``万万`` are rejected.
    """
    tokens = _tokens(text, original)
    if tokens == [("zero", None)]:
        return Decimal(0), "exact"
    stack: list[tuple[Decimal, Decimal]] = []
    pending: tuple[str, Decimal] | None = None  # the number waiting for its multiplier
    previous: str | None = None                 # kind of the previous token, 余/多 skipped
    qualifier = "exact"
    for index, (kind, value) in enumerate(tokens):
        following = tokens[index + 1][0] if index + 1 < len(tokens) else None
        if kind == "approx":
            # 余/多 once, after something, and never right before a number.
            if qualifier == "over" or previous is None or following in ("number", "digit", "zero"):
                raise ValueError(f"misplaced 余/多 in {original!r}")
            qualifier = "over"
            continue
        if kind == "zero":
            # 零 only marks a gap between a multiplier and what follows it.
            if previous != "multiplier" or following not in ("number", "digit", "multiplier"):
                raise ValueError(f"misplaced 零 in {original!r}")
        elif kind in ("number", "digit"):
            if pending is not None:
                raise ValueError(f"two numbers without a multiplier in {original!r}")
            pending = (kind, value)
        else:
            _apply_multiplier(stack, pending, value, previous, original)
            pending = None
        previous = kind
    if previous is None:
        raise ValueError(f"not a numeral: {original!r}")
    total = sum((term for term, _ in stack), Decimal(0))
    if pending is not None:
        total += _tail(pending, tokens)
    return total, qualifier


def _apply_multiplier(stack: list[tuple[Decimal, Decimal]], pending: tuple[str, Decimal] | None,
                      multiplier: Decimal, previous: str | None, original: str) -> None:
    factor = pending[1] if pending is not None else None
    if multiplier < 10**4:  # 十 百 千: one term of the current section
        if factor is None:
            # An implicit 一: 十二 / 百余 / 千万 at the start, 一百十 / 零十 inside.
            if previous is not None and multiplier != 10:
                raise ValueError(f"multiplier without a number in {original!r}")
            factor = Decimal(1)
        if stack and stack[-1][1] <= multiplier:
            raise ValueError(f"multipliers out of order in {original!r}")
        stack.append((factor * multiplier, multiplier))
        return
    # 万 亿: fold the smaller terms (and the pending number) into one.
    folded = factor if factor is not None else Decimal(1 if previous is None else 0)
    magnitude = Decimal(1)
    while stack and stack[-1][1] < multiplier:
        term, term_magnitude = stack.pop()
        folded += term
        magnitude = max(magnitude, term_magnitude)
    if folded == 0 and factor is None:  # 亿万: nothing for 万 to multiply (0万 is fine)
        raise ValueError(f"multiplier without a number in {original!r}")
    magnitude *= multiplier
    if stack and stack[-1][1] <= magnitude:
        raise ValueError(f"multipliers out of order in {original!r}")
    stack.append((folded * multiplier, magnitude))


def _tail(pending: tuple[str, Decimal], tokens: list[tuple[str, Decimal | None]]) -> Decimal:
    """The number after the last multiplier.

    ``一千二`` means 1200 and ``三万五`` 35000: a lone Chinese digit right
    after 百 or a larger multiplier takes the next lower place. With 零 in
    between (``一千零二``), after 十, or in Arabic digits it is a plain unit.
    """
    kind, value = pending
    before = [token for token in tokens if token[0] != "approx"]
    previous_kind, previous_value = before[-2] if len(before) > 1 else (None, None)
    if (kind == "digit" and value == value.to_integral() and previous_kind == "multiplier"
            and previous_value is not None and previous_value >= 100):
        return value * previous_value / 10
    return value


__all__ = ["ARABIC", "FRACTION", "GROUP_BREAK", "HIDDEN_IN_NUMBER", "NUMBER_TAIL", "NUMERAL_CHARACTERS", "is_number_tail", "NUMERAL", "ParsedNumber", "parse_number", "trailing_multipliers"]

# Guard against a broken fragment at import time rather than at first use.
for _fragment in (ARABIC, NUMERAL, FRACTION, NUMBER_TAIL):
    try:
        regex.compile(_fragment)
    except regex.error as error:  # pragma: no cover - a programming error
        raise RuntimeError(f"bad numeral fragment: {error}") from error
del _fragment
