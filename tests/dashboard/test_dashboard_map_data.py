"""The Map's pure work: values placed on outlines by code, the areas offered, the click, the citation."""
import json

import pandas as pd

from dashboard import citation, map_data
from dashboard.formatting import scale_unit


def _facts(rows):
    facts = pd.DataFrame(rows)
    facts["fact_id"] = range(len(facts))
    for name, default in (("region_level", "county"), ("unit", "CNY"), ("qualifier", "exact"), ("indicator", "gdp"),
                          ("period", "2031")):
        if name not in facts:
            facts[name] = default
    mentions = pd.DataFrame({"fact_id": facts["fact_id"], "doc_id": [f"d{i}" for i in range(len(facts))],
                             "region_code": facts.pop("code")})
    return facts, mentions


def test_values_join_outlines_by_code_or_by_city_and_name_and_the_rest_is_listed():
    facts, mentions = _facts([
        {"region": "淳安县", "code": "330127", "value": 4.2e10},
        {"region": "建德市", "code": "330199", "value": 5.5e10, "qualifier": "over"},   # a code the outlines lack
        {"region": "某开发区", "code": "330171", "value": 1e9}])
    values, unplaced = map_data.map_values(facts, mentions, "county")
    assert list(values["code"]) == ["330127", "330182"]
    assert list(values["value_text"]) == ["420亿元", "超550亿元"] and list(values["sources"]) == [1, 1]
    assert unplaced == ["某开发区"]


def test_disagreeing_facts_of_one_unit_draw_the_better_sourced_and_name_the_other():
    facts, mentions = _facts([{"region": "桐庐县", "code": "330122", "value": 3.1e10},
                              {"region": "桐庐县", "code": "330122", "value": 3.3e10}])
    mentions = pd.concat([mentions, mentions.iloc[[0]].assign(doc_id="d9")])      # the first has two documents
    values, _ = map_data.map_values(facts, mentions, "county")
    assert values[["value_text", "sources", "others"]].values.tolist() == [["310亿元", 2, "330亿元"]]


def test_areas_go_from_the_narrowest_to_all_of_china():
    assert map_data.map_areas(["330122", "330127"], "county") == ["3301", "33", ""]
    assert map_data.map_areas(["330122", "320102"], "county") == ["3201", "3301", "32", "33", ""]
    assert map_data.map_areas(["330100", "330200"], "city") == ["33", ""]
    assert map_data.area_name("3301") == "杭州市" and map_data.area_name("1101") == "北京市"


def test_every_unit_of_the_area_is_drawn_with_or_without_a_value():
    facts, mentions = _facts([{"region": "淳安县", "code": "330127", "value": 4.2e10}])
    units = map_data.map_units(map_data.map_values(facts, mentions, "county")[0], "county", "3301")
    assert len(units) == 13 and units["value"].notna().sum() == 1
    assert units.loc[units["code"] == "330108", "region"].item() == "滨江区"


def test_the_clicked_unit_comes_from_the_point_s_customdata():
    event = {"selection": {"points": [{"location": "330127", "customdata": ["淳安县", "420亿元"]}]}}
    assert map_data.region_from_map_selection(event) == "淳安县"
    assert map_data.region_from_map_selection({"selection": {"points": []}}) is None


def test_a_scale_says_its_unit_at_its_magnitude():
    assert scale_unit(pd.Series([4.2e10, 9e10]), "CNY", "gdp", "zh") == "亿元"
    assert scale_unit([3.5, 12.0], "percent", "gdp_growth", "zh") == "%"
    assert scale_unit([52000.0], "person", "population", "zh") == "万人"
    assert scale_unit([4.2e10], "CNY", "gdp", "en") == "CNY bn"


def test_source_line_names_publishers_and_dates_most_used_first():
    documents = pd.DataFrame([{"doc_id": "a", "source_file": "a.txt", "title": "甲县公报", "publisher": "甲县统计局",
                               "date": "2031-02-03"},
                              {"doc_id": "b", "source_file": "b.txt", "title": None, "publisher": None, "date": None}])
    mentions = pd.DataFrame({"fact_id": [1, 2, 2], "doc_id": ["b", "a", "a"]})
    line = citation.source_line(pd.DataFrame({"fact_id": [1, 2]}), mentions, documents, "zh")
    assert line == "来源：甲县公报（甲县统计局，2031-02-03）；b.txt"
    assert citation.source_line(pd.DataFrame({"fact_id": []}), mentions, documents, "zh") == ""


def test_view_link_and_citation(tmp_path):
    link = citation.view_link("http://host:8501/map", "map", {"m_indicator": "gdp", "m_subject": "", "region": "甲县"})
    assert link == "http://host:8501/map?m_indicator=gdp&region=%E7%94%B2%E5%8E%BF"
    (tmp_path / "run_manifest.json").write_text(json.dumps({"created": "2031-05-06T07:08:09+00:00"}))
    assert citation.extraction_date(tmp_path) == "2031-05-06"
    assert citation.extraction_date(tmp_path / "none") == ""
    text = citation.citation_text("地图 · 甲", "2031-05-06", link, "en")
    assert text == f"Regional indicators dataset: 地图 · 甲. Extracted 2031-05-06. {link}"
