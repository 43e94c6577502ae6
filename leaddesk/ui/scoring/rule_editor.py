"""The scoring rule editor: list, add, edit, enable/disable, reorder, settings, live preview, save.

``RuleEditor(db)`` is a non-modal dialog the main window opens from its menu. Edits
stay in the dialog until Save; the preview (hits of the selected rule, score
distribution, leads ready for MQL/SQL before → after) is recomputed off the GUI thread
shortly after each change. Save writes rules, settings and every lead's score in one
transaction in the background, with progress and Cancel (which leaves everything as
it was). ``rules_saved`` fires afterwards so the board can refresh its badges.

Its parts: the list of rules (rule_table.py), the rule and settings forms (rule_form.py),
the score distribution (histogram.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core.db import Database
from leaddesk.core.errors import LeadDeskError, ValidationError
from leaddesk.core.models import utcnow
from leaddesk.core.scoring import (
    RescoreCancelled,
    RescoreReport,
    Rule,
    Settings,
    default_rules,
    load_rules,
    load_settings,
    rules_from_json,
    rules_to_json,
    save_and_rescore,
    validate_rule,
)
from leaddesk.core.scoring.preview import Preview, preview
from leaddesk.ui.dialogs import save_question
from leaddesk.ui.i18n import error_text, rule_field_labels
from leaddesk.ui.ops import Op, operations
from leaddesk.ui.scoring.histogram import HistogramWidget
from leaddesk.ui.scoring.rule_form import RuleForm, SettingsForm
from leaddesk.ui.scoring.rule_table import RuleTableModel

PREVIEW_DELAY_MS = 250


class RuleEditor(QDialog):
    """The rule editor window. ``now`` may be injected (tests, simulated time)."""

    rules_saved = Signal(object)  # RescoreReport
    preview_updated = Signal(object)  # Preview
    save_failed = Signal(str)

    def __init__(
        self, db: Database, parent: QWidget | None = None, *, now: Callable[[], datetime] = utcnow
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Scoring rules"))
        self.setModal(False)
        self.db = db
        self.now = now
        self.saved_settings = load_settings(db)
        self.model = RuleTableModel(load_rules(db), self)
        self.last_preview: Preview | None = None
        self._preview_task: Op | None = None
        self._preview_generation = 0
        self._save_task: Op | None = None

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(1, 240)

        self.add_button = QPushButton(self.tr("&Add"))
        self.remove_button = QPushButton(self.tr("&Delete"))
        self.up_button = QPushButton(self.tr("Move &up"))
        self.down_button = QPushButton(self.tr("Move do&wn"))
        self.defaults_button = QPushButton(self.tr("Default rules"))
        self.import_button = QPushButton(self.tr("&Import…"))
        self.export_button = QPushButton(self.tr("E&xport…"))
        buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        for b in (self.defaults_button, self.import_button, self.export_button):
            buttons.addWidget(b)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(buttons)

        self.form = RuleForm()
        rule_box = QGroupBox(self.tr("Selected rule"))
        QVBoxLayout(rule_box).addWidget(self.form)
        self.settings_form = SettingsForm()
        self.settings_form.load(self.saved_settings)
        settings_box = QGroupBox(self.tr("Thresholds and limits"))
        QVBoxLayout(settings_box).addWidget(self.settings_form)

        self.hits_label = QLabel()
        self.ready_label = QLabel()
        self.mean_label = QLabel()
        self.histogram = HistogramWidget()
        self.preview_state = QLabel()
        self.preview_state.setStyleSheet("color: #666666")
        preview_box = QGroupBox(self.tr("Preview (before → after saving)"))
        preview_layout = QVBoxLayout(preview_box)
        for w in (self.hits_label, self.ready_label, self.mean_label, self.histogram, self.preview_state):
            preview_layout.addWidget(w)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(rule_box)
        right_layout.addWidget(settings_box)
        right_layout.addWidget(preview_box, 1)

        # The right side scrolls vertically so the editor fits a 1280×800 laptop screen.
        right_scroll = QScrollArea()
        right_scroll.setWidget(right)
        right_scroll.setWidgetResizable(True)
        right_scroll.setFrameShape(QFrame.Shape.NoFrame)
        right_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scrollbar = right_scroll.verticalScrollBar().sizeHint().width()
        right_scroll.setMinimumWidth(right.minimumSizeHint().width() + scrollbar)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right_scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.progress = QProgressBar()
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Cancel rescoring"))
        self.cancel_button.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        self.save_button = self.button_box.button(QDialogButtonBox.StandardButton.Save)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.progress)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.button_box)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self.resize(1180, 720)

        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(PREVIEW_DELAY_MS)
        self.preview_timer.timeout.connect(self.start_preview)

        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.rules_changed.connect(self.schedule_preview)
        self.form.edited.connect(self._form_edited)
        self.settings_form.edited.connect(self.schedule_preview)
        self.add_button.clicked.connect(self.add_rule)
        self.remove_button.clicked.connect(self.remove_rule)
        self.up_button.clicked.connect(lambda: self.move_rule(-1))
        self.down_button.clicked.connect(lambda: self.move_rule(1))
        self.defaults_button.clicked.connect(lambda: self.model.set_rules(default_rules()))
        self.import_button.clicked.connect(self.import_rules)
        self.export_button.clicked.connect(self.export_rules)
        self.button_box.accepted.connect(self.save)
        self.button_box.rejected.connect(self.close)
        self.cancel_button.clicked.connect(self.cancel_save)
        for keys, slot in (
            (QKeySequence.StandardKey.New, self.add_rule),
            (QKeySequence.StandardKey.Delete, self.remove_rule),
            (QKeySequence("Ctrl+Up"), lambda: self.move_rule(-1)),
            (QKeySequence("Ctrl+Down"), lambda: self.move_rule(1)),
            (QKeySequence.StandardKey.Save, self.save),
        ):
            QShortcut(keys, self).activated.connect(slot)
        if self.model.rowCount():
            self.select_row(0)
        else:
            self.form.load(None)
        self._update_buttons()
        self._clean = self.candidate()  # what is stored: closing asks when the editor differs
        self._close_after_save = False
        self.close_question: QMessageBox | None = None
        self.schedule_preview()

    def has_unsaved(self) -> bool:
        """Rules or settings changed here and not saved (settings that do not parse count too)."""
        candidate = self.candidate()
        return candidate is None or candidate != self._clean

    # --- selection and editing ---------------------------------------------------------------------
    def current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 1)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.form.load(self.model.rule(current.row()) if current.isValid() else None)
        self._update_buttons()
        self.schedule_preview()

    def _update_buttons(self) -> None:
        row = self.current_row()
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.model.rowCount() - 1)

    def _form_edited(self, data: dict[str, Any]) -> None:
        row = self.current_row()
        if row < 0:
            return
        data["enabled"] = self.model.rule(row).enabled
        try:
            rule = validate_rule(data)
        except ValidationError as exc:
            message = error_text(exc, rule_field_labels())
            self.form.show_error(message)
            self.model.set_error(row, message)
            return
        self.form.show_error("")
        self.model.replace_rule(row, rule)

    def add_rule(self) -> None:
        row = self.current_row() + 1 if self.current_row() >= 0 else self.model.rowCount()
        rule = validate_rule(
            {"name": self.tr("New rule"), "group": "fit", "field": "title", "operator": "contains",
             "value": "inhaber", "points": 5}
        )  # fmt: skip
        self.model.insert_rule(row, rule)
        self.select_row(row)
        self.form.name.setFocus()
        self.form.name.selectAll()

    def remove_rule(self) -> None:
        row = self.current_row()
        if row < 0:
            return
        self.model.remove_rule(row)
        if self.model.rowCount():
            self.select_row(min(row, self.model.rowCount() - 1))
        self._update_buttons()

    def move_rule(self, delta: int) -> None:
        row = self.current_row()
        if self.model.move_rule(row, delta):
            self.select_row(row + delta)

    # --- preview -----------------------------------------------------------------------------------
    def schedule_preview(self) -> None:
        self.preview_state.setText(self.tr("Updating preview…"))
        self.preview_timer.start()

    def candidate(self) -> tuple[list[Rule], Settings] | None:
        try:
            settings = self.settings_form.settings()
        except ValidationError:
            return None
        return self.model.rules(), settings

    def start_preview(self) -> None:
        candidate = self.candidate()
        if candidate is None:
            self.preview_state.setText(self.tr("Fix the settings to see a preview."))
            return
        rules, settings = candidate
        row = self.current_row()
        focus = self.model.rule(row) if row >= 0 else None
        self._preview_generation += 1
        generation = self._preview_generation
        db, saved, now = self.db, self.saved_settings, self.now()

        def work(_report: Callable[[int, int], bool]) -> tuple[int, Preview]:
            return generation, preview(db, rules, settings, focus=focus, current_settings=saved, now=now)

        self._preview_task = operations(db).read(
            lambda op: work(op.report),
            done=self._preview_done,
            failed=lambda exc, _trace: self._preview_failed(exc),
            owner=self,
        )

    def _preview_done(self, result: tuple[int, Preview]) -> None:
        generation, p = result
        if generation != self._preview_generation:
            return  # a newer edit is being previewed; this result is stale
        self.last_preview = p
        locale = QLocale()
        if p.hits is None:
            self.hits_label.setText(self.tr("Select a rule to see how many leads it hits."))
        else:
            self.hits_label.setText(
                self.tr("The selected rule hits %1 of %2 leads.")
                .replace("%1", locale.toString(p.hits))
                .replace("%2", locale.toString(p.after.leads))
            )
        self.ready_label.setText(
            self.tr("Ready for MQL: %1 → %2    Ready for SQL: %3 → %4")
            .replace("%1", locale.toString(p.before.ready_mql))
            .replace("%2", locale.toString(p.after.ready_mql))
            .replace("%3", locale.toString(p.before.ready_sql))
            .replace("%4", locale.toString(p.after.ready_sql))
        )
        self.mean_label.setText(
            self.tr("Average score: %1 → %2")
            .replace("%1", locale.toString(p.before.mean, "f", 1))
            .replace("%2", locale.toString(p.after.mean, "f", 1))
        )
        self.histogram.set_values(p.before.buckets, p.after.buckets)
        self.preview_state.setText("")
        self.preview_updated.emit(p)

    def _preview_failed(self, exc: BaseException) -> None:
        self.preview_state.setText(self.tr("Preview failed: %1").replace("%1", error_text(exc)))

    # --- save --------------------------------------------------------------------------------------
    def save(self) -> None:
        if self._save_task is not None:
            return
        if self.model.has_errors():
            self.status.setText(self.tr("Some rules have problems (shown in red); fix them before saving."))
            self.save_failed.emit(self.status.text())
            return
        candidate = self.candidate()
        if candidate is None:
            self.status.setText(self.tr("The thresholds do not fit together; see the settings."))
            self.save_failed.emit(self.status.text())
            return
        rules, settings = candidate
        db, now = self.db, self.now()

        def work(report: Callable[[int, int], bool]) -> tuple[list[Rule], RescoreReport]:
            return save_and_rescore(db, rules, settings, now=now, progress=report)

        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.save_button.setEnabled(False)
        self.status.setText(self.tr("Saving and rescoring all leads…"))
        self._save_task = operations(db).write(
            lambda op: work(op.report),
            done=self._save_done,
            failed=lambda exc, _trace: self._save_error(exc),
            progress=self._save_progress,
            owner=self,
        )

    def _save_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _finish_save(self) -> None:
        self._save_task = None
        self.progress.hide()
        self.cancel_button.hide()
        self.save_button.setEnabled(True)

    def _save_done(self, result: tuple[list[Rule], RescoreReport]) -> None:
        saved, report = result
        self._finish_save()
        row = self.current_row()
        self.saved_settings = load_settings(self.db)
        self.model.set_rules(saved)
        self._clean = self.candidate()
        if 0 <= row < self.model.rowCount():
            self.select_row(row)
        locale = QLocale()
        self.status.setText(
            self.tr("Saved. %1 leads rescored, %2 changed, %3 moved forward.")
            .replace("%1", locale.toString(report.leads))
            .replace("%2", locale.toString(report.changed))
            .replace("%3", locale.toString(report.moved))
        )
        self.rules_saved.emit(report)
        if self._close_after_save:
            self.close()

    def _save_error(self, exc: BaseException) -> None:
        self._finish_save()
        self._close_after_save = False
        if isinstance(exc, RescoreCancelled):
            self.status.setText(self.tr("Cancelled: nothing was saved, all scores are as before."))
        elif isinstance(exc, LeadDeskError):
            self.status.setText(error_text(exc))
        else:
            self.status.setText(self.tr("Saving failed: %1").replace("%1", repr(exc)))
        self.save_failed.emit(self.status.text())

    def cancel_save(self) -> None:
        if self._save_task is not None:
            self._save_task.cancel()
            self.status.setText(self.tr("Cancelling…"))

    # --- import/export -----------------------------------------------------------------------------
    def import_rules(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import scoring rules"), "", self.tr("JSON (*.json)")
        )
        if name:
            self.load_rules_file(Path(name))

    def load_rules_file(self, path: Path) -> bool:
        """Put a rules file's rules (and settings) into the editor; saved only on Save."""
        try:
            rules, settings = rules_from_json(path.read_text(encoding="utf-8"), source=path.name)
        except (OSError, LeadDeskError) as exc:
            self.status.setText(error_text(exc))
            return False
        self.model.set_rules(rules)
        if settings is not None:
            self.settings_form.load(settings)
        if rules:
            self.select_row(0)
        self.status.setText(
            self.tr("Imported %1 rules; press Save to use them.").replace("%1", str(len(rules)))
        )
        return True

    def export_rules(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export scoring rules"), "scoring-rules.json", self.tr("JSON (*.json)")
        )
        if not name:
            return
        candidate = self.candidate()
        settings = candidate[1] if candidate else None
        try:
            Path(name).write_text(rules_to_json(self.model.rules(), settings), encoding="utf-8")
        except OSError as exc:
            self.status.setText(error_text(exc))
            return
        self.status.setText(self.tr("Rules written to %1").replace("%1", name))

    # --- lifetime ----------------------------------------------------------------------------------
    def reject(self) -> None:
        """Esc and Close go through the same question as closing the window."""
        self.close()

    def closeEvent(self, event: Any) -> None:
        """Unsaved rules: Save / Discard / Cancel (Save is the default, as in the lead editor)."""
        if self._save_task is None and self.has_unsaved() and not self._close_after_save:
            event.ignore()
            box = self.close_question = save_question(
                self, self.tr("Unsaved rules"), self.tr("Save your changes to the scoring rules?")
            )
            box.finished.connect(lambda _r: self._answer_close(box))
            box.open()
            return
        # A save still running is cancelled (its transaction rolls back); its callbacks are
        # dropped with this window (``owner``), so nothing reports to a closed window.
        if self._save_task is not None and not self._close_after_save:
            self._save_task.cancel()
        self.preview_timer.stop()
        event.accept()
        QDialog.done(self, QDialog.DialogCode.Rejected)  # hides and says so, without reject() again

    def _answer_close(self, box: QMessageBox) -> None:
        self.close_question = None
        answer = box.standardButton(box.clickedButton())
        if answer == QMessageBox.StandardButton.Save:
            self._close_after_save = True
            self.save()
            if self._save_task is None:  # refused (errors shown): stay open
                self._close_after_save = False
        elif answer == QMessageBox.StandardButton.Discard:
            self._clean = self.candidate()
            self.close()
