"""The lead editor: every field a person may set, validated by the core as you leave a field.

A dialog with tabs, so teammates' widgets (activity timeline, score explanation, discovery
call) join through ``add_tab``. The editor never writes itself: ``save_handler`` (the main
window) saves and records the undo step; the editor shows what the core refused, at the field.
Unsaved changes are never dropped silently: Esc, the close button and Cancel ask first.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import Any, cast
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QLocale, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core.errors import ConflictError, LeadDeskError, ValidationError
from leaddesk.core.services.leads import LeadView, clean_fields
from leaddesk.core.validation import format_phone
from leaddesk.ui.dialogs import save_question
from leaddesk.ui.i18n import error_text, stage_label, tr_core
from leaddesk.ui.zone import to_local, zone_name

# (field, kind) per tab; kinds: text, combo, int, money, date, notes, consent
SaveHandler = Callable[[int | None, dict[str, Any], int | None], LeadView]

ERROR_STYLE = "border: 1px solid #c62828; border-radius: 3px;"


def default_size(available: QSize) -> QSize:
    """The editor's size on a screen with ``available`` room: large enough for the BANT tab's four
    sections with their notes (its size hint was ~800×530 and squashed them), never past the screen."""
    return QSize(min(980, int(available.width() * 0.9)), min(760, int(available.height() * 0.95)))


class LeadEditor(QDialog):
    """Edit one lead (``lead`` given) or create one (``lead`` None)."""

    saved = Signal(object)  # LeadView
    accept_suggestion = Signal(int)  # lead id: move to the stage scoring suggests
    delete_requested = Signal(int)  # lead id: move it to the trash (the board asks first)

    def __init__(
        self,
        lead: LeadView | None,
        save_handler: SaveHandler,
        *,
        sources: list[str] = (),  # type: ignore[assignment]
        owners: list[str] = (),  # type: ignore[assignment]
        owner: str = "",
        parent: QWidget | None = None,
    ) -> None:
        """``owner``: a new lead's owner as offered (who is working here)."""
        super().__init__(parent)
        self.lead = lead
        self._save_handler = save_handler
        self.widgets: dict[str, QWidget] = {}
        self.error_labels: dict[str, QLabel] = {}
        self.setWindowTitle(
            self.tr("Edit lead – %1").replace("%1", lead.display_name) if lead else self.tr("New lead")
        )
        self.setMinimumSize(560, 520)
        layout = QVBoxLayout(self)
        self._feature_tabs: list[QWidget] = []
        self.summary: QLabel | None = None
        if lead is not None:
            self.summary = QLabel(self)
            self._show_summary(lead)
            layout.addWidget(self.summary)
        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs, 1)

        contact = self._form_tab(self.tr("Contact"))
        self._salutation(contact)
        self._text(contact, "academic_title", self.tr("Academic title"), self.tr("e.g. Dr., Prof. Dr."))
        self._text(contact, "first_name", self.tr("First name"))
        self._text(contact, "last_name", self.tr("Last name"))
        self._text(contact, "company", self.tr("Company"))
        self._text(contact, "title", self.tr("Job title"))
        self._text(contact, "email", self.tr("Email"))
        self._text(contact, "phone", self.tr("Phone"))
        self._text(contact, "mobile", self.tr("Mobile"))
        self._text(contact, "website", self.tr("Website"))

        company = self._form_tab(self.tr("Company && address"))
        self._text(company, "street", self.tr("Street"))
        self._text(company, "postal_code", self.tr("Postal code"))
        self._text(company, "city", self.tr("City"))
        self._text(company, "country", self.tr("Country"))
        self._text(company, "industry", self.tr("Industry"))
        size = QSpinBox(self)
        size.setRange(0, 10_000_000)
        size.setSpecialValueText(self.tr("unknown"))
        self._add(company, "company_size", self.tr("Employees"), size)

        sales = self._form_tab(self.tr("Sales"))
        self._combo(sales, "source", self.tr("Source"), sources)
        self._text(sales, "tags", self.tr("Tags"), self.tr("comma-separated, e.g. Messe, Premium"))
        self._combo(sales, "owner", self.tr("Owner"), owners)
        value = QDoubleSpinBox(self)
        value.setRange(0, 1e12)
        value.setDecimals(2)
        value.setGroupSeparatorShown(True)
        from leaddesk.ui.prefs import current as current_settings

        currency = (lead.currency if lead is not None else current_settings().currency) or "EUR"
        value.setSuffix(" €" if currency.upper() == "EUR" else f" {currency.upper()}")  # as stored
        self._add(sales, "value", self.tr("Expected value"), value)
        follow = QWidget(self)
        fl = QHBoxLayout(follow)
        fl.setContentsMargins(0, 0, 0, 0)
        self.follow_up_on = QCheckBox(self.tr("on"), follow)
        self.follow_up_date = QDateEdit(follow)
        self.follow_up_date.setCalendarPopup(True)
        from leaddesk.ui.prefs import current as current_settings

        self.follow_up_date.setDate(QDate.currentDate().addDays(current_settings().follow_up_days))
        self.follow_up_on.toggled.connect(self.follow_up_date.setEnabled)
        fl.addWidget(self.follow_up_on)
        fl.addWidget(self.follow_up_date, 1)
        self._add(sales, "next_follow_up", self.tr("Next follow-up"), follow)
        notes = QPlainTextEdit(self)
        notes.setTabChangesFocus(True)  # Tab goes on to the next field, as everywhere in the form
        self._add(sales, "notes", self.tr("Notes"), notes)

        consent = self._form_tab(self.tr("Consent"))
        consent_page = self.tabs.widget(self.tabs.count() - 1)
        assert consent_page is not None  # the tab just added
        self.consent_page = consent_page
        cw = QWidget(self)
        cl = QHBoxLayout(cw)
        cl.setContentsMargins(0, 0, 0, 0)
        self.consent_given = QCheckBox(self.tr("given on"), cw)
        self.consent_date = QDateEdit(cw)
        self.consent_date.setCalendarPopup(True)
        self.consent_date.setDate(QDate.currentDate())
        self.consent_given.toggled.connect(self.consent_date.setEnabled)
        cl.addWidget(self.consent_given)
        cl.addWidget(self.consent_date, 1)
        self._add(consent, "consent_at", self.tr("Consent"), cw)
        self._text(
            consent, "consent_source", self.tr("Consent source"), self.tr("e.g. trade-fair form, website")
        )
        self._text(consent, "consent_purpose", self.tr("Purpose"), self.tr("e.g. newsletter, offers"))

        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(QDialogButtonBox.StandardButton.Save)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.accept_button: QPushButton | None = None
        if lead is not None:
            from leaddesk.ui.board.delegate import ready_for
            from leaddesk.ui.board.model import Card

            ready = ready_for(Card.of({**lead.__dict__, "id": lead.id}))
            if ready:
                self.accept_button = buttons.addButton(
                    self.tr("Accept: move to %1").replace("%1", stage_label(ready)),
                    QDialogButtonBox.ButtonRole.ActionRole,
                )
                self.accept_button.clicked.connect(lambda: self._accept_suggestion(lead.id))
        if lead is not None:
            self.delete_button = buttons.addButton(self.tr("&Delete…"), QDialogButtonBox.ButtonRole.ResetRole)
            self.delete_button.setAutoDefault(False)
            self.delete_button.clicked.connect(lambda: self.delete_requested.emit(lead.id))
        layout.addWidget(buttons)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save)

        self._load(lead)
        owner_box = self.widgets.get("owner")
        if lead is None and owner and isinstance(owner_box, QComboBox):
            owner_box.setCurrentText(owner)
        self._initial = self.values()
        screen = self.screen()
        available = screen.availableGeometry().size() if screen is not None else QSize(1280, 800)
        self.resize(default_size(available))
        # Typing starts in the first field (Ctrl+N, then the name), not on the tab bar.
        self.tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.widgets["first_name"].setFocus()

    # --- building ----------------------------------------------------------------------------
    def add_tab(self, widget: QWidget, title: str) -> int:
        """Let other features add a page (timeline, score explanation, discovery call).

        A page with unsaved input of its own (the BANT form) offers ``has_unsaved() -> bool`` and
        ``save() -> bool``: the editor's Save and Ctrl+S then save it too, and Esc asks first.
        """
        self._feature_tabs.append(widget)
        return self.tabs.addTab(widget, title)

    def _show_summary(self, lead: LeadView) -> None:
        if self.summary is not None:
            self.summary.setText(
                self.tr("Stage: %1 · Score: %2")
                .replace("%1", stage_label(lead.stage))
                .replace("%2", QLocale().toString(lead.score))
            )

    def _unsaved_tabs(self) -> list[QWidget]:
        asks = [(tab, getattr(tab, "has_unsaved", None)) for tab in self._feature_tabs]
        return [tab for tab, ask in asks if ask is not None and ask()]

    def _form_tab(self, title: str) -> QFormLayout:
        page = QWidget(self)
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.tabs.addTab(page, title)
        return form

    def _add(self, form: QFormLayout, key: str, label: str, widget: QWidget) -> None:
        box = QWidget(widget.parentWidget())
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(2)
        v.addWidget(widget)
        error = QLabel(box)
        error.setObjectName(f"error_{key}")
        error.setWordWrap(True)
        error.setStyleSheet("color: #c62828;")
        error.hide()
        v.addWidget(error)
        form.addRow(label, box)
        self.widgets[key] = widget
        self.error_labels[key] = error

    def _text(self, form: QFormLayout, key: str, label: str, placeholder: str = "") -> None:
        edit = QLineEdit(self)
        edit.setObjectName(key)
        if placeholder:
            edit.setPlaceholderText(placeholder)
        edit.editingFinished.connect(lambda k=key: self.check_field(k))
        self._add(form, key, label, edit)

    def _combo(self, form: QFormLayout, key: str, label: str, choices: list[str]) -> None:
        combo = QComboBox(self)
        combo.setEditable(True)
        combo.addItems(list(choices))
        combo.setCurrentIndex(-1)
        self._add(form, key, label, combo)

    def _salutation(self, form: QFormLayout) -> None:
        """Anrede as a choice of codes (leaddesk/core/names.py): the same lead greets in either language."""
        combo = QComboBox(self)
        combo.setObjectName("salutation")
        combo.addItem(self.tr("—"), "")
        combo.addItem(self.tr("Ms (Frau)"), "ms")
        combo.addItem(self.tr("Mr (Herr)"), "mr")
        combo.addItem(self.tr("Diverse (divers)"), "mx")
        self._add(form, "salutation", self.tr("Salutation"), combo)

    # --- values ------------------------------------------------------------------------------
    def _load(self, lead: LeadView | None) -> None:
        for key in (*self.widgets, "next_follow_up", "consent_at"):
            self._set(key, getattr(lead, key) if lead is not None else None)

    def _set(self, key: str, value: Any) -> None:
        """Show one field's value (as ``values()`` reads it back)."""
        if key in ("next_follow_up", "consent_at"):
            box, edit = (
                (self.follow_up_on, self.follow_up_date)
                if key == "next_follow_up"
                else (self.consent_given, self.consent_date)
            )
            box.setChecked(value is not None)
            edit.setEnabled(value is not None)
            if value is not None:
                local = to_local(value)
                edit.setDate(QDate(local.year, local.month, local.day))
            return
        widget = self.widgets[key]
        if key == "salutation" and isinstance(widget, QComboBox):
            if value and widget.findData(value) < 0:  # kept as typed by an import
                widget.addItem(value, value)
            widget.setCurrentIndex(max(0, widget.findData(value or "")))
        elif isinstance(widget, QLineEdit) and key in ("phone", "mobile"):
            widget.setText(format_phone(value or ""))  # as the call window shows it; saved as E.164
        elif isinstance(widget, QLineEdit):
            widget.setText(value or "")
        elif isinstance(widget, QComboBox):
            widget.setCurrentText(value or "")
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value or "")
        elif isinstance(widget, QDoubleSpinBox):
            widget.setValue(float(value or 0.0))
        elif isinstance(widget, QSpinBox):
            widget.setValue(int(value or 0))

    def lead_updated(self, view: LeadView) -> None:
        """The lead changed outside this form: moved, scored or called from this editor's own tabs.

        Fields the person has not touched show the new values. When none of the fields they did
        change was changed there as well, the new version is taken, so Save is no false "changed
        elsewhere" conflict; otherwise Save still asks, as it should.
        """
        if self.lead is None or view.id != self.lead.id:
            return
        self._show_summary(view)  # the score may change without a new version (manual points)
        if view.version == self.lead.version:
            return
        mine = self.changes()
        if any(getattr(view, key) != getattr(self.lead, key) for key in mine):
            return
        typed = self.values()
        self._load(view)
        self.lead = view
        self._initial = self.values()
        for key in mine:
            self._set(key, typed[key])
        self._show_summary(view)

    def lead_removed(self) -> None:
        """The lead went away elsewhere (deleted, merged, erased): say so; Save cannot bring it back."""
        if self.summary is not None:
            self.summary.setText(self.tr("This lead was removed elsewhere; it can no longer be saved."))
        self.save_button.setEnabled(False)

    @staticmethod
    def _moment(day: QDate, hour: int) -> datetime:
        # cast: PySide's stub says QDate.toPython returns object.
        local = datetime.combine(cast(date, day.toPython()), time(hour), tzinfo=ZoneInfo(zone_name()))
        return local.astimezone(UTC)

    def values(self) -> dict[str, Any]:
        """The form as core field values."""
        out: dict[str, Any] = {}
        for key, widget in self.widgets.items():
            if key == "salutation" and isinstance(widget, QComboBox):
                out[key] = widget.currentData() or ""
            elif isinstance(widget, QLineEdit):
                out[key] = widget.text().strip()
            elif isinstance(widget, QComboBox):
                out[key] = widget.currentText().strip()
            elif isinstance(widget, QPlainTextEdit):
                out[key] = widget.toPlainText()
            elif isinstance(widget, QDoubleSpinBox):
                out[key] = round(widget.value(), 2)
            elif isinstance(widget, QSpinBox):
                out[key] = widget.value() or None
        out["next_follow_up"] = (
            self._moment(self.follow_up_date.date(), 9) if self.follow_up_on.isChecked() else None
        )
        out["consent_at"] = (
            self._moment(self.consent_date.date(), 12) if self.consent_given.isChecked() else None
        )
        return out

    def changes(self) -> dict[str, Any]:
        """Fields that differ from what was loaded (dates compared by day, as they are edited)."""
        now = self.values()
        changed = {k: v for k, v in now.items() if v != self._initial.get(k)}
        if self.lead is not None:
            for key in ("next_follow_up", "consent_at"):
                old = getattr(self.lead, key)
                new = now[key]
                if (
                    key in changed
                    and old is not None
                    and new is not None
                    and to_local(old).date() == to_local(new).date()
                ):
                    del changed[key]
        return changed

    @property
    def dirty(self) -> bool:
        return bool(self.changes()) or bool(self._unsaved_tabs())

    # --- validation --------------------------------------------------------------------------
    def check_field(self, key: str) -> bool:
        """Validate one field as the user leaves it; marks it with the core's reason."""
        try:
            clean = clean_fields({key: self.values()[key]}, require_identity=False)
        except ValidationError as exc:
            self.mark_errors(exc.errors, only=(key,))
            return False
        self.mark_errors({}, only=(key,))
        warning = clean.warnings.get(key)
        if warning:
            self._show(key, self.tr("Note: %1").replace("%1", tr_core(warning)), error=False)
        return True

    def mark_errors(self, errors: dict[str, str], only: tuple[str, ...] | None = None) -> None:
        keys = only if only is not None else tuple(self.widgets)
        for key in keys:
            if key in errors:
                self._show(key, tr_core(errors[key]), error=True)
            else:
                self._show(key, "", error=False)
        if errors:
            first = next(iter(errors))
            widget = self.widgets.get(first)
            if widget is not None:
                page = widget.parentWidget()
                while page is not None and self.tabs.indexOf(page) < 0:
                    page = page.parentWidget()
                if page is not None and only is None:
                    self.tabs.setCurrentWidget(page)
                    widget.setFocus()

    def _show(self, key: str, message: str, *, error: bool) -> None:
        label = self.error_labels.get(key)
        widget = self.widgets.get(key)
        if label is None or widget is None:
            return
        label.setText(message)
        label.setStyleSheet("color: #c62828;" if error else "color: #8a6d00;")
        label.setVisible(bool(message))
        widget.setStyleSheet(ERROR_STYLE if error and message else "")
        widget.setProperty("invalid", bool(error and message))
        widget.setToolTip(message if error else "")

    def error_text(self, key: str) -> str:
        label = self.error_labels[key]
        return label.text() if label.isVisibleTo(self) else ""

    # --- save / cancel -----------------------------------------------------------------------
    def save(self) -> bool:
        """Save through the handler; True when saved. Errors stay in the form, conflicts ask.

        Tabs with unsaved input (the BANT form) are saved first; one that cannot save is shown.
        """
        for tab in self._unsaved_tabs():
            if not tab.save():  # type: ignore[attr-defined]
                self.tabs.setCurrentWidget(tab)
                return False
        changes = self.values() if self.lead is None else self.changes()
        if self.lead is not None and not changes:
            self.done(QDialog.DialogCode.Accepted)
            return True
        try:
            clean_fields(changes, require_identity=self.lead is None)
        except ValidationError as exc:
            self.mark_errors(exc.errors)
            return False
        try:
            view = self._save_handler(
                self.lead.id if self.lead else None, changes, self.lead.version if self.lead else None
            )
        except ValidationError as exc:
            self.mark_errors(exc.errors)
            return False
        except ConflictError as exc:
            return self._resolve_conflict(exc, changes)
        except LeadDeskError as exc:  # e.g. merged into another lead meanwhile: say so, keep the form
            QMessageBox.warning(
                self,
                self.tr("Not saved"),
                self.tr("%1\nWhat you typed is still in the form.").replace("%1", error_text(exc)),
            )
            return False
        self.mark_errors({})
        self.lead = view
        self._initial = self.values()
        self.saved.emit(view)
        self.done(QDialog.DialogCode.Accepted)
        return True

    def conflict_box(self, exc: ConflictError) -> QMessageBox:
        """The question shown when someone else saved the lead meanwhile (tests answer it)."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Lead changed elsewhere"),
            self.tr("This lead was changed elsewhere while you edited it. Your changes are not saved yet."),
            parent=self,
        )
        box.setInformativeText(error_text(exc))
        self.overwrite_button = box.addButton(self.tr("Save mine over it"), QMessageBox.ButtonRole.AcceptRole)
        self.reload_button = box.addButton(
            self.tr("Discard mine, show theirs"), QMessageBox.ButtonRole.DestructiveRole
        )
        box.addButton(self.tr("Keep editing"), QMessageBox.ButtonRole.RejectRole)
        return box

    def _resolve_conflict(self, exc: ConflictError, changes: dict[str, Any]) -> bool:
        box = self.conflict_box(exc)
        box.exec()
        clicked = box.clickedButton()
        assert self.lead is not None
        if clicked is self.overwrite_button:
            try:
                view = self._save_handler(self.lead.id, changes, exc.actual)
            except (ValidationError, ConflictError) as again:
                QMessageBox.warning(self, self.tr("Not saved"), str(again))
                return False
            self.lead = view
            self._initial = self.values()
            self.saved.emit(view)
            self.done(QDialog.DialogCode.Accepted)
            return True
        if clicked is self.reload_button:
            self.reload_requested = True
            self.done(QDialog.DialogCode.Rejected)
        return False

    def _accept_suggestion(self, lead_id: int) -> None:
        if self.dirty and not self.save():
            return
        self.accept_suggestion.emit(lead_id)
        self.done(QDialog.DialogCode.Accepted)

    def discard_box(self) -> QMessageBox:
        return save_question(self, self.tr("Unsaved changes"), self.tr("Save your changes to this lead?"))

    def reject(self) -> None:
        """Esc / Cancel: ask before dropping unsaved changes."""
        if self.dirty:
            answer = self.discard_box().exec()
            if answer == QMessageBox.StandardButton.Save:
                self.save()
                return
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.result() == QDialog.DialogCode.Accepted or not self.dirty:
            event.accept()
            return
        self.reject()
        event.ignore() if self.isVisible() else event.accept()

    def keyPressEvent(self, event: Any) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.reject()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._in_feature_tab(self.focusWidget()):
            # Enter belongs to the tab (add an activity, points, a BANT amount), not to Save:
            # the default button would close the editor and drop what the tab still holds.
            event.accept()
            return
        super().keyPressEvent(event)

    def _in_feature_tab(self, widget: QWidget | None) -> bool:
        while widget is not None and widget is not self:
            if widget in self._feature_tabs:
                return True
            widget = widget.parentWidget()
        return False
