"""The engine-specific SQL pieces the scoring compiler uses give the same answers on both engines."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from leaddesk.core.db import Database, driver_execute, julian_day, sql_flavor, sql_time

MOMENTS = [
    datetime(2026, 11, 23, 12, 0, tzinfo=UTC),
    datetime(2026, 12, 5, 18, 32, 11, 624623, tzinfo=UTC),
    datetime(1999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
    datetime(2031, 3, 30, 1, 0, 0, 1, tzinfo=UTC),
]


@pytest.mark.parametrize("moment", MOMENTS)
def test_a_bound_julian_day_equals_the_one_computed_in_sql(db: Database, moment: datetime) -> None:
    """Decay ages subtract a bound "now" from a column converted in SQL: not one bit may differ."""
    flavor = sql_flavor(db.engine)
    in_sql = flavor.julianday(":t")
    bound = flavor.julian_bound(in_sql, ":j")
    with db.engine.connect() as conn:
        row = conn.execute(
            text(f"SELECT {in_sql} - {bound}, {in_sql}"), {"t": sql_time(moment), "j": julian_day(moment)}
        ).one()
    assert row[0] == 0.0
    assert abs(row[1] - julian_day(moment)) * 86400 < 0.001  # SQLite keeps milliseconds


@pytest.mark.parametrize(
    ("value", "hit"),
    [
        ("CEO", True),
        ("Inhaberin", True),
        ("Leiter 50%", True),
        ("Leiter 50", False),
        ("", False),
        ("É", False),
    ],
)
def test_like_any_matches_as_its_likes_do(db: Database, value: str, hit: bool) -> None:
    flavor = sql_flavor(db.engine)
    patterns = {"a": "%ceo%", "b": "inhaber%", "c": "%50\\%"}
    names = [f":{name}" for name in patterns]
    one_by_one = " OR ".join(flavor.like("CAST(:t AS TEXT)", name) for name in names)
    with db.engine.connect() as conn:
        got = conn.execute(
            text(f"SELECT {flavor.like_any('CAST(:t AS TEXT)', names)}, {one_by_one}"),
            patterns | {"t": value},
        ).one()
    assert (bool(got[0]), bool(got[1])) == (hit, hit)


def test_driver_execute_binds_names_used_twice_and_keeps_percent_signs(db: Database) -> None:
    with db.engine.connect() as conn:
        row = driver_execute(
            conn,
            "SELECT :a || '%' || :b || :a, CAST(CAST(:n AS INTEGER) + 1 AS TEXT)",
            {"a": "x", "b": "y", "n": 4},
        ).one()
    assert tuple(row) == ("x%yx", "5")
