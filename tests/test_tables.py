"""Tables as pages give them when copied to text, on invented pages: every
numeric cell gets its row's indicator and unit, its column's year and its
row's region when the first column names places. Each case lists every row."""
from __future__ import annotations

import pytest

SPACE_ALIGNED_TOWNS = """德清县第七次全国人口普查公报（第二号）

表1 各镇（街道）常住人口
单位：人、%
地区      人口数          比重
          2020年    2010年    2020年   2010年
全  县    548213    492588    100.00   100.00
武康街道  160417    132206     29.26    26.84
新市镇     81532     77124     14.87    15.66
乾元镇     70988     63917     12.95    12.98
"""

FLATTENED_ROWS = """安吉县主要指标

地区
|
规模以上工业增加值（亿元）
|
增长（%）
递铺街道
|
126.5
|
8.3
孝丰镇
|
23.8
|
6.1
天荒坪镇
|
11.2
|
-2.4
"""

FLATTENED_TWO_ROW_HEADER = """长兴县各镇常住人口
单位：人、%
地区
|
人口数
|
比重
|
2020年
|
2010年
|
2020年
|
2010年
|
雉城街道
|
187352
|
165008
|
26.31
|
25.12
|
泗安镇
|
60125
|
58311
|
8.44
|
8.88
|
"""

PLAN_TABLE = """表2 仙居县2023年经济运行指标
编号 | 项目 | 2023年目标值 | 2023年实绩 |
1 | 地区生产总值 | 7% | 6.4% |
2 | 全社会固定资产投资 | 城区 | 力争120亿元 | 131.6亿元 |
全县 | 260亿元以上 | 275.3亿元 |
3 | 新引进大学生 | 1.2万人 | 13408人 |
"""

SPACE_ALIGNED_INDICATORS = """新昌县主要指标
指标  总量（万元）  增长（%）
工业增加值   1865432    9.6
税收收入      712044    4.3
"""

LEVELS_AND_GROWTH_ONE_UNIT_LINE = """2023年遂昌县各乡镇主要指标

单位：万元、%
乡镇        工业产值    增长    财政收入    增长
妙高街道    452310      7.4     38215       3.6
云峰街道    218764      -2.1    19832       5.2
"""
TAB_SEPARATED_TOWNS = "各镇财政收入\n单位：万元\n镇别\t2022年\t2021年\n大洋镇\t12530\t11874\n东塍镇\t9820\t9411\n"

UNIT_IN_THE_TITLE = """表3  临海市各街道常住人口（单位：人）
街道      2020年     2010年
古城街道   98235      91420
大洋街道   76218      70036
"""

LABELS_WITHOUT_AN_INDICATOR = """表5 仙居县规模以上工业企业数（家）
类别      2023年   2022年
大型        12       10
中型        85       79
小型       634      601
"""

# An age and a sex table of a census bulletin: a caption's number is no figure
# (表2 人口… is no "2 人"), an age group's or a sex's share is the population's.
AGE_AND_SEX_TABLES = """筠连县第七次全国人口普查公报

表2 人口年龄构成
单位：人、%
| 年龄 | 人口数 | 比重 |
| 0—14岁 | 61324 | 17.86 |
| 60岁及以上 | 70215 | 20.45 |

表3 性别构成
| 性别 | 比重 |
| 男 | 50.93% |
| 女 | 49.07% |
"""

# A two-column table: its one header row gives the unit, and 比上年 names this year's growth
TWO_COLUMNS_GROWTH = """筠连县2023年主要经济指标

| 指标 | 比上年增长（%） |
| 地区生产总值 | 6.2 |
| 固定资产投资 | 8.1 |
"""

# text, page date, expected rows: (raw text, value, unit, indicator, year, region, qualifier, kind)
DISTRICTS_WITH_GROWTH = """2025年上半年各区县主要指标

| 区县 | 地区生产总值（亿元） | 增速（%） |
| --- | --- | --- |
| 通州区 | 612.4 | 5.9 |
| 顺义区 | 1120.7 | 6.3 |
"""

