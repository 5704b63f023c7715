"""AppTest: review in the dashboard. Decisions on the Source view and in the queue reach every view."""
import re

import pytest
from apptest_helpers import page_text
from dashboard_fixture_data import obs_id_of

from dashboard import datastore, queries
from extractors.review.apply import apply_reviews
from extractors.review.store import FigureKey, ReviewStore, default_database_url

GDP = ("101_shangcheng_window.txt", "2803.5亿元")


@pytest.fixture
def store(app_env):
    return ReviewStore(default_database_url(app_env))


def _open_source(app, obs_id):
    app.run()
    app.switch_page("views/source.py")
    app.query_params["obs"] = obs_id
    return app.run()


def _key(dataset, source_file, raw_text) -> FigureKey:
    row = dataset.mentions[dataset.mentions["obs_id"] == obs_id_of(dataset, source_file, raw_text)].iloc[0]
    return FigureKey(str(row["doc_id"]), int(row["start"]), int(row["end"]))


def _reviewed_dataset(app_env, store) -> queries.Dataset:
    rows = apply_reviews(datastore.read_rows(app_env), store.states()).rows
    return queries.build_dataset(rows, datastore.read_documents(app_env))


def test_accepting_on_the_source_view_is_stored_and_shown(app, dataset, store):
    _open_source(app, obs_id_of(dataset, *GDP))
    assert "○ 未审核" in page_text(app)
    app.button(key="rv_accept").click().run()
    assert not app.exception
    state = store.state(_key(dataset, *GDP))
    assert (state.status, state.updated_by, state.version) == ("accepted", "local", 1)
    assert "✓ 已确认" in page_text(app) and "已确认。" in [element.value for element in app.success]

    app.switch_page("views/table.py").run()
    table = app.dataframe[0].value
    gdp = (table["raw_text"] == GDP[1]) & (table["source_file"] == GDP[0])
    assert list(table.loc[gdp, "review"]) == ["✓ 已确认"]
    assert set(table.loc[~gdp, "review"]) == {"○ 未审核"}


def test_a_corrected_region_moves_the_figure_and_keeps_the_machines_region(app, dataset, store, app_env):
    _open_source(app, obs_id_of(dataset, *GDP))
    app.text_input(key="rv_c_region_name").input("拱墅区").run()
    assert app.selectbox(key="rv_c_region_choice").value.name == "拱墅区"
    app.button(key="rv_correct").click().run()
    assert not app.exception
    state = store.state(_key(dataset, *GDP))
    assert state.status == "corrected" and state.fields["region"] == "拱墅区"
    assert state.fields["region_code"] == "330105"
    assert "拱墅区 · 地区生产总值 · 2024年 · 2803.5亿元" in page_text(app)

    facts = _reviewed_dataset(app_env, store).facts
    gdp = facts[(facts["indicator"] == "gdp") & (facts["value"] == 280350000000)]
    assert "拱墅区" in set(gdp["region"])
    app.switch_page("views/table.py").run()
    row = app.dataframe[0].value.query(f"raw_text == '{GDP[1]}' and source_file == '{GDP[0]}'").iloc[0]
    assert (row["region"], row["review"], row["machine_value"]) == ("拱墅区", "✎ 已更正", 280350000000)


def _gdp_fact(reviewed: queries.Dataset):
    facts = reviewed.facts
    return facts[(facts["indicator"] == "gdp") & (facts["value"] == 280350000000)].iloc[0]


def test_a_rejected_figure_leaves_the_facts_but_not_the_table(app, dataset, store, app_env):
    sources = int(_gdp_fact(dataset)["mention_count"])
    _open_source(app, obs_id_of(dataset, *GDP))
    app.text_input(key="rv_reason").input("目标值，不是实际数").run()
    app.button(key="rv_reject").click().run()
    assert not app.exception
    assert store.state(_key(dataset, *GDP)).reason == "目标值，不是实际数"
    assert "✗ 已否决" in page_text(app)          # the Source view still opens a rejected figure
    reviewed = _reviewed_dataset(app_env, store)
    rejected = reviewed.mentions[reviewed.mentions["obs_id"] == obs_id_of(dataset, *GDP)].iloc[0]
    assert (rejected["review"], rejected["fact_id"]) == ("rejected", -1)
    assert int(_gdp_fact(reviewed)["mention_count"]) == sources - 1   # the other document still says it
    counts = queries.overview_counts(reviewed.mentions, reviewed.facts)
    assert counts["mentions"] == len(dataset.mentions) - 1

    app.button(key="rv_undo").click().run()
    assert store.state(_key(dataset, *GDP)).status == "unreviewed"
    assert int(_gdp_fact(_reviewed_dataset(app_env, store))["mention_count"]) == sources


def _queue_counts(app) -> tuple[int, int]:
    left, reviewed = re.search(r"待审核 (\d+) 条，已审核 (\d+) 条", page_text(app)).groups()
    return int(left), int(reviewed)


def test_the_queue_offers_core_figures_first_and_accept_moves_on(app, dataset, store):
    app.run()
    app.switch_page("views/review.py").run()
    assert not app.exception
    left, reviewed = _queue_counts(app)
    assert reviewed == 0 and 0 < left <= len(dataset.mentions)
    assert "优先原因：核心指标" in page_text(app)
    shown = app.markdown[0].value
    app.button(key="rv_queue_accept").click().run()
    assert len(store.states()) == 1 and store.states()[0].status == "accepted"
    assert _queue_counts(app) == (left - 1, 1)
    assert app.markdown[0].value != shown            # the next figure is on screen
    app.button(key="rv_queue_skip").click().run()
    assert _queue_counts(app) == (left - 1, 1) and len(store.states()) == 1   # skipping decides nothing


def test_a_store_that_cannot_open_leaves_the_figures_unreviewed_and_says_so(app, dataset, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1")
    _open_source(app, obs_id_of(dataset, *GDP))
    assert not app.exception
    assert any("审核库无法打开" in element.value for element in app.warning)
    app.switch_page("views/table.py").run()
    assert set(app.dataframe[0].value["review"]) == {"○ 未审核"}


def test_a_corrected_period_sets_its_year_and_a_period_out_of_the_grammar_is_refused(app, dataset, store):
    _open_source(app, obs_id_of(dataset, *GDP))
    app.text_input(key="rv_c_period").input("2024年上半年").run()
    app.button(key="rv_correct").click().run()
    assert store.state(_key(dataset, *GDP)) is None
    assert any("时期“2024年上半年”无法识别" in element.value for element in app.error)

    app.text_input(key="rv_c_period").input("2023H1").run()
    app.selectbox(key="rv_c_measure").set_value("other").run()
    app.button(key="rv_correct").click().run()
    state = store.state(_key(dataset, *GDP))
    assert (state.fields["period"], state.fields["year"]) == ("2023H1", 2023)
    assert state.fields["measure"] == "other" and "value" not in state.fields    # only what was changed
