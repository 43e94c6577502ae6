"""Art. 15 access export: the JSON holds every piece of the marker lead."""

from __future__ import annotations

import json
from pathlib import Path

from leaddesk.core.db import Database
from leaddesk.core.privacy import audit
from leaddesk.core.privacy.access import SECTIONS, record_export, subject_access, write_json
from tests.core.privacy_marker import MARKER, make_marker_lead


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def test_the_json_holds_every_piece_of_the_person(db: Database, tmp_path: Path) -> None:
    marker = make_marker_lead(db, tmp_path)
    report = subject_access(db, marker.lead_id)
    target = write_json(report, tmp_path / "out" / "auskunft.json")
    data = json.loads(target.read_text("utf-8"))
    assert set(SECTIONS) <= set(data)
    person = data["person"]
    for field in (
        "first_name",
        "last_name",
        "company",
        "title",
        "email",
        "website",
        "street",
        "city",
        "notes",
    ):
        assert MARKER.lower() in str(person[field]).lower(), field
    assert MARKER in data["consent"]["consent_source"] and MARKER in data["consent"]["consent_purpose"]
    # Every piece of text the services stored with the marker is in the export, section by section.
    joined = {s: " ".join(_strings(data[s])) for s in SECTIONS}
    for section in (
        "activities",  # mails, meetings, the call and its notes
        "qualification",
        "qualification_history",
        "tasks",
        "call_drafts",
        "score_adjustments",
        "imports",
        "attachments",
        "merged_records",
        "stage_history",
    ):
        assert MARKER.lower() in joined[section].lower(), section
    assert "Gesprächsnotiz" in joined["activities"] and "Rückruf" in joined["tasks"]
    assert f"Empfehlung durch {MARKER}" in joined["score_adjustments"]
    assert f"karte-{MARKER}.jpg" in joined["attachments"]  # stored re-encoded
    assert f"{MARKER}-update.vcf" in joined["imports"]
    assert f"Bedarf {MARKER}" in joined["qualification"]
    assert data["merged_records"][0]["email"].startswith(f"j.{MARKER.lower()}")
    record_export(db, report, actor="Anna")
    entry = audit.entries(db)[0]
    assert (entry.kind, entry.subject, entry.actor) == ("access_export", "J*** M***", "Anna")
