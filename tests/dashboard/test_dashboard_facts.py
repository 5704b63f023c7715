import numpy as np
import pandas as pd

from dashboard.facts import (CONFLICT_KEY, FACT_KEY, OTHER_MEASURE, conflict_groups, conflicting_facts, facts_from_mentions,
                             first_rows, mentions_by_fact, mentions_of_fact, refined_ids)


def _fact(facts, region, indicator, value):
    hit = facts[(facts["region"] == region) & (facts["indicator"] == indicator) & (facts["value"] == value)]
    assert len(hit) == 1
    return hit.iloc[0]


def test_the_same_figure_in_two_documents_is_one_fact_with_both_sources(dataset):
    fact = _fact(dataset.facts, "上城区", "gdp", 280350000000)
    assert fact["mention_count"] == 2 and fact["document_count"] == 2
    sources = mentions_of_fact(dataset.mentions, int(fact["fact_id"]))
    assert sorted(sources["source_file"].astype(str)) == ["101_shangcheng_window.txt", "103_hangzhou_bulletin.txt"]


def test_different_values_for_the_same_region_indicator_subject_and_year_are_a_conflict(dataset):
    groups = conflict_groups(dataset.facts)
    assert len(groups) == 1
    conflict = groups[0]
    assert list(conflict["value"]) == [139190000000, 136320000000]   # both kept, largest first
    assert set(conflict["region"].astype(str)) == {"拱墅区"}
    one = _fact(dataset.facts, "拱墅区", "gdp", 136320000000)
    assert list(conflicting_facts(dataset.facts, int(one["fact_id"]))["value"]) == [139190000000, 136320000000]


def test_the_sources_of_several_facts_at_once_are_each_facts_own(dataset):
    conflict = conflict_groups(dataset.facts)[0]
    agreeing = _fact(dataset.facts, "上城区", "gdp", 280350000000)
    wanted = [*map(int, conflict["fact_id"]), int(agreeing["fact_id"])]
    found = mentions_by_fact(dataset.mentions, wanted)
    assert list(found) == wanted
    for fact_id in wanted:
        alone = mentions_of_fact(dataset.mentions, fact_id).to_dict("records")
        assert found[fact_id] == alone and alone
    assert len(found[int(agreeing["fact_id"])]) == 2


def test_facts_that_agree_have_no_conflict(dataset):
    fact = _fact(dataset.facts, "上城区", "gdp", 280350000000)
    assert fact["conflict_size"] == 1
    assert conflicting_facts(dataset.facts, int(fact["fact_id"])).empty


def test_undated_figures_and_targets_never_conflict():
    mentions = pd.DataFrame({
        "region": ["上城区"] * 4, "indicator": ["gdp"] * 4, "subject": ["地区生产总值"] * 4,
        "year": pd.array([None, None, 2030, 2030], dtype="Int64"), "period": ["", "", "2030", "2030"],
        "measure": ["total"] * 4, "unit": ["CNY"] * 4,
        "value": [1.0, 2.0, 3.0, 4.0], "kind": ["fact", "fact", "target", "target"],
        "doc_id": ["a", "b", "c", "d"], "obs_id": ["1", "2", "3", "4"],
    })
    _, facts = facts_from_mentions(mentions)
    assert len(facts) == 4
    assert (facts["conflict_size"] == 1).all()


def test_a_fact_and_a_target_with_the_same_value_stay_apart():
    mentions = pd.DataFrame({
        "region": ["上城区"] * 2, "indicator": ["gdp"] * 2, "subject": [""] * 2,
        "year": pd.array([2030, 2030], dtype="Int64"), "period": ["2030"] * 2, "measure": ["total"] * 2,
        "unit": ["CNY"] * 2, "value": [5.0, 5.0],
        "kind": ["fact", "target"], "doc_id": ["a", "b"], "obs_id": ["1", "2"],
    })
    fact_ids, facts = facts_from_mentions(mentions)
    assert fact_ids[0] != fact_ids[1] and len(facts) == 2


def _mentions(**columns):
    size = len(columns["value"])
    base = {"region": ["岭北区"] * size, "indicator": ["gdp"] * size, "subject": ["地区生产总值"] * size,
            "unit": ["CNY"] * size, "kind": ["fact"] * size, "measure": ["total"] * size,
            "doc_id": [str(i) for i in range(size)], "obs_id": [str(i) for i in range(size)]}
    base.update(columns)
    base["year"] = pd.array([int(p[:4]) for p in base["period"]], dtype="Int64")
    return pd.DataFrame(base)


