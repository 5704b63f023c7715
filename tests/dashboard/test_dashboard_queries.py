from dashboard import queries, series
from dashboard.filters import Filters


def test_overview_counts(dataset):
    mentions = queries.filter_mentions(dataset, Filters())
    facts = queries.filter_facts(dataset, Filters())
    assert queries.overview_counts(mentions, facts) == {
        "documents": 3, "mentions": 22, "facts": 21, "conflicts": 1, "regions": 5}


def test_key_figures_take_the_latest_year(dataset):
    facts = queries.filter_facts(dataset, Filters())
    figures = queries.key_figures(facts, ["上城区"]).set_index("indicator")
    assert figures.loc["gdp", "value"] == 280350000000 and figures.loc["gdp", "year"] == 2024
    assert figures.loc["gdp", "mention_count"] == 2
    assert "population" not in figures.index
    assert "gdp_growth" not in figures.index                 # its one figure is a 2020/2024 average
    assert "enterprise_count" not in figures.index           # 新设企业 is not the enterprise total


def test_key_figures_are_the_key_measure_of_an_annual_period(dataset):
    facts = queries.filter_facts(dataset, Filters())
    figures = queries.key_figures(facts, ["拱墅区"]).set_index("indicator")
    assert figures.loc["enterprise_count", "value"] == 123000            # 企业总数
    assert "loan_amount" not in figures.index                             # 创业担保贷款 is one programme
    assert figures.loc["population", "measure"] == "resident"


def test_cards_go_to_the_regions_picked_else_the_highest_level(dataset):
    facts = queries.filter_facts(dataset, Filters())
    assert queries.card_regions(facts, Filters(regions=("小营街道",)), dataset.tree) == ["小营街道"]
    assert queries.card_regions(facts, Filters(), dataset.tree)[0] == "杭州市"


def test_coverage_and_missing(dataset):
    facts = queries.filter_facts(dataset, Filters())
    coverage = queries.coverage_table(facts, ["上城区", "小营街道"], undated_text="n/a")
    assert coverage.loc["上城区", "gdp"] == "2020, 2024"
    assert coverage.loc["小营街道", "population_share"] == "n/a"
    missing = queries.missing_indicators(coverage)
    assert missing["上城区"] == ["loan_amount", "population", "population_share"]
    assert "gdp" in missing["小营街道"]


def test_compare_offers_like_with_like(dataset):
    facts = queries.filter_facts(dataset, Filters(kinds=("fact", "target", "threshold")))
    assert queries.compare_indicators(facts)[0] == "gdp"
    assert queries.compare_levels(facts, "gdp") == ["county", "city"]
    assert series.compare_measures(facts, "gdp", "county") == ["total"]       # the threshold is not a fact
    city = series.like_with_like(series.selection(facts, "gdp", "city", "total"), "2024", "CNY")
    assert list(city["value"]) == [2186000000000]      # the 2030 target is never compared as a fact


def test_compare_bars_are_sorted_and_keep_conflicting_values_apart(dataset):
    facts = queries.filter_facts(dataset, Filters())
    chosen = series.selection(facts, "gdp", "county", "total")
    assert series.compare_period_kinds(chosen) == ["year"]
    assert series.compare_periods(chosen, "year") == ["2024", "2020"]
    bars = series.compare_bars(series.like_with_like(chosen, "2024", "CNY"))
    assert list(bars["bar_label"]) == ["上城区", "西湖区", "拱墅区 (1)", "拱墅区 (2)"]
    assert list(bars["value_text"]) == ["2803.5亿元", "2610.4亿元", "1391.9亿元", "1363.2亿元"]


def test_what_is_not_comparable_says_why(dataset):
    facts = queries.filter_facts(dataset, Filters())
    apart = series.not_comparable(facts, "gdp_growth", "county", "yoy", "", "2024", "percent")
    assert dict(zip(apart["region"].astype(str), apart["reason"])) == {"上城区": "measure"}
    apart = series.not_comparable(facts, "gdp", "county", "total", "", "2024", "CNY")
    assert dict(zip(apart["value"], apart["reason"])) == {221860000000: "period"}


def test_the_facts_of_an_indicator_narrow_like_all_facts(dataset):
    import pandas as pd

    facts = queries.filter_facts(dataset, Filters(kinds=("fact", "target")))
    of_indicator = series.indicator_facts(facts, "gdp", "county")
    assert len(of_indicator) and set(of_indicator["kind"]) == {"fact"} and set(of_indicator["indicator"]) == {"gdp"}
    assert series.indicator_facts(of_indicator, "gdp", "county") is of_indicator     # no second copy
    for narrow in (lambda frame: series.not_comparable(frame, "gdp", "county", "total", "", "2024", "CNY"),
                   lambda frame: series.selection(frame, "gdp", "county", "total")):
        pd.testing.assert_frame_equal(narrow(of_indicator), narrow(facts))
    assert series.compare_measures(of_indicator, "gdp", "county") == series.compare_measures(facts, "gdp", "county")


