"""The reports window: a period, a mode and filters on top, every report below, computed off the GUI thread.

The figures come from ``leaddesk.core.reports`` (no Qt there). The window keeps one
``ReportSource``: the stage history is read once (≈1–2 s for 100,000 leads, in the
background) and a new period or filter is answered from it in a fraction of a second.
Every bar and most rows open their leads on the board (``open_leads``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from typing import Any, cast

from PySide6.QtCore import QDate, QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core.changes import Changes
from leaddesk.core.db import Database
from leaddesk.core.errors import LeadDeskError
from leaddesk.core.reports import Mode, Preset, Report, ReportQuery, ReportSource, compute, preset_period
from leaddesk.core.reports.settings import handover_days, set_handover_days, set_source_cost
from leaddesk.core.services.query import all_tags
from leaddesk.ui.filters import local_zone
from leaddesk.ui.i18n import error_text
from leaddesk.ui.ops import operations
from leaddesk.ui.reports.body import ReportBody
from leaddesk.ui.reports.numbers import num

IDS_ROLE = Qt.ItemDataRole.UserRole + 1


# --- computing off the GUI thread ---------------------------------------------------------------
class _Signals(QObject):
    done = Signal(int, object, float)  # sequence, (Report, tags, sources, owners, read ms), compute ms
    failed = Signal(int, str)


class _ReportJob:
    """Reads the facts if needed and computes the report (on the read lane of ``leaddesk.ui.ops``);
    the result comes back as a queued signal."""

    def __init__(
        self, source: ReportSource, query: ReportQuery, seq: int, signals: _Signals, with_tags: bool
    ) -> None:
        self.source, self.query, self.seq, self.signals, self.with_tags = (
            source,
            query,
            seq,
            signals,
            with_tags,
        )

    def run(self) -> None:
        start = time.perf_counter()
        try:
            data = self.source.data()
            read = time.perf_counter()
            with self.source.connection() as conn:
                report = compute(conn, data, self.query)
            computed = time.perf_counter()
            tags = all_tags(self.source.db) if self.with_tags else None
            sources = sorted(set(data.source) - {""}, key=str.casefold)
            owners = sorted(set(data.owner) - {""}, key=str.casefold)
        except LeadDeskError as exc:
            self.signals.failed.emit(self.seq, error_text(exc))
            return
        except Exception as exc:
            self.signals.failed.emit(self.seq, str(exc))
            return
        read_ms = (read - start) * 1000 if data.loaded_at_counter >= start else 0.0
        spliced = self.source.last_path == "spliced"
        self.signals.done.emit(
            self.seq, (report, tags, sources, owners, read_ms, spliced), (computed - read) * 1000
        )


class ReportsWindow(QWidget):
    """View → Reports. ``open_leads(ids, label, lost)`` asks the board to show exactly these leads."""

    open_leads = Signal(object, str, bool)
    report_ready = Signal(object)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.db = db
        self.setObjectName("reportsWindow")
        self.setWindowTitle(self.tr("Reports — LeadDesk"))
        self.source = ReportSource(db)
        self.destroyed.connect(self.source.close)
        self.ops = operations(db)
        # Another window's write: the figures follow (debounced, only while the window is shown).
        self.ops.changed.connect(self._on_changes)
        self.signals = _Signals(self)
        self.signals.done.connect(self._apply)
        self.signals.failed.connect(self._failed)
        self.report: Report | None = None
        self.last_ms = 0.0
        self._seq = 0
        self._tags_loaded = False
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(120)
        self._debounce.timeout.connect(self.refresh)
        self._build()
        self.resize(1280, 800)
        close = QAction(self)
        close.setShortcut(QKeySequence(QKeySequence.StandardKey.Close))
        close.triggered.connect(self.close)
        self.addAction(close)
        again = QAction(self)
        again.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        again.triggered.connect(self.refresh)
        self.addAction(again)

    # --- controls ----------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        bar = QHBoxLayout()
        outer.addLayout(bar)
        bar.addWidget(QLabel(self.tr("Period"), self))
        self.period = QComboBox(self)
        self.period.setObjectName("period")
        for preset, text in (
            (Preset.THIS_MONTH, self.tr("This month")),
            (Preset.LAST_MONTH, self.tr("Last month")),
            (Preset.THIS_QUARTER, self.tr("This quarter")),
            (Preset.LAST_12_MONTHS, self.tr("Last 12 months")),
            (Preset.CUSTOM, self.tr("Custom")),
        ):
            self.period.addItem(text, preset)
        self.period.setCurrentIndex(3)
        bar.addWidget(self.period)
        self.date_from = QDateEdit(self)
        self.date_to = QDateEdit(self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(QLocale().dateFormat(QLocale.FormatType.ShortFormat))
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel("–", self))
        bar.addWidget(self.date_to)
        bar.addSpacing(12)
        bar.addWidget(QLabel(self.tr("Funnel"), self))
        self.mode = QComboBox(self)
        self.mode.setObjectName("mode")
        self.mode.addItem(self.tr("Cohort: leads created in the period"), Mode.COHORT)
        self.mode.addItem(self.tr("Period: moves during the period"), Mode.PERIOD)
        bar.addWidget(self.mode)
        bar.addStretch(1)
        self.refresh_button = QToolButton(self)
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Compute again with the latest changes (F5)"))
        self.refresh_button.clicked.connect(self.refresh)
        bar.addWidget(self.refresh_button)
        self.export_button = QToolButton(self)
        self.export_button.setText(self.tr("Export"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        menu.addAction(self.tr("Whole report as PDF…"), self.export_pdf)
        menu.addAction(self.tr("Charts as PNG…"), self.export_png)
        menu.addAction(self.tr("Tables as CSV…"), self.export_csv)
        self.export_button.setMenu(menu)
        bar.addWidget(self.export_button)

        filters = QHBoxLayout()
        outer.addLayout(filters)
        self.source_filter = self._combo(self.tr("All sources and fairs"))
        self.tag_filter = self._combo(self.tr("All tags"))
        self.owner_filter = self._combo(self.tr("All owners"))
        for combo in (self.source_filter, self.tag_filter, self.owner_filter):
            filters.addWidget(combo)
        filters.addSpacing(12)
        self.status = QLabel(self)
        self.status.setObjectName("status")
        self.status.setWordWrap(True)  # long in some languages: wraps rather than widening the window
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        filters.addWidget(self.status, 1)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.body = ReportBody(scroll)
        self.body.open_leads.connect(self.open_leads)
        self.body.cost_button.clicked.connect(self.enter_cost)
        scroll.setWidget(self.body)
        outer.addWidget(scroll, 1)
        self.scroll_area = scroll
        self._set_dates(Preset.LAST_12_MONTHS)
        self.body.threshold.setValue(handover_days(self.db))
        self.period.currentIndexChanged.connect(self._period_changed)
        for widget in (self.date_from, self.date_to):
            widget.dateChanged.connect(self._dates_edited)
        self.mode.currentIndexChanged.connect(self.schedule)
        self.body.threshold.valueChanged.connect(self._threshold_changed)

    def _combo(self, any_label: str) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(any_label, "")
        combo.setMinimumContentsLength(16)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.currentIndexChanged.connect(self.schedule)
        return combo

    def _today(self) -> date:
        return cast(date, QDate.currentDate().toPython())  # PySide's stub says object

    def _set_dates(self, preset: Preset) -> None:
        start, end = preset_period(preset, self._today())
        for edit, day in ((self.date_from, start), (self.date_to, end)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def _period_changed(self) -> None:
        preset = self.period.currentData()
        if preset != Preset.CUSTOM:
            self._set_dates(preset)
        self.schedule()

    def _dates_edited(self) -> None:
        custom = self.period.findData(Preset.CUSTOM)
        if self.period.currentIndex() != custom:
            self.period.blockSignals(True)
            self.period.setCurrentIndex(custom)
            self.period.blockSignals(False)
        self.schedule()

    def _threshold_changed(self, days: int) -> None:
        try:
            set_handover_days(self.db, days)
        except LeadDeskError as exc:
            QMessageBox.warning(self, self.windowTitle(), error_text(exc))
            return
        self.schedule()

    def set_period(self, start: date, end: date) -> None:
        """Choose a custom period (tests and callers): the report is computed again."""
        self.period.setCurrentIndex(self.period.findData(Preset.CUSTOM))
        for edit, day in ((self.date_from, start), (self.date_to, end)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)
        self.refresh()

    def query(self) -> ReportQuery:
        # cast: PySide's stub says QDate.toPython returns object.
        start = cast(date, self.date_from.date().toPython())
        end = cast(date, self.date_to.date().toPython())
        if end < start:
            start, end = end, start
        return ReportQuery(
            start=start,
            end=end,
            mode=self.mode.currentData(),
            tz=local_zone(),
            source=self.source_filter.currentData() or "",
            tag=self.tag_filter.currentData() or "",
            owner=self.owner_filter.currentData() or "",
        )

    # --- computing ------------------------------------------------------------------------------
    def schedule(self, *_args: object) -> None:
        self._debounce.start()

    def refresh(self) -> None:
        """Compute the report for the controls' current values in the background."""
        self._debounce.stop()
        self._seq += 1
        self.status.setText(self.tr("Computing…"))
        job = _ReportJob(self.source, self.query(), self._seq, self.signals, not self._tags_loaded)
        self.ops.read(lambda _op: job.run(), owner=self)

    def _on_changes(self, changes: Changes) -> None:
        if self.isVisible() and (changes.touches_leads or changes.settings):
            self._debounce.start()

    def showEvent(self, event: Any) -> None:
        """Compute on every showing: cheap when nothing changed, current when something did."""
        super().showEvent(event)
        if not event.spontaneous():
            QTimer.singleShot(0, self.refresh)

    def _failed(self, seq: int, message: str) -> None:
        if seq == self._seq:
            self.status.setText(self.tr("The report could not be computed: %1").replace("%1", message))

    def _apply(self, seq: int, result: Any, ms: float) -> None:
        if seq != self._seq:
            return  # a newer question is already on its way
        report, tags, sources, owners, read_ms, spliced = result
        self._fill_choices(self.source_filter, sources)
        self._fill_choices(self.owner_filter, owners)
        if tags is not None:
            self._tags_loaded = True
            self._fill_choices(self.tag_filter, tags)
        self.report = report
        self.last_ms = ms
        self.body.show_report(report)
        q = report.query
        short = QLocale.FormatType.ShortFormat
        first = QLocale().toString(QDate(q.start.year, q.start.month, q.start.day), short)
        last = QLocale().toString(QDate(q.end.year, q.end.month, q.end.day), short)
        text = self.tr(
            "%1 – %2 · %Ln lead(s) created in the period · computed in %3 ms", "", report.cohort_size
        )
        text = text.replace("%1", first).replace("%2", last).replace("%3", num(round(ms)))
        if read_ms and spliced:
            text += " " + self.tr("(changed leads read in %1 ms)").replace("%1", num(round(read_ms)))
        elif read_ms:
            text += " " + self.tr("(stage history read in %1 ms)").replace("%1", num(round(read_ms)))
        self.status.setText(text)
        self.report_ready.emit(report)

    def _fill_choices(self, combo: QComboBox, items: list[str]) -> None:
        current = combo.currentData()
        if [combo.itemData(i) for i in range(1, combo.count())] == items:
            return
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for item in items:
            combo.addItem(item, item)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        combo.blockSignals(False)

    # --- settings and export ---------------------------------------------------------------------
    def enter_cost(self) -> None:
        if self.report is None:
            return
        names = [s.source for s in self.report.sources if s.source]
        fairs = [n for n in names if any(s.is_fair for s in self.report.sources if s.source == n)]
        choices = fairs + [n for n in names if n not in fairs]
        if not choices:
            return
        name, ok = QInputDialog.getItem(
            self, self.tr("Fair cost"), self.tr("Source or fair:"), choices, 0, False
        )
        if not ok:
            return
        question = (
            self.tr("What did %1 cost (%2)?").replace("%1", name).replace("%2", self.report.home_currency)
        )
        cost, ok = QInputDialog.getDouble(self, self.tr("Fair cost"), question, 0.0, 0.0, 1e9, 2)
        if not ok:
            return
        try:
            set_source_cost(self.db, name, cost)
        except LeadDeskError as exc:
            QMessageBox.warning(self, self.windowTitle(), error_text(exc))
            return
        self.refresh()

    def _ask_path(self, title: str, name: str, pattern: str, save: Callable[[str], object]) -> None:
        path, _ = QFileDialog.getSaveFileName(self, title, name, pattern)
        if path:
            try:
                save(path)
            except OSError as exc:
                QMessageBox.warning(self, self.windowTitle(), exc.strerror or str(exc))

    def export_pdf(self) -> None:
        from leaddesk.ui.reports.export import write_pdf

        self._ask_path(
            self.tr("Export report as PDF"),
            "leaddesk-report.pdf",
            "PDF (*.pdf)",
            lambda p: write_pdf(self, p),
        )

    def export_png(self) -> None:
        from leaddesk.ui.reports.export import write_pngs

        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the chart pictures"))
        if folder:
            write_pngs(self, folder)

    def export_csv(self) -> None:
        from leaddesk.ui.reports.export import write_csvs

        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the tables"))
        if folder:
            write_csvs(self, folder)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Hide only: the kept facts follow the changes, so opening the window again is quick
        (the source lets go of its connection when the window is destroyed)."""
        super().closeEvent(event)
