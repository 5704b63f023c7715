"""Tables read as cells: header rows combined, 单位 lines and columns, empty and merged cells."""
from __future__ import annotations

from extractors.run.pipeline import extract_bytes


def _table_rows(page: str):
    result = extract_bytes(f"<!DOCTYPE html><html><body>{page}</body></html>".encode(), "table.html")
    assert result.error is None, result.error
    for row in result.observations:
        assert result.document.text[row.start:row.end] == row.raw_text
    return sorted((o.raw_text, o.indicator, o.unit, o.value, o.year, o.region)
                  for o in result.observations if o.rule.startswith("table:"))


def test_a_unit_line_inside_the_table_and_an_empty_cell_that_keeps_its_column():
    rows = _table_rows("<h1>高台县主要指标</h1><table>"
                       "<tr><td colspan='3'>单位：万元</td></tr>"
                       "<tr><th>指标</th><th>2022年</th><th>2021年</th></tr>"
                       "<tr><td>一般公共预算收入</td><td></td><td>41250</td></tr>"
                       "<tr><td>固定资产投资</td><td>83600</td><td>79420</td></tr></table>")
    assert rows == [("41250", "fiscal_revenue", "CNY", 412500000.0, 2021, "高台县"),
                    ("79420", "investment", "CNY", 794200000.0, 2021, "高台县"),
                    ("83600", "investment", "CNY", 836000000.0, 2022, "高台县")]


def test_a_unit_column_and_a_header_over_two_rows():
    rows = _table_rows("<h1>宁安市经济指标</h1><table>"
                       "<tr><th rowspan='2'>指标</th><th rowspan='2'>单位</th><th colspan='2'>2023年</th></tr>"
                       "<tr><th>总量</th><th>增长（%）</th></tr>"
                       "<tr><td>地区生产总值</td><td>亿元</td><td>236.4</td><td>5.7</td></tr>"
                       "<tr><td>常住人口</td><td>万人</td><td>38.2</td><td></td></tr></table>")
    assert rows == [("236.4", "gdp", "CNY", 23640000000.0, 2023, "宁安市"),
                    ("38.2", "population", "person", 382000.0, 2023, "宁安市"),
                    ("5.7", "gdp_growth", "percent", 5.7, 2023, "宁安市")]


def test_a_merged_figure_is_one_row_and_a_merged_label_labels_each_row():
    rows = _table_rows("<h1>武夷山市旅游</h1><table>"
                       "<tr><th>指标</th><th>2022年</th><th>2021年</th></tr>"
                       "<tr><td>星级酒店（家）</td><td colspan='2'>31</td></tr>"
                       "<tr><td rowspan='2'>接待游客（万人次）</td><td>1520.6</td><td>1288.1</td></tr>"
                       "<tr><td>1611.2</td><td>1390.4</td></tr></table>")
    assert [r[0] for r in rows] == ["1288.1", "1390.4", "1520.6", "1611.2", "31"]
    assert {r[1] for r in rows[:4]} == {"visitor_count"} and rows[4][1] == "facility_count"
    assert [r[4] for r in rows] == [2021, 2021, 2022, 2022, 2022]


def test_a_first_column_of_places_under_a_section_row():
    rows = _table_rows("<h1>酒泉市分县区数据</h1><table>"
                       "<tr><th>县区</th><th>2023年</th><th>2022年</th></tr>"
                       "<tr><td colspan='3'>地区生产总值（亿元）</td></tr>"
                       "<tr><td>肃州区</td><td>356.2</td><td>330.5</td></tr>"
                       "<tr><td>瓜州县</td><td>92.4</td><td>86.1</td></tr></table>")
    assert rows == [("330.5", "gdp", "CNY", 33050000000.0, 2022, "肃州区"),
                    ("356.2", "gdp", "CNY", 35620000000.0, 2023, "肃州区"),
                    ("86.1", "gdp", "CNY", 8610000000.0, 2022, "瓜州县"),
                    ("92.4", "gdp", "CNY", 9240000000.0, 2023, "瓜州县")]
