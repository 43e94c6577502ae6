"""Application start: database first (migrations, clear errors), then the main window."""

from __future__ import annotations

import sys
from pathlib import Path


def run(data_dir: str | Path | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

    from leaddesk import APP_NAME, __version__
    from leaddesk.core.db import Database
    from leaddesk.core.errors import LeadDeskError

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    try:
        db = Database.open_data_dir(data_dir)
    except LeadDeskError as exc:
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
    window = QMainWindow()
    window.setWindowTitle(APP_NAME)
    window.resize(1280, 800)
    window.show()
    try:
        return app.exec()
    finally:
        db.close()
