"""AppTest: Compare (like with like, sorted bars, Chinese numbers, conflicts, sources of a fact)."""
import json

from apptest_helpers import APP, page_text


def _open_compare(app, **query):
    app.run()
    app.switch_page("views/compare.py")
    app.query_params.update(query)
    return app.run()


def _charts(app) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def test_bars_are_sorted_by_value_and_labelled_the_chinese_way(app):
    _open_compare(app)
    assert not app.exception
    assert app.selectbox(key="c_indicator").value == "gdp"
    assert app.selectbox(key="c_level").value == "county"
    bars = _charts(app)[0]
    trace = bars["data"][0]
    assert trace["x"] == ["上城区", "西湖区", "拱墅区 (1)", "拱墅区 (2)"]
    assert trace["text"] == ["2803.5亿元", "2610.4亿元", "1391.9亿元", "1363.2亿元"]
    ticks = bars["layout"]["yaxis"]["ticktext"]
    assert "1000亿元" in ticks and not any("G" in tick for tick in ticks)


def test_a_line_for_the_region_with_several_years(app):
    _open_compare(app)
    lines = _charts(app)[1]
    assert [trace["name"] for trace in lines["data"]] == ["上城区"]
    assert lines["data"][0]["x"] == [2020, 2024]


def test_conflicting_values_stand_side_by_side(app):
    _open_compare(app)
    text = page_text(app)
    assert "数值冲突" in text
    assert "数值=1391.9亿元" in text and "数值=1363.2亿元" in text


def test_qualifiers_are_shown_with_the_values(app):
    _open_compare(app, c_indicator="enterprise_count", c_level="county")
    assert not app.exception
    assert app.selectbox(key="c_measure").value == "total"          # the key measure comes first
    app.selectbox(key="c_measure").set_value("new").run()
    assert _charts(app)[0]["data"][0]["text"] == ["超2000家"]
    assert "企业总数" in page_text(app)                # the other measure is named, not put on the axis


def test_only_like_with_like_and_never_targets(app):
    _open_compare(app, c_indicator="gdp", c_level="city")
    app.sidebar.multiselect(key="f_kind").set_value(["fact", "target"]).run()
    bars = _charts(app)[0]["data"][0]
    assert bars["x"] == ["杭州市"] and bars["text"] == ["2.186万亿元"]


def test_picking_a_fact_opens_all_its_sources(app):
    _open_compare(app)
    picker = app.selectbox(key="c_fact")
    shangcheng = next(option for option in picker.options if option.startswith("上城区 2024"))
    picker.select(shangcheng).run()
    assert not app.exception
    text = page_text(app)
    assert "2 个来源" in text
    assert "杭州市2024年国民经济和社会发展统计公报（摘要）" in text and "“新上城”何以成为“最杭州”窗口示范" in text
    assert app.query_params["c_fact"] == str(app.selectbox(key="c_fact").value)
    links = [link for link in app.get("page_link")]
    assert len(links) >= 2


def test_bar_selection_names_the_fact_of_the_bar(app):
    """A click on a bar arrives as a Plotly selection whose point carries the bar's customdata."""
    from dashboard.queries import fact_id_from_chart_selection

    _open_compare(app)
    bars = _charts(app)[0]["data"][0]
    xihu = bars["customdata"][bars["x"].index("西湖区")]
    event = {"selection": {"points": [{"curve_number": 0, "point_index": 1, "x": "西湖区",
                                       "y": 261040000000, "customdata": xihu}], "point_indices": [1]}}
    fact_id = fact_id_from_chart_selection(event)
    assert fact_id == xihu[0]
    assert fact_id_from_chart_selection({"selection": {"points": []}}) is None
    app.selectbox(key="c_fact").set_value(fact_id).run()
    assert "西湖区 2024 地区生产总值 2610.4亿元" in page_text(app)


def test_compare_state_round_trips_through_the_url(app_env):
    from streamlit.testing.v1 import AppTest

    from apptest_helpers import APP

    first = AppTest.from_file(str(APP), default_timeout=60).run()
    first.switch_page("views/compare.py").run()
    first.selectbox(key="c_period").set_value("2020").run()
    link = dict(first.query_params)
    assert link["c_period"] == "2020" and link["c_indicator"] == "gdp" and link["c_measure"] == "total"

    second = AppTest.from_file(str(APP), default_timeout=60).run()
    second.switch_page("views/compare.py")
    second.query_params.update(link)
    second.run()
    assert second.selectbox(key="c_period").value == "2020"
    assert _charts(second)[0]["data"][0]["x"] == _charts(first)[0]["data"][0]["x"]


