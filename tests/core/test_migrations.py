"""Schema upgrades keep data; models and migrations never drift; newer databases are refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel

from leaddesk.core.db import (
    Database,
    _alembic_config,
    current_revision,
    head_revision,
    include_in_autogenerate,
    make_engine,
    migrate,
)
from leaddesk.core.errors import DatabaseError

FIRST_REVISION = "0001"
TEXT_COLUMNS = (
    "title email_lower phone mobile phone_key website street postal_code country industry tags owner"
    " lost_reason score_flag consent_source consent_purpose"
).split()
OLD_LEAD: dict[str, object] = {
    "uid": "u-1",
    "first_name": "Jürgen",
    "last_name": "Müller",
    "company": "Müller GmbH",
    "email": "j@m.de",
    "city": "Köln",
    "source": "Messe",
    "notes": "Notiz",
    "value": 1200.0,
    "currency": "EUR",
    "stage": "mql",
    "position": 1.0,
    "created_at": "2026-01-01 10:00:00",
    "updated_at": "2026-01-01 10:00:00",
    "version": 3,
    **dict.fromkeys(TEXT_COLUMNS, ""),
    **dict.fromkeys(
        (
            "fit_score",
            "engagement_score",
            "manual_score",
            "score",
            "bant_confirmed",
            "has_qualification",
            "erased",
        ),
        0,
    ),
}


def _revisions() -> list[str]:
    script = ScriptDirectory.from_config(_alembic_config(make_engine("sqlite://")))
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def test_first_revision_upgrades_to_head_with_data_intact(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine, FIRST_REVISION)
    with engine.begin() as conn:
        # Raw SQL, as the first revision's schema knew it: the models may have moved on since.
        conn.exec_driver_sql(
            f"INSERT INTO lead ({', '.join(OLD_LEAD)}) VALUES ({', '.join('?' for _ in OLD_LEAD)})",
            tuple(OLD_LEAD.values()),
        )
        conn.exec_driver_sql(
            "INSERT INTO stagechange (lead_id, from_stage, to_stage, at, actor, actor_kind, reason)"
            " VALUES (1, 'lead', 'mql', '2026-01-02 10:00:00', 'Anna', 'user', '')"
        )
    engine.dispose()

    db = Database.open(f"sqlite:///{path}")
    try:
        assert current_revision(db.engine) == head_revision()
        with db.engine.connect() as conn:
            row = conn.exec_driver_sql(
                "SELECT first_name, last_name, city, value, stage, version FROM lead"
            ).one()
            assert tuple(row) == ("Jürgen", "Müller", "Köln", 1200.0, "mql", 3)
            assert conn.exec_driver_sql("SELECT count(*) FROM stagechange").scalar() == 1
            hits = conn.exec_driver_sql("SELECT rowid FROM lead_fts WHERE lead_fts MATCH 'mül*'").all()
            assert hits == [(1,)]
    finally:
        db.close()


@pytest.mark.parametrize("old", _revisions()[:-1])
def test_upgrade_from_an_older_revision_copies_the_file_aside(tmp_path: Path, old: str) -> None:
    path = tmp_path / "old.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine, old)
    result = migrate(engine)
    engine.dispose()
    assert result.from_revision == old and result.backup is not None and result.backup.exists()
    with sqlite3.connect(result.backup) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (old,)


def test_models_and_migrations_agree(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    migrate(engine)
    with engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(
                conn, opts={"compare_type": True, "include_object": include_in_autogenerate}
            ),
            SQLModel.metadata,
        )
    engine.dispose()
    assert diff == [], f"models.py changed without a migration: {diff}"


def test_models_and_migrations_agree_on_postgresql(pg_cluster) -> None:
    """The same Alembic history builds the models' schema on PostgreSQL, and goes down and up again."""
    from alembic import command

    from leaddesk.core.db import _alembic_config, compare_types, write_engine

    engine = make_engine(pg_cluster.create_database("t_migration_drift"))
    try:
        migrate(engine)
        with engine.connect() as conn:
            diff = compare_metadata(
                MigrationContext.configure(
                    conn, opts={"compare_type": compare_types, "include_object": include_in_autogenerate}
                ),
                SQLModel.metadata,
            )
            assert conn.exec_driver_sql(
                "SELECT count(*) FROM pg_extension WHERE extname = 'unaccent'"
            ).scalar()
        assert diff == [], f"models.py changed without a migration (PostgreSQL): {diff}"
        cfg = _alembic_config(engine)
        with write_engine(engine).begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "base")
        assert current_revision(engine) is None
        migrate(engine)
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()
        pg_cluster.drop_database("t_migration_drift")


