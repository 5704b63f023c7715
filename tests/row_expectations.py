"""One way to say which rows a text must yield: all of them, every field.

An expected row is a dict like a rule file's ``expect`` entry. A field left
out means the qualifier is exact and the text fixes no year and no region.
"""
from __future__ import annotations

import math

FIELD_DEFAULTS = {"qualifier": "exact", "year": None, "region": None}


def assert_rows_are(rows, expect, text: str) -> None:
    """Every row the text yields is expected, in full, and every expected row is yielded."""
    yielded = sorted(r.raw_text for r in rows)
    assert yielded == sorted(e["raw_text"] for e in expect), f"{text!r} yields {yielded}"
    by_raw = {e["raw_text"]: e for e in expect}
    for row in rows:
        expected = by_raw[row.raw_text]
        assert math.isclose(row.value, expected["value"], rel_tol=1e-3), (text, row.value, expected)
        for key in ("unit", "indicator", "qualifier", "year", "region"):
            want = expected.get(key, FIELD_DEFAULTS[key]) if key in FIELD_DEFAULTS else expected[key]
            assert (getattr(row, key) or None) == want, (text, key, row.model_dump(), expected)
