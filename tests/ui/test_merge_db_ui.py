"""Merging the trade-fair laptop's database from the File menu: dry run, report, merge, board, errors."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from leaddesk.core.db import Database, backup_sqlite
from leaddesk.core.demo import build_demo
from leaddesk.core.models import Activity, utcnow
from leaddesk.core.services.leads import create_lead, get_lead, update_lead
from leaddesk.ui.i18n import install_translators
from leaddesk.ui.imports import dbmerge
from leaddesk.ui.imports.dbmerge import ERROR, REPORT, MergeDatabaseDialog


def _counts(db: Database) -> dict[str, int]:
    with db.engine.connect() as conn:
        return {
            t: int(conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar() or 0)
            for t in ("lead", "stagechange", "activity", "task", "fieldsource")
        }


@pytest.fixture
def laptop(db: Database, tmp_path: Path) -> tuple[Path, dict[str, int]]:
    """The office database with two leads, and the fair laptop's copy: one edited, one new, demo leads."""
    anna = create_lead(db, {"first_name": "Anna", "last_name": "Alt", "company": "Alt GmbH"})[0]
    create_lead(db, {"first_name": "Bernd", "last_name": "Berg", "email": "bernd@berg.de"})
    path = tmp_path / "messe-laptop.sqlite3"
    backup_sqlite(db.engine, path)
    other = Database.open(f"sqlite:///{path}")
    try:
        update_lead(other, anna.id, {"city": "Stuttgart"}, expected_version=anna.version)
        with other.transaction() as s:
            s.add(Activity(lead_id=anna.id, kind="booth_visit", subject="Stand B12", at=utcnow()))
        create_lead(other, {"first_name": "Clara", "last_name": "Neu", "company": "Neu KG"})
        build_demo(other, leads=3, seed=7, score=False)
    finally:
        other.close()
    return path, {"anna": anna.id}


@pytest.fixture
def language(qapp: QApplication) -> Any:
    """Install the English or German catalogue (plural forms come from it), removed afterwards."""
    default = QLocale()
    installed: list[Any] = []

    def use(lang: str) -> None:
        installed.extend(install_translators(qapp, lang))

    yield use
    for translator in installed:
        qapp.removeTranslator(translator)
    QLocale.setDefault(default)


@pytest.fixture
def features(window: Any) -> Any:
    from leaddesk.ui import features as features_module

    installed = features_module.Features(window)
    window.features = installed
    return installed