def test_database_from_a_newer_leaddesk_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    Database.open(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="newer LeadDesk"):
        Database.open(f"sqlite:///{path}")
    assert path.read_bytes() == before


def test_garbage_file_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "leaddesk.sqlite3"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(DatabaseError, match="not a LeadDesk database or is damaged"):
        Database.open(f"sqlite:///{path}")


@pytest.mark.sqlite_only
def test_connections_use_wal_and_foreign_keys(db) -> None:
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_scores_move_to_their_own_table_and_back(tmp_path: Path) -> None:
    """scoring_2 moves the computed scores out of the lead row; every lead keeps its values."""
    path = tmp_path / "old.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine, "board_1")
    scored = OLD_LEAD | {"fit_score": 30, "engagement_score": 25, "score": 55, "score_flag": "sql"}
    with engine.begin() as conn:
        conn.exec_driver_sql(
            f"INSERT INTO lead ({', '.join(scored)}) VALUES ({', '.join('?' for _ in scored)})",
            tuple(scored.values()),
        )
    migrate(engine)
    with engine.begin() as conn:
        row = conn.exec_driver_sql(
            "SELECT fit_score, engagement_score, score, score_flag FROM leadscore WHERE lead_id = 1"
        ).one()
        assert tuple(row) == (30, 25, 55, "sql")
        columns = {r[1] for r in conn.exec_driver_sql("PRAGMA table_info(lead)")}
        assert "score" not in columns and "manual_score" in columns
        # Deleting a lead takes its score row along (ON DELETE CASCADE).
        moved = ("fit_score", "engagement_score", "score", "score_flag")
        new = {k: v for k, v in OLD_LEAD.items() if k not in moved}
        new |= {"uid": "u-2"}
        conn.exec_driver_sql(
            f"INSERT INTO lead ({', '.join(new)}) VALUES ({', '.join('?' for _ in new)})", tuple(new.values())
        )
        conn.exec_driver_sql("INSERT INTO leadscore VALUES (2, 1, 2, 3, '', NULL)")
        conn.exec_driver_sql("DELETE FROM lead WHERE id = 2")
        assert conn.exec_driver_sql("SELECT lead_id FROM leadscore").all() == [(1,)]
        # The search index still follows the lead table after the columns were dropped.
        assert conn.exec_driver_sql("SELECT rowid FROM lead_fts WHERE lead_fts MATCH 'mül*'").all() == [(1,)]
    command.downgrade(_alembic_config(engine), "board_1")
    with engine.connect() as conn:
        back = conn.exec_driver_sql("SELECT fit_score, engagement_score, score, score_flag FROM lead").one()
        assert tuple(back) == (30, 25, 55, "sql")
    engine.dispose()


