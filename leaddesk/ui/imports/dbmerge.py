"""Merge a second LeadDesk database (the trade-fair laptop) in the app: dry run, report, merge, summary.

The same core as ``leaddesk merge-db`` (:func:`leaddesk.core.services.dbmerge.merge_database`)
runs on the write lane of ``leaddesk.ui.ops``, so the board is read-only meanwhile and quitting waits
for it. The dry run is the real merge rolled back, so its report is exactly what "Merge" will
do; cancelling either rolls back, leaving the database as it was. Before the real merge a copy
of the database is written next to it, as the merge itself has no undo.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core.db import Database
from leaddesk.core.errors import Cancelled, LeadDeskError
from leaddesk.core.services.dbmerge import DbMergeReport, LeadOutcome, OtherDatabaseError, merge_database
from leaddesk.ui.i18n import error_text, stage_label, tr_core
from leaddesk.ui.imports.jobs import RunningPage
from leaddesk.ui.imports.labels import lead_field_labels, reason_labels
from leaddesk.ui.ops import Op, operations

translate = QCoreApplication.translate  # literal calls below, so pyside6-lupdate finds every string

RUNNING, REPORT, ERROR = range(3)
# Merged leads first (what the person most wants to check), then new ones, unchanged, left out.
KINDS = ("merged", "added", "same", "left")
OutcomeRole = Qt.ItemDataRole.UserRole + 1


def kind_of(o: LeadOutcome) -> str:
    """The row's kind in the list: a match the merge leaves exactly as it is reads "unchanged"."""
    return "same" if o.outcome == "merged" and not o.changes else o.outcome


def kind_counts(report: DbMergeReport) -> dict[str, int]:
    counts = dict.fromkeys(KINDS, 0)
    for o in report.leads:
        counts[kind_of(o)] += 1
    return counts


def choose_database_file(parent: QWidget | None) -> str:
    """Ask for the other laptop's database file; "" if the person cancelled (tests replace this)."""
    name, _ = QFileDialog.getOpenFileName(
        parent,
        translate("MergeDatabase", "Choose the LeadDesk database to merge"),
        str(Path.home()),
        translate("MergeDatabase", "LeadDesk databases (*.sqlite3 *.sqlite *.db);;All files (*)"),
    )
    return name


