"""Which year a figure refers to: each rule of extractors/periods/years.py on an invented text."""
import pytest

CASES = [
    # text, date, raw figure, expected year
    ("全县生产总值从2019年的512.3亿元增至2023年的688.1亿元，年均增长7.7%。", None, "512.3亿元", 2019),
    ("全县生产总值从2019年的512.3亿元增至2023年的688.1亿元，年均增长7.7%。", None, "7.7%", 2023),
    ("2023年以来，全区已发布机会场景86个。", None, "86个", None),
    ("今年以来，全区已发布机会场景86个。", "2024-09-01", "86个", 2024),
    ("全年旅游收入75.2亿元，比2006年增长173.9%。", None, "173.9%", None),
    ("截至目前，已累计发放贷款8.1亿元。", "2024-05-01", "8.1亿元", None),
    ("目前，该街道常住人口约12.6万人。", "2021-10-15", "12.6万人", 2021),
    ("去年，全区引进项目23个。", "2021-10-15", "23个", 2020),
    ("去年，全区引进项目23个。", None, "23个", None),
    ("预计2026年经济总量突破9万亿元。", None, "9万亿元", 2026),
    ("福田区经济规模相比“十三五”期末的5183亿元明显跃升。", None, "5183亿元", 2020),
    ("商场于2018年9月16日开业，客流量达4万人次；新建学校19所。", None, "4万人次", 2018),
    ("商场于2018年9月16日开业，客流量达4万人次；新建学校19所。", None, "19所", None),
    ("2022年，街道企业增至15家。从业人员达到3200人。", None, "3200人", 2022),
]


@pytest.mark.parametrize("text, date, raw, year", CASES)
def test_year_of_figure(text, date, raw, year, extract_text):
    rows = {r.raw_text: r.year for r in extract_text(text, date=date)}
    assert raw in rows, rows
    assert rows[raw] == year


def test_section_heading_dates_its_section_and_subsections(extract_text):
    text = ("2024年政府工作报告\n一、2023年工作回顾\n（一）经济运行\n全市地区生产总值达到864.3亿元。\n"
            "二、2024年工作安排\n力争引进项目15个。\n")
    rows = {r.raw_text: r.year for r in extract_text(text, date="2024-01-18")}
    assert rows == {"864.3亿元": 2023, "15个": 2024}


def test_a_reports_title_year_does_not_date_its_review(extract_text):
    text = "2012年政府工作报告\n\n过去五年，全区文创产业增加值完成65.1亿元。\n"
    assert [r.year for r in extract_text(text)] == [None]
