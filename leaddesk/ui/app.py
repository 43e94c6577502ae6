"""Application start: language, database first (migrations, clear errors), then the main window.

``LEADDESK_BENCH_EXIT_AFTER_PAINT=1`` (benchmarks only) quits right after the board's first
paint and prints one JSON line: seconds since the epoch at that moment and the process RSS,
so ``benchmarks/bench_board.py`` can measure start-to-painted from outside the process.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

BENCH_ENV = "LEADDESK_BENCH_EXIT_AFTER_PAINT"
# With BENCH_ENV: a file to write the names of the modules loaded at the first paint into.
BENCH_MODULES_ENV = "LEADDESK_BENCH_MODULES"


def rss_mb() -> float:
    """Resident memory of this process in MB (Linux /proc; peak RSS elsewhere)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def install_excepthook(log_file: Path) -> None:
    """An error nobody expected: logged with its traceback, and a calm dialog that names the log
    file (no traceback, no SQL, no personal data on screen). The window stays open; every write
    was one transaction, so nothing is half-written."""
    import logging

    def hook(kind: type[BaseException], exc: BaseException, tb: Any) -> None:
        logging.getLogger("leaddesk").error("unexpected error", exc_info=(kind, exc, tb))
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        show_unexpected_error(log_file)

    sys.excepthook = hook


