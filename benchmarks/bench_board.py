"""Board figures of issue 3: start to painted, RSS, search keystroke and drop to repaint.

Start-up and memory are measured on a real process (``python -m leaddesk`` with
``LEADDESK_BENCH_EXIT_AFTER_PAINT=1``, which prints the moment of the first board paint and
its RSS). Keystrokes and drops run in this process on an offscreen main window: the time from
the key event (or ``dropMimeData``) until every visible column has repainted synchronously.

Standalone: ``python -m benchmarks.bench_board --data-dir DIR`` on a folder with demo data.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from typing import Any

from benchmarks.context import Context

RSS = "board: RSS with board shown"
#: Rows not in milliseconds.
UNITS = {RSS: "MB"}

CHANGE_ONE = "board: change signal for one lead to repainted board"
IMPORT_10K = "board: import of 10,000 leads, commit to board current"

TARGETS = {
    "board: process start to board painted": 1500.0,
    RSS: 400.0,
    "board: search keystroke to repaint": 50.0,
    "board: drop to saved and repainted": 50.0,
    CHANGE_ONE: 30.0,
    IMPORT_10K: 300.0,
}

#: What people type: each keystroke of each word is one sample.
TYPED = ("müller", "schmidt", "stuttgart", "gmbh", "anna", "weber", "köln", "technik")


def start_to_paint(ctx: Context, runs: int) -> tuple[float, float]:
    """Median ms from spawning the app to its first board paint, and median RSS in MB."""
    home = ctx.tmp / "bench-home"
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        LEADDESK_BENCH_EXIT_AFTER_PAINT="1",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
    )
    cmd = [sys.executable, "-m", "leaddesk", "--data-dir", str(ctx.data_dir)]
    times, rss = [], []
    for _ in range(runs):
        started = time.time()
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True, timeout=120)
        report = json.loads(proc.stdout.strip().splitlines()[-1])
        times.append((report["painted_at"] - started) * 1000)
        rss.append(report["rss_mb"])
    return statistics.median(times), statistics.median(rss)


def _repaint_all(window: Any) -> None:
    for column in window.board.columns.values():
        if column.isVisible():
            column.view.viewport().repaint()
            column.header.repaint()


def interactive(ctx: Context) -> dict[str, float]:
    """Keystroke and drop latencies on an offscreen window over ``ctx.db``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QModelIndex, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from leaddesk.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    committed: list[float] = []
    ctx.db.add_listener(lambda _changes: committed.append(time.perf_counter()))  # before the window's
    window = MainWindow(ctx.db)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    # Start-up reads (filter choices) finish in the background first: a person types later, too.
    window.ops.wait_idle()
    app.processEvents()
    search = window.filters.search
    samples: list[float] = []
    for word in TYPED:
        search.clear()
        app.processEvents()
        for ch in word:
            start = time.perf_counter()
            # A real key event (QTest.keyClicks asserts on non-ASCII letters such as "ü").
            QApplication.sendEvent(
                search, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch)
            )
            _repaint_all(window)
            samples.append((time.perf_counter() - start) * 1000)
    search.clear()
    app.processEvents()
    out = {"board: search keystroke to repaint": statistics.median(samples)}
    out["board: search keystroke to repaint, slowest"] = max(samples)

    board = window.board
    source, target = board.models["lead"], board.models["mql"]
    drops: list[float] = []
    for _ in range(max(5, ctx.repeat)):
        mime = source.mimeData([source.index(0, 0)])
        start = time.perf_counter()
        target.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
        _repaint_all(window)
        drops.append((time.perf_counter() - start) * 1000)
    out["board: drop to saved and repainted"] = statistics.median(drops)
    while board.undo_stack.canUndo():  # leave the demo data as it was
        board.undo_stack.undo()
    out.update(_change_signal(ctx, window, committed))
    window.close()
    window.deleteLater()
    app.processEvents()
    return out


def _change_signal(ctx: Context, window: Any, committed: list[float]) -> dict[str, float]:
    """How fast a write elsewhere reaches the board: one lead edited (as in another window),
    and a 10,000-lead import, from its commit to a board that shows it."""
    from PySide6.QtWidgets import QApplication

    from leaddesk.core.changes import Changes
    from leaddesk.core.services.imports import apply_import, plan_import, undo_import
    from leaddesk.core.services.leads import get_lead, update_lead

    app = QApplication.instance()
    board = window.board
    ids = board.models["mql"].ids[:200]
    signal: list[float] = []
    edits: list[float] = []
    for i, lead_id in enumerate(ids[: max(20, ctx.repeat)]):
        start = time.perf_counter()
        window.ops.changed.emit(Changes(updated=frozenset({lead_id})))  # as delivered after a commit
        _repaint_all(window)
        signal.append((time.perf_counter() - start) * 1000)
        version = get_lead(ctx.db, lead_id).version
        start = time.perf_counter()
        update_lead(ctx.db, lead_id, {"value": 1000 + i}, expected_version=version)
        _repaint_all(window)
        edits.append((time.perf_counter() - start) * 1000)
    out = {
        CHANGE_ONE: statistics.median(signal),
        "board: edit saved elsewhere to repainted board": statistics.median(edits),
    }
    rows = "Vorname;Nachname;Firma;E-Mail\n" + "".join(
        f"Bench{i};Import{i};Benchfirma {i};bench{i}@import-bench.example\n" for i in range(10_000)
    )
    plan = plan_import(ctx.db, [("bench-10k.csv", rows.encode())])
    committed.clear()
    current: list[float] = []

    def board_current(_changes: Changes) -> None:  # connected after the board: runs once it placed the cards
        _repaint_all(window)
        current.append(time.perf_counter())

    window.ops.changed.connect(board_current)
    result = apply_import(ctx.db, plan)  # on the GUI thread: the signal is delivered inside the commit
    window.ops.changed.disconnect(board_current)
    app.processEvents()
    out[IMPORT_10K] = (current[0] - committed[0]) * 1000
    assert board.total >= 10_000 and any(board.models[s].ids for s in board.models)
    undo_import(ctx.db, result.batch_id)
    app.processEvents()
    return out


def run(ctx: Context) -> dict[str, float]:
    paint_ms, rss = start_to_paint(ctx, max(3, ctx.repeat // 3))
    out = {"board: process start to board painted": paint_ms, RSS: rss}
    out.update(interactive(ctx))
    return out


def main(argv: list[str] | None = None) -> int:
    import argparse
    import tempfile
    from pathlib import Path

    from leaddesk.core.db import Database

    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_board", description=__doc__)
    parser.add_argument("--data-dir", required=True, help="folder holding a LeadDesk database with demo data")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args(argv)
    db = Database.open_data_dir(args.data_dir)
    with tempfile.TemporaryDirectory(prefix="leaddesk-bench-board-") as tmp:
        leads = len(db.engine.raw_connection().execute("SELECT id FROM lead").fetchall())
        ctx = Context(db=db, data_dir=Path(args.data_dir), leads=leads, tmp=Path(tmp), repeat=args.repeat)
        results = run(ctx)
    db.close()
    for name, value in results.items():
        target = TARGETS.get(name)
        print(f"{name:<48}{value:10.1f}{'' if target is None else f'  (target ≤ {target:g})'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
