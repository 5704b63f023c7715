"""Overlapping spans resolve one way everywhere: the longest span wins, then the earliest.

spaCy's ``filter_spans``, used for quantities, for rule candidates and for
place names. Spans only compete with spans they overlap through a chain of
overlaps, so each such run is filtered on its own: most spans overlap
nothing and are kept as they are.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")


def longest_then_earliest(items: Sequence[Item], bounds: Callable[[Item], tuple[int, int]],
                          tiebreak: Callable[[Item], object] | None = None) -> list[Item]:
    """The items whose ``bounds`` (start, end) survive, in text order.

    Of overlapping spans the longest is kept, then the earliest, then the one
    ``tiebreak`` puts first, then the one given first."""
    if len(items) < 2:
        return list(items)
    spans = sorted(((*bounds(item), index, item) for index, item in enumerate(items)), key=lambda s: s[0])
    chosen: list[tuple] = []
    run: list[tuple] = []
    run_end = 0
    for span in spans:
        if run and span[0] >= run_end:
            chosen += run if len(run) == 1 else _filter_run(run, tiebreak)
            run = []
        if not run:
            run_end = span[1]
        run.append(span)
        run_end = max(run_end, span[1])
    chosen += run if len(run) == 1 else _filter_run(run, tiebreak)
    return [span[3] for span in chosen]


def _filter_run(run: list[tuple], tiebreak) -> list[tuple]:
    def rank(span):
        start, end, index, item = span
        return (start - end, start, tiebreak(item) if tiebreak else 0, index)

    kept: list[tuple] = []
    for span in sorted(run, key=rank):
        if all(span[1] <= other[0] or other[1] <= span[0] for other in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s[0])
