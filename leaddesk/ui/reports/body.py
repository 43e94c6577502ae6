"""The reports window's body: each report a section (heading, explanation, chart, table, note).

What the sections show comes from ``leaddesk.core.reports``; the window
(leaddesk/ui/reports/window.py) asks for it and hands it to :meth:`ReportBody.show_report`.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core.reports import Mode, Report
from leaddesk.core.reports.value import MIN_OUTCOMES, MqlValue
from leaddesk.ui.i18n import lost_reason_labels, stage_label
from leaddesk.ui.reports.charts import Bar, BarChart
from leaddesk.ui.reports.numbers import dec, money, num, pct

IDS_ROLE = Qt.ItemDataRole.UserRole + 1


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


def fill_table(table: QTableWidget, rows: Sequence[tuple[list[str], tuple[int, ...] | None]]) -> None:
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


class ReportBody(QWidget):
    """Every report of the window, in a grid: funnel, MQL value, time in stage, handover, sources,
    lost reasons, scoring check. ``open_leads(ids, label, lost)``: a bar or row was chosen."""

    open_leads = Signal(object, str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: Report | None = None
        grid = QGridLayout(self)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.funnel = Section(self.tr("Funnel"), "funnelSection", self)
        self.funnel_chart = self.funnel.add_chart("funnelChart")
        self.funnel.finish()
        self.value = Section(self.tr("What an MQL is worth"), "valueSection", self)
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
        self.timing = Section(self.tr("Time in stage"), "timingSection", self)
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
        self.handover = Section(self.tr("Speed of handover"), "handoverSection", self)
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
        self.sources = Section(self.tr("Sources and trade fairs"), "sourcesSection", self)
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
        self.sources.layout_.addWidget(self.cost_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.sources.finish()
        self.lost = Section(self.tr("Lost reasons"), "lostSection", self)
        self.lost_chart = self.lost.add_chart("lostChart")
        self.lost_table = self.lost.add_table(
            [self.tr("Reason"), self.tr("Lost from"), self.tr("Leads"), self.tr("Value")]
        )
        self.lost.finish()
        self.scoring = Section(self.tr("Scoring check"), "scoringSection", self)
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

    def show_report(self, report: Report) -> None:
        """Show ``report`` in every section."""
        self.report = report
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
                "Hours from reaching MQL to the first call, email or meeting, for the MQLs reached in the "
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
        if item is None or ids is None:
            return
        self.open_leads.emit(frozenset(ids), item.text(), table is self.lost_table)

    def _open_waiting(self) -> None:
        if self.report is not None:
            self.open_leads.emit(frozenset(self.report.handover.over_ids), self.tr("waiting MQLs"), False)
