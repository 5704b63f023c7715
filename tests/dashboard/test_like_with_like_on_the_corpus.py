"""Like with like on real pages: the seeds and both tuning corpora extracted together.

Compare GDP for districts in a year shows every district with an annual GDP
total of that year and nothing else; no key figure is a subgroup, a
programme, a threshold or a part-year; half-year and annual values never
share a line."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from dashboard import datastore, queries, series
from dashboard.filters import Filters
from extractors.catalog import CORE_INDICATORS, KEY_MEASURES
from extractors.run.pipeline import extract_paths

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = [ROOT / "seeds", Path("/work/shared/corpus"), Path("/work/shared/corpus2")]
GDP_WORDING = re.compile(r"生产总值|GDP|总量|经济体量")
NOT_THE_TOTAL = re.compile(r"增加值|人均|占|比重|增长|增速")
# words that mark a subgroup, a programme or a flow inside an indicator
SUBGROUP = re.compile(r"新增|新设|引进|规上|规模以上|上市|高新|男|女|担保|专项|授信|发放|门槛|台阶|户籍|城镇|农村")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> queries.Dataset:
    if not all(folder.is_dir() for folder in FOLDERS):
        pytest.skip("the corpora are not on this machine")
    out = tmp_path_factory.mktemp("like_with_like") / "data"
    extract_paths(FOLDERS, out, jobs=1)
    return queries.build_dataset(datastore.read_rows(out), datastore.read_documents(out))


def test_compare_gdp_of_districts_shows_every_district_with_an_annual_total_and_nothing_else(corpus):
    facts = queries.filter_facts(corpus, Filters())
    chosen = series.selection(facts, "gdp", "county", "total")
    years = series.compare_periods(chosen, "year")
    assert len(years) >= 3
    rows = corpus.mentions
    for year in years:
        bars = series.compare_bars(series.like_with_like(chosen, year, "CNY"))
        expected = rows[(rows["indicator"] == "gdp") & (rows["region_level"] == "county") & (rows["kind"] == "fact")
                        & (rows["period"] == year) & (rows["unit"] == "CNY")
                        & rows["subject"].astype(str).str.contains(GDP_WORDING)
                        & ~rows["subject"].astype(str).str.contains(NOT_THE_TOTAL)]
        assert set(bars["region"].astype(str)) == set(expected["region"].astype(str)), year
        assert (bars["period"] == year).all() and (bars["measure"] == "total").all()
        assert (bars["kind"] == "fact").all()


def test_no_key_figure_is_a_subgroup_a_programme_a_threshold_or_a_part_year(corpus):
    facts = queries.filter_facts(corpus, Filters())
    regions = sorted(facts["region"].astype(str).unique())
    figures = queries.key_figures(facts, regions)
    assert len(figures) >= 20
    assert (figures["kind"] == "fact").all()
    assert figures["period"].astype(str).str.fullmatch(r"\d{4}").all()
    assert (figures["measure"].astype(str) == figures["indicator"].astype(str).map(KEY_MEASURES)).all()
    assert set(figures["indicator"].astype(str)) <= set(CORE_INDICATORS)
    subjects = figures["subject"].astype(str)
    assert not subjects.str.contains(SUBGROUP).any(), list(subjects[subjects.str.contains(SUBGROUP)])


def test_half_year_and_annual_values_never_share_a_line(corpus):
    facts = queries.filter_facts(corpus, Filters())
    part_year = facts[facts["period_kind"].isin(["half", "quarter", "months"])]
    assert len(part_year) > 0                      # the corpus has part-year figures to keep apart
    checked = 0
    for (indicator, level, measure), _ in facts.groupby(["indicator", "region_level", "measure"], observed=True):
        for subject in (series.compare_subjects(facts, indicator, level) if measure == "other" else [""]):
            chosen = series.selection(facts, indicator, level, measure, subject)
            for unit in chosen["unit"].astype(str).unique():
                lines = series.compare_lines(chosen, unit)
                for _, line in lines.groupby(["region", "series"], observed=True):
                    kinds = set(line["period_kind"].astype(str))
                    assert len(kinds) == 1, line[["region", "period"]]
                    assert len({series.period_series(str(p)) for p in line["period"]}) == 1
                    checked += 1
    assert checked > 0


def test_a_growth_on_the_year_before_has_the_period_of_its_level(corpus):
    rows = corpus.mentions
    levels = rows[(rows["indicator"] == "gdp") & (rows["measure"] == "total")]
    growths = rows[(rows["indicator"] == "gdp_growth") & (rows["measure"] == "yoy")]
    pairs = 0
    for growth in growths.itertuples():
        before = levels[(levels["doc_id"] == growth.doc_id) & (levels["sentence"] == growth.sentence)
                        & (levels["start"] < growth.start)]
        if len(before):
            pairs += 1
            assert before.sort_values("start")["period"].iloc[-1] == growth.period, growth.sentence
    assert pairs >= 10
