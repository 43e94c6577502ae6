"""``leaddesk rescore`` scripts the same core as the editor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from leaddesk.cli import main
from leaddesk.core.db import Database
from leaddesk.core.scoring import rescore_all

from .helpers import NOW, add_lead


def test_rescore_command(data_dir: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = Database.open_data_dir(data_dir)
    lead = add_lead(db, title="Geschäftsführer", company_size=40, email="a@gmail.com")
    db.close()
    assert main(["--data-dir", str(data_dir), "rescore", "--defaults"]) == 0
    out = capsys.readouterr().out
    assert "rescored 1 leads" in out and "1 changed" in out
    assert main(["--data-dir", str(data_dir), "list", "--json"]) == 0
    row = json.loads(capsys.readouterr().out)[0]
    assert (row["id"], row["fit_score"], row["score"]) == (lead, 20 + 15 - 10, 25)

    exported = tmp_path / "rules.json"
    assert main(["--data-dir", str(data_dir), "rescore", "--export-rules", str(exported)]) == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    data["rules"] = [r for r in data["rules"] if r["points"] > 0]  # drop the negative rules
    exported.write_text(json.dumps(data), encoding="utf-8")
    assert main(["--data-dir", str(data_dir), "rescore", "--import-rules", str(exported)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["score"] == 35


def test_rescore_reports_a_bad_rules_file(
    data_dir: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "leaddesk-score-rules", "rules": [{"field": "x"}]}', encoding="utf-8")
    assert main(["--data-dir", str(data_dir), "rescore", "--import-rules", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("leaddesk: bad.json: rule 1 ") and "unknown field 'x'" in err


def test_rescore_all_is_idempotent(db: Database) -> None:
    add_lead(db, title="CEO")
    rescore_all(db, now=NOW)
    assert rescore_all(db, now=NOW).changed == 0
