"""The two steps after a call: outcome + next step, then the verdict to confirm.

Both dialogs are opened with ``open()`` (window-modal, non-blocking) so the call window
and tests can drive them; neither writes anything itself.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core.services.activities import DISQUALIFIED, FOLLOW_UP, NOT_REACHED, QUALIFIED
from leaddesk.core.services.qualification import (
    SUGGEST_LOST,
    SUGGEST_SQL,
    CallResult,
    FollowUp,
)
from leaddesk.ui.labels import no_fit_reasons, outcome_labels


def default_follow_up_day(today: date, days: int = 3) -> date:
    """A few days ahead, moved off the weekend: a follow-up lands on a working day."""
    from leaddesk.ui.prefs import next_working_day

    return next_working_day(today, days)


def format_duration(seconds: int) -> str:
    hours, rest = divmod(max(0, int(seconds)), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class EndCallDialog(QDialog):
    """Outcome of the call and the next step (a follow-up with a due date)."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        duration_s: int,
        notes: str,
        suggested_outcome: str,
        today: date,
        tz: str,
    ) -> None:
        super().__init__(parent)
        self.tz = tz
        self.setWindowTitle(self.tr("End call"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Call duration: %1").replace("%1", format_duration(duration_s))))

        box = QGroupBox(self.tr("Outcome"))
        box_layout = QVBoxLayout(box)
        self.outcomes = QButtonGroup(self)
        labels = {
            QUALIFIED: self.tr("&Qualified"),
            FOLLOW_UP: self.tr("Needs &follow-up"),
            DISQUALIFIED: self.tr("&Disqualified"),
            NOT_REACHED: self.tr("Not &reached"),
        }
        self.outcome_buttons: dict[str, QRadioButton] = {}
        for key, label in labels.items():
            button = QRadioButton(label)
            button.setObjectName(f"outcome_{key}")
            self.outcomes.addButton(button)
            self.outcome_buttons[key] = button
            box_layout.addWidget(button)
        self.outcome_buttons.get(suggested_outcome, self.outcome_buttons[FOLLOW_UP]).setChecked(True)
        layout.addWidget(box)

        self.notes = QPlainTextEdit(notes)
        self.notes.setObjectName("call_notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.notes.fontMetrics().lineSpacing() * 3 + 14)
        notes_label = QLabel(self.tr("N&otes"))
        notes_label.setBuddy(self.notes)
        layout.addWidget(notes_label)
        layout.addWidget(self.notes)

        self.next_step = QGroupBox(self.tr("&Next step: follow-up"))
        self.next_step.setCheckable(True)
        self.next_step.setChecked(suggested_outcome != DISQUALIFIED)
        form = QFormLayout(self.next_step)
        self.task_title = QLineEdit(self.tr("Follow up"))
        self.task_title.setObjectName("follow_up_title")
        form.addRow(self.tr("&What"), self.task_title)
        self.due_date = QDateEdit(QDate(today.year, today.month, today.day))
        self.due_date.setObjectName("follow_up_date")
        self.due_date.setCalendarPopup(True)
        self.due_date.setDisplayFormat(QLocale().dateFormat(QLocale.FormatType.ShortFormat))
        day = default_follow_up_day(today)
        self.due_date.setDate(QDate(day.year, day.month, day.day))
        self.due_date.setMinimumDate(QDate(today.year, today.month, today.day))
        row = QWidget()
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        self.at_time = QCheckBox(self.tr("&at"))
        self.at_time.setObjectName("follow_up_at_time")
        self.due_time = QTimeEdit(QTime(10, 0))
        self.due_time.setObjectName("follow_up_time")
        self.due_time.setEnabled(False)
        self.at_time.toggled.connect(self.due_time.setEnabled)
        row_layout.addWidget(self.due_date, 1)
        row_layout.addWidget(self.at_time)
        row_layout.addWidget(self.due_time)
        form.addRow(self.tr("D&ue"), row)
        form.labelForField(row).setBuddy(self.due_date)  # type: ignore[attr-defined]
        layout.addWidget(self.next_step)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.end_button = buttons.addButton(self.tr("&End call"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.end_button.setDefault(True)  # only once the box is in the dialog does the dialog see it
        self.outcome_buttons[DISQUALIFIED].toggled.connect(
            lambda on: self.next_step.setChecked(not on) if on else None
        )

    def outcome(self) -> str:
        for key, button in self.outcome_buttons.items():
            if button.isChecked():
                return key
        return FOLLOW_UP

    def follow_up(self) -> FollowUp | None:
        if not self.next_step.isChecked():
            return None
        qdate = self.due_date.date()
        day = date(qdate.year(), qdate.month(), qdate.day())
        title = self.task_title.text().strip() or self.tr("Follow up")
        if not self.at_time.isChecked():
            return FollowUp(day, title)
        qtime = self.due_time.time()
        due = datetime.combine(day, time(qtime.hour(), qtime.minute()), tzinfo=ZoneInfo(self.tz))
        return FollowUp(due, title, all_day=False)


class CallResultDialog(QDialog):
    """What the call stored, and the verdict's suggestion with buttons to confirm or decline it."""

    def __init__(self, parent: QWidget | None, result: CallResult, *, suggestion: str, tz: str) -> None:
        super().__init__(parent)
        self.suggestion = suggestion
        self.chosen = ""  # "sql" / "lost" when the user confirmed, "" when the stage stays
        self.setWindowTitle(self.tr("Call logged"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        locale = QLocale()
        lines = [
            self.tr("Call logged: %1, %2.")
            .replace("%1", format_duration(result.activity.duration_s or 0))
            .replace("%2", outcome_labels().get(result.activity.outcome, result.activity.outcome)),
            self.tr("BANT: %1 of 4 confirmed; fields changed in this call: %2.")
            .replace("%1", str(result.qualification.confirmed_count))
            .replace("%2", str(len(result.changes))),
        ]
        if result.task is not None:
            due = result.task.due_at.astimezone(ZoneInfo(tz))
            text = (
                locale.toString(QDate(due.year, due.month, due.day), QLocale.FormatType.LongFormat)
                if result.task.all_day
                else locale.toString(
                    QDateTime(QDate(due.year, due.month, due.day), QTime(due.hour, due.minute, due.second)),
                    QLocale.FormatType.ShortFormat,
                )
            )
            lines.append(
                self.tr("Follow-up “%1” due %2.").replace("%1", result.task.title).replace("%2", text)
            )
        summary = QLabel("\n".join(lines))
        summary.setObjectName("summary")
        summary.setWordWrap(True)
        layout.addWidget(summary)
        buttons = QDialogButtonBox()
        self.reason = QLineEdit(lost_reason(result))
        self.reason.setObjectName("lost_reason")
        self.confirm: QPushButton | None = None
        if suggestion == SUGGEST_SQL:
            hint = QLabel(self.tr("The qualification rule is met: move this lead to <b>SQL</b>?"))
            layout.addWidget(hint)
            self.confirm = buttons.addButton(self.tr("Move to &SQL"), QDialogButtonBox.ButtonRole.AcceptRole)
        elif suggestion == SUGGEST_LOST:
            layout.addWidget(QLabel(self.tr("A section does not fit: mark this lead as <b>Lost</b>?")))
            reason_label = QLabel(self.tr("&Reason"))
            reason_label.setBuddy(self.reason)
            layout.addWidget(reason_label)
            layout.addWidget(self.reason)
            self.confirm = buttons.addButton(self.tr("Mark as &Lost"), QDialogButtonBox.ButtonRole.AcceptRole)
        if self.confirm is not None:
            self.confirm.setObjectName("confirm_verdict")
            self.confirm.clicked.connect(self._confirm)
            keep = buttons.addButton(self.tr("&Keep stage"), QDialogButtonBox.ButtonRole.RejectRole)
            keep.setObjectName("keep_stage")
            keep.clicked.connect(self.reject)
        else:
            close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
            close.clicked.connect(self.reject)
        layout.addWidget(buttons)
        (self.confirm or close).setDefault(True)  # after adding: the dialog tracks its default button

    def _confirm(self) -> None:
        if self.suggestion == SUGGEST_LOST and not self.reason.text().strip():
            self.reason.setFocus()
            return
        self.chosen = self.suggestion
        self.accept()


def lost_reason(result: CallResult) -> str:
    """The Lost reason to prefill, in the UI language: each section that does not fit, then its notes."""
    data = result.qualification
    reasons = "; ".join(no_fit_reasons()[s] for s in result.verdict.no_fit)
    notes = " — ".join(n for n in (getattr(data, f"{s}_notes") for s in result.verdict.no_fit) if n)
    return f"{reasons} — {notes}" if notes else reasons
