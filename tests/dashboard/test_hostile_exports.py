"""Spreadsheet safety: in the Excel CSV no text cell can start a formula, and numbers stay numbers.

The files are read back with the ``csv`` module, cell by cell, as a
spreadsheet would split them.
"""
from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from apptest_helpers import RecordingMediaFileManager, downloaded_bytes
from hostile_documents import FORMULA_SENTENCE, OTHER_FILE, extract_hostile_data

from apptest_helpers import APP
from dashboard import exports
from extractors.models import OUTPUT_COLUMNS

TEXT_COLUMNS = [name for name in OUTPUT_COLUMNS if name not in exports.NUMERIC_COLUMNS]
TRIGGERS = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://evil","点我")',
            "=cmd|' /C calc'!A0", "-3.5", "+86 571", " =1+1", "\n=1+1", "\u3000@x"]
HARMLESS = ["杭州", "", "a=1", "2803.5亿元", "'already quoted", "多行\n=1+1", '含"引号",逗号']
VALUES = [-3.5, 0.0, 2.8035e11, -1e-9, 4.8, *map(float, range(1, 16))]


def _rows(dtype: str) -> pd.DataFrame:
    """Every text column holds every trigger and harmless text; ``value`` holds negatives."""
    cells = TRIGGERS + HARMLESS
    rows = pd.DataFrame({name: cells for name in TEXT_COLUMNS})
    if dtype == "category":
        rows = rows.astype("category")
    rows["value"] = VALUES
    rows["start"], rows["end"] = range(len(cells)), range(1, len(cells) + 1)
    rows["year"] = pd.array([2024, None] * (len(cells) // 2), dtype="Int64")
    rows["page"] = pd.array([None, 3] * (len(cells) // 2), dtype="Int64")
    return rows[OUTPUT_COLUMNS]


def _cells(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("dtype", ["object", "category"])
def test_every_text_column_is_neutralised_in_the_excel_csv(dtype):
    rows = _rows(dtype)
    excel = _cells(exports.csv_for_excel(rows))
    assert len(excel) == len(rows)                                  # no cell broke a row apart
    for column in TEXT_COLUMNS:
        for original, cell in zip(TRIGGERS + HARMLESS, (line[column] for line in excel)):
            expected = "'" + original if original in TRIGGERS else original
            assert cell == expected, (column, original, cell)
            assert not cell.lstrip().startswith(exports.FORMULA_TRIGGERS), (column, cell)


@pytest.mark.parametrize("dtype", ["object", "category"])
def test_numbers_stay_numbers_and_the_script_csv_is_untouched(dtype):
    rows = _rows(dtype)
    excel = _cells(exports.csv_for_excel(rows))
    assert [line["value"] for line in excel][:2] == ["-3.5", "0"]
    assert [float(line["value"]) for line in excel] == VALUES            # a negative value is a number, not "'-3.5"
    assert [line["start"] for line in excel] == [str(n) for n in range(len(rows))]
    assert [line["year"] for line in excel][:2] == ["2024", ""]
    text = exports.csv_for_excel(rows).decode("utf-8-sig")
    assert ",-3.5," in text.splitlines()[1]                             # unquoted, as a spreadsheet reads numbers
    plain = _cells(exports.csv_for_scripts(rows))
    for column in TEXT_COLUMNS:
        assert [line[column] for line in plain] == TRIGGERS + HARMLESS


@pytest.fixture
def recorded_downloads(monkeypatch):
    RecordingMediaFileManager.files = {}
    monkeypatch.setattr("streamlit.testing.v1.app_test.MediaFileManager", RecordingMediaFileManager)
    return RecordingMediaFileManager.files


def test_the_excel_download_of_an_extracted_hostile_page(tmp_path, monkeypatch, recorded_downloads):
    """A page whose file name and a sentence start with ``=``: the Table's Excel file neutralises both."""
    from streamlit.testing.v1 import AppTest

    data_dir = extract_hostile_data(tmp_path / "seeds", tmp_path / "data")
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_dir))
    monkeypatch.setenv("DASHBOARD_SEEDS_DIR", str(tmp_path / "seeds"))
    app = AppTest.from_file(str(APP), default_timeout=60).run()
    app.switch_page("views/table.py").run()
    assert not app.exception
    excel = _cells(downloaded_bytes("indicators_all_excel.csv"))
    plain = _cells(downloaded_bytes("indicators_all.csv"))
    assert len(excel) == len(plain) == 4
    neutralised = set()
    for excel_line, plain_line in zip(excel, plain):
        for column in TEXT_COLUMNS:
            original = plain_line[column]
            if exports.looks_like_formula(original):
                assert excel_line[column] == "'" + original
                neutralised.add((column, original))
            else:
                assert excel_line[column] == original
        assert excel_line["value"] == plain_line["value"] and float(excel_line["value"]) > 0
    assert ("source_file", OTHER_FILE) in neutralised and ("sentence", FORMULA_SENTENCE) in neutralised
