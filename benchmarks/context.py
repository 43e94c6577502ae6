"""What every benchmark module gets, and the one timing helper they share."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from leaddesk.core.db import Database


@dataclass
class Context:
    """``db`` holds ``leads`` demo leads in ``data_dir``; ``tmp`` is scratch space for the module."""

    db: Database
    data_dir: Path
    leads: int
    tmp: Path
    repeat: int
    seed: int = 1


def median_ms(fn: Callable[[], object], repeat: int, *, warmup: int = 1) -> float:
    """Median wall time of ``fn`` in milliseconds over ``repeat`` runs after ``warmup`` runs."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def reference_ms() -> float:
    """Time of a fixed piece of pure-Python work (dict and str operations), best of three.

    Not a LeadDesk figure: it tells how fast this machine is right now. On a shared virtual
    machine the same code runs up to 1.7x slower from one minute to the next, so figures from
    different runs compare only beside this reference (taken at start and end of a run).
    """
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        table: dict[int, str] = {}
        for i in range(1_000_000):
            table[i & 1023] = str(i)
        best = min(best, time.perf_counter() - start)
    return best * 1000
