"""``leaddesk erase``, ``subject-access`` and ``audit`` as a script user runs them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from leaddesk.cli import main
from leaddesk.core.db import Database
from leaddesk.core.services.leads import create_lead


def _person(data_dir: Path) -> str:
    db = Database.open_data_dir(data_dir)
    view, _ = create_lead(db, {"first_name": "Jana", "last_name": "Kessler", "email": "jana@kessler.de"})
    db.close()
    return view.uid


def test_erase_asks_unless_yes_and_says_what_stays(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    uid = _person(data_dir)
    assert main(["--data-dir", str(data_dir), "erase", uid]) == 2  # no terminal to ask, no --yes
    out = capsys.readouterr()
    assert "erase Jana Kessler" in out.out and "stays anonymously" in out.out
    assert "nothing erased; confirm with --yes" in out.err
    assert main(["--data-dir", str(data_dir), "list", "--search", "Kessler", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1
    assert main(["--data-dir", str(data_dir), "erase", uid, "--yes"]) == 0
    assert "people erased: 1" in capsys.readouterr().out
    assert main(["--data-dir", str(data_dir), "list", "--search", "Kessler", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["--data-dir", str(data_dir), "audit", "--format", "json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert [(e["kind"], e["subject"]) for e in entries] == [("erasure", "J*** K***")]


def test_subject_access_writes_json_and_pdf(
    qapp: Any, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``qapp`` first: one application object per process, and the UI tests after this one need a
    QApplication rather than the QCoreApplication ``--lang de`` would make."""
    uid = _person(data_dir)
    target = tmp_path / "auskunft"
    assert main(["--data-dir", str(data_dir), "subject-access", uid, "-o", str(target), "--lang", "de"]) == 0
    data = json.loads((tmp_path / "auskunft.json").read_text("utf-8"))
    assert data["person"]["last_name"] == "Kessler"
    assert (tmp_path / "auskunft.pdf").read_bytes().startswith(b"%PDF")
    assert (
        main(["--data-dir", str(data_dir), "audit", "--format", "csv", "-o", str(tmp_path / "log.csv")]) == 0
    )
    assert "access_export;J*** K***" in (tmp_path / "log.csv").read_text("utf-8")


def test_unknown_uid_is_one_line(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(data_dir), "erase", "nobody", "--yes"]) == 1
    assert "no lead has the uid or number" in capsys.readouterr().err


def test_retention_settings_and_the_due_list(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "--data-dir",
                str(data_dir),
                "retention",
                "--set",
                "won_years=10",
                "--set",
                "inactive_months=off",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "won_years = 10" in out and "inactive_months = off" in out
    assert main(["--data-dir", str(data_dir), "retention", "--set", "nonsense=3"]) == 2
    assert "unknown retention setting" in capsys.readouterr().err
    _person(data_dir)
    assert main(["--data-dir", str(data_dir), "retention", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []  # a lead created today is due for nothing
