"""Small helpers for bulk work (imports, duplicate search, database merges)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small objects.

    Building the duplicate index of 100,000 leads allocates ~1 million lists, tuples and
    dicts; the collector's repeated full passes over that growing heap cost more than the
    work itself (2.5 s vs 1.1 s measured). None of these objects form cycles, so nothing
    is leaked; the collector runs again as usual afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
