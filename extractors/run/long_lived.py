"""Building what a process keeps until it ends (the gazetteer, the rules, the region matcher).

These are hundreds of thousands of containers made at once, and none becomes
garbage: the cyclic collector, run by allocation counts, would walk them
again and again for nothing (a third of the start-up), so it is paused
while they are made. They are not frozen out of its reach (``gc.freeze``):
that would freeze everything else alive in the process too, the
dashboard's sessions among them, and garbage among those would never go.
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
        if was_enabled:
            gc.enable()
