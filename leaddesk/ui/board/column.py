"""A board column: header (title, count, sums per currency) over a one-column QTableView of cards.

FACTS.md: a fixed-row-height single-column QTableView paints 100,000 rows eight times sooner
than a QListView (which asks Python for rowCount() twice per row), so each column is a table.
The view draws its own insertion line and computes the drop row from the cursor (upper half
of a card = before it), then hands the drop to the model's ``dropMimeData``.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QLocale, QModelIndex, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QActionGroup,
    QColor,
    QDrag,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core.services.board import HOME_CURRENCY
from leaddesk.ui.board.delegate import CardDelegate, money
from leaddesk.ui.board.model import MIME_TYPE, ColumnModel, decode_mime
from leaddesk.ui.i18n import stage_label


class CardView(QTableView):
    """One column of cards: fixed row height, no headers, keyboard and drag and drop."""

    first_painted = Signal()
    open_requested = Signal(int)  # row
    neighbour_requested = Signal(int)  # -1 left, +1 right
    select_all_requested = Signal()  # Ctrl+A in a column already wholly selected: every column

    def __init__(self, model: ColumnModel, delegate: CardDelegate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(delegate)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        vh = self.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setMinimumSectionSize(1)
        vh.setDefaultSectionSize(CardDelegate.card_height(self.font()))
        pal = self.palette()  # board background behind white cards (the delegate paints AlternateBase)
        card = pal.color(QPalette.ColorRole.Base)
        pal.setColor(QPalette.ColorRole.AlternateBase, card)
        pal.setColor(QPalette.ColorRole.Base, pal.color(QPalette.ColorRole.Window))
        self.setPalette(pal)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Shift/Ctrl-click and Ctrl+A select several cards for the bulk actions.
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(False)  # we paint a line between cards instead
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.doubleClicked.connect(lambda index: self.open_requested.emit(index.row()))
        self._drop_row = -1
        self._painted = False

    def column_model(self) -> ColumnModel:
        model = self.model()
        assert isinstance(model, ColumnModel)
        return model

    def changeEvent(self, event: object) -> None:  # type: ignore[override]
        super().changeEvent(event)  # type: ignore[arg-type]
        self.verticalHeader().setDefaultSectionSize(CardDelegate.card_height(self.font()))

    # --- keyboard ----------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            if self.currentIndex().isValid():
                self.open_requested.emit(self.currentIndex().row())
            event.accept()
            return
        if event.matches(QKeySequence.StandardKey.SelectAll):
            rows = len(self.selectionModel().selectedRows())
            if rows and rows == self.column_model().rowCount():
                self.select_all_requested.emit()
            else:
                self.selectAll()
            event.accept()
            return
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and plain:
            self.neighbour_requested.emit(-1 if key == Qt.Key.Key_Left else 1)
            event.accept()
            return
        super().keyPressEvent(event)

    def select_row(self, row: int) -> None:
        count = self.column_model().rowCount()
        if count == 0:
            self.setFocus()
            return
        row = max(0, min(row, count - 1))
        index = self.column_model().index(row, 0)
        self.setCurrentIndex(index)
        self.scrollTo(index)
        self.setFocus()

    # --- painting ----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._drop_row >= 0:
            painter = QPainter(self.viewport())
            y = self._row_top(self._drop_row)
            painter.fillRect(
                QRect(6, y - 2, self.viewport().width() - 12, 4),
                self.palette().color(QPalette.ColorRole.Highlight),
            )
            painter.end()
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def _row_top(self, row: int) -> int:
        count = self.column_model().rowCount()
        if row < count:
            return self.rowViewportPosition(row)
        if count == 0:
            return 4
        return self.rowViewportPosition(count - 1) + self.rowHeight(count - 1)

    # --- drag and drop -----------------------------------------------------------------------
    def startDrag(self, supportedActions: Qt.DropAction) -> None:
        """Drag the card as a picture; the source never deletes rows (the board moves them)."""
        indexes = self.selectedIndexes()
        if not indexes:
            return
        mime = self.column_model().mimeData(indexes)
        drag = QDrag(self)
        drag.setMimeData(mime)
        rect = self.visualRect(indexes[0])
        if rect.isValid() and not rect.isEmpty():
            ratio = self.devicePixelRatioF()
            pixmap = QPixmap(rect.size() * ratio)
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(QColor(0, 0, 0, 0))
            painter = QPainter(pixmap)
            option = QStyleOptionViewItem()
            self.initViewItemOption(option)
            option.rect = QRect(QPoint(0, 0), rect.size())
            self.itemDelegate().paint(painter, option, indexes[0])
            painter.end()
            drag.setPixmap(pixmap)
            drag.setHotSpot(self.viewport().mapFromGlobal(self.cursor().pos()) - rect.topLeft())
        drag.exec(Qt.DropAction.MoveAction)

    def drop_row_at(self, pos: QPoint) -> int:
        """Row a drop at ``pos`` lands before: upper half of a card → before it, lower half → after."""
        index = self.indexAt(pos)
        if not index.isValid():
            return self.column_model().rowCount()
        rect = self.visualRect(index)
        return index.row() + (1 if pos.y() > rect.center().y() else 0)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(MIME_TYPE):
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if not event.mimeData().hasFormat(MIME_TYPE):
            event.ignore()
            return
        row = self.drop_row_at(event.position().toPoint())
        if row != self._drop_row:
            self._drop_row = row
            self.viewport().update()
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        super().dragMoveEvent(event)  # auto-scroll near the edges
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._drop_row = -1
        self.viewport().update()
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        row = self.drop_row_at(event.position().toPoint())
        self._drop_row = -1
        self.viewport().update()
        if self.column_model().dropMimeData(
            event.mimeData(), Qt.DropAction.MoveAction, row, 0, QModelIndex()
        ):
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
        else:
            event.ignore()


# Currency amounts a column header shows side by side before it shortens to "+ …".
MAX_AMOUNTS = 2


class ColumnHeader(QFrame):
    """Stage title with its count and the sum of lead values under the current filter."""

    def __init__(self, stage: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self.setObjectName("columnHeader")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(0)
        self.title = QLabel(stage_label(stage), self)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.totals = QLabel(self)
        self.totals.setObjectName("columnTotals")
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.title, 1)
        # How the cards are ordered (manual, score, value …): a small menu button beside the title.
        self.sort_button = QToolButton(self)
        self.sort_button.setObjectName("columnSort")
        self.sort_button.setAutoRaise(True)
        self.sort_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.sort_button.setText("⇅")
        self.sort_button.setAccessibleName(self.tr("Order of the cards"))
        self.sort_menu = QMenu(self.sort_button)
        self.sort_group = QActionGroup(self.sort_menu)
        self.sort_button.setMenu(self.sort_menu)
        top.addWidget(self.sort_button)
        layout.addLayout(top)
        layout.addWidget(self.totals)
        self.count = 0
        # The euro part of the sums (callers that want one number); ``sums`` has every currency.
        self.value = 0.0
        self.sums: dict[str, float] = {}

    def set_totals(self, count: int, sums: Mapping[str, float]) -> None:
        """Show the count and one sum per currency: "15.000 € + 10.000 CHF", never a mixed total.

        Euros first, then the other codes alphabetically; currencies summing to 0 are left out
        (0 € if all are). Beyond two amounts the header shows "+ …" and the tooltip lists them all,
        so the column keeps its width.
        """
        self.count = count
        self.sums = dict(sums)
        self.value = self.sums.get(HOME_CURRENCY, 0.0)
        loc = QLocale()
        leads = self.tr("%n lead(s)", "", count).replace(str(count), loc.toString(count), 1)
        codes = sorted((c for c, v in self.sums.items() if v), key=lambda c: (c != HOME_CURRENCY, c))
        amounts = [money(self.sums[c], c, loc) for c in codes] or [money(0.0, HOME_CURRENCY, loc)]
        shown = amounts if len(amounts) <= MAX_AMOUNTS else [*amounts[:MAX_AMOUNTS], "…"]
        self.totals.setText(f"{leads} · {' + '.join(shown)}")
        self.totals.setToolTip(f"{leads} · {' + '.join(amounts)}")


class BoardColumn(QFrame):
    """Header + card view of one stage."""

    def __init__(self, model: ColumnModel, delegate: CardDelegate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boardColumn")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.model = model
        self.header = ColumnHeader(model.stage, self)
        self.view = CardView(model, delegate, self)
        self.view.setAccessibleName(stage_label(model.stage))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.view, 1)
        self.setMinimumWidth(200)


class LostStrip(QFrame):
    """The Lost column while it is hidden: a narrow strip with its count that still takes drops.

    Dropping a card here asks for the reason like the full column; a click shows the column.
    """

    clicked = Signal()
    dropped = Signal(int, str)  # lead id, from stage

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lostStrip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAcceptDrops(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.count = 0
        self._hover = False
        self.setFixedWidth(self.fontMetrics().lineSpacing() * 2 + 4)
        self.setToolTip(self.tr("Lost leads: drop a card here, click to show the column (Ctrl+Shift+L)"))

    def set_count(self, count: int) -> None:
        self.count = count
        self.update()

    def label(self) -> str:
        return f"{stage_label('lost')} · {QLocale().toString(self.count)}"

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        if self._hover:
            painter.fillRect(
                self.rect().adjusted(1, 1, -1, -1), self.palette().color(QPalette.ColorRole.Highlight)
            )
        painter.translate(self.width() / 2, self.height() / 2)
        painter.rotate(-90)
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        h = self.fontMetrics().lineSpacing()
        painter.drawText(
            QRect(-self.height() // 2, -h, self.height(), 2 * h), Qt.AlignmentFlag.AlignCenter, self.label()
        )
        painter.end()

    def mouseReleaseEvent(self, event: object) -> None:  # type: ignore[override]
        self.clicked.emit()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(MIME_TYPE):
            self._hover = True
            self.update()
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._hover = False
        self.update()

    def dropEvent(self, event: QDropEvent) -> None:
        self._hover = False
        self.update()
        payload = decode_mime(event.mimeData())
        if payload is None:
            event.ignore()
            return
        from_stage, ids = payload
        for lead_id in ids:
            self.dropped.emit(lead_id, from_stage)
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
