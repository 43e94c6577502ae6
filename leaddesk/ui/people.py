"""People (team mode): the user list in Settings, and "Who is working?" on this computer.

The list is the database's (:mod:`leaddesk.core.people`): add, rename (the owner of their leads
follows), deactivate (asked first, No by default). Who is working is this machine's choice
(:mod:`leaddesk.core.who`); it is asked once at start when the team has two or more users and
nobody was chosen here, and can be changed in Settings → People. Every history entry, audit
entry and new lead's owner then names that person; :mod:`leaddesk.ui.working` tells open windows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core import people, who
from leaddesk.core.changes import Changes
from leaddesk.core.db import Database
from leaddesk.core.errors import LeadDeskError
from leaddesk.core.people import UserView
from leaddesk.ui.dialogs import confirmed, destructive_question
from leaddesk.ui.i18n import error_text
from leaddesk.ui.ops import operations
from leaddesk.ui.settings_base import list_table, select_row
from leaddesk.ui.working import choose_who, who_notifier

if TYPE_CHECKING:
    from leaddesk.ui.main_window import MainWindow


class WhoDialog(QDialog):
    """Who is working? The active users; OK (or a double click) remembers the choice here."""

    def __init__(self, names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("whoDialog")
        self.setWindowTitle(self.tr("Who is working?"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Choose your name. LeadDesk remembers it on this computer and signs your changes "
                "with it; you can change it in Settings → People."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        self.list.addItems(names)
        current = next((i for i, n in enumerate(names) if n.casefold() == who.current().casefold()), 0)
        self.list.setCurrentRow(current)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.list.setFocus()

    def chosen(self) -> str | None:
        item = self.list.currentItem()
        return item.text() if item is not None else None

    def accept(self) -> None:
        try:
            choose_who(self.chosen())
        except LeadDeskError as exc:
            QMessageBox.warning(self, self.windowTitle(), error_text(exc))
            return
        super().accept()


def ask_who_if_needed(window: MainWindow) -> None:
    """At start: nobody chosen here (nor ``--as``/``LEADDESK_USER``) and 2+ active users: ask once."""
    if who.chosen() is not None:
        return
    db = window.db

    def done(names: list[str]) -> None:
        if len(names) < 2 or who.chosen() is not None:
            return
        dialog = WhoDialog(names, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.who_dialog = dialog  # type: ignore[attr-defined]
        dialog.open()

    window.ops.read(lambda _op: people.active_names(db), done=done, owner=window)


class UserDialog(QDialog):
    """A new user: name, initials (made from the name when left empty), e-mail."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add user"))
        form = QFormLayout(self)
        self.name = QLineEdit(self)
        self.name.setMaxLength(people.NAME_MAX)
        self.initials = QLineEdit(self)
        self.initials.setMaxLength(people.INITIALS_MAX)
        self.email = QLineEdit(self)
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Initials"), self.initials)
        form.addRow(self.tr("&Email"), self.email)
        self.name.textChanged.connect(lambda text: self.initials.setPlaceholderText(people.initials_of(text)))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class PeoplePage(QWidget):
    """Settings → People: the team's users and who is working on this computer.

    Changes are written at once (each one transaction on the write lane), as a tag rename is;
    the page follows every ``users`` change, from this window or another.
    """

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.ops = operations(db)
        self.users: list[UserView] = []
        layout = QVBoxLayout(self)
        hint = QLabel(
            self.tr(
                "Everyone working with this database. A user's name is the owner on their leads: "
                "renaming a user renames it there too. Deactivate someone who left; their leads "
                "and history keep the name."
            ),
            self,
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.table = list_table(
            self, [self.tr("Name"), self.tr("Initials"), self.tr("Email"), self.tr("Status")]
        )
        self.table.setObjectName("users")
        self.table.currentCellChanged.connect(lambda *_: self._update())
        layout.addWidget(self.table, 1)
        self.show_inactive = QCheckBox(self.tr("Show deactivated users"), self)
        self.show_inactive.toggled.connect(lambda _on: self._fill())
        layout.addWidget(self.show_inactive)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add…"), self)
        self.add_button.clicked.connect(lambda: self.add())
        self.rename_button = QPushButton(self.tr("Re&name…"), self)
        self.rename_button.clicked.connect(lambda: self.rename_current())
        self.deactivate_button = QPushButton(self.tr("&Deactivate…"), self)
        self.deactivate_button.clicked.connect(lambda: self.deactivate_current())
        self.reactivate_button = QPushButton(self.tr("Reac&tivate"), self)
        self.reactivate_button.clicked.connect(lambda: self.reactivate_current())
        for button in (self.add_button, self.rename_button, self.deactivate_button, self.reactivate_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        box = QGroupBox(self.tr("This computer"), self)
        form = QFormLayout(box)
        self.who = QComboBox(box)
        self.who.setObjectName("whoIsWorking")
        self.who.activated.connect(lambda _index: self._choose_who())
        form.addRow(self.tr("&Who is working?"), self.who)
        layout.addWidget(box)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.ops.changed.connect(self._on_changes)
        who_notifier().changed.connect(self._who_changed)
        self._update()
        self.reload()

    # --- reading ------------------------------------------------------------------------------
    def reload(self) -> None:
        db = self.db
        self.ops.read(lambda _op: people.list_users(db), done=self._loaded, owner=self)

    def _loaded(self, users: list[UserView]) -> None:
        self.users = users
        self._fill()

    def _on_changes(self, changes: Changes) -> None:
        if changes.users and shiboken6.isValid(self):
            self.reload()

    def _fill(self) -> None:
        selected = self.current()
        shown = [u for u in self.users if u.active or self.show_inactive.isChecked()]
        self.table.setRowCount(len(shown))
        for row, user in enumerate(shown):
            status = self.tr("Active") if user.active else self.tr("Deactivated")
            for col, text in enumerate((user.name, user.initials, user.email, status)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, user.name)
                self.table.setItem(row, col, item)
            if selected is not None and user.id == selected.id:
                self.table.setCurrentCell(row, 0)
        self._fill_who()
        self._update()

    def _fill_who(self) -> None:
        chosen = who.chosen()
        self.who.clear()
        if chosen is None:
            login = who.login_name()
            self.who.addItem(self.tr("Not chosen (your login name: %1)").replace("%1", login or "–"), "")
        for user in self.users:
            if user.active:
                self.who.addItem(user.name, user.name)
        if chosen is not None:
            index = self.who.findData(chosen)
            if index < 0:  # chosen elsewhere (LEADDESK_USER, a user since deactivated): show it
                self.who.addItem(chosen, chosen)
                index = self.who.count() - 1
            self.who.setCurrentIndex(index)

    def _who_changed(self, _name: str) -> None:
        if shiboken6.isValid(self):  # the notifier outlives the dialog
            self._fill_who()

    def current(self) -> UserView | None:
        item = self.table.item(self.table.currentRow(), 0)
        name = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return next((u for u in self.users if u.name == name), None)

    def select(self, name: str) -> None:
        select_row(self.table, name)

    def _update(self) -> None:
        user = self.current()
        self.rename_button.setEnabled(user is not None)
        self.deactivate_button.setEnabled(user is not None and user.active)
        self.reactivate_button.setEnabled(user is not None and not user.active)

    # --- writing ------------------------------------------------------------------------------
    def _write(self, fn: Any, done_text: str) -> None:
        labels = {"name": self.tr("Name"), "initials": self.tr("Initials"), "email": self.tr("Email")}

        def failed(exc: BaseException, _trace: str) -> None:
            self.status.setText(error_text(exc, labels))

        self.status.clear()
        self.ops.write(
            lambda _op: fn(), done=lambda _changes: self.status.setText(done_text), failed=failed, owner=self
        )

    def add(self, name: str | None = None, *, initials: str = "", email: str = "") -> None:
        if name is None:
            dialog = UserDialog(self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            name, initials, email = dialog.name.text(), dialog.initials.text(), dialog.email.text()
        db, clean = self.db, " ".join(name.split())
        self._write(
            lambda: people.add_user(db, clean, initials=initials, email=email),
            self.tr("%1 added.").replace("%1", clean),
        )

    def rename_current(self, new: str | None = None) -> None:
        user = self.current()
        if user is None:
            return
        if new is None:
            new, ok = QInputDialog.getText(
                self, self.tr("Rename user"), self.tr("New name (their leads follow):"), text=user.name
            )
            if not ok:
                return
        db, clean = self.db, " ".join(new.split())
        if not clean or clean == user.name:
            return
        self._write(
            lambda: people.rename_user(db, user.name, clean),
            self.tr("%1 is now %2, on their leads too.").replace("%1", user.name).replace("%2", clean),
        )

    def deactivate_current(self) -> None:
        """Asks first (No is the default); the user's leads and history keep the name."""
        user = self.current()
        if user is None or not user.active:
            return
        box = destructive_question(
            self,
            self.tr("Deactivate user"),
            self.tr(
                "Deactivate %1? They are no longer offered as a new owner or as who is working. "
                "Their leads and history keep the name; you can reactivate them later."
            ).replace("%1", user.name),
            self.tr("Deactivate %1").replace("%1", user.name),
            harmless=QMessageBox.StandardButton.No,
        )
        box.exec()
        if not confirmed(box):
            return
        db = self.db
        self._write(
            lambda: people.deactivate_user(db, user.name), self.tr("%1 deactivated.").replace("%1", user.name)
        )

    def reactivate_current(self) -> None:
        user = self.current()
        if user is None or user.active:
            return
        db = self.db
        self._write(
            lambda: people.set_active(db, user.name, True),
            self.tr("%1 is active again.").replace("%1", user.name),
        )

    def _choose_who(self) -> None:
        name = self.who.currentData()
        try:
            choose_who(name or None)
        except LeadDeskError as exc:
            self.status.setText(error_text(exc))
            return
        if name:
            self.status.setText(self.tr("On this computer, %1 is working.").replace("%1", name))
