"""Which part of its year a figure covers: the examples of period_words.yaml, the grammar,
and whole extractions of invented pages."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from extractors.periods.kinds import period_end_year, period_kind, period_of_words
from extractors.run.pipeline import extract_bytes

WORDS = yaml.safe_load((Path(__file__).resolve().parents[1] / "extractors" / "periods" / "period_words.yaml")
                       .read_text(encoding="utf-8"))


@pytest.mark.parametrize("text,period", [(text, str(p)) for text, p in WORDS["examples"].items()])
def test_period_words_examples(text, period):
    assert period_of_words(2031, text) == period


@pytest.mark.parametrize("period,kind,end", [
    ("2031", "year", 2031), ("2031H1", "half", 2031), ("2031Q3", "quarter", 2031),
    ("2031M01-M05", "months", 2031), ("2031M07", "month", 2031), ("2026/2031", "span", 2031),
    ("2031-06-30", "date", 2031)])
def test_period_grammar(period, kind, end):
    assert period_kind(period) == kind
    assert period_end_year(period) == end


@pytest.mark.parametrize("bad", ["2031H3", "2031Q5", "2031M13", "31", "2031-13-01", "2031/31"])
def test_not_the_grammar(bad):
    assert period_end_year(bad) is None


def test_no_year_no_period():
    assert period_of_words(None, "上半年") == ""


def test_year_to_date_reads_the_page_date():
    assert period_of_words(2031, "今年以来", dt.date(2031, 8, 20)) == "2031M01-M08"
    assert period_of_words(2031, "今年以来") == "2031"


def _rows(text: str, date: str = "2031-12-30"):
    result = extract_bytes(f"发布时间：{date}\n\n{text}\n".encode("utf-8"), "invented.txt")
    return [(o.raw_text, o.indicator, o.year, o.period, o.measure) for o in result.observations]


def test_half_year_figures_and_the_annual_figure_of_one_page():
    rows = _rows("2031年上半年，岭北区实现地区生产总值612.3亿元，同比增长5.2%。\n\n"
                 "2030年，岭北区实现地区生产总值1188.6亿元，比上年增长6.1%。")
    assert rows == [("612.3亿元", "gdp", 2031, "2031H1", "total"), ("5.2%", "gdp_growth", 2031, "2031H1", "yoy"),
                    ("1188.6亿元", "gdp", 2030, "2030", "total"), ("6.1%", "gdp_growth", 2030, "2030", "yoy")]


def test_a_quarter_carries_through_its_paragraph():
    rows = _rows("2031年一季度，岭北区经济运行开局平稳。全区实现地区生产总值301.4亿元，同比增长4.4%。")
    assert rows == [("301.4亿元", "gdp", 2031, "2031Q1", "total"), ("4.4%", "gdp_growth", 2031, "2031Q1", "yoy")]


def test_average_annual_growth_is_a_span_and_its_level_is_a_year():
    rows = _rows("2031年，岭北区地区生产总值达到1520亿元，五年年均增长6.3%。")
    assert rows == [("1520亿元", "gdp", 2031, "2031", "total"),
                    ("6.3%", "gdp_growth", 2031, "2026/2031", "avg_annual")]


def test_a_date_written_with_another_year_is_no_period_of_the_figures():
    page = ("南漳县2030年经济社会发展统计公报\n\n南漳县统计局\n2031年3月26日\n\n一、综合\n\n"
            "全县共有市场主体4.12万户，其中企业8630户。\n\n全年新登记企业1104户。\n")
    rows = extract_bytes(page.encode("utf-8"), "invented.txt").observations
    assert [(row.raw_text, row.year, row.period) for row in rows] == [
        ("4.12万户", 2030, "2030"), ("8630户", 2030, "2030"), ("1104户", 2030, "2030")]


def test_a_part_of_the_year_written_with_its_year_is_one_of_that_year():
    assert period_of_words(2031, "2031年上半年") == "2031H1"
    assert period_of_words(2031, "2030年上半年") == "2031"        # the mark gives another year: the year alone
    assert period_of_words(2031, "截至2031年9月末") == "2031-09-30"
