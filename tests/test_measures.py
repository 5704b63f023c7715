"""The series inside an indicator: the examples of catalog/measures.yaml, the catalog's checks,
and the validation of rows."""
from __future__ import annotations

import pytest
from pydantic import ValidationError

from extractors.catalog import KEY_MEASURES, MEASURE_EXAMPLES, MEASURES, OTHER_MEASURE, measures_of
from extractors.indicators.measures import choose_measure
from extractors.models import Observation

EXAMPLES = [(indicator, subject, measure) for indicator, examples in MEASURE_EXAMPLES.items()
            for subject, measure in examples.items()]


@pytest.mark.parametrize("indicator,subject,measure", EXAMPLES)
def test_measure_examples(indicator, subject, measure):
    subject, _, sentence = subject.partition(" | ")
    assert choose_measure(indicator, subject, "", sentence) == measure


def test_every_measure_has_an_example_and_every_indicator_an_other_example():
    for indicator, measures in MEASURES.items():
        named = set(MEASURE_EXAMPLES[indicator].values())
        assert set(measures) - named == set(), indicator
        assert OTHER_MEASURE in named, indicator


def test_key_measures_are_measures_of_their_indicator():
    assert KEY_MEASURES["gdp"] == "total" and KEY_MEASURES["population"] == "resident"
    for indicator, key in KEY_MEASURES.items():
        assert key in measures_of(indicator)


def test_an_uncatalogued_indicator_has_only_other():
    assert measures_of("facility_count") == (OTHER_MEASURE,)
    assert choose_measure("facility_count", "文化礼堂") == OTHER_MEASURE


def test_a_span_chooses_average_annual_growth():
    assert choose_measure("gdp_growth", "地区生产总值增长", "span") == "avg_annual"


# Whole invented pages: every row with its indicator and measure.
PAGES = [
    pytest.param("过去一年，谷城县新增市场主体0.9万户，总数达到9.7万户；新增规上工业企业21家，总数达到305家。",
                 [("0.9万户", "enterprise_count", "new"), ("9.7万户", "enterprise_count", "total"),
                  ("21家", "enterprise_count", "new"), ("305家", "enterprise_count", "above_scale")],
                 id="a-clause-that-gives-the-whole-is-the-series-without-the-addition"),
    pytest.param("全乡60周岁以上老年人口3760人，占户籍人口的22.8%；其中，65岁以上老人2810人，占比17.1%。",
                 [("3760人", "population", "other"), ("22.8%", "population_share", "age_60_plus"),
                  ("2810人", "population", "other"), ("17.1%", "population_share", "age_65_plus")],
                 id="a-bare-share-is-the-share-of-the-group-counted-before-it"),
    pytest.param("截至9月末，全县金融机构本外币贷款余额突破860亿元；全县企业总数达到2.4万家，新增上市公司2家，累计达到9家。",
                 [("860亿元", "loan_amount", "balance"), ("2.4万家", "enterprise_count", "total"),
                  ("2家", "enterprise_count", "new"), ("9家", "enterprise_count", "listed")],
                 id="words-after-the-cue-in-the-figures-clause-name-the-series"),
]


@pytest.mark.parametrize("page, expected", PAGES)
def test_every_row_of_a_page_and_its_measure(page, expected):
    from extractors.run.pipeline import extract_bytes

    rows = extract_bytes(page.encode("utf-8"), "invented.txt").observations
    assert [(row.raw_text, row.indicator, row.measure) for row in rows] == expected


def test_a_whole_clause_that_names_its_own_series_keeps_it():
    assert choose_measure("enterprise_count", "规上工业企业", "", "全县规上工业企业总数达到") == "above_scale"


ROW = dict(source_file="a.txt", doc_id="d", start=0, end=7, raw_text="612.3亿元", value=6.123e10, unit="CNY",
           qualifier="exact", indicator="gdp")


def test_a_row_gets_its_year_as_period_and_other_as_measure():
    row = Observation(**ROW, year=2031)
    assert (row.period, row.measure) == ("2031", OTHER_MEASURE)
    assert Observation(**ROW).period == ""


@pytest.mark.parametrize("fields,message", [
    (dict(year=2031, period="2030H1"), "does not end"),
    (dict(year=2031, period="2031H3"), "grammar"),
    (dict(period="2031H1"), "without a year"),
    (dict(year=2031, measure="yoy"), "not allowed"),
])
def test_invalid_period_or_measure(fields, message):
    with pytest.raises(ValidationError, match=message):
        Observation(**ROW, **fields)
