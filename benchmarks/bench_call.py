"""Discovery-call figures (issue 5): opening the call screen, and a draft save on the UI thread.

Standalone: ``python -m benchmarks.bench_call [--leads N]`` builds its own demo database.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from typing import Any

from benchmarks.context import Context, median_ms

TARGETS = {
    "call screen open (window shown)": 150.0,
    "call draft save (UI thread)": 10.0,
}


def _app() -> Any:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(sys.argv[:1])


def run(ctx: Context) -> dict[str, float]:
    app = _app()
    from leaddesk.core.services.qualification import discard_draft, end_call, pending_drafts
    from leaddesk.core.services.query import LeadFilter, lead_ids
    from leaddesk.ui.call import CallWindow
    from tests.ui.keys import FILLED_NOTES, FILLED_STATE

    db = ctx.db
    rng = random.Random(ctx.seed)
    candidates = lead_ids(db, LeadFilter(), limit=5000)
    rng.shuffle(candidates)
    leads = iter(candidates)
    out: dict[str, float] = {}

    def open_window() -> None:
        window = CallWindow(db, next(leads))
        window.show()
        app.processEvents()  # first paint
        window.ended = True  # measurement only: leave no draft behind
        window.close()
        app.processEvents()

    out["call screen open (window shown)"] = median_ms(open_window, ctx.repeat, warmup=2)
    for draft in pending_drafts(db):
        discard_draft(db, draft.id)

    # A filled form, saved the way the debounce timer does it, with a change before each save.
    window = CallWindow(db, next(leads))
    window.show()
    window.form.set_state(FILLED_STATE)
    window.notes.setPlainText(FILLED_NOTES)
    samples = []
    for i in range(ctx.repeat * 4):
        window.notes.setPlainText(f"{FILLED_NOTES} {i}")
        window.save_draft_now()
        samples.append(window.last_save_ms)
    out["call draft save (UI thread)"] = statistics.median(samples)
    out["call draft save, p95"] = sorted(samples)[int(len(samples) * 0.95) - 1]

    bant = window.form.to_bant()

    def end() -> None:
        end_call(db, window.lead_id, bant, outcome="follow_up", duration_s=60, who="bench")

    out["end call transaction"] = median_ms(end, ctx.repeat)
    window.ended = True
    window.close()
    app.processEvents()
    for draft in pending_drafts(db):
        discard_draft(db, draft.id)
    return out


def main() -> int:
    import argparse
    import shutil
    import tempfile
    from pathlib import Path

    from leaddesk.core.db import Database
    from leaddesk.core.demo import build_demo

    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_call")
    parser.add_argument("--leads", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="leaddesk-bench-call-"))
    try:
        db = Database.open_data_dir(tmp / "data")
        build_demo(db, leads=args.leads, seed=1)
        started = time.perf_counter()
        results = run(Context(db=db, data_dir=tmp / "data", leads=args.leads, tmp=tmp, repeat=args.repeat))
        db.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for name, value in results.items():
        target = TARGETS.get(name)
        verdict = "" if target is None else ("ok" if value <= target else "OVER")
        print(f"{name:<36}{value:>9.2f} ms  {'' if target is None else f'≤ {target:g} ms'} {verdict}")
    print(f"({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
