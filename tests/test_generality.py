"""Rules that hold on text nobody tuned them to.

Two guards: no rule example or test text may copy wording from the pages the
rules are tuned on (a shared run of 12 characters counts as copied), and a
set of invented paraphrases per indicator family (other places, other
numbers, the cue one clause before the number) must yield exactly its rows.
"""
from __future__ import annotations

import ast
import os
import re
from pathlib import Path

import pytest
import yaml

from extractors.indicators.rulebook import RULES_DIR
from row_expectations import assert_rows_are

ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the project (or beside the folder of its worktrees); the
# environment may name another place
SHARED = Path(os.environ.get("INDICATORS_SHARED_DIR")
              or next((p for p in (ROOT.parent / "shared", ROOT.parents[1] / "shared") if p.is_dir()),
                      ROOT.parent / "shared"))
TUNED_ON = ("seeds", "corpus", "corpus2")
COPY_LENGTH = 12
# The dashboard tests check how the shipped seeds/ are shown, so they quote
# those pages on purpose; every other test text is invented.
QUOTES_THE_SHIPPED_SEEDS = ROOT / "tests" / "dashboard"


def _strings_in_yaml(data):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings_in_yaml(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings_in_yaml(value)


def _strings_in_python(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value


def _example_and_test_texts():
    for path in sorted(RULES_DIR.glob("*.yaml")):
        for text in _strings_in_yaml(yaml.safe_load(path.read_text(encoding="utf-8"))):
            yield path.name, text
    for path in sorted((ROOT / "tests").rglob("*.py")):
        if QUOTES_THE_SHIPPED_SEEDS not in path.parents:
            for text in _strings_in_python(path):
                yield str(path.relative_to(ROOT)), text


HAN = re.compile(r"[\u4e00-\u9fff]")


def _runs_of(text: str) -> set[str]:
    """The runs of 12 characters that hold a Chinese character (runs of code or spaces copy nothing)."""
    runs = (text[i:i + COPY_LENGTH] for i in range(len(text) - COPY_LENGTH + 1))
    return {run for run in runs if HAN.search(run)}


@pytest.mark.skipif(not SHARED.is_dir(), reason="the pages the rules are tuned on are not here")
def test_no_example_or_test_text_copies_a_page_the_rules_are_tuned_on():
    runs: set[str] = set()
    for folder in TUNED_ON:
        for page in sorted((SHARED / folder).glob("*.txt")):
            runs |= _runs_of(page.read_text(encoding="utf-8", errors="replace"))
    assert runs, "no pages found to compare with"
    copied = [(where, text[:40], sorted(_runs_of(text) & runs)[:1])
              for where, text in _example_and_test_texts() if _runs_of(text) & runs]
    assert copied == []


def test_the_copy_check_sees_a_copied_run():
    page_runs = _runs_of("某县全年实现地区生产总值123.4亿元，增长5.6%。")
    assert _runs_of("据悉，全年实现地区生产总值123.4亿元。") & page_runs
    assert not _runs_of("全年实现生产总值98.7亿元。") & page_runs
    assert not _runs_of("if x:\n            return y") & _runs_of("            more code")


def row(raw_text, value, unit, indicator, **fields):
    return {"raw_text": raw_text, "value": value, "unit": unit, "indicator": indicator, **fields}


PARAPHRASES: dict[str, list[tuple[str, list[dict]]]] = {
    "gdp": [
        ("2023年，鄞州区实现地区生产总值2716.4亿元，比上年增长6.1%。",
         [row("2716.4亿元", 271640000000, "CNY", "gdp", region="鄞州区", year=2023),
          row("6.1%", 6.1, "percent", "gdp_growth", region="鄞州区", year=2023)]),
        ("去年全县经济增长7.4%，增速居全省第三。", [row("7.4%", 7.4, "percent", "gdp_growth")]),
        # an indicator's Latin abbreviation after a place is no organisation name
        ("南浔区GDP达到455亿元。", [row("455亿元", 45500000000, "CNY", "gdp", region="南浔区")]),
        # the cue one clause before the number
        ("全市生产总值增速位居全省首位，达9.1%。", [row("9.1%", 9.1, "percent", "gdp_growth")]),
        ("经济增速方面，2022年全县增长5.3%。", [row("5.3%", 5.3, "percent", "gdp_growth", year=2022)]),
        # a lead-in after the topic names its measure: the growth of what the sentence before counted
        ("2024年，缙云县生产总值352.1亿元，遂昌县生产总值178.4亿元。从增速看，遂昌县以8.2%领跑全市，缙云县（6.4%）次之。",
         [row("352.1亿元", 35210000000, "CNY", "gdp", region="缙云县", year=2024),
          row("178.4亿元", 17840000000, "CNY", "gdp", region="遂昌县", year=2024),
          row("8.2%", 8.2, "percent", "gdp_growth", region="遂昌县", year=2024),
          row("6.4%", 6.4, "percent", "gdp_growth", region="缙云县", year=2024)]),
        # a sentence opening with the basis of a change goes on with the one before it
        ("全县地区生产总值305.8亿元。按可比价格计算，比上年增长5.7%。",
         [row("305.8亿元", 30580000000, "CNY", "gdp"), row("5.7%", 5.7, "percent", "gdp_growth")]),
        ("地区生产总值增长4.8%，工业增长6.9%。",
         [row("4.8%", 4.8, "percent", "gdp_growth"), row("6.9%", 6.9, "percent", "growth_rate")]),
        ("温岭市GDP是十年前的2.1倍。", [row("2.1倍", 210, "percent", "gdp_growth", region="温岭市")]),
        ("全县生产总值实现4.6%的增长，总量迈上800亿元新台阶。",
         [row("4.6%", 4.6, "percent", "gdp_growth"), row("800亿元", 80000000000, "CNY", "gdp", qualifier="over")]),
        # a milestone reached is a figure; one still ahead is a threshold
        ("2022年，全区生产总值首次突破1500亿元大关。",
         [row("1500亿元", 150000000000, "CNY", "gdp", qualifier="over", year=2022)]),
        ("2031年，宜城市地区生产总值跨越500亿元台阶。",
         [row("500亿元", 50000000000, "CNY", "gdp", region="宜城市", qualifier="over", year=2031)]),
        ("按常住人口计算，2023年全县人均生产总值达11.6万元。",
         [row("11.6万元", 116000, "CNY", "gdp_per_capita", year=2023)]),
    ],
    "population": [
        ("2022年末，全县常住人口为68.4万人，城镇化率为63.7%。",
         [row("68.4万人", 684000, "person", "population", year=2022),
          row("63.7%", 63.7, "percent", "population_share", year=2022)]),
        ("其中，0-14岁人口占13.9%，15-59岁人口占62.4%，60周岁以上人口占总人口的23.7%。",
         [row("13.9%", 13.9, "percent", "population_share"), row("62.4%", 62.4, "percent", "population_share"),
          row("23.7%", 23.7, "percent", "population_share")]),
        ("全县人口老龄化水平达到24.6%，城镇化水平为66.1%。",
         [row("24.6%", 24.6, "percent", "population_share"), row("66.1%", 66.1, "percent", "population_share")]),
        ("全年出生人口3.21万人，死亡人口3.98万人。",
         [row("3.21万人", 32100, "person", "people_count"), row("3.98万人", 39800, "person", "people_count")]),
        ("在常住人口中，男性占51.6%，女性占48.4%。",
         [row("51.6%", 51.6, "percent", "population_share"), row("48.4%", 48.4, "percent", "population_share")]),
        ("全县户籍人口41.7万人，其中65岁及以上人口占户籍人口的比重为18.2%。",
         [row("41.7万人", 417000, "person", "population"), row("18.2%", 18.2, "percent", "population_share")]),
        # households and their size are not the population; the people living in them are
        ("全镇共有家庭户2.3万户，平均每个家庭户的人口为2.58人。",
         [row("2.3万户", 23000, "count", "other_count"), row("2.58人", 2.58, "person", "other_count")]),
        ("家庭户人口为61234人。", [row("61234人", 61234, "person", "population")]),
        # a bare share is the share of what the clause before it counted
        ("全县常住人口中，0—14岁人口为98765人，占14.21%；60岁及以上人口为143210人，占20.47%。",
         [row("98765人", 98765, "person", "population"), row("14.21%", 14.21, "percent", "population_share"),
          row("143210人", 143210, "person", "population"), row("20.47%", 20.47, "percent", "population_share")]),
        ("全乡80岁及以上人口1.4万人，占户籍总人口的6.2%。",
         [row("1.4万人", 14000, "person", "population"), row("6.2%", 6.2, "percent", "population_share")]),
        ("居住在乡村的人口为212345人，占常住人口的31.88%。",
         [row("212345人", 212345, "person", "population"), row("31.88%", 31.88, "percent", "population_share")]),
        ("全年服务业增加值412亿元，占58.3%。",
         [row("412亿元", 41200000000, "CNY", "industry_output"), row("58.3%", 58.3, "percent", "share")]),
    ],
    "enterprises": [
        ("截至2023年底，全市市场主体达21.3万户，其中企业7.8万家。",
         [row("21.3万户", 213000, "count", "enterprise_count", year=2023),
          row("7.8万家", 78000, "count", "enterprise_count", year=2023)]),
        ("全县商事主体总量突破9万家，经营主体增至5.6万个。",
         [row("9万家", 90000, "count", "enterprise_count", qualifier="over"),
          row("5.6万个", 56000, "count", "enterprise_count")]),
        ("今年全区新增上市公司三家，累计达到17家。",
         [row("三家", 3, "count", "enterprise_count"), row("17家", 17, "count", "enterprise_count")]),
        ("开发区集聚服务型制造示范企业12家。", [row("12家", 12, "count", "enterprise_count")]),
        # a size class stands for its firms where 企业 is left out
        ("全年新增规上工业27家，总数达到243家。",
         [row("27家", 27, "count", "enterprise_count"), row("243家", 243, "count", "enterprise_count")]),
        # the counted thing named in a lead-in or in the clause before
        ("市场主体方面，全县达到7.4万户，其中企业1.9万户。",
         [row("7.4万户", 74000, "count", "enterprise_count"), row("1.9万户", 19000, "count", "enterprise_count")]),
        ("全区经营主体总数达到4.2万户，新增6800户。",
         [row("4.2万户", 42000, "count", "enterprise_count"), row("6800户", 6800, "count", "enterprise_count")]),
        ("全年新设立企业8765家，新增规上工业企业112家，总数达到1023家。",
         [row("8765家", 8765, "count", "enterprise_count"), row("112家", 112, "count", "enterprise_count"),
          row("1023家", 1023, "count", "enterprise_count")]),
    ],
    "fiscal": [
        ("2021年，全县公共财政预算收入达到38.6亿元，增长9.4%。",
         [row("38.6亿元", 3860000000, "CNY", "fiscal_revenue", year=2021),
          row("9.4%", 9.4, "percent", "growth_rate", year=2021)]),
        ("2008年，全市地方财政一般预算收入27.3亿元，国税收入19.2亿元，地税收入11.5亿元。",
         [row("27.3亿元", 2730000000, "CNY", "fiscal_revenue", year=2008),
          row("19.2亿元", 1920000000, "CNY", "fiscal_revenue", year=2008),
          row("11.5亿元", 1150000000, "CNY", "fiscal_revenue", year=2008)]),
        # the revenue named in an earlier clause
        ("全区财政总收入同比增长18.6%，达到73.2亿元，在新增的11.5亿元中有8.4亿元来自服务业。",
         [row("18.6%", 18.6, "percent", "growth_rate"), row("73.2亿元", 7320000000, "CNY", "fiscal_revenue"),
          row("11.5亿元", 1150000000, "CNY", "fiscal_revenue"), row("8.4亿元", 840000000, "CNY", "fiscal_revenue")]),
        ("全年减税降费超过26亿元，争取专项债券12.7亿元，兑现惠企资金9亿元。",
         [row("26亿元", 2600000000, "CNY", "fiscal_revenue", qualifier="over"),
          row("12.7亿元", 1270000000, "CNY", "fiscal_revenue"), row("9亿元", 900000000, "CNY", "other_count")]),
    ],
    "income": [
        ("2022年，海曙区城镇居民人均可支配收入7.9万元，增长4.3%。",
         [row("7.9万元", 79000, "CNY", "income_per_capita", region="海曙区", year=2022),
          row("4.3%", 4.3, "percent", "growth_rate", region="海曙区", year=2022)]),
        ("全年农村居民人均可支配收入为3.86万元，比上年增长6.2%。",
         [row("3.86万元", 38600, "CNY", "income_per_capita"), row("6.2%", 6.2, "percent", "growth_rate")]),
    ],
    "deposits_and_loans": [
        ("年末全县金融机构本外币各项存款余额1682.4亿元。",
         [row("1682.4亿元", 168240000000, "CNY", "deposit_amount")]),
        ("存款方面，年末全市住户存款达到956.1亿元。", [row("956.1亿元", 95610000000, "CNY", "deposit_amount")]),
        ("今年已发放“人才贷”2.3亿元，“科技贷”余额5.6亿元。",
         [row("2.3亿元", 230000000, "CNY", "loan_amount"), row("5.6亿元", 560000000, "CNY", "loan_amount")]),
        ("全年发放创业担保贷款3.2亿元，为1200余家小微企业授信8.6亿元。",
         [row("3.2亿元", 320000000, "CNY", "loan_amount"),
          row("1200余家", 1200, "count", "enterprise_count", qualifier="over"),
          row("8.6亿元", 860000000, "CNY", "loan_amount")]),
    ],
    "trade_retail_prices": [
        ("2023年，全县进出口总额487.5亿元，其中出口362.1亿元。",
         [row("487.5亿元", 48750000000, "CNY", "trade_value", year=2023),
          row("362.1亿元", 36210000000, "CNY", "trade_value", year=2023)]),
        ("全县社会消费品零售总额达365.2亿元，增长7.1%。",
         [row("365.2亿元", 36520000000, "CNY", "retail_sales"), row("7.1%", 7.1, "percent", "growth_rate")]),
        ("国庆假期，全区实现消费额4.3亿元。", [row("4.3亿元", 430000000, "CNY", "retail_sales")]),
        ("全年居民消费价格指数为101.6。", [row("101.6", 101.6, "percent", "price_index")]),
    ],
    "investment_and_industry": [
        ("全年完成固定资产投资312.6亿元，增长8.8%。",
         [row("312.6亿元", 31260000000, "CNY", "investment"), row("8.8%", 8.8, "percent", "growth_rate")]),
        ("新引进企业注册资本达4.7亿元。", [row("4.7亿元", 470000000, "CNY", "investment")]),
        # the values listed after 分别 take the cue of the clause before them
        ("全区规上工业企业营业收入均超过了三百亿元，分别达到384.2亿元和326.7亿元。",
         [row("三百亿元", 30000000000, "CNY", "industry_output", qualifier="over"),
          row("384.2亿元", 38420000000, "CNY", "industry_output"),
          row("326.7亿元", 32670000000, "CNY", "industry_output")]),
        ("2023年，产业园跨境电商交易总额达21亿元。", [row("21亿元", 2100000000, "CNY", "industry_output", year=2023)]),
        # a sentence opening with 其中 goes on with the one before it
        ("全县规上工业企业营业收入均超过400亿元。其中甲镇和乙镇相对较高，分别达到463.1亿元和417.6亿元。",
         [row("400亿元", 40000000000, "CNY", "industry_output", qualifier="over"),
          row("463.1亿元", 46310000000, "CNY", "industry_output"),
          row("417.6亿元", 41760000000, "CNY", "industry_output")]),
    ],
    "lists_after_respectively": [
        # the i-th value after 分别 measures the i-th item before it
        ("全县地区生产总值、财政总收入分别达到512.3亿元和61.8亿元。",
         [row("512.3亿元", 51230000000, "CNY", "gdp"), row("61.8亿元", 6180000000, "CNY", "fiscal_revenue")]),
        ("全县生产总值、一般公共预算收入分别增长6.3%、8.9%。",
         [row("6.3%", 6.3, "percent", "gdp_growth"), row("8.9%", 8.9, "percent", "growth_rate")]),
        ("全市孵化器、众创空间、上云企业分别达35个、62个和4100家。",
         [row("35个", 35, "count", "facility_count"), row("62个", 62, "count", "facility_count"),
          row("4100家", 4100, "count", "enterprise_count")]),
        # a shared head noun: 城镇 names no indicator of its own
        ("全镇城镇和农村常住居民的人均可支配收入分别为7.2万元和4.1万元。",
         [row("7.2万元", 72000, "CNY", "income_per_capita"), row("4.1万元", 41000, "CNY", "income_per_capita")]),
        ("城乡社区、交通运输支出分别下降4.6%、9.3%。",
         [row("4.6%", -4.6, "percent", "growth_rate"), row("9.3%", -9.3, "percent", "growth_rate")]),
    ],
    "rankings": [
        # a sentence naming nothing it measures goes on with the article's last subject,
        # across paragraphs; a rank after the figure names nothing counted
        ("一季度，绵阳市实现地区生产总值803.6亿元，同比增长5.9%。\n\n"
         "其中，涪城区以231.4亿元位居第一，同比增长6.2%；游仙区98.7亿元，增长7.1%。\n\n"
         "从增速看，三台县增速最快，达到8.4%。",
         [row("803.6亿元", 80360000000, "CNY", "gdp", region="绵阳市"),
          row("5.9%", 5.9, "percent", "gdp_growth", region="绵阳市"),
          row("231.4亿元", 23140000000, "CNY", "gdp", region="涪城区"),
          row("6.2%", 6.2, "percent", "gdp_growth", region="涪城区"),
          row("98.7亿元", 9870000000, "CNY", "gdp", region="游仙区"),
          row("7.1%", 7.1, "percent", "gdp_growth", region="游仙区"),
          row("8.4%", 8.4, "percent", "gdp_growth", region="三台县")]),
        # a clause naming a thing of its own does not take the topic carried over
        ("全县规模以上工业增加值增长9.4%。累计发放各类补贴1.8亿元。",
         [row("9.4%", 9.4, "percent", "growth_rate"), row("1.8亿元", 180000000, "CNY", "other_count")]),
        # a sentence with a cue of its own keeps it; 后两位 is a rank
        ("全市地区生产总值增长5.9%。江油市新增企业320家，增长12%。盐亭县（41.2亿元）、平武县（28.5亿元）位列后两位。",
         [row("5.9%", 5.9, "percent", "gdp_growth", region="绵阳市"),
          row("320家", 320, "count", "enterprise_count", region="江油市"),
          row("12%", 12, "percent", "growth_rate", region="江油市"),
          row("41.2亿元", 4120000000, "CNY", "gdp", region="盐亭县"),
          row("28.5亿元", 2850000000, "CNY", "gdp", region="平武县")]),
    ],
    "rates": [
        ("非农产业比重由上年的88.3%提高到89.6%。",
         [row("88.3%", 88.3, "percent", "share"), row("89.6%", 89.6, "percent", "share")]),
        ("全区服务业营业收入实现14%的增长。", [row("14%", 14, "percent", "growth_rate")]),
        ("其同比增长率为6.7%，高于全市平均水平。", [row("6.7%", 6.7, "percent", "growth_rate")]),
        # a rate set against an earlier one measures the same thing
        ("甲镇虽然总量领先，但其同比增长率3.8%却远不及乙镇的14.2%。",
         [row("3.8%", 3.8, "percent", "growth_rate"), row("14.2%", 14.2, "percent", "growth_rate")]),
        ("全县地区生产总值同比增长7.9%，高于全省（5.6%）、全市（6.1%）。",
         [row("7.9%", 7.9, "percent", "gdp_growth"), row("5.6%", 5.6, "percent", "gdp_growth"),
          row("6.1%", 6.1, "percent", "gdp_growth")]),
        ("全区服务业增加值占比达到61.2%，高于全市平均水平的55.4%。",
         [row("61.2%", 61.2, "percent", "share"), row("55.4%", 55.4, "percent", "share")]),
    ],
    "people_and_visitors": [
        ("今年新引进高层次人才860余名，带动就业1.2万人。",
         [row("860余名", 860, "person", "people_count", qualifier="over"),
          row("1.2万人", 12000, "person", "people_count")]),
        ("中秋假期，景区共接待游客23.6万人次。", [row("23.6万人次", 236000, "person_time", "visitor_count")]),
    ],
    "projects_facilities_events": [
        ("全年签约亿元以上项目43个，发布应用场景58个。",
         [row("43个", 43, "count", "project_count"), row("58个", 58, "count", "project_count")]),
        ("新建城市书房12个，新增托位680个。",
         [row("12个", 12, "count", "facility_count"), row("680个", 680, "count", "facility_count")]),
        ("今年全市筹集保障性租赁住房4600间。", [row("4600间", 4600, "count", "other_count")]),
        ("社区活动中心设有书画室、舞蹈室等15间功能室。", []),
        ("全年举办招聘会85场。", [row("85场", 85, "count", "event_count")]),
    ],
    "area_and_other": [
        ("全县总面积1436平方公里。", [row("1436平方公里", 1436, "km2", "area")]),
        ("新建绿道18公里。", [row("18公里", 18, "km", "other_count")]),
    ],
}


@pytest.mark.parametrize("text, expect", [case for cases in PARAPHRASES.values() for case in cases],
                         ids=[f"{family}:{text[:14]}" for family, cases in PARAPHRASES.items() for text, _ in cases])
def test_paraphrase_yields_exactly_its_rows(text, expect, extract_text):
    assert_rows_are(extract_text(text), expect, text)


def test_a_milestone_still_ahead_stays_a_threshold(extract_text):
    rows = extract_text("面对近在咫尺的2000亿元大关，全县生产总值加快冲刺。")
    assert [(r.raw_text, r.kind) for r in rows] == [("2000亿元", "threshold")]


def test_a_level_reached_by_a_year_already_over_is_a_fact(extract_text):
    text = "五年来，全县财政总收入从2019年的31.6亿元增加到2023年的44.2亿元。到2027年，财政总收入力争达到60亿元。"
    rows = {r.raw_text: (r.year, r.kind) for r in extract_text(text, date="2024-02-05")}
    assert rows["44.2亿元"] == (2023, "fact")
    assert rows["60亿元"][1] == "target"


# (text, page date, {raw_text: (year, kind)}): every figure's year and kind
YEARS_AND_KINDS = [
    pytest.param("2023年，全县生产总值预计达到612亿元。预计2026年全县生产总值达到750亿元。", "2024-01-20",
                 {"612亿元": (2023, "fact"), "750亿元": (2026, "target")},
                 id="expected-of-a-year-already-over-is-a-fact"),
    pytest.param("一、2024年工作回顾\n全乡新建村级公路41公里。\n"
                 "二、2025年工作打算\n全乡新建村级公路15公里，累计建成通村公路260公里。去年全乡接待游客8.3万人次。",
                 "2024-12-26",
                 {"41公里": (2024, "fact"), "15公里": (2025, "target"), "260公里": (None, "fact"),
                  "8.3万人次": (2023, "fact")},
                 id="figures-under-a-heading-of-plans-are-goals"),
    pytest.param("一、今年工作回顾\n全乡新建村级公路41公里。\n二、明年工作打算\n全乡新建村级公路15公里。", "2024-12-26",
                 {"41公里": (2024, "fact"), "15公里": (2025, "target")},
                 id="a-heading-with-a-relative-year-dates-its-section"),
    pytest.param("二、2024年目标任务完成情况\n全乡新建村级公路41公里，完成年度计划的105%。", "2025-01-08",
                 {"41公里": (2024, "fact"), "105%": (2024, "fact")},
                 id="a-heading-that-reports-on-plans-keeps-its-figures-facts"),
    pytest.param("2025年全区的主要预期目标是：生产总值增长6.5%左右；一般公共预算收入增长5%；新增城镇就业8000人。",
                 "2025-01-15", {"6.5%": (2025, "target"), "5%": (2025, "target"), "8000人": (2025, "target")},
                 id="every-item-of-a-goal-list-after-a-colon-is-a-goal"),
    pytest.param("2027年，全县森林覆盖率将提高到71%。目前全县森林覆盖率为68.4%。", "2025-04-18",
                 {"71%": (2027, "target"), "68.4%": (2025, "fact")},
                 id="a-figure-of-a-year-after-the-page-is-a-goal"),
    pytest.param("2023年，全镇新建农村公路22公里。明年全镇计划新建公路30公里。全镇拥有客运站3个。", "2024-06-03",
                 {"22公里": (2023, "fact"), "30公里": (2025, "target"), "3个": (2023, "fact")},
                 id="a-year-after-the-page-does-not-date-the-sentences-after-it"),
]


@pytest.mark.parametrize("text, date, expected", YEARS_AND_KINDS)
def test_year_and_kind_of_every_figure(text, date, expected, extract_text):
    assert {r.raw_text: (r.year, r.kind) for r in extract_text(text, date=date)} == expected
