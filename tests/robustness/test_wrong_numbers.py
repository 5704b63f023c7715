"""A number broken by a character a reader does not see, or written in a
form the parser cannot read with certainty, gives no row: never a row that
holds part of the number. And a count, a number of people or an area is
never negative."""
from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from extractors.run.pipeline import extract_bytes, shared_extractor
from hostile_text import hidden_character, starts_inside_a_number

SENTENCE = "庆元县2024年地区生产总值达{number}亿元，规上工业企业达到{number}家，常住人口达到{number}人。"


def rows(text: str) -> list[tuple]:
    result = extract_bytes(text.encode("utf-8"), "numbers.txt")
    assert result.error is None
    return [(row.raw_text, row.value, row.indicator, row.region, row.year) for row in result.observations]


def rejections(text: str) -> list[str]:
    return [x.reason for x in extract_bytes(text.encode("utf-8"), "numbers.txt").rejected]


@pytest.fixture(scope="module", autouse=True)
def warm_extractor():
    shared_extractor()


def test_a_whole_number_gives_its_rows():
    assert rows(SENTENCE.format(number="1350")) == [
        ("1350亿元", 135_000_000_000.0, "gdp", "庆元县", 2024),
        ("1350家", 1350.0, "enterprise_count", "庆元县", 2024),
        ("1350人", 1350.0, "population", "庆元县", 2024),
    ]


BROKEN = {
    "zero-width space": "1\u200b350",
    "no-break space": "1\u00a0350",
    "thin space": "1\u2009350",
    "narrow no-break space": "1\u202f350",
    "byte-order mark": "1\ufeff350",
    "right-to-left mark": "1\u200f350",
    "word joiner": "1\u2060350",
    "soft hyphen": "1\u00ad350",
    "combining accent": "1\u0301350",
    "full-width comma": "１，３５０",
    "space-grouped": "1 350",
    "space-grouped with a decimal part": "1 350.5",
    "ideographic space": "1\u3000350",
    "exponent": "1.35E+03",
    "full-width exponent": "1.35Ｅ＋03",
    "leading zeros": "0350",
}


@pytest.mark.parametrize("number", BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_number_gives_no_row(number):
    assert rows(SENTENCE.format(number=number)) == []


def test_a_number_broken_across_lines_after_a_headline_gives_no_row():
    assert rows("庆元县经济简报\n庆元县2024年地区生产总值1\n350亿元。") == []
    assert rows("庆元县经济简报\n庆元县2024年地区生产总值1\n000亿元。") == []


def test_a_scaled_number_without_unit_broken_by_a_hidden_character_gives_no_row():
    assert rows("庆元县2024年规上工业增加值1\u200b35.6亿。") == []


def test_numbers_apart_in_a_column_layout_stay_rows():
    # Four digits after a space are no thousands group: a column of figures.
    assert rows("庆元县2024年规上工业企业 1200 1350家。") == [("1350家", 1350.0, "enterprise_count", "庆元县", 2024)]


def test_a_comma_grouped_number_and_a_decimal_below_one_still_read():
    assert rows("庆元县2024年地区生产总值达1,350亿元，常住人口达到0.5万人。") == [
        ("1,350亿元", 135_000_000_000.0, "gdp", "庆元县", 2024),
        ("0.5万人", 5000.0, "population", "庆元县", 2024),
    ]


@pytest.mark.parametrize("text, reason", [
    ("庆元县2024年规上工业企业-5家。", "negative count"),
    ("庆元县2024年常住人口-12万人。", "negative person"),
    ("庆元县2024年地区生产总值-0亿元。", "negative zero"),
])
def test_a_negative_count_or_zero_is_a_rejection_with_a_reason(text, reason):
    assert rows(text) == []
    assert any(reason in why for why in rejections(text))


def test_a_negative_amount_of_money_is_still_a_value():
    # A balance can fall below zero (a deficit): only stocks of people, things and land cannot.
    assert [(r[0], r[1]) for r in rows("庆元县2024年财政收入-3.5亿元。")] == [("3.5亿元", -350_000_000.0)]


INSIDE_A_NUMBER = st.sampled_from([
    "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff", "\u00ad", "\u202a", "\u2066",
    "\u00a0", "\u2009", "\u202f", "\u205f", "\u3000", " ", "\n", "\r\n", "，",
    "\u0301", "\u0300", "\u20dd",
])
UNITS = {"亿元": 1e8, "家": 1, "人": 1, "万人": 1e4}


@settings(max_examples=150, deadline=None)
@given(digits=st.from_regex(r"[1-9][0-9]{1,6}", fullmatch=True), where=st.integers(1, 6),
       inserted=st.lists(INSIDE_A_NUMBER, min_size=1, max_size=2).map("".join),
       unit=st.sampled_from(sorted(UNITS)), before=st.sampled_from(["达", "达到", "为", "\n", "，"]))
def test_no_row_reads_less_than_the_visible_digits(digits, where, inserted, unit, before):
    cut = min(where, len(digits) - 1)
    # A visible space may part two figures; the digits read as one number
    # when the two runs could be one grouped number.
    assume(any(map(hidden_character, inserted)) or len(digits) - cut == 3 or cut <= 3)
    number = digits[:cut] + inserted + digits[cut:]
    text = f"庆元县简报\n庆元县2024年地区生产总值{before}{number}{unit}。"
    result = extract_bytes(text.encode("utf-8"), "numbers.txt")
    for row in result.observations:
        if row.start >= text.index(number) - 1:
            assert row.value == pytest.approx(int(digits) * UNITS[unit]), (text, row.raw_text, row.value)
        assert not starts_inside_a_number(result.document.text, row.start), (text, row.raw_text)
