"""End to end in a real browser: Debian's chromium driven by Playwright against ``streamlit run``.

Filters to 上城区, clicks the GDP bar in Compare, opens its source and sees
the sentence highlighted with the number marked, goes back to Compare and
forward again, then downloads the CSV from
the Table and checks its rows. Screenshots go to ``test-output/dashboard_browser/``.
"""
from __future__ import annotations

import io
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "test-output" / "dashboard_browser"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (.ci/run installs it)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(app_env: Path, tmp_path: Path):
    port = _free_port()
    env = dict(os.environ)
    log = (tmp_path / "streamlit.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard" / "app.py"),
         "--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"{base}/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            time.sleep(0.3)
    else:
        process.kill()
        pytest.fail("streamlit did not start: " + (tmp_path / "streamlit.log").read_text())
    yield base
    process.terminate()
    process.wait(timeout=20)
    log.close()


@pytest.fixture
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True,
                                      locale="zh-CN")
        yield context.new_page()
        browser.close()


def _wait_idle(page) -> None:
    """Streamlit shows a running indicator while the script runs; wait until it is gone."""
    page.wait_for_timeout(300)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30000)


def _pick_region(page, sidebar, name: str, attempts: int = 4) -> None:
    """Type into the region box and choose the option. On a cold start the
    app may still be re-running and replace the widget under the cursor, so
    try again as a person would, after the page settles."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(attempts):
        try:
            region_input = sidebar.get_by_test_id("stMultiSelect").first.locator("input")
            region_input.click(timeout=10000)
            region_input.fill(name)
            page.get_by_role("option", name=re.compile(rf"^\s*{name}(?:（[^）]*）)?$")).click(timeout=10000)
            page.keyboard.press("Escape")
            return
        except PlaywrightTimeout:
            if attempt == attempts - 1:
                raise
            page.keyboard.press("Escape")
            _wait_idle(page)


def test_filter_open_source_and_download(server, page):
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.goto(f"{server}/overview")                 # the Overview by name, as people share it
    page.get_by_role("heading", name="概览").wait_for(timeout=30000)

    _wait_idle(page)
    assert page.get_by_text("Page not found").count() == 0 and page.url.endswith("/overview")
    sidebar = page.get_by_test_id("stSidebar")
    _pick_region(page, sidebar, "上城区")
    _wait_idle(page)
    page.wait_for_url(re.compile(r"region=%E4%B8%8A%E5%9F%8E%E5%8C%BA"), timeout=15000)
    page.get_by_test_id("stMetric").filter(has_text="提及").get_by_text("9").wait_for()
    page.screenshot(path=str(OUTPUT / "overview.png"), full_page=True)

    sidebar.get_by_role("link", name="对比").click()
    bar = page.locator(".js-plotly-plot .barlayer .point path").first
    bar.wait_for(timeout=30000)
    _wait_idle(page)
    assert "2803.5亿元" in page.locator(".js-plotly-plot .barlayer").first.text_content()
    box = bar.bounding_box()                   # plotly's drag layer takes the click, as with a person
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.get_by_text("2 个来源").wait_for(timeout=30000)
    page.screenshot(path=str(OUTPUT / "compare.png"), full_page=True)

    page.get_by_role("link", name="打开来源").first.click()
    number = page.locator("mark.number").first
    number.wait_for(timeout=30000)
    assert number.inner_text() == "2803.5亿元"
    sentence = page.locator("mark.sentence").first.inner_text()
    assert "全区地区生产总值从2020年的2218.6亿元增至2024年的2803.5亿元" in sentence
    assert re.search(r"obs=[0-9a-f]{16}", page.url)
    page.screenshot(path=str(OUTPUT / "source.png"), full_page=True)

    page.go_back()                                               # Back returns to Compare
    page.get_by_role("heading", name="对比").wait_for(timeout=30000)
    page.go_forward()
    page.locator("mark.number").first.wait_for(timeout=30000)

    page.get_by_test_id("stSidebar").get_by_role("link", name="数据表").click()
    button = page.get_by_role("button", name="CSV（UTF-8，脚本用）").first
    button.wait_for(timeout=30000)
    _wait_idle(page)
    with page.expect_download(timeout=30000) as download_info:
        button.click()
    download = download_info.value
    assert download.suggested_filename == "indicators_filtered.csv"
    data = Path(download.path()).read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    rows = pd.read_csv(io.BytesIO(data), keep_default_na=False)
    assert set(rows["region"]) == {"上城区", "小营街道"} and len(rows) == 9
    assert "2803.5亿元" in set(rows["raw_text"])
    assert page.get_by_role("heading", name="数据表").is_visible()     # the download did not reset the page
    page.screenshot(path=str(OUTPUT / "table.png"), full_page=True)
