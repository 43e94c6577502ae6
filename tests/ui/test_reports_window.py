"""The reports window as a user works it: open it, change the period, click a bar, export."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from tests.core.test_reports import add_activity
from tests.core.test_reports import add_lead as add_history


def t(month: int, day: int, hour: int = 12) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


def shown_ids(window: Any) -> set[int]:
    return {i for model in window.board.models.values() for i in model.ids}


def build(db: Any) -> dict[str, int]:
    """Mid-month times, so the system's time zone cannot move a lead into another month."""
    ids = {
        "won": add_history(
            db,
            "Won",
            t(11, 3),
            [("mql", t(11, 5), ""), ("sql", t(11, 9), ""), ("won", t(11, 20), "")],
            value=900,
        ),
        "mql": add_history(db, "Mql", t(11, 10), [("mql", t(11, 12), "")], source="Messe Köln"),
        "lost": add_history(
            db, "Lost", t(11, 11), [("mql", t(11, 13), ""), ("lost", t(11, 18), "no_budget")]
        ),
        "open": add_history(db, "Open", t(11, 14), []),
        "october": add_history(db, "October", t(10, 14), [("mql", t(10, 16), "")]),
    }
    add_activity(db, ids["won"], "call", t(11, 5, 15))
    return ids


def open_window(qtbot: Any, window: Any) -> Any:
    from leaddesk.ui.reports import install, open_reports

    action = install(window)
    assert action in window.menus["view"].actions()
    assert action.shortcut() == QKeySequence("Ctrl+R")
    with qtbot.waitSignal(action.triggered):
        action.trigger()
    reports = open_reports(window)  # the same window again, not a second one
    qtbot.waitExposed(reports)
    return reports


def set_period(qtbot: Any, reports: Any, start: date, end: date) -> Any:
    with qtbot.waitSignal(reports.report_ready, timeout=10_000) as blocker:
        reports.set_period(start, end)
    return blocker.args[0]


def test_open_change_period_and_click_a_funnel_bar(qtbot: Any, db: Any, window: Any) -> None:
    ids = build(db)
    window.board.reload()
    reports = open_window(qtbot, window)
    report = set_period(qtbot, reports, date(2026, 11, 1), date(2026, 11, 30))
    chart = reports.body.funnel_chart
    # Created in November: won, mql, lost, open. MQL: three of them; SQL and Won: one; Lost: one.
    assert [b.value for b in chart.bars] == [4, 3, 1, 1, 1]
    assert report.query.start == date(2026, 11, 1)
    assert "30" in reports.status.text() or "11" in reports.status.text()

    october = set_period(qtbot, reports, date(2026, 10, 1), date(2026, 10, 31))
    assert october.cohort_size == 1 and [b.value for b in chart.bars] == [1, 1, 0, 0, 0]
    set_period(qtbot, reports, date(2026, 11, 1), date(2026, 11, 30))

    # Clicking the MQL bar shows exactly those leads on the board.
    assert len(shown_ids(window)) == 5
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=chart.bar_center(1).toPoint())
    assert shown_ids(window) == {ids["won"], ids["mql"], ids["lost"]}
    assert window.filters.selection.isVisible() and "MQL" in window.filters.selection.text()
    assert window.act_lost.isChecked() is False
    # The Lost bar also shows the Lost column, where that lead sits.
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=chart.bar_center(4).toPoint())
    assert shown_ids(window) == {ids["lost"]} and window.act_lost.isChecked()
    # The filter bar's button gives the whole board back.
    qtbot.mouseClick(window.filters.selection, Qt.MouseButton.LeftButton)
    assert len(shown_ids(window)) == 5 and not window.filters.selection.isVisible()


def test_keyboard_and_table_rows_open_leads_too(qtbot: Any, db: Any, window: Any) -> None:
    ids = build(db)
    window.board.reload()
    reports = open_window(qtbot, window)
    set_period(qtbot, reports, date(2026, 11, 1), date(2026, 11, 30))
    chart = reports.body.funnel_chart
    chart.setFocus()
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Return):  # Lead → Won
        qtbot.keyClick(chart, key)
    assert shown_ids(window) == {ids["won"]}
    table = reports.body.sources_table
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text().startswith("Messe Köln"))
    assert "(" in table.item(row, 0).text()  # marked as a fair
    table.cellClicked.emit(row, 0)
    assert shown_ids(window) == {ids["mql"]}
    reports.body.timing_table.cellClicked.emit(1, 0)  # MQL: the leads whose stay there was measured
    assert shown_ids(window) == {ids["won"], ids["lost"]}
    reports.mode.setCurrentIndex(1)  # period mode: moves during the period
    with qtbot.waitSignal(reports.report_ready, timeout=10_000) as blocker:
        pass
    assert blocker.args[0].funnel.mode == "period"
    assert "every move" in reports.body.funnel.explain.text().lower()


def test_exports_write_pdf_png_and_csv(qtbot: Any, db: Any, window: Any, tmp_path: Path) -> None:
    from leaddesk.ui.reports.export import write_csvs, write_pdf, write_pngs

    build(db)
    reports = open_window(qtbot, window)
    set_period(qtbot, reports, date(2026, 11, 1), date(2026, 11, 30))
    pdf = write_pdf(reports, tmp_path / "report.pdf")
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5000
    pngs = write_pngs(reports, tmp_path / "png")
    assert {p.name for p in pngs} >= {"funnel.png", "sources-and-trade-fairs.png"}
    csvs = write_csvs(reports, tmp_path / "csv")
    text = (tmp_path / "csv" / "sources-and-trade-fairs.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("Source or fair;Leads;MQL;SQL;Won")
    assert any("Messe Köln" in line for line in text.splitlines())
    assert len(csvs) >= 5


def test_reopening_shows_changes_made_meanwhile(qtbot: Any, db: Any, window: Any) -> None:
    from leaddesk.ui.reports import open_reports

    build(db)
    reports = open_window(qtbot, window)
    set_period(qtbot, reports, date(2026, 11, 1), date(2026, 11, 30))
    assert reports.body.funnel_chart.bars[0].value == 4
    reports.close()
    add_history(db, "Late", t(11, 25), [])
    with qtbot.waitSignal(reports.report_ready, timeout=10_000) as blocker:
        assert open_reports(window) is reports
    assert blocker.args[0].funnel.rows[0].count == 5


def test_a_card_moved_while_the_window_is_open_is_counted_at_once(qtbot: Any, db: Any, window: Any) -> None:
    """The open window follows the change signal and reads only the moved lead again."""
    from leaddesk.core.services.leads import move_stage

    ids = build(db)
    window.board.reload()
    reports = open_window(qtbot, window)
    report = set_period(qtbot, reports, date(2026, 11, 1), date(2026, 11, 30))
    assert report.funnel.rows[1].count == 3  # MQL: won, mql, lost
    with qtbot.waitSignal(reports.report_ready, timeout=10_000) as blocker:
        move_stage(window.db, ids["open"], "mql")
    assert blocker.args[0].funnel.rows[1].count == 4
    assert reports.source.last_path == "spliced"
    assert "changed leads read" in reports.status.text()
