"""File → Backups in the app: list, back up now, a restore that asks and runs once the database is
closed; a damaged database shows a read-only banner that offers the newest good backup."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from leaddesk.core.backups import create_backup, list_backups
from leaddesk.core.db import Database
from leaddesk.core.services.leads import create_lead
from leaddesk.ui.backups import RESTORE_PROPERTY, BackupsDialog, restore_after_quit
from tests.cli.test_cli_safety import _flip_bytes


def test_back_up_now_then_restore_asks_and_runs_after_the_database_closed(
    qtbot: Any, data_dir: Path, questions: Any
) -> None:
    db = Database.open_data_dir(data_dir)
    create_lead(db, {"last_name": "Vorher"})
    dialog = BackupsDialog(db)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0 and not dialog.restore_button.isEnabled()
    dialog.backup_now()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10_000)
    create_lead(db, {"last_name": "Nachher"})
    assert not dialog.restore_button.autoDefault()
    questions.answer = False
    assert not dialog.restore_selected() and questions.defaults == ["Cancel"]
    app = QApplication.instance()
    questions.answer = True
    assert dialog.restore_selected()
    assert app.property(RESTORE_PROPERTY) == str(list_backups(db.file)[0].path)
    file = db.file
    db.close()  # as the app does when its window closed
    assert restore_after_quit(app, file) is None
    assert app.property(RESTORE_PROPERTY) is None
    db = Database.open_data_dir(data_dir)
    from leaddesk.core.services.query import LeadFilter, list_leads

    assert [v["last_name"] for v in list_leads(db, LeadFilter())] == ["Vorher"]
    db.close()


def test_a_damaged_database_shows_a_read_only_banner_with_the_newest_good_backup(
    qtbot: Any, data_dir: Path
) -> None:
    from leaddesk.core.demo import build_demo
    from leaddesk.ui.main_window import MainWindow

    db = Database.open_data_dir(data_dir)
    build_demo(db, leads=30, seed=2)
    create_backup(db, "manual")
    file = db.file
    db.close()
    _flip_bytes(file, "lead")
    db = Database.open_data_dir(data_dir)
    try:
        assert db.read_only
        window = MainWindow(db)
        qtbot.addWidget(window)
        banner = window.damage_banner
        assert banner is not None
        assert "read-only" in " ".join(label.text() for label in banner.findChildren(QLabel))
        assert [b.text() for b in banner.findChildren(QPushButton)] == ["Restore the newest good backup…"]
    finally:
        db.close()
