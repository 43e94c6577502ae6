"""People as a user meets them: Settings → People, "Who is working?", "My leads"."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from leaddesk.core import who
from leaddesk.core.people import add_user, list_users
from leaddesk.core.services.leads import get_lead, stage_history


@pytest.fixture
def settings(window: Any, qtbot: Any) -> Any:
    from leaddesk.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.db, window)
    qtbot.addWidget(dialog)
    dialog.show()
    page = dialog.show_page("owners")
    assert page is dialog.people
    return dialog


def settle(qtbot: Any, window: Any) -> None:
    qtbot.waitUntil(lambda: not window.ops.busy, timeout=5000)
    QApplication.processEvents()


def rows(page: Any) -> list[tuple[str, ...]]:
    table = page.table
    columns = range(table.columnCount())
    return [tuple(table.item(r, c).text() for c in columns) for r in range(table.rowCount())]


def test_settings_user_list_add_rename_deactivate(
    db: Any, add_lead: Any, window: Any, settings: Any, qtbot: Any, questions: Any
) -> None:
    lead = add_lead("Kessler", owner="Anna Berger")  # a lead's owner is a user from then on
    page = settings.people
    page.reload()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    page.add("Tobias Klein", email="tobias@example.com")
    qtbot.waitUntil(lambda: page.table.rowCount() == 2)
    assert rows(page) == [
        ("Anna Berger", "AB", "", "Active"),
        ("Tobias Klein", "TK", "tobias@example.com", "Active"),
    ]
    page.add("anna berger")  # refused: said on the page, nothing added
    qtbot.waitUntil(lambda: "is a user already" in page.status.text())
    assert len(list_users(db)) == 2

    page.select("Anna Berger")
    page.rename_current("Anna Schmidt")
    qtbot.waitUntil(lambda: rows(page)[0][0] == "Anna Schmidt")
    assert get_lead(db, lead.id).owner == "Anna Schmidt"  # the lead followed

    page.select("Tobias Klein")
    questions.answer = False  # Enter / Esc: the harmless default
    page.deactivate_button.click()
    assert questions.defaults == ["&No"] or questions.defaults == ["No"]
    assert "Deactivate Tobias Klein?" in questions.asked[0]
    settle(qtbot, window)
    assert all(u.active for u in list_users(db))
    questions.answer = True
    page.deactivate_button.click()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)  # deactivated users are hidden …
    qtbot.waitUntil(lambda: window.former_users == {"Tobias Klein"})
    editor = window.open_editor(None)  # … and get no new leads
    owners = [editor.widgets["owner"].itemText(i) for i in range(editor.widgets["owner"].count())]
    assert "Anna Schmidt" in owners and "Tobias Klein" not in owners
    editor.done(0)
    page.show_inactive.setChecked(True)  # … unless asked for
    assert rows(page)[1] == ("Tobias Klein", "TK", "tobias@example.com", "Deactivated")
    page.select("Tobias Klein")
    assert page.reactivate_button.isEnabled() and not page.deactivate_button.isEnabled()
    page.reactivate_button.click()
    qtbot.waitUntil(lambda: rows(page)[1][3] == "Active")


def test_who_is_working_is_chosen_in_settings(db: Any, window: Any, settings: Any, qtbot: Any) -> None:
    add_user(db, "Anna Berger")
    add_user(db, "Tobias Klein")
    page = settings.people
    page.reload()
    qtbot.waitUntil(lambda: page.who.count() == 3)
    assert page.who.itemData(0) == ""  # nobody chosen yet: the login name is used
    index = page.who.findData("Tobias Klein")
    page.who.setCurrentIndex(index)
    page.who.activated.emit(index)
    assert who.stored() == "Tobias Klein"
    assert page.who.count() == 2 and page.who.currentText() == "Tobias Klein"


def test_first_start_asks_who_is_working_once(db: Any, window: Any, qtbot: Any) -> None:
    from leaddesk.ui.people import ask_who_if_needed

    add_user(db, "Anna Berger")
    ask_who_if_needed(window)
    settle(qtbot, window)
    assert getattr(window, "who_dialog", None) is None  # one user: nothing to ask
    add_user(db, "Tobias Klein")
    ask_who_if_needed(window)
    qtbot.waitUntil(lambda: getattr(window, "who_dialog", None) is not None and window.who_dialog.isVisible())
    dialog = window.who_dialog
    assert [dialog.list.item(i).text() for i in range(dialog.list.count())] == ["Anna Berger", "Tobias Klein"]
    QTest.keyClick(dialog.list, Qt.Key.Key_Down)  # keyboard only: pick, Enter
    QTest.keyClick(dialog.list, Qt.Key.Key_Return)
    assert not dialog.isVisible() and who.stored() == "Tobias Klein"
    window.who_dialog = None
    ask_who_if_needed(window)  # chosen now: never asked again
    settle(qtbot, window)
    assert window.who_dialog is None


def test_my_leads_filter_by_keyboard(db: Any, add_lead: Any, qtbot: Any, window_factory: Any) -> None:
    mine = add_lead("Mine", owner="Anna Berger")
    add_lead("Theirs", owner="Tobias Klein")
    add_lead("Nobody's")
    who.choose("Anna Berger")
    window = window_factory()
    bar = window.filters
    assert not bar.act_mine.isChecked()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keySequence(window, QKeySequence("Ctrl+Shift+M"))
    assert bar.act_mine.isChecked() and bar.owner.checked() == ["Anna Berger"]
    assert bar.current_filter().owner == "Anna Berger"
    qtbot.waitUntil(lambda: board_ids(window) == {mine.id})
    assert "Anna Berger" in bar.act_mine.toolTip()
    # The button takes the keyboard focus; Space turns it off again.
    assert bar.mine.focusPolicy() & Qt.FocusPolicy.TabFocus
    bar.mine.setFocus()
    QTest.keyClick(bar.mine, Qt.Key.Key_Space)
    assert not bar.act_mine.isChecked() and bar.owner.checked() == []
    qtbot.waitUntil(lambda: len(board_ids(window)) == 3)
    # Choosing the owner by hand lights the button; choosing someone else as working follows.
    bar.owner.set_checked(["Anna Berger"])
    assert bar.act_mine.isChecked()
    from leaddesk.ui.working import choose_who

    choose_who("Tobias Klein")
    assert bar.owner.checked() == ["Tobias Klein"] and bar.act_mine.isChecked()


def test_new_lead_is_owned_and_signed_by_who_is_working(db: Any, window: Any, qtbot: Any) -> None:
    add_user(db, "Anna Berger")
    add_user(db, "Tobias Klein")
    who.choose("Tobias Klein")
    editor = window.open_editor(None)
    assert editor.widgets["owner"].currentText() == "Tobias Klein"
    assert not editor.dirty  # offered, not typed: closing asks nothing
    editor.widgets["last_name"].setText("Kessler")
    assert editor.save() is True
    view = window.editor.lead if window.editor is not None and window.editor.lead else None
    lead_id = view.id if view is not None else max(board_ids(window))
    assert get_lead(db, lead_id).owner == "Tobias Klein"
    assert [m.actor for m in stage_history(db, lead_id)] == ["Tobias Klein"]


def board_ids(window: Any) -> set[int]:
    out: set[int] = set()
    for column in window.board.columns.values():
        out |= set(column.view.column_model().ids)
    return out


@pytest.fixture
def window_factory(qtbot: Any, db: Any) -> Any:
    """A main window built when the test asks (after its leads and choices), closed afterwards."""
    from leaddesk.ui.main_window import MainWindow

    made: list[Any] = []

    def make() -> Any:
        win = MainWindow(db)
        win.resize(1280, 800)
        win.show()
        qtbot.waitExposed(win)
        made.append(win)
        return win

    yield make
    for win in made:
        win.board.undo_stack.clear()
        win.close()
        win.deleteLater()


def test_a_card_taken_at_the_booth_is_owned_by_who_is_working(db: Any, qtbot: Any) -> None:
    from leaddesk.ui.quick_entry import open_quick_entry
    from tests.ui.test_quick_entry import enter, leads, type_fields

    who.choose("Sabine Roth")
    entry = open_quick_entry(db)
    qtbot.addWidget(entry)
    entry.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is entry.source_edit)
    enter(qtbot)
    type_fields(qtbot, "Eva", "Roth", "Roth GmbH")
    enter(qtbot)
    (lead,) = leads(db)
    assert lead.owner == "Sabine Roth"
    assert [m.actor for m in stage_history(db, lead.id)] == ["Sabine Roth"]
