"""First run: "Load demo data" runs on the write lane with progress; cancel adds nothing."""

from __future__ import annotations

from typing import Any


def test_load_demo_data_fills_the_board(window: Any, qtbot: Any) -> None:
    assert window.pages.currentWidget() is window.first_run
    with qtbot.waitSignal(window.ops.busy_changed, timeout=20_000, check_params_cb=lambda busy: not busy):
        window.load_demo(60)
        assert not window.board.isEnabled()  # read-only while the lane writes
        assert window.progress_bar.isVisible() and window.cancel_button.isVisible()
    assert window.board.total == 60
    assert window.pages.currentWidget() is not window.first_run
    assert window.board.isEnabled()
    assert not window.progress_bar.isVisible()
    assert sum(c.header.count for c in window.board.columns.values()) == 60
    qtbot.waitUntil(lambda: window.filters.source.count() > 1)  # choices re-read on the read lane


def test_cancelled_demo_data_adds_nothing(window: Any, qtbot: Any) -> None:
    with qtbot.waitSignal(window.ops.busy_changed, timeout=20_000, check_params_cb=lambda busy: not busy):
        window.load_demo(2000)
        window.cancel_button.click()  # the Cancel button next to the progress bar
    assert window.board.total == 0
    assert window.pages.currentWidget() is window.first_run
    assert "nothing was added" in window.statusBar().currentMessage()


def test_demo_data_into_a_database_with_leads_asks_and_can_be_undone(
    window: Any, qtbot: Any, add_lead: Any, questions: Any, db: Any
) -> None:
    from leaddesk.ui.imports.history import ImportHistory

    own = add_lead("Echter Kunde")
    questions.answer = False
    assert window.load_demo(30) is None  # asked; Cancel (the default) adds nothing
    assert (
        questions.defaults == ["Cancel"] and "Add 30 made-up demo leads to your 1 leads" in questions.asked[0]
    )
    assert window.board.total == 1
    questions.answer = True
    with qtbot.waitSignal(window.ops.busy_changed, timeout=20_000, check_params_cb=lambda busy: not busy):
        window.load_demo(30)
    assert window.board.total == 31
    history = ImportHistory(db)
    qtbot.addWidget(history)
    assert history.selected_batch().file_name == "Demo data"
    with qtbot.waitSignal(history.undone, timeout=10_000):
        history.undo_button.click()  # asks too; answered with "Undo import"
    assert window.board.total == 1 and own.id in window.board.snapshot.position
