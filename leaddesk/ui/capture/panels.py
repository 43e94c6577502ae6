"""The quick entry's two side pieces: the band of possible duplicates and the card picture.

What a button does (open, merge, keep both) and what is done with a picture's fields is the
window's (leaddesk/ui/quick_entry.py), which holds the card being typed; the band asks which
values a merge keeps, the picture panel reads its picture itself, off the UI thread
(leaddesk/ui/capture/jobs.py), and says how that went.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core.cardscan import CardImage, CardResult
from leaddesk.core.dedupe import Match
from leaddesk.ui.capture.jobs import ScanJob, ScanSignals
from leaddesk.ui.ops import Operations


class DuplicatePanel(QFrame):
    """Leads the typed card may repeat, best first, with Open / Merge / Keep both; hidden when none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicates")
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.list = QListWidget()
        self.list.setMaximumHeight(72)
        self.list.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Open existing (Alt+O)"))
        self.merge_button = QPushButton(self.tr("Merge into existing (Alt+M)"))
        self.keep_button = QPushButton(self.tr("Keep both (Alt+K)"))
        for button in (self.open_button, self.merge_button, self.keep_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys work from the form
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.hide()

    def show_matches(self, matches: list[Match], *, correcting: bool) -> None:
        """List ``matches`` (shown only when there are any). While a lead is being corrected there
        is no new card to merge or keep, so only Open stays enabled."""
        self.list.clear()
        reasons = {
            "email": self.tr("same email address"),
            "phone": self.tr("same phone number"),
            "name": self.tr("similar name and company"),
        }
        for match in matches:
            reason = reasons.get(match.reason, match.reason)
            if match.reason == "name":
                reason += f" ({match.score:.0f} %)"
            item = QListWidgetItem(f"{match.display}  —  {reason}")
            item.setData(Qt.ItemDataRole.UserRole, match.lead_id)
            self.list.addItem(item)
        if matches:
            self.list.setCurrentRow(0)
            strong = any(m.strong for m in matches)
            self.title.setText(
                self.tr("<b>Possible duplicate</b> — this card may already be a lead:")
                if strong
                else self.tr("<b>Similar lead</b> — check before saving:")
            )
        self.setVisible(bool(matches))
        self.open_button.setEnabled(bool(matches))
        self.merge_button.setEnabled(bool(matches) and not correcting)
        self.keep_button.setEnabled(bool(matches) and not correcting)

    def current_row(self) -> int:
        """The chosen match's row (the first when none is chosen)."""
        return max(self.list.currentRow(), 0)

    def ask_conflicts(
        self, name: str, conflicts: Mapping[str, tuple[Any, Any]], label: Callable[[str], str]
    ) -> frozenset[str] | None:
        """Merge, where the card and the lead ``name`` disagree: the person decides which values
        stay (none of the card's, all of them); None cancels the merge. The harmless answer,
        keeping the lead's values, is the default."""
        lines = "\n".join(
            f"{label(k)}: {old}  →  {new}" for k, (old, new) in conflicts.items() if k != "source"
        )
        if not lines:
            return frozenset()
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Merge card"))
        box.setText(self.tr("%1 already has other values:").replace("%1", name))
        box.setInformativeText(lines)
        keep = box.addButton(self.tr("Keep the lead's values"), QMessageBox.ButtonRole.AcceptRole)
        take = box.addButton(self.tr("Use the card's values"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(keep)
        box.exec()
        if box.clickedButton() is keep:
            return frozenset()
        if box.clickedButton() is take:
            return frozenset(conflicts)
        return None


class CardPicture(QGroupBox):
    """The card's picture beside the form: the preview, a busy bar while it is read, what was read.

    :meth:`start` reads a picture on the read lane: it is re-encoded for storage (``image``),
    then read (QR, else OCR). ``finished(CardResult)`` or ``failed(kind, detail)`` follow, only
    for the picture still shown: one removed or replaced meanwhile is forgotten.
    """

    finished = Signal(object)  # CardResult
    failed = Signal(str, object)  # kind ("ocr_missing" / "error"), the packages or the message (shown)

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ops = ops
        self._token = 0
        # The picture as stored with the lead, once re-encoded (None before, or without one).
        self.image: CardImage | None = None
        # True from start() until its fields are read (or reading failed).
        self.reading_now = False
        self._signals = ScanSignals(self)
        self._signals.image_ready.connect(self._image_ready)
        self._signals.finished.connect(self._finished)
        self._signals.failed.connect(self._failed)
        self.setTitle(self.tr("Card picture"))
        layout = QVBoxLayout(self)
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(QSize(300, 190))
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview.setStyleSheet("color: palette(mid);")
        layout.addWidget(self.preview, 1)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(8)
        self.busy.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        self.scan_button = QPushButton(self.tr("Read card picture… (Ctrl+O)"))
        self.remove_button = QPushButton(self.tr("Remove picture"))
        for button in (self.scan_button, self.remove_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        buttons.addWidget(self.scan_button)
        buttons.addWidget(self.remove_button)
        layout.addWidget(self.busy)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.clear()

    def clear(self) -> None:
        """No picture: the hint where to drop one; a result still on its way is forgotten."""
        self.forget()
        self.image = None
        self.busy.hide()
        self.status.clear()
        self.preview.clear()
        self.preview.setToolTip("")
        self.preview.setText(self.tr("Drop a photo or scan of the card here\nor press Ctrl+O"))
        self.remove_button.setEnabled(False)

    def forget(self) -> None:
        """A picture still being read belongs to no card any more (the window closes)."""
        self._token += 1
        self.reading_now = False

    def start(self, data: bytes, file_name: str, pixmap: QPixmap) -> None:
        """Show ``pixmap`` and read ``data`` (the file ``file_name``) in the background."""
        self.preview.setPixmap(
            pixmap.scaled(
                self.preview.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        self.busy.show()
        self.status.setText(self.tr("Reading the card …"))
        self.remove_button.setEnabled(True)
        self._token += 1
        self.reading_now = True
        self.image = None
        job = ScanJob(self._token, data, file_name, self._signals)
        self._ops.read(lambda _op: job.run(), owner=self)

    def show_result(self, result: CardResult, kept: list[str]) -> None:
        """Say how the picture was read; ``kept``: the labels of fields left as the person typed them."""
        if not result.fields:
            self.read(
                self.tr("No text found on the picture; please type the card. It is kept with the lead.")
            )
            return
        if result.method == "qr":
            text = self.tr("Read from the QR code — fields taken exactly. Check and press Enter.")
        else:
            text = self.tr("Read by text recognition — please check every field, then press Enter.")
        if kept:
            text += " " + self.tr("Kept what you typed in: %1.").replace("%1", ", ".join(kept))
        self.read(text, list(result.lines))

    def read(self, text: str, lines: list[str] | None = None) -> None:
        """Reading ended: ``text`` says how; ``lines`` (the text recognised) become the tooltip."""
        self.busy.hide()
        self.status.setText(text)
        if lines:
            self.preview.setToolTip("\n".join(lines))

    def _image_ready(self, token: int, image: CardImage) -> None:
        if token == self._token:
            self.image = image

    def _finished(self, token: int, result: CardResult) -> None:
        if token == self._token:
            self.reading_now = False
            self.busy.hide()
            self.finished.emit(result)

    def _failed(self, token: int, kind: str, detail: object) -> None:
        if token != self._token:
            return
        self.reading_now = False
        if kind == "ocr_missing":
            packages = " ".join(detail) if isinstance(detail, tuple | list) else str(detail)
            self.read(
                self.tr(
                    "Text recognition is not installed, so only QR codes can be read. "
                    "Install the packages: %1 (e.g. sudo apt install %1). "
                    "The picture is kept with the lead — type the card from it."
                ).replace("%1", packages)
            )
        else:
            self.read(self.tr("The picture could not be read: %1").replace("%1", str(detail)))
        self.failed.emit(kind, detail)
