"""Which unit each figure describes: the page's home unit, referring words,
frames (visits, comparisons, organisations), a region the user gives, lists.

Every text is invented (other places, other numbers than any page we tune
on); every row it yields is listed as (raw_text, indicator, region).
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from extractors.regions.frames import load_frames
from extractors.regions.scope import _ends_in_comparison_base, _organisation_after

CASES = {
    # a county report that names its city once: 全县 and the unnamed figures stay with the county
    "county report naming its city": (
        ("各位代表：\n受县人民政府委托，向大会报告湖州市德清县去年计划完成情况和今年计划草案。\n"
        "全年，全县实现地区生产总值812.5亿元，同比增长6.1%，增速列全市第二。一般公共预算收入71.3亿元，增长4.2%。\n"),
        None,
        [("812.5亿元", "gdp", "德清县"), ("6.1%", "gdp_growth", "德清县"),
         ("71.3亿元", "fiscal_revenue", "德清县"), ("4.2%", "growth_rate", "德清县")]),
    # a visit, a comparison and a bank take nothing from the county the page is about
    "visit, comparison, organisation": (
        ("安吉县：竹产业链延链补链\n\n今年以来，安吉县组织32家企业赴长兴县考察交流，签约项目6个。"
        "与长兴县相比，全县新增企业多出45家。湖州银行向全县小微企业发放贷款18.6亿元。\n"),
        None,
        [("32家", "enterprise_count", "安吉县"), ("6个", "project_count", "安吉县"),
         ("45家", "enterprise_count", "安吉县"), ("18.6亿元", "loan_amount", "安吉县")]),
    # a county that is the subject of its paragraph takes 全县 there; the city has the rest
    "a topic holds its paragraph": (
        ("丽水市2024年经济运行简况\n\n全市新增企业1500家。\n\n缙云县新增企业210家，全县工业增加值增长7.5%。\n\n"
        "全市实现地区生产总值2105.3亿元。\n"),
        None,
        [("1500家", "enterprise_count", "丽水市"), ("210家", "enterprise_count", "缙云县"),
         ("7.5%", "growth_rate", "缙云县"), ("2105.3亿元", "gdp", "丽水市")]),
    # a growth clause after a city's figure is the city's, on a page about one of its districts
    "growth of the figure before": (
        ("市领导赴莲都区调研项目建设\n\n莲都区今年实施重大项目58个。"
         "调研组指出，今年以来全市重大项目完成投资612亿元，同比增长9.4%。\n"),
        None,
        [("58个", "project_count", "莲都区"), ("612亿元", "investment", "丽水市"), ("9.4%", "growth_rate", "丽水市")]),
    # the user's region is the home unit when the text names none
    "given region": (
        "2024年经济运行情况\n\n全年，全县新增企业320家，实现地区生产总值612.5亿元。\n",
        "安吉县",
        [("320家", "enterprise_count", "安吉县"), ("612.5亿元", "gdp", "安吉县")]),
    # ... and gives way where the text names another unit
    "given region, the text names another": (
        "长兴县2024年经济运行情况\n\n全年，全县新增企业320家，实现地区生产总值612.5亿元。\n",
        "安吉县",
        [("320家", "enterprise_count", "长兴县"), ("612.5亿元", "gdp", "长兴县")]),
    # ... and settles a town name that several counties bear
    "given region settles a town": (
        "湖头镇：茶产业提质增效\n\n今年以来，湖头镇新增茶企12家，全县茶叶产值达38.6亿元。\n",
        "安溪县",
        [("12家", "enterprise_count", "湖头镇"), ("38.6亿元", "industry_output", "安溪县")]),
    # ... and holds 全县 on a page about a town the data places in no county of its province
    "given region holds 全县 beside an unplaced town": (
        "长城镇：茶产业提质增效\n\n今年以来，长城镇新增企业12家，全县茶叶产值达38.6亿元。\n",
        "安溪县",
        [("12家", "enterprise_count", "长城镇"), ("38.6亿元", "industry_output", "安溪县")]),
    # a given region above the headline's unit leaves the more specific one
    "given city, headline county": (
        "德清县2024年经济运行情况\n\n全年，全县新增企业320家。\n",
        "湖州市",
        [("320家", "enterprise_count", "德清县")]),
    # 分别 aligns names and values; each clause's own name; a unit and its bracketed figure
    "lists and rankings": (
        ("湖州市2024年各区县经济运行\n\n德清县、安吉县和长兴县分别实现地区生产总值812.5亿元、620.3亿元和905.1亿元。"
        "德清县新增企业120家，安吉县新增企业95家。吴兴区地区生产总值增长7.9%，分别高于全省（6.1%）、全市（6.4%）。\n"),
        None,
        [("812.5亿元", "gdp", "德清县"), ("620.3亿元", "gdp", "安吉县"), ("905.1亿元", "gdp", "长兴县"),
         ("120家", "enterprise_count", "德清县"), ("95家", "enterprise_count", "安吉县"),
         ("7.9%", "gdp_growth", "吴兴区"), ("6.1%", "gdp_growth", "浙江省"), ("6.4%", "gdp_growth", "湖州市")]),
    # A县X家，B县Y家: each figure of an elliptical list to its own unit, with the first one's indicator
    "elliptical list": (
        ("湖州市2024年经济运行\n\n全年新增企业2100家。其中，德清县新增企业520家，安吉县430家，长兴县610家。"
        "三县合计占全市76%。\n"),
        None,
        [("2100家", "enterprise_count", "湖州市"), ("520家", "enterprise_count", "德清县"),
         ("430家", "enterprise_count", "安吉县"), ("610家", "enterprise_count", "长兴县"),
         ("76%", "share", "湖州市")]),
    # 前三季度 after a name is its first quarters, no rank inside it (位列丽水前三)
    "a parent named before its first quarters": (
        "松阳县前三季度经济运行\n\n前三季度，全县地区生产总值增长6.6%。丽水市前三季度地区生产总值1390.2亿元。\n",
        None,
        [("6.6%", "gdp_growth", "松阳县"), ("1390.2亿元", "gdp", "丽水市")]),
    # a ranking's next unit: 次之 / 其次 before its figure
    "the unit after the leader of a ranking": (
        "金华市前三季度信贷运行\n\n分县（市）看，义乌市贷款增速最快，达15.6%；永康市次之，为12.9%；东阳市其次，为11.4%。\n",
        None,
        [("15.6%", "growth_rate", "义乌市"), ("12.9%", "growth_rate", "永康市"), ("11.4%", "growth_rate", "东阳市")]),
    # a later clause's subject inside the sentence's topic narrows it (丽水市…，缙云县…)
    "a narrower subject in a later clause": (
        "山区共富观察\n\n丽水市正在推进山区共同富裕，缙云县着力发展工业。全年新引进项目45个。\n",
        None,
        [("45个", "project_count", "缙云县")]),
    # a date may lead a sentence's subject
    "a dated subject": (
        "山区共富观察\n\n丽水市正在推进山区共同富裕。\n\n3月5日上午，庆元县召开项目推进会。全年新引进项目38个。\n",
        None,
        [("38个", "project_count", "庆元县")]),
    # 全市唯一: the unit a figure is ranked within does not take it
    "ranked within the city": (
        "丽水各县一季度工业\n\n缙云县营收增长较快，是全市唯一一个营收超100亿元的县。\n",
        None,
        [("100亿元", "industry_output", "缙云县")]),
    # a headline naming several counties and their city is about the city; 遂昌的 owns its figure
    "ranking page": (
        ("缙云紧追莲都，龙泉力压遂昌！丽水各地一季度工业数据出炉\n\n"
        "丽水规上工业企业营业收入612.3亿元，同比增长8.8%。缙云和遂昌营收分别达到95.2亿元和41.7亿元。"
        "其中缙云新增规上企业30家，少于遂昌的42家企业。\n"),
        None,
        [("612.3亿元", "industry_output", "丽水市"), ("8.8%", "growth_rate", "丽水市"),
         ("95.2亿元", "industry_output", "缙云县"), ("41.7亿元", "industry_output", "遂昌县"),
         ("30家", "enterprise_count", "缙云县"), ("42家", "enterprise_count", "遂昌县")]),
    # a unit that owns the next figure (德清县的88.6亿元) is no evidence for the one before it
    "a later name owns its own figure": (
        "湖州市一季度工业运行\n\n长兴县表现好于德清县，其规上工业营收95.2亿元，超过德清县的88.6亿元。\n",
        None,
        [("95.2亿元", "industry_output", "长兴县"), ("88.6亿元", "industry_output", "德清县")]),
    # a zone located in a district goes to that district, whatever unit its own name holds
    "a named zone inside a district": (
        "园区经济观察\n\n位于南浔区的湖州德清经济开发区规上工业总产值突破600亿元，年均增长9.5%。\n",
        None,
        [("600亿元", "industry_output", "南浔区"), ("9.5%", "growth_rate", "南浔区")]),
    # a unit named in passing (in an earlier sentence or clause) takes nothing; one that is a sentence's subject does
    "named in passing, then a topic": (
        ("安吉县：产业链协同发展\n\n今年以来，全县积极对接长兴县的龙头企业。新增规上企业38家。\n\n"
        "县里牵线长兴县的链主企业，带动配套企业落地21家。\n\n"
        "例如天子湖镇把招商作为头等大事，引进项目17个。\n"),
        None,
        [("38家", "enterprise_count", "安吉县"), ("21家", "enterprise_count", "安吉县"),
         ("17个", "project_count", "天子湖镇")]),
    # a zone with its unit in brackets: the figures are the unit's, in its later clauses too
    "a zone followed by its unit in brackets": (
        "荆门市2031年经济运行情况\n\n荆门高新区（掇刀区）全年新增高新技术企业38家，总数达到214家。\n",
        None,
        [("38家", "enterprise_count", "掇刀区"), ("214家", "enterprise_count", "掇刀区")]),
    # a line heading a section about one county makes it the topic of that section
    "sections headed by a unit": (
        ("丽水市各县（市、区）2024年经济运行情况\n\n全市实现地区生产总值2105.3亿元，增长6.5%。\n\n一、缙云县\n\n"
        "全县实现地区生产总值305.2亿元，增长7.1%。规上工业增加值增长9.2%。\n\n二、遂昌县\n\n"
        "全县实现地区生产总值180.6亿元，增长6.8%。新增企业95家。\n"),
        None,
        [("2105.3亿元", "gdp", "丽水市"), ("6.5%", "gdp_growth", "丽水市"),
         ("305.2亿元", "gdp", "缙云县"), ("7.1%", "gdp_growth", "缙云县"), ("9.2%", "growth_rate", "缙云县"),
         ("180.6亿元", "gdp", "遂昌县"), ("6.8%", "gdp_growth", "遂昌县"), ("95家", "enterprise_count", "遂昌县")]),
    # a page that names its unit only inside organisations: 全县 is that unit
    "the unit of the page's organisations": (
        ("金融活水润泽小微\n\n近日，记者从人民银行屏山县支行获悉，全县各项贷款余额达到98.4亿元。"
         "屏山农商银行今年为640户小微企业发放贷款5.2亿元。\n"),
        None,
        [("98.4亿元", "loan_amount", "屏山县"), ("640户", "enterprise_count", "屏山县"),
         ("5.2亿元", "loan_amount", "屏山县")]),
    # a referring word opening a sentence holds its later clauses
    "a referring word opening the sentence": (
        "绵阳市经济简报\n\n三台县召开民营经济大会。\n\n全县新增企业320家，增长12%。\n",
        None,
        [("320家", "enterprise_count", "三台县"), ("12%", "growth_rate", "三台县")]),
    # 第三产业, 第二届人代会: an ordinal after a name ranks nothing in it, the name keeps its figures
    "an ordinal after a name is no rank": (
        ("眉山市2024年经济运行简况\n\n全市实现地区生产总值1720.5亿元。"
        "丹棱县第三产业增加值增长6.4%，全县第二产业增加值58.3亿元。\n"),
        None,
        [("1720.5亿元", "gdp", "眉山市"), ("6.4%", "growth_rate", "丹棱县"), ("58.3亿元", "industry_output", "丹棱县")]),
    # a work report's byline names its district; the city it acts under, the cities it visits take nothing
    "a district's work report under its city": (
        ("政府工作报告\n——2025年1月8日在温江区第二届人民代表大会第六次会议上\n\n各位代表：\n一、2024年工作回顾\n"
        "过去一年，在成都市委、市政府的正确领导下，我们齐心协力。全区实现地区生产总值702.4亿元，"
        "增长6.6%，高于全市平均水平0.8个百分点。新增市场主体1.9万户。我们赴苏州市、无锡市考察学习，引进项目38个。\n"),
        None,
        [("702.4亿元", "gdp", "温江区"), ("6.6%", "gdp_growth", "温江区"), ("1.9万户", "enterprise_count", "温江区"),
         ("38个", "project_count", "温江区")]),
    # a municipality is 全市 to its districts, an autonomous region 全区 to itself
    "a municipality and an autonomous region": (
        "房山区一季度经济运行\n\n一季度，全区地区生产总值增长6.1%，全市增长5.2%。\n\n"
        "广西一季度经济运行\n\n一季度，全区地区生产总值增长4.9%。\n",
        None,
        [("6.1%", "gdp_growth", "房山区"), ("5.2%", "gdp_growth", "北京市"), ("4.9%", "gdp_growth", "广西壮族自治区")]),
    # a district's page that names the district only in its byline: 我区 is that district, not the city visited
    "a byline names the page's district": (
        ("区长率队赴常熟市学习考察\n\n考察团参观了常熟市的产业园区。常熟市去年地区生产总值达2650亿元。\n\n"
         "上半年，我区地区生产总值完成312.8亿元，同比增长5.9%。\n\n来源：浦东新区融媒体中心\n"),
        None,
        [("2650亿元", "gdp", "常熟市"), ("312.8亿元", "gdp", "浦东新区"), ("5.9%", "gdp_growth", "浦东新区")]),
    # a city's bureau of statistics publishing about the city: 全市 is that city, not a county-level city it names
    "a city's bureau publishing": (
        ("我市经济运行总体平稳\n\n来源：黄冈市统计局  发布时间：2024-08-05\n\n"
         "上半年，全市实现地区生产总值1200.5亿元，同比增长5.2%。其中，罗田县增长6.8%；麻城市增长6.1%。\n"),
        None,
        [("1200.5亿元", "gdp", "黄冈市"), ("5.2%", "gdp_growth", "黄冈市"), ("6.8%", "gdp_growth", "罗田县"),
         ("6.1%", "gdp_growth", "麻城市")]),
    # 全县 on a page about a town names a county the page never names: no region rather than the town
    "a referring word of another kind than the unit in scope": (
        "黄沙镇：抓项目促发展\n\n今年以来，黄沙镇新签约项目14个。全县上半年地区生产总值增长4.8%。\n",
        None,
        [("14个", "project_count", "黄沙镇"), ("4.8%", "gdp_growth", "")]),
    # a town the data knows as X镇, made X街道 since: the page's street is that town, 全街道 too
    "a town renamed a street": (
        "抚州市临川区唱凯街道：抓招商稳增长\n\n今年以来，唱凯街道新签约项目9个，完成固定资产投资7.4亿元。"
        "全街道规上工业企业达到63家。\n",
        None,
        [("9个", "project_count", "唱凯镇"), ("7.4亿元", "investment", "唱凯镇"),
         ("63家", "enterprise_count", "唱凯镇")]),
    # a township made a town (撤乡设镇): the county on the page settles X镇 against the towns elsewhere so named
    "a township renamed a town": (
        "临川区连城镇：抓招商稳增长\n\n今年以来，连城镇新签约项目11个。全镇规上工业企业达到27家。\n",
        None,
        [("11个", "project_count", "连城乡"), ("27家", "enterprise_count", "连城乡")]),
    # a street named right after its district is the district's, also where the division list lacks it
    # or knows that name only in another province; the district's own figures stay the district's
    "streets the division list lacks or places elsewhere": (
        "硚口区桂苑坊街道：打造便民生活圈\n\n今年以来，硚口区桂苑坊街道新建社区食堂5个，"
        "与硚口区汉兴街道共建养老驿站3个。全区计划新建社区食堂36个。\n",
        None,
        [("5个", "facility_count", "桂苑坊街道"), ("3个", "facility_count", "汉兴街道"),
         ("36个", "facility_count", "硚口区")]),
    # the renaming is a guess: without the town's county or city on the page, X街道 names nothing
    "a renamed town needs its county on the page": (
        "唱凯街道：抓招商稳增长\n\n今年以来，唱凯街道新签约项目9个。\n",
        None,
        [("9个", "project_count", "")]),
    # a street of that very name elsewhere is matched as named, not as a renamed town
    "a real street is no renamed town": (
        "汕头市金平区月浦街道：老旧小区改造提速\n\n今年以来，月浦街道完成改造小区16个。\n",
        None,
        [("16个", "other_count", "月浦街道")]),
}


@pytest.mark.parametrize("name", CASES)
def test_region_of_each_figure(name):
    from extractors.run.pipeline import extract_bytes

    text, region, expected = CASES[name]
    result = extract_bytes(text.encode("utf-8"), "example.txt", {"region": region} if region else None)
    assert result.error is None, result.error
    assert [(o.raw_text, o.indicator, o.region) for o in result.observations] == expected


def _marked(example: str) -> tuple[str, int, int]:
    start = example.index("[")
    end = example.index("]") - 1
    return example.replace("[", "").replace("]", ""), start, end


@pytest.mark.parametrize("kind, example, framed", load_frames().examples)
def test_frame_examples(kind, example, framed):
    frames = load_frames()
    text, start, end = _marked(example)
    if kind == "yardstick":
        found = _ends_in_comparison_base(text[max(0, start - 4):start])
    elif kind == "organisation":
        found = _organisation_after(text, end)
    else:
        found = frames.kind_of(text, start, end) == kind
    assert found == framed, (kind, example)


@pytest.mark.parametrize("example, heads", load_frames().heading_examples)
def test_section_heading_examples(example, heads):
    line, start, end = _marked(example)
    assert load_frames().heads_section(line, start, end) == heads, example


@pytest.mark.parametrize("example, ranked", load_frames().rank_examples)
def test_rank_examples(example, ranked):
    text, _, end = _marked(example)
    assert bool(load_frames().rank_after.match(text, end)) == ranked, example


def _run_cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "extractors", *args], capture_output=True, text=True, cwd=cwd, check=False)


def test_a_region_that_is_no_division_is_a_clear_error(tmp_path):
    (tmp_path / "a.txt").write_text("全年新增企业320家。\n", encoding="utf-8")
    done = _run_cli("extract", str(tmp_path), "--out", str(tmp_path / "out"), "--region", "星海区")
    assert done.returncode == 2
    assert "星海区" in done.stderr and "not an administrative division" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_manifest_region_that_is_no_division_is_a_clear_error(tmp_path):
    (tmp_path / "a.txt").write_text("全年新增企业320家。\n", encoding="utf-8")
    (tmp_path / "manifest.jsonl").write_text(json.dumps({"source_file": "a.txt", "region": "星海区"}) + "\n",
                                             encoding="utf-8")
    done = _run_cli("extract", str(tmp_path), "--out", str(tmp_path / "out"))
    assert done.returncode == 2
    assert "a.txt" in done.stderr and "星海区" in done.stderr and "Traceback" not in done.stderr


def test_manifest_region_and_the_command_line_region(tmp_path):
    from extractors.run.pipeline import extract_paths

    (tmp_path / "a.txt").write_text("全年，全县新增企业320家。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("全年，全县新增企业150家。\n", encoding="utf-8")
    (tmp_path / "manifest.jsonl").write_text(json.dumps({"source_file": "a.txt", "region": "德清县"}) + "\n",
                                             encoding="utf-8")
    extract_paths([tmp_path], tmp_path / "out", region="安吉县")
    rows = (tmp_path / "out" / "indicators.csv").read_text(encoding="utf-8").splitlines()
    by_file = {line.split(",")[1]: line for line in rows[1:]}
    assert ",德清县," in by_file["a.txt"]      # the manifest's region wins for its file
    assert ",安吉县," in by_file["b.txt"]      # --region for the others
