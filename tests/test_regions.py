"""Gazetteer, alias table and region mentions, on invented sentences."""
from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from extractors.regions.gazetteer import Region, build_gazetteer
from extractors.regions.aliases import DEFAULT_ALIASES_PATH, build_surface_index
from extractors.regions.mentions import RegionMatcher
from extractors.regions import (
    NATIONAL_ROOT_NAME, RegionAliasError, find_region_mentions, level_of_suffix, load_gazetteer,
    parse_region_aliases,
)

REPOSITORY = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def only(regions):
    assert len(regions) == 1, regions
    return regions[0]


def resolved(text, gazetteer, **options):
    """(surface, official name or None) for every mention, in text order."""
    return [(m.surface, m.region.name if m.region else None)
            for m in find_region_mentions(text, gazetteer, **options)]


# -- the tree -----------------------------------------------------------------

def test_street_rolls_up_to_the_national_root(gazetteer):
    xiaoying = only(gazetteer.get("小营街道", within="杭州市"))
    assert (xiaoying.level, xiaoying.parent, xiaoying.code) == ("town", "上城区", "330102004")
    assert [a.name for a in gazetteer.ancestors(xiaoying)] == ["上城区", "杭州市", "浙江省", NATIONAL_ROOT_NAME]
    assert [a.level for a in gazetteer.ancestors(xiaoying)] == ["county", "city", "province", "country"]
    assert gazetteer.parent(gazetteer.root) is None


def test_codes_and_levels_from_the_data(gazetteer):
    shangcheng = only(gazetteer.get("上城区"))
    assert (shangcheng.code, shangcheng.level, shangcheng.parent) == ("330102", "county", "杭州市")
    assert only(gazetteer.get("杭州市")).code == "330100"
    assert only(gazetteer.get("浙江省")).parent == NATIONAL_ROOT_NAME


def test_is_within_and_children(gazetteer):
    zhejiang, hangzhou = only(gazetteer.get("浙江省")), only(gazetteer.get("杭州市"))
    xiaoying = only(gazetteer.get("小营街道", within=hangzhou))
    assert gazetteer.is_within(xiaoying, zhejiang)
    assert not gazetteer.is_within(hangzhou, xiaoying)
    assert not gazetteer.is_within(hangzhou, hangzhou)  # proper ancestors only
    districts = {child.name for child in gazetteer.children(hangzhou)}
    assert {"上城区", "拱墅区", "西湖区", "滨江区", "萧山区", "余杭区", "临平区", "钱塘区", "建德市"} <= districts
    assert "小营街道" in {child.name for child in gazetteer.children(only(gazetteer.get("上城区")))}


def test_hangzhou_2021_redistricting(gazetteer):
    hangzhou_districts = {child.name for child in gazetteer.children(only(gazetteer.get("杭州市")))}
    assert "江干区" not in hangzhou_districts and "下城区" not in hangzhou_districts
    assert only(gazetteer.get("江干区")).name == "上城区"   # a historical name maps to today's unit
    assert only(gazetteer.get("下城区")).name == "拱墅区"
    assert only(gazetteer.get("临平区")).code == "330113"
    assert only(gazetteer.get("余杭区")).code == "330110"  # split, but keeps its name
    assert [h.date for h in gazetteer.historical_names["江干区"]] == ["2021-04-09"]


def test_duplicated_official_names_all_come_back(gazetteer):
    gulou = gazetteer.get("鼓楼区")
    assert {region.parent for region in gulou} >= {"南京市", "福州市", "徐州市"}
    assert [region.parent for region in gazetteer.get("鼓楼区", within="南京市")] == ["南京市"]
    assert len(gazetteer.get("城关镇")) > 50


def test_municipalities_have_no_repeated_city_level(gazetteer):
    pudong = only(gazetteer.get("浦东新区"))
    assert (pudong.parent, pudong.path[1:]) == ("上海市", ("上海市",))
    assert only(gazetteer.get("上海市")).level == "province"


def test_directly_administered_placeholders_are_skipped(gazetteer):
    xiantao = only(gazetteer.get("仙桃市"))          # 省直辖 county-level city
    assert (xiantao.level, xiantao.parent) == ("county", "湖北省")
    dongguan = only(gazetteer.get("东莞市"))         # city with towns and no counties
    assert all(child.level == "town" for child in gazetteer.children(dongguan))
    assert not gazetteer.get("省直辖行政区划") and not gazetteer.get("市直辖行政区划")


def test_aliases_from_the_data_column(gazetteer):
    assert only(gazetteer.get("杭州")).name == "杭州市"
    assert only(gazetteer.get("浙江")).name == "浙江省"
    assert only(gazetteer.get("上城")).name == "上城区"


