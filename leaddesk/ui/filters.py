"""Search as you type plus filters (source, tag, owner, score range, follow-up due).

Every change emits one ``LeadFilter``; the board narrows all columns with it. The search goes
straight to the FTS index on each keystroke (≈1 ms for "mül" with 100,000 leads), so there is
no debounce delay to wait for.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QToolButton,
    QWidget,
)

from leaddesk.core.services.query import LeadFilter
from leaddesk.ui.zone import zone_name


def local_zone() -> str:
    """The user's zone ("follow-up due" means due before midnight there): see ``leaddesk.ui.zone``."""
    return zone_name()


class FilterBar(QWidget):
    """The row above the board."""

    filter_changed = Signal(object)  # LeadFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 0)
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search name, company, email, city, notes (Ctrl+F)"))
        self.search.setMinimumWidth(220)
        self.search.textChanged.connect(self._emit)
        layout.addWidget(self.search, 3)
        self.source = self._combo(self.tr("All sources"))
        self.tag = self._combo(self.tr("All tags"))
        self.owner = self._combo(self.tr("All owners"))
        for combo in (self.source, self.tag, self.owner):
            layout.addWidget(combo, 1)
        layout.addWidget(QLabel(self.tr("Score"), self))
        self.score_min = QSpinBox(self)
        self.score_max = QSpinBox(self)
        for spin, value in ((self.score_min, 0), (self.score_max, 100)):
            spin.setRange(0, 100)
            spin.setValue(value)
            spin.setAccelerated(True)
            spin.valueChanged.connect(self._emit)
        self.score_min.setToolTip(self.tr("Lowest score shown"))
        self.score_max.setToolTip(self.tr("Highest score shown"))
        layout.addWidget(self.score_min)
        layout.addWidget(QLabel("–", self))
        layout.addWidget(self.score_max)
        self.due = QCheckBox(self.tr("Follow-up due"), self)
        self.due.setToolTip(self.tr("Only leads whose next follow-up is today or overdue"))
        self.due.toggled.connect(self._emit)
        layout.addWidget(self.due)
        # A report's selection ("Report: MQL, 42 leads"): shown only while it limits the board.
        self.selection = QToolButton(self)
        self.selection.setObjectName("reportSelection")
        self.selection.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.selection.setToolTip(
            self.tr("The board shows only the leads chosen in a report. Click to show all.")
        )
        self.selection.clicked.connect(self.clear_selection)
        self.selection.hide()
        layout.addWidget(self.selection)
        self._ids: frozenset[int] | None = None
        self.clear_button = QToolButton(self)
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Clear search and filters"))
        self.clear_button.clicked.connect(self.clear)
        layout.addWidget(self.clear_button)
        self._quiet = False

    def _combo(self, any_label: str) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(any_label, "")
        combo.setMinimumContentsLength(10)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.currentIndexChanged.connect(self._emit)
        return combo

    def set_choices(self, sources: list[str], tags: list[str], owners: list[str]) -> None:
        """Fill the combos, keeping the current choice where it still exists."""
        self._quiet = True
        try:
            for combo, items in ((self.source, sources), (self.tag, tags), (self.owner, owners)):
                current = combo.currentData()
                while combo.count() > 1:
                    combo.removeItem(1)
                for item in items:
                    combo.addItem(item, item)
                index = combo.findData(current)
                combo.setCurrentIndex(max(index, 0))
        finally:
            self._quiet = False

    def current_filter(self) -> LeadFilter:
        low, high = self.score_min.value(), self.score_max.value()
        return LeadFilter(
            tz=local_zone(),
            search=self.search.text(),
            source=self.source.currentData() or "",
            tag=self.tag.currentData() or "",
            owner=self.owner.currentData() or "",
            score_min=low if low > 0 else None,
            score_max=high if high < 100 else None,
            follow_up_due=self.due.isChecked(),
            ids=self._ids,
        )

    def set_selection(self, ids: frozenset[int], label: str) -> None:
        """Show exactly ``ids`` (a report's bar or row), other filters cleared; ``label`` names it."""
        self._quiet = True
        try:
            self._clear_widgets()
        finally:
            self._quiet = False
        self._ids = frozenset(ids)
        n = len(self._ids)
        text = self.tr("Report: %1 (%Ln lead(s)) ✕", "", n).replace("%1", label)
        self.selection.setText(text)
        self.selection.show()
        self._emit()

    def clear_selection(self) -> None:
        if self._ids is None:
            return
        self._ids = None
        self.selection.hide()
        self._emit()

    def clear(self) -> None:
        self._quiet = True
        try:
            self._clear_widgets()
            self._ids = None
            self.selection.hide()
        finally:
            self._quiet = False
        self._emit()

    def _clear_widgets(self) -> None:
        """Every widget back to "any"; the caller keeps ``_quiet`` set meanwhile."""
        self.search.clear()
        for combo in (self.source, self.tag, self.owner):
            combo.setCurrentIndex(0)
        self.score_min.setValue(0)
        self.score_max.setValue(100)
        self.due.setChecked(False)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _emit(self, *_args: object) -> None:
        if not self._quiet:
            self.filter_changed.emit(self.current_filter())
