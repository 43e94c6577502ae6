"""Exports of the reports window: the whole report as a vector PDF, charts as PNG, tables as CSV.

The PDF is drawn with QPainter on a QPdfWriter: text stays text and bars stay rectangles
(vector), and the charts use the same ``paint_to`` as the screen, so both look alike.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPalette, QPdfWriter
from PySide6.QtWidgets import QApplication, QTableWidget

from leaddesk.ui.reports.body import ReportBody, Section

if TYPE_CHECKING:
    from leaddesk.ui.reports.window import ReportsWindow


def _slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text.casefold()).strip("-") or "report"


def _print_palette() -> QPalette:
    """Black on white whatever the screen's theme: paper is white."""
    palette = QPalette(QApplication.palette())
    palette.setColor(QPalette.ColorRole.Window, QColor("white"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("black"))
    palette.setColor(QPalette.ColorRole.Text, QColor("black"))
    palette.setColor(QPalette.ColorRole.Mid, QColor("#888888"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#2f6db3"))
    return palette


def table_rows(table: QTableWidget) -> list[list[str]]:
    """Header and cells of a report table, as shown."""
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]  # type: ignore[union-attr]
    cells = [
        [(table.item(r, c).text() if table.item(r, c) else "") for c in range(table.columnCount())]  # type: ignore[union-attr]
        for r in range(table.rowCount())
    ]
    return [headers, *cells]


class _Pages:
    """A cursor down the PDF's pages: ``need(height)`` starts a new page when the rest will not fit."""

    def __init__(self, writer: QPdfWriter, painter: QPainter) -> None:
        self.writer, self.painter = writer, painter
        self.width = float(painter.viewport().width())
        self.height = float(painter.viewport().height())
        self.y = 0.0

    def need(self, height: float) -> None:
        if self.y + height > self.height and self.y > 0:
            self.writer.newPage()
            self.y = 0.0

    def text(self, text: str, font: QFont, *, gap: float = 0.3) -> None:
        self.painter.setFont(font)
        metrics = QFontMetricsF(font, self.writer)
        rect = metrics.boundingRect(QRectF(0, 0, self.width, 1e6), int(Qt.TextFlag.TextWordWrap), text)
        self.need(rect.height())
        self.painter.drawText(
            QRectF(0, self.y, self.width, rect.height()), int(Qt.TextFlag.TextWordWrap), text
        )
        self.y += rect.height() + metrics.height() * gap


def _column_widths(rows: list[list[str]], font: QFont, device: QPdfWriter) -> list[float]:
    bold = QFont(font)
    bold.setBold(True)
    metrics = QFontMetricsF(bold, device)  # the widest the text gets
    return [
        max(metrics.horizontalAdvance(r[c]) for r in rows) + metrics.height() for c in range(len(rows[0]))
    ]


def _draw_table(pages: _Pages, rows: list[list[str]], font: QFont) -> None:
    painter = pages.painter
    font = QFont(font)
    # A wide table gets a smaller type rather than cut headers (down to 6.5 pt).
    while sum(_column_widths(rows, font, pages.writer)) > pages.width and font.pointSizeF() > 6.5:
        font.setPointSizeF(font.pointSizeF() - 0.5)
    bold = QFont(font)
    bold.setBold(True)
    metrics = QFontMetricsF(bold, pages.writer)
    line = metrics.height() * 1.35
    widths = _column_widths(rows, font, pages.writer)
    first = max(pages.width - sum(widths[1:]), pages.width * 0.25)
    widths[0] = first
    scale = min(1.0, pages.width / sum(widths))
    widths = [w * scale for w in widths]
    for k, row in enumerate(rows):
        pages.need(line)
        painter.setFont(bold if k == 0 else font)
        x = 0.0
        for c, text in enumerate(row):
            align = Qt.AlignmentFlag.AlignLeft if c == 0 else Qt.AlignmentFlag.AlignRight
            rect = QRectF(x, pages.y, widths[c] - metrics.height() * 0.4, line)
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
            painter.drawText(rect, align | Qt.AlignmentFlag.AlignVCenter, shown)
            x += widths[c]
        pages.y += line
        if k == 0:
            painter.drawLine(0, int(pages.y), int(pages.width), int(pages.y))
    pages.y += line * 0.5


def _draw_section(pages: _Pages, section: Section, fonts: tuple[QFont, QFont], palette: QPalette) -> None:
    heading, body = fonts
    first_block = QFontMetricsF(heading, pages.writer).height() * 4
    if section.chart is not None and section.chart.bars:  # heading, words and chart on one page
        first_block += section.chart.height_for(len(section.chart.bars), pages.writer)
    pages.need(min(first_block, pages.height * 0.9))
    pages.text(section.title(), heading, gap=0.2)
    if section.explain.text():
        pages.text(section.explain.text(), body)
    extra = [w for w in section.findChildren(type(section.explain)) if w.objectName() == "mqlFormula"]
    for label in extra:
        bigger = QFont(heading)
        pages.text(label.text(), bigger)
    report_body = section.parentWidget()
    if isinstance(report_body, ReportBody) and section is report_body.handover:
        pages.text(report_body.handover_summary.text(), body)
        pages.text(report_body.handover_button.text(), body)
    if section.chart is not None and section.chart.bars:
        chart = section.chart
        saved = chart.font()
        chart.setFont(body)
        height = chart.height_for(len(chart.bars), pages.writer)
        pages.need(height)
        chart.paint_to(pages.painter, QRectF(0, pages.y, pages.width, height), palette)
        chart.setFont(saved)
        pages.y += height + QFontMetricsF(body, pages.writer).height() * 0.5
    if section.table is not None and section.table.rowCount():
        _draw_table(pages, table_rows(section.table), body)
    if section.note.text():
        pages.text(section.note.text(), body)
    pages.y += QFontMetricsF(body, pages.writer).height() * 1.2


def write_pdf(window: ReportsWindow, path: str | Path) -> Path:
    """The whole report as a vector PDF (A4, as many pages as it takes)."""
    path = Path(path)
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(15, 15, 15, 15)
        )
    )
    writer.setTitle(window.windowTitle())
    writer.setCreator("LeadDesk")
    painter = QPainter(writer)
    try:
        palette = _print_palette()
        painter.setPen(QColor("black"))
        base = QFont(window.font())
        body = QFont(base)
        body.setPointSizeF(9.0)
        heading = QFont(base)
        heading.setPointSizeF(13.0)
        heading.setBold(True)
        title = QFont(heading)
        title.setPointSizeF(17.0)
        pages = _Pages(writer, painter)
        pages.text(window.windowTitle().split(" — ")[0], title, gap=0.2)
        pages.text(window.status.text(), body, gap=1.0)
        for section in window.body.sections:
            _draw_section(pages, section, (heading, body), palette)
    finally:
        painter.end()
    return path


def write_pngs(window: ReportsWindow, folder: str | Path) -> list[Path]:
    """Each chart as ``<section>.png`` (at twice the pixels, for sharp slides)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for section in window.body.sections:
        if section.chart is not None and section.chart.bars:
            target = folder / f"{_slug(section.title())}.png"
            if not section.chart.to_image().save(str(target)):  # the suffix names the format: PNG
                raise OSError(f"could not write {target}")
            out.append(target)
    return out


def write_csvs(window: ReportsWindow, folder: str | Path) -> list[Path]:
    """Each table as ``<section>.csv`` (UTF-8 with BOM and semicolons, as spreadsheets here expect)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for section in window.body.sections:
        if section.table is not None:
            target = folder / f"{_slug(section.title())}.csv"
            with target.open("w", encoding="utf-8-sig", newline="") as handle:
                csv.writer(handle, delimiter=";").writerows(table_rows(section.table))
            out.append(target)
    return out
