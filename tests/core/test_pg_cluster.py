"""The private PostgreSQL test cluster itself: reachable over its socket, with the extensions we need."""

from __future__ import annotations

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL

from tests.pg_cluster import PgCluster


def test_cluster_serves_a_fresh_database_with_unaccent_and_trigrams(pg_url: URL) -> None:
    assert pg_url.drivername == "postgresql+psycopg"
    engine = create_engine(pg_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS unaccent"))
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
            assert conn.execute(text("SELECT unaccent('Müller Señor')")).scalar() == "Muller Senor"
            assert conn.execute(text("SELECT current_user")).scalar() == "leaddesk"
            assert conn.execute(text("SELECT count(*) FROM pg_class WHERE relname = 'lead'")).scalar() == 0
    finally:
        engine.dispose()


def test_databases_of_one_cluster_are_separate(pg_cluster: PgCluster) -> None:
    a = pg_cluster.create_database("t_separate_a")
    b = pg_cluster.create_database("t_separate_b")
    try:
        ea, eb = create_engine(a), create_engine(b)
        with ea.begin() as conn:
            conn.execute(text("CREATE TABLE only_here (x int)"))
        with eb.connect() as conn:
            assert conn.execute(text("SELECT to_regclass('only_here')")).scalar() is None
        ea.dispose()
        eb.dispose()
    finally:
        pg_cluster.drop_database("t_separate_a")
        pg_cluster.drop_database("t_separate_b")
