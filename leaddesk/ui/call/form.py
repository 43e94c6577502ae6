"""The BANT form: four sections, each with a status, its fields and suggested questions.

The form keeps *raw* widget values (``state()``) so a half-typed amount can be saved in a
draft; ``to_bant()`` turns them into a validated :class:`BantData` when the call ends.
Keyboard: Tab walks the fields, Ctrl+1…4 jumps to a section's status, and each status
combo answers to its first letter (Unknown / Partly known / Confirmed / Does not fit).
"""

from __future__ import annotations

from dataclasses import fields
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPainter, QPaintEvent, QPalette, QPen, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core.errors import ValidationError
from leaddesk.core.services.qualification import SECTIONS, BantData, parse_target_date
from leaddesk.ui.call.questions import questions_for
from leaddesk.ui.i18n import tr_core
from leaddesk.ui.labels import field_labels, status_labels, yes_no_labels

# Border colour per status: the section's state is visible at a glance.
STATUS_COLORS = {"unknown": "#9aa0a6", "partial": "#e0a100", "confirmed": "#2e9d4f", "no_fit": "#d0443e"}


# Literal ``translate(context, text)`` calls below: pyside6-lupdate extracts only those.
translate = QCoreApplication.translate


def status_items() -> list[tuple[str, str]]:
    return list(status_labels().items())


def yes_no_items() -> list[tuple[str, str]]:
    return list(yes_no_labels().items())


def section_titles() -> dict[str, str]:
    return {
        "budget": translate("BantForm", "&Budget"),
        "authority": translate("BantForm", "&Authority"),
        "need": translate("BantForm", "&Need"),
        "timing": translate("BantForm", "&Timing"),
    }


def ui_language() -> str:
    """ "de" when the UI runs in German, else "en" (decides the suggested questions)."""
    return "de" if QLocale().language() == QLocale.Language.German else "en"


def _combo(items: list[tuple[str, str]]) -> QComboBox:
    combo = QComboBox()
    for key, label in items:
        combo.addItem(label, key)
    return combo


def _full_year_date_format(locale: QLocale) -> str:
    """The locale's short date format with a four-digit year (31.03.2027, not 31.03.27)."""
    short = locale.dateFormat(QLocale.FormatType.ShortFormat)
    return short if "yyyy" in short else short.replace("yy", "yyyy")


def target_text(value: str, locale: QLocale | None = None) -> str:
    """A stored target (ISO day or quarter) as the form shows it: the day in the locale's format
    (31.03.2027 in German), which :func:`target_to_iso` reads back; a quarter as stored."""
    day = parse_target_date(value) if value else None
    if day is None:
        return value
    loc = locale or QLocale()
    return loc.toString(QDate(day.year, day.month, day.day), _full_year_date_format(loc))


def target_to_iso(text: str, locale: QLocale | None = None) -> str:
    """A target typed in the locale's date format (31.03.2027, 31/03/2027) as ISO; else as typed.

    The core takes ISO, dotted day-first dates and quarters (``parse_target_date``); this adds
    whatever short or long format the UI's locale writes, so a date the app itself shows is accepted.
    """
    typed = text.strip()
    if not typed:
        return text
    loc = locale or QLocale()
    short = loc.dateFormat(QLocale.FormatType.ShortFormat)
    for fmt in (_full_year_date_format(loc), short, loc.dateFormat(QLocale.FormatType.LongFormat)):
        day = loc.toDate(typed, fmt)
        if day.isValid():
            if "yyyy" not in fmt and day.year() < 2000:  # "31.03.27": Qt reads 1927, a target is ahead
                day = day.addYears(100)
            return day.toString("yyyy-MM-dd")
    return text


class _TextBox(QPlainTextEdit):
    """A text box that asks only for its minimum height, so growing ones share spare space
    instead of pushing the form past the window (QPlainTextEdit's own hint is 192 px tall)."""

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.minimumHeight())


def _text_box(lines: int = 2, *, grow: bool = False) -> QPlainTextEdit:
    """A multi-line field; ``grow`` lets it take the section's spare height (the notes)."""
    box = _TextBox()
    box.setTabChangesFocus(True)  # Tab leaves the box: the form stays keyboard-walkable
    height = box.fontMetrics().lineSpacing() * lines + 14
    if grow:
        box.setMinimumHeight(height)
        box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    else:
        box.setFixedHeight(height)
    return box


