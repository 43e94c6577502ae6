"""A complete discovery call with the keyboard only, checked in the database afterwards."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from leaddesk.core.db import Database
from leaddesk.core.models import Activity, Qualification, QualificationChange, Task
from leaddesk.core.services.leads import create_lead, get_lead
from leaddesk.core.services.qualification import VerdictRule, get_rule, load_draft, pending_drafts
from leaddesk.core.services.tasks import local_day
from leaddesk.ui.call import CallWindow, QualificationRuleDialog, start_call_action
from leaddesk.ui.call.dialogs import default_follow_up_day
from tests.ui.keys import focused, key, type_into


def _lead(db: Database) -> int:
    view, _ = create_lead(
        db,
        {
            "first_name": "Jürgen",
            "last_name": "Weiß",
            "company": "Weiß Metallbau GmbH",
            "title": "Geschäftsführer",
            "phone": "089 1234567",
            "city": "München",
            "value": 18000,
        },
    )
    return view.id


def test_keyboard_only_discovery_call(qtbot: QtBot, db: Database) -> None:
    lead_id = _lead(db)
    host = QWidget()
    qtbot.addWidget(host)
    action = start_call_action(host, db, lambda: lead_id)
    host.show()
    host.activateWindow()
    host.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is host or host.hasFocus())
    QTest.keyClick(
        host, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: len(action.windows) == 1)
    window: CallWindow = action.windows[0]
    window.activateWindow()
    qtbot.waitUntil(lambda: focused() is window.form.widgets["budget_status"])

    ctrl = Qt.KeyboardModifier.ControlModifier
    # Budget: Confirmed, 25000 EUR, approved, notes.
    type_into("c")
    key(Qt.Key.Key_Tab)
    type_into("25000")
    key(Qt.Key.Key_Tab)  # currency stays EUR
    key(Qt.Key.Key_Tab)
    type_into("y")
    key(Qt.Key.Key_Tab)
    type_into("Investitionsbudget 2027")
    # Authority via Ctrl+2.
    key(Qt.Key.Key_2, ctrl)
    type_into("c")
    key(Qt.Key.Key_Tab)
    type_into("y")
    key(Qt.Key.Key_Tab)
    type_into("Frau Berg (Einkauf)")
    # Need.
    key(Qt.Key.Key_3, ctrl)
    assert window.form.sections["need"].active and not window.form.sections["authority"].active
    type_into("c")
    key(Qt.Key.Key_Tab)
    type_into("Ausschuss zu hoch")
    key(Qt.Key.Key_Tab)
    type_into("5")
    # Timing: only partly known.
    key(Qt.Key.Key_4, ctrl)
    type_into("p")
    key(Qt.Key.Key_Tab)
    type_into("2027-q1")
    key(Qt.Key.Key_Tab)
    type_into("Messe im März")
    key(Qt.Key.Key_5, ctrl)
    type_into("Rückruf mit IT vereinbart")

    widgets = window.form.widgets
    assert isinstance(widgets["need_priority"], QComboBox) and widgets["need_priority"].currentData() == "5"
    assert isinstance(widgets["budget_amount"], QLineEdit) and widgets["budget_amount"].text() == "25000"
    assert isinstance(widgets["authority_people"], QPlainTextEdit)
    assert "SQL" in window.verdict_label.text()
    # The autosave caught up with the typing.
    assert window.draft_id is not None
    draft_id = window.draft_id
    qtbot.waitUntil(lambda: load_draft(db, draft_id).data["notes"] == "Rückruf mit IT vereinbart")

    key(Qt.Key.Key_Return, ctrl)
    qtbot.waitUntil(lambda: window.end_dialog is not None and window.end_dialog.isVisible())
    dialog = window.end_dialog
    assert dialog is not None and dialog.outcome() == "qualified"  # suggested from the verdict
    qtbot.waitUntil(lambda: dialog.isActiveWindow())
    key(Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    key(Qt.Key.Key_A, ctrl)
    type_into("Angebot senden")
    key(Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    assert focused() is dialog.due_date
    key(Qt.Key.Key_Up)  # one day later than proposed
    key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.result_dialog is not None and window.result_dialog.isVisible())
    result_dialog = window.result_dialog
    assert result_dialog is not None and result_dialog.suggestion == "sql"
    qtbot.waitUntil(lambda: result_dialog.isActiveWindow())
    key(Qt.Key.Key_Return)  # "Move to SQL" is the default
    qtbot.waitUntil(lambda: not window.isVisible())

    lead = get_lead(db, lead_id)
    assert lead.stage == "sql" and lead.bant_confirmed == 3
    tz = window.tz
    with db.session() as s:
        call = s.execute(select(Activity).where(Activity.lead_id == lead_id)).scalar_one()
        q = s.execute(select(Qualification).where(Qualification.lead_id == lead_id)).scalar_one()
        task = s.execute(select(Task).where(Task.lead_id == lead_id)).scalar_one()
        changes = s.execute(
            select(QualificationChange).where(QualificationChange.lead_id == lead_id)
        ).scalars()
        changed = {c.field: (c.new_value, c.activity_id) for c in changes}
    assert call.kind == "call" and call.outcome == "qualified" and call.duration_s is not None
    assert call.notes == "Rückruf mit IT vereinbart"
    assert (q.budget_status, q.authority_status, q.need_status, q.timing_status) == (
        "confirmed",
        "confirmed",
        "confirmed",
        "partial",
    )
    assert (
        q.budget_amount == 25000
        and q.budget_approved == "yes"
        and q.budget_notes == "Investitionsbudget 2027"
    )
    assert q.authority_is_decision_maker == "yes" and q.authority_people == "Frau Berg (Einkauf)"
    assert q.need_pain == "Ausschuss zu hoch" and q.need_priority == 5
    assert q.timing_target == "2027-Q1" and q.timing_driver == "Messe im März"
    today = local_day(call.created_at, tz)
    assert task.title == "Angebot senden" and task.all_day and task.activity_id == call.id
    assert local_day(task.due_at, tz) == default_follow_up_day(today) + timedelta(days=1)
    assert lead.next_follow_up is not None and local_day(lead.next_follow_up, tz) > today
    assert changed["need_priority"] == ("5", call.id) and changed["timing_target"] == ("2027-Q1", call.id)
    assert len(changed) == 13
    assert pending_drafts(db) == []
    assert isinstance(today, date)


def test_no_fit_suggests_lost_with_reason_and_confirm_moves(qtbot: QtBot, db: Database) -> None:
    lead_id = _lead(db)
    window = CallWindow(db, lead_id, who="anna", tz="Europe/Berlin")
    qtbot.addWidget(window)
    window.show()
    window.form.set_state(
        {"budget_status": "no_fit", "budget_notes": "kein Budget vor 2028", "need_status": "confirmed"}
    )
    window.form.changed.emit()
    assert "Lost" in window.verdict_label.text()
    window.request_end()
    dialog = window.end_dialog
    assert dialog is not None
    assert (
        dialog.outcome() == "disqualified" and not dialog.next_step.isChecked()
    )  # no follow-up for a no-fit
    dialog.accept()
    result = window.result_dialog
    assert result is not None and result.suggestion == "lost"
    assert result.reason.text() == "No budget — kein Budget vor 2028"
    result.reason.setText("")  # a Lost needs a reason: confirming with none is refused
    assert result.confirm is not None
    result.confirm.click()
    assert result.isVisible() and get_lead(db, lead_id).stage == "lead"
    result.reason.setText("Kein Budget")
    result.confirm.click()
    lead = get_lead(db, lead_id)
    assert lead.stage == "lost" and lead.lost_reason == "Kein Budget"
    assert lead.next_follow_up is None


def test_keep_stage_moves_nothing_and_invalid_input_is_marked(qtbot: QtBot, db: Database) -> None:
    lead_id = _lead(db)
    window = CallWindow(db, lead_id, who="anna")
    qtbot.addWidget(window)
    window.show()
    window.form.set_state({"budget_amount": "viel", "need_priority": ""})
    window.request_end()
    assert window.end_dialog is None  # refused: the amount is marked and focused
    amount = window.form.widgets["budget_amount"]
    assert "amount" in amount.toolTip() and "Please fix" in window.status_label.text()
    state = dict.fromkeys(("budget_status", "authority_status", "need_status"), "confirmed")
    window.form.set_state(state | {"budget_amount": "12500.5"})
    window.request_end()
    assert window.end_dialog is not None and amount.toolTip() == ""
    window.end_dialog.accept()
    result = window.result_dialog
    assert result is not None and result.suggestion == "sql"
    keep = result.findChild(QWidget, "keep_stage")
    assert keep is not None
    keep.click()  # type: ignore[attr-defined]
    assert get_lead(db, lead_id).stage == "lead"
    assert window.result is not None and window.result.qualification.budget_amount == 12500.5


def test_rule_dialog_changes_the_suggestion(qtbot: QtBot, db: Database) -> None:
    dialog = QualificationRuleDialog(db)
    qtbot.addWidget(dialog)
    assert dialog.rule() == VerdictRule()  # the default: Need + 2 others, no-fit → Lost
    dialog.required["budget"].setChecked(True)
    assert dialog.min_others.maximum() == 2
    dialog.min_others.setValue(1)
    dialog.no_fit.setChecked(False)
    dialog.save()
    assert get_rule(db) == VerdictRule(("budget", "need"), 1, False)
    lead_id = _lead(db)
    window = CallWindow(db, lead_id)
    qtbot.addWidget(window)
    state = {"budget_status": "confirmed", "need_status": "confirmed", "timing_status": "no_fit"}
    window.form.set_state(state)
    window.form.changed.emit()
    # Under this rule a no-fit no longer suggests Lost, but it still keeps the lead from SQL.
    assert "does not fit: Timing" in window.verdict_label.text() and "Lost" not in window.verdict_label.text()
    window.form.set_state({"timing_status": "unknown"})
    window.form.changed.emit()
    assert "still open: Authority, Timing" in window.verdict_label.text()  # one more of the others
    window.form.set_state({"authority_status": "confirmed"})
    window.form.changed.emit()
    assert "suggests <b>SQL</b>" in window.verdict_label.text()
