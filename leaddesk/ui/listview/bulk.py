"""Bulk actions on a selection of leads, for the list view and the board: one question, one core call,
one undo step.

Every action asks once, naming the count ("Move 37 leads to MQL?"), then makes ONE call of
``leaddesk.core.services.bulk`` (one transaction) and pushes ONE command on the board's undo
stack (the window's Undo). Deleting goes to the trash and reuses the board's ``TrashCommand``.
The small input dialogs (reason, owner, tag, date) are module functions, so a test can answer
them the way it answers ``ask_destructive``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QDate, QObject
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core.db import Database
from leaddesk.core.errors import LeadDeskError
from leaddesk.core.services.bulk import (
    BulkResult,
    backward_stages,
    bulk_move,
    bulk_set_follow_up,
    bulk_set_owner,
    bulk_tags,
    needs_reason,
    rename_tag,
    undo_bulk,
)
from leaddesk.core.services.query import LeadFilter, all_tags, distinct_values, tag_count
from leaddesk.core.services.trash import TRASH_DAYS, delete_leads
from leaddesk.core.stages import ALL_STAGES, Stage
from leaddesk.ui.dialogs import ReasonDialog, ask_destructive
from leaddesk.ui.i18n import error_text, stage_label
from leaddesk.ui.zone import to_local, zone_name

translate = QCoreApplication.translate  # literal calls below, so pyside6-lupdate finds every string

if TYPE_CHECKING:
    from leaddesk.ui.main_window import MainWindow


# --- small dialogs (module functions: tests answer them) -----------------------------------------
def ask_reason(parent: QWidget, label: str, from_stage: str, to_stage: str, count: int = 0) -> str | None:
    """The reason for Lost or a step back, asked once for the whole selection (None: cancelled);
    ``from_stage`` empty when the selection leaves different stages."""
    dialog = ReasonDialog(label, from_stage, to_stage, parent, count=count or None)
    return dialog.reason() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_choice(parent: QWidget, title: str, label: str, choices: list[str]) -> str | None:
    """A value picked from ``choices`` or typed (owner, tag); None when cancelled or empty."""
    text, ok = QInputDialog.getItem(parent, title, label, choices, 0, True)
    text = text.strip()
    return text if ok and text else None


# What :func:`ask_day` answers when the user chose "No follow-up" (None means cancelled).
NO_FOLLOW_UP = "none"


def ask_day(parent: QWidget) -> datetime | str | None:
    """A day on a calendar (default: tomorrow), returned as noon of that day in the user's zone;
    :data:`NO_FOLLOW_UP` to clear the follow-up; None when cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(translate("Bulk", "Set follow-up"))
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel(translate("Bulk", "Next follow-up on:"), dialog))
    calendar = QCalendarWidget(dialog)
    calendar.setSelectedDate(QDate.currentDate().addDays(1))
    layout.addWidget(calendar)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    clear = buttons.addButton(translate("Bulk", "No follow-up"), QDialogButtonBox.ButtonRole.ResetRole)
    clear.setObjectName("noFollowUp")
    clear.clicked.connect(lambda: dialog.done(CLEARED))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    answer = dialog.exec()
    if answer == CLEARED:
        return NO_FOLLOW_UP
    if answer != QDialog.DialogCode.Accepted:
        return None
    day = cast(date, calendar.selectedDate().toPython())  # PySide's stub says object
    from zoneinfo import ZoneInfo

    return datetime.combine(day, time(12), tzinfo=ZoneInfo(zone_name())).astimezone(UTC)


# The follow-up dialog's result code for "No follow-up" (beside Accepted = 1, Rejected = 0).
CLEARED = 2


# --- undo -------------------------------------------------------------------------------------------
class BulkCommand(QUndoCommand):
    """One bulk change as one undo step: undo takes all of it back, redo does it again."""

    def __init__(
        self,
        db: Database,
        text: str,
        result: BulkResult,
        again: Callable[[], BulkResult],
        report: Callable[[str], None],
    ) -> None:
        super().__init__(text)
        self._db = db
        self.result = result
        self.command_stack: QUndoStack | None = None
        self._again = again
        self._report = report
        self._skip_redo = True

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self._guard(lambda: self._done(self._again(), undone=False))

    def undo(self) -> None:
        self._guard(lambda: self._done(undo_bulk(self._db, self.result), undone=True))

    def _done(self, after: BulkResult, *, undone: bool) -> None:
        """The leads now have new versions: the nearest earlier (undo) or later (redo) bulk step
        of each lead will find these, not the ones it saved (as ``Board.hand_over`` for cards)."""
        if not undone:
            self.result = after
        stack = self.command_stack
        if stack is None:
            return
        commands = [stack.command(i) for i in range(stack.count())]
        at = next((i for i, c in enumerate(commands) if c is self), None)
        if at is None:
            return
        others = reversed(commands[:at]) if undone else commands[at + 1 :]
        waiting = set(after.versions)
        for other in others:
            if not waiting or not isinstance(other, BulkCommand):
                continue
            for lead_id in waiting & set(other.result.ids):
                other.result.versions[lead_id] = after.versions[lead_id]
            waiting -= set(other.result.ids)

    def _guard(self, fn: Callable[[], object]) -> None:
        try:
            fn()  # the change signal updates board and list
        except LeadDeskError as exc:
            self.setObsolete(True)
            self._report(error_text(exc))