class SectionBox(QFrame):
    """One BANT section: header with status, the section's fields, suggested questions."""

    def __init__(self, section: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section = section
        self.setObjectName(f"section_{section}")
        self.setFrameShape(QFrame.Shape.NoFrame)  # drawn in paintEvent: no style sheets, opening stays fast
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 6, 10, 6)
        layout.setSpacing(4)
        header = QHBoxLayout()
        self.title = QLabel(title)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.status = _combo(status_items())
        self.status.setObjectName(f"{section}_status")
        self.status.setAccessibleName(title.replace("&", "") + " " + translate("BantForm", "status"))
        self.title.setBuddy(self.status)
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.status)
        layout.addLayout(header)
        # The questions come first: ask, then note the answer below.
        self.questions = QLabel()
        self.questions.setObjectName(f"{section}_questions")
        self.questions.setWordWrap(True)
        self.questions.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        palette = self.questions.palette()
        palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText))
        self.questions.setPalette(palette)
        italic = self.questions.font()
        italic.setItalic(True)
        self.questions.setFont(italic)
        self.questions.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        layout.addWidget(self.questions)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setContentsMargins(0, 4, 0, 0)
        self.form.setVerticalSpacing(4)
        layout.addLayout(self.form, 1)
        self.active = False
        self.status.currentIndexChanged.connect(self.update)

    def set_active(self, active: bool) -> None:
        """The section holding the keyboard focus stands out, so a glance finds the cursor."""
        if active != self.active:
            self.active = active
            self.update()

    def set_questions(self, questions: tuple[str, ...]) -> None:
        self.questions.setText("\n".join(f"› {q}" for q in questions))

    def paintEvent(self, event: QPaintEvent) -> None:
        """A frame (highlighted while active) with a bar on the left in the status colour."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        width = 2 if self.active else 1
        rect = QRectF(self.rect()).adjusted(width / 2, width / 2, -width / 2, -width / 2)
        if self.active:
            painter.setBrush(palette.color(QPalette.ColorRole.Base))
        color = QPalette.ColorRole.Highlight if self.active else QPalette.ColorRole.Mid
        painter.setPen(QPen(palette.color(color), width))
        painter.drawRoundedRect(rect, 4, 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(STATUS_COLORS.get(self.status.currentData(), STATUS_COLORS["unknown"])))
        painter.drawRoundedRect(QRectF(0, 0, 5, self.height()), 2, 2)
        painter.end()


class BantForm(QWidget):
    """The four sections in a 2×2 grid. ``changed`` fires on every edit (drives the autosave)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, language: str | None = None) -> None:
        super().__init__(parent)
        self.language = language or ui_language()
        self.widgets: dict[str, QWidget] = {}
        self.sections: dict[str, SectionBox] = {}
        titles = section_titles()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(8)
        for i, section in enumerate(SECTIONS):
            box = SectionBox(section, titles[section], self)
            box.set_questions(questions_for(section, self.language))
            self.sections[section] = box
            self.widgets[f"{section}_status"] = box.status
            grid.addWidget(box, i // 2, i % 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self._build_budget(self.sections["budget"])
        self._build_authority(self.sections["authority"])
        self._build_need(self.sections["need"])
        self._build_timing(self.sections["timing"])
        for name, widget in self.widgets.items():
            widget.setObjectName(name)
            if isinstance(widget, (QLineEdit, QPlainTextEdit)):
                widget.textChanged.connect(self.changed)
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self.changed)
        self._chain_tab_order()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)
        for i, section in enumerate(SECTIONS, start=1):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{i}"), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda s=section: self.focus_section(s))

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        for box in self.sections.values():
            box.set_active(new is not None and box.isAncestorOf(new))

    def _chain_tab_order(self) -> None:
        """Tab walks section by section (status first), not in the order the widgets were made."""
        ordered = self.focus_chain()
        for first, second in pairwise(ordered):
            QWidget.setTabOrder(first, second)

    def focus_chain(self) -> list[QWidget]:
        """The form's widgets in Tab order (first and last are where a window links its own chain)."""
        return sorted(self.widgets.values(), key=lambda w: SECTIONS.index(w.objectName().split("_")[0]))

    def _add(self, box: SectionBox, name: str, label: str, widget: QWidget) -> None:
        self.widgets[name] = widget
        box.form.addRow(label, widget)

    def _build_budget(self, box: SectionBox) -> None:
        amount = QLineEdit()
        amount.setPlaceholderText(
            translate("BantForm", "e.g. 25.000")
            if self.language == "de"
            else translate("BantForm", "e.g. 25,000")
        )
        currency = _combo([(c, c) for c in ("EUR", "CHF", "USD", "GBP")])
        currency.setEditable(False)
        row = QWidget()
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(amount, 1)
        row_layout.addWidget(currency)
        self.widgets["budget_amount"] = amount
        self.widgets["budget_currency"] = currency
        box.form.addRow(translate("BantForm", "A&mount"), row)
        box.form.labelForField(row).setBuddy(amount)  # type: ignore[attr-defined]
        self._add(box, "budget_approved", translate("BantForm", "Appro&ved"), _combo(yes_no_items()))
        self._add(box, "budget_notes", translate("BantForm", "Notes"), _text_box(grow=True))

    def _build_authority(self, box: SectionBox) -> None:
        self._add(
            box,
            "authority_is_decision_maker",
            translate("BantForm", "Contact &decides"),
            _combo(yes_no_items()),
        )
        people = _text_box()
        people.setPlaceholderText(translate("BantForm", "Who else decides, and their role"))
        self._add(box, "authority_people", translate("BantForm", "&People involved"), people)
        self._add(box, "authority_notes", translate("BantForm", "Notes"), _text_box(grow=True))

    def _build_need(self, box: SectionBox) -> None:
        pain = _text_box()
        pain.setPlaceholderText(translate("BantForm", "Pain points in the customer's words"))
        self._add(box, "need_pain", translate("BantForm", "Pain po&ints"), pain)
        priority = _combo(
            [("", "–")]
            + [
                (str(p), label)
                for p, label in ((1, translate("BantForm", "1 – low")), (2, "2"), (3, "3"), (4, "4"))
            ]
        )
        priority.addItem(translate("BantForm", "5 – urgent"), "5")
        self._add(box, "need_priority", translate("BantForm", "P&riority"), priority)
        self._add(box, "need_notes", translate("BantForm", "Notes"), _text_box(grow=True))

    def _build_timing(self, box: SectionBox) -> None:
        target = QLineEdit()
        example = target_text("2027-03-31")
        target.setPlaceholderText(translate("BantForm", "e.g. %1 or 2027-Q1").replace("%1", example))
        self._add(box, "timing_target", translate("BantForm", "Tar&get"), target)
        driver = QLineEdit()
        driver.setPlaceholderText(translate("BantForm", "What drives the date"))
        self._add(box, "timing_driver", translate("BantForm", "Dri&ver"), driver)
        self._add(box, "timing_notes", translate("BantForm", "Notes"), _text_box(grow=True))

    # --- values ---------------------------------------------------------------------------------

    def state(self) -> dict[str, str]:
        """Raw widget values, exactly as typed (what a draft keeps)."""
        out: dict[str, str] = {}
        for name, widget in self.widgets.items():
            if isinstance(widget, QLineEdit):
                out[name] = widget.text()
            elif isinstance(widget, QPlainTextEdit):
                out[name] = widget.toPlainText()
            elif isinstance(widget, QComboBox):
                out[name] = str(widget.currentData())
        return out

    def set_state(self, state: dict[str, Any]) -> None:
        """Fill the widgets from raw values (a draft or a stored qualification), without ``changed``."""
        self.blockSignals(True)
        try:
            for name, value in state.items():
                widget = self.widgets.get(name)
                text = "" if value is None else str(value)
                if isinstance(widget, QLineEdit):
                    widget.setText(text)
                elif isinstance(widget, QPlainTextEdit):
                    widget.setPlainText(text)
                elif isinstance(widget, QComboBox):
                    index = widget.findData(text)
                    if index >= 0:
                        widget.setCurrentIndex(index)
        finally:
            self.blockSignals(False)

    def set_bant(self, data: BantData) -> None:
        locale = QLocale()
        state: dict[str, Any] = {f.name: getattr(data, f.name) for f in fields(data)}
        if data.budget_amount is not None:
            amount = data.budget_amount
            state["budget_amount"] = locale.toString(amount, "f", 0 if amount == int(amount) else 2)
        state["timing_target"] = target_text(data.timing_target or "", locale)
        self.set_state(state)

    def to_bant(self) -> BantData:
        """Validated values; ValidationError names the fields to fix (see ``mark_errors``)."""
        state: dict[str, Any] = self.state()
        amount = state["budget_amount"].strip()
        if amount:
            value, ok = QLocale().toDouble(amount)
            if not ok:
                value, ok = QLocale(QLocale.Language.C).toDouble(amount)
            state["budget_amount"] = value if ok else amount
        else:
            state["budget_amount"] = None
        state["need_priority"] = state["need_priority"] or None
        state["timing_target"] = target_to_iso(state["timing_target"])
        try:
            data = BantData.from_dict(state)
        except ValidationError as exc:
            self.mark_errors(exc.errors)
            raise
        self.mark_errors({})
        return data

    @staticmethod
    def describe(errors: dict[str, str]) -> str:
        """Errors for a status line, each under the field's label ("Budget: amount — …")."""
        labels = field_labels()
        return "; ".join(f"{labels.get(name, name)} — {tr_core(reason)}" for name, reason in errors.items())

    def mark_errors(self, errors: dict[str, str]) -> None:
        """Outline the bad fields, explain each in its tooltip, focus the first."""
        first = None
        for name, widget in self.widgets.items():
            reason = tr_core(errors.get(name, ""))
            if reason or widget.toolTip():  # touch only what changes: style sheets are slow
                widget.setToolTip(reason)
                widget.setStyleSheet("border: 1px solid #d0443e;" if reason else "")
            if reason and first is None:
                first = widget
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def statuses(self) -> dict[str, str]:
        return {s: str(self.sections[s].status.currentData()) for s in SECTIONS}

    def focus_section(self, section: str) -> None:
        self.sections[section].status.setFocus(Qt.FocusReason.ShortcutFocusReason)
