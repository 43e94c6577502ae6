"""Import wizard: files → (column mapping with preview) → dry-run report → import with progress → undo.

Every step calls the same core services as ``leaddesk import``; parsing, checking and writing
run on the write lane (:mod:`leaddesk.ui.imports.jobs`), so the window never freezes and a
long import can be cancelled (the core then rolls back: nothing is half-imported).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core.db import Database
from leaddesk.core.errors import LeadDeskError
from leaddesk.core.importers.csvfile import auto_mapping
from leaddesk.core.services.imports import (
    FileReport,
    ImportPlan,
    ImportResult,
    PlanOutdated,
    UndoRefused,
    UndoResult,
    apply_import,
    plan_import,
    read_sources,
    undo_import,
)
from leaddesk.ui.i18n import error_text
from leaddesk.ui.imports.history import confirm_undo_import
from leaddesk.ui.imports.jobs import BackgroundJob, RunningPage
from leaddesk.ui.imports.labels import target_labels
from leaddesk.ui.imports.mapping import MappingPage
from leaddesk.ui.imports.problems import ProblemPanel

FILES, MAPPING, REPORT, RUNNING, RESULT = range(5)


class ImportWizard(QDialog):
    """The import dialog. ``imported(batch_id)`` and ``undone(batch_id)`` tell the main window to refresh."""

    imported = Signal(int)
    undone = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None, files: list[str] | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.plan: ImportPlan | None = None
        self.import_result: ImportResult | None = None
        # Why the files are being checked again (leads changed since the report): said on the new one.
        self.recheck_reason = ""
        # Per CSV file name: the columns the person mapped differently from the automatic guess.
        self.mappings: dict[str, dict[str, str]] = {}
        self.mapping_file = ""
        self.job: BackgroundJob | None = None
        self.setWindowTitle(self.tr("Import leads"))
        self.resize(900, 600)
        self.pages = QStackedWidget(self)
        for build in (
            self._files_page,
            self._mapping_page,
            self._report_page,
            self._running_page,
            self._result_page,
        ):
            self.pages.addWidget(build())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        for f in files or []:
            self.file_list.addItem(f)
        self._update_files_buttons()

    # --- pages -----------------------------------------------------------------------------------

    def _files_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(
            QLabel(
                self.tr(
                    "vCard files (.vcf) and CSV exports of Outlook, Google, HubSpot, Pipedrive, "
                    "Salesforce, Odoo, LinkedIn or any other address book:"
                )
            )
        )
        self.file_list = QListWidget()
        self.file_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        layout.addWidget(self.file_list)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add files…"))
        self.add_button.setShortcut(QKeySequence.StandardKey.Open)
        self.add_button.clicked.connect(self._choose_files)
        self.remove_button = QPushButton(self.tr("&Remove"))
        self.remove_button.clicked.connect(self._remove_files)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch()
        layout.addLayout(row)
        form = QFormLayout()
        self.source_edit = QLineEdit()
        self.source_edit.setPlaceholderText(self.tr("e.g. Messe Stuttgart 2026 (default: the file name)"))
        form.addRow(self.tr("&Source of these leads:"), self.source_edit)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addStretch()
        self.check_button = QPushButton(self.tr("&Check files"))
        self.check_button.setDefault(True)
        self.check_button.clicked.connect(self.check)
        close = QPushButton(self.tr("Cancel"))
        close.clicked.connect(self.reject)
        buttons.addWidget(self.check_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.file_list.model().rowsInserted.connect(self._update_files_buttons)
        self.file_list.model().rowsRemoved.connect(self._update_files_buttons)
        return page

    def _mapping_page(self) -> QWidget:
        self.mapping = MappingPage()
        self.mapping.file_chosen.connect(self._switch_mapping_file)
        self.mapping.back_button.clicked.connect(lambda: self.pages.setCurrentIndex(FILES))
        self.mapping.remap_button.clicked.connect(self._apply_mapping)
        return self.mapping

    def _report_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        self.problem_panel = ProblemPanel()
        self.problems, self.problem_view = self.problem_panel.model, self.problem_panel.view
        layout.addWidget(self.problem_panel, 1)
        form = QFormLayout()
        self.policy_combo = QComboBox()
        self.policy_combo.addItem(
            self.tr("Merge: fill empty fields, keep differing values in the notes"), "merge"
        )
        self.policy_combo.addItem(self.tr("Update: overwrite with the values from the file"), "update")
        self.policy_combo.addItem(self.tr("Skip: leave existing leads unchanged"), "skip")
        form.addRow(self.tr("&Duplicates:"), self.policy_combo)
        self.skip_errors_box = QCheckBox(self.tr("Import the valid records and leave out those with errors"))
        self.skip_errors_box.toggled.connect(self._update_import_button)
        form.addRow("", self.skip_errors_box)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        back = QPushButton(self.tr("&Back"))
        back.clicked.connect(lambda: self.pages.setCurrentIndex(FILES))
        self.columns_button = QPushButton(self.tr("C&olumns…"))
        self.columns_button.clicked.connect(lambda: self._show_mapping(self._mapping_target()))
        buttons.addWidget(back)
        buttons.addWidget(self.columns_button)
        buttons.addStretch()
        self.import_button = QPushButton(self.tr("&Import"))
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.run_import)
        buttons.addWidget(self.import_button)
        layout.addLayout(buttons)
        return page

    def _running_page(self) -> QWidget:
        page = RunningPage(self.cancel)
        self.running_label, self.progress, self.cancel_button = page.label, page.progress, page.cancel_button
        self.cancel_button.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        return page

    def _result_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        layout.addWidget(self.result_label)
        layout.addStretch()
        buttons = QHBoxLayout()
        self.undo_button = QPushButton(self.tr("&Undo this import…"))
        self.undo_button.setAutoDefault(False)  # Enter on this page closes; it never undoes
        self.undo_button.clicked.connect(lambda: self.undo(force=False))
        self.force_undo_button = QPushButton(self.tr("Undo anyway, &keep edited leads"))
        self.force_undo_button.setAutoDefault(False)
        self.force_undo_button.clicked.connect(lambda: self.undo(force=True))
        self.force_undo_button.hide()
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.force_undo_button)
        buttons.addStretch()
        done = self.close_button = QPushButton(self.tr("&Close"))
        done.setDefault(True)
        done.clicked.connect(self.accept)
        buttons.addWidget(done)
        layout.addLayout(buttons)
        return page

    # --- files -----------------------------------------------------------------------------------

    def files(self) -> list[str]:
        return [self.file_list.item(i).text() for i in range(self.file_list.count())]

    def _choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Choose files to import"),
            "",
            self.tr("Contacts (*.vcf *.vcard *.csv *.txt);;All files (*)"),
        )
        for name in names:
            if name not in self.files():
                self.file_list.addItem(name)

    def _remove_files(self) -> None:
        for item in self.file_list.selectedItems():
            self.file_list.takeItem(self.file_list.row(item))

    def _update_files_buttons(self, *_args: Any) -> None:
        self.check_button.setEnabled(self.file_list.count() > 0)

    # --- checking (dry run) ----------------------------------------------------------------------

    def check(self) -> None:
        """Parse and check every file off the UI thread; then show the mapping or the report."""
        try:
            sources = read_sources(self.files())
        except LeadDeskError as exc:
            self._show_error(error_text(exc), FILES)
            return
        source = self.source_edit.text().strip()
        # Only the files still in the list: the choices for a removed one must not apply.
        mapping: dict[str, str] = {}
        for name, _data in sources:
            mapping.update(self.mappings.get(name, {}))
        # A check replaces the plan: let the old one go first (a 100,000-row plan is ~900,000
        # objects; keeping it while the next is built doubles the memory and slows the check).
        self.plan = None
        self.problem_panel.set_plan(None)
        self._start(
            lambda progress: plan_import(
                self.db, sources, source=source, mapping=mapping or None, progress=progress
            ),
            self.tr("Checking %n record(s)…", "", 0),
            self._checked,
            back_to=FILES,
        )

    def _checked(self, plan: ImportPlan) -> None:
        self.plan = plan
        reason, self.recheck_reason = self.recheck_reason, ""
        unmapped = self._unmapped()
        if unmapped and not self.mappings:
            self._show_mapping(unmapped[0])
            return
        self._show_report()
        if reason:
            self._flash(reason, REPORT)

    def _csv_files(self) -> list[str]:
        return [p.file_name for p in self.plan.files if p.file_format == "csv"] if self.plan else []

    def _unmapped(self) -> list[str]:
        """CSV files of the plan whose columns the importer could not recognise (nothing read)."""
        files = self.plan.files if self.plan else []
        return [p.file_name for p in files if p.file_format == "csv" and not p.records and p.issues]

    def _mapping_target(self) -> str:
        """The CSV file Columns… opens: one still unmapped, else the selected row's, else the first."""
        unmapped = self._unmapped()
        if unmapped:
            return unmapped[0]
        csv_files = self._csv_files()
        rows = self.problem_view.selectionModel().selectedRows()
        selected = self.problems.file_name(rows[0].row()) if rows else ""
        if selected in csv_files:
            return selected
        return csv_files[0] if csv_files else ""

    def _auto_mapping(self, file_name: str) -> dict[str, str]:
        """What the importer reads each column of ``file_name`` as without any choice of the person."""
        files = self.plan.files if self.plan else []
        p = next((p for p in files if p.file_name == file_name), None)
        return auto_mapping(p.headers, p.preset) if p is not None else {}

    def _show_mapping(self, file_name: str) -> None:
        path = next((f for f in self.files() if Path(f).name == file_name), None)
        if path is None:
            return
        self.mapping_file = file_name
        current = next(
            (p.mapping for p in (self.plan.files if self.plan else []) if p.file_name == file_name), {}
        )
        chosen = current | self.mappings.get(file_name, {})
        self.mapping.show_file(file_name, Path(path).read_bytes(), self._csv_files(), chosen)
        self.pages.setCurrentIndex(MAPPING)
        self.mapping.focus_table()

    def _switch_mapping_file(self, name: str) -> None:
        """Another file chosen on the mapping page: keep this file's choices, show that one's."""
        if name and name != self.mapping_file:
            self._keep_table_choices()
            self._show_mapping(name)

    def set_target(self, header: str, target: str) -> None:
        """Choose the target of one column of the file shown (as the person does with its combo)."""
        self.mapping.set_target(header, target)

    def _keep_table_choices(self) -> None:
        """Remember the shown file's choices; only those that differ from the automatic guess.

        The core takes one header → target mapping for all files, so a choice kept here also
        applies to a column of the same name in another file (:meth:`_mapping_clash` guards that).
        """
        if not self.mapping_file:
            return
        automatic = self._auto_mapping(self.mapping_file)
        self.mappings[self.mapping_file] = {
            header: target
            for header, target in self.mapping.targets().items()
            if target != automatic.get(header, "")
        }

    def _mapping_clash(self) -> tuple[str, str, str, str, str] | None:
        """A column name two mapped files read differently: (column, target, file, other target, other file).

        One mapping serves all files of an import, so such a pair cannot be checked together.
        A file the person has not mapped simply takes the others' choices for its columns
        (two exports with the same unknown headers are mapped once).
        """
        files = self.plan.files if self.plan else []
        csv_files = [p for p in files if p.file_format == "csv" and p.file_name in self.mappings]
        wanted = {
            p.file_name: self._auto_mapping(p.file_name) | self.mappings.get(p.file_name, {})
            for p in csv_files
        }
        for p in csv_files:
            for header, target in self.mappings.get(p.file_name, {}).items():
                for other in csv_files:
                    if other is p or header not in other.headers:
                        continue
                    other_target = wanted[other.file_name].get(header, "")
                    if other_target != target:
                        return header, target, p.file_name, other_target, other.file_name
        return None

    def _apply_mapping(self) -> None:
        self._keep_table_choices()
        clash = self._mapping_clash()
        if clash is not None:
            labels = target_labels()

            def label(target: str) -> str:
                return labels.get("note:" if target.startswith("note:") else target, target)

            header, target, file_name, other_target, other_file = clash
            self._flash(
                self.tr(
                    "Column “%1” is read as “%2” in %3 but as “%4” in %5. One import reads a column "
                    "name the same way in all its files: choose the same in both, or import the files "
                    "one at a time."
                )
                .replace("%1", header)
                .replace("%2", label(target))
                .replace("%3", file_name)
                .replace("%4", label(other_target))
                .replace("%5", other_file),
                MAPPING,
            )
            return
        self.check()

    def _show_report(self) -> None:
        plan = self.plan
        assert plan is not None
        reads = "<br>".join(html.escape(self._file_line(report)) for report in plan.file_reports())
        warnings = sum(len(r.warnings) for r in plan.rows)
        self.summary_label.setText(
            self.tr("<b>New: %1</b> · duplicates: %2 · errors: %3 · warnings: %4<br><small>%5</small>")
            .replace("%1", str(plan.new))
            .replace("%2", str(plan.duplicates))
            .replace("%3", str(plan.errors))
            .replace("%4", str(warnings))
            .replace("%5", reads)
        )
        self.problem_panel.set_plan(plan)
        self.skip_errors_box.setChecked(False)
        self.skip_errors_box.setEnabled(plan.errors > 0)
        self.policy_combo.setEnabled(plan.duplicates > 0)
        self.columns_button.setEnabled(bool(self._csv_files()))
        self._update_import_button()
        self.pages.setCurrentIndex(REPORT)

    def _file_line(self, report: FileReport) -> str:
        """One file of the dry run: how it was read, its rows, and where its columns go."""
        kind = report.preset or {"vcard": "vCard"}.get(report.file_format, "CSV")
        line = (
            self.tr("%1 (%2, %3): new: %4, duplicates: %5, refused: %6")
            .replace("%1", report.file_name)
            .replace("%2", kind)
            .replace("%3", report.encoding)
            .replace("%4", str(report.new))
            .replace("%5", str(report.duplicates))
            .replace("%6", str(report.refused))
        )
        if report.file_format == "csv":
            line += " · " + (
                self.tr("columns mapped: %1; kept in the notes: %2")
                .replace("%1", str(len(report.mapped)))
                .replace("%2", ", ".join(report.in_notes) or "–")
            )
        return line

    def _update_import_button(self, *_args: Any) -> None:
        plan = self.plan
        ok = (
            plan is not None
            and (plan.new or plan.duplicates)
            and (not plan.errors or self.skip_errors_box.isChecked())
        )
        self.import_button.setEnabled(bool(ok))

    # --- import, undo ----------------------------------------------------------------------------

    def run_import(self) -> None:
        plan = self.plan
        assert plan is not None
        policy = self.policy_combo.currentData()
        skip = self.skip_errors_box.isChecked()
        self._start(
            lambda progress: apply_import(
                self.db, plan, on_duplicate=policy, skip_errors=skip, progress=progress
            ),
            self.tr("Importing…"),
            self._imported,
            back_to=REPORT,
        )

    def _imported(self, result: ImportResult) -> None:
        self.import_result = result
        text = self.tr("Import %1 done: new leads: %2, updated: %3, skipped: %4, left out with errors: %5.")
        for key, value in (
            ("%1", result.batch_id),
            ("%2", result.created),
            ("%3", result.updated),
            ("%4", result.skipped),
            ("%5", result.errors),
        ):
            text = text.replace(key, str(value))
        if result.unchanged:
            # A re-import: its duplicates held nothing new (not "0 updated, 0 skipped" for them).
            text += "<br>" + self.tr("%n duplicate(s) already up to date.", "", result.unchanged)
        if result.rechecked:
            # Leads changed after the check (a colleague, another window): the report is out of date.
            text += "<br>" + self.tr(
                "Leads changed after the check, so the rows were checked again: %n row(s) went"
                " otherwise than the report said.",
                "",
                result.rechecked,
            )
        if result.conflicts:
            text += "<br>" + self.tr(
                "%n differing value(s) were kept in the leads' notes.", "", len(result.conflicts)
            )
        self.result_label.setText(text)
        self.undo_button.setEnabled(True)
        self.force_undo_button.hide()
        self.pages.setCurrentIndex(RESULT)
        self.close_button.setFocus()  # keyboard focus on the harmless button
        self.imported.emit(result.batch_id)

    def undo(self, *, force: bool = False) -> None:
        result = self.import_result
        if result is None or (not force and not confirm_undo_import(self, self.db, result.batch_id)):
            return  # the forced undo comes after a confirmed one was refused
        self._start(
            lambda _progress: undo_import(self.db, result.batch_id, force=force),
            self.tr("Undoing the import…"),
            self._undone,
            back_to=RESULT,
        )

    def _undone(self, undone: UndoResult) -> None:
        text = self.tr("Import %1 undone: leads removed: %2, restored: %3.")
        text = text.replace("%1", str(undone.batch_id)).replace("%2", str(undone.removed))
        text = text.replace("%3", str(undone.restored))
        if undone.kept:
            text += " " + self.tr("%n lead(s) edited since were kept.", "", len(undone.kept))
        self.result_label.setText(text)
        self.undo_button.setEnabled(False)
        self.force_undo_button.hide()
        self.pages.setCurrentIndex(RESULT)
        self.undone.emit(undone.batch_id)

    # --- background plumbing ---------------------------------------------------------------------

    def _start(self, fn: Any, label: str, on_success: Any, *, back_to: int) -> None:
        self.job = job = BackgroundJob(self.db, fn, self)
        running = self.pages.widget(RUNNING)
        assert isinstance(running, RunningPage)
        running.start(label)
        job.progressed.connect(running.show_progress)
        job.succeeded.connect(on_success)
        job.failed.connect(lambda message: self._show_error(message, back_to, job.error))
        job.cancelled.connect(lambda: self._cancelled(back_to))
        self.pages.setCurrentIndex(RUNNING)
        job.start()

    def cancel(self) -> None:
        if self.job is not None:
            self.cancel_button.setEnabled(False)
            self.running_label.setText(self.tr("Cancelling…"))
            self.job.cancel()

    def _cancelled(self, back_to: int) -> None:
        self.pages.setCurrentIndex(back_to)
        self._flash(self.tr("Cancelled; nothing was changed."), back_to)

    def _show_error(self, message: str, back_to: int, error: BaseException | None = None) -> None:
        """Show ``message``; a refused undo offers the forced one (by type: the text is translated)."""
        if back_to == RESULT and isinstance(error, UndoRefused):
            self.force_undo_button.show()
        if isinstance(error, PlanOutdated):
            # Leads changed since the report (a colleague, an erasure): check the files again, so
            # the report shows the rows as an import would now take them, with the reason on top.
            self.recheck_reason = message
            self.check()
            return
        self.pages.setCurrentIndex(back_to)
        self._flash(message, back_to)

    def _flash(self, message: str, page: int) -> None:
        label = {MAPPING: self.mapping.title, REPORT: self.summary_label, RESULT: self.result_label}.get(page)
        if label is None:
            self.error_message = message
            self.check_button.setToolTip(message)
            self.setWindowTitle(self.tr("Import leads") + " – " + message[:80])
            return
        # Escaped: a reason may quote a file's names ("Müller & Söhne", "<b>…"); the label is rich
        # text. Core reasons start in lower case (they also end up inside sentences); here one starts.
        shown = html.escape(message[:1].upper() + message[1:], quote=False)
        label.setText(f"<span style='color:#b00020'>{shown}</span><br>{label.text()}")

    def closeEvent(self, event: Any) -> None:
        if self.job is not None and self.job.running:
            self.job.cancel()
        super().closeEvent(event)

    def reject(self) -> None:
        if self.job is not None and self.job.running:
            self.job.cancel()
        super().reject()


def open_import_wizard(
    db: Database, parent: QWidget | None = None, files: list[str] | None = None
) -> ImportWizard:
    """Show the wizard non-modally and return it (the main window connects ``imported``)."""
    wizard = ImportWizard(db, parent, files)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, parent is not None)
    wizard.show()
    return wizard


__all__ = ["ImportWizard", "UndoRefused", "open_import_wizard"]
