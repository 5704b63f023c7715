"""The year of every figure on invented pages: the page's date, a bulletin's
opening sentence, a census moment, review sections, parts of a year and
spans of years. Each case lists every row its text yields."""
from __future__ import annotations

import pytest

# text, page date, expected rows: (raw text, value, unit, indicator, year, region)
CASES = [
    # years of the Republic of China: 民国112年 anywhere, a bare 113年 on a page about Taiwan
    pytest.param(
        "花蓮縣113年底戶籍人口為31萬2,456人，較112年底減少0.8%。", None,
        [("31萬2,456人", 312456, "person", "population", 2024, "花莲县"),
         ("0.8%", -0.8, "percent", "growth_rate", 2024, "花莲县")],
        id="a-taiwan-page-counts-years-of-the-republic"),
    pytest.param(
        "民國111年全縣經濟成長率為2.9%。", None,
        [("2.9%", 2.9, "percent", "gdp_growth", 2022, "")],
        id="a-year-of-the-republic-named-as-such"),
    pytest.param(
        "德清县统计局发布数据。今年以来，全县实现规上工业增加值215.6亿元，同比增长9.2%。", "2023-08-20",
        [("215.6亿元", 21560000000, "CNY", "industry_output", 2023, "德清县"),
         ("9.2%", 9.2, "percent", "growth_rate", 2023, "德清县")],
        id="year-to-date-is-the-pages-year"),
    pytest.param(
        "安吉县一季度经济运行情况\n一季度，全县实现地区生产总值132.4亿元，同比增长6.1%。", "2023-04-25",
        [("132.4亿元", 13240000000, "CNY", "gdp", 2023, "安吉县"),
         ("6.1%", 6.1, "percent", "gdp_growth", 2023, "安吉县")],
        id="a-quarter-is-of-the-pages-year"),
    pytest.param(
        "泰顺县经济运行简况\n上月全县工业稳中有进。10月，全县规模以上工业增加值同比增长5.3%，社会消费品零售总额9.4亿元。",
        "2025-11-18",
        [("5.3%", 5.3, "percent", "growth_rate", 2025, "泰顺县"),
         ("9.4亿元", 940000000, "CNY", "retail_sales", 2025, "泰顺县")],
        id="a-month-opening-a-sentence-is-of-the-pages-year"),
    pytest.param(
        "文成县消费市场简报\n7月，全县社会消费品零售总额6.2亿元，同比增长4.8%。", "2026-02-10",
        [("6.2亿元", 620000000, "CNY", "retail_sales", 2025, "文成县"),
         ("4.8%", 4.8, "percent", "growth_rate", 2025, "文成县")],
        id="a-month-after-the-pages-month-is-of-the-year-before"),
    pytest.param(
        "云和县经济运行简况\n1—8月，全县规上工业增加值累计增长7.3%。目前全县已累计建成充电桩860个。", "2025-09-16",
        [("7.3%", 7.3, "percent", "growth_rate", 2025, "云和县"),
         ("860个", 860, "count", "facility_count", None, "云和县")],
        id="a-total-since-a-part-of-the-year-is-of-that-year-a-running-total-of-none"),
    pytest.param(
        "今年以来，庆元县已累计发放创业担保贷款7.4亿元。", "2025-08-21",
        [("7.4亿元", 740000000, "CNY", "loan_amount", 2025, "庆元县")],
        id="a-total-since-the-start-of-this-year-is-of-this-year"),
    pytest.param(
        "统计显示，1—4月仙居县固定资产投资完成86.7亿元，同比增长12.3%。其中，工业投资31.2亿元，同比增长18.4%。",
        "2021-05-20",
        [("86.7亿元", 8670000000, "CNY", "investment", 2021, "仙居县"),
         ("12.3%", 12.3, "percent", "growth_rate", 2021, "仙居县"),
         ("31.2亿元", 3120000000, "CNY", "investment", 2021, "仙居县"),
         ("18.4%", 18.4, "percent", "growth_rate", 2021, "仙居县")],
        id="months-to-date-carry-through-the-paragraph"),
    pytest.param(
        "前三季度，嘉善县实现地区生产总值512.8亿元，同比增长7.4%。", "2022-01-12",
        [("512.8亿元", 51280000000, "CNY", "gdp", 2021, "嘉善县"),
         ("7.4%", 7.4, "percent", "gdp_growth", 2021, "嘉善县")],
        id="a-part-ending-after-the-pages-month-is-of-the-year-before"),
    pytest.param(
        "截至目前，仙居县共有市场主体5.6万户。", "2024-03-10",
        [("5.6万户", 56000, "count", "enterprise_count", 2024, "仙居县")],
        id="up-to-now-is-the-pages-year"),
    pytest.param(
        "截至2022年底，天台县拥有规模以上工业企业412家。", None,
        [("412家", 412, "count", "enterprise_count", 2022, "天台县")],
        id="up-to-a-year-end-fixes-that-year"),
    pytest.param(
        "2024年前4个月，缙云县社会消费品零售总额达到18.6亿元。", None,
        [("18.6亿元", 1860000000, "CNY", "retail_sales", 2024, "缙云县")],
        id="the-first-months-of-a-year-are-no-deadline"),
    pytest.param(
        "五年来，遂昌县新增就业岗位1.8万个，地区生产总值年均增长6.9%。", "2022-02-15",
        [("1.8万个", 18000, "count", "other_count", None, "遂昌县"),
         ("6.9%", 6.9, "percent", "gdp_growth", None, "遂昌县")],
        id="a-span-of-years-stays-empty"),
    pytest.param(
        "十年来，松阳县累计引进项目235个，地区生产总值从2013年的71.4亿元增至2023年的155.8亿元。", "2023-10-09",
        [("235个", 235, "count", "project_count", None, "松阳县"),
         ("71.4亿元", 7140000000, "CNY", "gdp", 2013, "松阳县"),
         ("155.8亿元", 15580000000, "CNY", "gdp", 2023, "松阳县")],
        id="a-span-of-years-keeps-the-years-it-names"),
    pytest.param(
        "遂昌县2021年地区生产总值为190.3亿元，是2012年的2.1倍。", None,
        [("190.3亿元", 19030000000, "CNY", "gdp", 2021, "遂昌县"),
         ("2.1倍", 210, "percent", "gdp_growth", 2021, "遂昌县")],
        id="the-base-of-a-ratio-is-not-its-year"),
    pytest.param(
        "海盐县总面积584.96平方公里，户籍人口38.72万人（2019年）。", None,
        [("584.96平方公里", 584.96, "km2", "area", None, "海盐县"),
         ("38.72万人", 387200, "person", "population", 2019, "海盐县")],
        id="a-bracketed-year-dates-the-figure-before-it-only"),
    pytest.param(
        "2018年常山县统计公报\n\n全县规模以上工业企业由上年的412家增至436家。", "2019-04-10",
        [("412家", 412, "count", "enterprise_count", 2017, "常山县"),
         ("436家", 436, "count", "enterprise_count", 2018, "常山县")],
        id="last-year-in-a-bulletin-is-before-the-bulletins-year"),
    pytest.param(
        "常山县规模以上工业企业由上年的412家增至436家。", "2019-04-10",
        [("412家", 412, "count", "enterprise_count", 2018, "常山县"),
         ("436家", 436, "count", "enterprise_count", 2019, "常山县")],
        id="a-change-from-last-year-reaches-this-year"),
    pytest.param(
        "武义县统计公报\n\n2021年，全县上下统筹推进各项工作。\n\n一、综合\n\n"
        "全县实现地区生产总值301.7亿元，比上年增长8.8%。\n\n二、农业\n\n全年粮食播种面积18.3万亩。", "2022-04-02",
        [("301.7亿元", 30170000000, "CNY", "gdp", 2021, "武义县"),
         ("8.8%", 8.8, "percent", "gdp_growth", 2021, "武义县"),
         ("18.3万亩", 122, "km2", "area", 2021, "武义县")],
        id="a-bulletins-opening-year-carries-through-the-page"),
    pytest.param(
        "磐安县第七次全国人口普查公报\n\n根据第七次全国人口普查结果，现将2020年11月1日零时全县人口的基本情况公报如下。\n\n"
        "全县常住人口为18.02万人，与2010年第六次全国人口普查的17.66万人相比，增加0.36万人，增长2.04%。", "2021-06-01",
        [("18.02万人", 180200, "person", "population", 2020, "磐安县"),
         ("17.66万人", 176600, "person", "population", 2010, "磐安县"),
         ("2.04%", 2.04, "percent", "growth_rate", 2020, "磐安县")],
        id="a-census-gives-its-census-year"),
    pytest.param(
        "开化县人民政府工作报告\n\n一、过去五年工作回顾\n\n全县地区生产总值达到176.4亿元，年均增长7.2%。\n\n"
        "二、今后五年目标\n\n力争地区生产总值年均增长6.5%。", "2022-01-10",
        [("176.4亿元", 17640000000, "CNY", "gdp", 2021, "开化县"),
         ("7.2%", 7.2, "percent", "gdp_growth", 2021, "开化县"),
         ("6.5%", 6.5, "percent", "gdp_growth", None, "开化县")],
        id="a-review-heading-carries-the-year-before-the-report"),
    pytest.param(
        "青田县人民政府工作报告\n\n一、2023年工作回顾\n\n一季度，全县地区生产总值增长8.3%。全年实现地区生产总值378.6亿元。\n",
        "2024-03-20",
        [("8.3%", 8.3, "percent", "gdp_growth", 2023, "青田县"),
         ("378.6亿元", 37860000000, "CNY", "gdp", 2023, "青田县")],
        id="a-part-of-a-year-in-a-review-section-is-of-that-year"),
    pytest.param(
        "文成县2022年实现地区生产总值152.3亿元。（注：2021年地区生产总值修订为141.2亿元。）全县人均地区生产总值4.9万元。",
        None,
        [("152.3亿元", 15230000000, "CNY", "gdp", 2022, "文成县"),
         ("141.2亿元", 14120000000, "CNY", "gdp", 2021, "文成县"),
         ("4.9万元", 49000, "CNY", "gdp_per_capita", 2022, "文成县")],
        id="a-year-in-a-bracketed-note-does-not-carry"),
    pytest.param(
        "本报讯 26日，洞头区召开项目推进大会。会上，12个重大项目集中签约，总投资86亿元。", "2025-03-27",
        [("12个", 12, "count", "project_count", 2025, "洞头区"),
         ("86亿元", 8600000000, "CNY", "investment", 2025, "洞头区")],
        id="a-news-leads-day-is-of-the-pages-year"),
    pytest.param(
        "12月28日，洞头区召开项目推进大会，32个重大项目集中签约。", "2025-01-05",
        [("32个", 32, "count", "project_count", 2024, "洞头区")],
        id="a-day-of-a-later-month-than-the-page-is-of-the-year-before"),
    pytest.param(
        "近日，洞头区召开项目推进大会，32个重大项目集中签约。", None,
        [("32个", 32, "count", "project_count", None, "洞头区")],
        id="a-news-day-on-an-undated-page-stays-empty"),
    pytest.param(
        "全年，泰顺县实现地区生产总值165.2亿元，增长6.3%。", "2024-01-18",
        [("165.2亿元", 16520000000, "CNY", "gdp", 2023, "泰顺县"),
         ("6.3%", 6.3, "percent", "gdp_growth", 2023, "泰顺县")],
        id="the-whole-year-on-a-january-page-is-the-year-before"),
    pytest.param(
        "泰顺县力争全年新增规上工业企业35家。", "2024-02-20",
        [("35家", 35, "count", "enterprise_count", 2024, "泰顺县")],
        id="the-whole-year-of-a-plan-is-the-year-ahead"),
    pytest.param(
        "截至6月末，温岭市各项贷款余额2350.6亿元，同比增长10.2%。", "2023-07-20",
        [("2350.6亿元", 235060000000, "CNY", "loan_amount", 2023, "温岭市"),
         ("10.2%", 10.2, "percent", "growth_rate", 2023, "温岭市")],
        id="a-months-end-is-of-the-pages-year"),
    pytest.param(
        "年末，温岭市户籍人口121.4万人。", "2024-02-01",
        [("121.4万人", 1214000, "person", "population", 2023, "温岭市")],
        id="the-year-end-on-a-february-page-is-the-year-before"),
    pytest.param(
        "1—5月各县市区主要经济指标\n\n全市规上工业增加值增长8.1%。\n\n分地区看，南漳县规上工业增加值增长9.4%，"
        "谷城县增长7.6%。", "2025-06-21",
        [("8.1%", 8.1, "percent", "growth_rate", 2025, "襄阳市"),
         ("9.4%", 9.4, "percent", "growth_rate", 2025, "南漳县"),
         ("7.6%", 7.6, "percent", "growth_rate", 2025, "谷城县")],
        id="a-part-of-the-year-in-the-headline-dates-the-article"),
    pytest.param(
        "沙洋县按照《工业倍增行动方案（2026—2030）》，力争规上工业企业达到260家。", "2027-03-02",
        [("260家", 260, "count", "enterprise_count", None, "沙洋县")],
        id="a-plans-years-fix-no-one-year"),
    # a year to be reached that opens a sentence dates its later clauses
    pytest.param(
        "到2032年，全县新能源装备产业产值将达到260亿元。", "2029-05-10",
        [("260亿元", 26000000000, "CNY", "industry_output", 2032, "")],
        id="a-year-to-be-reached-dates-the-rest-of-its-sentence"),
    # 全年预计 on a September page is the page's year ahead, not the year before
    pytest.param(
        "全年预计实现地区生产总值744亿元。", "2028-09-14",
        [("744亿元", 74400000000, "CNY", "gdp", 2028, "")],
        id="the-whole-year-expected-is-the-pages-year"),
    # an undated report is of the year its title names: 今年 is that year, 过去一年 the one before
    pytest.param(
        "南丰县2031年政府工作报告\n\n各位代表：\n\n过去一年，全县一般公共预算收入完成18.6亿元。\n\n"
        "今年的主要预期目标是：地区生产总值增长6.5%左右。", None,
        [("18.6亿元", 1860000000, "CNY", "fiscal_revenue", 2030, "南丰县"),
         ("6.5%", 6.5, "percent", "gdp_growth", 2031, "南丰县")],
        id="an-undated-reports-title-year-is-its-this-year"),
    pytest.param(
        "黎川县2030年计划执行情况与2031年计划草案的报告\n\n"
        "今年全县固定资产投资计划增长7%。", None,
        [("7%", 7, "percent", "growth_rate", 2031, "黎川县")],
        id="a-plan-report-is-delivered-in-the-last-year-its-title-names"),
]


@pytest.mark.parametrize("text, date, expected", CASES)
def test_every_row_and_its_year(text, date, expected, extract_text):
    rows = [(r.raw_text, r.value, r.unit, r.indicator, r.year, r.region) for r in extract_text(text, date=date)]
    assert [row[:1] + row[2:] for row in rows] == [row[:1] + row[2:] for row in expected]
    assert [row[1] for row in rows] == [pytest.approx(row[1]) for row in expected]
