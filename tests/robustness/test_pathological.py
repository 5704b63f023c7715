"""Extraction time stays linear in the input, whatever the input repeats.

Each hostile pattern goes through the whole ``extract_bytes`` call at
two sizes ten times apart (100 kB and 1 MB, or 20 kB and 200 kB where every
few bytes make a row); the larger must take at most ``MAX_RATIO`` times as
long (10 for linear time; quadratic would be 100). Timing ratios, not
absolute times, so the bounds hold on slow machines too.

Regressions: a line of clauses without a full stop was one sentence (36 s at
50 kB, 156 s at 100 kB); a page-long paragraph made region scope and the
row's sentence text quadratic.
"""
from __future__ import annotations

import time

import pytest

from extractors.run.pipeline import extract_bytes, shared_extractor
from hostile_inputs import seed_text

MAX_RATIO = 25     # generous: linear is 10, quadratic 100

# Patterns that yield no or few rows: 100 kB against 1 MB.
PATTERNS = {
    "digits": "1234567890",
    "万万万": "万",
    "余余余": "余",
    "nested quotes and brackets": "“（「《【‘",
    "repeated region names": "上城区",
    "table cells": "|",
    "chinese numerals": "一二三四五六七八九十百千万亿",
    "markdown headings": "# 小营街道\n",
}
# Patterns where every few bytes are a row (or a line): each row costs the
# full resolution, so 20 kB against 200 kB keeps the suite short.
DENSE_PATTERNS = {
    "table rows": "| 上城区 | 2803.5 | 6.5% |\n",
    "figures without full stops": "全区新增企业1万家，",
    "one-line lists of percentages": "5%、",
    "from-to chains": "从1到2到3到",
    "short lines": "上城区\n",
}
SIZES = {**{name: (100_000, 1_000_000) for name in PATTERNS}, **{name: (20_000, 200_000) for name in DENSE_PATTERNS}}


def repeated(unit: str, size: int) -> bytes:
    """``unit`` repeated to ``size`` bytes of UTF-8."""
    encoded = unit.encode("utf-8")
    return (encoded * (size // len(encoded) + 1))[:size].decode("utf-8", errors="ignore").encode("utf-8")


def timed_extraction(data: bytes) -> float:
    started = time.perf_counter()
    result = extract_bytes(data, "hostile.txt")
    elapsed = time.perf_counter() - started
    assert result.error is None
    for row in result.observations[:: max(1, len(result.observations) // 200)]:
        assert result.document.text[row.start:row.end] == row.raw_text
    return elapsed


@pytest.fixture(scope="module", autouse=True)
def warm_extractor():
    shared_extractor()
    extract_bytes(seed_text().encode("utf-8"), "warm-up.txt")


@pytest.mark.parametrize("name", SIZES)
def test_time_grows_linearly_with_a_repeated_pattern(name):
    unit = {**PATTERNS, **DENSE_PATTERNS}[name]
    small_size, large_size = SIZES[name]
    small = timed_extraction(repeated(unit, small_size))
    large = timed_extraction(repeated(unit, large_size))
    if large > MAX_RATIO * max(small, 0.05):
        # Other processes on a busy machine can stall one run: best of two.
        small = min(small, timed_extraction(repeated(unit, small_size)))
        large = min(large, timed_extraction(repeated(unit, large_size)))
    # 0.05 s of slack keeps a fast small run from making the ratio noise.
    assert large <= MAX_RATIO * max(small, 0.05), \
        f"{name}: {small:.2f}s for {small_size} bytes, {large:.2f}s for {large_size} bytes"