def test_search_index_drops_its_column_sizes_and_keeps_finding_leads(tmp_path: Path) -> None:
    """search_1 rebuilds the FTS index without the per-row sizes nobody ranks by; both ways."""
    path = tmp_path / "old.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine, "scoring_2")
    lead = {k: v for k, v in OLD_LEAD.items() if k not in ("fit_score", "engagement_score", "score")}
    lead.pop("score_flag")

    def tables_and_hits() -> tuple[set[str], list[tuple[int]]]:
        with engine.connect() as conn:
            names = {
                r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            hits = conn.exec_driver_sql("SELECT rowid FROM lead_fts WHERE lead_fts MATCH 'mül* köln'").all()
        return names, [tuple(h) for h in hits]

    with engine.begin() as conn:
        conn.exec_driver_sql(
            f"INSERT INTO lead ({', '.join(lead)}) VALUES ({', '.join('?' for _ in lead)})",
            tuple(lead.values()),
        )
    names, hits = tables_and_hits()
    assert "lead_fts_docsize" in names and hits == [(1,)]
    migrate(engine)
    names, hits = tables_and_hits()
    assert "lead_fts_docsize" not in names and hits == [(1,)]
    with engine.begin() as conn:  # the triggers still keep it current
        conn.exec_driver_sql("UPDATE lead SET city = 'Bonn' WHERE id = 1")
        assert conn.exec_driver_sql("SELECT rowid FROM lead_fts WHERE lead_fts MATCH 'bonn'").all() == [(1,)]
        conn.exec_driver_sql("INSERT INTO lead_fts(lead_fts, rank) VALUES ('integrity-check', 1)")
        conn.exec_driver_sql("UPDATE lead SET city = 'Köln' WHERE id = 1")
    command.downgrade(_alembic_config(engine), "scoring_2")
    names, hits = tables_and_hits()
    assert "lead_fts_docsize" in names and hits == [(1,)]
    engine.dispose()


def test_schema_head_constant_names_the_newest_migration() -> None:
    """The fast "already up to date" check at start trusts SCHEMA_HEAD; it must follow the scripts."""
    from leaddesk.core.db import SCHEMA_HEAD

    assert SCHEMA_HEAD == head_revision() == _revisions()[-1]


def test_the_date_indexes_hold_only_leads_with_a_date_and_serve_the_trash(db) -> None:
    """Migration speed_1: the follow-up and trash indexes are partial on either engine, and the
    trash listing still reads its index (SQLite's plan; PostgreSQL's needs more rows to show it)."""
    from sqlalchemy import select, text

    from leaddesk.core.db import is_sqlite
    from leaddesk.core.models import Lead
    from leaddesk.core.services.leads import create_lead
    from leaddesk.core.services.trash import delete_leads, list_trash

    names = "('ix_lead_next_follow_up', 'ix_lead_deleted_at')"
    if is_sqlite(db.engine):
        found = f"SELECT name, sql FROM sqlite_master WHERE name IN {names}"
    else:
        found = f"SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN {names}"
    with db.engine.connect() as conn:
        definitions = {name: sql.replace("(", "").replace(")", "") for name, sql in conn.execute(text(found))}
    assert "WHERE next_follow_up IS NOT NULL" in definitions["ix_lead_next_follow_up"]
    assert "WHERE deleted_at IS NOT NULL" in definitions["ix_lead_deleted_at"]
    ids = [create_lead(db, {"last_name": f"Probe {n}"})[0].id for n in range(3)]
    delete_leads(db, ids[:2])
    assert [t.id for t in list_trash(db)] == sorted(ids[:2], reverse=True)
    if is_sqlite(db.engine):
        query = select(Lead.id).where(Lead.deleted_at.is_not(None)).order_by(Lead.deleted_at.desc())
        sql = str(query.compile(db.engine))
        with db.engine.connect() as conn:
            plan = " ".join(str(row[-1]) for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
        assert "ix_lead_deleted_at" in plan, plan


@pytest.mark.sqlite_only  # PostgreSQL has no FTS5 settings
def test_the_search_indexes_merge_a_crowded_level_only_at_64_segments(db) -> None:
    """Migration speed_2: FTS5's 'crisismerge' at 64, so an edit right after a bulk write does not
    merge the bulk write's segments all at once (the background thread does, in steps)."""
    from sqlalchemy import text

    from leaddesk.core.db import FTS_TABLES

    with db.engine.connect() as conn:
        for table in FTS_TABLES:
            value = conn.execute(text(f"SELECT v FROM {table}_config WHERE k = 'crisismerge'")).scalar()
            assert value == 64, table
