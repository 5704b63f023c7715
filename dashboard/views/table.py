"""Table: the tidy rows, formatted, sorted, one page at a time, each linked to its source."""
from __future__ import annotations

import streamlit as st

from dashboard import components, data, queries, state
import pandas as pd

from dashboard.reviewing import STATUS_ICONS
from dashboard.i18n import (indicator_label, kind_label, label, level_label, measure_label, period_label,
                            qualifier_label, region_label, unit_label)

PAGE_SIZE = 500
SORTABLE = ("region", "indicator", "year", "period", "measure", "value", "subject", "source_file", "qualifier", "kind",
            "review")
URL_KEYS = state.VIEW_URL_KEYS["table"]

lang = state.language()
filters = state.current_filters()
st.title(label("page_table", lang))
dataset = data.dataset()
# Which rows pass, not a copy of them: a page is cut out of the rows, and the filtered rows are made for a download.
passing = data.mentions_mask(filters)
row_count = int(passing.sum())

controls = st.columns([2, 1, 1])
with controls[0]:
    state.keep_valid("t_sort", SORTABLE, url_key="sort")
    sort_by = st.selectbox(label("table_sort", lang), SORTABLE, key="t_sort",
                           format_func=lambda column: label(f"col_{column}", lang))
with controls[1]:
    state.keep_valid("t_desc", (True, False), url_key="desc", parse=lambda text: text == "1")
    descending = st.toggle(label("table_descending", lang), key="t_desc")
page_count = max(1, -(-row_count // PAGE_SIZE))
with controls[2]:
    state.keep_valid("t_page", range(1, page_count + 1), url_key="page", parse=int)
    page_number = st.number_input(label("table_page", lang), min_value=1, max_value=page_count, step=1, key="t_page")

page = queries.sorted_page(dataset.mentions, sort_by, descending, int(page_number), PAGE_SIZE, where=passing)
first = (int(page_number) - 1) * PAGE_SIZE
st.caption(label("table_showing", lang, total=f"{row_count:,}", first=min(first + 1, row_count),
                 last=first + len(page)))

shown = queries.table_rows_for_display(page, lang)
shown = shown.assign(
    indicator=shown["indicator"].map(lambda ind: indicator_label(str(ind), lang)).astype(str),
    region=[region_label(str(r), lang, str(lvl)) for r, lvl in zip(shown["region"], shown["region_level"])],
    region_level=shown["region_level"].map(lambda lvl: level_label(str(lvl), lang)).astype(str),
    unit=shown["unit"].map(lambda unit: unit_label(str(unit), lang)).astype(str),
    qualifier=shown["qualifier"].map(lambda q: qualifier_label(str(q), lang)).astype(str),
    kind=shown["kind"].map(lambda kind: kind_label(str(kind), lang)).astype(str),
    measure=[measure_label(str(m), str(ind), lang) for m, ind in zip(shown["measure"], shown["indicator"])],
    period=[period_label(str(p), lang) or "—" for p in shown["period"]],
    year=[str(int(y)) if pd.notna(y) else "—" for y in shown["year"]],     # never "None"
    review=[f"{STATUS_ICONS[str(status)]} {label(f'review_status_{status}', lang)}" for status in shown["review"]],
    machine_value=[value if status == "corrected" else None for value, status in zip(shown["machine_value"],
                                                                                     shown["review"])],
)
columns = ["display_value", "review", "region", "region_level", "indicator", "measure", "period", "subject", "year",
           "value", "machine_value", "unit", "qualifier", "kind", "raw_text", "sentence", "source_file", "link"]
text_column = st.column_config.TextColumn
st.dataframe(
    shown[columns],
    hide_index=True,
    width="stretch",
    column_config={
        "display_value": text_column(label("col_display_value", lang), pinned=True),
        "review": text_column(label("col_review", lang)),
        "region": text_column(label("col_region", lang)),
        "region_level": text_column(label("col_region_level", lang)),
        "indicator": text_column(label("col_indicator", lang)),
        "subject": text_column(label("col_subject", lang)),
        "measure": text_column(label("col_measure", lang)),
        "period": text_column(label("col_period", lang)),
        "year": text_column(label("col_year", lang), width="small"),
        # wide enough for 221,860,000,000 and 平方公里: a narrow column clips them
        "value": st.column_config.NumberColumn(label("col_value", lang), format="localized", width="medium"),
        "machine_value": st.column_config.NumberColumn(label("col_machine_value", lang), format="localized"),
        "unit": text_column(label("col_unit", lang), width="medium"),
        "qualifier": text_column(label("col_qualifier", lang)),
        "kind": text_column(label("col_kind", lang)),
        "raw_text": text_column(label("col_raw_text", lang)),
        "sentence": text_column(label("col_sentence", lang), width="large"),
        "source_file": text_column(label("col_source_file", lang)),
        "link": st.column_config.LinkColumn(label("col_link", lang), display_text=label("open_source", lang)),
    },
)
state.write_url({"sort": sort_by, "desc": "1" if descending else "0", "page": str(int(page_number))}, URL_KEYS)

components.render_downloads(lambda: queries.filter_mentions(dataset, filters), row_count, filters, lang)
