"""Settings pages that edit lists the team keeps: sources and trade fairs, tags, lost reasons.

Each shows what is stored and what is in use on leads (read on the operations layer's read
lane by :class:`leaddesk.ui.settings_dialog.SettingsDialog`); a tag in use is renamed on the
leads themselves, asking first.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core.preferences import Fair, Preferences
from leaddesk.ui.i18n import lost_reason_labels
from leaddesk.ui.settings_base import Page, hint_label, list_table, select_row

translate = QCoreApplication.translate


class _ListPage(Page):
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


class SourcesPage(Page):
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
        self.table = list_table(
            self, [self.tr("Source"), self.tr("Trade fair"), self.tr("Dates"), self.tr("Cost")]
        )
        header = self.table.horizontalHeader()
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
        select_row(self.table, name)

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