class OutcomeModel(QAbstractTableModel):
    """The leads of the other file: result, name, where it goes, what changes (text built lazily)."""

    COLUMNS = 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outcomes: list[LeadOutcome] = []
        self._reasons = reason_labels()
        self._fields = lead_field_labels()

    def set_report(self, report: DbMergeReport | None) -> None:
        self.beginResetModel()
        leads = report.leads if report is not None else []
        self.outcomes = sorted(leads, key=lambda o: (KINDS.index(kind_of(o)), o.name.casefold()))
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.outcomes)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    # --- texts (methods, so pyside6-lupdate sees the plural forms as self.tr calls) ------------

    def row_kind_text(self, table: str, n: int) -> str:
        """ "3 activities", "1 stage change" …: what a merge brings over, by table."""
        texts = {
            "activity": self.tr("%n activity(ies)", "", n),
            "stagechange": self.tr("%n stage change(s)", "", n),
            "task": self.tr("%n task(s)", "", n),
            "qualification": self.tr("%n set(s) of BANT answers", "", n),
            "qualificationchange": self.tr("%n BANT change(s)", "", n),
            "scoreadjustment": self.tr("%n score adjustment(s)", "", n),
            "attachment": self.tr("%n attachment(s)", "", n),
            "calldraft": self.tr("%n unfinished call note(s)", "", n),
        }
        return texts.get(table, f"{n} {table}").replace(str(n), QLocale().toString(n), 1)

    def rows_text(self, rows: dict[str, int]) -> str:
        """All row kinds with a count, in a stable, readable order."""
        order = ("activity", "stagechange", "task", "qualification", "qualificationchange", "scoreadjustment")
        keys = sorted(
            (k for k, n in rows.items() if n), key=lambda k: (order.index(k) if k in order else 99, k)
        )
        return ", ".join(self.row_kind_text(k, rows[k]) for k in keys)

    def kind_label(self, kind: str) -> str:
        return {
            "added": self.tr("New"),
            "merged": self.tr("Merged"),
            "same": self.tr("Unchanged"),
            "left": self.tr("Left out"),
        }.get(kind, kind)

    def changes(self, o: LeadOutcome) -> list[str]:
        """Readable parts: which fields change, what goes to the notes, the stage, what comes along."""
        if o.outcome == "left":
            if o.left_reason == "suppressed":
                return [tr_core(o.left_note)]
            if o.left_reason == "erased_here":
                return [self.tr("Deleted or merged on this computer; not brought back")]
            return [self.tr("Deleted or merged on the other computer; not brought over")]
        fields = self._fields
        parts: list[str] = []
        filled = [f for f in o.filled if f not in o.kept and f not in ("notes", "bant")]
        replaced = [f for f in o.filled if f in o.kept and f != "bant"]
        kept = [f for f in o.kept if f not in o.filled and f != "bant"]
        for names, text in (
            (filled, self.tr("Fills in: %1")),
            (replaced, self.tr("Updates: %1 (the old value is kept in the notes)")),
            (kept, self.tr("Keeps: %1 (the other value goes to the notes)")),
        ):
            if names:
                parts.append(text.replace("%1", ", ".join(fields.get(f, f) for f in names)))
        if "notes" in o.filled:
            parts.append(self.tr("Adds to the notes"))
        if "bant" in o.filled:
            parts.append(self.tr("Adds BANT answers"))
        if "bant" in o.kept:
            parts.append(self.tr("Differing BANT answers go to the BANT notes"))
        if o.stage is not None:
            parts.append(
                self.tr("Stage %1 → %2")
                .replace("%1", stage_label(o.stage[0]))
                .replace("%2", stage_label(o.stage[1]))
            )
        if o.rows:
            parts.append(self.tr("Brings %1").replace("%1", self.rows_text(o.rows)))
        return parts or [self.tr("Nothing new: the same as here")]

    def details(self, row: int) -> str:
        """Everything about one row, a line per change (the list shows it on one line)."""
        o = self.outcomes[row]
        head = f"{self.kind_label(kind_of(o))}: {o.name}"
        target = self._target(o)
        return "\n".join([f"{head} – {target}" if target else head, *(f"• {p}" for p in self.changes(o))])

    def _target(self, o: LeadOutcome) -> str:
        if o.outcome == "added":
            return self.tr("new lead")
        if o.target_id is None:
            return ""
        reason = self._reasons.get(o.match, o.match)
        text = self.tr("into #%1").replace("%1", QLocale().toString(o.target_id))
        return f"{text} ({reason})" if reason else text

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        o = self.outcomes[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            column = index.column()
            if column == 0:
                return self.kind_label(kind_of(o))
            if column == 1:
                return o.name
            if column == 2:
                return self._target(o)
            return " · ".join(self.changes(o))
        if role == OutcomeRole:
            return kind_of(o)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Result"), self.tr("Lead"), self.tr("Goes"), self.tr("What changes"))[section]
        return None


class MergeDatabaseDialog(QDialog):
    """Dry run → report → merge → summary for one other database file.

    ``merged(report)`` fires after a real merge, so the main window reloads the board.
    """

    merged = Signal(object)

    def __init__(self, db: Database, path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.ops = operations(db)
        self.path = path
        self.report: DbMergeReport | None = None
        self.done_report: DbMergeReport | None = None
        self.backup: Path | None = None
        self.job: Op | None = None
        self._close_when_idle = False
        self.setWindowTitle(self.tr("Merge another LeadDesk database"))
        self.resize(620, 260)  # grows for the report
        self.pages = QStackedWidget(self)
        for build in (self._running_page, self._report_page, self._error_page):
            self.pages.addWidget(build())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.check()

    # --- pages -----------------------------------------------------------------------------------

    def _running_page(self) -> QWidget:
        self.running_page = RunningPage(self.cancel)
        self.running_label, self.cancel_button = self.running_page.label, self.running_page.cancel_button
        return self.running_page

    def _report_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary_label)
        filter_row = QHBoxLayout()
        self.filter_combo = QComboBox()
        show = QLabel(self.tr("&Show:"))
        show.setBuddy(self.filter_combo)
        filter_row.addWidget(show)
        filter_row.addWidget(self.filter_combo)
        filter_row.addStretch()
        layout.addLayout(filter_row)
        self.outcomes = OutcomeModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.outcomes)
        self.proxy.setFilterRole(OutcomeRole)
        self.proxy.setFilterKeyColumn(0)
        self.filter_combo.currentIndexChanged.connect(self._filter)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.view, 1)
        self.view.selectionModel().currentRowChanged.connect(self._show_details)
        self.details_label = QLabel()
        self.details_label.setWordWrap(True)
        self.details_label.setTextFormat(Qt.TextFormat.PlainText)
        self.details_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_label.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        self.details_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.details_label)
        buttons = QHBoxLayout()
        buttons.addStretch()
        self.merge_button = QPushButton(self.tr("&Merge"))
        self.merge_button.setDefault(True)
        self.merge_button.clicked.connect(self.run_merge)
        self.close_button = QPushButton(self.tr("Cancel"))
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        return page

    def _error_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.error_title = QLabel()
        self.error_title.setWordWrap(True)
        font = self.error_title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.error_title.setFont(font)
        layout.addWidget(self.error_title)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.error_label)
        layout.addStretch()
        buttons = QHBoxLayout()
        buttons.addStretch()
        self.choose_button = QPushButton(self.tr("C&hoose another file…"))
        self.choose_button.clicked.connect(self.choose_again)
        close = QPushButton(self.tr("&Close"))
        close.clicked.connect(self.reject)
        buttons.addWidget(self.choose_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        return page

    # --- dry run and report ----------------------------------------------------------------------

    def check(self) -> None:
        """The dry run: the whole merge in a transaction that is rolled back."""
        db, path = self.db, self.path
        self.report = None
        self._start(
            lambda job: merge_database(db, path, dry_run=True, progress=job.report),
            self.tr("Reading %1 and comparing it with your leads…").replace("%1", Path(path).name),
            self._checked,
        )

    def _checked(self, report: DbMergeReport) -> None:
        if self._close_when_idle:  # cancelled too late to stop it: nothing was written anyway
            self.reject()
            return
        self.report = report
        self._show_report(report, dry_run=True)

    def _show_report(self, report: DbMergeReport, *, dry_run: bool) -> None:
        loc = QLocale()
        self.resize(max(self.width(), 960), max(self.height(), 600))
        name = _html(Path(self.path).name)
        if dry_run:
            head = self.tr("What merging <b>%1</b> would do:")
        else:
            head = self.tr("<b>%1</b> has been merged:")
        kinds = kind_counts(report)
        counts = (
            self.tr("New: <b>%1</b> · Merged: <b>%2</b> · Unchanged: <b>%3</b> · Left out: <b>%4</b>")
            .replace("%1", loc.toString(kinds["added"]))
            .replace("%2", loc.toString(kinds["merged"]))
            .replace("%3", loc.toString(kinds["same"]))
            .replace("%4", loc.toString(kinds["left"]))
        )
        text = f"<span style='font-size:large'>{head.replace('%1', name)}</span><br>{counts}"
        brought = self.outcomes.rows_text(report.rows_added)
        if brought:
            verb = self.tr("Brings over: %1.") if dry_run else self.tr("Brought over: %1.")
            text += "<br>" + verb.replace("%1", _html(brought))
        extras = []
        n = len(report.conflicts)
        if n:
            text_n = self.tr("%n differing value(s) kept in the leads' notes", "", n)
            extras.append(text_n.replace(str(n), loc.toString(n), 1))
        n = report.rows_present
        if n:
            text_n = self.tr("%n entry(ies) already here, not copied twice", "", n)
            extras.append(text_n.replace(str(n), loc.toString(n), 1))
        n = len(report.users_added)
        if n:  # owners and users of the other file that this team list did not have
            names = _html(", ".join(report.users_added))
            extras.append(self.tr("%n new user(s) in Settings → People: %1", "", n).replace("%1", names))
        if extras:
            text += "<br>" + " · ".join(extras)
        if not dry_run and self.backup is not None:
            text += (
                "<br><small>"
                + _html(self.tr("Your database as it was before: %1").replace("%1", str(self.backup)))
                + "</small>"
            )
        elif dry_run and not (kinds["added"] or kinds["merged"]):
            text += "<br>" + self.tr("There is nothing to merge: this file brings nothing new.")
        self.summary_label.setText(text)
        self.outcomes.set_report(report)
        self._fill_filter(kinds)
        self.view.resizeColumnToContents(1)
        self.view.setColumnWidth(1, min(self.view.columnWidth(1), 320))
        self.view.resizeColumnToContents(2)
        self.merge_button.setVisible(dry_run)
        self.merge_button.setEnabled(bool(kinds["added"] or kinds["merged"]))
        self.close_button.setText(self.tr("Cancel") if dry_run else self.tr("&Close"))
        self.close_button.setDefault(not dry_run or not self.merge_button.isEnabled())
        self.pages.setCurrentIndex(REPORT)
        if dry_run and self.merge_button.isEnabled():
            self.merge_button.setFocus()
        else:
            self.view.setFocus()

    def _fill_filter(self, kinds: dict[str, int]) -> None:
        loc = QLocale()
        self.filter_combo.blockSignals(True)
        self.filter_combo.clear()
        total = sum(kinds.values())
        self.filter_combo.addItem(self.tr("All leads (%1)").replace("%1", loc.toString(total)), "")
        for key in KINDS:
            if kinds[key]:
                label = f"{self.outcomes.kind_label(key)} ({loc.toString(kinds[key])})"
                self.filter_combo.addItem(label, key)
        self.filter_combo.blockSignals(False)
        self._filter()

    def _filter(self, *_args: Any) -> None:
        key = self.filter_combo.currentData() or ""
        self.proxy.setFilterRegularExpression(f"^{key}$" if key else "")
        if self.proxy.rowCount():
            self.view.setCurrentIndex(self.proxy.index(0, 0))
        self._show_details()

    def _show_details(self, *_args: Any) -> None:
        """The selected lead's changes in full, a line each, under the list."""
        index = self.proxy.mapToSource(self.view.currentIndex())
        self.details_label.setText(self.outcomes.details(index.row()) if index.isValid() else "")

    # --- the real merge --------------------------------------------------------------------------

    def run_merge(self) -> None:
        """Merge for real (a safety copy first, one transaction; cancel rolls it back)."""
        db, path = self.db, self.path

        def work(job: Op) -> DbMergeReport:
            return merge_database(db, path, progress=job.report)

        self._start(work, self.tr("Merging %1…").replace("%1", Path(path).name), self._merged)

    def _merged(self, report: DbMergeReport) -> None:
        self.done_report, self.backup = report, report.safety_copy
        self._close_when_idle = False  # too late to cancel: say what was done
        self._show_report(self.done_report, dry_run=False)
        self.merged.emit(self.done_report)

    # --- choosing again, errors, background plumbing --------------------------------------------

    def choose_again(self) -> None:
        path = choose_database_file(self)
        if path:
            self.path = path
            self.check()

    def _start(self, fn: Any, label: str, on_success: Any) -> None:
        self.running_page.start(label)
        self.pages.setCurrentIndex(RUNNING)
        self.cancel_button.setFocus()
        done = lambda result: self._finished(on_success, result)  # noqa: E731
        show = self.running_page.show_progress
        self.job = self.ops.write(fn, done=done, failed=self._failed, progress=show, owner=self)

    def _finished(self, on_success: Any, result: Any) -> None:
        self.job = None
        on_success(result)

    @property
    def running(self) -> bool:
        return self.job is not None

    def cancel(self) -> None:
        """Stop the running job; a cancelled dry run closes the dialog, a cancelled merge shows the report."""
        if self.job is not None:
            self._close_when_idle = self._close_when_idle or self.report is None
            self.cancel_button.setEnabled(False)
            self.running_label.setText(self.tr("Cancelling…"))
            self.job.cancel()

    def _failed(self, exc: BaseException, trace: str) -> None:
        self.job = None
        if self._close_when_idle:
            self.reject()
            return
        if isinstance(exc, Cancelled):
            if self.report is None:  # the dry run was cancelled: nothing to show
                self.reject()
                return
            self._show_report(self.report, dry_run=True)
            self.summary_label.setText(
                "<b>" + self.tr("Cancelled; nothing was changed.") + "</b><br>" + self.summary_label.text()
            )
            return
        self.show_error(exc)

    def show_error(self, exc: BaseException) -> None:
        """A clear message naming the file; the database is as it was."""
        path = Path(getattr(exc, "path", self.path))
        reason = exc.reason if isinstance(exc, OtherDatabaseError) else ""
        texts = {
            "missing": self.tr("The file does not exist (any more)."),
            "unreadable": self.tr(
                "LeadDesk may not read this file. Copy it to this computer or check its permissions."
            ),
            "same": self.tr(
                "This is the database LeadDesk has open right now. Choose the file from the other computer."
            ),
            "not_leaddesk": self.tr("This file is not a LeadDesk database."),
            "newer": self.tr(
                "This database was written by a newer LeadDesk. Update LeadDesk here, then merge again."
            ),
        }
        if reason in texts:
            detail = texts[reason]
        elif isinstance(exc, LeadDeskError):
            detail = error_text(exc)
        else:  # a bug: say so, with enough to report it
            detail = self.tr("Unexpected error:") + f" {type(exc).__name__}: {exc}"
        self.error_title.setText(self.tr("Cannot merge %1").replace("%1", path.name))
        self.error_label.setText(f"{detail}\n\n{path}\n\n" + self.tr("Nothing was changed."))
        self.choose_button.setDefault(True)
        self.pages.setCurrentIndex(ERROR)
        self.resize(620, 260)  # a message, not a report: no big empty window
        self.choose_button.setFocus()

    def reject(self) -> None:
        """Escape/Cancel/close: while a job runs, cancel it and close once it has rolled back."""
        if self.job is not None:
            self._close_when_idle = True
            self.cancel()
            return
        super().reject()

    def closeEvent(self, event: Any) -> None:
        if self.job is not None:
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def open_merge_dialog(db: Database, path: str, parent: QWidget | None = None) -> MergeDatabaseDialog:
    """Show the dialog window-modal (the board stays visible, not editable) and start the dry run."""
    dialog = MergeDatabaseDialog(db, path, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, parent is not None)
    dialog.open()
    return dialog


__all__ = ["MergeDatabaseDialog", "OutcomeModel", "choose_database_file", "open_merge_dialog"]
