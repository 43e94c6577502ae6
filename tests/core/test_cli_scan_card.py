"""``leaddesk scan-card``: fields as JSON lines; ``--save`` stores leads with pictures, not duplicates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from leaddesk.cli import main
from leaddesk.core.services.capture import card_images
from leaddesk.core.services.query import LeadFilter, list_leads
from tests.cardrender import Line, qr_image, render_card

MECARD = "MECARD:N:Schäfer,Lena;ORG:Schäfer KG;TEL:+49891234567;EMAIL:lena@schaefer.example;;"


def test_scan_card_prints_and_saves(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "lena.png"
    render_card([Line("Lena Schäfer", 40)], qr=qr_image(MECARD)).save(path)
    args = ["--data-dir", str(data_dir), "scan-card", str(path), "--save", "--source", "Messe München"]
    assert main(args) == 0
    row = json.loads(capsys.readouterr().out)
    assert row["method"] == "qr" and row["fields"]["last_name"] == "Schäfer" and row["lead_id"] == 1

    assert main(args) == 1  # the same card again is a duplicate: reported, not saved
    assert "possible duplicate of lead 1" in json.loads(capsys.readouterr().out)["skipped"]

    from leaddesk.core.db import Database

    db = Database.open_data_dir(data_dir)
    try:
        (lead,) = list_leads(db, LeadFilter())
        assert lead["source"] == "Messe München" and lead["email"] == "lena@schaefer.example"
        assert len(card_images(db, lead["id"])) == 1
    finally:
        db.close()


def test_scan_card_missing_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan-card", str(tmp_path / "nope.jpg")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("leaddesk: ") and "nope.jpg" in err and err.count("\n") == 1
