"""AppTest: Documents (list with counts, uploads with errors per file) and extraction on start."""
import sys

import pytest
from apptest_helpers import page_text, shown
from dashboard_fixture_data import DOCUMENTS_DIR, UPLOAD_DOCUMENT, fake_pipeline_module

from apptest_helpers import APP


def _open_documents(app):
    app.run()
    app.switch_page("views/documents.py")
    return app.run()


@pytest.fixture
def fake_pipeline(monkeypatch):
    monkeypatch.setitem(sys.modules, "extractors.run.pipeline", fake_pipeline_module())


def test_documents_are_listed_with_counts(app):
    _open_documents(app)
    listed = app.dataframe[0].value.set_index("source_file")
    assert list(listed.index) == ["101_shangcheng_window.txt", "102_gongshu_population.txt", "103_hangzhou_bulletin.txt"]
    assert listed.loc["101_shangcheng_window.txt", "mentions"] == 9
    assert listed.loc["103_hangzhou_bulletin.txt", "regions"] == 4


def test_upload_adds_a_document_and_reports_each_file(app, fake_pipeline):
    _open_documents(app)
    app.get("file_uploader")[0].set_value([
        (UPLOAD_DOCUMENT, (DOCUMENTS_DIR / UPLOAD_DOCUMENT).read_bytes(), "text/plain"),
        ("broken.txt", b"\xff\xfe\xfa\xff", "text/plain"),
        ("101_again.txt", (DOCUMENTS_DIR / "101_shangcheng_window.txt").read_bytes(), "text/plain"),
    ]).run()
    app.button(key="extract_uploads").click().run()
    assert not app.exception
    assert f"{UPLOAD_DOCUMENT}：新增 2 条数据。" in [shown(element.value) for element in app.success]
    assert any(shown(element.value).startswith("broken.txt：cannot decode") for element in app.error)
    assert "101_again.txt：该文档已在数据中。" in [shown(element.value) for element in app.info]
    assert len(app.dataframe[0].value) == 4
    app.switch_page("views/overview.py").run()
    assert any("滨江区" in option for option in app.sidebar.multiselect(key="f_region").options)


def test_without_the_pipeline_every_file_gets_an_error(app, monkeypatch):
    monkeypatch.setitem(sys.modules, "extractors.run.pipeline", None)     # import fails
    _open_documents(app)
    app.get("file_uploader")[0].set_value((UPLOAD_DOCUMENT, b"\xe6\x9d\xad", "text/plain")).run()
    app.button(key="extract_uploads").click().run()
    assert "提取程序暂不可用" in app.error[0].value
    assert len(app.dataframe[0].value) == 3


def test_missing_data_is_extracted_from_seeds_with_a_progress_bar(tmp_path, monkeypatch, fake_pipeline):
    from streamlit.testing.v1 import AppTest

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("101_shangcheng_window.txt", "103_hangzhou_bulletin.txt"):
        (seeds / name).write_bytes((DOCUMENTS_DIR / name).read_bytes())
    data_dir = tmp_path / "data"
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_dir))
    monkeypatch.setenv("DASHBOARD_SEEDS_DIR", str(seeds))
    reports = []
    module = sys.modules["extractors.run.pipeline"]
    original = module.extract_paths
    module.extract_paths = lambda paths, out_dir, progress=None: original(
        paths, out_dir, progress=lambda *a: (reports.append(a), progress(*a)))
    app = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not app.exception
    assert reports == [(1, 2, "101_shangcheng_window.txt"), (2, 2, "103_hangzhou_bulletin.txt")]
    assert (data_dir / "indicators.parquet").exists()
    assert "文档=2" in page_text(app)


def test_an_unknown_date_or_publisher_reads_a_dash(app):
    app.run()
    app.switch_page("views/documents.py").run()
    listed = app.dataframe[0].value.set_index("source_file")
    assert listed.loc["102_gongshu_population.txt", "date"] == "—"
    assert not listed.isin(["None", "nan"]).any().any()


def test_an_upload_carries_the_title_date_and_url_typed_for_it(app, fake_pipeline):
    _open_documents(app)
    app.text_input(key="upload_title").input("滨江区经济运行简报").run()
    app.text_input(key="upload_date").input("2024-07").run()
    app.text_input(key="upload_url").input("https://example.gov.cn/news/1.html").run()
    app.get("file_uploader")[0].set_value(
        (UPLOAD_DOCUMENT, (DOCUMENTS_DIR / UPLOAD_DOCUMENT).read_bytes(), "text/plain")).run()
    app.button(key="extract_uploads").click().run()
    assert not app.exception
    listed = app.dataframe[0].value.set_index("source_file")
    assert listed.loc[UPLOAD_DOCUMENT, "title"] == "滨江区经济运行简报"
    assert str(listed.loc[UPLOAD_DOCUMENT, "date"]).startswith("2024-07-01")


def test_a_date_or_url_that_cannot_be_read_is_named_and_nothing_is_extracted(app, fake_pipeline):
    _open_documents(app)
    app.text_input(key="upload_date").input("2024年13月").run()
    app.text_input(key="upload_url").input("example.gov.cn").run()
    app.get("file_uploader")[0].set_value(
        (UPLOAD_DOCUMENT, (DOCUMENTS_DIR / UPLOAD_DOCUMENT).read_bytes(), "text/plain")).run()
    errors = [shown(element.value) for element in app.error]
    assert any("2024年13月" in error for error in errors) and any("example.gov.cn" in error for error in errors)
    assert app.button(key="extract_uploads").disabled
