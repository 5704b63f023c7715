"""Plotly figures of Compare and the Map, built from ``dashboard.series`` and ``dashboard.map_data`` (no Streamlit here).

Every figure carries its source line as an annotation under the plot, so a
downloaded PNG still says where its numbers come from; axis ticks are
written in the dashboard's number style at every scale.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.boundaries import SERVED_AT
from dashboard.escaping import plotly_literal
from dashboard.exports import neutralise_formula_text
from dashboard.formatting import axis_ticks, format_quantity
from dashboard.series import horizontal

CONFLICT_COLOUR, BAR_COLOUR, MEDIAN_COLOUR = "#d1495b", "#2e6f9e", "#6c757d"
NO_DATA_COLOUR, CHOSEN_OUTLINE = "#d9d9d9", "#111111"
MAP_COLOURS = "Blues"
# Plotly fetches a world base map for any geo chart, even one drawing only its own outlines; it gets an
# empty one from the dashboard's static files (relative: every page is one level below the root).
MAP_CONFIG = {"topojsonURL": SERVED_AT, "scrollZoom": False}
SOURCE_MARGIN = 70
MAP_BOTTOM = 130    # room under a map for its colour bar and the source line


def _with_source(figure: go.Figure, source_text: str, below: int = SOURCE_MARGIN - 12) -> None:
    """The source line under the plot, ``below`` pixels down, inside the figure (and its PNG)."""
    if source_text:
        figure.add_annotation(text=plotly_literal(source_text), xref="paper", yref="paper", x=0, y=0,
                              yshift=-below, showarrow=False, xanchor="left", yanchor="top",
                              font={"size": 11, "color": MEDIAN_COLOUR}, align="left")


def _ticks(values: pd.Series, unit: str, indicator: str, lang: str) -> tuple[list[float], list[str]]:
    """Ticks from zero (or the lowest value, when below it) to the highest, labelled in our style."""
    low, high = float(min(values.min(), 0)), float(max(values.max(), 0))
    if low == high:
        high = low + 1
    return axis_ticks(low, high, unit, indicator, lang)


def _padded(ticks: list[float], share: float) -> list[float]:
    """The axis range over the ticks, with room above for the value labels: every tick stays visible."""
    low, high = min(ticks), max(ticks)
    return [low, high + share * (high - low)]


def bar_figure(bars: pd.DataFrame, title: str, unit: str, indicator: str, median: float | None,
               median_text: str, source_text: str, lang: str) -> go.Figure:
    """Bars sorted by value, lying down when labels are long or many, with a median line."""
    labels = [plotly_literal(text) for text in bars["bar_label"]]
    lying = horizontal(list(bars["bar_label"]))
    values, texts = list(bars["value"]), list(bars["value_text"])
    bar = go.Bar(
        x=values if lying else labels, y=labels if lying else values, orientation="h" if lying else "v",
        text=texts, textposition="outside", customdata=[[int(fact_id)] for fact_id in bars["fact_id"]],
        hovertemplate=("%{y}" if lying else "%{x}") + "<br>%{text}<extra></extra>",
        marker_color=[CONFLICT_COLOUR if size > 1 else BAR_COLOUR for size in bars["conflict_size"]])
    figure = go.Figure(bar)
    tick_values, tick_texts = _ticks(bars["value"], unit, indicator, lang)
    value_axis = {"tickvals": tick_values, "ticktext": tick_texts,
                  "range": _padded(tick_values, 0.12)}
    category_axis = {"categoryorder": "array", "categoryarray": labels[::-1] if lying else labels}
    if lying:
        figure.update_xaxes(**value_axis)
        figure.update_yaxes(**category_axis)
    else:
        figure.update_yaxes(**value_axis)
        figure.update_xaxes(**category_axis)
    if median is not None and len(bars) > 2:
        line = dict(line_dash="dot", line_color=MEDIAN_COLOUR, annotation_text=plotly_literal(median_text),
                    annotation_font_color=MEDIAN_COLOUR)
        (figure.add_vline if lying else figure.add_hline)(median, **line)
    height = max(420, 28 * len(bars) + 160) if lying else 440
    figure.update_layout(title=title, height=height, clickmode="event+select",
                         margin={"t": 60, "b": SOURCE_MARGIN + (0 if lying else 40), "l": 10 if not lying else 120})
    _with_source(figure, source_text)
    return figure


def line_figure(lines: pd.DataFrame, title: str, unit: str, indicator: str, series_name, source_text: str,
                lang: str) -> go.Figure:
    """One line per region and kind of period, labelled at its last point; x is the end year."""
    figure = go.Figure()
    for (region, series), points in lines.groupby(["region", "series"], observed=True, sort=True):
        name = plotly_literal(series_name(str(region), str(series)))
        count = len(points)
        figure.add_trace(go.Scatter(
            x=list(points["year"].astype(int)), y=list(points["value"]), name=name,
            text=[name if i == count - 1 else "" for i in range(count)], textposition="middle right",
            customdata=[[int(fact_id), text] for fact_id, text in zip(points["fact_id"], points["value_text"])],
            mode="lines+markers+text", line_dash="solid" if not series else "dash",
            hovertemplate="%{fullData.name} %{x}<br>%{customdata[1]}<extra></extra>"))
    tick_values, tick_texts = _ticks(lines["value"], unit, indicator, lang)
    figure.update_yaxes(tickvals=tick_values, ticktext=tick_texts, range=_padded(tick_values, 0.05))
    years = lines["year"].astype(int)
    figure.update_xaxes(tickformat="d", dtick=1, range=[int(years.min()) - 0.5, int(years.max()) + 1.5])
    figure.update_layout(title=title, height=400, margin={"t": 60, "b": SOURCE_MARGIN + 30}, showlegend=False)
    _with_source(figure, source_text)
    return figure


def _outlines(regions: pd.Series, chosen: str) -> dict:
    """Thin white borders; the chosen unit's border dark and thick."""
    return {"marker_line_color": [CHOSEN_OUTLINE if region == chosen else "white" for region in regions],
            "marker_line_width": [2.5 if region == chosen else 0.5 for region in regions]}


