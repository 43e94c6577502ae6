"""Edit → Settings… (Ctrl+,): the team's settings in one dialog, one page each.

Pages: general (currency, time zone, language), follow-ups (default delay, working days,
handover threshold), sources and trade fairs (dates, cost), tags, lost reasons, people (the
user list and who is working here: :mod:`leaddesk.ui.people`, written at once), backups, data
folder. Values come from :mod:`leaddesk.core.preferences` (which keeps every setting where it
already lived) and are written there in one transaction on Apply/OK, on the operations layer's
write lane; every open window follows the change signal (``settings``).

Other features add pages with :func:`register_page` (before the dialog opens) or
``dialog.add_page(title, factory)``. A page registered under the key ``"owners"`` takes the
place of the People page.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core import paths
from leaddesk.core.changes import Changes
from leaddesk.core.db import Database
from leaddesk.core.preferences import Fair, Preferences, write_preferences
from leaddesk.core.services.query import all_tags, distinct_values
from leaddesk.ui import prefs
from leaddesk.ui.i18n import error_text, lost_reason_labels
from leaddesk.ui.ops import Op, operations

if TYPE_CHECKING:
    from leaddesk.ui.main_window import MainWindow
    from leaddesk.ui.people import PeoplePage

translate = QCoreApplication.translate
PageFactory = Callable[["SettingsDialog"], QWidget]

#: Pages other features add to every Settings dialog: key → (title function, factory).
_REGISTERED: dict[str, tuple[Callable[[], str], PageFactory]] = {}

CURRENCIES = ("EUR", "CHF", "USD", "GBP", "PLN", "CZK", "SEK", "DKK", "NOK")


def register_page(key: str, title: Callable[[], str], factory: PageFactory) -> None:
    """Add a page to every Settings dialog opened from now on (``title`` is called then, so it is
    translated). Key ``"owners"`` replaces the built-in People page."""
    _REGISTERED[key] = (title, factory)


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


class _Page(QWidget):
    """A page showing part of ``Preferences``; ``values()`` returns the fields it edits."""

    def load(self, p: Preferences) -> None:
        pass

    def values(self) -> dict[str, Any]:
        return {}


class GeneralPage(_Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.currency = QComboBox(self)
        self.currency.setEditable(True)
        self.currency.addItems(CURRENCIES)
        edit = self.currency.lineEdit()
        if edit is not None:
            edit.setMaxLength(3)
        form.addRow(self.tr("Home currency"), self.currency)
        form.addRow("", hint_label(self.tr("The currency of new leads."), self))
        self.timezone = QComboBox(self)
        self.timezone.setEditable(True)
        self.timezone.addItems(sorted(zoneinfo.available_timezones()))
        self.timezone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.timezone.setMinimumContentsLength(20)
        form.addRow(self.tr("Time zone"), self.timezone)
        form.addRow(
            "", hint_label(self.tr("Where your day begins: what is due today, and every date shown."), self)
        )
        self.language = QComboBox(self)
        self.language.addItem(self.tr("As the system"), "")
        self.language.addItem("English", "en")
        self.language.addItem("Deutsch", "de")
        self.language.setCurrentIndex(max(self.language.findData(prefs.stored_language() or ""), 0))
        form.addRow(self.tr("Language"), self.language)
        form.addRow("", hint_label(self.tr("A new language takes effect when LeadDesk starts again."), self))

    def load(self, p: Preferences) -> None:
        self.currency.setCurrentText(p.currency)
        self.timezone.setCurrentText(p.timezone)

    def values(self) -> dict[str, Any]:
        return {
            "currency": self.currency.currentText().strip().upper(),
            "timezone": self.timezone.currentText().strip(),
        }


class FollowUpPage(_Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.delay = QSpinBox(self)
        self.delay.setRange(0, 365)
        self.delay.setSuffix(self.tr(" days"))
        form.addRow(self.tr("Default follow-up"), self.delay)
        form.addRow("", hint_label(self.tr("How far ahead a new follow-up is proposed."), self))
        days = QWidget(self)
        row = QHBoxLayout(days)
        row.setContentsMargins(0, 0, 0, 0)
        loc = QLocale()
        self.days: list[QCheckBox] = []
        for weekday in range(7):  # Monday = 0, as Python counts; Qt counts Monday = 1
            box = QCheckBox(loc.dayName(weekday + 1, QLocale.FormatType.ShortFormat), days)
            box.setToolTip(loc.dayName(weekday + 1))
            self.days.append(box)
            row.addWidget(box)
        row.addStretch(1)
        form.addRow(self.tr("Working days"), days)
        form.addRow(
            "", hint_label(self.tr("Follow-ups moved to “the next working day” skip the other days."), self)
        )
        self.handover = QSpinBox(self)
        self.handover.setRange(0, 60)
        self.handover.setSuffix(self.tr(" working days"))
        form.addRow(self.tr("Handover threshold"), self.handover)
        form.addRow(
            "",
            hint_label(self.tr("Reports flag an MQL that waits longer for its first sales activity."), self),
        )

    def load(self, p: Preferences) -> None:
        self.delay.setValue(p.follow_up_days)
        for weekday, box in enumerate(self.days):
            box.setChecked(weekday in p.working_days)
        self.handover.setValue(p.handover_days)

    def values(self) -> dict[str, Any]:
        return {
            "follow_up_days": self.delay.value(),
            "working_days": tuple(d for d, box in enumerate(self.days) if box.isChecked()),
            "handover_days": self.handover.value(),
        }


class _ListPage(_Page):
    """A list of names: those in use on leads (kept) and the team's own (add, remove)."""

    field = ""

    def __init__(self, intro: str, add_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(intro, self))
        self.list = QListWidget(self)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(add_label, self)
        self.add_button.clicked.connect(lambda: self.add())
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.clicked.connect(self.remove_current)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.button_row = row
        self.fixed: list[str] = []
        self.own: list[str] = []
        self.list.currentRowChanged.connect(lambda *_: self._update())

    def set_fixed(self, names: list[str]) -> None:
        self.fixed = names
        self._fill()

    def load(self, p: Preferences) -> None:
        self.own = list(getattr(p, self.field))
        self._fill()

    def _fill(self) -> None:
        self.list.clear()
        fixed = {n.casefold() for n in self.fixed}
        for name in self.fixed:
            item = QListWidgetItem(name, self.list)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item.setToolTip(self.tr("In use"))
        for name in self.own:
            if name.casefold() not in fixed:
                item = QListWidgetItem(name, self.list)
                item.setData(Qt.ItemDataRole.UserRole, name)
        self._update()

    def _update(self) -> None:
        item = self.list.currentItem()
        self.remove_button.setEnabled(item is not None and item.data(Qt.ItemDataRole.UserRole) is not None)

    def add(self, name: str | None = None) -> None:
        if name is None:
            name, ok = QInputDialog.getText(self, self.add_button.text().rstrip("…"), self.tr("Name:"))
            if not ok:
                return
        name = " ".join(name.split())
        known = {n.casefold() for n in self.fixed + self.own}
        if name and name.casefold() not in known:
            self.own.append(name)
            self._fill()

    def remove_current(self) -> None:
        item = self.list.currentItem()
        name = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if name in self.own:
            self.own.remove(name)
            self._fill()

    def values(self) -> dict[str, Any]:
        return {self.field: tuple(self.own)}


