"""Art. 17 erasure: the person's text is in zero bytes of the data folder, the funnel figures stay."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from sqlalchemy import func, select

from leaddesk.core.changes import Changes
from leaddesk.core.db import Database, backup_sqlite
from leaddesk.core.models import Activity, ErasureLog, Lead, StageChange, Suppression, Task
from leaddesk.core.privacy import audit
from leaddesk.core.privacy.erase import erase_by_uid, erase_leads, preview
from leaddesk.core.services.leads import create_lead
from leaddesk.core.services.query import LeadFilter, lead_ids
from tests.core.privacy_marker import MARKER, PHONE_MARK, files_with, make_marker_lead

NEEDLES = [MARKER.encode(), MARKER.lower().encode(), PHONE_MARK.encode(), "Müller".encode()]


def _erase_and_scan(db: Database, data_dir: Path, tmp_path: Path) -> dict[str, list[str]]:
    marker = make_marker_lead(db, tmp_path)
    # Before: the marker is everywhere (database or its log), and the search finds the person.
    assert lead_ids(db, LeadFilter(search=MARKER))
    assert files_with(data_dir, NEEDLES[:1])
    assert _index_terms(db)
    heard: list[Changes] = []
    db.add_listener(heard.append)
    before_stages = _stage_rows(db, marker.lead_id)
    result = erase_leads(db, [marker.lead_id], actor="Anna")
    assert marker.merged_id in result.merged_ids
    assert any(marker.lead_id in c.removed for c in heard)
    # The anonymous skeleton: stage history (dates, stages) and value stay for the funnel.
    assert _stage_rows(db, marker.lead_id) == before_stages
    assert result.stage_changes_kept >= len(before_stages)  # the merged record's history too
    with db.session() as s:
        lead = s.get(Lead, marker.lead_id)
        assert lead is not None and lead.erased and lead.stage == "mql"
        assert (lead.first_name, lead.last_name, lead.email, lead.notes, lead.source) == ("", "", "", "", "")
        assert s.execute(select(func.count()).select_from(Task).where(Task.lead_id == lead.id)).scalar() == 0
        assert s.execute(
            select(func.count()).select_from(Activity).where(Activity.lead_id == lead.id)
        ).scalar()
        assert s.execute(select(func.count()).select_from(Suppression)).scalar() >= 3
        assert s.execute(select(ErasureLog.uid)).scalars().all()
    assert not lead_ids(db, LeadFilter(search=MARKER))
    assert not lead_ids(db, LeadFilter(search="Jana"))
    # The search index's own term list (its leaves are prefix-compressed, so a byte search alone
    # could miss a word left in an old segment).
    assert _index_terms(db) == []
    assert [e.kind for e in audit.entries(db)] == ["erasure"]
    assert audit.entries(db)[0].subject == "J*** M***"
    # A backup taken afterwards holds nothing of the person either.
    backup_sqlite(db.engine, data_dir / "backups" / "after.sqlite3")
    db.close()
    return files_with(data_dir, NEEDLES)


def _index_terms(db: Database) -> list[str]:
    """Words of the search index holding the marker (FTS5's vocabulary of the index itself)."""
    with db.engine.connect() as conn:
        conn.exec_driver_sql("CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, lead_fts, 'row')")
        found = [
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT term FROM temp.terms WHERE term LIKE '%xylomarq%' OR term LIKE '%3099887766%'"
            )
        ]
        conn.exec_driver_sql("DROP TABLE temp.terms")
    return found


def _stage_rows(db: Database, lead_id: int) -> list[tuple[str | None, str, object]]:
    with db.session() as s:
        return [
            tuple(r)
            for r in s.execute(
                select(StageChange.from_stage, StageChange.to_stage, StageChange.at)
                .where(StageChange.lead_id == lead_id)
                .order_by(StageChange.id)
            )
        ]


@pytest.mark.sqlite_only  # bytes of the SQLite file and its log
def test_erasing_a_person_leaves_their_text_in_no_byte_of_the_data_folder(
    data_dir: Path, tmp_path: Path
) -> None:
    db = Database.open_data_dir(data_dir)
    create_lead(db, {"first_name": "Otto", "last_name": "Anders", "company": "Anders AG"})
    assert _erase_and_scan(db, data_dir, tmp_path) == {}
    # The other lead is untouched.
    db = Database.open_data_dir(data_dir)
    assert lead_ids(db, LeadFilter(search="Anders"))
    db.close()


