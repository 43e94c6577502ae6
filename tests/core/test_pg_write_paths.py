"""Team mode's bulk write paths (issue 16, speed on PostgreSQL).

- ``insert_rows`` puts rows and their constant columns in on both engines (COPY on PostgreSQL).
- PostgreSQL keeps the search columns in ``lead_search`` (migration pg_2): a lead's row follows
  its searchable columns, and a move or an owner change writes no search row (no GIN entries).
- ``leadscore`` leaves room on its pages for in-place score updates.
- A bulk load refreshes the planner's statistics after its commit; a small write does not.
- A bulk write keeps the server's plan caching (foreign-key checks) and prepares nothing only
  where asked (a rescore's chunks).
"""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import text

from leaddesk.core.db import (
    ANALYZE_AFTER_ROWS,
    Database,
    bulk_cache,
    custom_plans,
    insert_rows,
    search_ids,
    sql_flavor,
    sql_time,
)
from leaddesk.core.demo import build_demo
from leaddesk.core.models import utcnow
from leaddesk.core.scoring import Settings, rescore_all, save_rules, save_settings, validate_rule
from leaddesk.core.services.bulk import bulk_move
from leaddesk.core.services.leads import create_lead, get_lead, update_lead


def test_insert_rows_writes_the_rows_and_their_constants(db: Database) -> None:
    lead, _ = create_lead(db, {"first_name": "Ada", "last_name": "Lovelace"})
    stamp = sql_time(utcnow())
    rows = [(lead.id, "mql", "Ada", "one"), (lead.id, "sql", "Ada", "two's")]
    with db.transaction() as session:
        insert_rows(
            session.connection(),
            "stagechange",
            ("lead_id", "to_stage", "actor", "reason"),
            rows,
            {"from_stage": None, "at": stamp, "actor_kind": "import"},
        )
    with db.engine.connect() as conn:
        got = conn.execute(
            text(
                "SELECT from_stage, to_stage, actor_kind, reason, at FROM stagechange "
                "WHERE actor_kind = 'import' ORDER BY id"
            )
        ).all()
    assert [(r[0], r[1], r[2], r[3]) for r in got] == [
        (None, "mql", "import", "one"),
        (None, "sql", "import", "two's"),
    ]
    assert all(sql_time(r[4]) == stamp if not isinstance(r[4], str) else r[4] == stamp for r in got)


def _found(db: Database, words: str) -> set[int]:
    ids = search_ids(db.engine, words)
    assert ids is not None
    with db.engine.connect() as conn:
        return set(conn.execute(ids).scalars())


def _search_row_version(db: Database, lead_id: int) -> Any:
    with db.engine.connect() as conn:
        return conn.execute(
            text("SELECT xmin::text FROM lead_search WHERE lead_id = :i"), {"i": lead_id}
        ).scalar_one()


def test_search_row_follows_the_lead_and_a_move_writes_none(pg_url: Any) -> None:
    db = Database.open(pg_url)
    try:
        lead, _ = create_lead(
            db,
            {"first_name": "Jürgen", "last_name": "Groß", "company": "Fräsen AG", "phone": "+49 89 1234567"},
        )
        assert lead.id is not None
        assert _found(db, "jurgen") == _found(db, "fräsen") == _found(db, "891234") == {lead.id}
        before = _search_row_version(db, lead.id)
        bulk_move(db, [lead.id], "mql")
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE lead SET owner = 'Anna Berger' WHERE id = :i"), {"i": lead.id})
        assert _search_row_version(db, lead.id) == before
        version = get_lead(db, lead.id).version
        update_lead(db, lead.id, {"first_name": "Jörg"}, expected_version=version)
        assert _search_row_version(db, lead.id) != before
        assert _found(db, "jorg") == {lead.id} and _found(db, "jurgen") == set()
        with db.engine.begin() as conn:
            conn.execute(text("DELETE FROM stagechange WHERE lead_id = :i"), {"i": lead.id})
            conn.execute(text("DELETE FROM lead WHERE id = :i"), {"i": lead.id})
            assert conn.execute(text("SELECT count(*) FROM lead_search")).scalar() == 0
            options = conn.execute(
                text("SELECT reloptions FROM pg_class WHERE relname = 'leadscore'")
            ).scalar()
        assert "fillfactor=50" in options
        assert not sql_flavor(db.engine).is_sqlite
    finally:
        db.close()


