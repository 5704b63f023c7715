"""Review in a real browser, end to end, on a page the pipeline extracts.

A reviewer signs in (the operator's reviewers file), corrects the region of a
figure and sees Compare change; the seeds are extracted again and the
correction is still there; a rejected figure leaves the facts; the answer key
exported from the decisions scores the extraction with ``evaluate``.
Screenshots: ``test-output/dashboard_browser/review_*.png``.
"""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_dashboard_browser import CHROMIUM, OUTPUT, ROOT, _wait_idle, page, server  # noqa: F401 - fixtures

from extractors.review.reviewers import add_reviewer

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (.ci/run installs it)")

PAGE = """鹿城区2025年国民经济运行简况

2025年，鹿城区实现地区生产总值1520.3亿元，同比增长6.1%。全区一般公共预算收入98.7亿元，增长4.2%。
龙湾区实现地区生产总值1105.6亿元，同比增长5.8%。
"""
REVIEWER, PASSWORD = "审核员甲", "a long pass phrase"


def _extract(seeds: Path, data: Path) -> None:
    subprocess.run([sys.executable, "-m", "extractors", "extract", str(seeds), "--out", str(data)],
                   cwd=ROOT, check=True, capture_output=True)


def _obs_id(data: Path, raw_text: str) -> str:
    with (data / "indicators.csv").open(encoding="utf-8") as handle:
        return next(row["obs_id"] for row in csv.DictReader(handle) if row["raw_text"] == raw_text)


@pytest.fixture
def app_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    seeds, data = tmp_path / "seeds", tmp_path / "data"
    seeds.mkdir()
    (seeds / "lucheng_2025.txt").write_text(PAGE, encoding="utf-8")
    _extract(seeds, data)
    add_reviewer(tmp_path / "reviewers.json", REVIEWER, PASSWORD)
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data))
    monkeypatch.setenv("DASHBOARD_SEEDS_DIR", str(seeds))
    monkeypatch.setenv("REVIEWERS_FILE", str(tmp_path / "reviewers.json"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return data


def _open_source(page, server, obs_id: str) -> None:
    page.goto(f"{server}/source?obs={obs_id}")
    page.locator("mark.number").first.wait_for(timeout=60000)
    _wait_idle(page)


def _sign_in(page) -> None:
    page.get_by_label("审核人").fill(REVIEWER)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录审核").click()
    page.get_by_role("button", name="确认无误").wait_for(timeout=30000)
    _wait_idle(page)


def _open_expander(page, title: str) -> None:
    page.get_by_test_id("stExpander").locator("summary").filter(has_text=title).first.click()
    _wait_idle(page)


def _compare_gdp_regions(page, server) -> str:
    page.goto(f"{server}/compare?c_indicator=gdp&c_level=county")
    page.locator(".js-plotly-plot .barlayer .point path").first.wait_for(timeout=60000)
    _wait_idle(page)
    return page.locator(".js-plotly-plot").first.text_content()


def _facts_metric(page, server) -> str:
    page.goto(f"{server}/overview")
    metric = page.get_by_test_id("stMetric").filter(has_text="事实")
    metric.wait_for(timeout=60000)
    _wait_idle(page)
    return metric.get_by_test_id("stMetricValue").inner_text()


def test_sign_in_correct_reextract_reject_and_score(server, page, app_env, tmp_path):
    OUTPUT.mkdir(parents=True, exist_ok=True)
    data, seeds = app_env, tmp_path / "seeds"
    assert "龙湾区" in _compare_gdp_regions(page, server)

    _open_source(page, server, _obs_id(data, "1105.6亿元"))
    _sign_in(page)
    _open_expander(page, "更正")
    page.get_by_label("地区名称（从地名库中选择）").first.fill("瓯海区")
    page.keyboard.press("Enter")
    region = page.get_by_test_id("stSelectbox").filter(has_text="地区").last
    region.wait_for(timeout=30000)
    _wait_idle(page)
    assert region.locator("input").input_value() == "浙江省/温州市/瓯海区"
    page.get_by_role("button", name="更正").last.click()
    page.get_by_text("已更正。").wait_for(timeout=30000)
    page.screenshot(path=str(OUTPUT / "review_corrected.png"), full_page=True)

    shown = _compare_gdp_regions(page, server)
    assert "瓯海区" in shown and "龙湾区" not in shown
    page.screenshot(path=str(OUTPUT / "review_compare.png"), full_page=True)

    generation = os.path.realpath(data / "current")
    _extract(seeds, data)                              # the rules run again over the same seeds
    assert os.path.realpath(data / "current") != generation
    shown = _compare_gdp_regions(page, server)
    assert "瓯海区" in shown and "龙湾区" not in shown

    facts_before = _facts_metric(page, server)
    _open_source(page, server, _obs_id(data, "98.7亿元"))
    _sign_in(page)                                     # a page opened by its address is a new session
    _open_expander(page, "否决")
    page.get_by_label("否决理由（如：不是统计数据、地区不对）").fill("口径不明")
    page.get_by_role("button", name="否决").last.click()
    page.get_by_text("已否决。").wait_for(timeout=30000)
    assert int(_facts_metric(page, server)) == int(facts_before) - 1
    page.screenshot(path=str(OUTPUT / "review_rejected.png"), full_page=True)

    key = tmp_path / "answer_key.jsonl"
    subprocess.run([sys.executable, "-m", "extractors", "review", "export", "--data", str(data), "--out", str(key)],
                   cwd=ROOT, check=True, capture_output=True, env=dict(os.environ, DASHBOARD_DATA_DIR=str(data)))
    lines = [json.loads(line) for line in key.read_text(encoding="utf-8").splitlines()]
    assert [(line["raw_text"], line["region"], line["note"]) for line in lines] == [
        ("1105.6亿元", "瓯海区", "review: corrected")]
    scored = subprocess.run([sys.executable, "-m", "extractors", "evaluate", str(key), str(data / "indicators.csv")],
                            cwd=ROOT, check=True, capture_output=True, text=True).stdout
    # the figure is found, but the rules still say 龙湾区: the key marks its region wrong
    assert "quantity P=0.167 R=1.000" in scored and "region=0.000 indicator=1.000 year=1.000" in scored