def test_the_average_growth_is_not_compared_with_growth_on_the_year_before(app):
    _open_compare(app, c_indicator="gdp_growth", c_level="county")
    assert app.selectbox(key="c_measure").value == "yoy"
    assert _charts(app)[0]["data"][0]["x"] == ["拱墅区"]               # 上城区's 4.8% is a 2020/2024 average
    app.selectbox(key="c_measure").set_value("avg_annual").run()
    assert app.selectbox(key="c_period_kind").value == "span"
    assert app.selectbox(key="c_period").value == "2020/2024"
    assert _charts(app)[0]["data"][0]["x"] == ["上城区"]


def test_every_chart_names_its_sources_inside_the_figure_and_under_it(app):
    _open_compare(app)
    bars = _charts(app)[0]
    notes = [note["text"] for note in bars["layout"]["annotations"]]
    assert any("来源" in note and "杭州市2024年国民经济和社会发展统计公报" in note for note in notes)
    assert any(caption.value.startswith("来源") for caption in app.caption)


def test_a_median_line_across_the_regions_shown(app):
    _open_compare(app)
    bars = _charts(app)[0]
    lines = [shape for shape in bars["layout"]["shapes"] if shape.get("line", {}).get("dash") == "dot"]
    # one value per region (拱墅区: its larger value): 280.35, 261.04, 139.19 -> median 261.04亿
    assert len(lines) == 1 and lines[0]["y0"] == 261040000000


def test_nothing_comparable_says_so_and_shows_what_exists(app):
    _open_compare(app, c_indicator="population_share", c_level="town")
    assert not app.exception
    text = "\n".join(info.value for info in app.info)
    assert "没有可比数据" in text and "小营街道" in text and "超44%" in text
    assert not _charts(app)


def test_the_chart_data_downloads_as_csv(app):
    _open_compare(app)
    buttons = [button for button in app.get("download_button")]
    assert buttons, "no download button for the chart's data"


def test_a_source_link_carries_the_filters_so_back_returns_here(app):
    """The Source view writes the filters into the URL on its first run; a link
    that already holds them leaves one history entry, so Back comes back here."""
    from urllib.parse import parse_qs

    _open_compare(app)
    app.sidebar.multiselect(key="f_region").set_value(["上城区"]).run()
    picker = app.selectbox(key="c_fact")
    picker.select(next(option for option in picker.options if option.startswith("上城区 2024"))).run()
    links = [parse_qs(link.proto.query_string) for link in app.get("page_link") if "obs=" in link.proto.query_string]
    assert links and all(query["region"] == ["上城区"] and len(query["obs"][0]) == 16 for query in links)


def test_rankings_are_drawn_for_the_largest_parents_and_the_rest_are_counted(tmp_path, monkeypatch):
    """Districts of nine cities: six rankings (the city with most districts first), a line for the other three."""
    import pandas as pd
    from dashboard_fixture_data import write_data_dir
    from streamlit.testing.v1 import AppTest


    data_dir = write_data_dir(tmp_path / "data")
    rows = pd.read_parquet(data_dir / "indicators.parquet")
    gdp = rows[(rows["indicator"] == "gdp") & (rows["region_level"] == "county")].iloc[0]
    made = []
    for city in range(9):
        for district in range(2 + (city == 0) * 3):     # the first city has five districts
            row = gdp.copy()
            row["region"], row["region_parent"] = f"甲{city}乙{district}区", f"丙{city}市"
            row["value"], row["obs_id"] = 1e9 * (city * 10 + district + 1), f"rank{city}{district}"
            made.append(row)
    pd.concat([rows, pd.DataFrame(made)], ignore_index=True).to_parquet(data_dir / "indicators.parquet", index=False)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_dir))
    monkeypatch.setenv("DASHBOARD_SEEDS_DIR", str(seeds))
    app = AppTest.from_file(str(APP), default_timeout=60)
    _open_compare(app, c_indicator="gdp", c_level="county", c_period=str(gdp["period"]))
    assert not app.exception
    rankings = [header.value for header in app.subheader if "所辖单位排名" in header.value]
    assert len(rankings) == 6 and rankings[0].startswith("丙0市")
    assert "另有 3 个上级单位的排名" in page_text(app)
