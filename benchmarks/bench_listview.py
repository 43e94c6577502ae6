"""List view figures of issue 17: first paint, sort by any column, bulk move of 10,000 leads.

First paint: from creating the list view (its model reads the ids in the default order) until
the offscreen table has painted synchronously. Sort: the slowest and the median of every
column, each both ways, from the click until the new order is painted (a long list's order is
read on the read lane), and the longest the click itself held the GUI thread. Bulk move: one
``bulk_move`` call (one transaction with the stage history rows and the score flags), then its
undo, so each run starts alike.
"""

from __future__ import annotations

import statistics
import time

from benchmarks.context import Context

FIRST_PAINT = "listview: first paint (100,000 leads)"
SORT_MEDIAN = "listview: sort by a column to repaint, median of all columns"
SORT_WORST = "listview: sort by a column to repaint, slowest column"
SORT_BLOCKED = "listview: GUI thread blocked by a sort click, slowest column"
BULK_MOVE = "listview: bulk move of 10,000 leads (history + flags)"

TARGETS = {FIRST_PAINT: 300.0, SORT_MEDIAN: 300.0, SORT_WORST: 300.0, SORT_BLOCKED: 100.0, BULK_MOVE: 2000.0}


def run(ctx: Context) -> dict[str, float]:
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from leaddesk.core.services.bulk import bulk_move, undo_bulk
    from leaddesk.core.services.lead_table import TABLE_COLUMNS, sorted_ids
    from leaddesk.core.services.query import LeadFilter
    from leaddesk.ui.listview.view import LeadListView

    app = QApplication.instance() or QApplication([])
    db = ctx.db
    runs = max(3, min(ctx.repeat, 7))
    paints = []
    view = None
    for _ in range(runs):
        started = time.perf_counter()
        view = LeadListView(db)
        view.resize(1200, 700)
        view.show()
        view.repaint()
        paints.append((time.perf_counter() - started) * 1000)
        view.close()
        view.deleteLater()
        app.processEvents()
    view = LeadListView(db)
    view.resize(1200, 700)
    view.show()
    view.repaint()
    per_column = []
    blocked = []
    model = view.lead_model
    arrived: list[int] = []
    model.sorted.connect(lambda: arrived.append(1))
    for name in TABLE_COLUMNS:
        section = TABLE_COLUMNS.index(name)
        times = []
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            arrived.clear()
            started = time.perf_counter()
            view.sortByColumn(section, order)
            blocked.append((time.perf_counter() - started) * 1000)
            if not arrived:  # a long list's order comes from the read lane; wait as the app idles
                loop = QEventLoop()
                model.sorted.connect(loop.quit)
                QTimer.singleShot(60_000, loop.quit)
                if not arrived:
                    loop.exec()
                model.sorted.disconnect(loop.quit)
                if not arrived:
                    raise RuntimeError(f"sorting by {name} never arrived")
            view.repaint()
            times.append((time.perf_counter() - started) * 1000)
        per_column.append(statistics.median(times))
    view.close()
    ids = sorted_ids(db, LeadFilter(stages=("lead",)), "id")[:10_000]
    moves = []
    for _ in range(3):
        started = time.perf_counter()
        result = bulk_move(db, ids, "mql", actor="bench")
        moves.append((time.perf_counter() - started) * 1000)
        undo_bulk(db, result)
    return {
        FIRST_PAINT: statistics.median(paints),
        SORT_MEDIAN: statistics.median(per_column),
        SORT_WORST: max(per_column),
        SORT_BLOCKED: max(blocked),
        BULK_MOVE: statistics.median(moves),
    }
