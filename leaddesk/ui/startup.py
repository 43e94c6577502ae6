"""What the app's start leaves until after the board's first paint (issue 18, "start fast").

SQLite's quick check reads the whole file (~0.3 s at 100,000 leads, more on a busy machine):
on a large database it runs on the read lane right after the first paint instead of before
it. Until it has answered, the start writes nothing (the default rules and the version stamp
wait for it, and the day's backup is itself verified); damage found then turns the database
read-only and shows the same banner a damaged database gets when found on opening.
A small file (a new database, tests) is still checked before the window opens: it costs
little, and the first-run page writes at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from leaddesk.core import paths
from leaddesk.core.db import Database

if TYPE_CHECKING:
    from leaddesk.ui.main_window import MainWindow

#: Files up to this size are quick-checked before the first paint (a few ms); larger ones after it.
CHECK_BEFORE_PAINT_BYTES = 16 * 1024 * 1024


def check_after_paint(data_dir: str | Path | None) -> bool:
    """Whether the database of ``data_dir`` is large enough to have its quick check deferred."""
    try:
        return paths.database_file(paths.data_dir(data_dir)).stat().st_size > CHECK_BEFORE_PAINT_BYTES
    except OSError:  # no file yet: a new database is empty and cheap to check
        return False


def open_database(data_dir: str | Path | None) -> tuple[Database, bool]:
    """Open the database for the window; True when its quick check still has to run."""
    deferred = check_after_paint(data_dir)
    return Database.open_data_dir(data_dir, check=not deferred), deferred


def prepare(db: Database) -> None:
    """The start's small writes: default rules for a new database, which release opened it."""
    from leaddesk.core.appinfo import stamp_app_version
    from leaddesk.core.scoring import install_defaults

    if not db.read_only:
        install_defaults(db)  # a new database starts with the default rule set
        stamp_app_version(db)  # which release created / last opened this file


def check_later(window: MainWindow) -> None:
    """Once the board is painted: the quick check on the read lane, then :func:`prepare`."""
    from PySide6.QtCore import QTimer

    db = window.db

    def done(problems: tuple[str, ...]) -> None:
        if problems:
            _damage_found(window)
        else:
            prepare(db)

    def start() -> None:
        window.ops.read(lambda _op: db.check_damage(), done=done, failed=window._read_failed, owner=window)

    if window.board.total:
        window.board.first_painted.connect(lambda: QTimer.singleShot(0, start))
    else:
        QTimer.singleShot(0, start)


def _damage_found(window: MainWindow) -> None:
    """The check found damage: the same read-only banner above the board as when found on opening."""
    banner = window._damage_banner()
    page = window.board.parentWidget()
    if banner is None or page is None:
        return
    window.damage_banner = banner
    layout: Any = page.layout()
    layout.insertWidget(0, banner)  # above the filter bar, as MainWindow puts it
