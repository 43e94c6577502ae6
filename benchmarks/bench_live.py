"""Live updates of issue 16 (PostgreSQL only; nothing is measured on SQLite, which has no channel).

A colleague's LeadDesk (a second :class:`Database` on the same server: its own connections and
origin, so its commits reach the window only through PostgreSQL's LISTEN/NOTIFY) moves a card;
measured is the time from the start of that write until this process's offscreen board shows
the card in its new column (announcement, the live thread, the queued change signal, placing
and repainting). Target: within a second.
"""

from __future__ import annotations

import os
import statistics
import time
from typing import Any

from benchmarks.bench_board import _repaint_all
from benchmarks.context import Context

LATENCY = "live update latency: colleague's move to board shows it"
LATENCY_MAX = "live update latency, slowest"
TARGETS = {LATENCY: 1000.0, LATENCY_MAX: 1000.0}

#: Give up on one sample after this long (the feed is broken, not slow).
GIVE_UP_S = 10.0


def run(ctx: Context) -> dict[str, float]:
    from leaddesk.core.db import announces_changes

    if not announces_changes(ctx.db.engine):
        return {}  # SQLite: no live channel
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from leaddesk.core.db import Database
    from leaddesk.core.services.leads import get_lead, move_stage
    from leaddesk.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow(ctx.db)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    window.ops.wait_idle()
    feed = window.ops.live
    assert feed is not None and feed.wait_ready()
    colleague = Database.open(ctx.db.engine.url.render_as_string(hide_password=False))
    board = window.board
    samples: list[float] = []
    try:
        for lead_id in list(board.models["lead"].ids[: max(5, ctx.repeat)]):
            version = get_lead(colleague, lead_id).version
            start = time.perf_counter()
            moved = move_stage(colleague, lead_id, "mql", expected_version=version)
            _until(app, lambda lid=lead_id: lid in board.models["mql"].ids)
            _repaint_all(window)
            samples.append((time.perf_counter() - start) * 1000)
            # Back where it was (undone as the board's undo would), before the next sample.
            move_stage(colleague, lead_id, "lead", reason="benchmark", expected_version=moved.lead.version)
            _until(app, lambda lid=lead_id: lid in board.models["lead"].ids)
    finally:
        colleague.close()
        window.close()
        window.deleteLater()
        app.processEvents()
    return {LATENCY: statistics.median(samples), LATENCY_MAX: max(samples)}


def _until(app: Any, done: Any) -> None:
    deadline = time.perf_counter() + GIVE_UP_S
    while not done():
        if time.perf_counter() > deadline:
            raise RuntimeError("a colleague's move did not reach the board")
        app.processEvents()
        time.sleep(0.0005)
