"""The one chart adapter of the reports: horizontal bars drawn with plain QPainter.

Every report chart is a list of labelled bars (funnel stages, sources, lost reasons, score
bands), so one small widget serves them all, in the palette's own colours (light and dark)
and without the 200 MB of QtCharts. The same ``paint_to`` draws on the screen, into a PNG and
into the PDF, so the export looks like the window. Switching to another chart library later
means replacing this file only: the window uses ``BarChart``, ``Bar`` and ``bar_clicked``.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFontMetricsF,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPaintDevice,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import QSizePolicy, QWidget


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    # Shown after the bar ("1.234 · 61,0 %"), already in the user's locale.
    text: str
    # The leads behind the bar: what clicking it shows on the board.
    ids: tuple[int, ...] = ()
    tooltip: str = ""


class BarChart(QWidget):
    """Horizontal bars, one per row; click (or Enter on the focused bar) to open its leads."""

    bar_clicked = Signal(int)

    ROW = 26.0
    GAP = 6.0

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.bars: list[Bar] = []
        self.current = -1
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_bars(self, bars: list[Bar]) -> None:
        self.bars = list(bars)
        self.current = min(self.current, len(self.bars) - 1)
        self.updateGeometry()
        self.setMinimumHeight(int(self.height_for(len(self.bars))))
        self.update()

    def height_for(self, rows: int, device: QPaintDevice | None = None) -> float:
        """Height of ``rows`` bars, in the units of ``device`` (the widget's pixels by default)."""
        return max(rows, 1) * (self._row(device) + self._gap(device)) + self._gap(device)

    def _scale(self, device: QPaintDevice | None) -> float:
        """Device units per widget pixel: 1 on screen, ~3 on a 300 dpi PDF page."""
        return 1.0 if device is None else device.logicalDpiY() / max(self.logicalDpiY(), 1)

    def _row(self, device: QPaintDevice | None = None) -> float:
        metrics = QFontMetricsF(self.font()) if device is None else QFontMetricsF(self.font(), device)
        return max(self.ROW * self._scale(device), metrics.height() * 1.6)

    def _gap(self, device: QPaintDevice | None = None) -> float:
        return self.GAP * self._scale(device)

    def sizeHint(self) -> QSize:
        return QSize(420, int(self.height_for(len(self.bars))))

    # --- drawing (screen, PNG and PDF) -------------------------------------------------------
    def paint_to(self, painter: QPainter, rect: QRectF, palette: QPalette | None = None) -> None:
        """Draw the bars into ``rect`` (any device: widget, image, PDF page)."""
        palette = palette or self.palette()
        device = painter.device()
        on_widget = device is self or device is None
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self.font())
        metrics = QFontMetricsF(self.font()) if on_widget else QFontMetricsF(self.font(), device)
        row = self._row(None if on_widget else device)
        gap = self._gap(None if on_widget else device)
        text_color = palette.color(QPalette.ColorRole.WindowText)
        bar_color = palette.color(QPalette.ColorRole.Highlight)
        track = QColor(palette.color(QPalette.ColorRole.Mid))
        track.setAlphaF(0.25)
        pad = metrics.height() * 0.8
        label_width = min(
            max((metrics.horizontalAdvance(b.label) for b in self.bars), default=0.0) + pad,
            rect.width() * 0.3,
        )
        value_width = min(
            max((metrics.horizontalAdvance(b.text) for b in self.bars), default=0.0) + pad,
            rect.width() * 0.55,
        )
        bar_left = rect.left() + label_width
        bar_space = max(rect.width() - label_width - value_width, 10.0)
        top_value = max((b.value for b in self.bars), default=0.0)
        y = rect.top() + gap
        inset = row * 0.12
        for k, bar in enumerate(self.bars):
            row_rect = QRectF(rect.left(), y, rect.width(), row)
            if k == self.current and self.hasFocus():
                painter.fillRect(row_rect, palette.color(QPalette.ColorRole.AlternateBase))
            painter.setPen(text_color)
            label_rect = QRectF(rect.left(), y, label_width - pad / 2, row)
            label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_rect.width())
            painter.drawText(label_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, label)
            painter.fillRect(QRectF(bar_left, y + inset, bar_space, row - 2 * inset), track)
            width = bar_space * (bar.value / top_value) if top_value > 0 else 0.0
            if width > 0:
                painter.fillRect(QRectF(bar_left, y + inset, max(width, 2.0), row - 2 * inset), bar_color)
            painter.setPen(text_color)
            value_rect = QRectF(bar_left + bar_space + inset, y, value_width - inset, row)
            text = metrics.elidedText(bar.text, Qt.TextElideMode.ElideRight, value_rect.width())
            painter.drawText(value_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
            y += row + gap
        painter.restore()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.paint_to(painter, QRectF(self.rect()))
        painter.end()

    def to_image(self, width: int = 900, scale: float = 2.0) -> QImage:
        """The chart as a picture (PNG export), on the window's background colour."""
        height = self.height_for(len(self.bars))
        image = QImage(int(width * scale), int(height * scale), QImage.Format.Format_ARGB32)
        image.setDevicePixelRatio(scale)
        image.fill(self.palette().color(QPalette.ColorRole.Window))
        painter = QPainter(image)
        self.paint_to(painter, QRectF(0, 0, width, height))
        painter.end()
        return image

    # --- interaction ----------------------------------------------------------------------------
    def bar_at(self, point: QPointF) -> int:
        row = self._row()
        k = int((point.y() - self.GAP) // (row + self.GAP))
        return k if 0 <= k < len(self.bars) else -1

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        k = self.bar_at(event.position())
        self.setCursor(Qt.CursorShape.PointingHandCursor if k >= 0 else Qt.CursorShape.ArrowCursor)
        self.setToolTip(self.bars[k].tooltip if k >= 0 else "")
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        k = self.bar_at(event.position())
        if event.button() == Qt.MouseButton.LeftButton and k >= 0:
            self.current = k
            self.update()
            self.bar_clicked.emit(k)
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.bars:
            step = 1 if key == Qt.Key.Key_Down else -1
            self.current = max(0, min(len(self.bars) - 1, self.current + step))
            self.update()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and 0 <= self.current < len(
            self.bars
        ):
            self.bar_clicked.emit(self.current)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        if self.current < 0 and self.bars:
            self.current = 0
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def bar_center(self, k: int) -> QPointF:
        """Where bar ``k`` is drawn (tests click there)."""
        row = self._row()
        return QPointF(self.width() / 2, self.GAP + k * (row + self.GAP) + row / 2)
