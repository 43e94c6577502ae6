"""``leaddesk followups``: what is due, scriptable."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from leaddesk.cli import main
from leaddesk.core.db import Database
from leaddesk.core.models import utcnow
from leaddesk.core.services.leads import create_lead
from leaddesk.core.services.tasks import create_task, local_day


def test_followups_lists_due_and_overdue(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = Database.open_data_dir(data_dir)
    lead = create_lead(db, {"last_name": "Öztürk", "company": "Öztürk Bau"})[0].id
    today = local_day(utcnow(), "Europe/Berlin")
    create_task(db, lead, today - timedelta(days=2), title="Angebot nachfassen", tz="Europe/Berlin")
    create_task(db, lead, today + timedelta(days=5), title="später", tz="Europe/Berlin")
    db.close()
    assert main(["--data-dir", str(data_dir), "followups", "--json", "--tz", "Europe/Berlin"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["title"], r["state"], r["lead"]) for r in rows] == [
        ("Angebot nachfassen", "overdue", "Öztürk")
    ]
    assert main(["--data-dir", str(data_dir), "followups"]) == 0
    captured = capsys.readouterr()
    assert "Angebot nachfassen" in captured.out and "1 follow-up due" in captured.err
    assert main(["--data-dir", str(data_dir), "followups", "--tz", "Mars/Base"]) == 1
    assert "unknown time zone" in capsys.readouterr().err
