"""Activity timeline quick add and edit, the follow-up list worked through by keyboard, BANT history."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from leaddesk.core.db import Database
from leaddesk.core.services.activities import CALL, EMAIL, add_activity, list_activities
from leaddesk.core.services.leads import create_lead, get_lead
from leaddesk.core.services.qualification import CONFIRMED, BantData, end_call, save_qualification
from leaddesk.core.services.tasks import create_task, list_tasks, local_day
from leaddesk.ui.activities import ActivityModel, ActivityTimeline, detail
from leaddesk.ui.call.history import BantHistoryView
from leaddesk.ui.call.panel import QualificationPanel
from leaddesk.ui.followups import FollowUpList, due_notice, due_notice_text, next_working_day
from tests.ui.keys import CTRL, focused, key, type_into

BERLIN = "Europe/Berlin"


def _lead(db: Database, last: str = "Krüger") -> int:
    return create_lead(db, {"first_name": "Anna", "last_name": last, "company": f"{last} AG"})[0].id


def test_quick_add_with_a_few_keystrokes(qtbot: QtBot, db: Database, qtmodeltester: object) -> None:
    lead_id = _lead(db)
    add_activity(db, lead_id, EMAIL, notes="Prospekt geschickt", at=datetime(2026, 11, 1, 9, tzinfo=UTC))
    timeline = ActivityTimeline(db, lead_id, who="anna")
    qtbot.addWidget(timeline)
    timeline.show()
    timeline.activateWindow()
    qtbot.waitUntil(timeline.isActiveWindow)
    assert timeline.model.rowCount() == 1
    qtmodeltester.check(timeline.model)  # type: ignore[attr-defined]
    timeline.view.setFocus()
    with qtbot.waitSignal(timeline.activity_added):
        key(Qt.Key.Key_L, CTRL)  # focus the kind
        type_into("c")  # Call
        key(Qt.Key.Key_Tab)
        type_into("Rückruf, Interesse an Demo")
        key(Qt.Key.Key_Return)
    rows = list_activities(db, lead_id)
    assert rows[0].kind == CALL and rows[0].notes == "Rückruf, Interesse an Demo" and rows[0].who == "anna"
    assert timeline.model.rowCount() == 2 and timeline.text.text() == ""
    assert "Rückruf" in detail(rows[0])

    # Correct the older one: Enter on the row opens the edit dialog.
    timeline.view.setFocus()
    timeline.view.setCurrentIndex(timeline.model.index(1, 0))
    QTest.keyClick(timeline.view, Qt.Key.Key_Return)
    dialog = timeline.edit_dialog
    assert dialog is not None
    dialog.notes.setPlainText("Prospekt + Preisliste geschickt")
    with qtbot.waitSignal(timeline.activity_changed):
        dialog.accept()
    assert list_activities(db, lead_id)[1].notes == "Prospekt + Preisliste geschickt"


def test_empty_model_has_no_rows() -> None:
    model = ActivityModel()
    assert model.rowCount() == 0 and model.data(model.index(0, 0)) is None


def test_follow_up_list_worked_through(qtbot: QtBot, db: Database) -> None:
    a, b, c = _lead(db, "Alt"), _lead(db, "Bauer"), _lead(db, "Conrad")
    now = datetime(2026, 11, 23, 23, 30, tzinfo=UTC)  # 00:30 on Tue 24 Nov in Berlin
    create_task(db, a, date(2026, 11, 20), tz=BERLIN, title="Angebot nachfassen")
    today = create_task(db, b, date(2026, 11, 24), tz=BERLIN, title="Demo bestätigen")
    create_task(db, c, date(2026, 11, 30), tz=BERLIN)
    assert due_notice_text(db, now=now, tz=BERLIN) == "Follow-ups due today: 1 · overdue: 1"
    widget = FollowUpList(db, tz=BERLIN, clock=lambda: now)
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    model = widget.model
    assert model.rowCount() == 2
    assert model.data(model.index(0, 3)) == "Angebot nachfassen"
    assert model.data(model.index(0, Qt.ItemDataRole.ForegroundRole)) is None  # invalid index: nothing
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole) is not None  # overdue is red
    assert model.data(model.index(1, 0), Qt.ItemDataRole.ForegroundRole) is None
    assert model.data(model.index(1, 0)) == "Today"
    assert "2 (1 overdue)" in widget.title.text()
    # The list refreshes itself one second after the local midnight (00:00 Wed in Berlin).
    assert abs(widget._midnight.remainingTime() - (23 * 3600 + 30 * 60 + 1) * 1000) < 5000

    widget.view.setFocus()
    with qtbot.waitSignal(widget.open_lead_requested) as opened:
        QTest.keyClick(widget.view, Qt.Key.Key_Return)
    assert opened.args == [a]
    key(Qt.Key.Key_D, CTRL)  # done → the next task moves up and is selected
    assert [t.done for t in list_tasks(db, a)] == [True]
    assert get_lead(db, a).next_follow_up is None
    assert widget.current() is not None and widget.current()[1].task.id == today.id  # type: ignore[index]
    key(Qt.Key.Key_Z, CTRL)  # undo: it is back
    assert model.rowCount() == 2 and not list_tasks(db, a)[0].done
    widget.view.setCurrentIndex(model.index(1, 0))
    key(Qt.Key.Key_T, CTRL)  # Bauer's task to the next working day (Wed 25th)
    assert local_day(list_tasks(db, b)[0].due_at, BERLIN) == next_working_day(date(2026, 11, 24))
    assert model.rowCount() == 1
    key(Qt.Key.Key_Z, CTRL)  # undo takes that back too: today again
    assert local_day(list_tasks(db, b)[0].due_at, BERLIN) == date(2026, 11, 24) and model.rowCount() == 2
    widget.view.setCurrentIndex(model.index(1, 0))
    key(Qt.Key.Key_T, CTRL)
    assert model.rowCount() == 1
    key(Qt.Key.Key_R, CTRL)
    dialog = widget.reschedule_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    QTest.keyClick(focused(), Qt.Key.Key_Right)  # one day later than proposed
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    assert local_day(list_tasks(db, a)[0].due_at, BERLIN) == date(2026, 11, 26)
    assert model.rowCount() == 0 and "No follow-ups" in widget.title.text()
    assert due_notice(db, now=now, tz=BERLIN) is None  # nothing due any more: no notice at start


def test_next_working_day_skips_the_weekend() -> None:
    assert next_working_day(date(2026, 11, 27)) == date(2026, 11, 30)  # Fri → Mon
    assert next_working_day(date(2026, 11, 28)) == date(2026, 11, 30)  # Sat → Mon
    assert next_working_day(date(2026, 11, 24)) == date(2026, 11, 25)


def test_bant_history_grouped_by_call(qtbot: QtBot, db: Database) -> None:
    lead_id = _lead(db)
    save_qualification(db, lead_id, BantData(budget_status="partial"), who="anna")
    data = replace(BantData(need_status=CONFIRMED, budget_status=CONFIRMED), need_priority=3)
    end_call(db, lead_id, data, outcome="follow_up", duration_s=125, who="ben")
    view = BantHistoryView(db, lead_id)
    qtbot.addWidget(view)
    model = view.model
    assert model.rowCount() == 2
    call_group = model.item(0)
    assert (
        "02:05" in call_group.text() and "Needs follow-up" in call_group.text() and "ben" in call_group.text()
    )
    changed = [
        (call_group.child(i, 0).text(), call_group.child(i, 2).text()) for i in range(call_group.rowCount())
    ]
    assert changed == [
        ("Budget: status", "Confirmed"),
        ("Need: status", "Confirmed"),
        ("Need: priority", "3"),
    ]
    assert model.item(1).text().startswith("Edited") and model.item(1).child(0, 1).text() == "Unknown"


def test_qualification_panel_edits_between_calls(qtbot: QtBot, db: Database) -> None:
    lead_id = _lead(db)
    panel = QualificationPanel(db, lead_id, who="anna")
    qtbot.addWidget(panel)
    assert not panel.save_button.isEnabled()
    panel.form.set_state({"need_status": "confirmed", "budget_amount": "viel"})
    panel.form.changed.emit()
    assert panel.save_button.isEnabled()
    assert not panel.save() and "Budget: amount — 'viel'" in panel.message.text()
    panel.form.set_state({"budget_amount": "", "need_priority": "2"})
    with qtbot.waitSignal(panel.saved):
        assert panel.save()
    assert get_lead(db, lead_id).bant_confirmed == 1
    assert panel.history.model.rowCount() == 1 and panel.history.model.item(0).text().startswith("Edited")


def test_a_stored_target_day_reads_as_typed_in_the_form_and_its_history(
    qtbot: QtBot, db: Database, german: list[Any]
) -> None:
    """A target typed as 31.03.2027 is stored as ISO; the form and the history show it the way
    it was typed again, and saving the untouched form changes nothing. A quarter stays a quarter."""
    lead_id = _lead(db)
    save_qualification(db, lead_id, BantData(timing_target="31.03.2027"), who="anna")
    save_qualification(db, lead_id, BantData(timing_target="2027-Q2"), who="anna")
    save_qualification(db, lead_id, BantData(timing_target="2027-06-30"), who="anna")
    panel = QualificationPanel(db, lead_id, who="anna")
    qtbot.addWidget(panel)
    assert panel.form.widgets["timing_target"].text() == "30.06.2027"  # type: ignore[attr-defined]
    assert panel.form.to_bant().timing_target == "2027-06-30"
    model = panel.history.model
    shown = [(model.item(g).child(0, 1).text(), model.item(g).child(0, 2).text()) for g in range(3)]
    assert shown == [("2027-Q2", "30.06.2027"), ("31.03.2027", "2027-Q2"), ("–", "31.03.2027")]


def test_follow_up_list_says_when_a_task_is_gone_meanwhile(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    a = _lead(db)
    now = datetime(2026, 11, 24, 9, tzinfo=UTC)
    task = create_task(db, a, date(2026, 11, 24), tz=BERLIN)
    widget = FollowUpList(db, tz=BERLIN, clock=lambda: now)
    qtbot.addWidget(widget)
    with db.engine.begin() as conn:  # merged away in another window, say
        conn.exec_driver_sql("DELETE FROM task WHERE id = ?", (task.id,))
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: said.append(text))
    widget.mark_done()
    assert said == [f"task {task.id} does not exist"] and widget.model.rowCount() == 0
    widget.undo_done()  # nothing to take back
    assert said == [f"task {task.id} does not exist"]
