"""BANT in the lead editor, outside a call: the same form, saved on demand, with its history below.

Hook: ``QualificationPanel(db, lead_id)`` as the lead editor's "Qualification" tab; connect
``saved(int)`` to refresh the card (BANT progress) and score.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core.errors import ConflictError, LeadDeskError, ValidationError
from leaddesk.core.services.qualification import (
    BantData,
    FieldChange,
    StoredBant,
    load_qualification,
    rebase,
    save_qualification,
)
from leaddesk.ui.activities import current_user
from leaddesk.ui.call.form import BantForm
from leaddesk.ui.call.history import BantHistoryView
from leaddesk.ui.i18n import error_text
from leaddesk.ui.labels import field_labels
from leaddesk.ui.ops import follow_lead


class QualificationPanel(QWidget):
    """Edit BANT between calls (the editor's Ctrl+S saves it); each change goes to the history."""

    saved = Signal(int)

    def __init__(
        self, db: Any, lead_id: int, parent: QWidget | None = None, *, who: str | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.lead_id = lead_id
        self.who = who if who is not None else current_user()
        self.form = BantForm(self)
        self.history = BantHistoryView(db, lead_id, self)
        self.save_button = QPushButton(self.tr("&Save qualification"))
        self.save_button.setEnabled(False)
        self.message = QLabel()
        # The form scrolls rather than squashes when the editor is small (notes one line high and
        # "People involved" cut, issue 17); the history below gets what the form leaves.
        self.form_scroll = QScrollArea()
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_scroll.setWidget(self.form)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.form_scroll)
        splitter.addWidget(self.history)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        # What the form was filled from: its version goes back with Save, so BANT a call stored
        # meanwhile is not overwritten (ConflictError); ``loaded`` lets a conflict keep the edits.
        self.loaded = load_qualification(db, lead_id)
        self.form.set_bant(self.loaded.data)
        self.form.changed.connect(lambda: self.save_button.setEnabled(True))
        self.save_button.clicked.connect(self.save)
        follow_lead(self, db, lambda: self.lead_id, self._changed_elsewhere)
        # No Ctrl+S of its own: the lead editor's Ctrl+S saves this tab too (two would be ambiguous).

    def _changed_elsewhere(self) -> None:
        """A call (or another window) stored BANT: show it, unless this form holds unsaved edits
        (those are put on top of it at Save, see ``_save``)."""
        self.history.reload()
        if not self.has_unsaved():
            self.loaded = load_qualification(self.db, self.lead_id)
            self.form.set_bant(self.loaded.data)
            self.save_button.setEnabled(False)

    def has_unsaved(self) -> bool:
        """BANT typed here and not saved yet: the editor saves it with its own Save, or asks."""
        return self.save_button.isEnabled()

    def save(self) -> bool:
        try:
            changes = self._save(self.form.to_bant())
        except ValidationError as exc:
            self.message.setText(self.tr("Please fix: %1").replace("%1", self.form.describe(exc.errors)))
            return False
        except LeadDeskError as exc:
            self.message.setText(error_text(exc))
            return False
        if changes is None:
            return False
        self.message.setText(self.tr("%n change(s) saved", "", len(changes)))
        self.save_button.setEnabled(False)
        self.history.reload()
        self.saved.emit(self.lead_id)
        return True

    def _save(self, mine: BantData) -> list[FieldChange] | None:
        """Save; if BANT was stored meanwhile (a call), put this form's edits on top of it.

        None when both changed the same field: the form then shows the stored value there, with
        the other edits kept, and names the fields, so the user checks and saves again.
        """
        try:
            return self._write(mine)
        except ConflictError:
            stored = load_qualification(self.db, self.lead_id)
        merged, clashes = rebase(self.loaded.data, mine, stored.data)
        self.loaded = stored
        self.form.set_bant(merged)
        if not clashes:
            return self._write(merged)
        self.history.reload()
        labels = field_labels()
        self.message.setText(
            self.tr(
                "BANT was saved elsewhere meanwhile (e.g. in a call) and these fields were changed "
                "there too: %1. The form shows the saved values with your other changes — please "
                "check them and save again."
            ).replace("%1", ", ".join(labels.get(name, name) for name in clashes))
        )
        return None

    def _write(self, data: BantData) -> list[FieldChange]:
        """Save only if nothing else stored BANT since the form was filled (else ConflictError)."""
        changes = save_qualification(
            self.db, self.lead_id, data, who=self.who, expected_version=self.loaded.version
        )
        self.loaded = StoredBant(data, self.loaded.version + (1 if changes else 0))
        return changes