def show_unexpected_error(log_file: Path) -> None:
    """The dialog of :func:`install_excepthook` (also for errors a job reports)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication, QMessageBox

    from leaddesk import APP_NAME

    if QApplication.instance() is None:
        return
    QMessageBox.warning(
        QApplication.activeWindow(),
        APP_NAME,
        QCoreApplication.translate(
            "App",
            "Something went wrong in LeadDesk. Your leads are safe: every change is saved completely or "
            "not at all.\n\nThe details are in the log file:\n%1",
        ).replace("%1", str(log_file)),
    )


def _lock_file(data_dir: Path) -> Any:
    """One LeadDesk per database: a second start is told instead of writing the same file."""
    from PySide6.QtCore import QLockFile

    data_dir.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(data_dir / "leaddesk.lock"))
    lock.setStaleLockTime(0)
    return lock


def run(data_dir: str | Path | None = None, lang: str | None = None) -> int:
    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from leaddesk import APP_NAME, __version__
    from leaddesk.core import paths
    from leaddesk.logs import setup_logging
    from leaddesk.ui.i18n import choose_language, install_translators

    log_file = setup_logging()
    app = QApplication.instance() or QApplication(sys.argv)
    from leaddesk.core.perf import resume_gc

    # The collector, paused for the start (leaddesk.cli.main), runs again as soon as the event
    # loop does: the main window's or a message box's, whichever comes first.
    QTimer.singleShot(0, resume_gc)
    install_excepthook(log_file)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    from leaddesk.ui.prefs import stored_language

    # --lang, then LEADDESK_LANG, then the language chosen in Settings, then the system's.
    chosen = choose_language(lang or os.environ.get("LEADDESK_LANG") or stored_language())
    translators = install_translators(app, chosen)  # noqa: F841 (kept alive)

    folder = paths.data_dir(data_dir)
    lock = _lock_file(folder)
    if not lock.tryLock(100):
        QMessageBox.warning(
            None,
            APP_NAME,
            QCoreApplication.translate(
                "App", "LeadDesk is already open with this database (%1). Switch to that window."
            ).replace("%1", str(folder)),
        )
        return 1
    try:
        return _run_window(app, data_dir)
    finally:
        lock.unlock()


def _offer_own_file(message: str) -> bool:
    """Say why the database cannot be opened; True when the person goes back to this computer's file.

    Offered only when the database was the office server chosen in Settings → Database (not
    ``LEADDESK_DATABASE_URL``): a server that is down or out of reach must not lock anyone out
    of LeadDesk. Quit is the default; the choice of server is forgotten only when asked.
    """
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from leaddesk import APP_NAME
    from leaddesk.core import paths

    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, message)
    quit_button = box.addButton(QMessageBox.StandardButton.Close)
    own = None
    if paths.chosen_server() is not None and not os.environ.get("LEADDESK_DATABASE_URL"):
        own = box.addButton(
            QCoreApplication.translate("App", "Use this computer's file"), QMessageBox.ButtonRole.AcceptRole
        )
        box.setInformativeText(
            QCoreApplication.translate(
                "App",
                "This computer is set to use an office server. You can work in this computer's own "
                "database file instead and choose the server again in Settings → Database.",
            )
        )
    box.setDefaultButton(quit_button)
    box.exec()
    if own is None or box.clickedButton() is not own:
        return False
    paths.choose_server(None)
    return True


def _run_window(app: Any, data_dir: str | Path | None) -> int:
    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtWidgets import QMessageBox
    from sqlalchemy.exc import DatabaseError as DriverDatabaseError

    from leaddesk import APP_NAME
    from leaddesk.core import paths
    from leaddesk.core.db import describe_operational_error
    from leaddesk.core.errors import LeadDeskError
    from leaddesk.ui.startup import (
        build_hidden_later,
        check_later,
        open_database,
        paint_head_first,
        prepare,
    )

    while True:
        try:
            db, check_deferred = open_database(data_dir)  # a large file's quick check waits for the paint
            break
        except DriverDatabaseError as exc:  # e.g. "file is not a database": not raised as LeadDeskError
            url = paths.database_url(paths.data_dir(data_dir))
            why = describe_operational_error(exc, url)  # type: ignore[arg-type]
        except LeadDeskError as exc:
            why = str(exc)
        except Exception as exc:  # a bug, not the environment: still say so in a window
            QMessageBox.critical(
                None,
                APP_NAME,
                QCoreApplication.translate("App", "Unexpected error while opening the database:")
                + f"\n\n{exc!r}",
            )
            raise
        message = QCoreApplication.translate("App", "LeadDesk cannot open its database.") + "\n\n" + why
        if not _offer_own_file(message):
            return 1
    try:
        if not check_deferred:
            prepare(db)  # default rules for a new database, version stamp
        # The board's first screenful before the paint, the rest after it; that screenful is read
        # on a thread while the window's modules load and its widgets are built.
        paint_head_first(db)
        from leaddesk.ui import features
        from leaddesk.ui.main_window import MainWindow, app_icon
        from leaddesk.ui.ops import wait_all

        app.setWindowIcon(app_icon())
        build_hidden_later()  # the list page and some menus' entries right after the paint
        window = MainWindow(db)
        if check_deferred:
            check_later(window)  # before the start-up offers (connected first, runs first)
        features.install(window)
        app.aboutToQuit.connect(wait_all)
        if os.environ.get(BENCH_ENV):

            def report() -> None:  # at the paint itself, before anything queued after it
                print(json.dumps({"painted_at": time.time(), "rss_mb": rss_mb()}), flush=True)
                modules_file = os.environ.get(BENCH_MODULES_ENV)
                if modules_file:  # what the first paint imported (tests keep deferred modules out)
                    Path(modules_file).write_text("\n".join(sorted(sys.modules)), encoding="utf-8")
                QTimer.singleShot(0, window.close)
                QTimer.singleShot(0, app.quit)

            window.board.first_painted.connect(report)
            if window.board.total == 0:
                QTimer.singleShot(0, report)
        window.show()
        code = int(app.exec())
    finally:
        db_file = db.file
        db.close()
    return _restore_and_restart(app, db_file, code)


def _restore_and_restart(app: Any, db_file: Path | None, code: int) -> int:
    """File → Backups → Restore closed the app: put the backup in place, then start again."""
    from PySide6.QtCore import QCoreApplication, QProcess
    from PySide6.QtWidgets import QMessageBox

    from leaddesk import APP_NAME
    from leaddesk.ui.backups import RESTORE_PROPERTY, restore_after_quit

    if not app.property(RESTORE_PROPERTY):
        return code
    problem = restore_after_quit(app, db_file)
    if problem is not None:
        QMessageBox.warning(
            None,
            APP_NAME,
            QCoreApplication.translate("App", "The backup was not restored; your database is as it was.")
            + "\n\n"
            + problem,
        )
    args = sys.argv[1:] if getattr(sys, "frozen", False) else ["-m", "leaddesk", *sys.argv[1:]]
    QProcess.startDetached(sys.executable, args)
    return code
