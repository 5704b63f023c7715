"""Overview: key figures of the selected regions, counts, coverage and gaps.

A key figure is the key measure of a core indicator (GDP total, resident
population, ...) in the latest annual period; a region without one shows
"—" and what it has instead."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data, queries, series, state
from dashboard.escaping import markdown_literal
from dashboard.formatting import format_quantity
from dashboard.i18n import indicator_label, label, measure_label, period_label, region_label
from extractors.catalog import CORE_INDICATORS, KEY_MEASURES

lang = state.language()
filters = state.current_filters()
dataset = data.dataset()

st.title(label("page_overview", lang))
if dataset.mentions.empty:
    st.info(label("no_data", lang))
    st.stop()

mentions = data.filtered_mentions(filters)
facts = data.filtered_facts(filters)
counts = queries.overview_counts(mentions, facts)
for column, key in zip(st.columns(5), ("documents", "mentions", "facts", "conflicts", "regions")):
    column.metric(label(key, lang), f"{counts[key]:,}")

if facts.empty:
    st.info(label("no_rows_match", lang))
    st.stop()

st.subheader(label("key_figures", lang))
card_regions = queries.card_regions(facts, filters, dataset.tree)
figures = queries.key_figures(facts, card_regions)
for region in card_regions:
    with st.container(border=True):
        st.markdown(f"**{markdown_literal(region_label(region, lang, dataset.tree.levels.get(region, '')))}**")
        of_region = figures[figures["region"] == region].set_index("indicator")
        # three cards a row: six in one row truncate values such as 2803.5亿元
        columns = [column for _ in range(0, len(CORE_INDICATORS), 3) for column in st.columns(3)]
        for column, indicator in zip(columns, CORE_INDICATORS):
            if indicator not in of_region.index:
                column.metric(indicator_label(indicator, lang), "—")
                other = series.what_exists(facts, region, indicator, lambda p: period_label(p, lang),
                                           lambda m, ind: measure_label(m, ind, lang))
                if other:
                    column.caption(label("key_figure_missing", lang,
                                         measure=measure_label(KEY_MEASURES[indicator], indicator, lang),
                                         what=markdown_literal(other)))
                continue
            fact = of_region.loc[indicator]
            year = label("undated", lang) if pd.isna(fact["year"]) else int(fact["year"])
            warning = f" ⚠ {label('conflict_badge', lang)}" if fact["conflict_size"] > 1 else ""
            sources = label("sources_count", lang, n=int(fact["mention_count"]))
            column.metric(f"{indicator_label(indicator, lang)} · {year}",
                          format_quantity(fact["value"], fact["unit"], fact["qualifier"], indicator, lang),
                          help=f"{markdown_literal(fact['subject'])} · {sources}{warning}")

st.subheader(label("coverage", lang))
coverage, missing = data.coverage(data.data_version(), filters, label("undated", lang))
st.caption(label("coverage_caption", lang))
levels = dataset.tree.levels
st.dataframe(coverage.replace("", "—").rename(columns=lambda ind: indicator_label(ind, lang),
                                              index=lambda r: region_label(r, lang, levels.get(r, "")))
             .rename_axis(label("col_region", lang)), width="stretch")

st.markdown(f"**{label('missing', lang)}**")
if not missing:
    st.success(label("missing_none", lang))
else:
    st.markdown("\n".join(f"- {markdown_literal(region_label(region, lang, levels.get(region, '')))}："
                          f"{'、'.join(indicator_label(ind, lang) for ind in indicators)}"
                          for region, indicators in list(missing.items())[:50]))
