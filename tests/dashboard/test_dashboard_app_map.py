"""AppTest: the Map (Hangzhou's districts coloured by GDP, the others no data, a click filters the dashboard),
and the citation every chart comes with."""
import json

import pytest

from apptest_helpers import page_text
from dashboard import state

HANGZHOU_DISTRICTS = 13     # 10 districts, 2 counties and a county-level city in the outlines


def _open(app, view="map", **query):
    app.run()
    app.switch_page(f"views/{view}.py")
    app.query_params.update(query)
    return app.run()


def _map(app) -> dict:
    [chart] = [json.loads(c.proto.spec) for c in app.get("plotly_chart")]
    return chart


def test_hangzhou_districts_with_a_gdp_are_coloured_and_the_others_marked_no_data(app):
    _open(app)
    assert not app.exception
    assert [app.selectbox(key=k).value for k in ("m_indicator", "m_level", "m_period", "m_unit", "m_area")] == \
        ["gdp", "county", "2024", "CNY", "3301"]
    empty, valued = _map(app)["data"]
    assert [d[0] for d in valued["customdata"]] == ["上城区", "拱墅区", "西湖区"]
    assert valued["z"] == [280350000000, 139190000000, 261040000000]
    assert len(empty["locations"]) + len(valued["locations"]) == HANGZHOU_DISTRICTS
    assert {d[1] for d in empty["customdata"]} == {"无数据"} and "滨江区" in {d[0] for d in empty["customdata"]}
    shangcheng = valued["customdata"][0]
    assert shangcheng[1:4] == ["2803.5亿元", "2024年", "2 个来源"]
    assert "1363.2亿元" in valued["customdata"][1][4]            # 拱墅区's other value is named, not averaged
    assert valued["colorbar"]["title"]["text"] == "亿元" and "1000亿元" in valued["colorbar"]["ticktext"]


def test_the_map_carries_its_title_and_source_line(app):
    _open(app)
    layout = _map(app)["layout"]
    assert layout["title"]["text"] == "地区生产总值（总量）（亿元），杭州市 · 2024年"
    [source] = [a["text"] for a in layout["annotations"]]
    assert source.startswith("来源：") and "杭州市统计局，2025-03-01" in source
    assert layout["geo"]["fitbounds"] == "locations" and layout["geo"]["visible"] is False


def test_choosing_a_district_filters_the_dashboard_and_ranks_its_streets(app):
    _open(app, m_indicator="enterprise_count")
    app.session_state[state.REGION] = ["上城区"]     # what a click on the map sets
    app.run()
    assert not app.exception
    assert app.query_params["region"] == "上城区"
    assert "已选：上城区" in page_text(app)
    [towns] = [frame.value for frame in app.dataframe]
    assert list(towns["地区"]) == ["小营街道"] and list(towns["数据"]) == ["10家"]
    assert towns["来源"].iloc[0].startswith("source?obs=")
    empty, valued = _map(app)["data"]
    assert [d[0] for d in valued["customdata"]] == ["拱墅区"]     # the map keeps the other districts
    at = [d[0] for d in empty["customdata"]].index("上城区")      # 上城区 counts new firms, not the total
    assert empty["marker"]["line"]["width"][at] == 2.5 and valued["marker"]["line"]["width"] == [0.5]


def test_the_citation_names_dataset_view_date_and_link(app):
    _open(app)
    link, cite = [code.value for code in app.code]
    assert link.endswith("/map?m_indicator=gdp&m_level=county&m_measure=total&m_period_kind=year&m_period=2024"
                         "&m_unit=CNY&m_area=3301")
    assert cite.startswith("区域发展指标数据集：地图 · 地区生产总值") and "提取于 20" in cite and cite.endswith(link)


@pytest.mark.parametrize("view", ["compare", "map"])
def test_english_pages_say_it_in_english(app, view):
    _open(app, view=view)
    app.sidebar.toggle(key="lang_en").set_value(True).run()
    assert not app.exception
    chart = json.loads(app.get("plotly_chart")[0].proto.spec)
    assert chart["layout"]["title"]["text"].startswith("GDP")
    assert any(a["text"].startswith("Sources: ") for a in chart["layout"]["annotations"])
    assert app.code[1].value.startswith("Regional indicators dataset: ")
    if view == "map":
        empty, valued = chart["data"]
        assert valued["colorbar"]["title"]["text"] == "CNY bn"
        assert {d[1] for d in empty["customdata"]} == {"no data"}
        assert valued["customdata"][0][0] == "上城区"              # what a click reports, for the filter
        assert valued["customdata"][0][5].isascii()               # what the hover shows, in English


def test_compare_bars_carry_unit_period_and_publishers(app):
    _open(app, view="compare")
    bars = json.loads(app.get("plotly_chart")[0].proto.spec)["layout"]
    assert bars["title"]["text"] == "地区生产总值（总量）（亿元），2024年"
    assert "杭州市统计局" in bars["annotations"][-1]["text"]
