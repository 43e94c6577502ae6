"""Settings → Database: where the leads are, and switching this computer to the office server.

The data folder and the database in use are shown; below, a PostgreSQL server can be tested and
chosen (for the next start) or left again for this computer's own file. The choice is this
computer's (``leaddesk/core/paths.py``: ``server.json`` beside the window settings); the password
goes into the system keyring, never into LeadDesk's files. Connecting takes up to ten seconds, so
tests and the keyring run on the operations layer's read lane, never on the GUI thread.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import URL

from leaddesk.core import paths
from leaddesk.core.db import Database, ServerCheck, check_server, server_address, server_label, store_password
from leaddesk.ui.i18n import error_text, tr_core
from leaddesk.ui.ops import Op, operations
from leaddesk.ui.settings_base import data_folder, hint_label, open_folder


class DatabasePage(QWidget):
    """The data folder, the database in use, and the office server this computer may use."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.ops = operations(db)
        self.busy = False
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                self.tr(
                    "All your leads are in one database file in this folder. Copy the whole folder "
                    "to move LeadDesk to another computer."
                ),
                self,
            )
        )
        self.folder = data_folder(db)
        form = QFormLayout()
        folder = QLineEdit(str(self.folder), self)
        folder.setReadOnly(True)
        folder.setObjectName("dataFolder")
        form.addRow(self.tr("Data folder"), folder)
        in_use = str(db.file) if db.file is not None else server_label(db.engine.url)
        self.in_use = QLineEdit(in_use, self)
        self.in_use.setReadOnly(True)
        form.addRow(self.tr("Database in use"), self.in_use)
        layout.addLayout(form)
        self.open_button = QPushButton(self.tr("Open folder"), self)
        self.open_button.clicked.connect(lambda: open_folder(self.folder))
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self._server_box())
        layout.addStretch(1)
        self._fill(paths.chosen_server() or (None if db.file is not None else db.engine.url))

    def _server_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Office server (PostgreSQL)"), self)
        layout = QVBoxLayout(box)
        layout.addWidget(
            hint_label(
                self.tr(
                    "Colleagues share one database on a PostgreSQL server; the README's section "
                    "“An office server in ten minutes” sets one up. The password is kept in the "
                    "system's keyring, never in LeadDesk's files."
                ),
                box,
            )
        )
        form = QFormLayout()
        self.host = QLineEdit(box)
        self.host.setPlaceholderText(self.tr("e.g. server.office.local"))
        self.port = QSpinBox(box)
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit("leaddesk", box)
        self.user = QLineEdit(box)
        self.password = QLineEdit(box)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("stored in the keyring"))
        self.ssl = QCheckBox(self.tr("Encrypted connection (required)"), box)
        self.ssl.setChecked(True)
        form.addRow(self.tr("Server"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("Database name"), self.database)
        form.addRow(self.tr("User"), self.user)
        form.addRow(self.tr("Password"), self.password)
        form.addRow("", self.ssl)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.test_button = QPushButton(self.tr("&Test connection"), box)
        self.use_button = QPushButton(self.tr("&Use this server"), box)
        self.file_button = QPushButton(self.tr("Use this computer's &file"), box)
        self.test_button.clicked.connect(self.test_connection)
        self.use_button.clicked.connect(self.use_server)
        self.file_button.clicked.connect(self.use_file)
        for button in (self.test_button, self.use_button, self.file_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.result = QLabel(box)
        self.result.setWordWrap(True)
        self.result.setObjectName("serverResult")
        layout.addWidget(self.result)
        self.fields = (self.host, self.port, self.database, self.user, self.password, self.ssl)
        for edit in (self.host, self.database, self.user):
            edit.textChanged.connect(self._update)
        if os.environ.get("LEADDESK_DATABASE_URL"):
            # The environment decides on this computer: the page must not pretend otherwise.
            self.result.setText(self.tr("LEADDESK_DATABASE_URL decides which database LeadDesk opens here."))
            for widget in (*self.fields, self.test_button, self.use_button, self.file_button):
                widget.setEnabled(False)
        return box

    def _fill(self, url: URL | None) -> None:
        """The fields from the chosen server (or the one in use)."""
        if url is None:
            self._update()
            return
        socket = url.query.get("host")
        self.host.setText(str(socket) if isinstance(socket, str) else (url.host or ""))
        self.port.setValue(url.port or 5432)
        self.database.setText(url.database or "")
        self.user.setText(url.username or "")
        self.ssl.setChecked(url.query.get("sslmode") == "require")
        self._update()

    def address(self) -> URL:
        """The server database the fields name, with the typed password (for the check only)."""
        return server_address(
            self.host.text(),
            self.port.value(),
            self.database.text(),
            self.user.text(),
            ssl=self.ssl.isChecked(),
            password=self.password.text(),
        )

    def _update(self) -> None:
        locked = bool(os.environ.get("LEADDESK_DATABASE_URL"))
        complete = bool(self.host.text().strip() and self.database.text().strip())
        self.test_button.setEnabled(complete and not self.busy and not locked)
        self.use_button.setEnabled(complete and not self.busy and not locked)
        self.file_button.setEnabled(paths.chosen_server() is not None and not self.busy and not locked)

    def _run(self, fn: Callable[[Op], ServerCheck], done: Callable[[ServerCheck], None]) -> None:
        self.busy = True
        self.result.setText(self.tr("Connecting…"))
        self._update()

        def finish(value: ServerCheck) -> None:
            self.busy = False
            self._update()
            done(value)

        def failed(exc: BaseException, _trace: str) -> None:
            self.busy = False
            self._update()
            self.result.setText(error_text(exc))

        self.ops.read(fn, done=finish, failed=failed, owner=self)

    def test_connection(self) -> None:
        url = self.address()
        self._run(lambda _op: check_server(url), self._show_check)

    def _show_check(self, check: ServerCheck) -> None:
        if check.problem:
            self.result.setText(self.tr("Not usable yet: %1").replace("%1", tr_core(check.message)))
        else:
            self.result.setText(self.tr("Connected: %1").replace("%1", tr_core(check.message)))

    def use_server(self) -> None:
        """Check the server, keep the password in the keyring, and choose it for the next start."""
        url = self.address()
        password = self.password.text()

        def work(_op: Op) -> ServerCheck:
            check = check_server(url)
            if not check.problem:
                if password:
                    store_password(url, password)  # LeadDeskError when there is no keyring
                paths.choose_server(url)
            return check

        def done(check: ServerCheck) -> None:
            if check.problem:
                self._show_check(check)
                return
            self.password.clear()
            self.result.setText(
                self.tr(
                    "LeadDesk opens %1 when it starts next. The leads in this computer's file stay "
                    "there (leaddesk migrate-to copies them to an empty server)."
                ).replace("%1", server_label(url))
            )

        self._run(work, done)

    def use_file(self) -> None:
        """Back to this computer's own database file from the next start on."""
        paths.choose_server(None)
        self._update()
        self.result.setText(
            self.tr("LeadDesk opens this computer's file when it starts next: %1").replace(
                "%1", str(paths.database_file(paths.data_dir()))
            )
        )
