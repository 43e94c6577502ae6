"""The rule editor's score distribution: before and after the edit, one pair of bars per bucket."""

from __future__ import annotations

from PySide6.QtCore import (
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QWidget,
)

from leaddesk.core.scoring.preview import BUCKET_LABELS


class HistogramWidget(QWidget):
    """Score distribution before (grey) and after (blue) the edit, one pair of bars per bucket."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.before: tuple[int, ...] = ()
        self.after: tuple[int, ...] = ()
        self.setMinimumHeight(110)

    def sizeHint(self) -> QSize:
        return QSize(320, 130)

    def set_values(self, before: tuple[int, ...], after: tuple[int, ...]) -> None:
        self.before, self.after = before, after
        tips = [f"{label}: {b} → {a}" for label, b, a in zip(BUCKET_LABELS, before, after, strict=False)]
        self.setToolTip("\n".join(tips))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self.rect().adjusted(4, 4, -4, -18)
        n = len(BUCKET_LABELS)
        top = max([1, *self.before, *self.after])
        slot = rect.width() / n
        bar = slot * 0.38
        palette = self.palette()
        for i in range(n):
            x = rect.left() + i * slot
            for j, (values, color) in enumerate(
                ((self.before, QColor("#9e9e9e")), (self.after, QColor("#1e63b5")))
            ):
                value = values[i] if i < len(values) else 0
                height = rect.height() * value / top
                painter.fillRect(QRectF(x + 2 + j * bar, rect.bottom() - height, bar, height), color)
            if i % 2 == 1:
                painter.setPen(palette.color(palette.ColorRole.WindowText))
                painter.drawText(
                    QRectF(x - slot / 2, rect.bottom() + 2, slot * 2, 14),
                    int(Qt.AlignmentFlag.AlignHCenter),
                    BUCKET_LABELS[i].split("–")[0],
                )
        painter.end()
