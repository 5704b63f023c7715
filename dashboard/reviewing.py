"""Review in the dashboard: the store, who is deciding, and the decision panel of one figure.

Decisions are made in button callbacks, which carry the version of the figure
that was on screen: if another reviewer changed it since, the store refuses
and the panel says so with the figure's state now.
"""
from __future__ import annotations

import os
from typing import Mapping

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from dashboard.escaping import markdown_literal
from dashboard.i18n import indicator_label, kind_label, label, measure_label, qualifier_label, unit_label
from extractors.catalog import BASE_UNITS, INDICATORS, OTHER_MEASURE, measures_of
from extractors.models import PERIOD
from extractors.review.reviewers import REVIEWER_HEADER_ENV, REVIEWER_NAME_ENV, REVIEWERS_FILE_ENV, ReviewerPolicy
from extractors.review.store import FigureKey, ReviewConflict, ReviewError, ReviewStore, default_database_url

REVIEWER_KEY, MESSAGE_KEY = "rv_reviewer", "rv_message"
QUALIFIERS, KINDS = ("exact", "approx", "over", "under"), ("fact", "target", "threshold", "label")
STATUS_ICONS = {"unreviewed": "○", "accepted": "✓", "corrected": "✎", "rejected": "✗", "added": "+"}


@st.cache_resource(show_spinner=False)
def _store(url: str) -> ReviewStore:
    return ReviewStore(url)


class StoreUnavailable(RuntimeError):
    """The review store cannot be opened (a read-only data folder, a database that is down)."""


def review_store(data_dir) -> ReviewStore:
    try:
        return _store(default_database_url(data_dir))
    except (SQLAlchemyError, OSError) as error:
        raise StoreUnavailable(str(error)) from error


@st.cache_resource(show_spinner=False, max_entries=4)
def _policy(settings: tuple[str, ...], file_stamp: int) -> ReviewerPolicy:
    del settings, file_stamp                     # the cache key: the operator's settings and file
    return ReviewerPolicy.from_environment()


def reviewer_policy() -> ReviewerPolicy:
    """Who may decide, as the environment says now; the reviewers file is read again when it changes
    (``add-reviewer`` on a running server)."""
    settings = tuple(os.environ.get(name, "") for name in (REVIEWER_HEADER_ENV, REVIEWERS_FILE_ENV, REVIEWER_NAME_ENV))
    try:
        stamp = os.stat(settings[1]).st_mtime_ns if settings[1] else 0
    except OSError:
        stamp = -1
    return _policy(settings, stamp)


def current_reviewer() -> str | None:
    policy = reviewer_policy()
    if policy.mode == "local":
        return policy.local_name
    if policy.mode == "header":
        return policy.from_headers(st.context.headers)
    return st.session_state.get(REVIEWER_KEY)


def render_sign_in(lang: str) -> None:
    """A sign-in form when the operator configured reviewers with passwords."""
    policy = reviewer_policy()
    if policy.mode == "header":
        st.info(label("review_needs_proxy", lang, header=markdown_literal(policy.header)))
        return
    with st.form("rv_sign_in"):
        name = st.text_input(label("review_name", lang))
        password = st.text_input(label("review_password", lang), type="password")
        if st.form_submit_button(label("review_sign_in", lang)):
            if policy.sign_in(name, password):
                st.session_state[REVIEWER_KEY] = name
                st.rerun()
            st.error(label("review_sign_in_failed", lang))


def _say(kind: str, text: str) -> None:
    st.session_state[MESSAGE_KEY] = (kind, text)


def decide_from_button(store: ReviewStore, key: FigureKey, action: str, shown: int, reviewer: str, lang: str,
            fields: dict | None = None, reason_key: str = "", machine: dict | None = None) -> None:
    reason = str(st.session_state.get(reason_key, "")) if reason_key else ""
    try:
        if action == "undo":
            store.undo(key, reviewer, expected_version=shown)
        else:
            store.decide(key, action, reviewer, expected_version=shown, fields=fields, reason=reason, machine=machine)
        _say("success", label(f"review_done_{action}", lang))
    except ReviewConflict as conflict:
        current = conflict.current
        _say("error", label("review_conflict", lang, who=markdown_literal(current.updated_by if current else ""),
                            status=label(f"review_status_{current.status if current else 'unreviewed'}", lang)))
    except ReviewError as error:
        _say("error", markdown_literal(str(error)))


def _corrections(mention: Mapping, prefix: str) -> dict:
    """The fields a person changed in the correction widgets (only those)."""
    wanted = {
        "value": st.session_state.get(f"{prefix}value"), "unit": st.session_state.get(f"{prefix}unit"),
        "qualifier": st.session_state.get(f"{prefix}qualifier"), "indicator": st.session_state.get(f"{prefix}indicator"),
        "kind": st.session_state.get(f"{prefix}kind"), "year": st.session_state.get(f"{prefix}year"),
        "measure": st.session_state.get(f"{prefix}measure"),
        "period": (st.session_state.get(f"{prefix}period") or "").strip() if f"{prefix}period" in st.session_state
        else None,
    }
    changed = {}
    for name, value in wanted.items():
        before = mention.get(name)
        before = None if before is None or (isinstance(before, float) and pd.isna(before)) else before
        if name == "year":
            value = int(value) if value else None
            before = int(before) if before is not None else None
        if value is not None and value != before:
            changed[name] = float(value) if name == "value" else value
    region = st.session_state.get(f"{prefix}region_choice")
    if region is not None and region.name != mention.get("region"):
        changed.update(_region_fields(region))
    return changed