def test_a_half_year_and_the_year_are_two_facts_and_no_conflict():
    _, facts = facts_from_mentions(_mentions(period=["2031H1", "2031"], value=[600.0, 1200.0]))
    assert len(facts) == 2 and (facts["conflict_size"] == 1).all()


def test_one_measure_in_two_wordings_is_one_fact_and_two_values_of_it_conflict():
    fact_ids, facts = facts_from_mentions(_mentions(period=["2031"] * 3, value=[9.0, 9.0, 8.0],
                                                    subject=["GDP", "地区生产总值", "经济总量"]))
    assert fact_ids[0] == fact_ids[1] and len(facts) == 2
    assert (facts["conflict_size"] == 2).all()


def test_other_measures_of_different_subjects_neither_merge_nor_conflict():
    fact_ids, facts = facts_from_mentions(_mentions(period=["2031"] * 2, value=[30.0, 40.0], indicator=["enterprise_count"] * 2,
                                                    unit=["count"] * 2, measure=["other"] * 2,
                                                    subject=["文创企业", "电商企业"]))
    assert len(facts) == 2 and (facts["conflict_size"] == 1).all()


def _many_mentions(count: int = 3000, seed: int = 3) -> pd.DataFrame:
    """Mentions that repeat and contradict each other often, with missing values and documents."""
    random = np.random.default_rng(seed)
    pick = lambda options: np.array(options, dtype=object)[random.integers(0, len(options), count)]
    return pd.DataFrame({
        "region": pick(["上城区", "拱墅区", "西湖区"]), "indicator": pick(["gdp", "population"]),
        "measure": pick(["total", "other"]), "subject": pick(["a", "b"]),
        "period": pick(["", "2023", "2024", "2024H1"]), "unit": pick(["CNY", "person"]),
        "value": pick([1.0, 2.0, 3.0, np.nan]), "kind": pick(["fact", "fact", "target"]),
        "doc_id": pick(["d1", "d2", "d3", None]), "obs_id": [str(i) for i in range(count)],
    })


def test_facts_are_the_distinct_keys_in_order_of_first_mention_with_their_counts_and_conflicts():
    mentions = _many_mentions()
    fact_ids, facts = facts_from_mentions(mentions)
    keyed = mentions.assign(series=np.where(mentions["measure"] == OTHER_MEASURE, mentions["subject"], None))
    expected_ids = keyed.groupby(FACT_KEY, sort=False, dropna=False).ngroup().to_numpy()
    assert list(fact_ids) == list(expected_ids)
    assert list(facts["fact_id"]) == list(range(expected_ids.max() + 1))
    assert list(facts["obs_id"]) == list(keyed.groupby(expected_ids)["obs_id"].first())
    assert list(facts["mention_count"]) == list(np.bincount(expected_ids))
    documents = keyed.assign(doc=keyed["doc_id"].fillna("")).groupby(expected_ids)["doc"].nunique()
    assert list(facts["document_count"]) == list(documents)
    expected_conflicts = facts.groupby(CONFLICT_KEY, sort=False, dropna=False).ngroup().to_numpy()
    assert list(facts["conflict_id"]) == list(expected_conflicts)
    dated = (facts["period"] != "") & (facts["kind"] == "fact")
    sizes = np.bincount(expected_conflicts)[expected_conflicts]
    assert list(facts["conflict_size"]) == list(np.where(dated, sizes, 1))
    assert (facts["conflict_size"] > 1).any() and (facts["document_count"] > 1).any()


def test_first_rows_are_where_each_id_first_appears():
    assert list(first_rows(np.array([0, 1, 0, 2, 1, 3, 3]))) == [0, 1, 3, 5]
    assert list(first_rows(np.array([], dtype=np.int64))) == []


def test_refined_ids_split_groups_by_value_in_order_of_first_appearance():
    groups = np.array([0, 1, 0, 2, 0, 1])
    values = pd.Series([5.0, 7.0, 6.0, 5.0, 5.0, np.nan])
    assert list(refined_ids(groups, values)) == [0, 1, 2, 3, 0, 4]
    assert list(refined_ids(np.array([0, 1, 2]), pd.Series([1.0, 1.0, 2.0]))) == [0, 1, 2]
