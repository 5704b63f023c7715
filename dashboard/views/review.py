"""Review queue: the figures most worth a look first, one at a time, with accept and next.

Filtered like the rest of the dashboard. ``a`` accepts the figure on screen,
``n`` skips to the next; correcting and rejecting open the figure's source.
"""
from __future__ import annotations

import streamlit as st

from dashboard import data, reviewing, state
from dashboard.escaping import markdown_literal
from dashboard.formatting import format_quantity
from dashboard.i18n import indicator_label, label
from dashboard.review_queue import review_queue
from dashboard.source_text import sentence_with_number_html

POSITION = "rv_queue_position"

lang = state.language()
st.title(label("page_review", lang))
dataset = data.dataset()
if dataset.mentions.empty:
    st.info(label("no_data", lang))
    st.stop()

queue = review_queue(data.filtered_mentions(state.current_filters()), dataset.facts)
reviewed = int((dataset.mentions["review"] != "unreviewed").sum())
if dataset.orphans:
    st.warning(label("review_orphans", lang, n=len(dataset.orphans)))
st.caption(label("review_queue_counts", lang, left=len(queue), reviewed=reviewed))
if queue.empty:
    st.success(label("review_queue_empty", lang))
    st.stop()

position = min(st.session_state.get(POSITION, 0), len(queue) - 1)
mention = queue.iloc[position]
with st.container(border=True):
    figure = format_quantity(mention["value"], mention["unit"], mention["qualifier"], mention["indicator"], lang)
    st.markdown(f"**{markdown_literal(str(mention['region']) or '—')} · "
                f"{indicator_label(str(mention['indicator']), lang)} · {markdown_literal(figure)}**")
    st.caption(label("review_queue_why", lang, reasons=", ".join(
        label(f"review_reason_{reason}", lang) for reason in str(mention["queue_reasons"]).split(",") if reason)))
    st.html(f'<div class="fact-sentence">{sentence_with_number_html(str(mention["sentence"]), str(mention["raw_text"]))}</div>')
    st.page_link("views/source.py", label=label("review_open_source", lang), icon=":material/open_in_new:",
                 query_params=state.link_query({"obs": str(mention["obs_id"])}))


def _next() -> None:
    st.session_state[POSITION] = position + 1 if position + 1 < len(queue) else 0


reviewer = reviewing.current_reviewer()
if reviewer is None:
    reviewing.render_sign_in(lang)
    st.stop()
try:
    store = reviewing.review_store(data.data_dir())
except reviewing.StoreUnavailable as error:
    st.warning(label("review_unavailable", lang, error=markdown_literal(str(error))))
    st.stop()
key = reviewing.FigureKey(str(mention["doc_id"]), int(mention["start"]), int(mention["end"]))
current = store.state(key)
buttons = st.columns(2)
buttons[0].button(label("review_accept_next", lang), icon=":material/check:", type="primary", shortcut="a",
                  key="rv_queue_accept", on_click=reviewing.decide_from_button,
                  args=(store, key, "accept", current.version if current else 0, reviewer, lang),
                  kwargs={"machine": reviewing.machine_said(mention)})
buttons[1].button(label("review_skip", lang), icon=":material/skip_next:", shortcut="n", key="rv_queue_skip",
                  on_click=_next)
if reviewing.MESSAGE_KEY in st.session_state:
    kind, text = st.session_state.pop(reviewing.MESSAGE_KEY)
    (st.toast if kind == "success" else st.error)(text)