@pytest.mark.parametrize("text_", ["CEO", "ceo", "Ceo"])
def test_like_ignores_the_case_of_a_to_z_only(db: Database, text_: str) -> None:
    """SQLite's LIKE folds A–Z and nothing else; PostgreSQL's spelling of it does the same."""
    flavor = sql_flavor(db.engine)
    with db.engine.connect() as conn:
        ascii_hit = conn.execute(
            text(f"SELECT {flavor.like('CAST(:t AS TEXT)', ':p')}"), {"t": text_, "p": "%ceo%"}
        ).scalar()
        accent_hit = conn.execute(
            text(f"SELECT {flavor.like('CAST(:t AS TEXT)', ':p')}"), {"t": "É", "p": "é"}
        ).scalar()
    assert bool(ascii_hit) and not bool(accent_hit)


def _analysed(db: Database) -> dict[str, int]:
    """Per table, how often it was both analysed and vacuumed (the smaller count)."""
    with db.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT relname, least(analyze_count, vacuum_count) FROM pg_stat_user_tables"
                " WHERE relname IN ('lead', 'lead_search', 'leadscore')"
            )
        ).all()
    return {name: count for name, count in rows}


def _pending_gin_pages(db: Database) -> int:
    """Pages still waiting in the search indexes' fast-update lists (emptied by this call)."""
    with db.engine.begin() as conn:
        return sum(
            conn.execute(text(f"SELECT gin_clean_pending_list('{index}'::regclass)")).scalar_one()
            for index in ("ix_lead_search", "ix_lead_search_parts", "ix_lead_search_phones")
        )


def test_a_bulk_load_refreshes_the_planner_statistics_and_a_small_write_does_not(pg_url: Any) -> None:
    """Right after 100,000 demo leads went in, a search keystroke's query ran ~3x slower on
    the planner's guesses than on statistics, and ~5x slower with the search indexes' pending
    lists full (see ANALYZE_AFTER_ROWS): both are put right after the load."""
    db = Database.open(pg_url)
    try:
        create_lead(db, {"first_name": "Ada", "last_name": "Lovelace"})
        assert db.analyzing is None
        build_demo(db, leads=ANALYZE_AFTER_ROWS, seed=5, score=False)
        assert db.analyzing is not None
        db.analyzing.join(timeout=30)
        for _ in range(50):  # the server publishes its counters a moment after the ANALYZE
            counts = _analysed(db)
            if all(counts.get(t, 0) >= 1 for t in ("lead", "lead_search", "leadscore")):
                break
            time.sleep(0.1)
        assert all(counts.get(t, 0) >= 1 for t in ("lead", "lead_search", "leadscore")), counts
        assert _pending_gin_pages(db) == 0
        first = db.analyzing
        create_lead(db, {"first_name": "Grace", "last_name": "Hopper"})
        assert db.analyzing is first  # one new lead: no second refresh
    finally:
        db.close()


def test_a_read_that_wrote_still_rolls_back(db: Database) -> None:
    """A read transaction ends with COMMIT on PostgreSQL only when it wrote nothing."""
    lead, _ = create_lead(db, {"first_name": "Ada", "owner": "Anna"})
    with db.engine.connect() as conn:
        conn.execute(text("UPDATE lead SET owner = 'Ben' WHERE id = :i"), {"i": lead.id})
    assert get_lead(db, lead.id).owner == "Anna"
    with pytest.raises(RuntimeError), db.engine.begin() as conn:
        conn.execute(text("UPDATE lead SET owner = 'Ben' WHERE id = :i"), {"i": lead.id})
        raise RuntimeError("boom")
    assert get_lead(db, lead.id).owner == "Anna"


