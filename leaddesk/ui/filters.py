"""Search as you type plus filters (sources, tags, owners, stages, score range, follow-up).

Every change emits one ``LeadFilter``; the board narrows all columns with it. The search goes
straight to the FTS index on each keystroke (≈1 ms for "mül" with 100,000 leads), so there is
no debounce delay to wait for.

Sources, tags, owners and stages are checkable drop-downs (:class:`CheckCombo`): a click ticks
one more, Enter or ``setCurrentIndex`` picks exactly one (the old single-choice API). When the
bar is too narrow for one row (1024 px, German labels) it wraps into two rows instead of
clipping its labels.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPaintEvent,
    QResizeEvent,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core import who
from leaddesk.core.services.query import LeadFilter
from leaddesk.core.stages import Stage
from leaddesk.ui.i18n import stage_label
from leaddesk.ui.zone import zone_name


def local_zone() -> str:
    """The user's zone ("follow-up due" means due before midnight there): see ``leaddesk.ui.zone``."""
    return zone_name()


class CheckCombo(QComboBox):
    """A drop-down of checkable values; item 0 is "any" ("All sources").

    A click in the list ticks or unticks a value and keeps the list open; Space does the same;
    Enter (``activated``) and ``setCurrentIndex`` pick exactly one value, as a plain combo would.
    The box shows "any", the one value, or the first value and "+N".
    """

    checked_changed = Signal()

    def __init__(self, any_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.any_label = any_label
        self.setModel(QStandardItemModel(self))
        self.addItem(any_label, "")
        self._syncing = False
        self.view().viewport().installEventFilter(self)
        self.view().installEventFilter(self)
        self.activated.connect(self._pick)
        self.currentIndexChanged.connect(self._pick)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

    # --- values -------------------------------------------------------------------------------
    def _item(self, row: int) -> QStandardItem | None:
        model = self.model()
        return model.item(row) if isinstance(model, QStandardItemModel) else None

    def set_items(self, values: Iterable[str], labels: dict[str, str] | None = None) -> None:
        """Offer ``values``; ticked ones stay ticked (and stay offered, even if gone)."""
        ticked = self.checked()
        self._syncing = True
        try:
            while self.count() > 1:
                self.removeItem(1)
            for value in dict.fromkeys([*values, *ticked]):
                self.addItem((labels or {}).get(value, value), value)
                item = self._item(self.count() - 1)
                if item is not None:
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Checked if value in ticked else Qt.CheckState.Unchecked)
        finally:
            self._syncing = False
        self._show_current()

    def checked(self) -> list[str]:
        out = []
        for row in range(1, self.count()):
            item = self._item(row)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                out.append(str(self.itemData(row)))
        return out

    def set_checked(self, values: Iterable[str], *, quiet: bool = False) -> None:
        """Tick exactly ``values`` (added to the list if missing)."""
        wanted = list(dict.fromkeys(v for v in values if v))
        missing = [v for v in wanted if self.findData(v) < 0]
        if missing:
            self.set_items([str(self.itemData(r)) for r in range(1, self.count())] + missing)
        self._syncing = True
        try:
            for row in range(1, self.count()):
                item = self._item(row)
                if item is not None:
                    on = self.itemData(row) in wanted
                    item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        finally:
            self._syncing = False
        self._show_current()
        if not quiet:
            self.checked_changed.emit()

    def _toggle(self, row: int) -> None:
        if row <= 0:
            self.set_checked([])
            self.hidePopup()
            return
        item = self._item(row)
        if item is None:
            return
        value = str(self.itemData(row))
        ticked = self.checked()
        self.set_checked([v for v in ticked if v != value] if value in ticked else [*ticked, value])

    def _pick(self, row: int) -> None:
        if self._syncing or row < 0:
            return
        self.set_checked([] if row == 0 else [str(self.itemData(row))])

    def _show_current(self) -> None:
        """Keep ``currentIndex`` meaningful: the one ticked value, else "any"."""
        ticked = self.checked()
        self._syncing = True
        try:
            self.setCurrentIndex(self.findData(ticked[0]) if len(ticked) == 1 else 0)
        finally:
            self._syncing = False
        self.setToolTip(", ".join(self.itemText(self.findData(v)) for v in ticked) if ticked else "")
        self.update()

    def summary(self) -> str:
        ticked = self.checked()
        if not ticked:
            return self.any_label
        first = self.itemText(self.findData(ticked[0]))
        return first if len(ticked) == 1 else f"{first} +{len(ticked) - 1}"

    # --- events -------------------------------------------------------------------------------
    def showPopup(self) -> None:
        """The list as wide as its longest value ("Bestandskunde" in full), at least the box's width."""
        view = self.view()
        scroll = view.verticalScrollBar()
        check = self.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 8  # the tick box
        width = view.sizeHintForColumn(0) + check + 2 * view.frameWidth()
        width += scroll.sizeHint().width() if scroll is not None else 0
        view.setMinimumWidth(max(width, self.width()))
        super().showPopup()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease and watched is self.view().viewport():
            assert isinstance(event, QMouseEvent)
            index = self.view().indexAt(event.position().toPoint())
            if index.isValid():
                self._toggle(index.row())
                return True
        if event.type() == QEvent.Type.KeyPress and watched is self.view():
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Space:
                self._toggle(self.view().currentIndex().row())
                return True
        return super().eventFilter(watched, event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        text_room = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        option.currentText = self.fontMetrics().elidedText(
            self.summary(), Qt.TextElideMode.ElideRight, max(text_room.width(), 20)
        )
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def sizeHint(self) -> QSize:
        return self._size_for(self.any_label)

    def minimumSizeHint(self) -> QSize:
        """Room for the "any" label at least: "Alle Schlagwörter" is never clipped."""
        return self._size_for(self.any_label)

    def _size_for(self, text: str) -> QSize:
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        metrics = self.fontMetrics()
        content = QSize(metrics.horizontalAdvance(text) + metrics.horizontalAdvance("  "), metrics.height())
        size = self.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, content, self)
        return QSize(size.width(), max(size.height(), super().minimumSizeHint().height()))


