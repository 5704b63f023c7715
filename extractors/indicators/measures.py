"""Which series inside an indicator a row belongs to: its subject in, a measure id out.

The measures and the words that name them are data (``catalog/measures.yaml``);
the first measure whose words occur in the subject, and none of whose
``not_words`` do, wins. A measure tied to a period kind (average annual growth
to a span of years) wins when the row's period is of that kind. A subject that
names nothing catalogued keeps ``other``.
"""
from __future__ import annotations

import regex

from extractors.catalog import KEY_MEASURES, MEASURES, OTHER_MEASURE
from extractors.indicators.classify import LAST_CLAUSE_BREAK

# 新增市场主体3.1万户，总数达到35.6万户: a clause that gives the whole is the series of the
# subject it borrows from the clause before, less what was added (catalog: change), else the key one.
WHOLE_CLAUSE = regex.compile(r"(?:其中)?(?:总数|总量|累计)(?:已)?(?:达到了?|达|为|有|超过|突破)?")


def choose_measure(indicator: str, subject: str, period_kind: str = "", sentence_before: str = "") -> str:
    """``gdp_growth``, ``地区生产总值五年年均增长`` -> ``avg_annual``. ``sentence_before`` (the
    sentence up to the figure) is read for measures marked ``in_sentence`` and for a clause that
    gives the whole (``总数达到``)."""
    measures = MEASURES.get(indicator)
    if not measures:
        return OTHER_MEASURE
    for measure in measures.values():
        if period_kind and period_kind in measure.periods:
            return measure.id
    clause = _own_clause(sentence_before)
    whole = bool(WHOLE_CLAUSE.fullmatch(clause))
    for measure in measures.values():
        if whole and measure.change:
            continue
        text = (f"{sentence_before}{subject}" if measure.in_sentence
                else f"{clause}{subject}" if measure.in_clause else subject)
        if any(word in text for word in measure.words) and not any(word in subject for word in measure.not_words):
            return measure.id
    return KEY_MEASURES.get(indicator, OTHER_MEASURE) if whole else OTHER_MEASURE


def _own_clause(sentence_before: str) -> str:
    """The figure's own clause: what follows the last clause break, found from the end
    (a search from the start would try every character of a long sentence)."""
    last_break = LAST_CLAUSE_BREAK.search(sentence_before)
    return sentence_before[last_break.end():] if last_break else sentence_before