def _region_fields(region) -> dict:
    """A unit of the gazetteer as the region columns a reviewer may set (the mention stays the text's)."""
    return {name: value for name, value in region.columns("").items() if name != "region_mention"}


def _region_choices(name: str) -> list:
    from extractors.regions.gazetteer import load_gazetteer

    return list(load_gazetteer().get(name.strip())) if name and name.strip() else []


def machine_said(mention: Mapping) -> dict:
    """What the rules wrote for the figure (the ``machine_*`` columns where a person changed it since)."""
    said = {name: mention.get(name) for name in ("raw_text", "value", "unit", "qualifier", "region", "indicator",
                                                 "year", "kind", "subject")}
    said.update({name: mention[f"machine_{name}"] for name in ("value", "region", "indicator")
                 if f"machine_{name}" in mention})
    said = {name: (None if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA else value)
            for name, value in said.items()}
    return {name: (value.item() if hasattr(value, "item") else value) for name, value in said.items()}


def render_review_panel(store: ReviewStore, mention: Mapping, lang: str) -> None:
    """Accept, correct, reject or undo one figure, and its history."""
    key = FigureKey(str(mention["doc_id"]), int(mention["start"]), int(mention["end"]))
    state = store.state(key)
    shown = state.version if state else 0
    status = state.status if state else "unreviewed"
    st.subheader(label("review_title", lang))
    if MESSAGE_KEY in st.session_state:
        kind, text = st.session_state.pop(MESSAGE_KEY)
        (st.success if kind == "success" else st.error)(text)
    who = f" · {markdown_literal(state.updated_by)} · {state.updated_at:%Y-%m-%d %H:%M}" if state and state.updated_at else ""
    st.markdown(f"**{STATUS_ICONS[status]} {label(f'review_status_{status}', lang)}**{who}")
    if state and state.reason:
        st.caption(markdown_literal(state.reason))
    reviewer = current_reviewer()
    if reviewer is None:
        render_sign_in(lang)
        return
    machine = machine_said(mention)
    buttons = st.columns(3)
    buttons[0].button(label("review_accept", lang), icon=":material/check:", type="primary", shortcut="a",
                      key="rv_accept", on_click=decide_from_button, args=(store, key, "accept", shown, reviewer, lang),
                      kwargs={"machine": machine})
    buttons[1].button(label("review_undo", lang), icon=":material/undo:", key="rv_undo", disabled=state is None,
                      on_click=decide_from_button, args=(store, key, "undo", shown, reviewer, lang))
    with st.expander(label("review_reject", lang)):
        st.text_input(label("review_reason", lang), key="rv_reason")
        st.button(label("review_reject", lang), icon=":material/close:", key="rv_reject", on_click=decide_from_button,
                  args=(store, key, "reject", shown, reviewer, lang),
                  kwargs={"reason_key": "rv_reason", "machine": machine})
    with st.expander(label("review_correct", lang)):
        _render_corrections(store, key, shown, reviewer, mention, machine, lang)
    history = store.history(key)
    if history:
        with st.expander(label("review_history", lang, n=len(history))):
            st.dataframe(pd.DataFrame([{
                label("review_when", lang): f"{d.at:%Y-%m-%d %H:%M:%S}", label("review_who", lang): d.reviewer,
                label("review_action", lang): label(f"review_action_{d.action}", lang),
                label("review_before", lang): label(f"review_status_{d.before.get('status', 'unreviewed')}", lang),
                label("review_after", lang): label(f"review_status_{d.after.get('status', 'unreviewed')}", lang),
                label("review_fields", lang): ", ".join(f"{k}={v}" for k, v in d.after.get("fields", {}).items()),
            } for d in history]), hide_index=True, width="stretch")