class FilterBar(QWidget):
    """The row above the board (two rows when the window is too narrow for one)."""

    filter_changed = Signal(object)  # LeadFilter

    # Follow-up choices of ``follow_up``.
    ANY, DUE, NONE = 0, 1, 2

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._quiet = False
        rows = self._rows = QVBoxLayout(self)
        rows.setContentsMargins(8, 6, 8, 0)
        rows.setSpacing(4)
        self._row1 = QHBoxLayout()
        self._row2 = QHBoxLayout()
        rows.addLayout(self._row1)
        rows.addLayout(self._row2)
        self._two_rows = False
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search name, company, email, city, notes (Ctrl+F)"))
        self.search.setMinimumWidth(180)
        self.search.textChanged.connect(self._emit)
        self.source = self._combo(self.tr("All sources"))
        self.tag = self._combo(self.tr("All tags"))
        self.owner = self._combo(self.tr("All owners"))
        # "My leads": the owner filter set to who is working here (leaddesk/core/who.py), one key.
        self.act_mine = QAction(self.tr("&My leads"), self)
        self.act_mine.setObjectName("myLeads")
        self.act_mine.setCheckable(True)
        self.act_mine.setShortcut(QKeySequence("Ctrl+Shift+M"))
        self.act_mine.toggled.connect(self._mine_toggled)
        self.mine = QToolButton(self)
        self.mine.setObjectName("myLeadsButton")
        self.mine.setDefaultAction(self.act_mine)
        self.mine.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._mine_tooltip()
        self.stage = self._combo(self.tr("All stages"))
        self.stage.setObjectName("stageFilter")
        self.stage.set_items([s.value for s in Stage], {s.value: stage_label(s) for s in Stage})
        self.score_label = QLabel(self.tr("Score"), self)
        self.score_min = QSpinBox(self)
        self.score_max = QSpinBox(self)
        for spin, value in ((self.score_min, 0), (self.score_max, 100)):
            spin.setRange(0, 100)
            spin.setValue(value)
            spin.setAccelerated(True)
            spin.valueChanged.connect(self._emit)
        self.score_min.setToolTip(self.tr("Lowest score shown"))
        self.score_max.setToolTip(self.tr("Highest score shown"))
        self.score_dash = QLabel("–", self)
        self.follow_up = QComboBox(self)
        self.follow_up.setObjectName("followUpFilter")
        self.follow_up.addItems([self.tr("Any follow-up"), self.tr("Follow-up due"), self.tr("No follow-up")])
        self.follow_up.setItemData(
            self.DUE,
            self.tr("Only leads whose next follow-up is today or overdue"),
            Qt.ItemDataRole.ToolTipRole,
        )
        self.follow_up.setItemData(
            self.NONE, self.tr("Only leads without an open follow-up"), Qt.ItemDataRole.ToolTipRole
        )
        self.follow_up.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.follow_up.currentIndexChanged.connect(self._follow_up_changed)
        # The former "Follow-up due" check box, kept (hidden) for callers that tick it.
        self.due = QCheckBox(self.tr("Follow-up due"), self)
        self.due.hide()
        self.due.toggled.connect(self._due_toggled)
        # A report's selection ("Report: MQL, 42 leads"): shown only while it limits the board.
        self.selection = QToolButton(self)
        self.selection.setObjectName("reportSelection")
        self.selection.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.selection.setToolTip(
            self.tr("The board shows only the leads chosen in a report. Click to show all.")
        )
        self.selection.clicked.connect(self.clear_selection)
        self.selection.hide()
        self._ids: frozenset[int] | None = None
        self.clear_button = QToolButton(self)
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Clear search and filters"))
        self.clear_button.clicked.connect(self.clear)
        self._first: list[tuple[QWidget, int]] = [
            (self.search, 3),
            (self.source, 1),
            (self.tag, 1),
            (self.owner, 1),
            (self.mine, 0),
            (self.stage, 1),
        ]
        self._second: list[tuple[QWidget, int]] = [
            (self.score_label, 0),
            (self.score_min, 0),
            (self.score_dash, 0),
            (self.score_max, 0),
            (self.follow_up, 0),
            (self.selection, 0),
            (self.clear_button, 0),
        ]
        self._place(two_rows=False)

    def _combo(self, any_label: str) -> CheckCombo:
        combo = CheckCombo(any_label, self)
        combo.checked_changed.connect(self._emit)
        return combo

    # --- layout: one row, or two when one does not fit -------------------------------------------
    def _one_row_width(self) -> int:
        margins = self._rows.contentsMargins()
        spacing = max(self._row1.spacing(), 6)
        widgets = [w for w, _ in self._first + self._second if not w.isHidden() or w is self.selection]
        hints = sum(max(w.sizeHint().width(), w.minimumSizeHint().width()) for w in widgets)
        return hints + spacing * len(widgets) + margins.left() + margins.right()

    def _place(self, *, two_rows: bool) -> None:
        self._two_rows = two_rows
        for row in (self._row1, self._row2):
            while row.count():
                row.takeAt(0)
        for widget, stretch in self._first:
            self._row1.addWidget(widget, stretch)
        target = self._row2 if two_rows else self._row1
        if two_rows:
            target.addStretch(1)
        for widget, stretch in self._second:
            target.addWidget(widget, stretch)
        self._rows.activate()  # lay out now: the rows changed inside a resize, not after it

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wanted = event.size().width() < self._one_row_width()
        if wanted != self._two_rows:
            self._place(two_rows=wanted)

    def minimumSizeHint(self) -> QSize:
        """As narrow as the wider of the two rows (so a 1024 px window needs no clipping)."""
        hint = super().minimumSizeHint()
        margins = self._rows.contentsMargins()
        first = sum(w.minimumSizeHint().width() for w, _ in self._first) + 6 * len(self._first)
        second = sum(w.minimumSizeHint().width() for w, _ in self._second if not w.isHidden())
        return QSize(max(first, second) + margins.left() + margins.right(), hint.height())

    # --- choices and values -------------------------------------------------------------------
    def set_choices(self, sources: list[str], tags: list[str], owners: list[str]) -> None:
        """Fill the drop-downs, keeping the ticked values."""
        self._quiet = True
        try:
            for combo, items in ((self.source, sources), (self.tag, tags), (self.owner, owners)):
                combo.set_items(items)
        finally:
            self._quiet = False

    def current_filter(self) -> LeadFilter:
        low, high = self.score_min.value(), self.score_max.value()
        sources, tags, owners = self.source.checked(), self.tag.checked(), self.owner.checked()
        follow = self.follow_up.currentIndex()
        return LeadFilter(
            tz=local_zone(),
            search=self.search.text(),
            source=sources[0] if len(sources) == 1 else "",
            tag=tags[0] if len(tags) == 1 else "",
            owner=owners[0] if len(owners) == 1 else "",
            sources=tuple(sources) if len(sources) > 1 else (),
            tags=tuple(tags) if len(tags) > 1 else (),
            owners=tuple(owners) if len(owners) > 1 else (),
            stage_in=tuple(self.stage.checked()),
            score_min=low if low > 0 else None,
            score_max=high if high < 100 else None,
            follow_up_due=follow == self.DUE,
            no_follow_up=follow == self.NONE,
            ids=self._ids,
        )

    def apply_filter(self, f: LeadFilter) -> None:
        """Show ``f`` in the widgets (a saved filter) and emit it once; a report's selection ends."""
        self._quiet = True
        try:
            self._clear_widgets()
            self._ids = None
            self.selection.hide()
            self.search.setText(f.search)
            self.source.set_checked([*([f.source] if f.source else []), *f.sources], quiet=True)
            self.tag.set_checked([*([f.tag] if f.tag else []), *f.tags], quiet=True)
            self.owner.set_checked([*([f.owner] if f.owner else []), *f.owners], quiet=True)
            self.stage.set_checked(f.stage_in, quiet=True)
            self.score_min.setValue(f.score_min or 0)
            self.score_max.setValue(100 if f.score_max is None else f.score_max)
            self.follow_up.setCurrentIndex(
                self.DUE if f.follow_up_due else self.NONE if f.no_follow_up else self.ANY
            )
        finally:
            self._quiet = False
        self._emit()

    def _follow_up_changed(self, index: int) -> None:
        self.due.blockSignals(True)
        self.due.setChecked(index == self.DUE)
        self.due.blockSignals(False)
        self._emit()

    def _due_toggled(self, on: bool) -> None:
        if on:
            self.follow_up.setCurrentIndex(self.DUE)
        elif self.follow_up.currentIndex() == self.DUE:
            self.follow_up.setCurrentIndex(self.ANY)

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
        for combo in (self.source, self.tag, self.owner, self.stage):
            combo.set_checked([], quiet=True)
        self.score_min.setValue(0)
        self.score_max.setValue(100)
        self.follow_up.setCurrentIndex(self.ANY)

    # --- my leads -----------------------------------------------------------------------------
    def _mine_tooltip(self) -> None:
        keys = self.act_mine.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.act_mine.setToolTip(
            self.tr("Only the leads owned by %1 (%2)").replace("%1", who.current() or "–").replace("%2", keys)
        )

    def _mine_toggled(self, on: bool) -> None:
        me = who.current()
        if on and me:
            self.owner.set_checked([me])
        elif not on and self.owner.checked() == [me]:
            self.owner.set_checked([])
        else:
            self._sync_mine()

    def _sync_mine(self) -> None:
        """The button shows whether the owner filter is exactly who is working."""
        me = who.current()
        mine = bool(me) and self.owner.checked() == [me]
        if self.act_mine.isChecked() != mine:
            self.act_mine.blockSignals(True)
            self.act_mine.setChecked(mine)
            self.act_mine.blockSignals(False)

    def who_changed(self) -> None:
        """Someone else is working here now: "My leads", if on, shows theirs."""
        self._mine_tooltip()
        if self.act_mine.isChecked():
            self.owner.set_checked([who.current()])
        else:
            self._sync_mine()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _emit(self, *_args: Any) -> None:
        self._sync_mine()
        if not self._quiet:
            self.filter_changed.emit(self.current_filter())
