"""AppTest: Table (rows, sorting, links, URL) and the downloads it offers."""
import io
import zipfile

import pandas as pd
import pytest
from apptest_helpers import RecordingMediaFileManager, downloaded_bytes, page_text

BOM = b"\xef\xbb\xbf"


@pytest.fixture
def recorded_downloads(monkeypatch):
    RecordingMediaFileManager.files = {}
    monkeypatch.setattr("streamlit.testing.v1.app_test.MediaFileManager", RecordingMediaFileManager)
    return RecordingMediaFileManager.files


def _open_table(app, **query):
    app.run()
    app.switch_page("views/table.py")
    app.query_params.update(query)
    return app.run()


def test_rows_links_and_formatting(app):
    _open_table(app)
    assert not app.exception
    table = app.dataframe[0].value
    assert len(table) == 22
    assert "共 22 行" in page_text(app)
    assert set(table["link"].str.startswith("source?obs=")) == {True}
    assert "2803.5亿元" in set(table["display_value"]) and "超8000万元" in set(table["display_value"])


def test_sorting_is_in_the_url_and_changes_the_order(app):
    _open_table(app)
    app.selectbox(key="t_sort").set_value("value")
    app.toggle(key="t_desc").set_value(True).run()
    table = app.dataframe[0].value
    assert list(table["display_value"][:2]) == ["2.186万亿元", "2803.5亿元"]
    assert app.query_params["sort"] == "value" and app.query_params["desc"] == "1"


def test_sort_restored_from_a_link(app):
    _open_table(app, sort="year", desc="1")
    assert app.selectbox(key="t_sort").value == "year"
    assert app.dataframe[0].value["year"].iloc[0] == "2025"


def test_filters_change_the_rows(app):
    _open_table(app)
    app.sidebar.multiselect(key="f_region").set_value(["小营街道"]).run()
    assert sorted(app.dataframe[0].value["raw_text"]) == ["10家", "2.98平方公里", "44%"]


def _read(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False)


def test_downloads_hold_the_filtered_and_all_rows(app, recorded_downloads):
    _open_table(app)
    app.sidebar.multiselect(key="f_region").set_value(["上城区"]).run()
    assert not app.exception
    assert {button.label for button in app.get("download_button")} >= {"CSV（UTF-8，脚本用）", "CSV（Excel 用，带 BOM）"}

    plain = downloaded_bytes("indicators_filtered.csv")
    excel = downloaded_bytes("indicators_filtered_excel.csv")
    assert not plain.startswith(BOM) and excel.startswith(BOM)
    filtered = _read(plain)
    assert set(filtered["region"]) == {"上城区", "小营街道"} and len(filtered) == 9
    assert "上城区" in excel.decode("utf-8-sig")

    everything = _read(downloaded_bytes("indicators_all.csv"))
    assert len(everything) == 24                       # all rows, targets and thresholds included
    all_excel = _read(downloaded_bytes("indicators_all_excel.csv"))
    assert "'@拱墅发布：2024年全区新增城镇就业2.1万人。" in set(all_excel["sentence"])

    archive = zipfile.ZipFile(io.BytesIO(downloaded_bytes("indicators_filtered.zip")))
    assert sorted(archive.namelist()) == ["README.md", "datapackage.json", "indicators.csv"]
    assert "region=上城区" in archive.read("README.md").decode("utf-8")


def test_download_buttons_do_not_rerun_the_page(app):
    _open_table(app)
    for button in app.get("download_button"):
        assert button.proto.ignore_rerun
        assert button.proto.deferred_file_id          # made on click, not on every run


def test_rows_without_a_year_read_a_dash_and_every_row_names_its_period_and_measure(app):
    _open_table(app)
    table = app.dataframe[0].value.set_index("raw_text")
    assert table.loc["2.98平方公里", "year"] == "—" and table.loc["2.98平方公里", "period"] == "—"
    assert "None" not in set(table["year"]) and "nan" not in set(table["period"])
    assert table.loc["4.8%", "period"] == "2020—2024年（年均）" and table.loc["4.8%", "measure"] == "年均增长"
