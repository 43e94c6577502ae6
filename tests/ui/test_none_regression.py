"""FACTS.md trap: PySide6 6.12 on Python 3.11 aborts after many ``None`` returns from data().

Runs in a subprocess, so an abort (exit 134, "none_dealloc") fails this test instead of
killing pytest. It drives LeadDesk's real column model in a real view: 200,000 data() calls
for roles the model answers with None, plus painting the view.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPT = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from datetime import UTC, datetime
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication
    from leaddesk.ui.board.column import CardView
    from leaddesk.ui.board.delegate import CardDelegate
    from leaddesk.ui.board.model import Card, ColumnModel

    app = QApplication([])
    def fetch(ids):
        return {i: Card(i, f"Lead {i}", "Firma", i % 100, "", 0, False, datetime.now(UTC), "Web", 10.0,
                        "EUR", "lead", "", 1) for i in ids}
    model = ColumnModel("lead", fetch)
    model.set_ids(list(range(1, 100_001)))
    view = CardView(model, CardDelegate())
    view.resize(300, 900)
    view.show()
    roles = [Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.FontRole,
             Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.SizeHintRole]
    calls = 0
    for i in range(40_000):
        index = model.index(i, 0)
        for role in roles:
            assert index.data(role) is None
            calls += 1
    for _ in range(20):
        view.verticalScrollBar().setValue(view.verticalScrollBar().value() + 4000)
        view.viewport().repaint()
    view.close()
    del view, model
    app.processEvents()
    print("ok", calls)
    """
)


def test_many_none_returns_from_data_do_not_abort(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=180, cwd=tmp_path
    )
    assert proc.returncode == 0, f"exit {proc.returncode}: {proc.stderr[-2000:]}"
    assert proc.stdout.split() == ["ok", "200000"]
