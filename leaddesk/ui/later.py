"""What the main window builds only after the board's first paint (issue 18, "a start that feels instant").

Menus' entries of features nobody sees at start (data protection, settings, help) cost ~25 ms
of imports and widgets before the first paint. At the app's start (:func:`leaddesk.ui.startup.
build_hidden_later`) they wait in a :class:`Later` and are built right after that paint, and at
once if a key press, a click or a wheel turn reaches the application first: a shortcut pressed
before they exist still finds its action (Qt offers every key press as ``ShortcutOverride``
before it looks the shortcut up), and a menu opened by mouse or Alt+letter shows every entry.

A window opened by code (tests, tools) builds everything at once, as before.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, SignalInstance

# At the latest this long after the window was built, what waits is built even without a paint.
LATEST_MS = 500

# Events that mean the user reaches for something: pending work is done before they are handled.
_INPUT = frozenset(
    {
        QEvent.Type.ShortcutOverride,
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.ContextMenu,
        QEvent.Type.Wheel,
        QEvent.Type.TabletPress,
        QEvent.Type.TouchBegin,
    }
)


class Later(QObject):
    """Work that waits for :meth:`run` (after the first paint), or is done at once when not deferring."""

    def __init__(self, parent: QObject, *, deferring: bool) -> None:
        super().__init__(parent)
        self._pending: list[Callable[[], object]] = []
        self._done = not deferring
        self._watching = False
        app = QCoreApplication.instance()
        if deferring and app is not None:
            app.installEventFilter(self)
            self._watching = True

    @property
    def pending(self) -> bool:
        return bool(self._pending)

    def add(self, work: Callable[[], object]) -> None:
        """Do ``work`` at :meth:`run` (in the order added), or now if that has happened."""
        if self._done:
            work()
        else:
            self._pending.append(work)

    def run_soon(self) -> None:
        """Run right after the event being handled (the first paint), before any later input."""
        QTimer.singleShot(0, self, self.run)

    def run_after(self, painted: SignalInstance) -> None:
        """Run right after ``painted`` (the board's first paint); at the latest after
        :data:`LATEST_MS` (the board was not shown: the list was, or the first-run page)."""
        if self._done:
            return
        painted.connect(self.run_soon)
        QTimer.singleShot(LATEST_MS, self, self.run)

    def run(self) -> None:
        """Do every pending piece now; what is added later is done at once."""
        if self._watching:
            self._watching = False
            app = QCoreApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
        self._done = True
        while self._pending:
            self._pending.pop(0)()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._pending and event.type() in _INPUT and shiboken6.isValid(self):
            self.run()
        return False
