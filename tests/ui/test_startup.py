"""Start fast (issue 18): what the first paint leaves for later, and that nothing is lost by it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel

from leaddesk.core.db import Database
from tests.cli.test_cli_safety import _flip_bytes

ROOT = Path(__file__).resolve().parents[2]

#: Loaded only when the user opens what needs them (editor, imports, exports, reports, rules,
#: data protection, calls, OCR/QR), never before the board's first paint.
DEFERRED = (
    "alembic",
    "email_validator",
    "phonenumbers",
    "rapidfuzz",
    "vobject",
    "PIL",
    "zxingcpp",
    "pytesseract",
    "leaddesk.core.dedupe",
    "leaddesk.core.demo",
    "leaddesk.core.importers",
    "leaddesk.core.privacy.erase",
    "leaddesk.core.privacy.suppression",
    "leaddesk.ui.editor",
    "leaddesk.ui.imports.wizard",
    "leaddesk.ui.imports.export",
    "leaddesk.ui.reports.window",
    "leaddesk.ui.scoring.rule_editor",
    "leaddesk.ui.quick_entry",
    "leaddesk.ui.capture.card_form",
    "leaddesk.ui.call.window",
    "leaddesk.ui.people",  # Settings → People and the start-up "Who is working?" question
    # Built right after the first paint (leaddesk.ui.later): the list page, Settings, Help, data protection.
    "leaddesk.ui.listview.view",
    "leaddesk.ui.listview.model",
    "leaddesk.ui.settings_dialog",
    "leaddesk.ui.help",
    "leaddesk.ui.privacy",
    # The write services load with the first write (scoring not listed: a small database's start
    # writes the default rules before the window; a large one's after the paint).
    "leaddesk.core.services.leads",
    "leaddesk.core.services.rescoring",
    "leaddesk.core.services.trash",
    "leaddesk.core.services.bulk",
    "leaddesk.core.services.tasks",
    "leaddesk.ui.listview.bulk",
    "leaddesk.core.preferences",  # the team's settings: read with Settings' menu entry, after the paint
    "leaddesk.cli_server",  # the commands' parsers: a window's start has no command
    "leaddesk.core.reports.data",
    "leaddesk.core.reports.report",
    "sqlalchemy.dialects.postgresql",  # on SQLite (this test's database)
)


def _demo(data_dir: Path, leads: int) -> None:
    from leaddesk.core.demo import build_demo

    db = Database.open_data_dir(data_dir)
    try:
        build_demo(db, leads=leads, seed=3)
    finally:
        db.close()


def test_the_first_paint_does_not_import_what_it_does_not_show(data_dir: Path, tmp_path: Path) -> None:
    _demo(data_dir, 40)
    modules_file = tmp_path / "modules.txt"
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        QT_QPA_PLATFORM="offscreen",
        LEADDESK_BENCH_EXIT_AFTER_PAINT="1",
        LEADDESK_BENCH_MODULES=str(modules_file),
        HOME=str(tmp_path / "home"),
        XDG_CONFIG_HOME=str(tmp_path / "home" / "config"),
    )
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from leaddesk.cli import main; raise SystemExit(main())",
            "--data-dir",
            str(data_dir),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    loaded = set(modules_file.read_text(encoding="utf-8").split())
    assert "leaddesk.ui.board.board" in loaded  # the list is the painted app's, not an empty one
    early = sorted(m for m in loaded if any(m == d or m.startswith(d + ".") for d in DEFERRED))
    assert early == [], early


def _painted_window(qtbot: Any, db: Database, *, head_first: bool = False) -> Any:
    from leaddesk.ui.main_window import MainWindow
    from leaddesk.ui.startup import check_later, paint_head_first

    if head_first:
        paint_head_first()
    window = MainWindow(db)
    qtbot.addWidget(window)
    check_later(window)
    with qtbot.waitSignal(window.board.first_painted, timeout=10_000):
        window.show()
    return window


def test_a_large_database_is_checked_after_the_paint_and_the_board_is_complete(
    qtbot: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch, english: Any
) -> None:
    from leaddesk.core.appinfo import app_versions
    from leaddesk.core.services.board import load_board
    from leaddesk.ui import startup

    _demo(data_dir, 120)
    monkeypatch.setattr(startup, "CHECK_BEFORE_PAINT_BYTES", 0)  # every file counts as large
    monkeypatch.setattr(startup, "HEAD_ROWS", 5)  # the first paint shows 5 cards per column
    db, deferred = startup.open_database(data_dir)
    try:
        assert deferred
        assert app_versions(db).get("last_opened_with") is None  # nothing written before the check
        full = load_board(db)
        window = _painted_window(qtbot, db, head_first=True)
        board = window.board
        # Painted from the head: at most 5 cards per column, but the headers count them all.
        assert all(m.rowCount() <= 5 for m in board.models.values())
        assert window.status_label.text() == "120 leads"
        for stage, ids in full.ids.items():
            assert board.columns[stage].header.count == len(ids)
            assert board.columns[stage].header.sums == pytest.approx(full.sums(ids))
        qtbot.waitUntil(lambda: board.shown_count() == 120, timeout=10_000)
        qtbot.waitUntil(lambda: app_versions(db).get("last_opened_with") is not None, timeout=10_000)
        assert not db.read_only and window.damage_banner is None
        # After the deferred read: every card, in board order, with the right counts and sums.
        assert board.total == 120
        for stage, ids in full.ids.items():
            assert board.models[stage].ids == ids
            header = board.columns[stage].header
            assert header.count == len(ids)
            assert header.sums == full.sums(ids)
    finally:
        db.close()


def test_a_move_while_the_rest_of_the_board_is_read_is_kept(
    qtbot: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from leaddesk.core.services.board import load_board
    from leaddesk.core.services.leads import move_stage
    from leaddesk.ui import startup

    _demo(data_dir, 80)
    monkeypatch.setattr(startup, "HEAD_ROWS", 3)
    db = Database.open_data_dir(data_dir)
    try:
        window = _painted_window(qtbot, db, head_first=True)
        board = window.board
        lead_id = load_board(db).ids["lead"][-1]  # not among the painted cards
        move_stage(db, lead_id, "won")  # another window's write, published while the rest loads
        qtbot.waitUntil(lambda: board.shown_count() == 80, timeout=10_000)
        full = load_board(db)
        assert lead_id in board.models["won"].ids
        for stage, ids in full.ids.items():
            assert board.models[stage].ids == ids
            assert board.columns[stage].header.count == len(ids)
    finally:
        db.close()


def test_damage_found_after_the_paint_turns_the_window_read_only_with_its_banner(
    qtbot: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from leaddesk.core.appinfo import app_versions
    from leaddesk.ui import startup

    _demo(data_dir, 60)
    _flip_bytes(data_dir / "leaddesk.sqlite3", "activity")  # the board's reads do not touch it
    monkeypatch.setattr(startup, "CHECK_BEFORE_PAINT_BYTES", 0)
    db, deferred = startup.open_database(data_dir)
    try:
        assert deferred and not db.read_only
        window = _painted_window(qtbot, db)
        qtbot.waitUntil(lambda: window.damage_banner is not None, timeout=10_000)
        assert db.read_only
        assert "read-only" in " ".join(label.text() for label in window.damage_banner.findChildren(QLabel))
        assert app_versions(db).get("last_opened_with") is None  # nothing was written into it
    finally:
        db.close()


def test_a_small_database_is_still_checked_before_the_window_opens(data_dir: Path) -> None:
    from leaddesk.ui import startup

    _demo(data_dir, 10)
    _flip_bytes(data_dir / "leaddesk.sqlite3", "activity")
    db, deferred = startup.open_database(data_dir)
    try:
        assert not deferred and db.read_only
    finally:
        db.close()


def test_the_first_cards_are_read_on_a_thread_while_the_window_is_built(
    qtbot: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from leaddesk.core.services import board_head
    from leaddesk.core.services.board import load_board
    from leaddesk.ui import startup
    from leaddesk.ui.main_window import MainWindow

    _demo(data_dir, 60)
    monkeypatch.setattr(startup, "HEAD_ROWS", 5)
    readers: list[str] = []
    read = board_head.load_board_head

    def spy(db: Database, per_stage: int) -> Any:
        readers.append(threading.current_thread().name)
        return read(db, per_stage)

    monkeypatch.setattr(board_head, "load_board_head", spy)
    db = Database.open_data_dir(data_dir)
    try:
        startup.paint_head_first(db)  # as the app's start does, before it loads the window's modules
        window = MainWindow(db)
        qtbot.addWidget(window)
        assert readers == ["leaddesk-board-head"]  # not the GUI thread, and only once
        full = load_board(db)
        for stage, ids in full.ids.items():
            assert window.board.models[stage].ids == ids[:5]
            assert window.board.columns[stage].header.count == len(ids)
        with qtbot.waitSignal(window.board.first_painted, timeout=10_000):
            window.show()
        qtbot.waitUntil(lambda: window.board.shown_count() == 60, timeout=10_000)
    finally:
        db.close()
