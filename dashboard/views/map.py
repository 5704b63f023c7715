"""Map: one comparable series on the outlines of counties, cities or provinces.

The series is picked as in Compare; the area is a city, a province or all of
China. Clicking a unit sets the sidebar's region filter to it, so every page
follows; the map itself ignores the region filter, so the other units stay
in view, and the chosen one's streets and towns are ranked beside it.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import boundaries, charts, citation, components, data, map_data, queries, series_picker, state
from dashboard.escaping import markdown_literal
from dashboard.formatting import scale_unit
from dashboard.i18n import indicator_label, label, period_label, region_label

CHART_KEY = "map_chart"
AREA_KEY = "m_area"
URL_KEYS = state.VIEW_URL_KEYS["map"]

lang = state.language()
filters = state.current_filters()
st.title(label("page_map", lang))
dataset = data.dataset()
facts = data.filtered_facts(filters.with_changes(regions=()))
chosen_region = filters.regions[0] if len(filters.regions) == 1 else ""


def _on_unit_clicked() -> None:
    region = map_data.region_from_map_selection(st.session_state.get(CHART_KEY))
    if region and region in dataset.tree.levels:
        st.session_state[state.REGION] = [region]


indicators = [ind for ind in queries.compare_indicators(facts)
              if set(queries.compare_levels(facts, ind)) & set(map_data.MAP_LEVELS)]
if not indicators:
    state.write_url({}, URL_KEYS)
    st.info(label("map_nothing", lang))
    st.stop()

pick = series_picker.pick_series(facts, indicators, "m", lang, levels=map_data.MAP_LEVELS)
values, unplaced = map_data.map_values(pick.comparable, dataset.mentions, pick.level, lang)
areas = map_data.map_areas(list(values["code"]), pick.level)
state.keep_valid(AREA_KEY, areas)
area = st.selectbox(label("map_area", lang), areas, key=AREA_KEY,
                    format_func=lambda prefix: map_data.area_name(prefix) or label("map_all_china", lang))

units = map_data.map_units(values, pick.level, area)
units["label"] = [region_label(name, lang, pick.level) for name in units["region"]]
shown = units[units["value"].notna()]
scale = scale_unit(shown["value"], pick.unit, pick.indicator, lang)
period_text = period_label(pick.period, lang)
title = citation.chart_title(pick.name, scale, f"{map_data.area_name(area) or label('map_all_china', lang)} · "
                                               f"{period_text}", lang)
sources = citation.source_line(shown.assign(fact_id=shown["fact_id"].astype(int)), dataset.mentions,
                               dataset.documents, lang)
texts = {"no_data": label("map_no_data", lang), "sources": label("map_hover_sources", lang, n="{n}"),
         "others": label("map_conflict_also", lang, values="{values}"), "periods": {pick.period: period_text}}
figure = charts.map_figure(units, boundaries.outlines_url(pick.level), title, pick.unit, pick.indicator, scale,
                           texts, sources, lang, chosen=chosen_region)

towns = map_data.towns_ranked(facts, dataset.mentions, chosen_region, pick.indicator, lang) if chosen_region else None
map_column, towns_column = st.columns([3, 2]) if towns is not None else (st.container(), None)
with map_column:
    st.caption(label("map_click_hint", lang))
    st.plotly_chart(figure, key=CHART_KEY, on_select=_on_unit_clicked, selection_mode="points",
                    config=charts.MAP_CONFIG)
    if unplaced:
        st.caption(label("map_no_outline", lang, regions=markdown_literal("、".join(unplaced))))
    components.render_citation(f"{label('page_map', lang)} · {title}", "map",
                               pick.url_params("m") | {AREA_KEY: area}, lang)
if towns_column is not None:
    with towns_column:
        st.markdown(f"**{label('map_chosen', lang, region=markdown_literal(chosen_region))}**")
        indicator_name = indicator_label(pick.indicator, lang)
        if towns.empty:
            st.caption(label("map_no_towns", lang, region=markdown_literal(chosen_region),
                             indicator=markdown_literal(indicator_name)))
        else:
            st.subheader(label("map_towns_title", lang, region=markdown_literal(chosen_region),
                               indicator=markdown_literal(indicator_name)))
            st.dataframe(pd.DataFrame({
                label("col_region", lang): towns["region"], label("col_subject", lang): towns["subject"],
                label("col_period", lang): [period_label(p, lang) for p in towns["period"]],
                label("col_display_value", lang): towns["value_text"], label("col_sources", lang): towns["sources"],
                label("col_link", lang): towns["link"]}),
                hide_index=True, width="stretch",
                column_config={label("col_link", lang): st.column_config.LinkColumn(display_text=label("open_source", lang))})

state.write_url(pick.url_params("m") | {AREA_KEY: area}, URL_KEYS)
