"""Who is working here, for the windows: choosing someone tells every open window at once.

Kept apart from :mod:`leaddesk.ui.people` (the Settings page and the start-up question) so the
main window can follow the choice without loading those before its first paint.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, Signal

from leaddesk.core import who


class WhoNotifier(QObject):
    """``changed(name)``: someone chose who is working on this computer (the filter bar's
    "My leads" and a new lead's owner follow)."""

    changed = Signal(str)


_NOTIFIER: list[WhoNotifier] = []


def who_notifier() -> WhoNotifier:
    if not _NOTIFIER or not shiboken6.isValid(_NOTIFIER[0]):
        _NOTIFIER[:] = [WhoNotifier()]
    return _NOTIFIER[0]


def choose_who(name: str | None) -> None:
    """Remember ``name`` as working on this computer and tell the open windows (raises LeadDeskError)."""
    who.choose(name)
    who_notifier().changed.emit(who.current())