class BulkActions(QObject):
    """The bulk actions of one main window; ``ids`` come from the list's or the board's selection."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.db = window.db
        self.stack = window.board.undo_stack

    def count_text(self, n: int) -> str:
        """ "37 leads" in the UI's language. Counted strings use ``self.tr``: only there does
        pyside6-lupdate mark them as plural forms (so English says "1 lead", "2 leads")."""
        return self.tr("%n lead(s)", "", n)

    # --- menu ---------------------------------------------------------------------------------
    def fill_menu(self, menu: QMenu, ids: Callable[[], list[int]]) -> None:
        """The bulk entries for the selection ``ids()`` (read when an entry is chosen)."""
        stages = menu.addMenu(translate("Bulk", "Move to stage"))
        stages.setObjectName("bulkStages")
        for stage in ALL_STAGES:
            action = stages.addAction(stage_label(stage))
            action.triggered.connect(lambda _c=False, s=stage.value: self.move(ids(), s))
        menu.addAction(translate("Bulk", "Set owner…")).triggered.connect(lambda: self.set_owner(ids()))
        menu.addAction(translate("Bulk", "Add tag…")).triggered.connect(
            lambda: self.change_tags(ids(), add=True)
        )
        menu.addAction(translate("Bulk", "Remove tag…")).triggered.connect(
            lambda: self.change_tags(ids(), add=False)
        )
        menu.addAction(translate("Bulk", "Set follow-up…")).triggered.connect(
            lambda: self.set_follow_up(ids())
        )
        menu.addAction(translate("Bulk", "Export selection…")).triggered.connect(lambda: self.export(ids()))
        menu.addSeparator()
        menu.addAction(translate("Bulk", "Delete selection…")).triggered.connect(lambda: self.delete(ids()))

    # --- actions --------------------------------------------------------------------------------
    def _push(self, text: str, result: BulkResult, again: Callable[[], BulkResult]) -> None:
        if not result.ids:
            self.window.statusBar().showMessage(
                translate("Bulk", "Nothing to change: the selected leads have that already."), 5000
            )
            return
        command = BulkCommand(self.db, text, result, again, self.window.show_error)
        command.command_stack = self.stack
        self.stack.push(command)
        self.window.statusBar().showMessage(text, 5000)

    def _run(self, fn: Callable[[], BulkResult]) -> BulkResult | None:
        try:
            return fn()
        except LeadDeskError as exc:
            self.window.show_error(error_text(exc))
            return None

    def move(self, ids: list[int], stage: str) -> BulkResult | None:
        """Move the selection to ``stage``: one question, a reason once if Lost or a step back."""
        n = len(ids)
        if not n:
            return None
        label = stage_label(stage)
        if not ask_destructive(
            self.window,
            translate("Bulk", "Change stage"),
            self.tr("Move %n lead(s) to %1?", "", n).replace("%1", label),
            self.tr("Move %n lead(s)", "", n),
        ):
            return None
        reason = ""
        if needs_reason(self.db, ids, stage):
            back_from = backward_stages(self.db, ids, stage) if stage != Stage.LOST else ()
            # Name the stage they leave only when they all leave the same one.
            leaving = back_from[0] if len(back_from) == 1 else ""
            answer = ask_reason(self.window, self.count_text(n), leaving, stage, n)
            if answer is None:
                return None
            reason = answer
        actor = self.window.board.actor

        def again() -> BulkResult:
            return bulk_move(self.db, ids, stage, reason=reason, actor=actor)

        result = self._run(again)
        if result is not None:
            self._push(
                self.tr("Move %n lead(s) to %1", "", result.count).replace("%1", label),
                result,
                again,
            )
        return result

    def set_owner(self, ids: list[int]) -> BulkResult | None:
        n = len(ids)
        if not n:
            return None
        owner = ask_choice(
            self.window,
            translate("Bulk", "Set owner"),
            self.tr("Owner of %n lead(s):", "", n),
            distinct_values(self.db, "owner"),
        )
        if owner is None or not ask_destructive(
            self.window,
            translate("Bulk", "Set owner"),
            self.tr("Give %n lead(s) to %1?", "", n).replace("%1", owner),
            self.tr("Set owner of %n lead(s)", "", n),
        ):
            return None

        def again() -> BulkResult:
            return bulk_set_owner(self.db, ids, owner)

        result = self._run(again)
        if result is not None:
            self._push(
                self.tr("Owner of %n lead(s): %1", "", result.count).replace("%1", owner),
                result,
                again,
            )
        return result

    def change_tags(self, ids: list[int], *, add: bool) -> BulkResult | None:
        n = len(ids)
        if not n:
            return None
        title = translate("Bulk", "Add tag") if add else translate("Bulk", "Remove tag")
        tag = ask_choice(self.window, title, translate("Bulk", "Tag:"), all_tags(self.db))
        if tag is None:
            return None
        question = (
            self.tr("Add the tag %1 to %n lead(s)?", "", n)
            if add
            else self.tr("Remove the tag %1 from %n lead(s)?", "", n)
        ).replace("%1", tag)
        if not ask_destructive(self.window, title, question, title):
            return None

        def again() -> BulkResult:
            return bulk_tags(self.db, ids, add=[tag] if add else [], remove=[] if add else [tag])

        result = self._run(again)
        if result is not None:
            text = (
                self.tr("Tag %1 added to %n lead(s)", "", result.count)
                if add
                else self.tr("Tag %1 removed from %n lead(s)", "", result.count)
            ).replace("%1", tag)
            self._push(text, result, again)
        return result

    def set_follow_up(self, ids: list[int]) -> BulkResult | None:
        n = len(ids)
        if not n:
            return None
        answer = ask_day(self.window)
        if answer is None:
            return None
        day = answer if isinstance(answer, datetime) else None
        if day is None:
            question = self.tr(
                "Clear the next follow-up of %n lead(s)? Each one's next open task is marked done.",
                "",
                n,
            )
            if not ask_destructive(
                self.window,
                translate("Bulk", "Clear follow-up"),
                question,
                translate("Bulk", "Clear follow-up"),
            ):
                return None
            done_text = self.tr("Follow-up of %n lead(s) cleared", "", n)
        else:
            shown = to_local(day).date()
            from PySide6.QtCore import QLocale

            day_text = QLocale().toString(
                QDate(shown.year, shown.month, shown.day), QLocale.FormatType.ShortFormat
            )
            if not ask_destructive(
                self.window,
                translate("Bulk", "Set follow-up"),
                self.tr("Set the next follow-up of %n lead(s) to %1?", "", n).replace("%1", day_text),
                translate("Bulk", "Set follow-up"),
            ):
                return None
            done_text = self.tr("Follow-up of %n lead(s) on %1", "", n).replace("%1", day_text)

        def again() -> BulkResult:
            return bulk_set_follow_up(self.db, ids, day)

        result = self._run(again)
        if result is not None:
            self._push(done_text, result, again)
        return result

    def rename_tag(self, old: str, new: str) -> BulkResult | None:
        """Rename a tag on every lead carrying it, after a question naming the count; one undo step."""
        n = tag_count(self.db, old)
        if not n:
            return None
        title = translate("Bulk", "Rename tag")
        question = self.tr("Rename the tag %1 to %2 on %n lead(s)?", "", n)
        if not ask_destructive(self.window, title, question.replace("%1", old).replace("%2", new), title):
            return None

        def again() -> BulkResult:
            return rename_tag(self.db, old, new)

        result = self._run(again)
        if result is not None:
            done = self.tr("Tag %1 renamed to %2 on %n lead(s)", "", result.count)
            self._push(done.replace("%1", old).replace("%2", new), result, again)
        return result

    def export(self, ids: list[int]) -> QWidget | None:
        """The export dialog for exactly these leads (its "current filter" is the selection)."""
        if not ids:
            return None
        from leaddesk.ui.imports.export import open_export_dialog

        return open_export_dialog(self.db, LeadFilter(ids=frozenset(ids)), self.window)

    def delete(self, ids: list[int]) -> list[int]:
        """Move the selection to the trash after asking; one Ctrl+Z brings all of it back."""
        from leaddesk.ui.board.commands import TrashCommand

        n = len(ids)
        if not n:
            return []
        if not ask_destructive(
            self.window,
            translate("Bulk", "Delete leads"),
            self.tr(
                "Move %n lead(s) to the trash? You can restore them from File → Trash for %1 days, or undo with Ctrl+Z.",  # noqa: E501
                "",
                n,
            ).replace("%1", str(TRASH_DAYS)),
            self.tr("Move %n lead(s) to trash", "", n),
        ):
            return []
        try:
            deleted = delete_leads(self.db, ids)
        except LeadDeskError as exc:
            self.window.show_error(error_text(exc))
            return []
        if deleted:
            self.stack.push(TrashCommand(self.window.board, deleted, self.count_text(len(deleted))))
        return deleted
