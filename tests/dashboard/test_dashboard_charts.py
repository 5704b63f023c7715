"""Compare's figures: ticks inside the axis at every scale, bars lying down when labels are long,
the source line inside the figure."""
import pandas as pd
import pytest

from dashboard import charts, series


def _bars(values, labels, unit="percent", indicator="gdp_growth"):
    frame = pd.DataFrame({"region": labels, "value": values, "unit": unit, "qualifier": "exact",
                          "indicator": indicator, "fact_id": range(len(values)), "conflict_size": 1,
                          "period": "2031", "measure": "yoy", "raw_text": "x", "obs_id": "o"})
    return series.compare_bars(frame)


@pytest.mark.parametrize("values", [[-3.5, -1.2, -0.4], [0.002, 0.004], [2.1e12, 3.4e11, 5e9], [7.0, 7.0]])
def test_every_tick_lies_inside_the_value_axis(values):
    bars = _bars(values, [f"区{i}" for i in range(len(values))])
    figure = charts.bar_figure(bars, "t", "percent", "gdp_growth", series.median_value(bars), "m", "来源：甲", "zh")
    axis = figure.layout.yaxis
    low, high = axis.range
    assert axis.tickvals and all(low <= tick <= high for tick in axis.tickvals)
    assert all(low <= value <= high for value in values)
    assert len(axis.ticktext) == len(axis.tickvals) and all(axis.ticktext)


def test_long_labels_lie_down_and_the_source_is_inside_the_figure():
    labels = ["岭北经济技术开发区管委会辖区", "甲", "乙"]
    bars = _bars([3.0, 2.0, 1.0], labels)
    figure = charts.bar_figure(bars, "t", "percent", "gdp_growth", 2.0, "中位数", "来源：岭北日报（2031-01-02）", "zh")
    assert figure.data[0].orientation == "h" and list(figure.data[0].y) == labels
    assert any("岭北日报" in note.text for note in figure.layout.annotations)
    assert any(shape.line.dash == "dot" and shape.x0 == 2.0 for shape in figure.layout.shapes)
