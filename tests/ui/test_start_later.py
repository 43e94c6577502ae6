"""Start fast (issue 18): what the app's window builds after its first paint is there as always,
and a key or a click that comes sooner finds it (leaddesk.ui.later)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

from leaddesk.ui.later import Later


def _window(qtbot: Any, db: Any, *, later: bool) -> Any:
    """A main window with its features, built as the app's start builds it (``later``) or at once."""
    from leaddesk.ui import features
    from leaddesk.ui.main_window import MainWindow
    from leaddesk.ui.startup import build_hidden_later

    if later:
        build_hidden_later()
    window = MainWindow(db)
    qtbot.addWidget(window)
    features.install(window)
    return window


def _menus(window: Any) -> dict[str, list[str]]:
    return {name: [a.text() for a in menu.actions()] for name, menu in window.menus.items()}


def _hooks(window: Any) -> tuple[list[str], list[str]]:
    return (
        [h.__qualname__ for h in window.editor_hooks],
        [h.__qualname__ for h in window.card_menu_hooks],
    )


def test_what_waits_for_the_first_paint_is_built_right_after_it_as_it_always_was(
    qtbot: Any, db: Any, add_lead: Any
) -> None:
    add_lead("Berg", company="Berg GmbH")
    at_once = _window(qtbot, db, later=False)
    window = _window(qtbot, db, later=True)
    # Before the paint: no list page, no Settings, Help or data-protection entries yet.
    assert window.later.pending and window.list_page._list is None
    assert not hasattr(window.features, "privacy")
    assert len(_menus(window)["help"]) < len(_menus(at_once)["help"])
    with qtbot.waitSignal(window.board.first_painted, timeout=10_000):
        window.show()
    qtbot.waitUntil(lambda: not window.later.pending, timeout=5_000)
    # Then: the same menus in the same order, the same editor and card-menu hooks, the list page.
    assert _menus(window) == _menus(at_once)
    assert _hooks(window) == _hooks(at_once)
    assert window.list_page._list is not None
    assert window.list_page.stack.indexOf(window.list_page.list) == 1


@pytest.fixture
def early_window(qtbot: Any, db: Any, add_lead: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The app's window, active, and a user quicker than its first paint: nothing runs the waiting
    work but their input."""
    monkeypatch.setattr(Later, "run_after", lambda self, painted: None)
    add_lead("Berg")
    window = _window(qtbot, db, later=True)
    window.show()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # shortcuts need an active window
    assert window.later.pending
    return window


def test_a_shortcut_pressed_before_its_menu_entry_is_built_still_works(early_window: Any) -> None:
    window = early_window
    assert getattr(window, "settings_dialog", None) is None
    QTest.keySequence(window, QKeySequence("Ctrl+,"))  # Edit → Settings…
    assert not window.later.pending
    dialog = window.settings_dialog
    assert dialog.isVisible()
    dialog.close()
    QTest.keyClick(window, Qt.Key.Key_F1)  # Help → Keyboard shortcuts, built by the key above
    shortcuts = window.findChild(QDialog, "shortcutsOverlay")
    assert shortcuts is not None and shortcuts.isVisible()
    shortcuts.close()


def test_a_click_before_the_menus_are_built_finds_every_entry(early_window: Any) -> None:
    window = early_window
    bar = window.menuBar()
    QTest.mousePress(bar, Qt.MouseButton.LeftButton, pos=QPoint(bar.width() - 2, bar.height() // 2))
    QTest.mouseRelease(bar, Qt.MouseButton.LeftButton, pos=QPoint(bar.width() - 2, bar.height() // 2))
    assert not window.later.pending
    assert "&Keyboard shortcuts" in _menus(window)["help"]
    assert window.list_page._list is not None


def test_the_list_shown_last_is_built_before_the_paint(qtbot: Any, db: Any, add_lead: Any) -> None:
    from leaddesk.ui.main_window import MainWindow

    add_lead("Berg")
    store = MainWindow.settings(None)  # type: ignore[arg-type]  # the window's ini file
    store.setValue("list/shown", True)
    store.sync()
    window = _window(qtbot, db, later=True)
    assert window.list_page._list is not None and window.list_page.list_shown
