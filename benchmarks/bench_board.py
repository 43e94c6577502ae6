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

TARGETS = {
    "board: process start to board painted": 1500.0,
    RSS: 400.0,
    "board: search keystroke to repaint": 50.0,
    "board: drop to saved and repainted": 50.0,
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
    window = MainWindow(ctx.db)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    # Start-up reads (filter choices) finish in the background first: a person types later, too.
    window.read_lane.wait_idle()
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
    window.close()
    window.deleteLater()
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
