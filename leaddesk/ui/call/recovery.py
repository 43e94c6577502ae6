"""At start: calls that never ended (crash, closed lid, killed app) are offered again.

The main window calls :func:`offer_pending_drafts` once its board is shown; it returns
``None`` when there is nothing to recover, so the common start costs one small query.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core.services import qualification
from leaddesk.core.services.qualification import DraftView
from leaddesk.ui.call.dialogs import format_duration
from leaddesk.ui.call.window import CallWindow, start_discovery_call
from leaddesk.ui.dialogs import ask_destructive
from leaddesk.ui.zone import local_text


def pending_drafts(db: Any) -> list[DraftView]:
    """Unfinished calls, newest first (the core query; here so the UI has one import)."""
    return qualification.pending_drafts(db)


class DraftRecoveryDialog(QDialog):
    """Lists unfinished calls: Resume opens the call screen with every field as it was; Discard drops it."""

    call_resumed = Signal(object)  # the CallWindow

    def __init__(self, db: Any, drafts: list[DraftView], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.windows: list[CallWindow] = []
        self.setWindowTitle(self.tr("Unfinished calls"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("These discovery calls were not ended — LeadDesk kept everything you typed."))
        )
        self.list = QListWidget()
        self.list.setObjectName("drafts")
        for draft in drafts:
            when = local_text(draft.updated_at)
            elapsed = format_duration(int(draft.data.get("elapsed_s", 0) or 0))
            item = QListWidgetItem(
                self.tr("%1 — last saved %2, %3 min")
                .replace("%1", draft.lead_name)
                .replace("%2", when)
                .replace("%3", elapsed)
            )
            item.setData(Qt.ItemDataRole.UserRole, draft.id)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox()
        self.resume_button = buttons.addButton(
            self.tr("&Resume call"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.discard_button = buttons.addButton(
            self.tr("&Discard…"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.discard_button.setAutoDefault(False)
        later = buttons.addButton(self.tr("&Later"), QDialogButtonBox.ButtonRole.RejectRole)
        self.resume_button.clicked.connect(self.resume_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        later.clicked.connect(self.reject)
        # Double-click, not itemActivated: the list emits itemActivated on Enter and then passes
        # the same key on to the dialog, whose default button (Resume) would resume the next call
        # too. Enter is left to that default button alone, so one Enter resumes exactly one call
        # (and a single-click-activation desktop style does not resume on a mere click).
        self.list.itemDoubleClicked.connect(lambda _item: self.resume_selected())
        layout.addWidget(buttons)
        self.resume_button.setDefault(True)
        self._fit_entries()

    def _fit_entries(self) -> None:
        """Wide enough for the longest entry (name, company, when) within the screen; wrapped beyond."""
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        metrics = self.list.fontMetrics()
        texts = [self.list.item(i).text() for i in range(self.list.count())]
        longest = max((metrics.horizontalAdvance(text) for text in texts), default=0)
        layout = self.layout()
        assert layout is not None  # built in __init__
        margins = layout.contentsMargins()
        wanted = (
            longest
            + 2 * self.list.frameWidth()
            + self.list.verticalScrollBar().sizeHint().width()
            + metrics.averageCharWidth() * 4  # the item's own padding and focus frame
            + margins.left()
            + margins.right()
        )
        screen = self.screen().availableGeometry().width() if self.screen() is not None else 1280
        self.resize(max(self.minimumWidth(), min(wanted, int(screen * 0.9))), self.sizeHint().height())

    def _selected(self) -> tuple[int, int] | None:
        row = self.list.currentRow()
        item = self.list.item(row)
        return (row, int(item.data(Qt.ItemDataRole.UserRole))) if item is not None else None

    def resume_selected(self) -> CallWindow | None:
        selected = self._selected()
        if selected is None:
            return None
        row, draft_id = selected
        draft = qualification.load_draft(self.db, draft_id)
        window = start_discovery_call(self.db, draft.lead_id, parent=self.parentWidget(), draft=draft)
        self.windows.append(window)
        self.call_resumed.emit(window)
        self._drop(row)
        return window

    def discard_selected(self) -> None:
        selected = self._selected()
        if selected is None:
            return
        row, draft_id = selected
        name = self.list.item(row).text().split(" — ")[0]
        if not ask_destructive(
            self,
            self.tr("Discard call notes"),
            self.tr(
                "Throw away the unsaved notes and BANT answers of the call with %1? This cannot be undone."
            ).replace("%1", name),
            self.tr("Discard notes"),
        ):
            return
        qualification.discard_draft(self.db, draft_id)
        self._drop(row)

    def _drop(self, row: int) -> None:
        self.list.takeItem(row)
        if self.list.count() == 0:
            self.accept()


def offer_pending_drafts(db: Any, parent: QWidget | None = None) -> DraftRecoveryDialog | None:
    """Show the recovery dialog (non-blocking) when unfinished calls exist; None otherwise."""
    drafts = pending_drafts(db)
    if not drafts:
        return None
    dialog = DraftRecoveryDialog(db, drafts, parent)
    dialog.open()
    return dialog
