"""Overlapping spans resolve one way everywhere: the longest span wins, then the earliest.

spaCy's ``filter_spans``, used for quantities, for rule candidates and for
place names. Spans only compete with spans they overlap through a chain of
overlaps, so each such run is filtered on its own: most spans overlap
nothing and are kept as they are.
"""
from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")

_START = operator.itemgetter(0)


def longest_then_earliest(items: Sequence[Item], bounds: Callable[[Item], tuple[int, int]],
                          tiebreak: Callable[[Item], object] | None = None) -> list[Item]:
    """The items whose ``bounds`` (start, end) survive, in text order.

    Of overlapping spans the longest is kept, then the earliest, then the one
    ``tiebreak`` puts first, then the one given first."""
    if len(items) < 2:
        return list(items)
    spans = [(*bounds(item), index, item) for index, item in enumerate(items)]
    spans.sort(key=_START)
    chosen: list[tuple] = []
    run_start, run_end = 0, spans[0][1]
    for position in range(1, len(spans)):
        start, end = spans[position][0], spans[position][1]
        if start >= run_end:
            _keep_run(spans, run_start, position, tiebreak, chosen)
            run_start, run_end = position, end
        elif end > run_end:
            run_end = end
    _keep_run(spans, run_start, len(spans), tiebreak, chosen)
    return [span[3] for span in chosen]


def _keep_run(spans: list[tuple], start: int, end: int, tiebreak, chosen: list[tuple]) -> None:
    """Add to ``chosen`` the survivors of ``spans[start:end]``, one run of overlaps."""
    if end - start == 1:
        chosen.append(spans[start])  # most spans overlap nothing
    else:
        chosen += _filter_run(spans[start:end], tiebreak)


def _filter_run(run: list[tuple], tiebreak) -> list[tuple]:
    def rank(span):
        start, end, index, item = span
        return (start - end, start, tiebreak(item) if tiebreak else 0, index)

    kept: list[tuple] = []
    for span in sorted(run, key=rank):
        if all(span[1] <= other[0] or other[1] <= span[0] for other in kept):
            kept.append(span)
    return sorted(kept, key=_START)
