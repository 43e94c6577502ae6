"""A lead's stage history for the lead editor: every move with its time, who made it and why.

The board records each move (DESIGN.md: reports are computed from these rows); this tab is where
a person reads them back — "when did this lead become MQL, and why?". Newest first. Reasons that
LeadDesk wrote itself (scoring thresholds, imports) and the common Lost reasons are shown in the
UI's language; a person's own words as they typed them.

Hook: ``StageHistoryView(db, lead_id)`` as a tab of the lead editor; it reloads whenever shown,
so a move made on the board or in a call while the editor is open appears there.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTreeView, QVBoxLayout, QWidget

from leaddesk.core.services.leads import StageMove, stage_history
from leaddesk.core.stages import reason_text
from leaddesk.ui.i18n import lost_reason_labels, stage_label, tr_core
from leaddesk.ui.ops import follow_lead
from leaddesk.ui.zone import local_text

# Literal ``translate(context, text)`` calls below: pyside6-lupdate extracts only those.
translate = QCoreApplication.translate


def move_text(move: StageMove) -> str:
    """ "Lead → MQL", or "New in Lead" for the first row of a lead."""
    if move.from_stage is None:
        return translate("StageHistoryView", "New in %1").replace("%1", stage_label(move.to_stage))
    return f"{stage_label(move.from_stage)} → {stage_label(move.to_stage)}"


def moved_by(move: StageMove) -> str:
    """Who moved it: the person, or what did (scoring rules, an import, demo data)."""
    kinds = {
        "rule": translate("StageHistoryView", "Scoring rules"),
        "import": translate("StageHistoryView", "Import"),
        "demo": translate("StageHistoryView", "Demo data"),
        "merge": translate("StageHistoryView", "Database merge"),
    }
    kind = kinds.get(move.actor_kind)
    if kind is None:
        return move.actor or "–"
    if move.actor_kind in ("rule", "demo") or not move.actor:
        return kind
    return f"{move.actor} ({kind})"


def reason_label(reason: str) -> str:
    """A stored reason in the UI's language: "no_budget: zu teuer" → "No budget: zu teuer"."""
    key, sep, details = reason.partition(":")
    labels = lost_reason_labels()
    if key in labels:
        return f"{labels[key]}: {details.strip()}" if sep and details.strip() else labels[key]
    return tr_core(reason_text(reason))


class StageHistoryView(QWidget):
    """Read-only list of a lead's moves, newest first (a lead has a handful: no lazy model needed)."""

    def __init__(self, db: Any, lead_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.lead_id = lead_id
        self.model = QStandardItemModel(self)
        self.view = QTreeView(self)
        self.view.setObjectName("stage_history")
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.summary = QLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        follow_lead(self, db, lambda: self.lead_id, self.reload)
        self.reload()

    def reload(self) -> None:
        self.model.clear()
        self.model.setHorizontalHeaderLabels(
            [
                translate("StageHistoryView", "When"),
                translate("StageHistoryView", "Move"),
                translate("StageHistoryView", "By"),
                translate("StageHistoryView", "Reason"),
            ]
        )
        moves = stage_history(self.db, self.lead_id)
        for move in reversed(moves):
            when = local_text(move.at)
            reason = reason_label(move.reason)
            cells = [QStandardItem(when), QStandardItem(move_text(move)), QStandardItem(moved_by(move))]
            cells.append(QStandardItem(reason))
            cells[3].setToolTip(reason)  # long reasons are elided in the row
            self.model.appendRow(cells)
        # The first row is the lead's creation, not a change: "0 stage changes" above a
        # "New in Lead" row read as a contradiction, so a lead never moved says what it is.
        changes = sum(m.from_stage is not None for m in moves)
        if not moves:
            summary = translate("StageHistoryView", "No moves recorded.")
        elif changes:
            summary = self.tr("%n stage change(s)", "", changes)
        else:
            summary = translate("StageHistoryView", "Created in %1, not moved since.").replace(
                "%1", stage_label(moves[0].to_stage)
            )
        self.summary.setText(summary)
        header = self.view.header()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, 0))

    def showEvent(self, event: QShowEvent) -> None:
        """Fresh on every visit: the lead may have moved on the board while the editor was open."""
        self.reload()
        super().showEvent(event)