def _render_corrections(store, key, shown, reviewer, mention, machine, lang) -> None:
    prefix = "rv_c_"
    columns = st.columns(3)
    columns[0].number_input(label("col_value", lang), value=float(mention["value"]), key=f"{prefix}value", format="%g")
    units = list(BASE_UNITS)
    columns[1].selectbox(label("col_unit", lang), units, index=units.index(str(mention["unit"])), key=f"{prefix}unit",
                         format_func=lambda u: unit_label(u, lang))
    columns[2].selectbox(label("col_qualifier", lang), QUALIFIERS, index=QUALIFIERS.index(str(mention["qualifier"])),
                         key=f"{prefix}qualifier", format_func=lambda q: qualifier_label(q, lang))
    indicators = list(INDICATORS)
    columns[0].selectbox(label("col_indicator", lang), indicators, index=indicators.index(str(mention["indicator"])),
                         key=f"{prefix}indicator", format_func=lambda i: indicator_label(i, lang))
    year = mention.get("year")
    columns[1].number_input(label("col_year", lang), min_value=1949, max_value=2100, step=1, key=f"{prefix}year",
                            value=None if year is None or pd.isna(year) else int(year))
    columns[2].selectbox(label("col_kind", lang), KINDS, index=KINDS.index(str(mention["kind"])), key=f"{prefix}kind",
                         format_func=lambda k: kind_label(k, lang))
    measures = list(measures_of(str(st.session_state.get(f"{prefix}indicator", mention["indicator"]))))
    measure = str(mention.get("measure") or OTHER_MEASURE)
    columns[0].selectbox(label("col_measure", lang), measures, key=f"{prefix}measure",
                         index=measures.index(measure) if measure in measures else len(measures) - 1,
                         format_func=lambda m: measure_label(m, str(mention["indicator"]), lang))
    columns[1].text_input(label("review_period", lang), value=str(mention.get("period") or ""), key=f"{prefix}period")
    name = st.text_input(label("review_region_name", lang), value=str(mention.get("region") or ""),
                         key=f"{prefix}region_name")
    choices = _region_choices(name)
    if name and not choices:
        st.caption(label("review_region_unknown", lang, name=markdown_literal(name)))
    if choices:
        current = next((i for i, r in enumerate(choices) if r.code == str(mention.get("region_code") or "")), 0)
        st.selectbox(label("col_region", lang), choices, index=current, key=f"{prefix}region_choice", format_func=str)
    else:
        st.session_state.pop(f"{prefix}region_choice", None)

    def correct() -> None:
        fields = _corrections(mention, prefix)
        if "period" in fields:
            period = PERIOD.match(fields["period"])
            if fields["period"] and period is None:
                _say("error", label("review_bad_period", lang, period=markdown_literal(fields["period"])))
                return
            # a period ends in its year: the year follows the period
            fields["year"] = int(period.group("end") or period.group("span_end")) if period else None
        decide_from_button(store, key, "correct", shown, reviewer, lang, fields=fields, machine=machine)

    st.button(label("review_correct", lang), icon=":material/edit:", key="rv_correct", on_click=correct)


def span_of(text: str, written: str, occurrence: int) -> tuple[int, int] | None:
    """The document offsets of the ``occurrence``-th (1-based) appearance of ``written`` in ``text``."""
    if not written:
        return None
    start = -1
    for _ in range(max(occurrence, 1)):
        start = text.find(written, start + 1)
        if start < 0:
            return None
    return start, start + len(written)


def added_fields(text: str, span: tuple[int, int], source_file: str, indicator: str, region=None,
                 year: int | None = None) -> dict | None:
    """A figure the rules missed, read by the quantity finder from the words the reviewer marked."""
    from extractors.quantities.finder import find_quantities

    written = text[span[0]:span[1]]
    quantities = [q for q in find_quantities(written) if q.start == 0 and q.end == len(written)]
    if not quantities:
        return None
    quantity = quantities[0]
    fields = {"source_file": source_file, "raw_text": written, "value": quantity.value, "unit": quantity.unit,
              "qualifier": quantity.qualifier, "indicator": indicator, "year": year, "kind": "fact"}
    if region is not None:
        fields.update(_region_fields(region))
    return fields


def render_add_figure(store: ReviewStore, doc_id: str, source_file: str, text: str, lang: str) -> None:
    """Mark a figure the rules missed by the words it is written with."""
    reviewer = current_reviewer()
    if reviewer is None:
        return
    with st.expander(label("review_add", lang)):
        written = st.text_input(label("review_add_written", lang), key="rv_a_written")
        columns = st.columns(3)
        occurrence = columns[0].number_input(label("review_add_occurrence", lang), min_value=1, value=1, step=1,
                                             key="rv_a_occurrence")
        indicators = list(INDICATORS)
        indicator = columns[1].selectbox(label("col_indicator", lang), indicators, key="rv_a_indicator",
                                         format_func=lambda i: indicator_label(i, lang))
        year = columns[2].number_input(label("col_year", lang), min_value=1949, max_value=2100, step=1, value=None,
                                       key="rv_a_year")
        name = st.text_input(label("review_region_name", lang), key="rv_a_region_name")
        choices = _region_choices(name)
        region = st.selectbox(label("col_region", lang), choices, key="rv_a_region", format_func=str) if choices else None
        span = span_of(text, written, int(occurrence))
        if written and span is None:
            st.caption(label("review_add_not_found", lang, written=markdown_literal(written)))
            return
        fields = added_fields(text, span, source_file, indicator, region, int(year) if year else None) if span else None
        if written and span and fields is None:
            st.caption(label("review_add_no_number", lang, written=markdown_literal(written)))
            return
        if fields:
            st.caption(label("review_add_preview", lang, start=span[0], end=span[1],
                             value=markdown_literal(f"{fields['value']:g} {fields['unit']}")))
        st.button(label("review_add", lang), icon=":material/add:", key="rv_add", disabled=fields is None,
                  on_click=decide_from_button, args=(store, FigureKey(doc_id, *span) if span else None, "add", 0, reviewer, lang),
                  kwargs={"fields": fields})
