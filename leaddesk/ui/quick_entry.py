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
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core.cardscan import CardImage, CardResult, OcrUnavailable, scan_card, stored_image
from leaddesk.core.db import Database
from leaddesk.core.dedupe import Match, find_matches
from leaddesk.core.errors import (
    NEEDS_NAME_OR_COMPANY,
    ConflictError,
    LeadDeskError,
    NotFoundError,
    ValidationError,
)
from leaddesk.core.services.capture import (
    FairSession,
    MergePlan,
    count_since_midnight,
    load_session,
    merge_card,
    plan_merge,
    save_card,
    save_session,
)
from leaddesk.core.services.leads import LeadView, get_lead, update_lead
from leaddesk.core.services.query import distinct_values
from leaddesk.core.services.tasks import user_timezone
from leaddesk.core.validation import check_email, format_phone, normalize_phone
from leaddesk.ui.dialogs import save_question
from leaddesk.ui.i18n import error_text
from leaddesk.ui.ops import operations
from leaddesk.ui.zone import to_local

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".bmp", ".tif", ".tiff", ".gif"})
DUPLICATE_DELAY_MS = 150
RECENT_LIMIT = 50
#: Fields that identify a person; typing in them re-checks for duplicates.
IDENTITY_FIELDS = ("first_name", "last_name", "company", "email", "phone", "mobile")


def _one_line(text: str) -> str:
    """Multi-line values (notes) shown in a one-line field; unchanged text is not written back."""
    return " · ".join(part.strip() for part in text.splitlines() if part.strip()) if "\n" in text else text


# --- the recent entries list ------------------------------------------------------------------


@dataclass(frozen=True)
class RecentEntry:
    lead: LeadView
    action: str  # "new", "merged", "edited"
    at: datetime


class RecentModel(QAbstractTableModel):
    """The cards captured in this session, newest first; plain values, no session objects."""

    LeadIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RecentEntry] = []

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Time"),
            self.tr("Name"),
            self.tr("Company"),
            self.tr("Email"),
            self.tr("Phone"),
            self.tr("Saved as"),
        )

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        entry = self._rows[index.row()]
        if role == self.LeadIdRole:
            return entry.lead.id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        lead = entry.lead
        column = index.column()
        if column == 0:
            return QLocale().toString(to_local(entry.at).time(), QLocale.FormatType.ShortFormat)
        if column == 1:
            return lead.name
        if column == 2:
            return lead.company
        if column == 3:
            return lead.email
        if column == 4:
            return format_phone(lead.phone or lead.mobile)
        return {"new": self.tr("new lead"), "merged": self.tr("merged"), "edited": self.tr("corrected")}.get(
            entry.action, entry.action
        )

    def entry(self, row: int) -> RecentEntry:
        return self._rows[row]

    def put(self, entry: RecentEntry) -> None:
        """Add a saved card at the top. A correction refreshes its row in place; a card merged
        into a lead already listed moves that row to the top."""
        for row, old in enumerate(self._rows):
            if old.lead.id != entry.lead.id:
                continue
            if entry.action == "edited":
                self._rows[row] = RecentEntry(entry.lead, old.action, old.at)
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
                return
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()
            break
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._rows.insert(0, entry)
        self.endInsertRows()
        if len(self._rows) > RECENT_LIMIT:
            self.beginRemoveRows(QModelIndex(), RECENT_LIMIT, len(self._rows) - 1)
            del self._rows[RECENT_LIMIT:]
            self.endRemoveRows()


# --- reading a card off the UI thread ---------------------------------------------------------


class _CheckSignals(QObject):
    done = Signal(object, object)  # check key, list[Match]


class _CheckJob:
    """One duplicate look-up while the person types (read lane), so a slow query never stalls typing."""

    def __init__(
        self, db: Database, key: tuple[Any, ...], values: dict[str, str], signals: _CheckSignals
    ) -> None:
        self.db, self.key, self.values, self.signals = db, key, values, signals

    def run(self) -> None:
        exclude = {self.key[0]} if self.key[0] else set()
        try:
            matches = find_matches(self.db, self.values, exclude_ids=exclude, limit=5)
        except Exception:  # the check is a hint; Enter checks again on the UI thread and reports errors
            matches = None
        self.signals.done.emit(self.key, matches)


