"""The sidebar: filters (mirrored in the URL) and the language switch."""
from __future__ import annotations

import streamlit as st

from dashboard import data, state
from dashboard.filters import KINDS, QUALIFIERS, Filters
from dashboard.i18n import (INDICATOR_FAMILIES, family_label, indicator_label, kind_label, label, region_label,
                            qualifier_label)


def region_option_label(tree, name: str, lang: str = "zh") -> str:
    """``小营街道（上城区）``: the unit above names the place in the tree; an indentation would stay in
    the chip of a picked region. In English, ``Xiaoying Subdistrict 小营街道 (Shangcheng District)``:
    the Chinese name stays, so typing it still finds the place."""
    parent = tree.parents.get(name, "")
    has_parent = parent and parent in tree.levels
    if lang != "en":
        return f"{name}（{parent}）" if has_parent else name
    english = region_label(name, lang, tree.levels.get(name, ""))
    shown = f"{english} {name}" if english != name else name
    return f"{shown} ({region_label(parent, lang, tree.levels.get(parent, ''))})" if has_parent else shown


def _year_range(options: dict) -> tuple[int, int] | None:
    low, high = options["year_min"], options["year_max"]
    return None if low is None or high is None or low >= high else (int(low), int(high))


def _initial_years(bounds: tuple[int, int]) -> tuple[int, int]:
    url_from, url_to = st.session_state.pop("_url_years", (None, None))
    low = bounds[0] if url_from is None else min(max(url_from, bounds[0]), bounds[1])
    high = bounds[1] if url_to is None else max(min(url_to, bounds[1]), low)
    return low, high


def render_filters(lang: str) -> Filters:
    """Draw the filters and return them; the URL is updated to match."""
    dataset = data.dataset()
    options = data.filter_options(data.data_version())
    tree = dataset.tree
    with st.sidebar:
        st.toggle(label("language", lang), key=state.ENGLISH)
        st.subheader(label("filters", lang))

        state.keep_valid_list(state.REGION, options["regions"])
        regions = st.multiselect(label("filter_region", lang), options["regions"], key=state.REGION,
                                 format_func=lambda name: region_option_label(tree, name, lang),
                                 placeholder=label("all", lang))

        state.keep_valid_list(state.FAMILY, list(INDICATOR_FAMILIES))
        families = st.multiselect(label("filter_family", lang), list(INDICATOR_FAMILIES), key=state.FAMILY,
                                  format_func=lambda family: family_label(family, lang),
                                  placeholder=label("all", lang))

        offered = [ind for ind in options["indicators"]
                   if not families or any(ind in INDICATOR_FAMILIES[f] for f in families)]
        state.keep_valid_list(state.INDICATOR, offered)
        indicators = st.multiselect(label("filter_indicator", lang), offered, key=state.INDICATOR,
                                    format_func=lambda ind: indicator_label(ind, lang),
                                    placeholder=label("all", lang))

        subject = st.text_input(label("filter_subject", lang), key=state.SUBJECT)

        year_from = year_to = None
        bounds = _year_range(options)
        if bounds:
            if state.YEARS not in st.session_state:
                st.session_state[state.YEARS] = _initial_years(bounds)
            else:
                low, high = st.session_state[state.YEARS]
                st.session_state[state.YEARS] = (max(low, bounds[0]), min(high, bounds[1]))
            chosen = st.slider(label("filter_years", lang), bounds[0], bounds[1], key=state.YEARS)
            if tuple(chosen) != bounds:
                year_from, year_to = int(chosen[0]), int(chosen[1])
        include_undated = st.checkbox(label("filter_undated", lang), key=state.UNDATED)

        state.keep_valid_list(state.QUALIFIER, list(QUALIFIERS))
        qualifiers = st.multiselect(label("filter_qualifier", lang), list(QUALIFIERS), key=state.QUALIFIER,
                                    format_func=lambda q: qualifier_label(q, lang),
                                    placeholder=label("all", lang))

        state.keep_valid_list(state.KIND, list(KINDS))
        kinds = st.multiselect(label("filter_kind", lang), list(KINDS), key=state.KIND,
                               format_func=lambda kind: kind_label(kind, lang))

        st.button(label("filter_reset", lang), on_click=state.clear_filters)

    filters = Filters(regions=tuple(regions), families=tuple(families), indicators=tuple(indicators),
                      subject=subject.strip(), year_from=year_from, year_to=year_to,
                      include_undated=include_undated, qualifiers=tuple(qualifiers),
                      kinds=tuple(kinds) or ("fact",))
    state.remember_filters(filters)
    return filters