def test_level_of_suffix():
    assert level_of_suffix("全区") == "county"
    assert level_of_suffix("该街道") == "town"
    assert level_of_suffix("全镇") == level_of_suffix("全乡") == "town"
    assert level_of_suffix("全市") == "city"
    assert level_of_suffix("全省") == "province"
    assert level_of_suffix("全县") == "county"
    assert level_of_suffix("自治区") == "province"
    assert level_of_suffix("全国") is None
    assert level_of_suffix("区") == "county" and level_of_suffix("") is None


def test_a_region_survives_the_disk_cache_as_itself():
    import pickle

    gazetteer = load_gazetteer()
    town = next(region for region in gazetteer.regions() if region.level == "town")
    made_up = Region("某某新区", "county", "", "某某市", ("中华人民共和国", "某某省", "某某市"), synthetic=True)
    for region in (town, made_up):
        again = pickle.loads(pickle.dumps(region, protocol=pickle.HIGHEST_PROTOCOL))
        assert again == region and again.synthetic == region.synthetic and hash(again) == hash(region)


# -- mentions -------------------------------------------------------------------

def test_full_names_and_offsets(gazetteer):
    text = "杭州市上城区小营街道今年新增企业120家。"
    mentions = find_region_mentions(text, gazetteer)
    assert [(m.surface, m.region.name, m.via) for m in mentions] == [
        ("杭州市", "杭州市", "name"), ("上城区", "上城区", "name"), ("小营街道", "小营街道", "name")]
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.surface
    assert mentions[2].region.parent == "上城区"
    assert len(mentions[2].candidates) >= 2  # 小营街道 exists in 滨州 too


def test_historical_names_map_to_today_and_keep_the_surface(gazetteer):
    mentions = find_region_mentions("2019年，江干区生产总值增长7%，下城区增长6%。", gazetteer)
    assert [(m.surface, m.region.name, m.historical) for m in mentions] == [
        ("江干区", "上城区", True), ("下城区", "拱墅区", True)]
    assert [(m.surface, m.historical) for m in find_region_mentions("余杭区和临平区", gazetteer)] == [
        ("余杭区", False), ("临平区", False)]


def test_short_aliases(gazetteer):
    text = "浙江省杭州市的上城和拱墅两区，杭州发布新政。"
    assert resolved(text, gazetteer) == [
        ("浙江省", "浙江省"), ("杭州市", "杭州市"), ("上城", "上城区"), ("拱墅", "拱墅区"), ("杭州", "杭州市")]


def test_ambiguous_name_resolved_by_a_parent_named_elsewhere(gazetteer):
    assert resolved("鼓楼区地区生产总值增长5%。福州市召开会议。", gazetteer)[0] == ("鼓楼区", "鼓楼区")
    fuzhou = find_region_mentions("鼓楼区地区生产总值增长5%。福州市召开会议。", gazetteer)[0]
    assert fuzhou.region.parent == "福州市"
    nanjing = find_region_mentions("南京市委会议指出，鼓楼区增长5%。", gazetteer)[1]
    assert nanjing.region.parent == "南京市"


def test_nearest_named_ancestor_beats_a_province(gazetteer):
    # 江苏省 holds two 鼓楼区 (南京, 徐州); 福州市 is the nearer named ancestor.
    mentions = find_region_mentions("江苏省代表团来访，鼓楼区介绍情况，福州市陪同。", gazetteer)
    assert mentions[1].region.parent == "福州市"


def test_a_city_beats_a_county_sharing_its_short_name(gazetteer):
    xian = only(find_region_mentions("西安今年经济增长", gazetteer))
    assert (xian.region.name, xian.region.level) == ("西安市", "city")
    assert len(xian.candidates) > 1  # 西安区 of 辽源 and 牡丹江


def test_ambiguous_county_without_context_keeps_its_name_and_candidates(gazetteer):
    mention = only(find_region_mentions("鼓楼区地区生产总值增长5%。", gazetteer))
    region = mention.region
    assert (region.name, region.level, region.code, region.parent, region.unresolved) == (
        "鼓楼区", "county", "", "", True)
    assert {region.parent for region in mention.candidates} >= {"南京市", "福州市"}


def test_ambiguous_town_without_context_keeps_its_name(gazetteer):
    town = only(find_region_mentions("城关镇今年新建学校3所。", gazetteer))
    assert (town.region.name, town.region.level, town.region.unresolved, len(town.candidates) > 50) == (
        "城关镇", "town", True, True)
    town = find_region_mentions("开封市的新华街道", gazetteer)[-1]
    assert (town.surface, town.region.parent) == ("新华街道", "鼓楼区")


def test_sibling_district_decides_a_shared_name(gazetteer):
    # 西湖区 is in 杭州 and in 南昌; 上城区 (杭州 only) decides.
    mentions = find_region_mentions("上城区和西湖区联合举办活动。", gazetteer)
    assert mentions[1].region.parent == "杭州市"