CASES = [
    pytest.param(DISTRICTS_WITH_GROWTH, "2025-07-25", [
        ("612.4", 61240000000, "CNY", "gdp", 2025, "通州区", "exact", "fact"),
        ("5.9", 5.9, "percent", "gdp_growth", 2025, "通州区", "exact", "fact"),
        ("1120.7", 112070000000, "CNY", "gdp", 2025, "顺义区", "exact", "fact"),
        ("6.3", 6.3, "percent", "gdp_growth", 2025, "顺义区", "exact", "fact"),
    ], id="a-growth-column-is-the-growth-of-the-level-column-before-it"),
    pytest.param(SPACE_ALIGNED_TOWNS, "2021-05-30", [
        ("548213", 548213, "person", "population", 2020, "德清县", "exact", "fact"),
        ("492588", 492588, "person", "population", 2010, "德清县", "exact", "fact"),
        ("100.00", 100, "percent", "population_share", 2020, "德清县", "exact", "fact"),
        ("100.00", 100, "percent", "population_share", 2010, "德清县", "exact", "fact"),
        ("160417", 160417, "person", "population", 2020, "武康街道", "exact", "fact"),
        ("132206", 132206, "person", "population", 2010, "武康街道", "exact", "fact"),
        ("29.26", 29.26, "percent", "population_share", 2020, "武康街道", "exact", "fact"),
        ("26.84", 26.84, "percent", "population_share", 2010, "武康街道", "exact", "fact"),
        ("81532", 81532, "person", "population", 2020, "新市镇", "exact", "fact"),
        ("77124", 77124, "person", "population", 2010, "新市镇", "exact", "fact"),
        ("14.87", 14.87, "percent", "population_share", 2020, "新市镇", "exact", "fact"),
        ("15.66", 15.66, "percent", "population_share", 2010, "新市镇", "exact", "fact"),
        ("70988", 70988, "person", "population", 2020, "乾元镇", "exact", "fact"),
        ("63917", 63917, "person", "population", 2010, "乾元镇", "exact", "fact"),
        ("12.95", 12.95, "percent", "population_share", 2020, "乾元镇", "exact", "fact"),
        ("12.98", 12.98, "percent", "population_share", 2010, "乾元镇", "exact", "fact"),
    ], id="space-aligned-two-row-header-unit-per-group-towns"),
    pytest.param(FLATTENED_ROWS, "2023-02-10", [
        ("126.5", 12650000000, "CNY", "industry_output", 2023, "递铺街道", "exact", "fact"),
        ("8.3", 8.3, "percent", "growth_rate", 2023, "递铺街道", "exact", "fact"),
        ("23.8", 2380000000, "CNY", "industry_output", 2023, "孝丰镇", "exact", "fact"),
        ("6.1", 6.1, "percent", "growth_rate", 2023, "孝丰镇", "exact", "fact"),
        ("11.2", 1120000000, "CNY", "industry_output", 2023, "天荒坪镇", "exact", "fact"),
        ("-2.4", -2.4, "percent", "growth_rate", 2023, "天荒坪镇", "exact", "fact"),
    ], id="flattened-one-cell-a-line-rows-end-without-a-bar"),
    pytest.param(FLATTENED_TWO_ROW_HEADER, "2021-06-08", [
        ("187352", 187352, "person", "population", 2020, "雉城街道", "exact", "fact"),
        ("165008", 165008, "person", "population", 2010, "雉城街道", "exact", "fact"),
        ("26.31", 26.31, "percent", "population_share", 2020, "雉城街道", "exact", "fact"),
        ("25.12", 25.12, "percent", "population_share", 2010, "雉城街道", "exact", "fact"),
        ("60125", 60125, "person", "population", 2020, "泗安镇", "exact", "fact"),
        ("58311", 58311, "person", "population", 2010, "泗安镇", "exact", "fact"),
        ("8.44", 8.44, "percent", "population_share", 2020, "泗安镇", "exact", "fact"),
        ("8.88", 8.88, "percent", "population_share", 2010, "泗安镇", "exact", "fact"),
    ], id="flattened-a-bar-after-every-cell-two-row-header"),
    pytest.param(PLAN_TABLE, "2024-01-25", [
        ("7%", 7, "percent", "gdp_growth", 2023, "仙居县", "exact", "target"),
        ("6.4%", 6.4, "percent", "gdp_growth", 2023, "仙居县", "exact", "fact"),
        ("120亿元", 12000000000, "CNY", "investment", 2023, "仙居县", "exact", "target"),
        ("131.6亿元", 13160000000, "CNY", "investment", 2023, "仙居县", "exact", "fact"),
        ("260亿元", 26000000000, "CNY", "investment", 2023, "仙居县", "over", "target"),
        ("275.3亿元", 27530000000, "CNY", "investment", 2023, "仙居县", "exact", "fact"),
        ("1.2万人", 12000, "person", "people_count", 2023, "仙居县", "exact", "target"),
        ("13408人", 13408, "person", "people_count", 2023, "仙居县", "exact", "fact"),
    ], id="serial-numbers-spanning-labels-target-column-cells-with-units"),
    pytest.param(SPACE_ALIGNED_INDICATORS, "2022-03-01", [
        ("1865432", 18654320000, "CNY", "industry_output", 2022, "新昌县", "exact", "fact"),
        ("9.6", 9.6, "percent", "growth_rate", 2022, "新昌县", "exact", "fact"),
        ("712044", 7120440000, "CNY", "fiscal_revenue", 2022, "新昌县", "exact", "fact"),
        ("4.3", 4.3, "percent", "growth_rate", 2022, "新昌县", "exact", "fact"),
    ], id="space-aligned-one-row-header-units-in-the-header"),
    pytest.param(LEVELS_AND_GROWTH_ONE_UNIT_LINE, "2024-02-20", [
        ("452310", 4523100000, "CNY", "industry_output", 2023, "妙高街道", "exact", "fact"),
        ("7.4", 7.4, "percent", "growth_rate", 2023, "妙高街道", "exact", "fact"),
        ("38215", 382150000, "CNY", "fiscal_revenue", 2023, "妙高街道", "exact", "fact"),
        ("3.6", 3.6, "percent", "growth_rate", 2023, "妙高街道", "exact", "fact"),
        ("218764", 2187640000, "CNY", "industry_output", 2023, "云峰街道", "exact", "fact"),
        ("-2.1", -2.1, "percent", "growth_rate", 2023, "云峰街道", "exact", "fact"),
        ("19832", 198320000, "CNY", "fiscal_revenue", 2023, "云峰街道", "exact", "fact"),
        ("5.2", 5.2, "percent", "growth_rate", 2023, "云峰街道", "exact", "fact"),
    ], id="one-unit-line-for-levels-and-their-growth-in-alternate-columns"),
    pytest.param("浏览次数  1523\n分享次数  87\n", None, [], id="numbers-without-a-unit-are-no-rows"),
    pytest.param("首页\n|\n新闻中心\n|\n政务公开\n|\n办事服务\n联系我们\n", None, [],
                 id="a-flattened-menu-without-numbers-is-no-table"),
    pytest.param(TAB_SEPARATED_TOWNS, "2023-03-01", [
        ("12530", 125300000, "CNY", "fiscal_revenue", 2022, "大洋镇", "exact", "fact"),
        ("11874", 118740000, "CNY", "fiscal_revenue", 2021, "大洋镇", "exact", "fact"),
        ("9820", 98200000, "CNY", "fiscal_revenue", 2022, "东塍镇", "exact", "fact"),
        ("9411", 94110000, "CNY", "fiscal_revenue", 2021, "东塍镇", "exact", "fact"),
    ], id="tab-separated-towns-one-unresolved-keeps-its-name"),
    pytest.param(UNIT_IN_THE_TITLE, None, [
        ("98235", 98235, "person", "population", 2020, "古城街道", "exact", "fact"),
        ("91420", 91420, "person", "population", 2010, "古城街道", "exact", "fact"),
        ("76218", 76218, "person", "population", 2020, "大洋街道", "exact", "fact"),
        ("70036", 70036, "person", "population", 2010, "大洋街道", "exact", "fact"),
    ], id="the-unit-in-the-title-and-its-words-name-the-indicator"),
    pytest.param(LABELS_WITHOUT_AN_INDICATOR, "2024-03-01", [
        ("12", 12, "count", "enterprise_count", 2023, "仙居县", "exact", "fact"),
        ("10", 10, "count", "enterprise_count", 2022, "仙居县", "exact", "fact"),
        ("85", 85, "count", "enterprise_count", 2023, "仙居县", "exact", "fact"),
        ("79", 79, "count", "enterprise_count", 2022, "仙居县", "exact", "fact"),
        ("634", 634, "count", "enterprise_count", 2023, "仙居县", "exact", "fact"),
        ("601", 601, "count", "enterprise_count", 2022, "仙居县", "exact", "fact"),
    ], id="row-labels-naming-no-indicator-take-the-titles-and-a-numbered-title-is-no-header"),
    pytest.param(AGE_AND_SEX_TABLES, None, [
        ("61324", 61324, "person", "population", 2020, "筠连县", "exact", "fact"),
        ("17.86", 17.86, "percent", "population_share", 2020, "筠连县", "exact", "fact"),
        ("70215", 70215, "person", "population", 2020, "筠连县", "exact", "fact"),
        ("20.45", 20.45, "percent", "population_share", 2020, "筠连县", "exact", "fact"),
        ("50.93%", 50.93, "percent", "population_share", 2020, "筠连县", "exact", "fact"),
        ("49.07%", 49.07, "percent", "population_share", 2020, "筠连县", "exact", "fact"),
    ], id="age-groups-and-sexes-are-shares-of-the-population-and-a-caption-number-no-figure"),
    pytest.param(TWO_COLUMNS_GROWTH, "2024-02-01", [
        ("6.2", 6.2, "percent", "gdp_growth", 2023, "筠连县", "exact", "fact"),
        ("8.1", 8.1, "percent", "growth_rate", 2023, "筠连县", "exact", "fact"),
    ], id="a-two-column-header-makes-columns-and-a-growth-on-last-year-is-this-years"),
]


@pytest.mark.parametrize("text, date, expected", CASES)
def test_every_cell_of_the_table(text, date, expected, extract_text):
    rows = extract_text(text, date=date)
    got = [(r.raw_text, r.unit, r.indicator, r.year, r.region, r.qualifier, r.kind) for r in rows]
    assert got == [row[:1] + row[2:] for row in expected]
    assert [r.value for r in rows] == [pytest.approx(row[1]) for row in expected]
    assert all(text[r.start:r.end] == r.raw_text for r in rows)


def test_a_town_the_gazetteer_cannot_settle_keeps_its_name_without_a_code(extract_text):
    rows = [r for r in extract_text(TAB_SEPARATED_TOWNS, date="2023-03-01") if r.region == "大洋镇"]
    assert [(r.region_level, r.region_code, r.region_mention) for r in rows] == [("town", "", "大洋镇")] * 2
