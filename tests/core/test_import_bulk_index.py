"""Issue 15's speed work on the bulk search-index path: FTS5 merges deferred only while it writes,
and the word-part entries of new leads folded in Python exactly as the index's view folds them."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from leaddesk.core import db as db_module
from leaddesk.core.db import FTS_TABLES, integrity_check
from leaddesk.core.services import import_write, imports
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
    monkeypatch.setattr(import_write, "BULK_FTS", 0)
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
    monkeypatch.setattr(import_write, "BULK_FTS", 0)

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


# Text as files bring it: ASCII, the folded letters in both cases, other accents and scripts,
# the characters the view's phone rule looks at, and a few that no rule names.
_TEXT = st.text(
    st.sampled_from(list("aZ09 +-/().,@_'\"\t\n") + list("äÄöÖüÜßẞéÉèÈáÁàÀóÓçÇñØłΣжé中\u0301🙂")),
    max_size=14,
)
_PHONE = st.one_of(
    _TEXT,
    st.text("+0123456789", max_size=14),
    st.builds(lambda d: "+" + d, st.text("0123456789", max_size=12)),
)


@pytest.mark.sqlite_only  # the view is SQLite's
def test_the_python_fold_is_the_view_to_the_character(db: Any) -> None:
    """``part_entry`` (what bulk imports index) gives exactly what ``lead_fts_part_src`` shows."""
    lead_id = create_lead(db, {"last_name": "Probe"})[0].id
    columns = db_module.PART_SOURCE_COLUMNS

    @settings(max_examples=300, deadline=None)
    @given(values=st.tuples(_TEXT, _TEXT, _TEXT, _TEXT, _PHONE, _PHONE))
    def check(values: tuple[str, ...]) -> None:
        with db.engine.connect() as conn:
            trans = conn.begin()
            conn.execute(
                text(f"UPDATE lead SET {', '.join(f'{c} = :{c}' for c in columns)} WHERE id = :id"),
                {"id": lead_id, **dict(zip(columns, values, strict=True))},
            )
            shown = conn.execute(
                text("SELECT words, phones FROM lead_fts_part_src WHERE id = :id"), {"id": lead_id}
            ).one()
            trans.rollback()
        assert db_module.part_entry(*values) == tuple(shown)

    check()


@pytest.mark.sqlite_only
def test_a_bulk_import_indexes_the_folded_entries_it_wrote(db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bulk path hands the index its own entries: umlauts, capitals and numbers of every shape
    are found, the integrity check (index against view) passes, and the undo takes them out."""
    monkeypatch.setattr(import_write, "BULK_FTS", 0)
    rows = [
        "Jürgen;ÖZTÜRK;Straßenbau Çelik GmbH;j@oeztuerk.de;+49 (0)711 / 12-34.56;Göppingen",
        "Émile;Durand;Bâtiment SA;emile@durand.fr;0033 1 23 45 67 89;Paris",
        "Eva;Roth;;eva@roth.de;;Zwickau",
    ]
    data = (HEADER + "\n".join(rows) + "\n").encode()
    result = apply_import(db, plan_import(db, [("messe.csv", data)]), on_duplicate="merge")
    assert integrity_check(db.engine) == []
    for typed in ("ozturk", "ZTÜRK", "strassenbau", "celik", "goppingen", "emile", "711123456"):
        assert len(lead_ids(db, LeadFilter(search=typed))) == 1, typed
    undo_import(db, result.batch_id)
    assert integrity_check(db.engine) == []
    assert lead_ids(db, LeadFilter(search="ozturk")) == []
