"""Issue 15's speed work on the bulk search-index path: FTS5 merges deferred only while it writes."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from leaddesk.core import db as db_module
from leaddesk.core.db import FTS_TABLES, integrity_check
from leaddesk.core.services import imports
from leaddesk.core.services.imports import apply_import, plan_import, undo_import
from leaddesk.core.services.leads import create_lead
from leaddesk.core.services.query import LeadFilter, lead_ids

HEADER = "Vorname;Nachname;Firma;E-Mail;Telefon;Ort\n"


def _settings(session_or_conn: Any) -> dict[tuple[str, str], int | None]:
    """The bulk settings (see ``db._FTS_BULK``) as each index's config table holds them."""
    return {
        (t, k): session_or_conn.execute(text(f"SELECT v FROM {t}_config WHERE k = :k"), {"k": k}).scalar()
        for t in FTS_TABLES
        for k in db_module._FTS_BULK
    }


def _all(values: dict[str, int | None]) -> dict[tuple[str, str], int | None]:
    return {(t, k): values[k] for t in FTS_TABLES for k in db_module._FTS_BULK}


@pytest.mark.sqlite_only  # FTS5 is SQLite's
@pytest.mark.parametrize("before", [None, 2])
def test_bulk_index_writes_merge_lazily_and_put_the_setting_back(
    db: Any, monkeypatch: pytest.MonkeyPatch, before: int | None
) -> None:
    """While the bulk path indexes rows, 'automerge' is FTS5's most (and its hash larger); afterwards
    each setting is what it was."""
    assert all(db_module._fts_knows(k) for k in db_module._FTS_BULK)  # this SQLite takes them all
    if before is not None:  # a setting of the database's own is kept, not reset to the default
        with db.engine.begin() as conn:
            for table in FTS_TABLES:
                conn.execute(text(f"INSERT INTO {table}({table}, rank) VALUES('automerge', {before})"))
    monkeypatch.setattr(imports, "_BULK_FTS", 0)
    seen: list[dict[tuple[str, str], int | None]] = []
    real = db_module._part_rows

    def spy(session: Any, *args: Any) -> None:
        seen.append(_settings(session))
        real(session, *args)

    monkeypatch.setattr(db_module, "_part_rows", spy)
    eva = create_lead(db, {"first_name": "Eva", "last_name": "Roth", "email": "eva@roth.de"})[0]
    data = (HEADER + "Tom;Quast;Quast KG;tom@quast.de;;Bonn\nEva;Roth;;eva@roth.de;;Zwickau\n").encode()
    plan = plan_import(db, [("messe.csv", data)])
    result = apply_import(db, plan, on_duplicate="merge")
    undo_import(db, result.batch_id)
    # remove (the merged lead), add (new rows), add (the merged lead), then the undo's remove and add
    assert seen == [_all(db_module._FTS_BULK)] * 5
    expected = db_module._FTS_DEFAULTS | ({"automerge": before} if before is not None else {})
    with db.engine.connect() as conn:
        assert _settings(conn) == _all(expected)
    assert integrity_check(db.engine) == []
    assert lead_ids(db, LeadFilter(search="roth")) == [eva.id]
    assert lead_ids(db, LeadFilter(search="quast")) == []


@pytest.mark.sqlite_only
def test_a_failed_bulk_write_leaves_the_merge_setting_as_it_was(
    db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(imports, "_BULK_FTS", 0)

    def boom(*_args: Any, **_kw: Any) -> None:
        raise RuntimeError("disk trouble")

    monkeypatch.setattr(imports, "rescore_in", boom)  # after the index was written, inside the transaction
    data = (HEADER + "Tom;Quast;Quast KG;tom@quast.de;;Bonn\n").encode()
    plan = plan_import(db, [("messe.csv", data)])
    with pytest.raises(RuntimeError):
        apply_import(db, plan)
    with db.engine.connect() as conn:
        assert _settings(conn) == _all(dict.fromkeys(db_module._FTS_BULK))
    assert integrity_check(db.engine) == []
    assert lead_ids(db, LeadFilter(search="quast")) == []


def test_a_setting_this_sqlite_does_not_know_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """An older SQLite without a setting (e.g. 'hashsize') gets the others, not an error."""
    assert db_module._fts_knows("automerge")
    monkeypatch.setitem(db_module._FTS_DEFAULTS, "no-such-setting", 1)  # the probe writes this value
    assert not db_module._fts_knows("no-such-setting")