def map_figure(units: pd.DataFrame, geojson: str | dict, title: str, unit: str, indicator: str, scale_title: str,
               texts: dict[str, str], source_text: str, lang: str, chosen: str = "") -> go.Figure:
    """A choropleth of ``units`` (``map_data.map_units``) with no map tiles: units with a value
    coloured on a scale labelled in our number style, the others grey and marked no data.
    ``units`` carry ``region`` (what a click reports) and ``label`` (the name shown).
    ``geojson`` is the outlines or, better, their URL (``boundaries.outlines_url``).
    ``texts`` holds the hover words (``no_data``, ``sources`` with ``{n}``, ``period`` by period)."""
    has_value = units["value"].notna().to_numpy()
    valued, empty = units[has_value], units[~has_value]
    figure = go.Figure()
    if len(empty):
        figure.add_trace(go.Choropleth(
            geojson=geojson, locations=list(empty["code"]), featureidkey="id",
            z=[0] * len(empty), colorscale=[[0, NO_DATA_COLOUR], [1, NO_DATA_COLOUR]], showscale=False,
            customdata=[[plotly_literal(name), texts["no_data"], plotly_literal(shown)]
                        for name, shown in zip(empty["region"], empty["label"])],
            hovertemplate="%{customdata[2]}<br>%{customdata[1]}<extra></extra>", name=texts["no_data"],
            **_outlines(empty["region"], chosen)))
    if len(valued):
        tick_values, tick_texts = _ticks(valued["value"], unit, indicator, lang)
        others = [f"<br>{plotly_literal(texts['others'].format(values=o))}" if o else "" for o in valued["others"]]
        figure.add_trace(go.Choropleth(
            geojson=geojson, locations=list(valued["code"]), featureidkey="id",
            z=list(valued["value"]), zmin=min(tick_values), zmax=max(tick_values), colorscale=MAP_COLOURS,
            colorbar={"title": {"text": plotly_literal(scale_title)}, "tickvals": tick_values,
                      "ticktext": tick_texts, "orientation": "h", "y": -0.02, "yanchor": "top",
                      "thickness": 12, "len": 0.9},
            customdata=[[plotly_literal(region), plotly_literal(text), texts["periods"].get(period, period),
                         texts["sources"].format(n=int(n)), other, plotly_literal(shown)]
                        for region, text, period, n, other, shown in zip(valued["region"], valued["value_text"],
                                                                         valued["period"], valued["sources"], others,
                                                                         valued["label"])],
            hovertemplate="%{customdata[5]}<br>%{customdata[1]}<br>%{customdata[2]} · %{customdata[3]}"
                          "%{customdata[4]}<extra></extra>",
            **_outlines(valued["region"], chosen)))
    figure.update_geos(fitbounds="locations", visible=False, projection_type="mercator")
    figure.update_layout(title=title, height=560, margin={"t": 50, "b": MAP_BOTTOM, "l": 0, "r": 0},
                         clickmode="event+select", dragmode=False)
    _with_source(figure, source_text, below=MAP_BOTTOM - 24)    # under the colour bar
    return figure


def chart_data_csv(frame: pd.DataFrame, lang: str) -> bytes:
    """The figures a chart shows, as CSV (UTF-8 with BOM so Excel reads the Chinese)."""
    table = pd.DataFrame({
        "region": frame["region"].astype(str), "period": frame["period"].astype(str),
        "measure": frame["measure"].astype(str), "value": frame["value"], "unit": frame["unit"].astype(str),
        "figure": [format_quantity(v, u, q, i, lang) for v, u, q, i in
                   zip(frame["value"], frame["unit"], frame["qualifier"], frame["indicator"])],
        "raw_text": frame["raw_text"].astype(str), "obs_id": frame["obs_id"].astype(str)})
    for name in ("region", "raw_text"):
        table[name] = neutralise_formula_text(table[name])    # no cell a spreadsheet runs as a formula
    return table.to_csv(index=False).encode("utf-8-sig")
