"""Compare: one indicator across regions of one level, like with like.

Only facts of the same indicator, unit, region level and subject share an
axis. Bars are sorted by value and labelled with their qualifier; regions
with several years also get a line. Selecting a bar opens the sources of
that fact; conflicting values stand side by side.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import components, data, queries, state
from dashboard.escaping import markdown_literal, plotly_literal
from dashboard.facts import conflict_groups
from dashboard.formatting import axis_ticks
from dashboard.i18n import indicator_label, label, level_label, unit_label

CHART_KEY = "compare_chart"
FACT_KEY = "c_fact"
URL_KEYS = state.VIEW_URL_KEYS["compare"]
LATEST = "latest"
MAX_CONFLICTS_SHOWN = 10
CONFLICT_COLOUR, BAR_COLOUR = "#d1495b", "#2e6f9e"

lang = state.language()
filters = state.current_filters()
st.title(label("page_compare", lang))
facts = data.filtered_facts(filters)


def _choice(key: str, title: str, options: list, format_func=str, parse=str):
    state.keep_valid(key, options, parse=parse)
    return st.selectbox(title, options, key=key, format_func=format_func)


def _on_bar_selected() -> None:
    fact_id = queries.fact_id_from_chart_selection(st.session_state.get(CHART_KEY))
    if fact_id is not None:
        st.session_state[FACT_KEY] = fact_id


indicators = queries.compare_indicators(facts)
if not indicators:
    state.write_url({}, URL_KEYS)
    st.info(label("compare_nothing", lang))
    st.stop()

controls = st.columns(5)
with controls[0]:
    indicator = _choice("c_indicator", label("compare_indicator", lang), indicators,
                        lambda ind: indicator_label(ind, lang))
with controls[1]:
    level = _choice("c_level", label("compare_level", lang), queries.compare_levels(facts, indicator),
                    lambda lvl: level_label(lvl, lang))
with controls[2]:
    unit = _choice("c_unit", label("compare_unit", lang), queries.compare_units(facts, indicator, level),
                   lambda u: unit_label(u, lang))
subjects = queries.compare_subjects(facts, indicator, level, unit)
with controls[3]:
    subject = _choice("c_subject", label("compare_subject", lang), subjects)
comparable = queries.like_with_like(facts, indicator, level, unit, subject)
year_options = [*queries.compare_years(comparable), LATEST]  # the year most regions share comes first
with controls[4]:
    year_choice = _choice("c_year", label("compare_year", lang), year_options,
                          lambda y: label("compare_latest", lang) if y == LATEST else str(y),
                          parse=lambda text: text if text == LATEST else int(text))
year = None if year_choice == LATEST else int(year_choice)

if len(subjects) > 1:
    others = "、".join(s for s in subjects if s != subject)
    st.caption(label("compare_other_subjects", lang, subjects=markdown_literal(others)))
undated_only = sorted(set(comparable["region"].astype(str)) - set(comparable.dropna(subset=["year"])["region"].astype(str)))
if undated_only:
    st.caption(label("compare_undated_note", lang, regions=markdown_literal("、".join(undated_only))))

bars = queries.compare_bars(comparable, year, lang)
lines = queries.compare_lines(comparable, lang)
title_year = label("compare_latest", lang) if year is None else str(year)
shown = pd.concat([bars, lines]).drop_duplicates("fact_id")
if not bars.empty:
    bar_labels = [plotly_literal(text) for text in bars["bar_label"]]
    figure = go.Figure(go.Bar(
        x=bar_labels, y=list(bars["value"]), text=list(bars["value_text"]), textposition="outside",
        customdata=[[int(fact_id)] for fact_id in bars["fact_id"]],
        hovertemplate="%{x}<br>%{text}<extra></extra>",
        marker_color=[CONFLICT_COLOUR if size > 1 else BAR_COLOUR for size in bars["conflict_size"]],
    ))
    tick_values, tick_texts = axis_ticks(float(bars["value"].min()), float(bars["value"].max()), unit, indicator, lang)
    figure.update_yaxes(tickvals=tick_values, ticktext=tick_texts, range=[min(tick_values), max(tick_values) * 1.08])
    figure.update_xaxes(categoryorder="array", categoryarray=bar_labels)
    figure.update_layout(title=label("compare_bars_title", lang, indicator=indicator_label(indicator, lang),
                                     subject=plotly_literal(subject), year=title_year),
                         margin={"t": 60, "b": 40}, height=420, clickmode="event+select")
    st.plotly_chart(figure, key=CHART_KEY, on_select=_on_bar_selected, selection_mode="points")

if not lines.empty:
    line_figure = go.Figure()
    for region, points in lines.groupby("region", observed=True):
        line_figure.add_trace(go.Scatter(
            x=list(points["year"].astype(int)), y=list(points["value"]), text=list(points["value_text"]),
            customdata=[[int(fact_id)] for fact_id in points["fact_id"]], name=plotly_literal(region),
            mode="lines+markers", hovertemplate="%{fullData.name} %{x}<br>%{text}<extra></extra>"))
    tick_values, tick_texts = axis_ticks(float(lines["value"].min()), float(lines["value"].max()), unit, indicator, lang)
    line_figure.update_yaxes(tickvals=tick_values, ticktext=tick_texts)
    line_figure.update_xaxes(tickformat="d", dtick=1)
    line_figure.update_layout(title=label("compare_lines_title", lang, indicator=indicator_label(indicator, lang),
                                          subject=plotly_literal(subject)), height=360, margin={"t": 60, "b": 40})
    st.plotly_chart(line_figure, key="compare_lines")

fact_options = [None, *[int(fact_id) for fact_id in shown["fact_id"]]]
fact_labels = {int(fact["fact_id"]): queries.fact_label(fact, lang) for fact in shown.to_dict("records")}
state.keep_valid(FACT_KEY, fact_options, parse=int)
st.caption(label("compare_pick_hint", lang))
picked = st.selectbox(label("compare_pick_fact", lang), fact_options, key=FACT_KEY,
                      format_func=lambda fid: "—" if fid is None else fact_labels[fid])
if picked is not None:
    components.render_fact_sources(shown[shown["fact_id"] == picked].to_dict("records")[0], lang)

contested = [group for group in conflict_groups(comparable) if group["fact_id"].isin(shown["fact_id"]).any()]
if contested:
    st.subheader(label("conflict_title", lang))
    for group in contested[:MAX_CONFLICTS_SHOWN]:
        components.render_conflict(group, lang)
    if len(contested) > MAX_CONFLICTS_SHOWN:
        st.caption(label("conflicts_more", lang, n=len(contested) - MAX_CONFLICTS_SHOWN))

state.write_url({"c_indicator": indicator, "c_level": level, "c_unit": unit, "c_subject": subject,
                 "c_year": str(year_choice)} | ({FACT_KEY: str(picked)} if picked is not None else {}), URL_KEYS)
