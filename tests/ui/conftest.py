"""UI fixtures: a main window over a small database the test fills itself."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from leaddesk.core.services.leads import LeadView, create_lead


def _catalogue(qapp: Any, language: str) -> Iterator[list[Any]]:
    from PySide6.QtCore import QLocale

    from leaddesk.ui.i18n import install_translators

    default = QLocale()
    translators = install_translators(qapp, language)
    assert translators, f"leaddesk_{language}.qm did not load"
    yield translators
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(default)


@pytest.fixture
def german(qapp: Any) -> Iterator[list[Any]]:
    """The German catalogue installed for one test (its translators), none again afterwards."""
    yield from _catalogue(qapp, "de")


@pytest.fixture
def english(qapp: Any) -> Iterator[list[Any]]:
    """The English catalogue (plural forms: "1 lead", "2 leads"), as the app installs it."""
    yield from _catalogue(qapp, "en")


@pytest.fixture
def add_lead(db: Any) -> Callable[..., LeadView]:
    """Create a lead through the core service (the same path as the editor)."""

    def add(last_name: str, *, stage: str = "lead", **fields: Any) -> LeadView:
        view, _warnings = create_lead(db, {"last_name": last_name, **fields}, stage=stage)
        return view

    return add


@pytest.fixture
def elsewhere(db: Any) -> Iterator[Any]:
    """The same database file opened a second time, as another LeadDesk process would: its writes
    reach this process's windows only through the database, never through the change signal."""
    from leaddesk.core.db import Database

    other = Database.open(db.engine.url.render_as_string(hide_password=False))
    yield other
    other.close()


@pytest.fixture
def window(qtbot: Any, db: Any) -> Iterator[Any]:
    """A shown main window; build leads *before* requesting it, or call ``window.board.reload()``."""
    from leaddesk.ui.main_window import MainWindow

    win = MainWindow(db)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    if win.editor is not None:  # a dirty editor would ask (modally) when the window closes
        win.editor.done(0)
    win.board.undo_stack.clear()
    win.close()
    win.deleteLater()


class Questions:
    """Answers LeadDesk's destructive questions in a test and keeps what they said."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.answer = True
        self.defaults: list[str] = []

    def exec(self, box: Any) -> int:
        from PySide6.QtWidgets import QPushButton

        self.asked.append(box.text())
        default = box.defaultButton()
        self.defaults.append(default.text() if default is not None else "")
        action = box.findChild(QPushButton, "destructiveAction")
        if action is None:  # not a destructive question: a test that did not expect it
            raise AssertionError(f"unexpected question: {box.text()}")
        (action if self.answer else default).click()
        return 0


@pytest.fixture
def questions(monkeypatch: Any) -> Questions:
    """Every destructive question is answered with its destructive button (``answer = False``:
    with the default one); ``asked`` holds their texts, ``defaults`` the default buttons."""
    from PySide6.QtWidgets import QMessageBox

    answers = Questions()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: answers.exec(box))
    return answers
