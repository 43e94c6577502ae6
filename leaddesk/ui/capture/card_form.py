"""The card being typed in the quick entry: its fields, what happened, and Save / Clear / Restore.

Widgets and what they show only; saving, correcting and duplicates are the window's
(leaddesk/ui/quick_entry.py), which listens to :attr:`CardForm.submitted` (Enter in a field)
and :attr:`CardForm.identity_edited` (typing where a duplicate may show).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core.errors import NEEDS_NAME_OR_COMPANY, ConflictError, ValidationError
from leaddesk.core.validation import check_email, normalize_phone
from leaddesk.ui.i18n import error_text

# Fields that identify a person; typing in them re-checks for duplicates.
IDENTITY_FIELDS = ("first_name", "last_name", "company", "email", "phone", "mobile")


def one_line(text: str) -> str:
    """Multi-line values (notes) shown in a one-line field; unchanged text is not written back."""
    return " · ".join(part.strip() for part in text.splitlines() if part.strip()) if "\n" in text else text


class CardForm(QGroupBox):
    """The card's fields (``fields``), a banner while a lead is corrected, the message line, buttons."""

    # Enter in a field: save the card.
    submitted = Signal()
    # Typed in a field that identifies a person (:data:`IDENTITY_FIELDS`).
    identity_edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Card"))
        card_layout = QVBoxLayout(self)
        self.edit_banner = QLabel()
        self.edit_banner.setObjectName("editBanner")
        self.edit_banner.hide()
        card_layout.addWidget(self.edit_banner)
        grid = QGridLayout()
        card_layout.addLayout(grid)
        # The card's line edits by field name.
        self.fields: dict[str, QLineEdit] = {}
        # Anrede and academic title read from a card: no field of their own here (the editor has them).
        self._name_prefix: dict[str, str] = {}
        specs = [
            ("first_name", self.tr("&First name:"), 0, 0),
            ("last_name", self.tr("&Last name:"), 0, 2),
            ("company", self.tr("&Company:"), 1, 0),
            ("title", self.tr("&Job title:"), 1, 2),
            ("email", self.tr("&Email:"), 2, 0),
            ("website", self.tr("&Website:"), 2, 2),
            ("phone", self.tr("&Phone:"), 3, 0),
            ("mobile", self.tr("Mo&bile:"), 3, 2),
            ("street", self.tr("&Street:"), 4, 0),
            ("postal_code", self.tr("Postal co&de:"), 4, 2),
            ("city", self.tr("C&ity:"), 5, 0),
            ("country", self.tr("Co&untry:"), 5, 2),
            ("notes", self.tr("&Notes:"), 6, 0),
        ]
        for key, label_text, row, col in specs:
            edit = QLineEdit()
            edit.setObjectName(key)
            edit.setClearButtonEnabled(False)
            label = QLabel(label_text)
            label.setBuddy(edit)
            grid.addWidget(label, row, col)
            span = 3 if key == "notes" else 1
            grid.addWidget(edit, row, col + 1, 1, span)
            self.fields[key] = edit
            edit.returnPressed.connect(self.submitted)
            if key in IDENTITY_FIELDS:
                edit.textEdited.connect(self.identity_edited)
        self.fields["email"].setPlaceholderText("name@firma.de")
        self.fields["phone"].setPlaceholderText("0711 1234567")
        self.fields["mobile"].setPlaceholderText("0171 2345678")
        self.fields["country"].setPlaceholderText("DE")
        self.fields["notes"].setPlaceholderText(self.tr("interested in …, call back after the fair"))
        for key in ("phone", "mobile", "email"):
            self.fields[key].editingFinished.connect(lambda k=key: self.check_field(k))
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        card_layout.addWidget(self.message)

        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save && next (Enter)"))
        self.save_button.setDefault(False)
        self.clear_button = QPushButton(self.tr("Clear (Esc)"))
        self.restore_button = QPushButton(self.tr("Restore cleared card (Alt+R)"))
        self.restore_button.hide()
        for button in (self.save_button, self.clear_button, self.restore_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        card_layout.addLayout(buttons)

    def values(self) -> dict[str, str]:
        typed = {key: edit.text().strip() for key, edit in self.fields.items()}
        # Anrede and academic title read from a card: no field of their own here (the editor has them).
        return typed | {k: v for k, v in self._name_prefix.items() if v}

    def fill(self, values: dict[str, str], *, only_empty: bool = False) -> list[str]:
        """Fill the form; returns the fields left as they were because the person had typed there."""
        kept: list[str] = []
        for key in ("salutation", "academic_title"):
            if values.get(key) and not (only_empty and self._name_prefix.get(key)):
                self._name_prefix[key] = values[key]
        for key, edit in self.fields.items():
            new = values.get(key, "")
            if only_empty and edit.text().strip():
                if new and new != edit.text().strip():
                    kept.append(key)
                continue
            if new or not only_empty:
                edit.setText(one_line(new))
        return kept

    def set_state(self, edit: QLineEdit, state: str) -> None:
        edit.setProperty("state", state)
        edit.style().unpolish(edit)
        edit.style().polish(edit)

    def show_message(self, text: str, kind: str = "info") -> None:
        self.message.setProperty("kind", kind)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)

    def check_field(self, key: str) -> None:
        """Inline hints while typing; a phone that cannot be read is a warning, never a block."""
        edit = self.fields[key]
        text = edit.text().strip()
        if key == "email":
            try:
                check_email(text)
            except ValueError:
                self.set_state(edit, "error")
                edit.setToolTip(self.tr("This is not a valid email address."))
                self.show_message(self.tr("The email address looks wrong; please check it."), "error")
                return
        else:
            result = normalize_phone(text)
            if result.warning:
                self.set_state(edit, "warning")
                edit.setToolTip(self.tr("Cannot read this as a phone number; it is saved as typed."))
                self.show_message(
                    self.tr("%1 cannot be read as a phone number; it will be saved as typed.").replace(
                        "%1", text
                    ),
                    "warning",
                )
                return
        self.set_state(edit, "")
        edit.setToolTip("")

    def clear_states(self) -> None:
        for edit in self.fields.values():
            if edit.property("state"):
                self.set_state(edit, "")
            edit.setToolTip("")

    def clear(self) -> None:
        """An empty card: no values, no marks on the fields."""
        self._name_prefix = {}
        for edit in self.fields.values():
            edit.clear()
        self.clear_states()

    def show_validation(self, exc: ValidationError) -> None:
        for key, _reason in exc.errors.items():
            if key in self.fields:
                self.set_state(self.fields[key], "error")
        first = next((k for k in exc.errors if k in self.fields), None)
        if first:
            self.fields[first].setFocus()
        if exc.errors.get("last_name") == NEEDS_NAME_OR_COMPANY:
            self.show_message(self.tr("A card needs a name or a company."), "error")
        elif "email" in exc.errors:
            self.show_message(self.tr("The email address looks wrong; please check it."), "error")
        else:
            self.show_message(error_text(exc), "error")

    def show_error(self, exc: Exception) -> None:
        if isinstance(exc, ValidationError):
            self.show_validation(exc)
        elif isinstance(exc, ConflictError):
            self.show_message(
                self.tr(
                    "Someone changed this lead meanwhile; nothing was saved. Press Esc and open it again."
                ),
                "error",
            )
        else:
            self.show_message(error_text(exc), "error")

    def field_label(self, key: str) -> str:
        labels = {
            "first_name": self.tr("first name"),
            "last_name": self.tr("last name"),
            "company": self.tr("company"),
            "title": self.tr("job title"),
            "email": self.tr("email"),
            "phone": self.tr("phone"),
            "mobile": self.tr("mobile"),
            "website": self.tr("website"),
            "street": self.tr("street"),
            "postal_code": self.tr("postal code"),
            "city": self.tr("city"),
            "country": self.tr("country"),
            "source": self.tr("source"),
            "notes": self.tr("notes"),
        }
        return labels.get(key, key)
