"""Building what a process keeps until it ends (the gazetteer, the rules, the region matcher).

These are hundreds of thousands of containers made at once, and none becomes
garbage: the cyclic collector, run by allocation counts, would walk them
again and again for nothing (a third of the start-up), so it is paused
while they are made. They are not frozen out of its reach (``gc.freeze``):
that would freeze everything else alive in the process too, the
dashboard's sessions among them, and garbage among those would never go.

Once made, they are moved straight to the oldest generation (a freeze at
once undone puts every frozen object there, which takes no walk): left
in the youngest, the first collection after the pause, in the first
document, would walk them all (~0.1 s) only to find them alive, and the
middle generation's next collection would walk them again. A full
collection still walks them, as it walks everything else alive.
"""
from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        _to_oldest_generation()
        if was_enabled:
            gc.enable()


def _to_oldest_generation() -> None:
    """Every object the collector tracks, moved to its oldest generation
    without being walked (the project freezes nothing else, so nothing
    frozen on purpose is thawed)."""
    gc.freeze()
    gc.unfreeze()
