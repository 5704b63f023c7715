"""AppTest: Source (deep link, highlighted sentence, marked number, other figures, other sources)."""
from apptest_helpers import page_text
from dashboard_fixture_data import obs_id_of


def _open_source(app, obs_id):
    app.run()
    app.switch_page("views/source.py")
    app.query_params["obs"] = obs_id
    return app.run()


def _passage_html(app) -> str:
    return next(str(element.proto.body) for element in app.get("html") if "source-passage" in str(element.proto.body))


def test_the_sentence_is_highlighted_and_the_number_marked(app, dataset):
    _open_source(app, obs_id_of(dataset, "101_shangcheng_window.txt", "2803.5亿元"))
    assert not app.exception
    passage = _passage_html(app)
    assert '<mark class="number"' in passage and "2803.5亿元</mark>" in passage
    sentence = passage[passage.index('<mark class="sentence"'):]
    assert sentence.index("全区地区生产总值从2020年的2218.6亿元增至2024年的") < sentence.index("2803.5亿元</mark>")
    text = page_text(app)
    assert "所在文章：“新上城”何以成为“最杭州”窗口示范" in text
    assert "上城区 · 地区生产总值 · 2024年 · 2803.5亿元" in text


def test_other_figures_and_other_sources_of_the_fact(app, dataset):
    _open_source(app, obs_id_of(dataset, "101_shangcheng_window.txt", "2803.5亿元"))
    others = app.dataframe[0].value
    assert list(others["raw_text"])[:3] == ["2218.6亿元", "4.8%", "3000亿元"]
    assert "9.1%" in set(others["raw_text"]) and "2803.5亿元" not in set(others["raw_text"])
    text = page_text(app)
    assert "同一事实的其他来源" in text and "2 个来源" in text


def test_a_conflicting_value_is_shown_with_its_source(app, dataset):
    _open_source(app, obs_id_of(dataset, "102_gongshu_population.txt", "1363.2亿元"))
    text = page_text(app)
    assert "与之冲突的数值" in text and "数值=1391.9亿元" in text


def test_pickers_follow_the_link_and_write_back_to_the_url(app, dataset):
    _open_source(app, obs_id_of(dataset, "103_hangzhou_bulletin.txt", "2610.4亿元"))
    assert app.selectbox(key="s_obs").value == obs_id_of(dataset, "103_hangzhou_bulletin.txt", "2610.4亿元")
    other = obs_id_of(dataset, "103_hangzhou_bulletin.txt", "1262.4万人")
    app.selectbox(key="s_obs").set_value(other).run()
    assert app.query_params["obs"] == other
    assert "1262.4万人</mark>" in _passage_html(app)


def test_an_unknown_row_says_so(app):
    _open_source(app, "0000000000000000")
    assert "找不到这条数据" in app.error[0].value
    assert not app.main.subheader and not app.main.get("html")   # no other figure stands in for the one linked
    assert app.query_params["obs"] == "0000000000000000"      # and the link is left as it came


def test_the_page_scrolls_to_the_highlighted_sentence(app, dataset):
    _open_source(app, obs_id_of(dataset, "103_hangzhou_bulletin.txt", "1262.4万人"))
    frames = [str(element.proto) for element in app.get("iframe")]
    assert any("scrollIntoView" in frame and "mark.sentence" in frame for frame in frames)