def test_stoplisted_common_words_need_an_ancestor_in_the_document(gazetteer):
    assert resolved("城区人口持续增加，和平发展，长安街上人来人往，江北片区加快建设。", gazetteer) == []
    assert resolved("天津市和平区的老城区，和平的面貌", gazetteer) == [
        ("天津市", "天津市"), ("和平区", "和平区"), ("和平", "和平区")]
    assert ("城区", "城区") in resolved("山西省阳泉市：城区人口增加。", gazetteer)


def test_ignored_aliases_never_match_alone(gazetteer):
    assert resolved("比如说，南部地区的合作项目", gazetteer) == []
    assert resolved("西藏自治区那曲市比如县", gazetteer)[-1] == ("比如县", "比如县")


def test_blockers_hide_a_name_inside_a_longer_word(gazetteer):
    assert resolved("浙江大学和浙大的校友在杭州湾畔聚会，钱塘江潮起。", gazetteer) == []
    assert resolved("杭州湾畔的杭州", gazetteer) == [("杭州", "杭州市")]


def test_short_forms_are_not_streets_or_lanes(gazetteer):
    text = "上城区小营街道辖区内，小营巷是一条老巷，小营路改造完成，小营的居民很满意。"
    assert resolved(text, gazetteer) == [("上城区", "上城区"), ("小营街道", "小营街道"), ("小营", "小营街道")]
    assert resolved("上海市南京路步行街", gazetteer) == [("上海市", "上海市")]


def test_town_short_form_needs_the_full_town_name(gazetteer):
    assert resolved("上城区的小营居民很满意。", gazetteer) == [("上城区", "上城区")]


def test_county_short_alias_from_elsewhere_needs_context(gazetteer):
    # 大城 is 大城县 (河北) and 望江 is 望江县 (安徽): not in a Hangzhou text.
    assert resolved("杭州市是一座大城市，望江新城建设加快。", gazetteer) == [("杭州市", "杭州市")]
    assert resolved("河北省廊坊市大城发布", gazetteer)[-1] == ("大城", "大城县")


def test_development_zone_equivalents(gazetteer):
    text = "杭州高新区(滨江)、杭州高新区（滨江）、高新区(滨江)和钱塘新区"
    assert resolved(text, gazetteer) == [
        ("杭州高新区(滨江)", "滨江区"), ("杭州高新区（滨江）", "滨江区"), ("高新区(滨江)", "滨江区"),
        ("钱塘新区", "钱塘区")]
    assert resolved("杭州高新区", gazetteer) == [("杭州高新区", "滨江区")]


def test_development_zone_rule_makes_a_synthetic_county_under_the_city(gazetteer):
    # A zone that is no administrative unit keeps its own full name; 经开区 abbreviates 经济技术开发区.
    zone = only(find_region_mentions("杭州经济技术开发区和杭州经开区", gazetteer)[:1])
    again = find_region_mentions("杭州经济技术开发区和杭州经开区", gazetteer)[1]
    assert (zone.region.name, zone.region.level, zone.region.parent, zone.region.code) == (
        "杭州经济技术开发区", "county", "杭州市", "")
    assert zone.region.synthetic and again.region == zone.region
    provincial = only(find_region_mentions("舟山经济开发区", gazetteer))
    assert provincial.region.name == "舟山经济开发区"   # a provincial 经济开发区 is another kind of zone
    assert gazetteer.parent(zone.region).name == "杭州市"
    assert [a.name for a in gazetteer.ancestors(zone.region)][:2] == ["杭州市", "浙江省"]


def test_development_zone_the_data_lists_resolves_to_the_data_unit(gazetteer):
    zone = only(find_region_mentions("成都高新区新增企业", gazetteer))
    assert (zone.region.name, zone.region.code, zone.region.synthetic) == ("成都高新技术产业开发区", "510102", False)


def test_named_development_zone(gazetteer):
    zone = only(find_region_mentions("武汉东湖高新区", gazetteer))
    assert (zone.region.name, zone.region.parent, zone.region.synthetic) == ("武汉东湖高新区", "武汉市", True)


def test_communities_resolve_to_their_town_when_asked(gazetteer):
    text = "上城区小营街道大学路社区新增就业岗位"
    assert resolved(text, gazetteer) == [("上城区", "上城区"), ("小营街道", "小营街道")]
    community = find_region_mentions(text, gazetteer, resolve_communities=True)[-1]
    assert (community.surface, community.region.name, community.via) == ("大学路社区", "小营街道", "community")


