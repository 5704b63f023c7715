"""The controls that pick one comparable series: indicator, level, measure (subject), kind of period, period, unit.

Compare and the Map pick a series the same way; each passes its own key
prefix (``c``, ``m``), so the two pages keep their choices apart, and writes
``url_params`` of the result back to the URL. The narrowing itself is
``dashboard.series``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import pandas as pd
import streamlit as st

from dashboard import queries, series, state
from dashboard.escaping import markdown_literal
from dashboard.facts import OTHER_MEASURE
from dashboard.i18n import (indicator_label, label, level_label, measure_label, period_kind_label, period_label,
                            series_label, unit_label)


@dataclass(frozen=True)
class SeriesChoice:
    indicator: str
    level: str
    measure: str
    subject: str
    kind: str
    period: str
    unit: str
    chosen: pd.DataFrame        # the facts of indicator, level and measure: every period and unit
    of_indicator: pd.DataFrame  # the facts of indicator and level: every measure
    comparable: pd.DataFrame    # those of the one period and unit: like with like
    name: str                   # the series as a reader names it

    def url_params(self, prefix: str) -> dict[str, str]:
        return {f"{prefix}_indicator": self.indicator, f"{prefix}_level": self.level,
                f"{prefix}_measure": self.measure, f"{prefix}_subject": self.subject,
                f"{prefix}_period_kind": self.kind, f"{prefix}_period": self.period, f"{prefix}_unit": self.unit}


def _choice(key: str, title: str, options: list, format_func=str, parse=str):
    state.keep_valid(key, options, parse=parse)
    return st.selectbox(title, options, key=key, format_func=format_func)


def pick_series(facts: pd.DataFrame, indicators: list[str], prefix: str, lang: str,
                levels: Sequence[str] | None = None) -> SeriesChoice:
    """Draw the controls in two rows and return what they chose; ``levels`` limits the levels offered."""
    first_row, second_row = st.columns(3), st.columns(4)
    with first_row[0]:
        indicator = _choice(f"{prefix}_indicator", label("compare_indicator", lang), indicators,
                            lambda ind: indicator_label(ind, lang))
    offered_levels = [lvl for lvl in queries.compare_levels(facts, indicator) if levels is None or lvl in levels]
    with first_row[1]:
        level = _choice(f"{prefix}_level", label("compare_level", lang), offered_levels,
                        lambda lvl: level_label(lvl, lang))
    # the facts of the indicator and level, cut out once: measure, subject and selection narrow them
    of_indicator = series.indicator_facts(facts, indicator, level or "")
    measures = series.compare_measures(of_indicator, indicator, level) if level else []
    with first_row[2]:
        measure = _choice(f"{prefix}_measure", label("compare_measure", lang), measures,
                          lambda m: measure_label(m, indicator, lang))
    subject = ""
    if measure == OTHER_MEASURE:
        with second_row[3]:
            subject = _choice(f"{prefix}_subject", label("compare_subject", lang),
                              series.compare_subjects(of_indicator, indicator, level))
    if len(measures) > 1:
        others = "、".join(measure_label(m, indicator, lang) for m in measures if m != measure)
        st.caption(label("compare_other_measures", lang, measures=markdown_literal(others)))
    chosen = series.selection(of_indicator, indicator, level or "", measure or "", subject or "")
    kinds = series.compare_period_kinds(chosen)
    with second_row[0]:
        kind = _choice(f"{prefix}_period_kind", label("compare_period_kind", lang), kinds,
                       lambda k: period_kind_label(k, lang))
    with second_row[1]:
        period = _choice(f"{prefix}_period", label("compare_period", lang),
                         series.compare_periods(chosen, kind) if kind else [], lambda p: period_label(p, lang))
    of_period = chosen[chosen["period"] == period] if period else chosen.iloc[0:0]
    with second_row[2]:
        unit = _choice(f"{prefix}_unit", label("compare_unit", lang),
                       series.compare_units(of_period) or series.compare_units(chosen), lambda u: unit_label(u, lang))
    return SeriesChoice(indicator=indicator, level=level or "", measure=measure or "", subject=subject or "",
                        kind=kind or "", period=period or "", unit=unit or "", chosen=chosen, of_indicator=of_indicator,
                        comparable=series.like_with_like(chosen, period or "", unit or ""),
                        name=series_label(indicator, measure or "", subject or "", lang))
