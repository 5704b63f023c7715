"""Which series inside an indicator a row belongs to: its subject in, a measure id out.

The measures and the words that name them are data (``catalog/measures.yaml``);
the first measure whose words occur in the subject, and none of whose
``not_words`` do, wins. A measure tied to a period kind (average annual growth
to a span of years) wins when the row's period is of that kind. A subject that
names nothing catalogued keeps ``other``.
"""
from __future__ import annotations

from extractors.catalog import MEASURES, OTHER_MEASURE


def choose_measure(indicator: str, subject: str, period_kind: str = "", sentence_before: str = "") -> str:
    """``gdp_growth``, ``地区生产总值五年年均增长`` -> ``avg_annual``. ``sentence_before`` (the
    sentence up to the figure) is read only for measures marked ``in_sentence``."""
    measures = MEASURES.get(indicator)
    if not measures:
        return OTHER_MEASURE
    for measure in measures.values():
        if period_kind and period_kind in measure.periods:
            return measure.id
    for measure in measures.values():
        text = f"{sentence_before}{subject}" if measure.in_sentence else subject
        if any(word in text for word in measure.words) and not any(word in subject for word in measure.not_words):
            return measure.id
    return OTHER_MEASURE
