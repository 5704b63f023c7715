"""Streamlit's English widget words show in Chinese on a Chinese page, in a real browser.

The words are replaced by a style sheet (``dashboard/widget_words.py``), so
only a browser can tell whether its selectors still find Streamlit's
elements, and whether they leave the options themselves alone.
"""
from __future__ import annotations

import pytest
from test_dashboard_browser import CHROMIUM, _wait_idle, page, server  # noqa: F401 - fixtures

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (.ci/run installs it)")

_SHOWN = """(selector) => [...document.querySelectorAll(selector)].map(element => ({
    size: getComputedStyle(element).fontSize,
    after: getComputedStyle(element, '::after').content}))"""


def _shown(page, selector: str) -> list[dict]:
    return page.evaluate(_SHOWN, selector)


def test_upload_button_select_all_and_no_results_speak_chinese(server, page):
    page.goto(f"{server}/documents")
    page.get_by_test_id("stFileUploaderDropzone").wait_for(timeout=60000)
    _wait_idle(page)
    assert _shown(page, '[data-testid="stFileUploaderDropzone"] button p') == [
        {"size": "0px", "after": '"选择文件"'}]

    page.goto(f"{server}/")
    region_box = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first.locator("input")
    region_box.wait_for(timeout=60000)
    _wait_idle(page)
    region_box.click()
    page.get_by_role("option").first.wait_for(timeout=10000)
    assert {"size": "0px", "after": '"全选"'} in _shown(page, '[data-key="__select_all__"] [data-item-hl]')
    places = page.locator('[role="option"]:not([data-key="__select_all__"])')
    assert places.count() > 1
    assert places.first.evaluate("e => getComputedStyle(e.querySelector('span') || e).fontSize") != "0px"

    region_box.fill("无此地名之镇")
    page.wait_for_timeout(800)
    assert _shown(page, '[role="option"] > span:only-child') == [{"size": "0px", "after": '"无匹配项"'}]
