"""The discovery-call screen: the lead's key facts beside the BANT form, a running timer, End call.

Every edit restarts a short debounce timer; when typing pauses the form's raw state is
written as a ``CallDraft`` (one small SQLite statement, ~1 ms, measured by the
benchmark), so a crash or a closed lid loses at most the last few hundred milliseconds.
Ending the call writes everything in one transaction (``end_call``) and then offers the
verdict; only the user's confirmation moves the lead.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QElapsedTimer, QLocale, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core.errors import LeadDeskError, ValidationError
from leaddesk.core.models import utcnow
from leaddesk.core.services.activities import DISQUALIFIED, FOLLOW_UP, QUALIFIED, list_activities
from leaddesk.core.services.leads import LeadView, get_lead, move_stage
from leaddesk.core.services.qualification import (
    SUGGEST_LOST,
    SUGGEST_NONE,
    SUGGEST_SQL,
    BantData,
    CallResult,
    DraftView,
    VerdictRule,
    end_call,
    get_qualification,
    get_rule,
    pending_drafts,
    save_draft,
    verdict,
)
from leaddesk.core.services.tasks import local_day, user_timezone
from leaddesk.core.stages import Stage
from leaddesk.core.validation import format_phone
from leaddesk.ui.activities import current_user
from leaddesk.ui.call.dialogs import CallResultDialog, EndCallDialog, format_duration
from leaddesk.ui.call.form import BantForm
from leaddesk.ui.i18n import error_text, stage_label
from leaddesk.ui.labels import kind_labels, section_labels

AUTOSAVE_DELAY_MS = 400
TIMER_SAVE_S = 15
DRAFT_VERSION = 1


class CallWindow(QWidget):
    """A discovery call with one lead. Open it with :func:`start_discovery_call`.

    Signals: ``call_finished(CallResult)`` after End call was stored; ``lead_changed(int)``
    whenever the lead's data changed (call logged, stage moved) so a board can refresh.
    """

    call_finished = Signal(object)
    lead_changed = Signal(int)

    def __init__(
        self,
        db: Any,
        lead_id: int,
        *,
        draft: DraftView | None = None,
        parent: QWidget | None = None,
        who: str | None = None,
        tz: str | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.db = db
        self.lead_id = lead_id
        self.who = who if who is not None else current_user()
        self.tz = tz or user_timezone(db)
        self.lead: LeadView = get_lead(db, lead_id)
        self.rule: VerdictRule = get_rule(db)
        self.baseline: BantData = get_qualification(db, lead_id)
        self.ended = False
        self.result: CallResult | None = None
        self.end_dialog: EndCallDialog | None = None
        self.result_dialog: CallResultDialog | None = None
        self.draft_id: int | None = None
        self.last_save_ms = 0.0
        self._elapsed_before = 0
        self._saved_elapsed = 0  # call time in the last saved draft
        self._clock = QElapsedTimer()
        self.started_at = utcnow()

        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Discovery call — %1").replace("%1", self.lead.display_name))
        self.resize(1280, 800)
        self.setMinimumSize(960, 640)
        self.form = BantForm(self)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("call_notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText(self.tr("Anything else said in the call"))
        self._build()

        self.form.set_bant(self.baseline)
        if draft is not None:
            self._restore(draft)
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_DELAY_MS)
        self._autosave.timeout.connect(self.save_draft_now)
        self.form.changed.connect(self._on_edit)
        self.notes.textChanged.connect(self._on_edit)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._update_timer)
        self._clock.start()
        self._tick.start()
        self._update_timer()
        self._update_verdict()
        self.save_draft_now()  # the call exists from its first second: a crash now is still offered
        self.form.focus_section("budget")

    # --- layout -----------------------------------------------------------------------------------

    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(12, 10, 12, 8)
        root.setSpacing(8)
        top = QHBoxLayout()
        name = QLabel(self.lead.display_name)
        name.setObjectName("lead_name")
        font = name.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        name.setFont(font)
        top.addWidget(name)
        sub = " · ".join(p for p in (self.lead.title, self.lead.company) if p and p != self.lead.display_name)
        if sub:
            top.addWidget(QLabel(sub))
        top.addStretch(1)
        self.timer_label = QLabel()
        self.timer_label.setObjectName("timer")
        timer_font = self.timer_label.font()
        timer_font.setPointSizeF(timer_font.pointSizeF() * 1.6)
        timer_font.setFamily("monospace")
        timer_font.setStyleHint(timer_font.StyleHint.Monospace)
        self.timer_label.setFont(timer_font)
        self.timer_label.setToolTip(self.tr("Call time"))
        top.addWidget(self.timer_label)
        self.end_button = QPushButton(self.tr("&End call…"))
        self.end_button.setObjectName("end_call")
        self.end_button.setToolTip(self.tr("End the call (Ctrl+Enter)"))
        self.end_button.setMinimumHeight(self.timer_label.sizeHint().height() + 8)
        self.end_button.setStyleSheet(
            "QPushButton#end_call { background: #c62828; color: white; font-weight: bold;"
            " padding: 4px 18px; border-radius: 4px; }"
            " QPushButton#end_call:focus { outline: none; border: 2px solid #1a1a1a; }"
        )
        self.end_button.clicked.connect(self.request_end)
        top.addWidget(self.end_button)
        root.addLayout(top)

        body = QHBoxLayout()
        body.setSpacing(10)
        body.addWidget(self._facts_panel(), 0)
        right = QVBoxLayout()
        right.setSpacing(6)
        self.verdict_label = QLabel()
        self.verdict_label.setObjectName("verdict")
        self.verdict_label.setTextFormat(Qt.TextFormat.RichText)
        right.addWidget(self.verdict_label)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.form)
        right.addWidget(scroll, 1)
        body.addLayout(right, 1)
        root.addLayout(body, 1)

        self.status_label = QLabel()
        self.status_label.setObjectName("draft_status")
        _dim(self.status_label)
        hints = QLabel(
            self.tr(
                "Ctrl+1…4: sections · Tab: next field · first letter picks a status · Ctrl+Enter: end call"
            )
        )
        _dim(hints)
        self.hints = hints
        # The status (draft saved, or what to fix) on a line of its own above the key hints:
        # side by side, a long "Please fix: …" ran over the hints.
        self.status_label.setWordWrap(True)
        root.addWidget(self.status_label)
        root.addWidget(hints)

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(self.request_end)
        notes_shortcut = QShortcut(QKeySequence("Ctrl+5"), self)
        notes_shortcut.activated.connect(lambda: self.notes.setFocus(Qt.FocusReason.ShortcutFocusReason))
        self.form.changed.connect(self._update_verdict)
        chain = self.form.focus_chain()
        QWidget.setTabOrder(chain[-1], self.notes)
        QWidget.setTabOrder(self.notes, self.end_button)

    def _facts_panel(self) -> QWidget:
        lead = self.lead
        locale = QLocale()
        panel = QFrame()
        panel.setObjectName("facts")
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        # Grows for a long e-mail address or a longer (German) label column, within reason.
        panel.setMinimumWidth(300)
        panel.setMaximumWidth(400)
        layout = QVBoxLayout(panel)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setVerticalSpacing(3)
        rows: list[tuple[str, str]] = [
            (self.tr("Company"), lead.company),
            (self.tr("Title"), lead.title),
            (self.tr("Phone"), format_phone(lead.phone) if lead.phone else ""),
            (self.tr("Mobile"), format_phone(lead.mobile) if lead.mobile else ""),
            (self.tr("Email"), lead.email),
            (self.tr("City"), " ".join(p for p in (lead.postal_code, lead.city) if p)),
            (self.tr("Industry"), lead.industry),
            (self.tr("Source"), lead.source),
            (self.tr("Stage"), stage_label(lead.stage)),
            (self.tr("Score"), str(lead.score)),
            (self.tr("Deal value"), money(locale, lead.value, lead.currency) if lead.value else ""),
        ]
        if lead.next_follow_up is not None:
            rows.append(
                (
                    self.tr("Follow-up"),
                    locale.toString(
                        _qdate(local_day(lead.next_follow_up, self.tz)), QLocale.FormatType.ShortFormat
                    ),
                )
            )
        for label, value in rows:
            if not value:
                continue
            field = QLabel(value)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            field.setWordWrap(True)
            field.setToolTip(value)  # in full, should a very long value not fit
            form.addRow(f"<span style='color:palette(placeholder-text)'>{label}</span>", field)
        layout.addLayout(form)
        recent = list_activities(self.db, self.lead_id, limit=3)
        if recent:
            head = QLabel(self.tr("Recent activity"))
            _bold(head)
            layout.addWidget(head)
            kinds = kind_labels()
            for activity in recent:
                when = locale.toString(
                    _qdate(local_day(activity.at, self.tz)), QLocale.FormatType.ShortFormat
                )
                text = f"{when} · {kinds.get(activity.kind, activity.kind)}"
                if activity.subject:
                    text += f" — {activity.subject}"
                line = QLabel(text)
                line.setWordWrap(True)
                line.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
                layout.addWidget(line)
        notes_label = QLabel(self.tr("Ca&ll notes (Ctrl+5)"))
        _bold(notes_label)
        notes_label.setBuddy(self.notes)
        layout.addWidget(notes_label)
        layout.addWidget(self.notes, 1)
        return panel

    # --- timer, verdict, draft ---------------------------------------------------------------------

    def elapsed_s(self) -> int:
        return self._elapsed_before + int(self._clock.elapsed() / 1000)

    def _update_timer(self) -> None:
        elapsed = self.elapsed_s()
        if elapsed - self._saved_elapsed >= TIMER_SAVE_S and not self._autosave.isActive():
            self.save_draft_now()  # a quiet stretch of the call still keeps its duration
        self.timer_label.setText(f"<span style='color:#d0443e'>●</span> {format_duration(elapsed)}")

    def _update_verdict(self) -> None:
        statuses = self.form.statuses()
        data = BantData(
            budget_status=statuses["budget"],
            authority_status=statuses["authority"],
            need_status=statuses["need"],
            timing_status=statuses["timing"],
        )
        result = verdict(data, self.rule)
        count = data.confirmed_count
        if result.suggestion == SUGGEST_SQL:
            text = self.tr("<b>%1/4 confirmed</b> — meets the qualification rule: suggests <b>SQL</b>")
        elif result.suggestion == SUGGEST_LOST:
            names = ", ".join(section_labels()[s] for s in result.no_fit)
            text = self.tr("<b>%1/4 confirmed</b> — does not fit: %2 (suggests Lost)").replace("%2", names)
        elif result.no_fit:  # the rule keeps a no-fit from suggesting Lost, but it still blocks SQL
            names = ", ".join(section_labels()[s] for s in result.no_fit)
            text = self.tr("<b>%1/4 confirmed</b> — does not fit: %2").replace("%2", names)
        else:
            names = ", ".join(section_labels()[s] for s in dict.fromkeys(result.missing))
            text = self.tr("<b>%1/4 confirmed</b> — still open: %2").replace("%2", names)
        self.verdict_label.setText(text.replace("%1", str(count)))

    def _on_edit(self) -> None:
        if not self.ended:
            self._autosave.start()

    def draft_state(self) -> dict[str, Any]:
        return {
            "version": DRAFT_VERSION,
            "form": self.form.state(),
            "notes": self.notes.toPlainText(),
            "elapsed_s": self.elapsed_s(),
            "started_at": self.started_at.isoformat(),
        }

    def save_draft_now(self) -> None:
        """Write the draft now (the debounce timer calls this; so do close and end)."""
        if self.ended:
            return
        self._autosave.stop()
        began = time.perf_counter()
        try:
            self.draft_id = save_draft(
                self.db, self.lead_id, self.draft_state(), draft_id=self.draft_id, started_at=self.started_at
            )
        except LeadDeskError as exc:  # a locked file must not lose the form: keep typing, retry later
            self.status_label.setText(self.tr("Draft not saved: %1").replace("%1", error_text(exc)))
            self._autosave.start()
            return
        self.last_save_ms = (time.perf_counter() - began) * 1000
        self._saved_elapsed = self.elapsed_s()
        stamp = QLocale().toString(QTime.currentTime(), "HH:mm:ss")
        self.status_label.setText(self.tr("Draft saved %1").replace("%1", stamp))

    def _restore(self, draft: DraftView) -> None:
        data = draft.data
        self.draft_id = draft.id
        self.form.set_state(data.get("form", {}))
        self.notes.setPlainText(str(data.get("notes", "")))
        self._elapsed_before = int(data.get("elapsed_s", 0) or 0)
        self._saved_elapsed = self._elapsed_before
        try:
            self.started_at = datetime.fromisoformat(data["started_at"])
        except (KeyError, TypeError, ValueError):
            self.started_at = draft.started_at
        if self.started_at.tzinfo is None:
            self.started_at = self.started_at.replace(tzinfo=UTC)

    # --- ending -----------------------------------------------------------------------------------

    def request_end(self) -> None:
        """Validate the form, then ask for outcome and next step."""
        if self.ended or (self.end_dialog is not None and self.end_dialog.isVisible()):
            return
        try:
            data = self.form.to_bant()
        except ValidationError as exc:
            self.status_label.setText(self.tr("Please fix: %1").replace("%1", self.form.describe(exc.errors)))
            return
        self.save_draft_now()
        suggestion = verdict(data, self.rule).suggestion
        outcome = {SUGGEST_SQL: QUALIFIED, SUGGEST_LOST: DISQUALIFIED}.get(suggestion, FOLLOW_UP)
        self.end_dialog = EndCallDialog(
            self,
            duration_s=self.elapsed_s(),
            notes=self.notes.toPlainText(),
            suggested_outcome=outcome,
            today=local_day(utcnow(), self.tz),
            tz=self.tz,
        )
        self.end_dialog.accepted.connect(lambda: self._finish(data))
        self.end_dialog.open()

    def _finish(self, data: BantData) -> None:
        dialog = self.end_dialog
        assert dialog is not None
        try:
            result = end_call(
                self.db,
                self.lead_id,
                data,
                outcome=dialog.outcome(),
                duration_s=self.elapsed_s(),
                started_at=self.started_at,
                notes=dialog.notes.toPlainText(),
                who=self.who,
                follow_up=dialog.follow_up(),
                draft_id=self.draft_id,
                tz=self.tz,
                subject=self.tr("Discovery call — BANT %1/4").replace("%1", str(data.confirmed_count)),
                base=self.baseline,  # BANT saved in the editor during the call is kept
            )
        except LeadDeskError as exc:
            QMessageBox.warning(self, self.tr("Call not saved"), error_text(exc))
            return
        self.ended = True
        self._tick.stop()
        self._autosave.stop()
        self.result = result
        self.lead_changed.emit(self.lead_id)
        self.call_finished.emit(result)
        suggestion = self._applicable(result.verdict.suggestion)
        self.result_dialog = CallResultDialog(self, result, suggestion=suggestion, tz=self.tz)
        self.result_dialog.finished.connect(self._after_verdict)
        self.result_dialog.open()

    def _applicable(self, suggestion: str) -> str:
        """Suggestions that would change nothing (already SQL or beyond, already Lost) are not offered."""
        stage = Stage(get_lead(self.db, self.lead_id).stage)
        if suggestion == SUGGEST_SQL and stage in (Stage.SQL, Stage.WON, Stage.LOST):
            return SUGGEST_NONE
        if suggestion == SUGGEST_LOST and stage is Stage.LOST:
            return SUGGEST_NONE
        return suggestion

    def _after_verdict(self) -> None:
        dialog = self.result_dialog
        assert dialog is not None
        if dialog.chosen:
            try:
                reason = dialog.reason.text().strip() if dialog.chosen == SUGGEST_LOST else ""
                move_stage(self.db, self.lead_id, dialog.chosen, reason=reason, actor=self.who)
            except LeadDeskError as exc:
                QMessageBox.warning(self, self.tr("Stage not changed"), error_text(exc))
            else:
                self.lead_changed.emit(self.lead_id)
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing mid-call keeps the draft (offered again at the next start) unless the user discards it."""
        if not self.ended:
            self.save_draft_now()
            self._tick.stop()
        super().closeEvent(event)


