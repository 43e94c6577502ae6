"""Nothing lost: a call that never ended is offered again with every field as typed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from leaddesk.core.db import Database
from leaddesk.core.services.leads import create_lead
from leaddesk.core.services.qualification import pending_drafts, save_draft
from leaddesk.ui.call import CallWindow, offer_pending_drafts, start_discovery_call
from leaddesk.ui.call.recovery import DraftRecoveryDialog
from tests.ui.keys import FILLED_NOTES, FILLED_STATE, fill_whole_form

ROOT = Path(__file__).resolve().parents[2]


def _lead(db: Database) -> int:
    return create_lead(db, {"first_name": "Petra", "last_name": "Jäger", "company": "Jäger Logistik KG"})[
        0
    ].id


def _resume_and_check(qtbot: QtBot, db: Database, lead_id: int) -> CallWindow:
    drafts = pending_drafts(db)
    assert [d.lead_id for d in drafts] == [lead_id]
    dialog = offer_pending_drafts(db)
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1 and "Petra Jäger" in dialog.list.item(0).text()
    qtbot.waitUntil(dialog.isActiveWindow)
    QTest.keyClick(dialog.list, Qt.Key.Key_Return)  # Enter resumes the selected call
    assert len(dialog.windows) == 1
    window = dialog.windows[0]  # closed by each test (it deletes itself on close)
    assert window.form.state() == FILLED_STATE
    assert window.notes.toPlainText() == FILLED_NOTES
    assert window.draft_id == drafts[0].id
    assert window.elapsed_s() >= int(drafts[0].data["elapsed_s"])
    return window


def test_window_destroyed_without_close_handler(qtbot: QtBot, db: Database) -> None:
    lead_id = _lead(db)
    window = start_discovery_call(db, lead_id)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.form.focus_section("budget")
    fill_whole_form()
    qtbot.waitUntil(
        lambda: (
            pending_drafts(db)[0].data.get("form") == FILLED_STATE
            and pending_drafts(db)[0].data.get("notes") == FILLED_NOTES
        )
    )
    shiboken6.delete(window)  # the C++ object goes; closeEvent never runs
    resumed = _resume_and_check(qtbot, db, lead_id)
    assert start_discovery_call(db, lead_id) is resumed  # one window per lead, brought to the front
    resumed.close()  # closing mid-call keeps the draft for later …
    qtbot.waitUntil(lambda: not shiboken6.isValid(resumed))
    assert [d.lead_id for d in pending_drafts(db)] == [lead_id]
    again = start_discovery_call(db, lead_id)  # … and starting a call with the lead resumes it
    assert again.form.state() == FILLED_STATE and again.draft_id == pending_drafts(db)[0].id
    again.close()


def test_autosave_is_debounced(qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """Typing a sentence costs one draft write after the pause, not one per key."""
    from leaddesk.ui.call import window as window_module

    calls: list[int] = []
    real = window_module.save_draft

    def counting(*args: object, **kwargs: object) -> int:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(window_module, "save_draft", counting)
    window = CallWindow(db, _lead(db))
    qtbot.addWidget(window)
    window.show()
    assert len(calls) == 1  # the call exists from its first second
    window.notes.setFocus()
    QTest.keyClicks(window.notes, "Kunde ruft morgen zurueck")
    assert len(calls) == 1
    qtbot.waitUntil(lambda: len(calls) == 2)
    assert pending_drafts(db)[0].data["notes"] == "Kunde ruft morgen zurueck"


def test_draft_survives_sigkill(qtbot: QtBot, db: Database, data_dir: Path) -> None:
    lead_id = _lead(db)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    with subprocess.Popen(
        [sys.executable, "-m", "tests.ui.call_child", str(data_dir), str(lead_id)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as child:
        assert child.stdout is not None and child.stderr is not None
        try:
            line = child.stdout.readline()
            if not line.startswith("SAVED"):
                child.kill()
                raise AssertionError(f"child did not save its draft: {child.stderr.read()}")
        finally:
            child.send_signal(signal.SIGKILL)  # no close handler, no atexit: a crash
            child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    _resume_and_check(qtbot, db, lead_id).close()


def _two_drafts(qtbot: QtBot, db: Database) -> DraftRecoveryDialog:
    for name in ("Jäger", "Weber"):
        lead_id = create_lead(db, {"last_name": name, "company": f"{name} KG"})[0].id
        save_draft(db, lead_id, {"version": 1, "form": {}, "notes": "", "elapsed_s": 60})
    dialog = offer_pending_drafts(db)
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.list.count() == 2
    return dialog


def _close_all(dialog: DraftRecoveryDialog) -> None:
    for window in dialog.windows:
        window.close()


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_one_enter_resumes_exactly_the_selected_call(qtbot: QtBot, db: Database, key: Qt.Key) -> None:
    """Regression: Enter resumed the selected call (itemActivated) and then the next (default button)."""
    dialog = _two_drafts(qtbot, db)
    QTest.keyClick(dialog.list, Qt.Key.Key_Down)  # the second (older) call, by keyboard
    wanted = dialog.list.currentItem().text()
    QTest.keyClick(dialog.list, key)
    try:
        assert len(dialog.windows) == 1
        assert dialog.windows[0].lead.last_name in wanted
        assert dialog.list.count() == 1 and dialog.list.item(0).text() != wanted
        assert dialog.isVisible()  # one call left to decide on
    finally:
        _close_all(dialog)
    QTest.keyClick(dialog.list, key)  # the last one: resumed, and the dialog closes
    try:
        assert len(dialog.windows) == 2 and dialog.list.count() == 0
        assert not dialog.isVisible()
    finally:
        _close_all(dialog)


def test_double_click_resumes_the_clicked_call_once(qtbot: QtBot, db: Database) -> None:
    dialog = _two_drafts(qtbot, db)
    item = dialog.list.item(1)
    wanted = item.text()
    where = dialog.list.visualItemRect(item).center()
    # A real double-click: QTest's mouseDClick alone lacks the first click the view needs.
    QTest.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=where)
    QTest.mouseDClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=where)
    try:
        assert len(dialog.windows) == 1
        assert dialog.windows[0].lead.last_name in wanted
        assert [dialog.list.item(i).text() for i in range(dialog.list.count())] != [wanted]
        assert dialog.list.count() == 1
    finally:
        _close_all(dialog)


def test_discarding_a_recovered_call_asks_and_defaults_to_keeping_it(
    qtbot: QtBot, db: Database, questions
) -> None:
    dialog = _two_drafts(qtbot, db)
    assert not dialog.discard_button.autoDefault() and dialog.resume_button.isDefault()
    questions.answer = False
    dialog.discard_button.click()
    assert questions.defaults == ["Cancel"] and "cannot be undone" in questions.asked[0]
    assert len(pending_drafts(db)) == 2 and dialog.list.count() == 2  # nothing thrown away
    questions.answer = True
    dialog.discard_button.click()
    assert len(pending_drafts(db)) == 1 and dialog.list.count() == 1
    _close_all(dialog)
