"""Quick entry ("Messe-Modus"): one business card after another, keyboard only.

Event and tags are set once for the fair day (kept in the database). Enter saves the card
and clears the form for the next one; closing with a typed card or a changed correction asks
Save / Discard / Cancel first; a possible duplicate is shown while typing (debounced)
with Open / Merge / Keep both. A card picture (file dialog or drag and drop) is read off the
UI thread — a QR contact exactly, else by OCR — and pre-fills the form for a person to
confirm; the picture is kept with the lead.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core.cardscan import CardResult
from leaddesk.core.db import Database
from leaddesk.core.dedupe import Match
from leaddesk.core.errors import (
    ConflictError,
    LeadDeskError,
    NotFoundError,
    ValidationError,
)
from leaddesk.core.services.capture import (
    FairSession,
    merge_card,
    plan_merge,
    save_card,
)
from leaddesk.core.services.leads import LeadView, get_lead, update_lead
from leaddesk.core.services.tasks import user_timezone
from leaddesk.core.validation import format_phone
from leaddesk.ui.capture.card_form import CardForm, one_line
from leaddesk.ui.capture.fair import FairDayBox
from leaddesk.ui.capture.panels import CardPicture, DuplicatePanel
from leaddesk.ui.capture.recent import RecentCards, RecentEntry
from leaddesk.ui.capture.watch import DuplicateWatch
from leaddesk.ui.dialogs import save_question
from leaddesk.ui.i18n import error_text
from leaddesk.ui.ops import operations

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".bmp", ".tif", ".tiff", ".gif"})


class QuickEntryWindow(QWidget):
    """The trade-fair form. ``open_lead`` shows a lead in the main window; without it, Open edits
    the lead here."""

    lead_saved = Signal(int)
    scan_finished = Signal()

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        open_lead: Callable[[int], None] | None = None,
        region_tz: str | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.db = db
        self._open_lead = open_lead
        self._tz = region_tz or user_timezone(db)
        self._editing: LeadView | None = None
        self._stash: dict[str, str] | None = None
        # The stash is a card put aside to correct another one, not one the person cleared with Esc.
        self._set_aside = False
        self._close_question: QMessageBox | None = None
        self._ops = operations(db)

        self.setWindowTitle(self.tr("Quick entry — LeadDesk"))
        self.setAcceptDrops(True)
        self.setStyleSheet(
            "QLineEdit[state='error'] { border: 1px solid #c0392b; }"
            "QLineEdit[state='warning'] { border: 1px solid #d68910; }"
            "QFrame#duplicates { background: #fff4e0; border: 1px solid #e0a040; border-radius: 4px; }"
            "QLabel#message[kind='error'] { color: #b03a2e; }"
            "QLabel#message[kind='warning'] { color: #9a6400; }"
            "QLabel#editBanner { background: #e8f0fe; padding: 4px; border-radius: 3px; }"
        )
        self._build()
        self.resize(1100, 760)

    # --- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        root = QVBoxLayout(self)

        self.fair_box = FairDayBox(self.db, self._tz)
        self.fair_box.entered.connect(lambda: self.fields["first_name"].setFocus())
        self.source_edit, self.count_label = self.fair_box.source_edit, self.fair_box.count_label
        root.addWidget(self.fair_box)

        middle = QHBoxLayout()
        root.addLayout(middle, 0)

        self.card = CardForm()
        self.card.submitted.connect(self.save_and_next)
        self.card.identity_edited.connect(lambda: self.watch.schedule())
        self.card.save_button.clicked.connect(self.save_and_next)
        self.card.clear_button.clicked.connect(self.clear_or_cancel)
        self.card.restore_button.clicked.connect(self.restore_cleared)
        middle.addWidget(self.card, 3)

        self.picture = CardPicture(self._ops)
        self.picture.finished.connect(self._on_scan_finished)
        self.picture.failed.connect(lambda _kind, _detail: self.scan_finished.emit())  # the panel says why
        self.picture.scan_button.clicked.connect(self.choose_image)
        self.picture.remove_button.clicked.connect(self.remove_image)
        middle.addWidget(self.picture, 2)

        self.duplicates = DuplicatePanel()
        self.duplicates.open_button.clicked.connect(self.open_match)
        self.duplicates.merge_button.clicked.connect(self.merge_match)
        self.duplicates.keep_button.clicked.connect(self.keep_both)
        root.addWidget(self.duplicates)
        self.watch: DuplicateWatch = DuplicateWatch(self.db, self._ops, self.duplicates, self._card_now, self)

        recent = RecentCards()
        self.recent_model, self.recent_view = recent.model, recent.view
        self.recent_view.activated.connect(self._edit_recent)
        root.addWidget(recent, 1)

        order = [self.source_edit, self.fair_box.tags_edit, *self.fields.values(), self.recent_view]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

        def shortcut(keys: str | QKeySequence.StandardKey, slot: Callable[[], object]) -> None:
            sc = QShortcut(QKeySequence(keys), self)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            sc.activated.connect(slot)

        shortcut("Ctrl+O", self.choose_image)
        shortcut("Ctrl+Return", self.save_and_next)
        shortcut("Esc", self.clear_or_cancel)
        shortcut("Alt+O", self.open_match)
        shortcut("Alt+M", self.merge_match)
        shortcut("Alt+K", self.keep_both)
        shortcut("Alt+R", self.restore_cleared)
        shortcut("Ctrl+L", lambda: self.recent_view.setFocus())

    # --- form values ----------------------------------------------------------------------

    def values(self) -> dict[str, str]:
        """The card as typed (trimmed), with a salutation or title read from a picture."""
        return self.card.values()

    def set_values(self, values: dict[str, str], *, only_empty: bool = False) -> list[str]:
        """Fill the form; returns the fields left as they were because the person had typed there."""
        kept = self.card.fill(values, only_empty=only_empty)
        self.watch.schedule()
        return kept

    @property
    def fields(self) -> dict[str, QLineEdit]:
        """The card's line edits by field name."""
        return self.card.fields

    def fair(self) -> FairSession:
        """Event and tags every card gets."""
        return self.fair_box.fair()

    def _card_now(self) -> tuple[int, dict[str, str]]:
        """What the duplicate check looks at: the lead being corrected (0: a new card), the values."""
        return (self._editing.id if self._editing else 0), self.values()

    # --- duplicates -----------------------------------------------------------------------

    def check_duplicates(self) -> list[Match]:
        """Look for the lead being typed among existing leads now and show what was found."""
        return self.watch.check_now()

    def open_match(self) -> None:
        match = self.watch.selected()
        if match is None:
            return
        if self._open_lead is not None:
            self._open_lead(match.lead_id)
            return
        self.edit_lead(match.lead_id)

    def keep_both(self) -> None:
        if not self.watch.matches or self._editing is not None:
            return
        self.watch.acknowledge()
        self.save_and_next()

    def merge_match(self) -> None:
        match = self.watch.selected()
        if match is None or self._editing is not None:
            return
        try:
            existing = get_lead(self.db, match.lead_id)
            plan = plan_merge(existing, self.values())
        except ValidationError as exc:
            self.card.show_validation(exc)
            return
        except NotFoundError:
            self.check_duplicates()
            return
        overwrite: frozenset[str] = frozenset()
        if plan.conflicts:
            chosen = self.duplicates.ask_conflicts(
                existing.display_name, plan.conflicts, self.card.field_label
            )
            if chosen is None:
                return
            overwrite = chosen
        try:
            lead, plan = merge_card(
                self.db,
                existing.id,
                self.values(),
                self.fair(),
                expected_version=existing.version,
                overwrite=overwrite,
                image=self.picture.image,
            )
        except (ValidationError, ConflictError) as exc:
            self.card.show_error(exc)
            return
        filled = ", ".join(self.card.field_label(k) for k in plan.fills) or self.tr("nothing new")
        self._after_save(lead, "merged")
        self.card.show_message(
            self.tr("Merged into %1 (filled: %2).").replace("%1", lead.display_name).replace("%2", filled)
        )

    # --- saving ---------------------------------------------------------------------------

    def save_and_next(self) -> bool:
        """Enter: save this card (or the correction) and clear the form for the next one.

        True when saved, so closing with Save closes only if nothing typed was lost.
        """
        if self.watch.stale():
            self.check_duplicates()
        if self._editing is not None:
            return self._save_edit()
        if not any(self.values().values()):
            self.fields["first_name"].setFocus()
            return False
        if self.picture.reading_now and self.picture.image is None:
            # The picture is re-encoded first (well under a second); saving now would lose it.
            self.card.show_message(
                self.tr("The card picture is still being prepared; press Enter again in a moment.")
            )
            return False
        unresolved = self.watch.unresolved()
        if unresolved:
            self.card.show_message(
                self.tr(
                    "This card may already be a lead. "
                    "Choose Merge (Alt+M), Keep both (Alt+K) or Open (Alt+O)."
                ),
                "warning",
            )
            return False
        try:
            from leaddesk.core.people import default_owner

            values = self.values()  # a card taken here is owned by who is working (core/who.py)
            values["owner"] = values.get("owner") or default_owner(self.db)
            lead, warnings = save_card(self.db, values, self.fair(), image=self.picture.image)
        except ValidationError as exc:
            self.card.show_validation(exc)
            return False
        except LeadDeskError as exc:
            self.card.show_error(exc)
            return False
        self._after_save(lead, "new")
        if warnings:
            fields = ", ".join(self.card.field_label(k) for k in warnings)
            self.card.show_message(
                self.tr("Saved %1 — %2 could not be read as a phone number and was kept as typed.")
                .replace("%1", lead.display_name)
                .replace("%2", fields),
                "warning",
            )
        else:
            self.card.show_message(self.tr("Saved %1.").replace("%1", lead.display_name))
        return True

    def _correction_changes(self) -> dict[str, str]:
        """What the person changed in the lead being corrected (empty when not correcting)."""
        lead = self._editing
        if lead is None:
            return {}
        return {k: v for k, v in self.values().items() if v != one_line(str(getattr(lead, k) or ""))}

    def _save_edit(self) -> bool:
        assert self._editing is not None
        lead = self._editing
        changes = self._correction_changes()
        if not changes:
            self.cancel_edit()
            return True
        try:
            saved, warnings = update_lead(self.db, lead.id, changes, expected_version=lead.version)
        except ValidationError as exc:
            self.card.show_validation(exc)
            return False
        except (ConflictError, NotFoundError) as exc:
            self.card.show_error(exc)
            return False
        self._editing = None
        self.card.edit_banner.hide()
        self.recent_model.put(RecentEntry(saved, "edited", saved.updated_at))
        self.lead_saved.emit(saved.id)
        self._reset_form()
        if self._stash:  # the card put aside for this correction is offered back, as on Esc
            self.card.restore_button.show()
        self.card.show_message(
            self.tr("Corrected %1.").replace("%1", saved.display_name), "warning" if warnings else "info"
        )
        return True

    def _after_save(self, lead: LeadView, action: str) -> None:
        self.recent_model.put(RecentEntry(lead, action, lead.updated_at))
        self.recent_view.scrollToTop()
        self.lead_saved.emit(lead.id)
        self._reset_form()
        self.fair_box.counted(lead, action)

    def _reset_form(self) -> None:
        self.card.clear()
        self.watch.reset()
        self.remove_image()
        self.card.restore_button.hide()
        self.fields["first_name"].setFocus()

    # --- clearing, correcting -------------------------------------------------------------

    def _stash_form(self, *, set_aside: bool = False) -> None:
        """Keep the typed card for Alt+R; ``set_aside`` when a correction, not Esc, cleared it."""
        values = self.values()
        if any(values.values()):
            self._stash = values
            self._set_aside = set_aside

    def clear_or_cancel(self) -> None:
        """Esc: leave a correction, else clear the card (Alt+R brings it back)."""
        if self._editing is not None:
            self.cancel_edit()
            return
        self._stash_form()
        self._reset_form()
        if self._stash:
            self.card.restore_button.show()
            self.card.show_message(self.tr("Card cleared. Alt+R restores it."))

    def restore_cleared(self) -> None:
        if not self._stash or self._editing is not None:
            return
        self.set_values(self._stash)
        self._stash = None
        self.card.restore_button.hide()
        self.card.show_message("")
        self.fields["first_name"].setFocus()

    def _edit_recent(self, index: QModelIndex) -> None:
        self.edit_lead(self.recent_model.entry(index.row()).lead.id)

    def edit_lead(self, lead_id: int) -> None:
        """Load a lead into the form; Enter saves the correction with its version (no lost updates)."""
        try:
            lead = get_lead(self.db, lead_id)
        except NotFoundError as exc:
            self.card.show_error(exc)
            return
        if self._editing is None:  # the half-typed card comes back with Alt+R after the correction
            self._stash_form(set_aside=True)
        self._reset_form()
        self._editing = lead
        self.set_values({k: str(getattr(lead, k) or "") for k in self.fields})
        self.card.edit_banner.setText(
            self.tr("Correcting %1 — Enter saves the change, Esc cancels.").replace("%1", lead.display_name)
        )
        self.card.edit_banner.show()
        self.check_duplicates()
        self.fields["first_name"].setFocus()
        self.fields["first_name"].selectAll()

    def cancel_edit(self) -> None:
        self._editing = None
        self.card.edit_banner.hide()
        self._reset_form()
        if self._stash:
            self.card.restore_button.show()
        self.card.show_message("")

    # --- card pictures --------------------------------------------------------------------

    def choose_image(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Read business card"),
            str(Path.home()),
            self.tr("Images (%1)").replace("%1", " ".join(f"*{s}" for s in sorted(IMAGE_SUFFIXES))),
        )
        if path:
            self.scan_file(Path(path))

    def scan_file(self, path: Path) -> None:
        """Read a card picture in the background; the form is filled when it is done."""
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.card.show_message(
                self.tr("Cannot open %1: %2").replace("%1", path.name).replace("%2", exc.strerror or ""),
                "error",
            )
            return
        if self._editing is not None:
            self.cancel_edit()  # a picture starts a new card
        pixmap = QPixmap()
        if not pixmap.loadFromData(data):
            self.card.show_message(
                self.tr("%1 is not a picture LeadDesk can read.").replace("%1", path.name), "error"
            )
            return
        self.card.show_message("")  # the last card's message does not belong to this one
        self.picture.start(data, path.name, pixmap)

    def remove_image(self) -> None:
        self.picture.clear()  # a result still on its way is for a card that is gone

    def _on_scan_finished(self, result: CardResult) -> None:
        shown = {k: format_phone(v) if k in ("phone", "mobile") else v for k, v in result.fields.items()}
        kept = self.set_values(shown, only_empty=True) if shown else []
        self.picture.show_result(result, [self.card.field_label(k) for k in kept])
        self.fields["first_name"].setFocus()
        self.fields["first_name"].selectAll()
        self.check_duplicates()
        self.scan_finished.emit()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if any(Path(u.toLocalFile()).suffix.lower() in IMAGE_SUFFIXES for u in urls if u.isLocalFile()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            path = Path(url.toLocalFile())
            if url.isLocalFile() and path.suffix.lower() in IMAGE_SUFFIXES:
                event.acceptProposedAction()
                self.scan_file(path)
                return
        event.ignore()

    # --- closing --------------------------------------------------------------------------

    def discard(self) -> None:
        """The close question's Discard: drop the typed card, the correction and a card set aside."""
        self._editing = None
        self.card.edit_banner.hide()
        self._stash = None
        self._set_aside = False
        self._reset_form()
        self.card.show_message("")

    def _nothing_to_lose(self) -> bool:
        """Tidy what closing loses nothing of; True when the form is then empty and not correcting."""
        if self._editing is not None and not self._correction_changes():
            self.cancel_edit()
        if self._editing is None and not any(self.values().values()) and self._stash and self._set_aside:
            self.restore_cleared()  # put aside for a correction, never cleared on purpose: still unsaved
        return self._editing is None and not any(self.values().values())

    def close_box(self) -> QMessageBox:
        """The Save / Discard / Cancel question, worded for a correction or a new card."""
        if self._editing is not None:
            text = self.tr("Save your correction to %1?").replace("%1", self._editing.display_name)
        else:
            text = self.tr("Save the card you typed?")
        return save_question(self, self.tr("Unsaved changes"), text)

    def maybe_close(self, then: Callable[[], object] | None = None) -> bool:
        """True when closing loses nothing typed. Otherwise ask (window-modal, so nothing blocks) and
        return False; once the answer is Discard, or Save worked, the window closes and ``then`` runs
        (the main window passes its own close, so quitting carries on)."""
        if self._close_question is not None:
            self._close_question.raise_()
            self._close_question.activateWindow()
            return False
        if self._nothing_to_lose():
            return True
        if self.isMinimized():
            self.showNormal()
        self.raise_()
        self.activateWindow()
        box = self.close_box()
        box.finished.connect(lambda _result: self._close_answered(box, then))
        self._close_question = box
        box.open()
        return False

    def _close_answered(self, box: QMessageBox, then: Callable[[], object] | None) -> None:
        """Act on the answer; after Save or Discard ask again if more is unsaved (a card set aside)."""
        self._close_question = None
        box.deleteLater()
        answer = box.standardButton(box.clickedButton())
        if answer == QMessageBox.StandardButton.Save:
            if not self.save_and_next():
                return  # the form says why (a missing name, a possible duplicate); nothing is lost
        elif answer == QMessageBox.StandardButton.Discard:
            self.discard()
        else:
            return
        if self.maybe_close(then) and self.close() and then is not None:
            then()

    def closeEvent(self, event: Any) -> None:
        if not self.maybe_close():
            event.ignore()
            return
        self.fair_box.store()
        self.picture.forget()  # a card still being read belongs to no card any more
        super().closeEvent(event)


def open_quick_entry(db: Database, parent: QWidget | None = None, **kwargs: Any) -> QuickEntryWindow:
    """Factory for the main window's "Quick entry" action: shown non-modally, returned for tests."""
    window = QuickEntryWindow(db, parent, **kwargs)
    window.show()
    # A new fair day starts at the event field; otherwise straight to the first card.
    (window.fields["first_name"] if window.source_edit.text() else window.source_edit).setFocus()
    return window


def run_standalone(data_dir: str | Path | None = None) -> int:
    """``leaddesk quick-entry``: the trade-fair laptop runs only this window, on the same database."""
    import sys

    from PySide6.QtWidgets import QApplication

    from leaddesk import APP_NAME

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    try:
        db = Database.open_data_dir(data_dir)
    except LeadDeskError as exc:
        QMessageBox.critical(None, APP_NAME, error_text(exc))
        return 1
    window = open_quick_entry(db)
    window.resize(1280, 800)
    try:
        return app.exec()
    finally:
        db.close()
