"""The Map in a real browser: Hangzhou's districts by GDP, a click on 上城区 filters the dashboard;
Compare's figure carries its source line; the map fits a 420 px wide phone.
Screenshots go to ``test-output/dashboard_browser/``."""
from __future__ import annotations

import re

import pytest
from test_dashboard_browser import CHROMIUM, OUTPUT, _wait_idle, page, server  # noqa: F401  (fixtures)

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (.ci/run installs it)")

NO_DATA_GREY = "rgb(217, 217, 217)"
MAP_URL = "/map?m_indicator=gdp&m_level=county&m_measure=total&m_period_kind=year&m_period=2024&m_unit=CNY&m_area=3301"

# Plotly keeps the figure on its div; the districts are paths of the choropleth layer, trace by trace.
_FILLS = """() => Array.from(document.querySelectorAll('.js-plotly-plot .choroplethlocation'))
                 .map(path => [path.__data__.loc, getComputedStyle(path).fill])"""
_POINT_INSIDE = """(code) => {
  const path = Array.from(document.querySelectorAll('.js-plotly-plot .choroplethlocation'))
                    .find(p => p.__data__.loc === code);
  const box = path.getBoundingClientRect(), toPath = path.getScreenCTM().inverse();
  for (let fy = 0.5; fy < 1; fy += 0.05) for (const sy of [1, -1]) for (let fx = 0.5; fx < 1; fx += 0.05)
    for (const sx of [1, -1]) {
      const x = box.left + box.width * (0.5 + sx * (fx - 0.5)), y = box.top + box.height * (0.5 + sy * (fy - 0.5));
      if (path.isPointInFill(new DOMPoint(x, y).matrixTransform(toPath))) return [x, y];
    }
  return null;
}"""


def _wait_for_map(page) -> None:
    page.locator(".js-plotly-plot .choroplethlocation").first.wait_for(timeout=30000)
    _wait_idle(page)


def test_map_colours_districts_with_a_value_and_a_click_filters_the_dashboard(server, page):
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.goto(server + MAP_URL)
    _wait_for_map(page)
    fills = dict(page.evaluate(_FILLS))
    assert len(fills) == 13
    coloured = {code for code, fill in fills.items() if fill != NO_DATA_GREY}
    assert coloured == {"330102", "330105", "330106"}          # 上城区, 拱墅区, 西湖区 have a 2024 GDP
    page.screenshot(path=str(OUTPUT / "map.png"), full_page=True)

    x, y = page.evaluate(_POINT_INSIDE, "330102")
    page.mouse.click(x, y)
    page.wait_for_url(re.compile(r"region=%E4%B8%8A%E5%9F%8E%E5%8C%BA"), timeout=30000)
    _wait_idle(page)
    page.get_by_text("已选：上城区").wait_for(timeout=30000)
    sidebar = page.get_by_test_id("stSidebar")
    assert sidebar.get_by_test_id("stMultiSelect").first.get_by_text("上城区").count() >= 1
    page.screenshot(path=str(OUTPUT / "map_chosen.png"), full_page=True)

    sidebar.get_by_role("link", name="概览").click()              # the whole dashboard follows
    page.get_by_test_id("stMetric").filter(has_text="提及").get_by_text("9").wait_for(timeout=30000)


def test_compare_figure_carries_its_source_line(server, page):
    page.goto(server + "/compare")
    page.locator(".js-plotly-plot .barlayer .point path").first.wait_for(timeout=30000)
    _wait_idle(page)
    annotations = page.evaluate("() => document.querySelector('.js-plotly-plot').layout.annotations.map(a => a.text)")
    [source] = [text for text in annotations if text.startswith("来源：")]
    assert "杭州市统计局" in source and "2025-03-01" in source
    assert page.locator(".js-plotly-plot").first.locator(".annotation-text", has_text="来源：").count() == 1   # drawn, so in the PNG
    page.screenshot(path=str(OUTPUT / "compare_source_line.png"), full_page=True)


def test_map_and_sidebar_fit_a_420_px_phone(server, page):
    page.set_viewport_size({"width": 420, "height": 900})
    page.goto(server + MAP_URL)
    _wait_for_map(page)
    box = page.locator(".js-plotly-plot").first.bounding_box()
    assert box["width"] > 300 and box["x"] >= 0 and box["x"] + box["width"] <= 420
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 420
    page.screenshot(path=str(OUTPUT / "map_420.png"), full_page=True)
    page.get_by_test_id("stExpandSidebarButton").click()
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stMultiSelect").first.wait_for(timeout=15000)
    page.wait_for_function("() => document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().x >= 0",
                           timeout=10000)                               # it slides in
    side = sidebar.bounding_box()
    assert side["x"] >= 0 and side["x"] + side["width"] <= 420
    assert sidebar.get_by_role("link", name="地图").is_visible()
    page.screenshot(path=str(OUTPUT / "map_420_sidebar.png"))
