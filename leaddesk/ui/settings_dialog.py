"""Edit → Settings… (Ctrl+,): the team's settings in one dialog, one page each.

Pages: general (currency, time zone, language), follow-ups (default delay, working days,
handover threshold) and backups here; sources and trade fairs (dates, cost), tags and lost
reasons in :mod:`leaddesk.ui.settings_lists`; people (the user list and who is working here:
:mod:`leaddesk.ui.people`, written at once); the database (:mod:`leaddesk.ui.database_page`).
What pages share is :mod:`leaddesk.ui.settings_base`.

Values come from :mod:`leaddesk.core.preferences` (which keeps every setting where it already
lived) and are written there in one transaction on Apply/OK, on the operations layer's write
lane; every open window follows the change signal (``settings``).

Other features add pages with :func:`register_page` (before the dialog opens) or
``dialog.add_page(title, factory)``. A page registered under the key ``"owners"`` takes the
place of the People page.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core.changes import Changes
from leaddesk.core.db import Database
from leaddesk.core.preferences import Preferences, write_preferences
from leaddesk.core.services.query import all_tags, distinct_values
from leaddesk.ui import prefs
from leaddesk.ui.i18n import error_text
from leaddesk.ui.ops import Op, operations
from leaddesk.ui.settings_base import Page, data_folder, hint_label, open_folder
from leaddesk.ui.settings_lists import LostReasonsPage, SourcesPage, TagsPage

if TYPE_CHECKING:
    from leaddesk.ui.main_window import MainWindow
    from leaddesk.ui.people import PeoplePage

translate = QCoreApplication.translate
PageFactory = Callable[["SettingsDialog"], QWidget]

# Pages other features add to every Settings dialog: key → (title function, factory).
_REGISTERED: dict[str, tuple[Callable[[], str], PageFactory]] = {}

CURRENCIES = ("EUR", "CHF", "USD", "GBP", "PLN", "CZK", "SEK", "DKK", "NOK")


def register_page(key: str, title: Callable[[], str], factory: PageFactory) -> None:
    """Add a page to every Settings dialog opened from now on (``title`` is called then, so it is
    translated). Key ``"owners"`` replaces the built-in People page."""
    _REGISTERED[key] = (title, factory)


class GeneralPage(Page):
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


class FollowUpPage(Page):
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


class BackupsPage(Page):
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
        self.pages: list[Page] = []

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
        if isinstance(page, Page):
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
