"""AppTest: the app shell (navigation, filters in the URL, language) and the Overview."""
from apptest_helpers import page_text
from dashboard_fixture_data import obs_id_of


def _metrics(app) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def test_overview_counts_and_cards(app):
    app.run()
    assert not app.exception
    metrics = _metrics(app)
    assert (metrics["文档"], metrics["提及"], metrics["事实"], metrics["冲突"]) == ("3", "22", "21", "1")
    text = page_text(app)
    assert "地区生产总值 · 2024=2803.5亿元" in text
    assert "地区生产总值 · 2024=2.186万亿元" in text       # 杭州市
    assert "30000亿元" not in text and "3万亿元" not in text  # the 2030 target is not a fact


def test_region_filter_includes_the_streets_and_goes_into_the_url(app):
    app.run()
    app.sidebar.multiselect(key="f_region").set_value(["上城区"]).run()
    assert not app.exception
    metrics = _metrics(app)
    assert metrics["提及"] == "9"   # 上城区: 5 in one document, 1 in another; 小营街道: 3
    assert metrics["地区"] == "2"
    assert app.query_params["region"] == "上城区"
    coverage = app.dataframe[0].value
    assert list(coverage.index) == ["上城区", "小营街道"] and coverage.index.name == "地区"


def test_a_link_reproduces_the_filters(app_env):
    from streamlit.testing.v1 import AppTest

    from apptest_helpers import APP

    first = AppTest.from_file(str(APP), default_timeout=60).run()
    first.sidebar.multiselect(key="f_region").set_value(["拱墅区"])
    first.sidebar.multiselect(key="f_family").set_value(["economy"])
    first.sidebar.text_input(key="f_subject").set_value("生产总值")
    first.sidebar.multiselect(key="f_kind").set_value(["fact", "target"])
    first.run()
    link = dict(first.query_params)
    assert link == {"region": "拱墅区", "family": "economy", "subject": "生产总值", "kind": "fact,target"}

    second = AppTest.from_file(str(APP), default_timeout=60)
    second.query_params.update(link)
    second.run()
    assert second.sidebar.multiselect(key="f_region").value == ["拱墅区"]
    assert second.sidebar.text_input(key="f_subject").value == "生产总值"
    assert _metrics(second) == _metrics(first)
    assert dict(second.query_params) == link


def test_year_range_and_undated_round_trip(app_env):
    from streamlit.testing.v1 import AppTest

    from apptest_helpers import APP

    app = AppTest.from_file(str(APP), default_timeout=60)
    app.query_params.update({"years": "2020-2020", "undated": "0"})
    app.run()
    assert app.sidebar.slider(key="f_years").value == (2020, 2020)
    assert _metrics(app)["提及"] == "1"
    assert app.query_params["years"] == "2020-2020" and app.query_params["undated"] == "0"


def test_reset_clears_the_filters(app):
    app.run()
    app.sidebar.multiselect(key="f_region").set_value(["上城区"]).run()
    app.sidebar.button[0].click().run()
    assert _metrics(app)["提及"] == "22"
    assert "region" not in app.query_params


def test_english_switch(app):
    app.run()
    app.sidebar.toggle(key="lang_en").set_value(True).run()
    assert not app.exception
    assert app.title[0].value == "Overview"
    assert "GDP · 2024=CNY 280.35bn" in page_text(app)
    assert app.query_params["lang"] == "en"
    assert "**Shangcheng District**" in [element.value for element in app.markdown]     # a key-figure card
    options = app.sidebar.multiselect(key="f_region").options
    assert "Xiaoying Subdistrict 小营街道 (Shangcheng District)" in options    # the Chinese name stays searchable
    assert "Hangzhou 杭州市 (Zhejiang)" in options


def test_deep_link_to_a_row_opens_its_source(app, dataset):
    obs_id = obs_id_of(dataset, "101_shangcheng_window.txt", "2803.5亿元")
    app.query_params["obs"] = obs_id
    app.run()
    assert not app.exception
    assert app.title[0].value == "来源"
    assert app.query_params["obs"] == obs_id


def test_key_figures_are_never_a_programme_or_a_subgroup_and_say_what_exists(app):
    app.run()
    app.sidebar.multiselect(key="f_region").set_value(["拱墅区", "上城区"]).run()
    assert not app.exception
    text = page_text(app)
    assert "企业数量 · 2024=12.3万家" in text                 # 拱墅区's enterprise total
    assert "超2000家" not in text                              # 上城区's new enterprises are no key figure
    assert "8000万元" not in text                              # one programme's loans are no loan total
    assert "无年度贷款余额；现有：2024年 发放与授信" in text
    assert "无年度同比增长；现有：2020—2024年（年均） 年均增长" in text