class _ScanSignals(QObject):
    image_ready = Signal(int, object)  # token, CardImage
    finished = Signal(int, object)  # token, CardResult
    failed = Signal(int, str, object)  # token, kind ("ocr_missing" / "error"), packages or message


class _ScanJob:
    """Re-encodes the picture for storage, then reads it (QR, else OCR), on the read lane.

    Never touches widgets: it reports through ``signals`` (two steps: the stored image, then the
    fields read), which arrive queued on the GUI thread.
    """

    def __init__(self, token: int, data: bytes, file_name: str, signals: _ScanSignals) -> None:
        self.token = token
        self.data = data
        self.file_name = file_name
        self.signals = signals

    def run(self) -> None:
        try:
            self.signals.image_ready.emit(self.token, stored_image(self.data, self.file_name))
            result = scan_card(self.data)
        except OcrUnavailable as exc:
            self.signals.failed.emit(self.token, "ocr_missing", exc.packages)
        except Exception as exc:  # a broken image file: report it, never crash the window
            self.signals.failed.emit(self.token, "error", error_text(exc))
        else:
            self.signals.finished.emit(self.token, result)


# --- the window -------------------------------------------------------------------------------


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
        self._fair = load_session(db)
        self._session_count = 0
        self._today_count = 0
        self._editing: LeadView | None = None
        self._matches: list[Match] = []
        self._checked: tuple[Any, ...] = ()
        self._acknowledged: set[int] = set()
        self._pending_image: CardImage | None = None
        self._scan_token = 0
        self._scanning = False
        self._stash: dict[str, str] | None = None
        #: The stash is a card put aside to correct another one, not one the person cleared with Esc.
        self._set_aside = False
        self._close_question: QMessageBox | None = None
        self._ops = operations(db)
        self._signals = _ScanSignals(self)
        self._signals.image_ready.connect(self._on_image_ready)
        self._signals.finished.connect(self._on_scan_finished)
        self._signals.failed.connect(self._on_scan_failed)
        self._dup_timer = QTimer(self)
        self._dup_timer.setSingleShot(True)
        self._dup_timer.setInterval(DUPLICATE_DELAY_MS)
        self._dup_timer.timeout.connect(self._check_in_background)
        self._check_signals = _CheckSignals(self)
        self._check_signals.done.connect(self._on_check_done)

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
        self._restore_fair()
        self._refresh_count()
        self.resize(1100, 760)

    # --- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        root = QVBoxLayout(self)

        fair_box = QGroupBox(self.tr("Fair day (kept for every card)"))
        fair_row = QHBoxLayout(fair_box)
        self.source_edit = QLineEdit()
        self.source_edit.setPlaceholderText(self.tr("e.g. Messe Stuttgart 2026"))
        completer = QCompleter(distinct_values(self.db, "source"), self.source_edit)
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
        fair_row.addWidget(source_label)
        fair_row.addWidget(self.source_edit, 3)
        fair_row.addWidget(tags_label)
        fair_row.addWidget(self.tags_edit, 3)
        fair_row.addSpacing(12)
        fair_row.addWidget(self.count_label, 2)
        root.addWidget(fair_box)

        middle = QHBoxLayout()
        root.addLayout(middle, 0)

        card_box = QGroupBox(self.tr("Card"))
        card_layout = QVBoxLayout(card_box)
        self.edit_banner = QLabel()
        self.edit_banner.setObjectName("editBanner")
        self.edit_banner.hide()
        card_layout.addWidget(self.edit_banner)
        grid = QGridLayout()
        card_layout.addLayout(grid)
        self.fields: dict[str, QLineEdit] = {}
        self._name_prefix: dict[str, str] = {}
        specs = [
            ("first_name", self.tr("&First name:"), 0, 0),
            ("last_name", self.tr("&Last name:"), 0, 2),
            ("company", self.tr("&Company:"), 1, 0),
            ("title", self.tr("&Job title:"), 1, 2),
            ("email", self.tr("&E-mail:"), 2, 0),
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
            edit.returnPressed.connect(self.save_and_next)
            if key in IDENTITY_FIELDS:
                edit.textEdited.connect(self._schedule_duplicate_check)
        self.fields["email"].setPlaceholderText("name@firma.de")
        self.fields["phone"].setPlaceholderText("0711 1234567")
        self.fields["mobile"].setPlaceholderText("0171 2345678")
        self.fields["country"].setPlaceholderText("DE")
        self.fields["notes"].setPlaceholderText(self.tr("interested in …, call back after the fair"))
        for key in ("phone", "mobile", "email"):
            self.fields[key].editingFinished.connect(lambda k=key: self._check_field(k))
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
        self.save_button.clicked.connect(self.save_and_next)
        self.clear_button = QPushButton(self.tr("Clear (Esc)"))
        self.clear_button.clicked.connect(self.clear_or_cancel)
        self.restore_button = QPushButton(self.tr("Restore cleared card (Alt+R)"))
        self.restore_button.clicked.connect(self.restore_cleared)
        self.restore_button.hide()
        for button in (self.save_button, self.clear_button, self.restore_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        card_layout.addLayout(buttons)
        middle.addWidget(card_box, 3)

        image_box = QGroupBox(self.tr("Card picture"))
        image_layout = QVBoxLayout(image_box)
        self.preview = QLabel(self.tr("Drop a photo or scan of the card here\nor press Ctrl+O"))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(QSize(300, 190))
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview.setStyleSheet("color: palette(mid);")
        image_layout.addWidget(self.preview, 1)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(8)
        self.busy.hide()
        self.scan_status = QLabel()
        self.scan_status.setWordWrap(True)
        image_buttons = QHBoxLayout()
        self.scan_button = QPushButton(self.tr("Read card picture… (Ctrl+O)"))
        self.scan_button.clicked.connect(self.choose_image)
        self.remove_image_button = QPushButton(self.tr("Remove picture"))
        self.remove_image_button.clicked.connect(self.remove_image)
        self.remove_image_button.setEnabled(False)
        for button in (self.scan_button, self.remove_image_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        image_buttons.addWidget(self.scan_button)
        image_buttons.addWidget(self.remove_image_button)
        image_layout.addWidget(self.busy)
        image_layout.addWidget(self.scan_status)
        image_layout.addLayout(image_buttons)
        middle.addWidget(image_box, 2)

        self.duplicates = QFrame()
        self.duplicates.setObjectName("duplicates")
        dup_layout = QVBoxLayout(self.duplicates)
        self.dup_title = QLabel()
        self.dup_list = QListWidget()
        self.dup_list.setMaximumHeight(72)
        self.dup_list.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        dup_buttons = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Open existing (Alt+O)"))
        self.merge_button = QPushButton(self.tr("Merge into existing (Alt+M)"))
        self.keep_button = QPushButton(self.tr("Keep both (Alt+K)"))
        self.open_button.clicked.connect(self.open_match)
        self.merge_button.clicked.connect(self.merge_match)
        self.keep_button.clicked.connect(self.keep_both)
        for button in (self.open_button, self.merge_button, self.keep_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            dup_buttons.addWidget(button)
        dup_buttons.addStretch(1)
        dup_layout.addWidget(self.dup_title)
        dup_layout.addWidget(self.dup_list)
        dup_layout.addLayout(dup_buttons)
        self.duplicates.hide()
        root.addWidget(self.duplicates)

        recent_box = QGroupBox(self.tr("Last cards (select and press Enter to correct)"))
        recent_layout = QVBoxLayout(recent_box)
        self.recent_model = RecentModel(self)
        self.recent_view = QTableView()
        self.recent_view.setModel(self.recent_model)
        self.recent_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.recent_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.recent_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.recent_view.verticalHeader().hide()
        self.recent_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.recent_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # The time column is sized for the widest local time, not to its contents (which start empty).
        self.recent_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        sample = QLocale().toString(datetime(2026, 1, 1, 23, 59).time(), QLocale.FormatType.ShortFormat)
        self.recent_view.horizontalHeader().resizeSection(
            0, self.fontMetrics().horizontalAdvance(sample + "MM") + 12
        )
        self.recent_view.activated.connect(self._edit_recent)
        recent_layout.addWidget(self.recent_view)
        root.addWidget(recent_box, 1)

        order = [self.source_edit, self.tags_edit, *self.fields.values(), self.recent_view]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.source_edit.returnPressed.connect(self._fair_entered)
        self.tags_edit.returnPressed.connect(self._fair_entered)
        self.source_edit.editingFinished.connect(self._store_fair)
        self.tags_edit.editingFinished.connect(self._store_fair)
        self.source_edit.editingFinished.connect(self._refresh_count)

        def shortcut(keys: str | QKeySequence.StandardKey, slot: Callable[[], None]) -> None:
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

    # --- fair day -------------------------------------------------------------------------

    def _restore_fair(self) -> None:
        self.source_edit.setText(self._fair.source)
        self.tags_edit.setText(self._fair.tags.replace(",", ", "))

    def _store_fair(self) -> None:
        fair = FairSession(self.source_edit.text(), self.tags_edit.text())
        if fair.source.strip() != self._fair.source or fair.tags != self._fair.tags.replace(",", ", "):
            self._fair = save_session(self.db, fair)

    def _fair_entered(self) -> None:
        self._store_fair()
        self.fields["first_name"].setFocus()

    def fair(self) -> FairSession:
        self._store_fair()
        return self._fair

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

    # --- form values ----------------------------------------------------------------------

    def values(self) -> dict[str, str]:
        typed = {key: edit.text().strip() for key, edit in self.fields.items()}
        # Anrede and academic title read from a card: no field of their own here (the editor has them).
        return typed | {k: v for k, v in self._name_prefix.items() if v}

    def set_values(self, values: dict[str, str], *, only_empty: bool = False) -> list[str]:
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
                edit.setText(_one_line(new))
        self._schedule_duplicate_check()
        return kept

    def _set_state(self, edit: QLineEdit, state: str) -> None:
        edit.setProperty("state", state)
        edit.style().unpolish(edit)
        edit.style().polish(edit)

    def _show_message(self, text: str, kind: str = "info") -> None:
        self.message.setProperty("kind", kind)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)

    def _check_field(self, key: str) -> None:
        """Inline hints while typing; a phone that cannot be read is a warning, never a block."""
        edit = self.fields[key]
        text = edit.text().strip()
        if key == "email":
            try:
                check_email(text)
            except ValueError:
                self._set_state(edit, "error")
                edit.setToolTip(self.tr("This is not a valid e-mail address."))
                self._show_message(self.tr("The e-mail address looks wrong; please check it."), "error")
                return
        else:
            result = normalize_phone(text)
            if result.warning:
                self._set_state(edit, "warning")
                edit.setToolTip(self.tr("Cannot read this as a phone number; it is saved as typed."))
                self._show_message(
                    self.tr("%1 cannot be read as a phone number; it will be saved as typed.").replace(
                        "%1", text
                    ),
                    "warning",
                )
                return
        self._set_state(edit, "")
        edit.setToolTip("")

    def _clear_states(self) -> None:
        for edit in self.fields.values():
            if edit.property("state"):
                self._set_state(edit, "")
            edit.setToolTip("")

    # --- duplicates -----------------------------------------------------------------------

    def _schedule_duplicate_check(self) -> None:
        self._dup_timer.start()

    def _check_key(self) -> tuple[Any, ...]:
        values = self.values()
        return (self._editing.id if self._editing else 0, *(values[k] for k in IDENTITY_FIELDS))

    def _check_in_background(self) -> None:
        key = self._check_key()
        if key == self._checked:
            return
        if not any(key[1:]):
            self._show_matches(key, [])
            return
        job = _CheckJob(self.db, key, self.values(), self._check_signals)
        self._ops.read(lambda _op: job.run(), owner=self)

    def _on_check_done(self, key: tuple[Any, ...], matches: list[Match] | None) -> None:
        if matches is not None and key == self._check_key():  # drop answers for text typed over since
            self._show_matches(key, matches)

    def check_duplicates(self) -> list[Match]:
        """Look for the lead being typed among existing leads now and show what was found."""
        self._dup_timer.stop()
        key = self._check_key()
        values = self.values()
        if not any(values.get(k) for k in IDENTITY_FIELDS):
            matches: list[Match] = []
        else:
            exclude = {self._editing.id} if self._editing else set()
            matches = find_matches(self.db, values, exclude_ids=exclude, limit=5)
        self._show_matches(key, matches)
        return matches

    def _show_matches(self, key: tuple[Any, ...], matches: list[Match]) -> None:
        self._checked = key
        self._matches = matches
        self.dup_list.clear()
        reasons = {
            "email": self.tr("same e-mail address"),
            "phone": self.tr("same phone number"),
            "name": self.tr("similar name and company"),
        }
        for match in matches:
            reason = reasons.get(match.reason, match.reason)
            if match.reason == "name":
                reason += f" ({match.score:.0f} %)"
            item = QListWidgetItem(f"{match.display}  —  {reason}")
            item.setData(Qt.ItemDataRole.UserRole, match.lead_id)
            self.dup_list.addItem(item)
        if matches:
            self.dup_list.setCurrentRow(0)
            strong = any(m.strong for m in matches)
            self.dup_title.setText(
                self.tr("<b>Possible duplicate</b> — this card may already be a lead:")
                if strong
                else self.tr("<b>Similar lead</b> — check before saving:")
            )
        self.duplicates.setVisible(bool(matches))
        self.open_button.setEnabled(bool(matches))
        self.merge_button.setEnabled(bool(matches) and self._editing is None)
        self.keep_button.setEnabled(bool(matches) and self._editing is None)

    def _unresolved(self) -> list[Match]:
        return [m for m in self._matches if m.strong and m.lead_id not in self._acknowledged]

    def _selected_match(self) -> Match | None:
        if not self._matches or not self.duplicates.isVisible():
            return None
        row = max(self.dup_list.currentRow(), 0)
        return self._matches[row] if row < len(self._matches) else self._matches[0]

    def open_match(self) -> None:
        match = self._selected_match()
        if match is None:
            return
        if self._open_lead is not None:
            self._open_lead(match.lead_id)
            return
        self.edit_lead(match.lead_id)

    def keep_both(self) -> None:
        if not self._matches or self._editing is not None:
            return
        self._acknowledged.update(m.lead_id for m in self._matches)
        self.save_and_next()

    def merge_match(self) -> None:
        match = self._selected_match()
        if match is None or self._editing is not None:
            return
        try:
            existing = get_lead(self.db, match.lead_id)
            plan = plan_merge(existing, self.values())
        except ValidationError as exc:
            self._show_validation(exc)
            return
        except NotFoundError:
            self.check_duplicates()
            return
        overwrite: frozenset[str] = frozenset()
        if plan.conflicts:
            chosen = self.ask_conflicts(existing, plan)
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
                image=self._pending_image,
            )
        except (ValidationError, ConflictError) as exc:
            self._show_error(exc)
            return
        filled = ", ".join(self._field_label(k) for k in plan.fills) or self.tr("nothing new")
        self._after_save(lead, "merged")
        self._show_message(
            self.tr("Merged into %1 (filled: %2).").replace("%1", lead.display_name).replace("%2", filled)
        )

    def ask_conflicts(self, existing: LeadView, plan: MergePlan) -> frozenset[str] | None:
        """Where the card and the lead disagree, the person decides; None cancels the merge."""
        lines = "\n".join(
            f"{self._field_label(k)}: {old}  →  {new}"
            for k, (old, new) in plan.conflicts.items()
            if k != "source"
        )
        if not lines:
            return frozenset()
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Merge card"))
        box.setText(self.tr("%1 already has other values:").replace("%1", existing.display_name))
        box.setInformativeText(lines)
        keep = box.addButton(self.tr("Keep the lead's values"), QMessageBox.ButtonRole.AcceptRole)
        take = box.addButton(self.tr("Use the card's values"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(keep)
        box.exec()
        if box.clickedButton() is keep:
            return frozenset()
        if box.clickedButton() is take:
            return frozenset(plan.conflicts)
        return None

    def _field_label(self, key: str) -> str:
        labels = {
            "first_name": self.tr("first name"),
            "last_name": self.tr("last name"),
            "company": self.tr("company"),
            "title": self.tr("job title"),
            "email": self.tr("e-mail"),
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

    # --- saving ---------------------------------------------------------------------------

    def save_and_next(self) -> bool:
        """Enter: save this card (or the correction) and clear the form for the next one.

        True when saved, so closing with Save closes only if nothing typed was lost.
        """
        if self._dup_timer.isActive() or self._checked != self._check_key():
            self.check_duplicates()
        if self._editing is not None:
            return self._save_edit()
        if not any(self.values().values()):
            self.fields["first_name"].setFocus()
            return False
        if self._scanning and self._pending_image is None:
            # The picture is re-encoded first (well under a second); saving now would lose it.
            self._show_message(
                self.tr("The card picture is still being prepared; press Enter again in a moment.")
            )
            return False
        unresolved = self._unresolved()
        if unresolved:
            self._show_message(
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
            lead, warnings = save_card(self.db, values, self.fair(), image=self._pending_image)
        except ValidationError as exc:
            self._show_validation(exc)
            return False
        except LeadDeskError as exc:
            self._show_error(exc)
            return False
        self._after_save(lead, "new")
        if warnings:
            fields = ", ".join(self._field_label(k) for k in warnings)
            self._show_message(
                self.tr("Saved %1 — %2 could not be read as a phone number and was kept as typed.")
                .replace("%1", lead.display_name)
                .replace("%2", fields),
                "warning",
            )
        else:
            self._show_message(self.tr("Saved %1.").replace("%1", lead.display_name))
        return True

    def _correction_changes(self) -> dict[str, str]:
        """What the person changed in the lead being corrected (empty when not correcting)."""
        lead = self._editing
        if lead is None:
            return {}
        return {k: v for k, v in self.values().items() if v != _one_line(str(getattr(lead, k) or ""))}

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
            self._show_validation(exc)
            return False
        except (ConflictError, NotFoundError) as exc:
            self._show_error(exc)
            return False
        self._editing = None
        self.edit_banner.hide()
        self.recent_model.put(RecentEntry(saved, "edited", saved.updated_at))
        self.lead_saved.emit(saved.id)
        self._reset_form()
        if self._stash:  # the card put aside for this correction is offered back, as on Esc
            self.restore_button.show()
        self._show_message(
            self.tr("Corrected %1.").replace("%1", saved.display_name), "warning" if warnings else "info"
        )
        return True

    def _after_save(self, lead: LeadView, action: str) -> None:
        self._session_count += 1
        if action == "new" and lead.source and lead.source == self.source_edit.text().strip():
            self._today_count += 1
        self.recent_model.put(RecentEntry(lead, action, lead.updated_at))
        self.recent_view.scrollToTop()
        self.lead_saved.emit(lead.id)
        self._reset_form()
        self._update_count()

    def _reset_form(self) -> None:
        self._name_prefix = {}
        for edit in self.fields.values():
            edit.clear()
        self._clear_states()
        self._matches = []
        self._checked = ()  # the same card typed again must be checked again
        self._acknowledged = set()
        self.duplicates.hide()
        self._dup_timer.stop()
        self.remove_image()
        self.restore_button.hide()
        self.fields["first_name"].setFocus()

    def _show_validation(self, exc: ValidationError) -> None:
        for key, _reason in exc.errors.items():
            if key in self.fields:
                self._set_state(self.fields[key], "error")
        first = next((k for k in exc.errors if k in self.fields), None)
        if first:
            self.fields[first].setFocus()
        if exc.errors.get("last_name") == NEEDS_NAME_OR_COMPANY:
            self._show_message(self.tr("A card needs a name or a company."), "error")
        elif "email" in exc.errors:
            self._show_message(self.tr("The e-mail address looks wrong; please check it."), "error")
        else:
            self._show_message(error_text(exc), "error")

    def _show_error(self, exc: Exception) -> None:
        if isinstance(exc, ValidationError):
            self._show_validation(exc)
        elif isinstance(exc, ConflictError):
            self._show_message(
                self.tr(
                    "Someone changed this lead meanwhile; nothing was saved. Press Esc and open it again."
                ),
                "error",
            )
        else:
            self._show_message(error_text(exc), "error")

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
            self.restore_button.show()
            self._show_message(self.tr("Card cleared. Alt+R restores it."))

    def restore_cleared(self) -> None:
        if not self._stash or self._editing is not None:
            return
        self.set_values(self._stash)
        self._stash = None
        self.restore_button.hide()
        self._show_message("")
        self.fields["first_name"].setFocus()

    def _edit_recent(self, index: QModelIndex) -> None:
        self.edit_lead(self.recent_model.entry(index.row()).lead.id)

    def edit_lead(self, lead_id: int) -> None:
        """Load a lead into the form; Enter saves the correction with its version (no lost updates)."""
        try:
            lead = get_lead(self.db, lead_id)
        except NotFoundError as exc:
            self._show_error(exc)
            return
        if self._editing is None:  # the half-typed card comes back with Alt+R after the correction
            self._stash_form(set_aside=True)
        self._reset_form()
        self._editing = lead
        self.set_values({k: str(getattr(lead, k) or "") for k in self.fields})
        self.edit_banner.setText(
            self.tr("Correcting %1 — Enter saves the change, Esc cancels.").replace("%1", lead.display_name)
        )
        self.edit_banner.show()
        self.check_duplicates()
        self.fields["first_name"].setFocus()
        self.fields["first_name"].selectAll()

    def cancel_edit(self) -> None:
        self._editing = None
        self.edit_banner.hide()
        self._reset_form()
        if self._stash:
            self.restore_button.show()
        self._show_message("")

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
            self._show_message(
                self.tr("Cannot open %1: %2").replace("%1", path.name).replace("%2", exc.strerror or ""),
                "error",
            )
            return
        if self._editing is not None:
            self.cancel_edit()  # a picture starts a new card
        pixmap = QPixmap()
        if not pixmap.loadFromData(data):
            self._show_message(
                self.tr("%1 is not a picture LeadDesk can read.").replace("%1", path.name), "error"
            )
            return
        self._show_preview(pixmap)
        self._show_message("")  # the last card's message does not belong to this one
        self._scan_token += 1
        self._scanning = True
        self._pending_image = None
        self.busy.show()
        self.scan_status.setText(self.tr("Reading the card …"))
        self.remove_image_button.setEnabled(True)
        job = _ScanJob(self._scan_token, data, path.name, self._signals)
        self._ops.read(lambda _op: job.run(), owner=self)

    def _show_preview(self, pixmap: QPixmap) -> None:
        self._preview_pixmap = pixmap
        size = self.preview.size()
        self.preview.setPixmap(
            pixmap.scaled(
                size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        )

    def remove_image(self) -> None:
        self._scan_token += 1  # a result still on its way is for a card that is gone
        self._scanning = False
        self._pending_image = None
        self.busy.hide()
        self.scan_status.clear()
        self.preview.clear()
        self.preview.setText(self.tr("Drop a photo or scan of the card here\nor press Ctrl+O"))
        self.remove_image_button.setEnabled(False)

    def _on_image_ready(self, token: int, image: CardImage) -> None:
        if token == self._scan_token:
            self._pending_image = image

    def _on_scan_finished(self, token: int, result: CardResult) -> None:
        if token != self._scan_token:
            return
        self._scanning = False
        self.busy.hide()
        if not result.fields:
            self.scan_status.setText(
                self.tr("No text found on the picture; please type the card. It is kept with the lead.")
            )
        else:
            shown = {k: format_phone(v) if k in ("phone", "mobile") else v for k, v in result.fields.items()}
            kept = self.set_values(shown, only_empty=True)
            if result.method == "qr":
                text = self.tr("Read from the QR code — fields taken exactly. Check and press Enter.")
            else:
                text = self.tr("Read by text recognition — please check every field, then press Enter.")
            if kept:
                text += " " + self.tr("Kept what you typed in: %1.").replace(
                    "%1", ", ".join(self._field_label(k) for k in kept)
                )
            self.scan_status.setText(text)
            self.preview.setToolTip("\n".join(result.lines))
        self.fields["first_name"].setFocus()
        self.fields["first_name"].selectAll()
        self.check_duplicates()
        self.scan_finished.emit()

    def _on_scan_failed(self, token: int, kind: str, detail: object) -> None:
        if token != self._scan_token:
            return
        self._scanning = False
        self.busy.hide()
        if kind == "ocr_missing":
            packages = " ".join(detail) if isinstance(detail, tuple | list) else str(detail)
            self.scan_status.setText(
                self.tr(
                    "Text recognition is not installed, so only QR codes can be read. "
                    "Install the packages: %1 (e.g. sudo apt install %1). "
                    "The picture is kept with the lead — type the card from it."
                ).replace("%1", packages)
            )
        else:
            self.scan_status.setText(self.tr("The picture could not be read: %1").replace("%1", str(detail)))
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
        self.edit_banner.hide()
        self._stash = None
        self._set_aside = False
        self._reset_form()
        self._show_message("")

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
        self._store_fair()
        self._scan_token += 1  # a card still being read belongs to no card any more
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
