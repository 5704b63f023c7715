"""The CSV writer writes exactly what ``DataFrame.to_csv`` wrote before it."""
from __future__ import annotations

import csv
import io
import os

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.models import OUTPUT_COLUMNS
from extractors.run.outputs import csv_cells, observations_frame

_TEXT = st.text(alphabet=st.sampled_from(list('增长12.5%亿元,，"\n\r 上城区\'')), max_size=12)
_ROW = st.fixed_dictionaries({
    name: (st.integers(0, 10**9) if name in ("start", "end")
           else st.none() | st.integers(1949, 2100) if name == "year"
           else st.none() | st.integers(1, 5000) if name == "page"
           else st.floats(allow_nan=False, allow_infinity=False) if name == "value"
           else _TEXT)
    for name in OUTPUT_COLUMNS
})


def _pandas_csv(rows: list[dict]) -> str:
    buffer = io.StringIO()
    observations_frame(rows).to_csv(buffer, index=False, lineterminator=os.linesep)
    return buffer.getvalue()


def _our_csv(rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=os.linesep)
    writer.writerow(OUTPUT_COLUMNS)
    writer.writerows(map(csv_cells, rows))
    return buffer.getvalue()


@settings(max_examples=200, deadline=None)
@given(st.lists(_ROW, min_size=1, max_size=5))
def test_rows_are_written_as_pandas_wrote_them(rows):
    assert _our_csv(rows) == _pandas_csv(rows)


def test_numbers_and_missing_values_as_pandas_wrote_them():
    base = {name: "" for name in OUTPUT_COLUMNS} | {"start": 0, "end": 1, "page": None}
    rows = [base | {"value": value, "year": year, "page": page}
            for (value, year), page in zip(((280350000000.0, 2023), (1e16, None), (-0.0, 2100), (0.1 + 0.2, None),
                                            (1.2345678901234568e17, 1949), (5e-05, None)), (3, None, None, 12, None, 1))]
    assert _our_csv(rows) == _pandas_csv(rows)
