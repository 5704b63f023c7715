"""Compare: one series across regions of one level, like with like.

Only facts of the same indicator, measure, period and unit share an axis;
the rest of the indicator is listed as not comparable, with why. Bars are
sorted by value, with the median of the regions shown and the sources under
the chart; each region's values over the years are lines, annual and
part-year values on separate lines; a regions x periods table and the
ranking of the units of each parent follow. Selecting a bar opens the
sources of that fact; conflicting values stand side by side.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts, citation, components, data, queries, series, series_picker, state
from dashboard.escaping import markdown_literal
from dashboard.facts import OTHER_MEASURE, conflict_groups
from dashboard.formatting import format_quantity, scale_unit
from dashboard.i18n import (indicator_label, label, level_label, measure_label, period_kind_label, period_label,
                            region_label, repeat_label, series_label, unit_label)

CHART_KEY = "compare_chart"
FACT_KEY = "c_fact"
URL_KEYS = state.VIEW_URL_KEYS["compare"]
MAX_CONFLICTS_SHOWN = 10
MAX_NOT_COMPARABLE_SHOWN = 200
MAX_RANKINGS_SHOWN = 6

lang = state.language()
filters = state.current_filters()
st.title(label("page_compare", lang))
dataset = data.dataset()
facts = data.filtered_facts(filters)


def _on_bar_selected() -> None:
    fact_id = queries.fact_id_from_chart_selection(st.session_state.get(CHART_KEY))
    if fact_id is not None:
        st.session_state[FACT_KEY] = fact_id


indicators = queries.compare_indicators(facts)
if not indicators:
    state.write_url({}, URL_KEYS)
    st.info(label("compare_nothing", lang))
    st.stop()

pick = series_picker.pick_series(facts, indicators, "c", lang)
indicator, level, measure, subject = pick.indicator, pick.level, pick.measure, pick.subject
kind, period, unit, chosen, comparable, name = pick.kind, pick.period, pick.unit, pick.chosen, pick.comparable, pick.name
bars = series.compare_bars(comparable, lang)
mentions = dataset.mentions

if bars.empty:
    what = "；".join(f"{row['region']} {period_label(str(row['period']), lang) or label('undated', lang)} "
                    f"{row['value_text']}" for row in series.compare_bars(chosen, lang).head(8).to_dict("records"))
    st.info(label("compare_none_comparable", lang, what=markdown_literal(what or "—")))
else:
    scale = scale_unit(bars["value"], unit, indicator, lang)
    median = series.median_value(bars)
    median_text = label("compare_median", lang, value=format_quantity(median, unit, "exact", indicator, lang))
    sources = citation.source_line(bars, mentions, dataset.documents, lang)
    bars_title = citation.chart_title(name, scale, period_label(period, lang), lang)
    figure = charts.bar_figure(bars, bars_title, unit, indicator, median, median_text, sources, lang)
    st.plotly_chart(figure, key=CHART_KEY, on_select=_on_bar_selected, selection_mode="points")
    st.caption(markdown_literal(sources))
    st.download_button(label("compare_download", lang), charts.chart_data_csv(bars, lang),
                       file_name=f"{indicator}_{measure}_{period}.csv", mime="text/csv", key="compare_bars_csv")
    components.render_citation(f"{label('page_compare', lang)} · {bars_title}", "compare", pick.url_params("c"), lang)

lines = series.compare_lines(chosen, unit or "", lang, first_regions=list(bars["region"].astype(str)))
if not lines.empty:
    line_sources = citation.source_line(lines, mentions, dataset.documents, lang)
    years = lines["year"].astype(int)
    lines_title = citation.chart_title(label("compare_lines_title", lang, series=name),
                                       scale_unit(lines["value"], unit, indicator, lang),
                                       f"{years.min()}–{years.max()}", lang)
    st.plotly_chart(charts.line_figure(
        lines, lines_title, unit, indicator,
        lambda region, repeat: (f"{region_label(region, lang, level)} · {repeat_label(repeat, lang)}" if repeat
                                else region_label(region, lang, level)), line_sources, lang),
        key="compare_lines")

table = series.regions_by_periods(chosen, kind or "", unit or "", lang, first_regions=list(bars["region"].astype(str)))
if not table.empty:
    st.subheader(label("compare_table_title", lang, unit=unit_label(unit, lang)))
    st.dataframe(table.rename(columns=lambda p: period_label(p, lang), index=lambda r: region_label(r, lang, level)),
                 width="stretch")

ranking = series.rankings(comparable, dataset.documents, lang)
# the parents with most units first; a table per parent is for reading, not for a hundred parents
# (counted first, so that only the tables drawn are cut out of the rows)
units_per_parent = ranking.groupby("parent", sort=False, observed=True).size()
ranked_parents = list(units_per_parent[units_per_parent > 1].sort_values(ascending=False, kind="stable").index)
for parent in ranked_parents[:MAX_RANKINGS_SHOWN]:
    ranked = ranking[ranking["parent"] == parent]
    st.subheader(label("compare_rankings_title", lang, parent=markdown_literal(region_label(parent, lang) or "—")))
    ranked = ranked.assign(region=[region_label(r, lang, level) for r in ranked["region"]])
    st.dataframe(ranked.drop(columns="parent").rename(columns=lambda c: label(f"col_{c}", lang)),
                 hide_index=True, width="stretch")
if len(ranked_parents) > MAX_RANKINGS_SHOWN:
    st.caption(label("compare_rankings_more", lang, n=len(ranked_parents) - MAX_RANKINGS_SHOWN))

apart = series.not_comparable(pick.of_indicator, indicator, level, measure, subject, period or "", unit or "")
if not apart.empty:
    with st.expander(label("compare_not_comparable", lang, n=len(apart))):
        shown_apart = apart.head(MAX_NOT_COMPARABLE_SHOWN)
        st.dataframe(pd.DataFrame({
            label("col_region", lang): shown_apart["region"].astype(str),
            label("col_measure", lang): [measure_label(str(m), indicator, lang) if m != OTHER_MEASURE else str(s)
                                         for m, s in zip(shown_apart["measure"], shown_apart["subject"])],
            label("col_period", lang): [period_label(str(p), lang) for p in shown_apart["period"]],
            label("col_display_value", lang): [format_quantity(v, u, q, indicator, lang) for v, u, q in
                                               zip(shown_apart["value"], shown_apart["unit"], shown_apart["qualifier"])],
            label("col_reason", lang): [label(f"reason_{r}", lang) for r in shown_apart["reason"]],
        }), hide_index=True, width="stretch")

shown = pd.concat([bars, lines]).drop_duplicates("fact_id")
fact_options = [None, *[int(fact_id) for fact_id in shown["fact_id"]]]
fact_labels = {int(fact["fact_id"]): queries.fact_label(fact, lang) for fact in shown.to_dict("records")}
state.keep_valid(FACT_KEY, fact_options, parse=int)
st.caption(label("compare_pick_hint", lang))
picked = st.selectbox(label("compare_pick_fact", lang), fact_options, key=FACT_KEY,
                      format_func=lambda fid: "—" if fid is None else fact_labels[fid])
if picked is not None:
    components.render_fact_sources(shown[shown["fact_id"] == picked].to_dict("records")[0], lang)

# Only the conflicts of the facts shown, and only as many as are drawn, are grouped.
contested_ids = pd.unique(shown.loc[shown["conflict_size"] > 1, "conflict_id"])
contested = conflict_groups(chosen[chosen["conflict_id"].isin(contested_ids[:MAX_CONFLICTS_SHOWN])])
if contested:
    st.subheader(label("conflict_title", lang))
    components.render_conflicts(contested, lang)
    if len(contested_ids) > MAX_CONFLICTS_SHOWN:
        st.caption(label("conflicts_more", lang, n=len(contested_ids) - MAX_CONFLICTS_SHOWN))

state.write_url(pick.url_params("c") | ({FACT_KEY: str(picked)} if picked is not None else {}), URL_KEYS)