def test_reads_keep_the_prepared_statements(pg_url: Any) -> None:
    """psycopg forgets its prepared statements on ROLLBACK: a read must not end with one."""
    db = Database.open(pg_url)
    try:
        lead, _ = create_lead(db, {"first_name": "Ada"})
        for _ in range(8):
            with db.engine.connect() as conn:
                conn.execute(text("SELECT stage FROM lead WHERE id = :i"), {"i": lead.id}).one()
        with db.engine.connect() as conn:
            prepared = conn.execute(
                text(
                    "SELECT count(*) FROM pg_prepared_statements "
                    "WHERE statement LIKE 'SELECT stage FROM lead%'"
                )
            ).scalar_one()
        assert prepared == 1
    finally:
        db.close()


def test_server_connections_compile_no_jit_unless_the_url_asks(pg_url: Any) -> None:
    """JIT compiling cost ~190 ms of a 390 ms list sort (see server_options); an office that wants
    it can say so in the URL's own ``options``."""
    for url, jit in ((pg_url, "off"), (pg_url.update_query_dict({"options": "-c jit=on"}), "on")):
        db = Database.open(url)
        try:
            with db.engine.connect() as conn:
                assert conn.exec_driver_sql("SHOW jit").scalar() == jit
                assert conn.exec_driver_sql("SHOW TimeZone").scalar() == "UTC"
        finally:
            db.close()


def test_a_server_in_another_time_zone_scores_as_sqlite(pg_url: Any) -> None:
    """Stored and bound times are UTC: a server set to Europe/Berlin must not shift "now" by an hour."""
    import psycopg  # the server's driver (not needed by the SQLite tests of this module)

    with psycopg.connect(
        host=pg_url.query["host"], user=pg_url.username, dbname=pg_url.database, autocommit=True
    ) as admin:
        admin.execute(f"ALTER DATABASE \"{pg_url.database}\" SET timezone = 'Europe/Berlin'")
    db = Database.open(pg_url)
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SHOW TimeZone").scalar() == "UTC"
        call = {"group": "engagement", "field": "activity.call", "operator": "happened", "points": 10}
        save_rules(db, [validate_rule(call)])
        save_settings(db, Settings())
        lead, _ = create_lead(db, {"first_name": "Ada"})
        now = utcnow()
        with db.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO activity (lead_id, kind, at, created_at, who, subject, notes, outcome) "
                    "VALUES (:i, 'call', :at, :at, '', '', '', '')"
                ),
                {"i": lead.id, "at": now - timedelta(minutes=30)},
            )
        rescore_all(db, now=now)
        assert get_lead(db, lead.id).engagement_score == 10
    finally:
        db.close()


def test_a_bulk_write_plans_custom_only_where_asked(pg_url: Any) -> None:
    """Forcing custom plans over a whole import re-planned every foreign-key check per row
    (history rows 2.7x slower); only a rescore's chunk statements need them (see custom_plans)."""
    db = Database.open(pg_url)
    probe = "SELECT count(*) FROM lead WHERE id > %s"
    try:
        with db.transaction() as session:
            conn = session.connection()
            dbapi: Any = conn.connection.dbapi_connection
            threshold = dbapi.prepare_threshold
            with bulk_cache(session):
                assert conn.exec_driver_sql("SHOW plan_cache_mode").scalar() == "auto"
                assert conn.exec_driver_sql("SHOW gin_pending_list_limit").scalar() == "256MB"
                assert conn.exec_driver_sql("SHOW jit").scalar() == "off"
                with custom_plans(session):
                    for i in range(threshold + 2):  # would be prepared after ``threshold`` runs
                        conn.exec_driver_sql(probe, (i,))
                assert dbapi.prepare_threshold == threshold
            assert conn.exec_driver_sql("SHOW gin_pending_list_limit").scalar() == "4MB"
            prepared = conn.exec_driver_sql(
                "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s", (probe[:30] + "%",)
            ).scalar()
        assert prepared == 0
    finally:
        db.close()
