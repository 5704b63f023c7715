"""Source: a row in its document, the sentence highlighted and the number marked.

Reachable by a deep link, ``?obs=<obs_id>``. Also lists the other sources
of the same fact, conflicting values, and every other figure of the document.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st
import streamlit.components.v1 as components_v1

from dashboard import components, data, datastore, queries, reviewing, source_text, state
from dashboard.escaping import markdown_link, markdown_literal
from dashboard.facts import conflicting_facts
from dashboard.formatting import format_quantity
from dashboard.i18n import indicator_label, kind_label, label, period_label, region_label

DOC_KEY, OBS_KEY, WRITTEN_KEY = "s_doc", "s_obs", "_source_obs_in_url"

lang = state.language()
dataset = data.dataset()
st.title(label("page_source", lang))
if dataset.mentions.empty:
    st.info(label("no_data", lang))
    st.stop()

mentions = dataset.mentions
url_obs = st.query_params.get("obs")
if url_obs and url_obs != st.session_state.get(WRITTEN_KEY):  # opened by a link, not by our own write
    linked = source_text.find_mention(mentions, url_obs)
    if linked is None:
        # say so and stop: showing another figure under a rewritten URL would pass it off as the one linked
        st.error(label("source_not_found", lang, obs=markdown_literal(url_obs)))
        st.stop()
    else:
        st.session_state[DOC_KEY] = str(linked["doc_id"])
        st.session_state[OBS_KEY] = url_obs

documents = dataset.documents.sort_values("source_file")
titles = dict(zip(documents["doc_id"].astype(str), documents["title"].fillna(documents["source_file"]).astype(str)))
doc_ids = [doc_id for doc_id in documents["doc_id"].astype(str) if doc_id in dataset.texts]
state.keep_valid(DOC_KEY, doc_ids)
pickers = st.columns([1, 1])
with pickers[0]:
    doc_id = st.selectbox(label("source_pick_document", lang), doc_ids, key=DOC_KEY,
                          format_func=lambda d: titles.get(d, d))
in_document = mentions[(mentions["doc_id"] == doc_id).to_numpy()].sort_values("start")
figure_labels = {obs: f"{reviewing.STATUS_ICONS[str(status)]} {raw} · {region} · {indicator_label(str(ind), lang)}"
                 for obs, raw, region, ind, status in zip(in_document["obs_id"], in_document["raw_text"],
                                                          in_document["region"], in_document["indicator"],
                                                          in_document["review"])}
obs_ids = list(figure_labels)
state.keep_valid(OBS_KEY, obs_ids)
with pickers[1]:
    obs_id = st.selectbox(label("source_pick_figure", lang), obs_ids, key=OBS_KEY,
                          format_func=lambda o: figure_labels.get(o, o))
st.session_state[WRITTEN_KEY] = obs_id
state.write_url({"obs": obs_id} if obs_id else {}, ("obs",))
if obs_id is None:
    st.stop()

mention = source_text.find_mention(mentions, obs_id)
info = source_text.document_info(dataset, doc_id)
passage = source_text.source_passage(dataset, mention)
text = dataset.texts.get(doc_id, "")

figure = format_quantity(mention["value"], mention["unit"], mention["qualifier"], mention["indicator"], lang)
kind = "" if mention["kind"] == "fact" else f" · {kind_label(str(mention['kind']), lang)}"
period = str(mention.get("period") or "")
year = f" · {period_label(period, lang)}" if period else ("" if pd.isna(mention["year"]) else f" · {int(mention['year'])}")
region = region_label(str(mention["region"]), lang, str(mention["region_level"]))
st.subheader(markdown_literal(f"{region} · {indicator_label(str(mention['indicator']), lang)}{year}"
                              f" · {figure}{kind}"))
with st.expander(label("source_document", lang), expanded=False):
    st.markdown("\n".join(f"- **{label(f'col_{key}', lang)}**: {markdown_literal(info.get(key))}"
                          for key in ("title", "publisher", "date", "source_file") if info.get(key)))
    if info.get("url"):
        st.markdown(f"- **URL**: {markdown_link(info['url'], info['url'])}")
    st.caption(markdown_literal(f"doc_id {doc_id} · obs_id {obs_id} · [{mention['start']}, {mention['end']}) · "
                                f"{mention['rule']}"))
    original = datastore.original_file_path(data.data_dir(), info.get("original_file"))
    if original is not None:
        st.download_button(label("source_download_original", lang), data=original.read_bytes(),
                           file_name=f"{doc_id}{original.suffix}", key="download_original",
                           mime=info.get("media_type") if isinstance(info.get("media_type"), str) else None)

page = pd.to_numeric(pd.Series([mention.get("page")]), errors="coerce").iloc[0]     # empty for all but PDF rows
on_page = "" if pd.isna(page) else " · " + label("source_page", lang, page=int(page))
st.markdown(f"**{label('source_article', lang, title=markdown_literal(passage.article_title or '—'))}**{on_page}")
st.html(source_text.highlighted_passage_html(text, passage))
# Bring the highlighted sentence into view: a zero-height frame of the same origin reaches the page.
components_v1.html("<script>const mark = window.parent.document.querySelector('mark.sentence');"
                   "if (mark) { mark.scrollIntoView({block: 'center'}); }</script>", height=0)

with st.container(border=True):
    try:
        store = reviewing.review_store(data.data_dir())
    except reviewing.StoreUnavailable as error:
        st.warning(label("review_unavailable", lang, error=markdown_literal(str(error))))
    else:
        reviewing.render_review_panel(store, mention, lang)
        reviewing.render_add_figure(store, doc_id, str(info.get("source_file") or ""), text, lang)

fact_id = int(mention["fact_id"])          # -1: a rejected figure, in no fact
if fact_id >= 0:
    fact = dataset.facts[dataset.facts["fact_id"] == fact_id].iloc[0]
    if fact["mention_count"] > 1:
        st.subheader(label("source_same_fact", lang))
        components.render_fact_sources(fact, lang)
    conflict = conflicting_facts(dataset.facts, fact_id)
    if not conflict.empty:
        st.subheader(label("source_conflicting", lang))
        components.render_conflicts([conflict], lang)

st.subheader(label("source_other_figures", lang))
others = source_text.other_figures_in_document(mentions, doc_id, obs_id)
listed = queries.table_rows_for_display(others, lang)
st.dataframe(
    listed[["display_value", "raw_text", "region", "indicator", "subject", "year", "kind", "link"]].assign(
        indicator=listed["indicator"].map(lambda ind: indicator_label(str(ind), lang)).astype(str),
        kind=listed["kind"].map(lambda k: kind_label(str(k), lang)).astype(str)),
    hide_index=True, width="stretch",
    column_config={
        "display_value": st.column_config.TextColumn(label("col_display_value", lang)),
        "raw_text": st.column_config.TextColumn(label("col_raw_text", lang)),
        "region": st.column_config.TextColumn(label("col_region", lang)),
        "indicator": st.column_config.TextColumn(label("col_indicator", lang)),
        "subject": st.column_config.TextColumn(label("col_subject", lang)),
        "year": st.column_config.NumberColumn(label("col_year", lang), format="%d"),
        "kind": st.column_config.TextColumn(label("col_kind", lang)),
        "link": st.column_config.LinkColumn(label("col_link", lang), display_text=label("open_source", lang)),
    },
)
