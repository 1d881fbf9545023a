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
def gc_paused() -> Iterator[None]:
    """Run the block with the cyclic collector off (as it was before, afterwards)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
