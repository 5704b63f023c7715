"""Pieces several views draw: the sources of a fact, a conflict side by side, the downloads."""
from __future__ import annotations

from typing import Callable, Mapping

import pandas as pd
import streamlit as st

from dashboard import citation, data, datastore, exports, state
from dashboard.escaping import markdown_literal
from dashboard.facts import mentions_by_fact, mentions_of_fact
from dashboard.filters import Filters, filters_to_query
from dashboard.formatting import format_quantity
from dashboard.i18n import label, period_label, series_label
from dashboard.queries import fact_label
from dashboard.source_text import sentence_with_number_html

SOURCE_PAGE = "views/source.py"
MAX_SIDE_BY_SIDE = 4    # values of one conflict drawn in columns; the rest are counted


def document_titles() -> dict[str, str]:
    """Titles by document id, built once per data version (a page may draw many sources)."""
    return _document_titles(data.data_version())


@st.cache_data(show_spinner=False, max_entries=4)
def _document_titles(version: str) -> dict[str, str]:
    del version   # the cache key
    documents = data.dataset().documents
    # lists: iterating a text column element by element costs ten times more
    return {str(doc_id): str(title or source_file) for doc_id, title, source_file in
            zip(documents["doc_id"].tolist(), documents["title"].tolist(), documents["source_file"].tolist())}


def render_mention(mention: Mapping, lang: str, titles: dict[str, str]) -> None:
    """One source: the document, the sentence with the number marked, a link to the full text."""
    with st.container(border=True):
        title = titles.get(str(mention["doc_id"]), str(mention["source_file"]))
        st.caption(markdown_literal(f"{title} · {mention['source_file']}"))
        st.html(f'<div class="fact-sentence">{sentence_with_number_html(str(mention["sentence"]), str(mention["raw_text"]))}</div>')
        st.page_link(SOURCE_PAGE, label=label("open_source", lang), icon=":material/open_in_new:",
                     query_params=state.link_query({"obs": str(mention["obs_id"])}))


def render_fact_sources(fact: Mapping, lang: str) -> None:
    """Every mention of a fact, i.e. all its sources."""
    mentions = mentions_of_fact(data.dataset().mentions, int(fact["fact_id"]))
    st.markdown(f"**{label('sources_of', lang, label=markdown_literal(fact_label(fact, lang)))}** · "
                f"{label('sources_count', lang, n=len(mentions))}")
    titles = document_titles()
    for mention in mentions.to_dict("records"):  # records: iterrows is slow on wide categorical frames
        render_mention(mention, lang, titles)


def render_conflicts(conflicts: list[pd.DataFrame], lang: str) -> None:
    """Contradicting facts side by side, each with its own sources; nothing is averaged."""
    side_by_side = [conflict.head(MAX_SIDE_BY_SIDE) for conflict in conflicts]
    sources = mentions_by_fact(data.dataset().mentions, [fact_id for facts in side_by_side for fact_id in facts["fact_id"]])
    titles = document_titles()
    for conflict, shown in zip(conflicts, side_by_side):
        first = conflict.iloc[0]
        period = f"{period_label(str(first['period']), lang)} · " if str(first.get("period") or "") else ""
        name = series_label(str(first["indicator"]), str(first["measure"]), str(first["subject"]), lang)
        st.markdown(f"**{markdown_literal(first['region'])} · {period}{markdown_literal(name)}**")
        for column, fact in zip(st.columns(len(shown)), shown.to_dict("records")):
            with column:
                st.metric(label("col_value", lang), format_quantity(fact["value"], fact["unit"], fact["qualifier"],
                                                                   fact["indicator"], lang))
                for mention in sources[int(fact["fact_id"])]:
                    render_mention(mention, lang, titles)
        if len(conflict) > MAX_SIDE_BY_SIDE:
            st.caption(label("conflict_values_more", lang, n=len(conflict) - MAX_SIDE_BY_SIDE))


def _description(filters: Filters) -> str:
    query = filters_to_query(filters)
    if not query:
        return "All rows of the dashboard."
    return "Rows matching the filters " + "; ".join(f"{key}={value}" for key, value in query.items()) + "."


def render_downloads(filtered: Callable[[], pd.DataFrame], filtered_count: int, filters: Filters,
                     lang: str) -> None:
    """Filtered rows and all rows, each as CSV for scripts, CSV for Excel and a data package.

    The files are made when a button is clicked (deferred), and clicking does
    not rerun the page; so are the ``filtered`` rows, of which the page needs only the count.
    """
    everything = data.dataset().mentions
    documents = data.dataset().documents
    st.subheader(label("downloads", lang))
    for column, (scope, rows, heading) in zip(st.columns(2), (
            ("filtered", filtered, label("download_filtered", lang, n=filtered_count)),
            ("all", lambda: everything, label("download_all", lang, n=len(everything))))):
        description = _description(filters) if scope == "filtered" else ""
        with column:
            st.markdown(f"**{heading}**")
            st.download_button(label("download_csv", lang), data=lambda rows=rows: exports.csv_for_scripts(rows()),
                               file_name=f"indicators_{scope}.csv", mime="text/csv", on_click="ignore",
                               key=f"download_{scope}_csv", icon=":material/download:")
            st.download_button(label("download_excel", lang), data=lambda rows=rows: exports.csv_for_excel(rows()),
                               file_name=f"indicators_{scope}_excel.csv", mime="text/csv", on_click="ignore",
                               key=f"download_{scope}_excel", icon=":material/download:")
            st.download_button(label("download_zip", lang),
                               data=lambda rows=rows, d=description: exports.data_package_zip(rows(), documents, d),
                               file_name=f"indicators_{scope}.zip", mime="application/zip", on_click="ignore",
                               key=f"download_{scope}_zip", icon=":material/folder_zip:")



def render_citation(view_title: str, url_path: str, view_params: dict[str, str], lang: str) -> None:
    """The link that reproduces the view and a citation text, each in a box with a copy button."""
    link = citation.view_link(st.context.url or "", url_path, state.link_query(view_params))
    extracted = citation.extraction_date(datastore.extraction_dir(data.data_dir()))
    with st.expander(label("cite_text", lang)):
        st.caption(label("cite_link", lang))
        st.code(link, language=None, wrap_lines=True)
        st.caption(label("cite_text", lang))
        st.code(citation.citation_text(view_title, extracted, link, lang), language=None, wrap_lines=True)
