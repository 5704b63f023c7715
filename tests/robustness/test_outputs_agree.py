"""The CSV and the Parquet file of a run hold the same rows, whatever the
file names hold: a carriage return, a line break, a comma, a quote."""
from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from extractors.run.outputs import CSV_NAME, PARQUET_NAME
from extractors.run.pipeline import extract_paths

PAGE = "丽水市2024年地区生产总值达1964亿元，常住人口达到252万人。"
HOSTILE_NAMES = ["carriage\rreturn.txt", "line\nbreak.txt", "both\r\nends.txt", "comma,name.txt",
                 'quote"name.txt', "tab\tname.txt", "plain.txt"]


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("in")
    for number, name in enumerate(HOSTILE_NAMES):
        (folder / name).write_text(PAGE.replace("1964", str(1964 + number)), encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    summary = extract_paths([folder], out)
    assert summary.ok and summary.documents == len(HOSTILE_NAMES)
    return out


def test_every_reader_of_the_csv_sees_the_rows_of_the_parquet_file(run):
    parquet = pd.read_parquet(run / PARQUET_NAME)
    assert set(parquet["source_file"]) == set(HOSTILE_NAMES)
    frame = pd.read_csv(run / CSV_NAME, dtype=str, keep_default_na=False)
    assert len(frame) == len(parquet)
    assert list(frame["source_file"]) == list(parquet["source_file"])
    assert list(frame["obs_id"]) == list(parquet["obs_id"])
    # A reader that breaks lines at a lone carriage return too (universal newlines).
    with open(run / CSV_NAME, encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == len(parquet) + 1
    assert [row[1] for row in rows[1:]] == [name.replace("\r\n", "\n").replace("\r", "\n")
                                            for name in parquet["source_file"]]


def test_rows_without_a_carriage_return_keep_their_minimal_quoting(run):
    text = (run / CSV_NAME).read_bytes().decode("utf-8")
    plain = [line for line in io.StringIO(text, newline="") if ",plain.txt," in line]
    assert plain and not plain[0].startswith('"')
