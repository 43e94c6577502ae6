"""Where the CSV import of ``bench_import`` spends its time, phase by phase (CPU seconds).

``python -m benchmarks.profile_import --leads 100000 --repeat 3`` builds the demo database,
imports ``bench_import.make_csv``'s file (dry run, then apply, then undo, as the benchmark
does) and prints each phase per run. Only functions called once or a few times per import are
timed (no per-row wrappers, whose own cost would blur the figures); the rows marked "rest" are
what is left between them. Not part of ``python -m benchmarks``: a tool for whoever makes the
import faster (issue 15), so that work starts from measured phases rather than guesses.
"""

from __future__ import annotations

import argparse
import functools
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks.bench_import import make_csv
from benchmarks.context import reference_ms
from leaddesk.core import db as db_module
from leaddesk.core import dedupe
from leaddesk.core.db import Database
from leaddesk.core.demo import build_demo
from leaddesk.core.services import import_write, imports


class Phases:
    """CPU seconds per phase of one import, in the order the phases first ran."""

    def __init__(self) -> None:
        self.cpu: dict[str, float] = {}
        self.marks: dict[str, float] = {}

    def add(self, name: str, seconds: float) -> None:
        self.cpu[name] = self.cpu.get(name, 0.0) + seconds

    def mark(self, name: str) -> None:
        self.marks[name] = time.process_time()


@contextmanager
def timed(phases: Phases) -> Iterator[None]:
    """Wrap the import's coarse steps (each called once or a few times) while the block runs."""
    saved: list[tuple[Any, str, Any]] = []

    def wrap(owner: Any, attr: str, label: Callable[..., str] | str, *, end_mark: str = "") -> None:
        original = getattr(owner, attr)
        # Put back what the owner itself held (a class keeps its classmethod, not a bound method).
        saved.append((owner, attr, vars(owner)[attr]))

        @functools.wraps(original)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                name = label(*args, **kwargs) if callable(label) else label
                phases.add(name, time.process_time() - start)
                if end_mark:
                    phases.mark(end_mark)

        setattr(owner, attr, wrapper)

    wrap(imports, "parse_file", "dry run: read the file", end_mark="parsed")
    wrap(dedupe.DuplicateIndex, "from_db", "dry run: existing leads' match keys", end_mark="indexed")
    wrap(import_write, "insert_rows", lambda _conn, table, *_a, **_k: f"apply: INSERT {table} rows")
    wrap(imports, "apply_duplicates", "apply: update/merge duplicates")
    wrap(imports, "fts_remove_rows", "apply: search index (rows out)")
    wrap(imports, "fts_add_rows", "apply: search index (rows in)")
    wrap(imports, "rescore_in", "apply: rescoring")
    wrap(db_module.Database, "refresh_stats", "apply: planner statistics")
    try:
        yield
    finally:
        for owner, attr, original in reversed(saved):
            setattr(owner, attr, original)


def profile_once(db: Database, data: bytes) -> dict[str, float]:
    """One dry run + apply (+ undo, untimed) of ``data``; CPU seconds per phase."""
    phases = Phases()
    with timed(phases):
        start = time.process_time()
        plan = imports.plan_import(db, [("messe.csv", data)], source="Benchmark")
        planned = time.process_time()
        result = imports.apply_import(db, plan, on_duplicate="merge")
        applied = time.process_time()
    parsed = phases.marks.get("parsed", start)
    indexed = phases.marks.get("indexed", parsed)
    index_cpu = phases.cpu.get("dry run: existing leads' match keys", 0.0)
    before_index = indexed - index_cpu - parsed
    phases.add("dry run: validate, key, filter the rows (rest before the index)", before_index)
    phases.add("dry run: classify every row (rest after the index)", planned - indexed)
    known = sum(v for k, v in phases.cpu.items() if k.startswith("apply:"))
    phases.add("apply: rest (row building, stage rows' Python, commit, ...)", applied - planned - known)
    phases.add("= dry run", planned - start)
    phases.add("= apply", applied - planned)
    if db.checkpointer is not None:
        db.checkpointer.wait_idle(120)
    imports.undo_import(db, result.batch_id)
    return phases.cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="leaddesk-profile-import-"))
    try:
        db = Database.open_data_dir(tmp / "data")
        build_demo(db, leads=args.leads, seed=1)
        data = make_csv(db, args.leads, 1)
        runs = [profile_once(db, data) for _ in range(args.repeat)]
        names = sorted(runs[0], key=lambda n: (n.startswith("="), not n.startswith("dry"), n))
        print(f"CPU seconds per phase: {args.leads:,} rows against {args.leads:,} leads, {args.repeat} runs")
        for name in names:
            print(f"{name:<66}" + "".join(f"{r.get(name, 0.0):>7.2f}" for r in runs))
        print(f"host reference (fixed Python work): {reference_ms():.0f} ms")
        db.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