def _open(
    qtbot: QtBot, window: Any, features: Any, monkeypatch: Any, path: Path | str
) -> MergeDatabaseDialog:
    """As a person would: File → Merge another LeadDesk database…, the file dialog answered with ``path``."""
    monkeypatch.setattr(dbmerge, "choose_database_file", lambda _parent: str(path))
    texts = [a.text().replace("&", "") for a in window.menus["file"].actions()]
    assert texts.index("Merge another LeadDesk database…") < texts.index("Quit")
    features.act_merge_db.trigger()
    dialogs = [d for d in window.findChildren(MergeDatabaseDialog) if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def _wait_page(qtbot: QtBot, dialog: MergeDatabaseDialog, page: int) -> None:
    qtbot.waitUntil(lambda: not dialog.running and dialog.pages.currentIndex() == page, timeout=15000)


def test_dry_run_report_then_merge_updates_the_board(
    qtbot: QtBot,
    db: Database,
    laptop: Any,
    window: Any,
    features: Any,
    monkeypatch: Any,
    qtmodeltester: Any,
    language: Any,
) -> None:
    language("en")
    path, ids = laptop
    before = _counts(db)
    dialog = _open(qtbot, window, features, monkeypatch, path)
    _wait_page(qtbot, dialog, REPORT)
    summary = dialog.summary_label.text()
    assert "messe-laptop.sqlite3" in summary
    assert "New: <b>4</b> · Merged: <b>1</b> · Unchanged: <b>1</b> · Left out: <b>0</b>" in summary
    assert "Brings over: 10 activities, 8 stage changes, 2 tasks." in summary
    # The demo leads' owners are the laptop's users; this office has none of them yet.
    assert re.search(r"4 new users in Settings → People: \w+ \w+, ", summary)
    assert _counts(db) == before  # the dry run changed nothing
    qtmodeltester.check(dialog.outcomes)
    rows = {
        dialog.proxy.index(r, 1).data(): dialog.proxy.index(r, 3).data()
        for r in range(dialog.proxy.rowCount())
    }
    assert "Fills in: City" in rows["Anna Alt · Alt GmbH"] and "1 activity" in rows["Anna Alt · Alt GmbH"]
    assert dialog.proxy.index(0, 0).data() == "Merged"  # merged leads first: what to check
    dialog.filter_combo.setCurrentIndex(dialog.filter_combo.findData("added"))
    assert dialog.proxy.rowCount() == 4 and dialog.filter_combo.currentText() == "New (4)"
    dialog.filter_combo.setCurrentIndex(dialog.filter_combo.findData("same"))
    assert [dialog.proxy.index(r, 1).data() for r in range(dialog.proxy.rowCount())] == [
        "Bernd Berg · bernd@berg.de"
    ]
    assert dialog.details_label.text().startswith("Unchanged: Bernd Berg")
    dialog.filter_combo.setCurrentIndex(dialog.filter_combo.findData("merged"))
    assert dialog.details_label.text().splitlines() == [
        f"Merged: Anna Alt · Alt GmbH – into #{ids['anna']} (same ID)",
        "• Fills in: City",
        "• Brings 1 activity",
    ]
    assert window.board.total == 2

    with qtbot.waitSignal(dialog.merged, timeout=15000):
        dialog.merge_button.click()
    _wait_page(qtbot, dialog, REPORT)
    after = _counts(db)
    assert after["lead"] == 6 and after["activity"] > before["activity"]
    assert get_lead(db, ids["anna"]).city == "Stuttgart"
    assert window.board.total == 6  # the board was reloaded
    board_ids = {i for m in window.board.models.values() for i in m.ids}
    assert len(board_ids) == 6
    assert "merged" in dialog.summary_label.text() and not dialog.merge_button.isVisible()
    assert dialog.backup is not None and dialog.backup.is_file()
    assert dialog.close_button.text().replace("&", "") == "Close"
    dialog.close_button.click()
    assert not dialog.isVisible()


def test_cancel_and_closing_leave_the_database_unchanged(
    qtbot: QtBot, db: Database, laptop: Any, window: Any, features: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    path, _ids = laptop
    big = tmp_path / "gross.sqlite3"  # enough leads that the merge passes a cancel check (every 200)
    backup_sqlite(Database.open(f"sqlite:///{path}").engine, big)
    other = Database.open(f"sqlite:///{big}")
    build_demo(other, leads=210, seed=3, score=False)
    other.close()
    before = _counts(db)
    dialog = _open(qtbot, window, features, monkeypatch, big)
    _wait_page(qtbot, dialog, REPORT)
    dialog.merge_button.click()
    dialog.cancel_button.click()  # at once: the worker stops at its first check and rolls back
    _wait_page(qtbot, dialog, REPORT)
    assert "Cancelled; nothing was changed." in dialog.summary_label.text()
    assert _counts(db) == before and dialog.merge_button.isVisible()
    assert not list(db.file.parent.glob("*before-merge*"))  # no copy left behind for nothing
    dialog.reject()  # Escape on the report: closes, nothing happens
    assert not dialog.isVisible() and _counts(db) == before

    again = _open(qtbot, window, features, monkeypatch, big)
    assert again.running
    with qtbot.waitSignal(again.finished, timeout=15000):
        again.reject()  # Escape while the dry run runs: it is cancelled, then the dialog closes
    assert _counts(db) == before and window.board.total == 2


@pytest.mark.parametrize("kind", ["junk", "same", "missing"])
def test_a_file_that_cannot_be_merged_is_named_and_nothing_changes(
    qtbot: QtBot, db: Database, window: Any, features: Any, monkeypatch: Any, tmp_path: Path, kind: str
) -> None:
    create_lead(db, {"last_name": "Berg"})
    window.board.reload()
    junk = tmp_path / "kaputt.sqlite3"
    junk.write_bytes(b"this is not a database" * 50)
    path = {"junk": junk, "same": db.file, "missing": tmp_path / "weg.sqlite3"}[kind]
    before = _counts(db)
    dialog = _open(qtbot, window, features, monkeypatch, path)
    _wait_page(qtbot, dialog, ERROR)
    message = dialog.error_label.text()
    assert str(path) in message and "Nothing was changed." in message
    assert Path(str(path)).name in dialog.error_title.text()
    expected = {
        "junk": "not a LeadDesk database",
        "same": "the database LeadDesk has open",
        "missing": "does not exist",
    }
    assert expected[kind] in message
    assert _counts(db) == before
    # "Choose another file…" starts over with the new file.
    monkeypatch.setattr(dbmerge, "choose_database_file", lambda _parent: str(junk))
    dialog.choose_button.click()
    _wait_page(qtbot, dialog, ERROR)
    assert str(junk) in dialog.error_label.text()
    dialog.reject()


def test_the_dialog_speaks_german(
    qtbot: QtBot, db: Database, laptop: Any, window: Any, features: Any, monkeypatch: Any, language: Any
) -> None:
    language("de")
    path, _ids = laptop
    monkeypatch.setattr(dbmerge, "choose_database_file", lambda _parent: str(path))
    dialog = features.open_merge_database()
    _wait_page(qtbot, dialog, REPORT)
    assert dialog.windowTitle() == "Andere LeadDesk-Datenbank zusammenführen"
    summary = dialog.summary_label.text()
    assert (
        "Neu: <b>4</b> · Zusammengeführt: <b>1</b> · Unverändert: <b>1</b>" in summary
        and "10 Aktivitäten" in summary
    )
    assert "4 neue Benutzer in Einstellungen → Personen: " in summary
    texts = [dialog.proxy.index(r, 3).data() for r in range(dialog.proxy.rowCount())]
    assert any(t.startswith("Ergänzt: Ort") and "1 Aktivität" in t for t in texts)
    assert dialog.merge_button.text() == "&Zusammenführen"
    dialog.reject()
