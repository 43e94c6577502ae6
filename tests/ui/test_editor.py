"""The lead editor: inline validation from the core, save/undo, unsaved changes, save conflicts."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from leaddesk.core.services.leads import get_lead, update_lead


def test_editor_refuses_invalid_email_and_says_why(db: Any, add_lead: Any, window: Any) -> None:
    lead = add_lead("Anna Schmidt", email="anna@example.de")
    window.board.reload()
    editor = window.open_editor(lead.id)
    email = editor.widgets["email"]
    email.setText("anna@@example")
    email.editingFinished.emit()  # leaving the field validates it
    assert "not a valid email" in editor.error_text("email")
    assert email.property("invalid") is True

    assert editor.save() is False
    assert editor.isVisible()
    assert get_lead(db, lead.id).email == "anna@example.de"

    email.setText("anna.schmidt@example.de")
    email.editingFinished.emit()
    assert editor.error_text("email") == ""
    assert editor.save() is True
    assert get_lead(db, lead.id).email == "anna.schmidt@example.de"


def test_phone_that_cannot_be_read_is_kept_with_a_note(db: Any, add_lead: Any, window: Any) -> None:
    lead = add_lead("Bernd")
    window.board.reload()
    editor = window.open_editor(lead.id)
    editor.widgets["phone"].setText("ask reception")
    editor.widgets["phone"].editingFinished.emit()
    assert "kept as typed" in editor.error_labels["phone"].text()
    assert editor.widgets["phone"].property("invalid") is False  # a note, not a refusal


def test_edit_saves_with_ctrl_s_and_undo_restores(db: Any, add_lead: Any, window: Any, qtbot: Any) -> None:
    lead = add_lead("Carla", company="Alt GmbH", value=100)
    window.board.reload()
    editor = window.open_editor(lead.id)
    editor.widgets["company"].setText("Neu GmbH")
    editor.widgets["value"].setValue(2500)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    qtbot.keyClick(editor.widgets["company"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not editor.isVisible()
    saved = get_lead(db, lead.id)
    assert (saved.company, saved.value) == ("Neu GmbH", 2500)
    assert window.board.columns["lead"].header.value == 2500
    assert window.board.models["lead"].card_at(0).company == "Neu GmbH"

    window.act_undo.trigger()
    restored = get_lead(db, lead.id)
    assert (restored.company, restored.value) == ("Alt GmbH", 100)
    assert window.board.models["lead"].card_at(0).company == "Alt GmbH"
    window.act_redo.trigger()
    assert get_lead(db, lead.id).company == "Neu GmbH"


@pytest.mark.parametrize(
    ("answer", "still_open", "company"),
    [
        (QMessageBox.StandardButton.Cancel, True, "Alt"),
        (QMessageBox.StandardButton.Discard, False, "Alt"),
        (QMessageBox.StandardButton.Save, False, "Neu"),
    ],
)
def test_unsaved_changes_are_never_dropped_silently(
    db: Any,
    add_lead: Any,
    window: Any,
    qtbot: Any,
    monkeypatch: Any,
    answer: Any,
    still_open: bool,
    company: str,
) -> None:
    lead = add_lead("Dora", company="Alt")
    window.board.reload()
    editor = window.open_editor(lead.id)
    editor.widgets["company"].setText("Neu")
    asked: list[bool] = []

    def fake_exec(box: QMessageBox) -> Any:
        asked.append(True)
        return answer

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert asked == [True]
    assert editor.isVisible() is still_open
    assert get_lead(db, lead.id).company == company


def test_cancel_without_changes_does_not_ask(db: Any, add_lead: Any, window: Any, monkeypatch: Any) -> None:
    lead = add_lead("Emil", next_follow_up=None)
    window.board.reload()
    editor = window.open_editor(lead.id)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: pytest.fail("asked without changes"))
    editor.reject()
    assert not editor.isVisible()


def test_save_conflict_offers_a_choice(
    db: Any, add_lead: Any, window: Any, monkeypatch: Any, elsewhere: Any
) -> None:
    lead = add_lead("Frida", company="Start", city="Ulm")
    window.board.reload()
    editor = window.open_editor(lead.id)
    update_lead(elsewhere, lead.id, {"city": "Köln"}, expected_version=lead.version)  # another process
    editor.widgets["company"].setText("Mine GmbH")

    def keep_editing(box: QMessageBox) -> int:
        box.button_clicked = None
        return 0

    monkeypatch.setattr(QMessageBox, "exec", keep_editing)
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: None)
    assert editor.save() is False
    assert editor.isVisible() and get_lead(db, lead.id).company == "Start"

    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: editor.overwrite_button)
    assert editor.save() is True
    saved = get_lead(db, lead.id)
    assert (saved.company, saved.city) == ("Mine GmbH", "Köln")  # only my field overwritten


def test_new_lead_needs_a_name_or_company(db: Any, window: Any) -> None:
    editor = window.open_editor(None)
    assert editor.save() is False
    assert "needs a name or a company" in editor.error_text("last_name")
    editor.widgets["company"].setText("Nur Firma AG")
    assert editor.save() is True
    assert window.board.columns["lead"].header.count == 1


def test_add_tab_lets_features_join(db: Any, add_lead: Any, window: Any) -> None:
    from PySide6.QtWidgets import QLabel

    lead = add_lead("Gustav")
    window.editor_hooks.append(lambda ed: ed.add_tab(QLabel("timeline"), "Timeline"))
    editor = window.open_editor(lead.id)
    assert editor.tabs.tabText(editor.tabs.count() - 1) == "Timeline"


def test_saving_a_lead_merged_away_meanwhile_says_so_and_keeps_the_form(
    db: Any, add_lead: Any, window: Any, monkeypatch: Any
) -> None:
    from leaddesk.core.services.merge import merge_leads

    a = add_lead("Müller", first_name="Anna", email="anna@mb.example")
    b = add_lead("Mueller", first_name="Anna", phone="0711 123456")
    window.board.reload()
    editor = window.open_editor(b.id)
    editor.widgets["city"].setText("Stuttgart")
    merge_leads(db, a.id, b.id, {})  # Find duplicates → Merge, in another window
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: said.append(text))
    assert editor.save() is False
    assert said == [f"lead {b.id} does not exist\nWhat you typed is still in the form."]
    assert editor.isVisible() and editor.widgets["city"].text() == "Stuttgart"
    editor.done(0)


def test_ctrl_n_starts_in_the_first_name_and_tab_leaves_the_notes(
    db: Any, add_lead: Any, window: Any, qtbot: Any
) -> None:
    from tests.ui.keys import CTRL, focused, key, type_into

    add_lead("Schon da")
    window.board.reload()
    window.board.focus_board()
    key(Qt.Key.Key_N, CTRL)
    editor = window.editor
    assert editor is not None and editor.lead is None
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    type_into("Anna")
    assert editor.widgets["first_name"].text() == "Anna"
    editor.tabs.setCurrentIndex(2)  # Sales
    notes = editor.widgets["notes"]
    notes.setFocus()
    type_into("Rückruf")
    key(Qt.Key.Key_Tab)
    assert notes.toPlainText() == "Rückruf" and focused() is not notes
    editor.done(0)


def test_the_value_shows_the_leads_own_currency(db: Any, add_lead: Any, window: Any) -> None:
    chf = add_lead("Huber", company="Huber AG", value=10000, currency="CHF")
    eur = add_lead("Berg", value=500)
    window.board.reload()
    for lead, suffix in ((chf, " CHF"), (eur, " €")):
        editor = window.open_editor(lead.id)
        assert editor.widgets["value"].suffix() == suffix
        editor.done(0)


def test_salutation_and_academic_title_are_edited_and_saved(db: Any, add_lead: Any, window: Any) -> None:
    lead = add_lead("Dora Berg")
    window.board.reload()
    editor = window.open_editor(lead.id)
    combo = editor.widgets["salutation"]
    assert combo.currentData() == ""
    combo.setCurrentIndex(combo.findData("ms"))
    editor.widgets["academic_title"].setText("prof dr")
    assert editor.save() is True
    saved = get_lead(db, lead.id)
    assert (saved.salutation, saved.academic_title) == ("ms", "Prof. Dr.")
    again = window.open_editor(lead.id)
    assert again.widgets["salutation"].currentData() == "ms"
    assert again.widgets["academic_title"].text() == "Prof. Dr."