@pytest.mark.sqlite_only  # bytes of the SQLite file and its log
@pytest.mark.slow
def test_erasure_among_100000_other_leads_leaves_no_byte(data_dir: Path, tmp_path: Path) -> None:
    db = Database.open_data_dir(data_dir)
    _bulk_leads(db, 100_000)
    assert _erase_and_scan(db, data_dir, tmp_path) == {}


def _bulk_leads(db: Database, count: int) -> None:
    """``count`` plain leads in one set-based insert (the demo builder's scoring is not needed)."""
    rng = random.Random(7)
    first = ["Anna", "Jonas", "Lena", "Paul", "Mia", "Felix", "Sara", "Tim"]
    last = ["Schmidt", "Meyer", "Wagner", "Becker", "Hoffmann", "Koch", "Richter", "Klein"]
    rows = [
        (
            f"00000000-0000-4000-8000-{i:012d}",
            rng.choice(first),
            rng.choice(last),
            f"Firma {i % 5000} GmbH",
            f"kontakt{i}@firma{i % 5000}.de",
            f"kontakt{i}@firma{i % 5000}.de",
            rng.choice(["lead", "mql", "sql", "won", "lost"]),
            float(i),
            f"Notiz {i}",
        )
        for i in range(count)
    ]
    with db.transaction() as session:
        conn = session.connection()
        conn.exec_driver_sql(
            "INSERT INTO lead (uid, first_name, last_name, company, title, email, email_lower, phone,"
            " mobile, phone_key, website, street, postal_code, city, country, industry, source, tags,"
            " owner, notes, value, currency, stage, lost_reason, position, manual_score, bant_confirmed,"
            " has_qualification, consent_source, consent_purpose, erased, created_at, updated_at, version)"
            " VALUES (?, ?, ?, ?, '', ?, ?, '', '', '', '', '', '', 'Berlin', 'DE', '', 'Website', '', '', ?,"
            " 1000, 'EUR', ?, '', ?, 0, 0, 0, '', '', 0, '2026-01-01 00:00:00.000000',"
            " '2026-01-01 00:00:00.000000', 1)",
            [(r[0], r[1], r[2], r[3], r[4], r[5], r[8], r[6], r[7]) for r in rows],
        )
    db.refresh_stats()


def test_the_question_names_the_person_and_what_stays(db: Database, tmp_path: Path) -> None:
    marker = make_marker_lead(db, tmp_path)
    seen = preview(db, marker.lead_id)
    assert seen.name == f"Jana{MARKER} Müller{MARKER}"
    assert seen.masked == "J*** M***"
    assert seen.stage == "mql" and seen.stage_changes >= 2 and seen.merged_records == 1


def test_erase_by_uid_and_an_unknown_uid(db: Database) -> None:
    from leaddesk.core.errors import NotFoundError

    view, _ = create_lead(db, {"first_name": "Eva", "last_name": "Ernst", "email": "eva@ernst.de"})
    with pytest.raises(NotFoundError):
        erase_by_uid(db, ["no-such-uid"])
    result = erase_by_uid(db, [view.uid], actor="cli")
    assert result.erased_ids == (view.id,)


@pytest.mark.sqlite_only  # bytes of the SQLite file and its log
def test_a_file_made_before_incremental_vacuum_is_vacuumed_once(data_dir: Path, tmp_path: Path) -> None:
    """Databases from older LeadDesk versions have no incremental auto-vacuum: the first erasure
    rewrites the file (and switches it over); the person is gone all the same."""
    import sqlite3

    from leaddesk.core.paths import DB_FILE_NAME

    raw = sqlite3.connect(data_dir / DB_FILE_NAME)
    raw.execute("PRAGMA auto_vacuum=NONE")
    raw.execute("VACUUM")
    assert raw.execute("PRAGMA auto_vacuum").fetchone()[0] == 0
    raw.close()
    db = Database.open_data_dir(data_dir)
    marker = make_marker_lead(db, tmp_path)
    with db.transaction() as s:  # free pages from deletions before the erasure (an emptied trash, say)
        s.connection().exec_driver_sql("CREATE TABLE scratch AS SELECT * FROM lead")
        s.connection().exec_driver_sql("DROP TABLE scratch")
    result = erase_leads(db, [marker.lead_id])
    assert result.wipe is not None and result.wipe.vacuumed and result.wipe.log_truncated
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA auto_vacuum").scalar() == 2
    db.close()
    assert files_with(data_dir, NEEDLES) == {}
