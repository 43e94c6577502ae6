"""Backups and erasure: a backup taken before an erasure never brings the person back."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from leaddesk.core.backups import restore
from leaddesk.core.db import Database, backup_sqlite, safety_copy
from leaddesk.core.models import Lead
from leaddesk.core.paths import DB_FILE_NAME
from leaddesk.core.privacy import audit
from leaddesk.core.privacy.erase import (
    after_restore,
    erase_leads,
    expire_copies,
    local_copies,
    scrub_local_copies,
)
from leaddesk.core.privacy.suppression import SuppressedError
from leaddesk.core.services.capture import save_card
from leaddesk.core.services.imports import plan_import
from leaddesk.core.services.leads import create_lead
from leaddesk.core.services.query import LeadFilter, lead_ids
from tests.core.privacy_marker import files_with, vcard

# Backups and safety copies are SQLite files; a server is backed up with pg_dump.
pytestmark = pytest.mark.sqlite_only

PERSON = {
    "first_name": "Jana",
    "last_name": "Quirinus",
    "company": "Quirinus AG",
    "email": "jana@quirinus.de",
}


def test_restoring_a_backup_from_before_the_erasure_keeps_the_person_erased(
    data_dir: Path, tmp_path: Path
) -> None:
    db = Database.open_data_dir(data_dir)
    view, _ = create_lead(db, PERSON)
    create_lead(db, {"first_name": "Otto", "last_name": "Bleibt"})
    backup = backup_sqlite(db.engine, tmp_path / "elsewhere" / "before.sqlite3")
    assert b"Quirinus" in backup.read_bytes()
    erase_leads(db, [view.id])
    db.close()

    restore(backup, data_dir / DB_FILE_NAME)
    after_restore(data_dir / DB_FILE_NAME)  # what every restore path calls (CLI, backups)
    db = Database.open_data_dir(data_dir)
    try:
        with db.session() as s:
            lead = s.get(Lead, view.id)
            assert lead is not None and lead.erased and lead.last_name == ""
        assert not lead_ids(db, LeadFilter(search="Quirinus"))
        assert lead_ids(db, LeadFilter(search="Bleibt"))
        assert [e.kind for e in audit.entries(db)][:2] == ["restore", "erasure"]
        # Re-importing the person's vCard and typing them in quick entry are refused with the reason.
        card = vcard("Jana", "Quirinus", PERSON["email"], org="Quirinus AG", note="")
        plan = plan_import(db, [("jana.vcf", card.encode())])
        assert plan.new == 0 and "at the person's request" in plan.problems("error")[0]
        with pytest.raises(SuppressedError, match="at the person's request"):
            save_card(db, {"first_name": "Jana", "last_name": "Quirinus", "company": "Quirinus AG"})
    finally:
        db.close()
    # The live folder (database, log, the copy of the replaced file aside) holds nothing of her.
    for copy in data_dir.glob("*.bak"):
        copy.unlink()  # the replaced database: already erased
    assert files_with(data_dir, [b"Quirinus"]) == {}


def test_local_safety_copies_forget_the_person_and_old_ones_expire(data_dir: Path) -> None:
    db = Database.open_data_dir(data_dir)
    view, _ = create_lead(db, PERSON)
    copy = safety_copy(db.engine, "merge")
    assert copy is not None and b"Quirinus" in copy.read_bytes()
    erase_leads(db, [view.id])
    assert local_copies(db) == [copy]
    assert scrub_local_copies(db) == 1
    assert b"Quirinus" not in copy.read_bytes()
    other = Database.open(f"sqlite:///{copy}")
    with other.session() as s:
        assert s.execute(select(Lead.erased).where(Lead.id == view.id)).scalar_one() is True
    other.close()
    old = time.time() - 40 * 86400
    os.utime(copy, (old, old))
    assert expire_copies(db, 30) == [copy] and not copy.exists()
    db.close()
