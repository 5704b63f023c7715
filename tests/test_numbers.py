"""numbers.py: numerals -> value + qualifier, and the NUMERAL regex fragment."""
from __future__ import annotations

import math

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.quantities.numbers import FRACTION, NUMERAL, parse_number, trailing_multipliers
from extractors.quantities.finder import find_quantities

PARSED = [
    # Arabic, full-width, separators, decimals
    ("0", 0, "exact"), ("7", 7, "exact"), ("305", 305, "exact"), ("4,096", 4096, "exact"),
    ("20,480,000", 20480000, "exact"), ("0.75", 0.75, "exact"), ("１８６", 186, "exact"),
    ("６．２５", 6.25, "exact"), ("1,250.5", 1250.5, "exact"),
    # Chinese digits and place values
    ("三", 3, "exact"), ("十", 10, "exact"), ("十七", 17, "exact"), ("四十", 40, "exact"),
    ("六十八", 68, "exact"), ("一百零九", 109, "exact"), ("三百一十", 310, "exact"),
    ("三百十", 310, "exact"), ("两千", 2000, "exact"), ("七千零六", 7006, "exact"),
    ("五万零四十", 50040, "exact"), ("八十万", 800000, "exact"), ("九百万", 9000000, "exact"),
    ("百万", 1000000, "exact"), ("千万", 10000000, "exact"), ("四亿零三百万", 403000000, "exact"),
    ("两万亿", 2e12, "exact"), ("零", 0, "exact"), ("〇", 0, "exact"),
    # traditional forms
    ("六萬", 60000, "exact"), ("三億", 3e8, "exact"), ("兩千", 2000, "exact"), ("五萬餘", 50000, "over"),
    # abbreviated tails: the lone digit takes the next lower place
    ("一千五", 1500, "exact"), ("两万三", 23000, "exact"), ("三百六", 360, "exact"), ("一亿二", 1.2e8, "exact"),
    # Chinese decimals
    ("四点二", 4.2, "exact"), ("零点六", 0.6, "exact"), ("十二点五", 12.5, "exact"),
    # mixed Arabic and Chinese multipliers
    ("2.4万", 24000, "exact"), ("36万", 360000, "exact"), ("2亿5000万", 2.5e8, "exact"),
    ("7万2千", 72000, "exact"), ("1.5万亿", 1.5e12, "exact"), ("6789.1万", 67891000, "exact"),
    ("3亿0600万", 306000000, "exact"), ("5千", 5000, "exact"), ("12百", 1200, "exact"),
    # 余 / 多 inside the numeral
    ("6000余万", 60000000, "over"), ("百余", 100, "over"), ("十余", 10, "over"),
    ("十余万", 100000, "over"), ("三千多", 3000, "over"), ("1500多", 1500, "over"),
    ("2.3万余", 23000, "over"), ("四十多万", 400000, "over"), ("万余", 10000, "over"),
    # fractions and per-hundred forms, as plain numbers
    ("四分之一", 0.25, "exact"), ("三分之二", 2 / 3, "exact"), ("5/8", 0.625, "exact"),
    ("百分之六十", 0.6, "exact"), ("百分之百", 1.0, "exact"), ("千分之三", 0.003, "exact"),
    ("万分之五", 0.0005, "exact"), ("百分之二十多", 0.2, "over"), ("7／10", 0.7, "exact"),
    # halves
    ("半", 0.5, "exact"), ("一半", 0.5, "exact"),
]


@pytest.mark.parametrize("text, value, qualifier", PARSED)
def test_parse_number(text, value, qualifier):
    parsed = parse_number(text)
    assert math.isclose(parsed.value, value, rel_tol=1e-12, abs_tol=1e-12)
    assert parsed.qualifier == qualifier


NOT_NUMERALS = [
    "", "元", "abc", "一二", "五六七", "百千", "千百", "万万", "亿万", "十十", "三零",
    "零零", "一百零", "余", "多", "余五", "三余五", "2000多多", "1,23", "12,3456",
    "五分之", "分之一", "1/0", "零分之一", "3/x", "七/十", "十四五", "4五", "五4", "1 000", "-3",
    "1" * 80,
]


@pytest.mark.parametrize("text", NOT_NUMERALS)
def test_parse_number_rejects(text):
    with pytest.raises(ValueError):
        parse_number(text)


NUMERAL_MATCHES = [
    "9", "1,024", "0.05", "２５", "七", "十", "十六", "三百零二", "两千", "1.2万", "4500余万",
    "1亿3000万", "8万6千", "百余", "十余万", "300多", "2.1万余", "万余", "三点五", "一千二百三十四万",
]


@pytest.mark.parametrize("text", NUMERAL_MATCHES)
def test_numeral_fragment_matches_whole_numeral(text):
    assert regex.fullmatch(NUMERAL, text)


NUMERAL_MISMATCHES = ["万", "亿", "亿万", "余", "多", "余3", "点五", "零", "a1", "万家", "1,2", "1" * 21]


@pytest.mark.parametrize("text", NUMERAL_MISMATCHES)
def test_numeral_fragment_refuses(text):
    assert not regex.fullmatch(NUMERAL, text)


