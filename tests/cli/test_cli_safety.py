"""The CLI with awkward data-folder names, private files, damaged databases, backups and restore."""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import sqlite3
import stat
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from leaddesk.cli import main

# Damage, backups, restore and rotation of the SQLite file.
pytestmark = pytest.mark.sqlite_only

FOLDER_NAMES = ["jürgen", "Müller & Söhne", "a#b;c", "what?", "quote'\"", "with space", "100%"]


def _run(folder: Path, *argv: str) -> int:
    return main(["--data-dir", str(folder), *argv])


@pytest.mark.parametrize("name", FOLDER_NAMES)
def test_every_command_works_in_a_data_folder_with_that_name(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / name / "LeadDesk"  # a new folder: created by the first command
    csv = tmp_path / "in.csv"
    csv.write_text("Vorname;Nachname;E-Mail\nAnna;Berg;anna@berg.de\n", encoding="utf-8")
    out = tmp_path / "out.json"
    assert _run(folder, "demo", "--leads", "3", "--seed", "1") == 0
    assert _run(folder, "import", str(csv)) == 0
    batch = capsys.readouterr().out.split("import ")[1].split(":")[0]
    assert _run(folder, "list", "--search", "Berg") == 0
    assert "Berg" in capsys.readouterr().out
    for argv in (
        ["check"],
        ["rescore"],
        ["followups"],
        ["export", "--format", "json", "-o", str(out)],
        ["undo-import", batch],
        ["backup"],
        ["backup", "--list"],
        ["restore", "1"],
        ["merge-db", "--dry-run", str(folder / "leaddesk.sqlite3.replaced-x.bak")],
    ):
        if argv[0] == "merge-db":
            argv[-1] = str(next(folder.glob("leaddesk.sqlite3.replaced-*.bak")))
        code = _run(folder, *argv)
        err = capsys.readouterr().err
        assert code == 0, (argv, err)
    # Everything stayed inside the named folder; nothing landed in its parent.
    assert (folder / "leaddesk.sqlite3").is_file()
    assert sorted(p.name for p in folder.parent.iterdir()) == ["LeadDesk"]
    assert _run(folder, "list", "--json") == 0
    assert len(json.loads(capsys.readouterr().out)) == 3  # the restored backup: before the import


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_data_folder_database_log_and_backups_are_private(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        folder = tmp_path / "LeadDesk"
        assert _run(folder, "demo", "--leads", "2") == 0
        assert _run(folder, "backup") == 0
        assert _run(folder, "backup", "-o", str(tmp_path / "copy.sqlite3")) == 0
        from leaddesk.core.db import Database

        db = Database.open_data_dir(folder)  # keeps the log and shared-memory files open
        try:
            from leaddesk.core.services.leads import create_lead

            create_lead(db, {"last_name": "Privat"})
            assert _mode(folder) == 0o700
            for path in [*folder.iterdir(), *(folder / "backups").iterdir(), tmp_path / "copy.sqlite3"]:
                if path.is_file():
                    assert _mode(path) == 0o600, path
            assert (folder / "leaddesk.sqlite3-wal").exists()
        finally:
            db.close()
        # Repaired on opening: a copy put in place with the umask's 0644.
        (folder / "leaddesk.sqlite3").chmod(0o644)
        folder.chmod(0o755)
        assert _run(folder, "list") == 0
        assert _mode(folder / "leaddesk.sqlite3") == 0o600 and _mode(folder) == 0o700
    finally:
        os.umask(old)


def _flip_bytes(file: Path, table: str) -> None:
    """Overwrite the middle of one of ``table``'s pages: damage a user can have after a disk fault."""
    with sqlite3.connect(file) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(file, "r+b") as f:
        f.seek((page - 1) * size + 8)
        f.write(b"\xff\x13\x37" * 40)


def test_a_damaged_database_opens_read_only_and_names_the_backup_to_restore(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from leaddesk.core.db import Database
    from leaddesk.core.errors import DatabaseDamagedError
    from leaddesk.core.services.leads import create_lead

    assert _run(data_dir, "demo", "--leads", "30", "--seed", "2") == 0
    assert _run(data_dir, "backup") == 0
    capsys.readouterr()
    _flip_bytes(data_dir / "leaddesk.sqlite3", "lead")
    db = Database.open_data_dir(data_dir)
    try:
        assert db.read_only and db.damage
        with pytest.raises(DatabaseDamagedError):
            create_lead(db, {"last_name": "Nope"})
    finally:
        db.close()
    csv = data_dir.parent / "x.csv"
    csv.write_text("Nachname\nNeu\n", encoding="utf-8")
    for argv in (["import", str(csv)], ["backup"], ["export", "--format", "csv", "-o", str(csv) + ".out"]):
        assert _run(data_dir, *argv) == 1
        err = capsys.readouterr().err
        assert "damaged" in err and "leaddesk restore --latest" in err and "Traceback" not in err, err
    assert _run(data_dir, "check") == 1
    assert re.search(r"\b\d+ problems? found", capsys.readouterr().err)
    _run(data_dir, "list")  # allowed read-only; reading the damaged pages is one line, no traceback
    assert "Traceback" not in capsys.readouterr().err
    assert _run(data_dir, "restore", "--latest") == 0
    assert _run(data_dir, "check") == 0
    capsys.readouterr()
    assert _run(data_dir, "list", "--json") == 0
    assert len(json.loads(capsys.readouterr().out)) == 30


def test_check_finds_missing_search_triggers(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with sqlite3.connect(data_dir / "leaddesk.sqlite3") as conn:
        conn.execute("DROP TRIGGER lead_fts_ai")
    assert _run(data_dir, "check") == 1
    assert "lead_fts_ai is missing" in capsys.readouterr().err


def test_rotation_keeps_seven_days_four_weeks_twelve_months(data_dir: Path) -> None:
    from leaddesk.core.backups import daily_backup_if_due, list_backups, rotation_keeps
    from leaddesk.core.db import Database

    start = datetime(2026, 1, 1, 9, tzinfo=UTC)
    days = [start + timedelta(days=d) for d in range(400)]
    kept = rotation_keeps(days)
    newest = days[-1]
    assert newest in kept
    assert {d for d in days if newest - d < timedelta(days=7)} <= kept
    assert len(kept) <= 7 + 4 + 12 + 1
    months = {(d.year, d.month) for d in kept}
    assert len(months) == 12
    # Through the real files: one a day for 40 days, then what is left on disk.
    db = Database.open_data_dir(data_dir)
    try:
        for d in range(40):
            assert daily_backup_if_due(db, now=start + timedelta(days=d)) is not None
            assert daily_backup_if_due(db, now=start + timedelta(days=d, hours=3)) is None  # once a day
        listed = list_backups(db.file)
    finally:
        db.close()
    names = [b.path.name for b in listed]
    assert len(names) == len(rotation_keeps([start + timedelta(days=d) for d in range(40)]))
    assert names[0] == "leaddesk-20260209-090000-daily.sqlite3"  # newest first
    assert "leaddesk-20260131-090000-daily.sqlite3" in names  # January's newest, for the month
    assert "leaddesk-20260130-090000-daily.sqlite3" not in names


def test_two_restores_in_one_second_keep_both_replaced_databases(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(data_dir, "backup", "-o", str(tmp_path / "b.sqlite3")) == 0
    assert _run(data_dir, "restore", str(tmp_path / "b.sqlite3")) == 0
    assert _run(data_dir, "restore", str(tmp_path / "b.sqlite3")) == 0
    assert len(list(data_dir.glob("leaddesk.sqlite3.replaced-*.bak"))) == 2
    assert not [p for p in data_dir.iterdir() if "restoring" in p.name or ".part-" in p.name]


def test_restore_into_a_new_folder(tmp_path: Path, data_dir: Path) -> None:
    assert _run(data_dir, "demo", "--leads", "4") == 0
    assert _run(data_dir, "backup", "-o", str(tmp_path / "b.sqlite3")) == 0
    new = tmp_path / "brand" / "new"
    assert _run(new, "restore", str(tmp_path / "b.sqlite3")) == 0
    assert _run(new, "check") == 0


def test_restore_is_refused_while_leaddesk_has_the_database_open(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from leaddesk.core.db import Database

    assert _run(data_dir, "backup", "-o", str(tmp_path / "b.sqlite3")) == 0
    db = Database.open_data_dir(data_dir)
    try:
        assert _run(data_dir, "restore", str(tmp_path / "b.sqlite3")) == 1
        assert "open in LeadDesk or another program" in capsys.readouterr().err
    finally:
        db.close()
    # Another program (no LeadDesk lock): SQLite itself says the file is in use.
    other = sqlite3.connect(data_dir / "leaddesk.sqlite3")
    other.execute("SELECT count(*) FROM lead").fetchone()
    try:
        assert _run(data_dir, "restore", str(tmp_path / "b.sqlite3")) == 1
        assert "open in LeadDesk or another program" in capsys.readouterr().err
    finally:
        other.close()
    assert not list(data_dir.glob("*.replaced-*")) and not list(data_dir.glob("*restoring*"))


def _writer(data_dir: str, tag: int, seconds: float, started: Any, acked: Any) -> None:
    """Saves leads one by one for ``seconds``, reporting each committed one by its name."""
    from leaddesk.core.db import Database
    from leaddesk.core.services.leads import create_lead

    db = Database.open_data_dir(data_dir)
    db.busy_patience = 10
    started.set()
    stop_at = time.monotonic() + seconds
    try:
        n = 0
        while time.monotonic() < stop_at:
            name = f"Writer{tag}x{n}"
            create_lead(db, {"last_name": name})
            acked.put(name)
            n += 1
    finally:
        db.close()


@pytest.mark.slow
def test_restore_while_another_process_writes_loses_nothing_silently(data_dir: Path, tmp_path: Path) -> None:
    """Either restore is refused and every acknowledged save is in the live database, or it
    ran and every one is in the kept copy; never a save that is nowhere."""
    from leaddesk.core.backups import restore
    from leaddesk.core.errors import DatabaseInUseError

    backup = tmp_path / "b.sqlite3"
    assert _run(data_dir, "backup", "-o", str(backup)) == 0
    ctx = multiprocessing.get_context("forkserver")
    refused = 0
    for tag in range(5):
        acked, started = ctx.Queue(), ctx.Event()
        proc = ctx.Process(target=_writer, args=(str(data_dir), tag, 0.5, started, acked))
        proc.start()
        assert started.wait(60)
        time.sleep(0.1)
        try:
            result = restore(backup, data_dir / "leaddesk.sqlite3")
        except DatabaseInUseError:
            refused += 1
            result = None
        proc.join(timeout=30)
        names = set()
        while not acked.empty():
            names.add(acked.get())
        assert names
        stored: set[str] = set()
        for where in (data_dir / "leaddesk.sqlite3", result.kept if result else None):
            if where is not None:
                with sqlite3.connect(where) as conn:
                    stored |= {r[0] for r in conn.execute("SELECT last_name FROM lead")}
                conn.close()
        assert names <= stored, sorted(names - stored)
    assert refused == 5  # the writer keeps the database open the whole time


def test_thousands_of_broken_cards_print_twenty_lines_and_a_count(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vcf = tmp_path / "broken.vcf"
    vcf.write_text("BEGIN:VCARD\r\nN:Berg;Anna\r\nEND:VCARD\r\n" + "END:VCARD\r\n" * 3000, encoding="utf-8")
    _run(data_dir, "import", "--dry-run", str(vcf))
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 21 and err[-1].startswith("… and more problems: 2,980"), err[-3:]


def test_damage_found_after_opening_makes_the_database_read_only(data_dir: Path) -> None:
    from leaddesk.core.db import Database
    from leaddesk.core.errors import DatabaseDamagedError
    from leaddesk.core.services.leads import create_lead

    assert _run(data_dir, "demo", "--leads", "30") == 0
    _flip_bytes(data_dir / "leaddesk.sqlite3", "lead")
    db = Database.open_data_dir(data_dir, check=False)  # an app that checks off its GUI thread
    try:
        assert not db.read_only
        assert db.check_damage() and db.read_only
        with pytest.raises(DatabaseDamagedError):
            create_lead(db, {"last_name": "Nope"})
    finally:
        db.close()
