import pytest

from dashboard import queries
from dashboard.filters import Filters, filters_from_query, filters_to_query


@pytest.mark.parametrize("filters", [
    Filters(),
    Filters(regions=("上城区",)),
    Filters(regions=("上城区", "拱墅区"), families=("economy", "population"), indicators=("gdp",),
            subject="地区 生产总值", year_from=2020, year_to=2024, include_undated=False,
            qualifiers=("over", "exact"), kinds=("fact", "target")),
    Filters(year_from=2021),
    Filters(year_to=2023),
])
def test_url_round_trip(filters):
    assert filters_from_query(filters_to_query(filters)) == filters


def test_defaults_stay_out_of_the_url():
    assert filters_to_query(Filters()) == {}


def test_malformed_url_values_fall_back_to_defaults():
    filters = filters_from_query({"years": "abc-2020", "family": "nonsense,economy", "qualifier": "roughly",
                                  "kind": "rumour"})
    assert filters.year_from is None and filters.year_to is None
    assert filters.families == ("economy",)
    assert filters.qualifiers == ()
    assert filters.kinds == ("fact",)


def test_repeated_url_keys_take_the_last_value():
    assert filters_from_query({"region": ["拱墅区", "上城区"]}).regions == ("上城区",)


def _regions(frame):
    return set(frame["region"].astype(str))


def test_a_district_includes_its_streets(dataset):
    rows = queries.filter_mentions(dataset, Filters(regions=("上城区",)))
    assert _regions(rows) == {"上城区", "小营街道"}


def test_the_city_includes_every_district_and_street(dataset):
    rows = queries.filter_mentions(dataset, Filters(regions=("杭州市",)))
    assert _regions(rows) == {"杭州市", "上城区", "小营街道", "拱墅区", "西湖区"}


def test_targets_and_thresholds_are_left_out_by_default(dataset):
    kinds = set(queries.filter_mentions(dataset, Filters())["kind"].astype(str))
    assert kinds == {"fact"}
    everything = queries.filter_mentions(dataset, Filters(kinds=("fact", "target", "threshold")))
    assert set(everything["kind"].astype(str)) == {"fact", "target", "threshold"}


def test_family_indicator_subject_qualifier_and_years(dataset):
    population = queries.filter_mentions(dataset, Filters(families=("population",)))
    assert set(population["indicator"].astype(str)) == {"population", "population_share", "people_count"}
    gdp_only = queries.filter_mentions(dataset, Filters(families=("economy",), indicators=("gdp",)))
    assert set(gdp_only["indicator"].astype(str)) == {"gdp"}
    aging = queries.filter_mentions(dataset, Filters(subject="老龄化"))
    assert list(aging["raw_text"]) == ["44%"]
    over = queries.filter_mentions(dataset, Filters(qualifiers=("over",)))
    assert set(over["raw_text"]) == {"2000家", "44%", "8000余万元", "3500余名"}
    in_2020 = queries.filter_mentions(dataset, Filters(year_from=2020, year_to=2020, include_undated=False))
    assert list(in_2020["raw_text"]) == ["2218.6亿元"]
    with_undated = queries.filter_mentions(dataset, Filters(year_from=2020, year_to=2020))
    assert set(with_undated["raw_text"]) == {"2218.6亿元", "2.98平方公里", "44%"}


def test_facts_filter_like_mentions(dataset):
    facts = queries.filter_facts(dataset, Filters(regions=("上城区",), indicators=("gdp",)))
    assert sorted(facts["value"]) == [221860000000, 280350000000]
