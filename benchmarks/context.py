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