def test_compare_lines_only_for_regions_with_several_periods(dataset):
    facts = queries.filter_facts(dataset, Filters())
    lines = series.compare_lines(series.selection(facts, "gdp", "county", "total"), "CNY")
    assert set(lines["region"].astype(str)) == {"上城区"}
    assert list(lines["year"]) == [2020, 2024] and set(lines["series"]) == {""}


def test_regions_by_periods_and_rankings(dataset):
    facts = queries.filter_facts(dataset, Filters())
    chosen = series.selection(facts, "gdp", "county", "total")
    table = series.regions_by_periods(chosen, "year", "CNY")
    assert list(table.columns) == ["2024", "2020"]
    assert table.loc["上城区", "2020"] == "2218.6亿元" and table.loc["拱墅区", "2024"] == "1391.9亿元 / 1363.2亿元"
    ranking = series.rankings(series.like_with_like(chosen, "2024", "CNY"), dataset.documents)
    assert list(ranking["region"]) == ["上城区", "西湖区", "拱墅区"] and list(ranking["rank"]) == [1, 2, 3]
    assert set(ranking["parent"]) == {"杭州市"} and ranking["source"].str.contains("（").all()


def test_sorted_page_and_links(dataset):
    rows = queries.filter_mentions(dataset, Filters())
    page = queries.sorted_page(rows, "value", True, page=1, page_size=3)
    assert list(page["raw_text"]) == ["21860亿元", "2803.5亿元", "2803.5亿元"]
    second = queries.sorted_page(rows, "value", True, page=2, page_size=3)
    assert list(second["raw_text"]) == ["2610.4亿元", "2218.6亿元", "1391.9亿元"]
    by_region = queries.sorted_page(rows, "region", False, page=1, page_size=100)
    assert list(by_region["region"].astype(str)) == sorted(by_region["region"].astype(str))
    shown = queries.table_rows_for_display(page)
    assert shown["link"].iloc[0] == f"source?obs={page['obs_id'].iloc[0]}"
    assert shown["display_value"].iloc[0] == "2.186万亿元"


def test_a_page_of_the_rows_a_mask_marks_is_that_page_of_the_filtered_rows(dataset):
    import pandas as pd

    filters = Filters(regions=("上城区",))
    passing = queries.mentions_mask(dataset, filters)
    assert 0 < passing.sum() < len(dataset.mentions)
    filtered = queries.filter_mentions(dataset, filters)
    for sort_by, descending, page in (("value", True, 1), ("region", False, 2), ("year", True, 1)):
        pd.testing.assert_frame_equal(
            queries.sorted_page(dataset.mentions, sort_by, descending, page, 2, where=passing),
            queries.sorted_page(filtered, sort_by, descending, page, 2))
    nothing = queries.sorted_page(dataset.mentions, "value", True, 1, 2, where=passing & False)
    assert nothing.empty and list(nothing.columns) == list(dataset.mentions.columns)


def test_document_summary_counts(dataset):
    summary = queries.document_summary(dataset).set_index("source_file")
    assert summary.loc["101_shangcheng_window.txt", "mentions"] == 9
    assert summary.loc["103_hangzhou_bulletin.txt", "regions"] == 4
    assert summary.loc["102_gongshu_population.txt", "title"] == "拱墅打造全生命周期人口精准服务体系"


def test_typing_the_rows_leaves_the_stored_rows_as_read():
    import pandas as pd

    rows = pd.DataFrame({"region": ["上城区", None], "value": ["1.5", "2"], "start": [0, 3], "end": [2, 5],
                         "year": [2024, None], "obs_id": ["a", None]})
    before = rows.copy()
    typed = queries.typed_mentions(rows)
    assert isinstance(typed["region"].dtype, pd.CategoricalDtype) and list(typed["value"]) == [1.5, 2.0]
    pd.testing.assert_frame_equal(rows, before)


def test_values_are_ranked_by_how_many_regions_have_them_ties_in_the_columns_order():
    import pandas as pd

    frame = pd.DataFrame({
        "unit": pd.Categorical(["count", "CNY", "CNY", "person", "count", "km", None, "m2"],
                               categories=["CNY", "count", "km", "m2", "person", "percent"]),
        "region": pd.Categorical(["甲县", "甲县", "乙县", "甲县", "乙县", "甲县", "丙县", None]),
    })
    expected = frame.groupby("unit", observed=True)["region"].nunique().sort_values(ascending=False, kind="stable")
    ranked = series.ranked_by_regions(frame, "unit")
    assert ranked == [str(unit) for unit in expected.index]
    assert ranked == ["CNY", "count", "km", "person", "m2"]      # m2 has no known region; percent is absent
    assert series.ranked_by_regions(frame.astype(object), "unit") == ranked
    assert series.ranked_by_regions(frame.iloc[0:0], "unit") == []