def _qdate(day: Any) -> Any:
    from PySide6.QtCore import QDate

    return QDate(day.year, day.month, day.day)


def _bold(label: QLabel) -> None:
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    label.setContentsMargins(0, 6, 0, 0)


def _dim(label: QLabel) -> None:
    """Secondary text in the placeholder colour (a palette, not a style sheet: cheaper to build)."""
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText))
    label.setPalette(palette)


CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}


def money(locale: QLocale, amount: float, currency: str) -> str:
    """An amount with its currency sign in the locale's style (18.500,00 € / €18,500.00)."""
    return locale.toCurrencyString(amount, CURRENCY_SYMBOLS.get(currency, currency + " "))


def start_call_action(parent: QWidget, db: Any, current_lead_id: Callable[[], int | None]) -> QAction:
    """The "Start discovery call" action (Ctrl+Shift+D) for a board card or the lead editor.

    ``current_lead_id`` names the lead in focus (None disables the action's effect). The
    opened windows are kept on ``action.windows`` so they are not garbage-collected.
    """
    action = QAction(QCoreApplication.translate("CallWindow", "Start &discovery call"), parent)
    action.setShortcut(QKeySequence("Ctrl+Shift+D"))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    windows: list[CallWindow] = []
    action.windows = windows  # type: ignore[attr-defined]

    def start() -> None:
        lead_id = current_lead_id()
        if lead_id is None:
            return
        try:
            window = start_discovery_call(db, lead_id, parent=None)
        except LeadDeskError as exc:  # the lead was erased or merged meanwhile
            QMessageBox.warning(parent, action.text().replace("&", ""), error_text(exc))
            return
        if window not in windows:
            windows.append(window)
            window.destroyed.connect(lambda: windows.remove(window) if window in windows else None)

    action.triggered.connect(start)
    parent.addAction(action)
    return action


# The call window open for each lead: a second "Start discovery call" brings it to the front
# instead of opening a rival window writing the same draft.
_open_calls: dict[int, CallWindow] = {}


def open_call_for(lead_id: int) -> CallWindow | None:
    window = _open_calls.get(lead_id)
    if window is not None and shiboken6.isValid(window) and not window.ended:
        return window
    _open_calls.pop(lead_id, None)
    return None


def start_discovery_call(
    db: Any, lead_id: int, parent: QWidget | None = None, *, draft: DraftView | None = None
) -> CallWindow:
    """Open (and show) the call screen for a lead, resuming ``draft`` or else its newest unfinished call.

    When a call with this lead is already open, that window comes to the front instead.
    """
    window = open_call_for(lead_id)
    if window is None:
        if draft is None:
            drafts = pending_drafts(db, lead_id=lead_id)
            draft = drafts[0] if drafts else None
        window = CallWindow(db, lead_id, draft=draft, parent=parent)
        _open_calls[lead_id] = window
        opened = window
        window.destroyed.connect(
            lambda *_: _open_calls.pop(lead_id, None) if _open_calls.get(lead_id) is opened else None
        )
    window.show()
    window.raise_()
    window.activateWindow()
    return window