def test_numeral_fragment_composes():
    """Other patterns build on NUMERAL; backtracking leaves 千 to 千米."""
    pattern = regex.compile(rf"(?P<n>{NUMERAL})(?P<u>千米|人)")
    assert pattern.fullmatch("5千米").group("n") == "5"
    assert pattern.fullmatch("3千人").group("n") == "3千"


@pytest.mark.parametrize("text", ["六分之一", "百分之三十五", "千分之八", "万分之二", "2/9", "２/９"])
def test_fraction_fragment(text):
    assert regex.fullmatch(FRACTION, text)
    assert 0 < parse_number(text).value < 1


@pytest.mark.parametrize("numeral, multipliers", [
    ("2803.5亿", "亿"), ("3千万", "千万"), ("一亿二千万", "万"), ("1.6万余", "万"),
    ("8000余万", "万"), ("350", ""), ("百余", "百"), ("十万", "十万"),
])
def test_trailing_multipliers(numeral, multipliers):
    assert trailing_multipliers(numeral) == multipliers


# --- property tests -----------------------------------------------------------

_DIGITS = "零一二三四五六七八九"


def _section(n: int, use_liang: bool) -> str:
    """1..9999 in Chinese: 零 once per run of missing places, none at the end."""
    out, gap = [], False
    for place, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // place % 10
        if digit == 0:
            gap = gap or bool(out)
            continue
        if gap:
            out.append("零")
            gap = False
        out.append(("两" if use_liang and digit == 2 and unit == "千" else _DIGITS[digit]) + unit)
    return "".join(out)


def to_chinese_numeral(n: int, use_liang: bool = False, short_ten: bool = True) -> str:
    """0..10**12 in Chinese numerals, the way a report writes them."""
    if n == 0:
        return "零"
    parts: list[str] = []
    gap = False
    for value, big in ((n // 10**8, "亿"), (n // 10**4 % 10**4, "万"), (n % 10**4, "")):
        if value == 0:
            gap = gap or bool(parts)
            continue
        if parts and (gap or value < 1000):
            parts.append("零")
        gap = False
        if value >= 10**4:  # only 10**12 itself: 一万亿
            text = to_chinese_numeral(value, use_liang, short_ten=False)
        elif use_liang and big and value == 2:
            text = "两"
        else:
            text = _section(value, use_liang)
        parts.append(text + big)
    result = "".join(parts)
    return result[1:] if short_ten and result.startswith("一十") else result


def to_mixed_numeral(n: int) -> str:
    """1亿2345万6789: Arabic sections with Chinese 亿 and 万."""
    high, middle, low = n // 10**8, n // 10**4 % 10**4, n % 10**4
    text = (f"{high}亿" if high else "") + (f"{middle}万" if middle else "") + (str(low) if low else "")
    return text or "0"


def to_decimal_wan(n: int) -> str:
    """12345.6万: one decimal number of 万."""
    return f"{n // 10**4}.{n % 10**4:04d}".rstrip("0").rstrip(".") + "万"


@pytest.mark.parametrize("n, text", [
    (0, "零"), (10, "十"), (15, "十五"), (110, "一百一十"), (1001, "一千零一"), (10200, "一万零二百"),
    (100000005, "一亿零五"), (1200000000, "十二亿"), (10**12, "一万亿"), (2000, "二千"),
])
def test_to_chinese_numeral_generator(n, text):
    assert to_chinese_numeral(n) == text


integers = st.integers(min_value=0, max_value=10**12)


@settings(max_examples=400)
@given(integers, st.booleans(), st.booleans())
def test_chinese_numerals_round_trip(n, use_liang, short_ten):
    text = to_chinese_numeral(n, use_liang, short_ten)
    assert parse_number(text).value == n
    if n:
        assert regex.fullmatch(NUMERAL, text), text


@settings(max_examples=300)
@given(integers)
def test_mixed_numerals_round_trip(n):
    for text in (to_mixed_numeral(n), to_decimal_wan(n)):
        assert parse_number(text) == (n, "exact"), text
        assert regex.fullmatch(NUMERAL, text), text


@given(st.text(max_size=30))
def test_parse_number_raises_only_value_error(text):
    try:
        parsed = parse_number(text)
    except ValueError:
        return
    assert math.isfinite(parsed.value)
    assert parsed.qualifier in ("exact", "over")


@settings(max_examples=200)
@given(st.integers(min_value=1, max_value=10**9), st.sampled_from(["家", "人", "万元", "人次"]))
def test_written_numerals_are_found_as_quantities(n, unit):
    # 万元 after a numeral that ends in 万 (一万万元) is no Chinese.
    numerals = (str(n),) if unit == "万元" else (str(n), to_chinese_numeral(n), to_mixed_numeral(n))
    for numeral in numerals:
        text = f"共有{numeral}{unit}。"
        found = find_quantities(text)
        assert len(found) == 1, text
        scale = 10**4 if unit == "万元" else 1
        assert found[0].value == n * scale, text
        assert found[0].raw_text == numeral + unit