def test_offsets_hold_on_a_longer_document(gazetteer):
    text = "\n".join(["　　杭州市上城区：2024年，全区实现生产总值2803.5亿元。"] * 20 + ["江干区、下城区旧称。"])
    mentions = find_region_mentions(text, gazetteer)
    assert len(mentions) == 42
    assert all(text[m.start:m.end] == m.surface for m in mentions)
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:]))



def test_offsets_count_characters_outside_the_bmp_and_survive_lone_surrogates(gazetteer):
    for text in ("\U00020000杭州市\U0001F600上城区", "\ud800杭州市\udfff上城区"):
        mentions = find_region_mentions(text, gazetteer)
        assert [(m.start, m.end, m.surface) for m in mentions] == [(1, 4, "杭州市"), (5, 8, "上城区")]


# -- the alias file -------------------------------------------------------------

def test_shipped_alias_file_loads_and_its_targets_exist(gazetteer):
    config = parse_region_aliases(DEFAULT_ALIASES_PATH.read_text(encoding="utf-8"))
    index = build_surface_index(gazetteer, config)
    assert "城区" in config.needs_ancestor_in_document and "杭州湾" in config.blockers
    assert "杭州湾" not in index.candidates


DUPLICATE_ACROSS_TABLES = """
development_zone_equivalents:
  浙江省 杭州市 滨江区: [杭州高新区]
  浙江省 杭州市 钱塘区: [杭州高新区]
"""
DUPLICATE_WITHIN_A_LIST = """
development_zone_equivalents:
  浙江省 杭州市 滨江区: [杭州高新区, 杭州高新区]
"""
DUPLICATE_KEY = """
development_zone_equivalents:
  浙江省 杭州市 滨江区: [杭州高新区]
  浙江省 杭州市 滨江区: [高新区(滨江)]
"""
DUPLICATE_ZONE_AND_BLOCKER = """
named_development_zones:
  雄安新区: {parent: 河北省}
blockers: [雄安新区]
"""


@pytest.mark.parametrize("text", [DUPLICATE_ACROSS_TABLES, DUPLICATE_WITHIN_A_LIST, DUPLICATE_KEY,
                                  DUPLICATE_ZONE_AND_BLOCKER])
def test_duplicate_alias_fails_on_load(text):
    with pytest.raises(RegionAliasError):
        parse_region_aliases(textwrap.dedent(text))


def test_unknown_key_and_unknown_target_fail(gazetteer):
    with pytest.raises(RegionAliasError, match="unknown keys"):
        parse_region_aliases("blokers: [杭州湾]\n")
    config = parse_region_aliases("development_zone_equivalents:\n  浙江省 杭州市 江干区: [江干新区]\n")
    with pytest.raises(RegionAliasError, match="江干区"):
        build_surface_index(gazetteer, config)


def test_a_custom_alias_file_changes_matching(gazetteer):
    config = parse_region_aliases("blockers: [上城区域]\nshort_form_blocking_suffixes: [巷]\n")
    matcher = RegionMatcher(gazetteer, build_surface_index(gazetteer, config))
    assert [m.surface for m in matcher.find("杭州市上城区域内，上城区")] == ["杭州市", "上城区"]


# -- load time ------------------------------------------------------------------

def test_load_time_is_reported_and_sane(tmp_path, capsys):
    """Cold: a new process parses the package and writes the cache; warm: a
    new process reads the cache. Printed for the report; bounds are generous."""
    script = textwrap.dedent("""
        import time
        started = time.perf_counter()
        from extractors.regions import load_gazetteer, find_region_mentions
        gazetteer = load_gazetteer()
        loaded = time.perf_counter()
        find_region_mentions("杭州市上城区", gazetteer)
        print(f"{loaded - started:.3f} {time.perf_counter() - loaded:.3f}")
    """)
    environment = {"REGIONAL_INDICATORS_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    timings = []
    for _ in range(2):
        output = subprocess.run([sys.executable, "-c", script], cwd=REPOSITORY, env=environment,
                                capture_output=True, text=True, check=True).stdout.split()
        timings.append(tuple(float(value) for value in output))
    assert list(tmp_path.glob("gazetteer-jionlp-*.pickle"))
    (no_cache_load, first_matcher), (cached_load, matcher) = timings
    with capsys.disabled():
        print(f"\n[regions] gazetteer without disk cache {no_cache_load:.3f}s, from cache {cached_load:.3f}s; "
              f"matcher build + first document {matcher:.3f}s")
    assert cached_load < 5 and no_cache_load < 20 and matcher < 10
    started = time.perf_counter()
    load_gazetteer()
    assert time.perf_counter() - started < 0.01  # in-process: memoised


def test_towns_carry_the_statistical_division_code(gazetteer):
    town = only([r for r in gazetteer.get("小营街道") if r.parent == "上城区"])
    assert town.code == "330102004" and town.code.startswith(gazetteer.parent(town).code)
