"""Reports (issue 14): every report of the window, the window's first paint, the PDF export.

The reports window reads the stage history once (``ReportSource``) and answers each period
or filter from it; so "every report" is measured from the read history, over the last 12
months (about two thirds of the demo leads) in both funnel modes and with a source filter.
Reading the whole history is measured on its own: it happens in the background when the window
first opens (and after a write made by another program). After the app's own writes the kept
facts are updated for the leads the change named: measured after a card move, read + every
report, and as the window shown again after a move.

Standalone: ``python -m benchmarks.bench_reports --data-dir DIR`` on a folder with demo data.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.context import Context, median_ms
from leaddesk.core.db import Database
from leaddesk.core.reports import (
    Mode,
    Preset,
    ReportQuery,
    ReportSource,
    compute,
    compute_report,
    preset_period,
)
from leaddesk.core.services.leads import move_stage, undo_move

SECTIONS = ("funnel", "time_in_stage", "handover", "sources", "lost_reasons", "mql_value", "scoring_check")
ALL = "reports: every report from the read history (cohort, 12 months)"
AFTER_MOVE = "reports: after a card move: changed lead read + every report"
REOPENED = "reports: window shown again after a card move, to report shown"
TARGETS = {
    ALL: 300.0,
    "reports: every report from the read history (period mode)": 300.0,
    "reports: every report from the read history (one source)": 300.0,
    **{f"reports: {name}": 300.0 for name in SECTIONS},
    AFTER_MOVE: 300.0,
    REOPENED: 300.0,
    "reports: window first paint": 500.0,
    "reports: PDF export": 1000.0,
}


def _query(**kwargs: Any) -> ReportQuery:
    start, end = preset_period(Preset.LAST_12_MONTHS, datetime.now(UTC).date())
    return ReportQuery(start=start, end=end, tz="Europe/Berlin", **kwargs)


def core(ctx: Context) -> dict[str, float]:
    out: dict[str, float] = {}
    source = ReportSource(ctx.db)
    try:
        loads = []
        for _ in range(max(3, ctx.repeat // 3)):
            source.invalidate()
            start = time.perf_counter()
            data = source.data()
            loads.append((time.perf_counter() - start) * 1000)
        out["reports: read the whole history (first opening)"] = statistics.median(loads)
        with source.connection() as conn:
            for name, query in (
                (ALL, _query()),
                ("reports: every report from the read history (period mode)", _query(mode=Mode.PERIOD)),
                ("reports: every report from the read history (one source)", _query(source=data.source[0])),
            ):
                out[name] = median_ms(lambda q=query: compute(conn, data, q), ctx.repeat)  # type: ignore[misc]
            sections: dict[str, list[float]] = {name: [] for name in SECTIONS}
            period_funnel: list[float] = []
            for _ in range(ctx.repeat):
                report = compute(conn, data, _query())
                for name in SECTIONS:
                    sections[name].append(report.timings_ms[name])
                period_funnel.append(compute(conn, data, _query(mode=Mode.PERIOD)).timings_ms["funnel"])
            for name in SECTIONS:
                out[f"reports: {name}"] = statistics.median(sections[name])
            out["reports: funnel (period mode)"] = statistics.median(period_funnel)
        out[AFTER_MOVE] = _after_moves(ctx, source)
    finally:
        source.close()
    start = time.perf_counter()
    compute_report(ctx.db, _query())
    out["reports: leaddesk report (read + compute, one run)"] = (time.perf_counter() - start) * 1000
    return out


def _a_lead(ctx: Context) -> int:
    with ctx.db.engine.connect() as conn:
        return int(conn.exec_driver_sql("SELECT max(id) FROM lead WHERE stage = 'lead'").scalar() or 0)


def _after_moves(ctx: Context, source: ReportSource) -> float:
    """A card moved to MQL, then the report: only that lead is read again. Undone afterwards."""
    lead_id = _a_lead(ctx)
    times = []
    for _ in range(ctx.repeat):
        move = move_stage(ctx.db, lead_id, "mql")
        start = time.perf_counter()
        data = source.data()
        assert source.last_path == "spliced"
        with source.connection() as conn:
            compute(conn, data, _query())
        times.append((time.perf_counter() - start) * 1000)
        undo_move(ctx.db, move)
    return statistics.median(times)


def window(ctx: Context) -> dict[str, float]:
    """First paint of the reports window, time until the first report shows, PDF export."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QEventLoop, QObject
    from PySide6.QtWidgets import QApplication

    from leaddesk.ui.reports.export import write_pdf
    from leaddesk.ui.reports.window import ReportsWindow

    app = QApplication.instance() or QApplication([])

    class PaintSpy(QObject):
        painted = False

        def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.painted = True
            return False

    paints, shown = [], []
    pdfs = []
    runs = max(3, ctx.repeat // 3)
    for k in range(runs):
        spy = PaintSpy()
        start = time.perf_counter()
        win = ReportsWindow(ctx.db)
        win.installEventFilter(spy)
        win.show()
        while not spy.painted:
            app.processEvents()
        paints.append((time.perf_counter() - start) * 1000)
        if win.report is None:  # wait idle, as the GUI thread does in the app
            loop = QEventLoop()
            win.report_ready.connect(loop.quit)
            loop.exec()
        shown.append((time.perf_counter() - start) * 1000)
        target = ctx.tmp / f"report-{k}.pdf"
        start = time.perf_counter()
        write_pdf(win, target)
        pdfs.append((time.perf_counter() - start) * 1000)
        if k == runs - 1:
            reopened = _reopen(ctx, app, win)
        win.close()
        win.deleteLater()
        app.processEvents()
    return {
        REOPENED: reopened,
        "reports: window first paint": statistics.median(paints),
        "reports: window open to first report shown (reads the history)": statistics.median(shown),
        "reports: PDF export": statistics.median(pdfs),
    }


def _reopen(ctx: Context, app: Any, win: Any) -> float:
    """Close the window, move a card, show it again: the time until the new report shows."""
    from PySide6.QtCore import QEventLoop

    lead_id = _a_lead(ctx)
    times = []
    for _ in range(max(3, ctx.repeat // 3)):
        win.close()
        move = move_stage(ctx.db, lead_id, "mql")
        app.processEvents()
        start = time.perf_counter()
        loop = QEventLoop()
        win.report_ready.connect(loop.quit)
        win.show()
        loop.exec()
        win.report_ready.disconnect(loop.quit)
        times.append((time.perf_counter() - start) * 1000)
        undo_move(ctx.db, move)
    return statistics.median(times)


def run(ctx: Context) -> dict[str, float]:
    return {**core(ctx), **window(ctx)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", required=True, help="folder with a LeadDesk database (demo data)")
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    db = Database.open_data_dir(args.data_dir)
    tmp = Path(args.data_dir) / "bench-tmp"
    tmp.mkdir(exist_ok=True)
    try:
        ctx = Context(db=db, data_dir=Path(args.data_dir), leads=0, tmp=tmp, repeat=args.repeat)
        for name, value in run(ctx).items():
            target = TARGETS.get(name)
            mark = "" if target is None else ("  ok" if value <= target else "  OVER")
            print(f"{name:<72}{value:>10.1f} ms{mark}")
    finally:
        db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
