"""The team's settings as the UI reads them, kept current by the change signal; the language.

``current()`` is what widgets without a database at hand ask (the editor's default follow-up
day, the working days a follow-up skips to, the team's own lost reasons). It is re-read (one
small query) whenever a write notes ``settings``, from this window or from another.

The language is a person's, not the team's: it is kept beside the window layout (QSettings,
``window.ini``), read once at start, and so takes effect after a restart.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from leaddesk.core.changes import Changes
from leaddesk.core.db import Database

if TYPE_CHECKING:  # the settings load after the first paint; the language (below) before it
    from leaddesk.core.preferences import Preferences

LANGUAGE_KEY = "app/language"

_current: Preferences | None = None


def current() -> Preferences:
    """The settings read last (the defaults before the first read)."""
    global _current
    if _current is None:
        from leaddesk.core.preferences import Preferences

        _current = Preferences()
    return _current


def load(db: Database) -> Preferences:
    from leaddesk.core.preferences import read_preferences

    global _current
    _current = read_preferences(db)
    return _current


def follow(db: Database) -> Preferences:
    """Read the settings now and again after every write that changes them (once per database)."""
    from leaddesk.ui.ops import operations

    ops = operations(db)
    if not ops.property("leaddesk_prefs_followed"):
        ops.setProperty("leaddesk_prefs_followed", True)

        def changed(changes: Changes) -> None:
            if changes.settings:
                load(db)

        ops.changed.connect(changed)
    return load(db)


def reset() -> None:
    """Back to the defaults (a database closed; tests)."""
    global _current
    _current = None


def next_working_day(day: date, days: int = 1) -> date:
    """``days`` calendar days after ``day``, moved forward onto one of the team's working days."""
    working = set(current().working_days) or {0, 1, 2, 3, 4}
    day += timedelta(days=days)
    while day.weekday() not in working:
        day += timedelta(days=1)
    return day


def settings_file() -> Path:
    """QSettings in LeadDesk's own config folder (not the registry/global plist), one ini file.

    Here rather than beside the main window: the start reads the language from it before it
    loads the window's modules (issue 18)."""
    import platformdirs

    return Path(platformdirs.user_config_dir("LeadDesk", appauthor=False)) / "window.ini"


def _ini() -> QSettings:
    path = settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    return QSettings(str(path), QSettings.Format.IniFormat)


def stored_language() -> str | None:
    """ "de", "en", or None for the system's language."""
    value = _ini().value(LANGUAGE_KEY, "")
    return value if isinstance(value, str) and value in ("de", "en") else None


def store_language(code: str | None) -> None:
    s = _ini()
    if code:
        s.setValue(LANGUAGE_KEY, code)
    else:
        s.remove(LANGUAGE_KEY)
    s.sync()
