"""What every Settings page shares: the page base class, its muted hint line, the data folder.

Kept apart from :mod:`leaddesk.ui.settings_dialog` so pages in other modules
(:mod:`leaddesk.ui.settings_lists`, :mod:`leaddesk.ui.database_page`) build on it without an
import circle.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableWidget, QWidget

from leaddesk.core import paths
from leaddesk.core.db import Database
from leaddesk.core.preferences import Preferences


def data_folder(db: Database) -> Path:
    """The folder holding the database file (the data folder), else the configured one."""
    return db.file.parent if db.file is not None else paths.data_dir()


def open_folder(folder: Path) -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def hint_label(text: str, parent: QWidget) -> QLabel:
    """A page's explaining line, in the muted colour of the theme."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setObjectName("settingsHint")
    label.setStyleSheet("#settingsHint { color: palette(placeholder-text); }")
    return label


class Page(QWidget):
    """A page showing part of ``Preferences``; ``values()`` returns the fields it edits."""

    def load(self, p: Preferences) -> None:
        pass

    def values(self) -> dict[str, Any]:
        return {}


def select_row(table: QTableWidget, key: str) -> None:
    """Make the row whose first cell carries ``key`` (its user-role data) the current one."""
    for row in range(table.rowCount()):
        item = table.item(row, 0)
        if item is not None and item.data(Qt.ItemDataRole.UserRole) == key:
            table.setCurrentCell(row, 0)


def list_table(parent: QWidget, headers: list[str]) -> QTableWidget:
    """A read-only table of a page's list: whole rows, one at a time, the first column stretched."""
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return table
