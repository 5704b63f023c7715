from dashboard import queries
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
    assert queries.compare_subjects(facts, "gdp", "county", "CNY") == ["地区生产总值"]
    city = queries.like_with_like(facts, "gdp", "city", "CNY", "地区生产总值")
    assert list(city["value"]) == [2186000000000]      # the 2030 target is never compared as a fact


def test_compare_bars_are_sorted_and_keep_conflicting_values_apart(dataset):
    facts = queries.filter_facts(dataset, Filters())
    comparable = queries.like_with_like(facts, "gdp", "county", "CNY", "地区生产总值")
    assert queries.compare_years(comparable) == [2024, 2020]
    bars = queries.compare_bars(comparable, 2024)
    assert list(bars["bar_label"]) == ["上城区", "西湖区", "拱墅区 (1)", "拱墅区 (2)"]
    assert list(bars["value_text"]) == ["2803.5亿元", "2610.4亿元", "1391.9亿元", "1363.2亿元"]
    latest = queries.compare_bars(comparable, None)
    assert list(latest["bar_label"])[0] == "上城区 2024"


def test_compare_lines_only_for_regions_with_several_years(dataset):
    facts = queries.filter_facts(dataset, Filters())
    comparable = queries.like_with_like(facts, "gdp", "county", "CNY", "地区生产总值")
    lines = queries.compare_lines(comparable)
    assert set(lines["region"].astype(str)) == {"上城区"}
    assert list(lines["year"]) == [2020, 2024]


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


def test_document_summary_counts(dataset):
    summary = queries.document_summary(dataset).set_index("source_file")
    assert summary.loc["101_shangcheng_window.txt", "mentions"] == 9
    assert summary.loc["103_hangzhou_bulletin.txt", "regions"] == 4
    assert summary.loc["102_gongshu_population.txt", "title"] == "拱墅打造全生命周期人口精准服务体系"
