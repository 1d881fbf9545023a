"""The cyclic garbage collector paused while a run builds its large, acyclic data.

A run over a large corpus holds millions of small objects (claims, their context words,
rows decoded from the cache) and makes millions more. None of them form reference cycles,
so reference counting frees all of them; but the cyclic collector, triggered by every few
hundred allocations, walks the whole heap again and again, and at 10,000 articles that
walking took more time than the work (decoding the cached claims: 4 s instead of under 1).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused"]


@contextmanager
def gc_paused(*, freeze: bool = False) -> Iterator[None]:
    """Run the block with the cyclic collector off (as it was before, afterwards).

    Turned back on, the collector walks once through everything the block allocated (a
    second or so after a large run). ``freeze``: for a process about to end (the command
    line), every object is moved out of its reach first (``gc.freeze``); none of them is
    walked again, on the way out either.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()