class TagsPage(_ListPage):
    """Tags in use and the team's own; "Rename…" renames one on every lead at once (undoable)."""

    field = "tags"

    def __init__(
        self, parent: QWidget | None = None, rename: Callable[[str, str], Any] | None = None
    ) -> None:
        super().__init__(
            translate(
                "SettingsDialog",
                "Tags in use on leads are listed first. Tags you add here are offered in the filter "
                "before any lead carries them. Rename a tag to change it on every lead.",
            ),
            translate("SettingsDialog", "Add tag…"),
            parent,
        )
        self.rename_on_leads = rename
        self.rename_button = QPushButton(translate("SettingsDialog", "Rename…"), self)
        self.rename_button.setObjectName("renameTag")
        self.rename_button.clicked.connect(lambda: self.rename_current())
        self.button_row.insertWidget(1, self.rename_button)  # Add, Rename, Remove
        self._update()

    def _update(self) -> None:
        super()._update()
        if hasattr(self, "rename_button"):
            self.rename_button.setEnabled(self.list.currentItem() is not None)

    def rename_current(self, new: str | None = None) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        old = item.text()
        if new is None:
            new, ok = QInputDialog.getText(
                self,
                translate("SettingsDialog", "Rename tag"),
                translate("SettingsDialog", "New name:"),
                text=old,
            )
            if not ok:
                return
        new = " ".join(new.split())
        if not new or new == old or "," in new:
            return
        in_use = item.data(Qt.ItemDataRole.UserRole) is None  # on leads: rename it there first
        if in_use and (self.rename_on_leads is None or self.rename_on_leads(old, new) is None):
            return
        self.own = [new if n.casefold() == old.casefold() else n for n in self.own]
        self.fixed = [new if n.casefold() == old.casefold() else n for n in self.fixed]
        self._fill()


