"""Property tests: no input makes the number parser or the extraction fail.

``scripts/fuzz_extract.py`` runs the same properties with a far larger
budget outside the test suite.
"""
from __future__ import annotations

import math

import regex
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from extractors.quantities.numbers import NUMERAL, parse_number
from extractors.run.pipeline import extract_bytes, shared_extractor
from hostile_text import check_result, document_bytes, pieces_text

NUMERAL_ALPHABET = "0123456789０９.．,/／一二三四五六七八九十百千万亿两兩萬億零〇点余多餘分之半"


def check_parse(text: str) -> None:
    try:
        parsed = parse_number(text)
    except ValueError:
        return
    assert math.isfinite(parsed.value) and parsed.value >= 0, (text, parsed)
    assert parsed.qualifier in ("exact", "over")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=NUMERAL_ALPHABET, max_size=70))
def test_parse_number_returns_a_finite_value_or_raises_value_error(text):
    check_parse(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_parse_number_on_any_text(text):
    check_parse(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=NUMERAL_ALPHABET, min_size=1, max_size=70))
def test_every_numeral_the_patterns_find_parses_or_is_refused(text):
    for match in regex.finditer(NUMERAL, text):
        check_parse(match.group())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces_text)
@example("增长1" + "0" * 400 + "%")          # a digit run longer than any numeral
@example("9" * 25 + "亿元")
def test_extraction_of_any_text_gives_valid_rows(text):
    shared_extractor()
    data = text.encode("utf-8")
    check_result(extract_bytes(data, "fuzz.txt"), data, "fuzz.txt")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document_bytes())
def test_extraction_of_any_bytes_gives_valid_rows_or_one_error(data):
    check_result(extract_bytes(data, "fuzz.txt"), data, "fuzz.txt")
