"""``leaddesk users …`` and ``--as USER``: the team's list and who a command acts as."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from leaddesk.cli import main
from leaddesk.core import who
from leaddesk.core.db import Database
from leaddesk.core.services.leads import create_lead, get_lead


def _run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


def test_users_add_list_rename_deactivate(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(data_dir, "users", "add", "Anna Berger", "--email", "anna@example.com") == 0
    assert _run(data_dir, "users", "add", "Tobias Klein", "--initials", "tk") == 0
    db = Database.open_data_dir(data_dir)
    lead, _ = create_lead(db, {"last_name": "Kessler", "owner": "anna berger"})  # typed by hand
    assert lead.owner == "Anna Berger"  # the user's spelling
    db.close()
    assert _run(data_dir, "users", "add", "ANNA BERGER") == 1
    capsys.readouterr()
    assert _run(data_dir, "users", "list", "--json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["name"], r["initials"], r["email"], r["active"]) for r in rows] == [
        ("Anna Berger", "AB", "anna@example.com", True),
        ("Tobias Klein", "TK", "", True),
    ]
    assert _run(data_dir, "--as", "Tobias Klein", "users", "list") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1].startswith("* Tobias Klein") and out[0].startswith("  Anna Berger")

    assert _run(data_dir, "users", "rename", "Anna Berger", "Anna Schmidt") == 0
    assert "Anna Schmidt now owns 1 lead" in capsys.readouterr().out
    db = Database.open_data_dir(data_dir)
    assert get_lead(db, lead.id).owner == "Anna Schmidt"
    db.close()

    assert _run(data_dir, "users", "deactivate", "Tobias Klein") == 0
    capsys.readouterr()
    assert _run(data_dir, "users", "list") == 0
    assert "Tobias" not in capsys.readouterr().out
    assert _run(data_dir, "users", "list", "--all") == 0
    assert "(inactive)" in capsys.readouterr().out


def test_users_errors_are_one_line(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(data_dir, "users", "add", "Anna") == 0
    assert _run(data_dir, "users", "add", "anna") == 1
    assert "'Anna' is a user already" in capsys.readouterr().err
    assert _run(data_dir, "users", "rename", "Nobody", "X") == 1
    assert "there is no user 'Nobody'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        _run(data_dir, "users")  # an action is needed


def _erase_and_read_actor(data_dir: Path, capsys: pytest.CaptureFixture[str], *before: str) -> str:
    db = Database.open_data_dir(data_dir)
    view, _ = create_lead(db, {"first_name": "Jana", "last_name": "Kessler"})
    db.close()
    assert main([*before, "--data-dir", str(data_dir), "erase", view.uid, "--yes"]) == 0
    capsys.readouterr()
    assert _run(data_dir, "audit", "--format", "json", "--limit", "1") == 0
    return str(json.loads(capsys.readouterr().out)[0]["actor"])


def test_as_and_the_environment_name_the_actor(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    who.choose("Anna Berger")
    assert _erase_and_read_actor(data_dir, capsys) == "Anna Berger"
    monkeypatch.setenv("LEADDESK_USER", "Sabine Roth")
    assert _erase_and_read_actor(data_dir, capsys) == "Sabine Roth"
    assert _erase_and_read_actor(data_dir, capsys, "--as", "Tobias Klein") == "Tobias Klein"
    assert who.current() == "Sabine Roth"  # --as lasted for that command only
