import pytest

from dashboard.formatting import axis_ticks, format_quantity, nice_axis_ticks, trim_number


@pytest.mark.parametrize("value, unit, qualifier, indicator, expected", [
    (280350000000, "CNY", "exact", "gdp", "2803.5亿元"),
    (74000, "count", "exact", "enterprise_count", "7.4万家"),
    (2000, "count", "over", "enterprise_count", "超2000家"),
    (80000000, "CNY", "over", "loan_amount", "超8000万元"),
    (150000, "CNY", "under", "income_per_capita", "近15万元"),
    (2186000000000, "CNY", "exact", "gdp", "2.186万亿元"),
    (44, "percent", "over", "population_share", "超44%"),
    (-3.5, "percent", "exact", "growth_rate", "-3.5%"),
    (1186000, "person", "exact", "population", "118.6万人"),
    (3500, "person", "approx", "people_count", "约3500人"),
    (2.98, "km2", "exact", "area", "2.98平方公里"),
    (380000, "m2", "exact", "area", "38万平方米"),
    (12, "count", "exact", "project_count", "12个"),
    (5000000, "USD", "exact", "trade_value", "500万美元"),
])
def test_chinese_figures(value, unit, qualifier, indicator, expected):
    assert format_quantity(value, unit, qualifier, indicator) == expected


@pytest.mark.parametrize("value, unit, qualifier, expected", [
    (280350000000, "CNY", "exact", "CNY 280.35bn"),
    (2000, "count", "over", "over 2k"),
    (1186000, "person", "exact", "1.186m persons"),
    (44, "percent", "under", "nearly 44%"),
])
def test_english_figures(value, unit, qualifier, expected):
    assert format_quantity(value, unit, qualifier, lang="en") == expected


def test_trim_number_drops_trailing_zeros_only():
    assert trim_number(8000.0) == "8000"
    assert trim_number(2803.50) == "2803.5"
    assert trim_number(2.1860) == "2.186"
    assert trim_number(-0.0001) == "0"


def test_axis_ticks_cover_the_values_and_read_the_chinese_way():
    values, texts = axis_ticks(136320000000, 280350000000, "CNY", "gdp")
    assert values[0] == 0 and values[-1] >= 280350000000
    assert texts[:2] == ["0元", "1000亿元"]
    assert not any("G" in text or "e+" in text for text in texts)


def test_nice_ticks_take_negative_values_in():
    ticks = nice_axis_ticks(-3.5, 9.1)
    assert ticks[0] <= -3.5 and ticks[-1] >= 9.1 and 0 in ticks
