"""A hostile page in a real browser: chromium opens its Source view and nothing in it runs.

The data folder is extracted from ``hostile_documents`` by the real
pipeline; ``streamlit run`` and chromium start as in
``test_dashboard_browser.py`` (whose fixtures are reused, with ``app_env``
overridden so the server reads the hostile folder). Every payload would
open a dialog or set ``window.__xss`` if it ran; each must show as its own
characters instead. Screenshot: ``test-output/dashboard_browser/hostile_source.png``.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from hostile_documents import (HOSTILE_FILE, LITERALS, MANIFEST, OTHER_FILE, OTHER_TITLE, SENTENCE, TITLE,
                               extract_hostile_data)
from test_dashboard_browser import CHROMIUM, OUTPUT, _wait_idle, page, server  # noqa: F401 - fixtures

from dashboard import datastore

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (.ci/run installs it)")


@pytest.fixture
def app_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The server's data: the hostile pages, extracted (newer than their seeds, so not extracted again)."""
    data_dir = extract_hostile_data(tmp_path / "seeds", tmp_path / "data")
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_dir))
    monkeypatch.setenv("DASHBOARD_SEEDS_DIR", str(tmp_path / "seeds"))
    return data_dir


def _nothing_ran(page, dialogs: list[str]) -> None:
    assert dialogs == []
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator('a[href^="javascript" i], a[href*="evil"]').count() == 0
    assert page.locator('img[src="x"], svg[onload], iframe[src^="javascript" i]').count() == 0
    assert page.evaluate("Array.from(document.scripts).every(s => !s.textContent.includes('__xss'))")
    assert page.get_by_test_id("stMain").locator(".katex").count() == 0       # no $$…$$ became math


def test_a_hostile_page_shows_as_text_and_runs_nothing(server, page, app_env):
    OUTPUT.mkdir(parents=True, exist_ok=True)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    rows = datastore.read_rows(app_env)
    obs_id = rows.loc[(rows["source_file"] == HOSTILE_FILE) & (rows["raw_text"] == "2803.5亿元"), "obs_id"].iloc[0]

    page.goto(f"{server}/source?obs={obs_id}")
    number = page.locator("mark.number").first
    number.wait_for(timeout=30000)
    _wait_idle(page)
    page.get_by_text("文档信息").click()                   # the document's title, publisher, URL, file name
    page.get_by_text(MANIFEST["url"]).wait_for(timeout=30000)
    _wait_idle(page)
    page.screenshot(path=str(OUTPUT / "hostile_source.png"), full_page=True)

    _nothing_ran(page, dialogs)
    assert number.inner_text() == "2803.5亿元"
    assert page.locator("mark.sentence").first.inner_text() == SENTENCE.split("[点我]")[0]
    shown = page.get_by_test_id("stMain").inner_text().replace("\u2060", "")   # word joiners are invisible
    for literal in LITERALS:
        assert literal in shown, literal
    assert f"所在文章：{TITLE}" in shown                 # the article title, character for character
    assert f"标题: {TITLE}" in shown                      # the document's title, in the expander
    for literal in (MANIFEST["publisher"], HOSTILE_FILE, OTHER_FILE, OTHER_TITLE):
        assert literal in shown, literal                 # the expander, and the other source of the fact
    assert page.get_by_test_id("stMain").locator("strong", has_text="粗体标题").count() == 1   # only the view's bold

    hostile_id = '<img src=x onerror="window.__xss=11;alert(11)">[点我](javascript:alert(12))'
    page.goto(f"{server}/source?obs={quote(hostile_id)}")
    page.get_by_test_id("stAlertContentError").first.wait_for(timeout=30000)
    _wait_idle(page)
    assert hostile_id in page.get_by_test_id("stAlertContentError").first.inner_text()
    _nothing_ran(page, dialogs)
