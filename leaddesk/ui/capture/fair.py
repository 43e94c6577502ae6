"""The quick entry's fair-day box: event and tags set once for every card, and today's count.

The event and tags are kept in the database (leaddesk/core/services/capture.py), so the next
start of the laptop at the same fair begins where the last one ended.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCompleter, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from leaddesk.core.db import Database
from leaddesk.core.services.capture import FairSession, count_since_midnight, load_session, save_session
from leaddesk.core.services.leads import LeadView
from leaddesk.core.services.query import distinct_values


class FairDayBox(QGroupBox):
    """Event / source and tags of the fair day, and how many cards today and in this session.

    ``entered`` when Return is pressed in either field (the window moves on to the card).
    """

    entered = Signal()

    def __init__(self, db: Database, tz: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._tz = tz
        self._fair = load_session(db)
        self._session_count = 0
        self._today_count = 0
        self.setTitle(self.tr("Fair day (kept for every card)"))
        row = QHBoxLayout(self)
        self.source_edit = QLineEdit()
        self.source_edit.setPlaceholderText(self.tr("e.g. Messe Stuttgart 2026"))
        completer = QCompleter(distinct_values(db, "source"), self.source_edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.source_edit.setCompleter(completer)
        self.tags_edit = QLineEdit()
        self.tags_edit.setPlaceholderText(self.tr("comma-separated, e.g. Halle 4, Maschinenbau"))
        source_label = QLabel(self.tr("E&vent / source:"))
        source_label.setBuddy(self.source_edit)
        tags_label = QLabel(self.tr("&Tags:"))
        tags_label.setBuddy(self.tags_edit)
        self.count_label = QLabel()
        self.count_label.setObjectName("count")
        row.addWidget(source_label)
        row.addWidget(self.source_edit, 3)
        row.addWidget(tags_label)
        row.addWidget(self.tags_edit, 3)
        row.addSpacing(12)
        row.addWidget(self.count_label, 2)
        self.source_edit.setText(self._fair.source)
        self.tags_edit.setText(self._fair.tags.replace(",", ", "))
        for edit in (self.source_edit, self.tags_edit):
            edit.returnPressed.connect(self._entered)
            edit.editingFinished.connect(self.store)
        self.source_edit.editingFinished.connect(self._refresh_count)
        self._refresh_count()

    def store(self) -> None:
        """Keep the event and tags as typed (only when they changed: one write per change)."""
        fair = FairSession(self.source_edit.text(), self.tags_edit.text())
        if fair.source.strip() != self._fair.source or fair.tags != self._fair.tags.replace(",", ", "):
            self._fair = save_session(self.db, fair)

    def fair(self) -> FairSession:
        """The fair day as stored, with what is typed now."""
        self.store()
        return self._fair

    def counted(self, lead: LeadView, action: str) -> None:
        """A card was saved (``action`` "new", "merged"): one more this session, and today at this
        event when it is a new lead from it."""
        self._session_count += 1
        if action == "new" and lead.source and lead.source == self.source_edit.text().strip():
            self._today_count += 1
        self._update_count()

    def _entered(self) -> None:
        self.store()
        self.entered.emit()

    def _refresh_count(self) -> None:
        """Count today's leads of this event once (when the event changes), then add as cards are saved."""
        source = self.source_edit.text().strip()
        self._today_count = count_since_midnight(self.db, source, self._tz) if source else 0
        self._update_count()

    def _update_count(self) -> None:
        source = self.source_edit.text().strip()
        if source:
            text = self.tr("Today at this event: %1 · this session: %2").replace("%1", str(self._today_count))
        else:
            text = self.tr("This session: %2")
        self.count_label.setText(text.replace("%2", str(self._session_count)))