class LostReasonsPage(_ListPage):
    field = "lost_reasons"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            translate(
                "SettingsDialog",
                "When a lead is lost, LeadDesk asks why. The built-in reasons are always offered; "
                "add your team's own below them.",
            ),
            translate("SettingsDialog", "Add reason…"),
            parent,
        )
        self.set_fixed(list(lost_reason_labels().values()))


class SourcesPage(_Page):
    """Sources, and which are trade fairs with their dates and cost (the reports' cost per lead)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                self.tr(
                    "Sources come from the leads; add one before its first lead (a fair next month). "
                    "A trade fair's cost gives the reports their cost per lead."
                ),
                self,
            )
        )
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Source"), self.tr("Trade fair"), self.tr("Dates"), self.tr("Cost")]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        box = QGroupBox(self.tr("Selected source"), self)
        form = QFormLayout(box)
        self.is_fair = QCheckBox(self.tr("This source is a trade fair"), box)
        form.addRow(self.is_fair)
        dates = QWidget(box)
        dl = QHBoxLayout(dates)
        dl.setContentsMargins(0, 0, 0, 0)
        self.start = QDateEdit(dates)
        self.end = QDateEdit(dates)
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDate(QDate.currentDate())
        dl.addWidget(self.start)
        dl.addWidget(QLabel("–", dates))
        dl.addWidget(self.end)
        dl.addStretch(1)
        form.addRow(self.tr("From – to"), dates)
        self.cost = QDoubleSpinBox(box)
        self.cost.setRange(0, 1e9)
        self.cost.setDecimals(2)
        self.cost.setGroupSeparatorShown(True)
        self.cost.setSpecialValueText(self.tr("not entered"))
        form.addRow(self.tr("Cost"), self.cost)
        layout.addWidget(box)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add source…"), self)
        self.add_button.clicked.connect(lambda: self.add())
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setToolTip(self.tr("Only sources no lead uses can be removed"))
        self.remove_button.clicked.connect(self.remove_current)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.in_use: list[str] = []
        self.own: list[str] = []
        self.fairs: dict[str, Fair] = {}
        self.costs: dict[str, float] = {}
        self.currency = "EUR"
        self._loading = False
        self.table.currentCellChanged.connect(lambda *_: self._show_selected())
        for signal in (
            self.is_fair.toggled,
            self.start.dateChanged,
            self.end.dateChanged,
            self.cost.valueChanged,
        ):
            signal.connect(lambda *_: self._store_selected())

    def set_in_use(self, sources: list[str]) -> None:
        self.in_use = sources
        self._fill()

    def load(self, p: Preferences) -> None:
        self.own, self.fairs, self.costs, self.currency = (
            list(p.sources),
            dict(p.fairs),
            dict(p.costs),
            p.currency,
        )
        self.cost.setSuffix(" €" if p.currency == "EUR" else f" {p.currency}")
        self._fill()

    def names(self) -> list[str]:
        return sorted(dict.fromkeys([*self.in_use, *self.own, *self.fairs, *self.costs]), key=str.casefold)

    def _fill(self) -> None:
        current = self.current_name()
        self._loading = True
        try:
            names = self.names()
            self.table.setRowCount(len(names))
            loc = QLocale()
            for row, name in enumerate(names):
                fair = self.fairs.get(name)
                cost = self.costs.get(name)
                dates = ""
                if fair is not None and (fair.start or fair.end):
                    dates = " – ".join(
                        loc.toString(QDate(d.year, d.month, d.day), QLocale.FormatType.ShortFormat)
                        for d in (fair.start, fair.end)
                        if d
                    )
                cells = [
                    name,
                    "✓" if fair is not None else "",
                    dates,
                    loc.toCurrencyString(cost, "€" if self.currency == "EUR" else self.currency)
                    if cost
                    else "",
                ]
                for col, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    if col == 0:
                        item.setData(Qt.ItemDataRole.UserRole, name)
                    self.table.setItem(row, col, item)
                if name == current:
                    self.table.setCurrentCell(row, 0)
        finally:
            self._loading = False
        self._show_selected()

    def current_name(self) -> str | None:
        item = self.table.item(self.table.currentRow(), 0)
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return value if isinstance(value, str) else None

    def select(self, name: str) -> None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == name:
                self.table.setCurrentCell(row, 0)

    def _show_selected(self) -> None:
        name = self.current_name()
        self._loading = True
        try:
            for w in (self.is_fair, self.start, self.end, self.cost):
                w.setEnabled(name is not None)
            self.remove_button.setEnabled(name is not None and name not in self.in_use)
            fair = self.fairs.get(name or "")
            self.is_fair.setChecked(fair is not None)
            for edit, day in (
                (self.start, fair.start if fair else None),
                (self.end, fair.end if fair else None),
            ):
                edit.setEnabled(fair is not None)
                edit.setDate(QDate(day.year, day.month, day.day) if day else QDate.currentDate())
            self.cost.setValue(self.costs.get(name or "", 0.0))
        finally:
            self._loading = False

    def _store_selected(self) -> None:
        name = self.current_name()
        if self._loading or name is None:
            return
        if self.is_fair.isChecked():
            start: date = self.start.date().toPython()  # type: ignore[assignment]
            end: date = self.end.date().toPython()  # type: ignore[assignment]
            self.fairs[name] = Fair(start, max(start, end))
        else:
            self.fairs.pop(name, None)
        if self.cost.value() > 0:
            self.costs[name] = round(self.cost.value(), 2)
        else:
            self.costs.pop(name, None)
        self._fill()

    def add(self, name: str | None = None) -> None:
        if name is None:
            name, ok = QInputDialog.getText(self, self.tr("Add source"), self.tr("Name of the source:"))
            if not ok:
                return
        name = " ".join(name.split())
        if name and name not in self.names():
            self.own.append(name)
            self._fill()
        if name:
            self.select(name)

    def remove_current(self) -> None:
        name = self.current_name()
        if name is None or name in self.in_use:
            return
        for store in (self.fairs, self.costs):
            store.pop(name, None)
        if name in self.own:
            self.own.remove(name)
        self._fill()

    def values(self) -> dict[str, Any]:
        return {"sources": tuple(self.own), "fairs": dict(self.fairs), "costs": dict(self.costs)}


class BackupsPage(_Page):
    def __init__(
        self, db: Database, open_backups: Callable[[], Any] | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        from leaddesk.core.backups import KEEP_DAILY, KEEP_MONTHLY, KEEP_WEEKLY, backup_dir

        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                self.tr(
                    "LeadDesk backs up the database once a day when it starts and keeps %1 daily, "
                    "%2 weekly and %3 monthly copies."
                )
                .replace("%1", str(KEEP_DAILY))
                .replace("%2", str(KEEP_WEEKLY))
                .replace("%3", str(KEEP_MONTHLY)),
                self,
            )
        )
        self.folder = backup_dir(db.file) if db.file is not None else data_folder(db) / "backups"
        path = QLineEdit(str(self.folder), self)
        path.setReadOnly(True)
        path.setObjectName("backupFolder")
        form = QFormLayout()
        form.addRow(self.tr("Backup folder"), path)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Open folder"), self)
        self.open_button.clicked.connect(lambda: open_folder(self.folder))
        row.addWidget(self.open_button)
        self.backups_button = QPushButton(self.tr("Back up or restore…"), self)
        self.backups_button.setEnabled(open_backups is not None)
        if open_backups is not None:
            self.backups_button.clicked.connect(lambda: open_backups())
        row.addWidget(self.backups_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)


class SettingsDialog(QDialog):
    """The pages on the left, the chosen one on the right; OK, Apply and Cancel below."""

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        open_backups: Callable[[], Any] | None = None,
        rename_tag: Callable[[str, str], Any] | None = None,
    ) -> None:
        """``rename_tag(old, new)`` renames a tag on the leads (asking first; None: not done)."""
        super().__init__(parent)
        self.db = db
        self.ops = operations(db)
        self.setWindowTitle(self.tr("Settings"))
        self.setObjectName("settingsDialog")
        root = QVBoxLayout(self)
        body = QHBoxLayout()
        self.nav = QListWidget(self)
        self.nav.setObjectName("settingsPages")
        self.stack = QStackedWidget(self)
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        root.addLayout(body, 1)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        root.addWidget(self.status)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Apply
            | QDialogButtonBox.StandardButton.Cancel,
            self,
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(lambda: self.apply())
        root.addWidget(self.buttons)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.keys: list[str] = []
        self.pages: list[_Page] = []

        self.general = GeneralPage(self)
        self.follow_ups = FollowUpPage(self)
        self.sources = SourcesPage(self)
        self.tags = TagsPage(self, rename_tag)
        self.lost = LostReasonsPage(self)
        self._add("general", self.tr("General"), self.general)
        self._add("follow_ups", self.tr("Follow-ups"), self.follow_ups)
        self._add("sources", self.tr("Sources and trade fairs"), self.sources)
        self._add("tags", self.tr("Tags"), self.tags)
        self._add("lost_reasons", self.tr("Lost reasons"), self.lost)
        self.people: PeoplePage | None = None
        if "owners" in _REGISTERED:
            title, factory = _REGISTERED["owners"]
            self._add("owners", title(), factory(self))
        else:
            from leaddesk.ui.people import PeoplePage  # loaded when Settings opens, not at start

            self.people = PeoplePage(db, self)
            self._add("owners", self.tr("People"), self.people)
        self._add("backups", self.tr("Backups"), BackupsPage(db, open_backups, self))
        from leaddesk.ui.database_page import DatabasePage  # loaded when Settings opens, not at start

        self.data = DatabasePage(db, self)
        self._add("data", self.tr("Database"), self.data)
        for key, (title, factory) in _REGISTERED.items():
            if key != "owners":
                self._add(key, title(), factory(self))
        width = max(self.nav.sizeHintForColumn(0), 0) + 2 * self.nav.frameWidth() + 16
        self.nav.setFixedWidth(width)
        self.nav.setCurrentRow(0)
        self.stored = prefs.load(db)
        self._load(self.stored)
        self._read_choices()
        self.ops.changed.connect(self._on_changes)
        self.resize(self.fontMetrics().averageCharWidth() * 110, self.fontMetrics().height() * 34)

    # --- pages --------------------------------------------------------------------------------
    def _add(self, key: str, title: str, page: QWidget) -> None:
        self.keys.append(key)
        if isinstance(page, _Page):
            self.pages.append(page)
        self.stack.addWidget(page)
        QListWidgetItem(title, self.nav)

    def add_page(self, title: str, factory: PageFactory | QWidget, key: str | None = None) -> QWidget:
        """Add a page (a widget, or a factory given this dialog); returns the page."""
        page = factory if isinstance(factory, QWidget) else factory(self)
        self._add(key or title, title, page)
        self.nav.setFixedWidth(
            max(self.nav.width(), self.nav.sizeHintForColumn(0) + 2 * self.nav.frameWidth() + 16)
        )
        return page

    def show_page(self, key: str) -> QWidget:
        row = self.keys.index(key)
        self.nav.setCurrentRow(row)
        page = self.stack.widget(row)
        assert page is not None
        return page

    def _load(self, p: Preferences) -> None:
        for page in self.pages:
            page.load(p)

    def _read_choices(self) -> None:
        db = self.db

        def read(_op: Op) -> tuple[list[str], list[str]]:
            return distinct_values(db, "source"), all_tags(db)

        def done(choices: tuple[list[str], list[str]]) -> None:
            sources, tags = choices
            self.sources.set_in_use(sources)
            self.tags.set_fixed(tags)

        self.ops.read(read, done=done, owner=self)

    # --- saving -------------------------------------------------------------------------------
    def edited(self) -> dict[str, Any]:
        """The settings whose shown value differs from the stored one."""
        values: dict[str, Any] = {}
        for page in self.pages:
            values.update(page.values())
        return {k: v for k, v in values.items() if getattr(self.stored, k) != v}

    def language_edited(self) -> bool:
        return (self.general.language.currentData() or None) != prefs.stored_language()

    def apply(self, then: Callable[[], None] | None = None) -> Op | None:
        """Write what changed (one transaction); the language is kept for the next start."""
        if self.language_edited():
            prefs.store_language(self.general.language.currentData() or None)
            self.status.setText(self.tr("The new language takes effect when LeadDesk starts again."))
        changes = self.edited()
        if not changes:
            if then is not None:
                then()
            return None
        db = self.db

        def done(stored: Preferences) -> None:
            self.stored = stored
            if not self.language_edited():
                self.status.setText(self.tr("Settings saved."))
            if then is not None:
                then()

        def failed(exc: BaseException, trace: str) -> None:
            self.status.setText(error_text(exc))

        return self.ops.write(
            lambda _op: write_preferences(db, **changes), done=done, failed=failed, owner=self
        )

    def accept(self) -> None:
        self.apply(then=lambda: QDialog.accept(self))

    def _on_changes(self, changes: Changes) -> None:
        """Settings written elsewhere (another window, another dialog): show them, keep own edits."""
        if not changes.settings or not shiboken6.isValid(self):
            return
        db = self.db

        def done(p: Preferences) -> None:
            edits = self.edited()
            self.stored = p
            self._load(replace(p, **edits) if edits else p)

        from leaddesk.core.preferences import read_preferences

        self.ops.read(lambda _op: read_preferences(db), done=done, owner=self)


def install(window: MainWindow) -> QAction:
    """Edit → Settings… (Ctrl+,); the UI's copy of the settings follows every change."""
    prefs.follow(window.db)
    action = QAction(translate("SettingsDialog", "&Settings…"), window)
    action.setShortcuts([QKeySequence("Ctrl+,"), QKeySequence(QKeySequence.StandardKey.Preferences)])
    action.setMenuRole(QAction.MenuRole.PreferencesRole)
    keys = QKeySequence("Ctrl+,").toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(translate("SettingsDialog", "Settings (%1)").replace("%1", keys))

    def open_settings() -> SettingsDialog:
        dialog = getattr(window, "settings_dialog", None)
        if dialog is None or not shiboken6.isValid(dialog):
            features = getattr(window, "features", None)
            list_page = getattr(window, "list_page", None)
            dialog = SettingsDialog(
                window.db,
                window,
                open_backups=features.open_backups if features is not None else None,
                rename_tag=list_page.bulk.rename_tag if list_page is not None else None,
            )
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.settings_dialog = dialog  # type: ignore[attr-defined]
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    action.triggered.connect(lambda: open_settings())
    window.open_settings = open_settings  # type: ignore[attr-defined]
    window.add_feature_action("edit", action)
    return action
