"""The quick entry's work off the UI thread: a duplicate look-up while typing, reading a card picture.

Run on the operations layer's read lane (leaddesk/ui/ops.py); they never touch widgets and
report through Qt signals, which arrive queued on the GUI thread.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from leaddesk.core.cardscan import OcrUnavailable, scan_card, stored_image
from leaddesk.core.db import Database
from leaddesk.core.dedupe import find_matches
from leaddesk.ui.i18n import error_text


class CheckSignals(QObject):
    done = Signal(object, object)  # check key, list[Match]


class CheckJob:
    """One duplicate look-up while the person types (read lane), so a slow query never stalls typing."""

    def __init__(
        self, db: Database, key: tuple[Any, ...], values: dict[str, str], signals: CheckSignals
    ) -> None:
        self.db, self.key, self.values, self.signals = db, key, values, signals

    def run(self) -> None:
        exclude = {self.key[0]} if self.key[0] else set()
        try:
            matches = find_matches(self.db, self.values, exclude_ids=exclude, limit=5)
        except Exception:  # the check is a hint; Enter checks again on the UI thread and reports errors
            matches = None
        self.signals.done.emit(self.key, matches)


class ScanSignals(QObject):
    image_ready = Signal(int, object)  # token, CardImage
    finished = Signal(int, object)  # token, CardResult
    failed = Signal(int, str, object)  # token, kind ("ocr_missing" / "error"), packages or message


class ScanJob:
    """Re-encodes the picture for storage, then reads it (QR, else OCR), on the read lane.

    Never touches widgets: it reports through ``signals`` (two steps: the stored image, then the
    fields read), which arrive queued on the GUI thread.
    """

    def __init__(self, token: int, data: bytes, file_name: str, signals: ScanSignals) -> None:
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
