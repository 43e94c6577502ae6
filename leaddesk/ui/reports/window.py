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
from typing import Any

from PySide6.QtCore import QDate, QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core.changes import Changes
from leaddesk.core.db import Database
from leaddesk.core.errors import LeadDeskError
from leaddesk.core.reports import Mode, Preset, Report, ReportQuery, ReportSource, compute, preset_period
from leaddesk.core.reports.settings import handover_days, set_handover_days, set_source_cost
from leaddesk.core.reports.value import MIN_OUTCOMES, MqlValue
from leaddesk.core.services.query import all_tags
from leaddesk.ui.filters import local_zone
from leaddesk.ui.i18n import error_text, lost_reason_labels, stage_label
from leaddesk.ui.ops import operations
from leaddesk.ui.reports.charts import Bar, BarChart

IDS_ROLE = Qt.ItemDataRole.UserRole + 1


# --- numbers in the user's locale -------------------------------------------------------------
def num(value: int) -> str:
    return QLocale().toString(int(value))


def dec(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else QLocale().toString(float(value), "f", digits)


def pct(value: float | None) -> str:
    return "—" if value is None else f"{QLocale().toString(float(value), 'f', 1)}\u00a0%"


def money(value: float | None, currency: str) -> str:
    if value is None:
        return "—"
    symbol = {"EUR": "€", "USD": "$", "GBP": "£", "CHF": "CHF"}.get(currency, currency)
    return QLocale().toCurrencyString(float(value), symbol, 0)


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


# --- the window ------------------------------------------------------------------------------------
class Section(QGroupBox):
    """One report: a heading, an explanation, an optional chart and table, a note below."""

    def __init__(self, title: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setObjectName(name)
        self.layout_ = QVBoxLayout(self)
        self.explain = QLabel(self)
        self.explain.setWordWrap(True)
        self.explain.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.layout_.addWidget(self.explain)
        self.chart: BarChart | None = None
        self.table: QTableWidget | None = None
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note_added = False

    def add_chart(self, name: str) -> BarChart:
        self.chart = BarChart(name, self)
        self.layout_.addWidget(self.chart)
        return self.chart

    def add_table(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers), self)
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table = table
        self.layout_.addWidget(table)
        return table

    def finish(self) -> None:
        self.layout_.addWidget(self.note)


def fill_table(table: QTableWidget, rows: list[tuple[list[str], tuple[int, ...] | None]]) -> None:
    """Rows of texts (numbers right-aligned) with the leads each row opens; the table fits its rows."""
    table.setRowCount(len(rows))
    for r, (cells, ids) in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if c > 0:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if c == 0:
                item.setToolTip(text)  # in case a narrow window shortens it
            if ids is not None:
                item.setData(IDS_ROLE, ids)
            table.setItem(r, c, item)
    table.resizeRowsToContents()
    height = table.horizontalHeader().height() + 2 * table.frameWidth() + 2
    height += sum(table.rowHeight(r) for r in range(table.rowCount()))
    if table.horizontalScrollBar().isVisible():
        height += table.horizontalScrollBar().height()
    table.setFixedHeight(max(height, table.horizontalHeader().height() + 8))


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
        content = QWidget(scroll)
        grid = QGridLayout(content)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        scroll.setWidget(content)
        outer.addWidget(scroll, 1)
        self.scroll = scroll

        self.funnel = Section(self.tr("Funnel"), "funnelSection", content)
        self.funnel_chart = self.funnel.add_chart("funnelChart")
        self.funnel.finish()
        self.value = Section(self.tr("What an MQL is worth"), "valueSection", content)
        self.value_formula = QLabel(self.value)
        self.value_formula.setObjectName("mqlFormula")
        font = self.value_formula.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.value_formula.setFont(font)
        self.value_formula.setWordWrap(True)
        self.value.layout_.addWidget(self.value_formula)
        self.value_table = self.value.add_table(
            [
                self.tr("Source"),
                self.tr("MQLs"),
                self.tr("Outcomes"),
                self.tr("MQL → Won"),
                self.tr("Ø won value"),
                self.tr("An MQL is worth"),
            ]
        )
        self.value.finish()
        self.timing = Section(self.tr("Time in stage"), "timingSection", content)
        self.timing_table = self.timing.add_table(
            [
                self.tr("Stage"),
                self.tr("Median days"),
                self.tr("75th percentile"),
                self.tr("Leads"),
                self.tr("Still there"),
            ]
        )
        self.timing.finish()
        self.handover = Section(self.tr("Speed of handover"), "handoverSection", content)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("MQLs should hear from sales within"), self.handover))
        self.threshold = QSpinBox(self.handover)
        self.threshold.setRange(0, 60)
        self.threshold.setSuffix(self.tr(" working days"))
        row.addWidget(self.threshold)
        row.addStretch(1)
        self.handover.layout_.addLayout(row)
        self.handover_summary = QLabel(self.handover)
        self.handover_summary.setWordWrap(True)
        self.handover.layout_.addWidget(self.handover_summary)
        self.handover_button = QPushButton(self.handover)
        self.handover_button.setObjectName("waitingButton")
        self.handover_button.clicked.connect(self._open_waiting)
        self.handover.layout_.addWidget(self.handover_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.handover.finish()
        self.sources = Section(self.tr("Sources and trade fairs"), "sourcesSection", content)
        self.sources_chart = self.sources.add_chart("sourcesChart")
        self.sources_table = self.sources.add_table(
            [
                self.tr("Source or fair"),
                self.tr("Leads"),
                self.tr("MQL"),
                self.tr("SQL"),
                self.tr("Won"),
                self.tr("Won value"),
                self.tr("Lead → Won"),
                self.tr("Cost"),
                self.tr("Cost per lead"),
            ]
        )
        self.cost_button = QPushButton(self.tr("Enter a fair's cost…"), self.sources)
        self.cost_button.clicked.connect(self.enter_cost)
        self.sources.layout_.addWidget(self.cost_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.sources.finish()
        self.lost = Section(self.tr("Lost reasons"), "lostSection", content)
        self.lost_chart = self.lost.add_chart("lostChart")
        self.lost_table = self.lost.add_table(
            [self.tr("Reason"), self.tr("Lost from"), self.tr("Leads"), self.tr("Value")]
        )
        self.lost.finish()
        self.scoring = Section(self.tr("Scoring check"), "scoringSection", content)
        self.bands_chart = self.scoring.add_chart("bandsChart")
        self.rules_table = self.scoring.add_table(
            [self.tr("Rule"), self.tr("Hit: won"), self.tr("Not hit: won"), self.tr("Lift")]
        )
        self.scoring.finish()

        side = QVBoxLayout()
        side.addWidget(self.timing)
        side.addWidget(self.handover)
        grid.addWidget(self.funnel, 0, 0)
        grid.addLayout(side, 0, 1)
        grid.addWidget(self.value, 1, 0, 1, 2)
        grid.addWidget(self.sources, 2, 0, 1, 2)
        grid.addWidget(self.lost, 3, 0)
        grid.addWidget(self.scoring, 3, 1)
        grid.setRowStretch(4, 1)
        for section in (self.funnel, self.timing, self.handover, self.value, self.lost, self.scoring):
            section.setAlignment(Qt.AlignmentFlag.AlignLeft)

        self.sections = [
            self.funnel,
            self.value,
            self.timing,
            self.handover,
            self.sources,
            self.lost,
            self.scoring,
        ]
        self.charts = [self.funnel_chart, self.sources_chart, self.lost_chart, self.bands_chart]
        self.funnel_chart.bar_clicked.connect(lambda k: self._open_bar(self.funnel_chart, k))
        self.sources_chart.bar_clicked.connect(lambda k: self._open_bar(self.sources_chart, k))
        self.lost_chart.bar_clicked.connect(lambda k: self._open_bar(self.lost_chart, k, lost=True))
        self.bands_chart.bar_clicked.connect(lambda k: self._open_bar(self.bands_chart, k))
        for table in (
            self.value_table,
            self.timing_table,
            self.sources_table,
            self.lost_table,
            self.rules_table,
        ):
            table.cellActivated.connect(lambda r, _c, t=table: self._open_row(t, r))
            table.cellClicked.connect(lambda r, _c, t=table: self._open_row(t, r))

        self._set_dates(Preset.LAST_12_MONTHS)
        self.threshold.setValue(handover_days(self.db))
        self.period.currentIndexChanged.connect(self._period_changed)
        for widget in (self.date_from, self.date_to):
            widget.dateChanged.connect(self._dates_edited)
        self.mode.currentIndexChanged.connect(self.schedule)
        self.threshold.valueChanged.connect(self._threshold_changed)

    def _combo(self, any_label: str) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(any_label, "")
        combo.setMinimumContentsLength(16)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.currentIndexChanged.connect(self.schedule)
        return combo

    def _today(self) -> date:
        return QDate.currentDate().toPython()  # type: ignore[no-any-return]

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
        start = self.date_from.date().toPython()
        end = self.date_to.date().toPython()
        if end < start:
            start, end = end, start
        return ReportQuery(
            start=start,  # type: ignore[arg-type]
            end=end,  # type: ignore[arg-type]
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
        self._show(report)
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

    # --- showing ----------------------------------------------------------------------------------
    def _show(self, report: Report) -> None:
        self._show_funnel(report)
        self._show_value(report)
        self._show_timing(report)
        self._show_handover(report)
        self._show_sources(report)
        self._show_lost(report)
        self._show_scoring(report)

    def _show_funnel(self, report: Report) -> None:
        f = report.funnel
        if f.mode == Mode.COHORT:
            self.funnel.explain.setText(
                self.tr(
                    "Cohort: of the leads created in the period, how many reached each stage by today. "
                    "A lead that skipped a stage counts as having passed it; one that went back keeps "
                    "what it reached. Lost is compared with all leads."
                )
            )
            self.funnel.note.setText(
                self.tr("Skipped MQL: %1 · went back a stage: %2 · recycled from Lost: %3 · still open: %4")
                .replace("%1", num(f.rows[1].skipped))
                .replace("%2", num(f.backward))
                .replace("%3", num(f.recycled))
                .replace("%4", num(f.open))
            )
        else:
            self.funnel.explain.setText(
                self.tr(
                    "Period: every move into a stage during the period, whenever the lead was created. "
                    "A lead moved twice counts twice, so a stage can exceed the one before it."
                )
            )
            self.funnel.note.setText(
                self.tr(
                    "New leads: %1 · moves skipping a stage: %2 · backward moves: %3 · recycled from Lost: %4"
                )
                .replace("%1", num(f.open))
                .replace("%2", num(sum(r.skipped for r in f.rows)))
                .replace("%3", num(f.backward))
                .replace("%4", num(f.recycled))
            )
        bars = []
        for row in f.rows:
            parts = [num(row.count)]
            if row.pct_of_previous is not None:
                parts.append(self.tr("%1 of previous").replace("%1", pct(row.pct_of_previous)))
            if row.stage != "lead" and row.pct_of_first is not None:
                parts.append(self.tr("%1 of first").replace("%1", pct(row.pct_of_first)))
            bars.append(Bar(stage_label(row.stage), row.count, " · ".join(parts), row.ids))
        self.funnel_chart.set_bars(bars)

    def _show_value(self, report: Report) -> None:
        v = report.mql_value
        currency = report.home_currency
        self.value.explain.setText(
            self.tr(
                "MQL → Won conversion × average won value, over the MQLs of the cohort whose outcome is "
                "known (Won or Lost now)."
            )
        )
        self.value_formula.setText(self._formula(v, currency))
        if v.outcomes == 0:
            basis = self.tr("No MQL of this period has an outcome yet.")
        else:
            basis = (
                self.tr("Rests on %Ln outcome(s)", "", v.outcomes)
                + " "
                + self.tr("(%1 won of %2 MQLs)").replace("%1", num(v.won)).replace("%2", num(v.mqls))
            )
        if v.uncertain:
            basis += " " + self.tr("— fewer than %1 outcomes: uncertain.").replace("%1", num(MIN_OUTCOMES))
        self.value.note.setText(basis)
        rows = [
            (
                [
                    s.source or self.tr("(no source)"),
                    num(s.mqls),
                    num(s.outcomes) + (" ⚠" if s.uncertain else ""),
                    pct(s.conversion_rate),
                    money(s.average_won_value, currency),
                    money(s.value, currency),
                ],
                s.ids,
            )
            for s in report.mql_value_by_source
        ]
        fill_table(self.value_table, rows)

    def _formula(self, v: MqlValue, currency: str) -> str:
        if v.conversion_rate is None:
            return "—"
        if v.average_won_value is None:
            return f"{pct(v.conversion_rate)} × — = {money(v.value, currency)}"
        return (
            f"{pct(v.conversion_rate)} × {money(v.average_won_value, currency)} = {money(v.value, currency)}"
        )

    def _show_timing(self, report: Report) -> None:
        t = report.timing
        self.timing.explain.setText(
            self.tr(
                "Days from first arriving in a stage to first arriving in a later one or in Lost, over "
                "the leads created in the period. Leads still in a stage are not measured yet."
            )
        )
        rows = [
            (
                [stage_label(s.stage), dec(s.median_days), dec(s.p75_days), num(s.leads), num(s.still_in)],
                s.ids,
            )
            for s in t.stages
        ]
        fill_table(self.timing_table, rows)
        text = self.tr(
            "Lead velocity (created → Won): median %1 days, 75th percentile %2 days, %Ln lead(s)",
            "",
            t.velocity_leads,
        )
        self.timing.note.setText(
            text.replace("%1", dec(t.velocity_median_days)).replace("%2", dec(t.velocity_p75_days))
        )

    def _show_handover(self, report: Report) -> None:
        h = report.handover
        self.handover.explain.setText(
            self.tr(
                "Hours from reaching MQL to the first call, e-mail or meeting, for the MQLs reached in the "
                "period. Working days are Monday to Friday."
            )
        )
        text = self.tr(
            "%Ln MQL(s) reached · answered: %1 · median %2 h · 75th percentile %3 h · not answered yet: %4",
            "",
            h.mqls,
        )
        self.handover_summary.setText(
            text.replace("%1", num(h.answered))
            .replace("%2", dec(h.median_hours))
            .replace("%3", dec(h.p75_hours))
            .replace("%4", num(h.still_waiting))
        )
        self.handover_button.setText(
            self.tr("%Ln MQL(s) waited longer than the threshold", "", h.waiting_over_threshold)
        )
        self.handover_button.setEnabled(h.waiting_over_threshold > 0)

    def _show_sources(self, report: Report) -> None:
        currency = report.home_currency
        self.sources.explain.setText(
            self.tr(
                "Leads created in the period per source; trade fairs are marked. Won value adds %1 only; "
                "cost per lead needs the fair's cost."
            ).replace("%1", currency)
        )
        bars, rows = [], []
        for s in report.sources:
            name = s.source or self.tr("(no source)")
            if s.is_fair:
                name = self.tr("%1 (fair)").replace("%1", name)
            bars.append(
                Bar(
                    name,
                    s.leads,
                    self.tr("%1 leads · %2 won").replace("%1", num(s.leads)).replace("%2", pct(s.conversion)),
                    s.ids,
                )
            )
            rows.append(
                (
                    [
                        name,
                        num(s.leads),
                        num(s.mql),
                        num(s.sql),
                        num(s.won),
                        money(s.won_value, currency),
                        pct(s.conversion),
                        money(s.cost, currency),
                        money(s.cost_per_lead, currency),
                    ],
                    s.ids,
                )
            )
        self.sources_chart.set_bars(bars)
        fill_table(self.sources_table, rows)

    def _show_lost(self, report: Report) -> None:
        labels = lost_reason_labels()
        self.lost.explain.setText(
            self.tr("Every move into Lost with its reason, and the stage the lead was lost from.")
            + " "
            + (
                self.tr("Losses of the leads created in the period.")
                if report.query.mode == Mode.COHORT
                else self.tr("Losses during the period.")
            )
        )
        totals: dict[str, tuple[int, set[int]]] = {}
        rows = []
        for r in report.lost_reasons:
            reason = labels.get(r.reason, r.reason) or self.tr("(no reason)")
            count, ids = totals.get(reason, (0, set()))
            totals[reason] = (count + r.count, ids | set(r.ids))
            stage = stage_label(r.from_stage) if r.from_stage else "—"
            rows.append(([reason, stage, num(r.count), money(r.value, report.home_currency)], r.ids))
        bars = [
            Bar(reason, count, num(count), tuple(sorted(ids)))
            for reason, (count, ids) in sorted(totals.items(), key=lambda kv: -kv[1][0])
        ]
        self.lost_chart.set_bars(bars)
        fill_table(self.lost_table, rows)

    def _show_scoring(self, report: Report) -> None:
        sc = report.scoring_check
        self.scoring.explain.setText(
            self.tr(
                "For MQLs whose outcome is known: the share won per score at reaching MQL. "
                "A rule's lift compares the share won of the leads it gives points to with the others."
            )
        )
        self.bands_chart.set_bars(
            [
                Bar(
                    self.tr("Score %1").replace("%1", b.band),
                    b.conversion or 0.0,
                    self.tr("%1 won of %2").replace("%1", pct(b.conversion)).replace("%2", num(b.outcomes)),
                    b.ids,
                )
                for b in sc.bands
            ]
        )
        rows = [
            (
                [
                    r.rule,
                    f"{pct(r.conversion_hit)} ({num(r.hit)})",
                    f"{pct(r.conversion_miss)} ({num(r.miss)})",
                    "—" if r.lift is None else "× " + dec(r.lift, 2),
                ],
                r.ids,
            )
            for r in sorted(sc.rules, key=lambda r: -(r.lift or 0.0))
        ]
        fill_table(self.rules_table, rows)
        text = self.tr(
            "%Ln outcome(s); the score recorded at MQL was missing for %1, their current score stands in.",
            "",
            sc.outcomes,
        )
        self.scoring.note.setText(text.replace("%1", num(sc.from_current)))

    # --- opening leads ------------------------------------------------------------------------------
    def _open_bar(self, chart: BarChart, k: int, *, lost: bool = False) -> None:
        bar = chart.bars[k]
        stage_lost = (
            chart is self.funnel_chart
            and self.report is not None
            and self.report.funnel.rows[k].stage == "lost"
        )
        self.open_leads.emit(frozenset(bar.ids), bar.label, lost or stage_lost)

    def _open_row(self, table: QTableWidget, row: int) -> None:
        item = table.item(row, 0)
        ids = item.data(IDS_ROLE) if item is not None else None
        if ids is None:
            return
        self.open_leads.emit(frozenset(ids), item.text(), table is self.lost_table)

    def _open_waiting(self) -> None:
        if self.report is not None:
            self.open_leads.emit(frozenset(self.report.handover.over_ids), self.tr("waiting MQLs"), False)

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

    def _ask_path(self, title: str, name: str, pattern: str, save: Callable[[str], None]) -> None:
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
