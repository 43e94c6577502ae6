"""The ``leaddesk`` command as a script user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from leaddesk.cli import main

REQUIRED_KEYS = set(
    "uid first_name last_name company title email phone mobile street postal_code city country source tags"
    " stage value score fit_score engagement_score manual_score".split()
)


def test_demo_then_list_json(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(data_dir), "demo", "--leads", "120", "--seed", "5"]) == 0
    capsys.readouterr()
    assert main(["list", "--data-dir", str(data_dir), "--stage", "mql", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(r["stage"] == "mql" for r in rows)
    assert set(rows[0]) >= REQUIRED_KEYS
    assert rows[0]["created_at"].endswith("+00:00")


def test_list_search_and_empty_json(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(data_dir), "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_unknown_stage_is_one_clear_line_and_exit_2(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(data_dir), "list", "--stage", "closed"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown stage 'closed'" in err


@pytest.mark.sqlite_only  # the SQLite file (integrity, locks, backups)
def test_check_reports_ok_and_problems(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(data_dir), "check"]) == 0
    assert "database OK" in capsys.readouterr().out
    import sqlite3

    from leaddesk.core.paths import DB_FILE_NAME

    with sqlite3.connect(data_dir / DB_FILE_NAME) as conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute(
            "INSERT INTO stagechange (lead_id, from_stage, to_stage, at, actor, actor_kind, reason)"
            " VALUES (4242, NULL, 'lead', '2026-01-01 00:00:00', '', 'user', '')"
        )
    assert main(["--data-dir", str(data_dir), "check"]) == 1
    assert "foreign key" in capsys.readouterr().err


@pytest.mark.sqlite_only  # the SQLite file (integrity, locks, backups)
def test_newer_database_is_refused_with_a_message(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    from leaddesk.core.paths import DB_FILE_NAME

    with sqlite3.connect(data_dir / DB_FILE_NAME) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'from_the_future'")
    assert main(["--data-dir", str(data_dir), "list"]) == 1
    assert "newer LeadDesk" in capsys.readouterr().err


@pytest.mark.sqlite_only  # the SQLite file (integrity, locks, backups)
def test_backup_writes_a_consistent_copy(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["--data-dir", str(data_dir), "demo", "--leads", "20"])
    target = tmp_path / "copy.sqlite3"
    assert main(["--data-dir", str(data_dir), "backup", "-o", str(target)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(tmp_path), "list", "--json"]) == 0  # empty folder: a new database
    import sqlite3

    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT count(*) FROM lead").fetchone() == (20,)


def test_data_dir_from_environment(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEADDESK_DATA_DIR", str(data_dir))
    out = subprocess.run(
        [sys.executable, "-m", "leaddesk", "demo", "--leads", "3"], capture_output=True, text=True, check=True
    )
    assert "added 3 demo leads" in out.stdout
    from leaddesk.core.db import Database
    from leaddesk.core.services.query import LeadFilter, lead_ids

    db = Database.open_data_dir(data_dir)
    assert len(lead_ids(db, LeadFilter())) == 3
    db.close()


@pytest.mark.sqlite_only  # the SQLite file (integrity, locks, backups)
def test_restore_replaces_the_database_and_keeps_the_old_one(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["--data-dir", str(data_dir), "demo", "--leads", "5"])
    backup = tmp_path / "b.sqlite3"
    main(["--data-dir", str(data_dir), "backup", "-o", str(backup)])
    main(["--data-dir", str(data_dir), "demo", "--leads", "7"])
    assert main(["--data-dir", str(data_dir), "restore", str(backup)]) == 0
    assert "previous database was kept" in capsys.readouterr().out
    main(["--data-dir", str(data_dir), "list", "--json"])
    assert len(json.loads(capsys.readouterr().out)) == 5


def test_restore_refuses_a_file_that_is_not_a_backup(data_dir: Path, tmp_path: Path, capsys) -> None:
    bogus = tmp_path / "notes.txt"
    bogus.write_text("hello", encoding="utf-8")
    main(["--data-dir", str(data_dir), "demo", "--leads", "2"])
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "restore", str(bogus)]) == 1
    assert "not a LeadDesk database" in capsys.readouterr().err
    main(["--data-dir", str(data_dir), "list", "--json"])
    assert len(json.loads(capsys.readouterr().out)) == 2


def test_output_cut_short_by_the_reader_is_not_an_error_message(tmp_path: Path) -> None:
    """``leaddesk list --json | head`` must not end with "Broken pipe" on the terminal."""
    data_dir = tmp_path / "data"
    assert main(["--data-dir", str(data_dir), "demo", "--leads", "400", "--seed", "2"]) == 0
    with subprocess.Popen(
        [sys.executable, "-m", "leaddesk", "--data-dir", str(data_dir), "list", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.read(100)  # read a little, then hang up like `head` does
        proc.stdout.close()
        err = proc.stderr.read().decode()
        proc.wait(timeout=60)
    assert "Broken pipe" not in err and "Traceback" not in err, err


@pytest.fixture
def locked(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Another program holds the write lock (a second LeadDesk in a long write, say)."""
    import sqlite3

    import leaddesk.core.db as db_module
    from leaddesk.core.paths import DB_FILE_NAME

    assert main(["--data-dir", str(data_dir), "demo", "--leads", "10", "--seed", "3"]) == 0
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 50)
    monkeypatch.setenv("LEADDESK_BUSY_WAIT", "0.3")  # commands wait their turn, here not for long
    other = sqlite3.connect(data_dir / DB_FILE_NAME, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    yield data_dir
    other.rollback()
    other.close()


@pytest.mark.sqlite_only  # the SQLite file (integrity, locks, backups)
@pytest.mark.parametrize("argv", [["demo", "--leads", "2"], ["rescore"], ["check"], ["import", "{csv}"]])
def test_a_locked_database_is_one_clear_line_not_a_traceback_or_damage(
    locked: Path, tmp_path: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    csv = tmp_path / "leads.csv"
    csv.write_text("Vorname;Nachname;E-Mail\nAnna;Berg;anna@berg.de\n", encoding="utf-8")
    assert main(["--data-dir", str(locked), *(a.replace("{csv}", str(csv)) for a in argv)]) != 0
    err = capsys.readouterr().err
    assert "Another LeadDesk process is writing" in err and "search index" not in err, err
    assert "SELECT" not in err and "Traceback" not in err and err.count("\n") <= 2, err


@pytest.mark.sqlite_only  # the SQLite file (integrity, locks, backups)
def test_backup_into_a_folder_writes_a_dated_file_there(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "Backups"
    folder.mkdir()
    assert main(["--data-dir", str(data_dir), "backup", "-o", str(folder)]) == 0
    (written,) = folder.iterdir()
    assert written.name.startswith("leaddesk-backup-") and written.suffix == ".sqlite3"
    assert capsys.readouterr().out.strip() == f"backup written to {written}"
    assert not list(tmp_path.glob("*.part"))


def test_export_into_a_missing_folder_names_that_folder(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "nope" / "leads.csv"
    assert main(["--data-dir", str(data_dir), "export", "--format", "csv", "-o", str(target)]) != 0
    assert capsys.readouterr().err.strip() == f"leaddesk: No such folder: {target.parent}"


def test_delete_and_restore_from_the_trash(data_dir: Path, capsys: Any) -> None:
    from leaddesk.cli import main
    from leaddesk.core.db import Database
    from leaddesk.core.services.leads import create_lead

    db = Database.open_data_dir(data_dir)
    view, _ = create_lead(db, {"last_name": "Papierkorb", "company": "Müll AG"})
    db.close()
    args = ["--data-dir", str(data_dir)]
    assert main([*args, "delete", view.uid]) == 0
    assert main([*args, "list", "--json"]) == 0
    capsys.readouterr()
    assert main([*args, "trash"]) == 0
    assert view.uid in capsys.readouterr().out
    assert main([*args, "trash", "--restore", view.uid]) == 0
    assert main([*args, "list", "--search", "Papierkorb"]) == 0
    assert "Papierkorb" in capsys.readouterr().out
    assert main([*args, "delete", "no-such-uid"]) == 1
    assert "no-such-uid" in capsys.readouterr().err


def test_timezone_defaults_to_the_machine_and_can_be_set(
    data_dir: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    args = ["--data-dir", str(data_dir), "timezone"]
    assert main(args) == 0 and capsys.readouterr().out.strip() == "Asia/Tokyo"
    assert main([*args, "America/New_York"]) == 0 and capsys.readouterr().out.strip() == "America/New_York"
    assert main(args) == 0 and capsys.readouterr().out.strip() == "America/New_York"
    assert main([*args, "Mars/Olympus"]) == 1 and "Mars/Olympus" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--data-dir", "x"],
        ["--data-dir=x", "--lang", "de"],
        ["--as", "Ann", "--lang=en", "--data-dir", "y"],
    ],
)
def test_a_window_start_reads_its_options_as_the_whole_command_line_does(argv: list[str]) -> None:
    """The window's start builds no command parsers (issue 18) and reads the same options."""
    from leaddesk.cli import _opens_window, build_parser

    assert _opens_window(argv)
    assert vars(build_parser(commands=False).parse_args(argv)) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize(
    "argv",
    [
        ["list"],
        ["--data-dir", "x", "list"],
        ["-h"],
        ["--help"],
        ["--version"],
        ["--data", "x"],
        ["--selftest"],
    ],
)
def test_a_command_help_or_anything_unusual_gets_every_command(argv: list[str]) -> None:
    from leaddesk.cli import _opens_window

    assert not _opens_window(argv)
