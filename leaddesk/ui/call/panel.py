"""BANT in the lead editor, outside a call: the same form, saved on demand, with its history below.

Hook: ``QualificationPanel(db, lead_id)`` as the lead editor's "Qualification" tab; connect
``saved(int)`` to refresh the card (BANT progress) and score.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from leaddesk.core.errors import LeadDeskError, ValidationError
from leaddesk.core.services.qualification import get_qualification, save_qualification
from leaddesk.ui.activities import current_user
from leaddesk.ui.call.form import BantForm
from leaddesk.ui.call.history import BantHistoryView
from leaddesk.ui.i18n import error_text


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
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.form)
        splitter.addWidget(self.history)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        self.form.set_bant(get_qualification(db, lead_id))
        self.form.changed.connect(lambda: self.save_button.setEnabled(True))
        self.save_button.clicked.connect(self.save)
        # No Ctrl+S of its own: the lead editor's Ctrl+S saves this tab too (two would be ambiguous).

    def has_unsaved(self) -> bool:
        """BANT typed here and not saved yet: the editor saves it with its own Save, or asks."""
        return self.save_button.isEnabled()

    def save(self) -> bool:
        try:
            changes = save_qualification(self.db, self.lead_id, self.form.to_bant(), who=self.who)
        except ValidationError as exc:
            self.message.setText(self.tr("Please fix: %1").replace("%1", self.form.describe(exc.errors)))
            return False
        except LeadDeskError as exc:
            self.message.setText(error_text(exc))
            return False
        self.message.setText(self.tr("%1 change(s) saved").replace("%1", str(len(changes))))
        self.save_button.setEnabled(False)
        self.history.reload()
        self.saved.emit(self.lead_id)
        return True
