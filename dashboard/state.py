"""What a person has chosen, kept in the session and mirrored in the URL.

The URL is read once, when a session starts (a shared link), and written on
every run, so it always reproduces the page. View controls (Compare's
indicator, the Table's sort, the Source's row) restore themselves from the
URL when their page is opened, and write their own keys back.
"""
from __future__ import annotations

from typing import Iterable, Sequence

import streamlit as st

from dashboard.filters import DEFAULT_KINDS, FILTER_KEYS, Filters, filters_from_query, filters_to_query

# session keys of the sidebar widgets
REGION, FAMILY, INDICATOR, SUBJECT = "f_region", "f_family", "f_indicator", "f_subject"
YEARS, UNDATED, QUALIFIER, KIND = "f_years", "f_undated", "f_qualifier", "f_kind"
ENGLISH = "lang_en"
_RESTORED = "_url_restored"

# URL keys each view writes for its own controls; a view's keys leave the URL when another view opens.
VIEW_URL_KEYS = {
    "compare": ("c_indicator", "c_level", "c_measure", "c_subject", "c_period_kind", "c_period", "c_unit", "c_fact"),
    "map": ("m_indicator", "m_level", "m_measure", "m_subject", "m_period_kind", "m_period", "m_unit", "m_area"),
    "table": ("sort", "desc", "page"),
    "source": ("obs",),
}
_FILTERS = "_filters"


def start_session() -> None:
    """On the first run of a session, take the filters and the language from the URL."""
    if st.session_state.get(_RESTORED):
        return
    st.session_state[_RESTORED] = True
    query = st.query_params.to_dict()
    filters = filters_from_query(query)
    st.session_state[REGION] = list(filters.regions)
    st.session_state[FAMILY] = list(filters.families)
    st.session_state[INDICATOR] = list(filters.indicators)
    st.session_state[SUBJECT] = filters.subject
    st.session_state[UNDATED] = filters.include_undated
    st.session_state[QUALIFIER] = list(filters.qualifiers)
    st.session_state[KIND] = list(filters.kinds)
    if filters.year_from is not None or filters.year_to is not None:
        st.session_state["_url_years"] = (filters.year_from, filters.year_to)
    st.session_state[ENGLISH] = query.get("lang") == "en"


def drop_other_views_keys(url_path: str) -> None:
    """Keep in the URL only the view keys of the open view."""
    for view, keys in VIEW_URL_KEYS.items():
        if view != url_path:
            for key in keys:
                if key in st.query_params:
                    del st.query_params[key]


def language() -> str:
    return "en" if st.session_state.get(ENGLISH) else "zh"


def current_filters() -> Filters:
    """The filters the sidebar set on this run (defaults before it ran)."""
    return st.session_state.get(_FILTERS, Filters())


def _shared_query(filters: Filters) -> dict[str, str]:
    """The URL keys every view keeps: the filters and the language."""
    return filters_to_query(filters) | ({"lang": "en"} if language() == "en" else {})


def remember_filters(filters: Filters) -> None:
    st.session_state[_FILTERS] = filters
    write_url(_shared_query(filters), managed=(*FILTER_KEYS, "lang"))


def link_query(view_params: dict[str, str]) -> dict[str, str]:
    """Query parameters of a link to another view: the shared keys as they stand, and the view's own.

    The opened view writes the shared keys on its first run; when the link
    already holds them the URL does not change again, so the browser keeps
    one history entry per page and Back returns to the page the link was on.
    """
    return _shared_query(current_filters()) | view_params


def clear_filters() -> None:
    """Callback of the reset button: every filter back to its default."""
    for key in (REGION, FAMILY, INDICATOR, QUALIFIER):
        st.session_state[key] = []
    st.session_state[SUBJECT] = ""
    st.session_state[UNDATED] = True
    st.session_state[KIND] = list(DEFAULT_KINDS)
    st.session_state.pop(YEARS, None)
    st.session_state.pop("_url_years", None)


def write_url(params: dict[str, str], managed: Iterable[str]) -> None:
    """Make the URL hold ``params`` for the ``managed`` keys; other keys are left alone."""
    for key in managed:
        wanted = params.get(key)
        if wanted is None:
            if key in st.query_params:
                del st.query_params[key]
        elif st.query_params.get(key) != wanted:
            st.query_params[key] = wanted


def keep_valid(key: str, options: Sequence, url_key: str | None = None, parse=str) -> None:
    """Before a view widget is drawn: restore it from the URL when it is new, drop a stale value.

    A value the URL holds wins only when the widget has no state yet (its
    page was just opened); afterwards the widget is the truth.
    """
    url_key = url_key or key
    if key not in st.session_state and url_key in st.query_params:
        try:
            restored = parse(st.query_params[url_key])
        except ValueError:
            restored = None
        if restored in options:
            st.session_state[key] = restored
    if key in st.session_state and st.session_state[key] not in options:
        del st.session_state[key]


def keep_valid_list(key: str, options: Sequence) -> None:
    """Drop the values of a multiselect that are no longer offered."""
    if key in st.session_state:
        st.session_state[key] = [value for value in st.session_state[key] if value in options]
