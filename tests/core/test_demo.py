"""Demo data is realistic and internally consistent."""

from __future__ import annotations

import itertools
from collections import defaultdict

import pytest
from sqlalchemy import select

from leaddesk.core import demo
from leaddesk.core.db import Database, integrity_check
from leaddesk.core.demo import build_demo
from leaddesk.core.errors import Cancelled
from leaddesk.core.models import Activity, Lead, StageChange
from leaddesk.core.services.imports import UndoRefused
from leaddesk.core.services.query import LeadFilter, lead_ids
from leaddesk.core.stages import FUNNEL, LOST_REASONS


def test_demo_history_matches_stages(db) -> None:
    report = build_demo(db, leads=300, seed=7)
    assert report.leads == 300 and report.activities > 0
    with db.session() as s:
        leads = {lead.id: lead for lead in s.execute(select(Lead)).scalars()}
        history = defaultdict(list)
        for ch in s.execute(select(StageChange).order_by(StageChange.id)).scalars():
            history[ch.lead_id].append(ch)
        activities = s.execute(select(Activity)).scalars().all()
    assert len(leads) == 300
    stages = {lead.stage for lead in leads.values()}
    assert stages == {"lead", "mql", "sql", "won", "lost"}
    for lead in leads.values():
        moves = history[lead.id]
        assert moves[0].from_stage is None and moves[-1].to_stage == lead.stage
        assert all(a.to_stage == b.from_stage for a, b in itertools.pairwise(moves))
        assert all(a.at <= b.at for a, b in itertools.pairwise(moves))
        assert moves[0].at >= lead.created_at.replace(microsecond=0) or moves[0].at == lead.created_at
        if lead.stage == "lost":
            assert lead.lost_reason in LOST_REASONS and moves[-1].reason == lead.lost_reason  # keys
    assert all(a.lead_id in leads for a in activities)
    # The reports need irregular histories too: skipped stages, backward moves, recycled leads.
    rank = {s.value: i for i, s in enumerate(FUNNEL)}
    all_moves = [m for moves in history.values() for m in moves[1:]]
    pairs = [(rank.get(m.from_stage), rank.get(m.to_stage)) for m in all_moves]
    assert any(a is not None and b is not None and b - a > 1 for a, b in pairs)  # skipped
    assert any(a is not None and b is not None and b < a for a, b in pairs)  # backward
    assert any(m.from_stage == "lost" and m.to_stage == "lead" for m in all_moves)  # recycled
    assert all(lead.value > 0 for lead in leads.values() if lead.stage == "won")
    assert any(lead.company.endswith(("GmbH", "AG", "KG", "e.K.")) for lead in leads.values())
    assert any("ü" in lead.last_name or "ö" in lead.city for lead in leads.values())
    assert integrity_check(db.engine) == []


def test_demo_is_searchable_and_repeatable(db) -> None:
    build_demo(db, leads=50, seed=3)
    with db.session() as s:
        first = s.execute(select(Lead).order_by(Lead.id)).scalars().first()
    assert first is not None
    assert first.id in lead_ids(db, LeadFilter(search=first.last_name[:4]))
    build_demo(db, leads=50, seed=3)  # appends, with fresh uids and positions after the existing ones
    with db.session() as s:
        uids = s.execute(select(Lead.uid)).scalars().all()
    assert len(uids) == 100 and len(set(uids)) == 100


def test_cancelled_demo_writes_nothing(db) -> None:
    with pytest.raises(Cancelled):
        build_demo(db, leads=6000, seed=1, progress=lambda done, total: False)
    assert lead_ids(db, LeadFilter()) == []
    assert integrity_check(db.engine) == []


def test_demo_data_is_one_import_batch_that_undoes_like_any_import(db: Database) -> None:
    from leaddesk.core.services.board import load_board
    from leaddesk.core.services.imports import list_batches, undo_import
    from leaddesk.core.services.leads import create_lead, move_stage

    own = create_lead(db, {"last_name": "Eigener Lead"})[0]
    report = build_demo(db, leads=40, seed=5)
    [batch] = list_batches(db)
    assert (batch.file_name, batch.file_format, batch.created_count) == ("Demo data", "demo", report.leads)
    assert load_board(db).total == 41
    kept = next(i for i in load_board(db).ids["lead"] if i != own.id)
    move_stage(db, kept, "mql")  # worked on since: not taken back without force
    with pytest.raises(UndoRefused):
        undo_import(db, batch.id)
    result = undo_import(db, batch.id, force=True)
    assert result.removed == 39 and result.kept == [kept]
    assert set(load_board(db).position) == {own.id, kept}


def test_the_demos_owners_are_users_once(db: Database) -> None:
    """Settings → People and "My leads" know the demo's owners; a second demo adds none twice."""
    from leaddesk.core.people import list_users

    build_demo(db, leads=30, seed=2)
    build_demo(db, leads=10, seed=3)
    names = sorted(u.name for u in list_users(db))
    assert names == sorted(n for n in demo.OWNERS if n)
    with db.engine.connect() as conn:
        owners = {o for (o,) in conn.exec_driver_sql("SELECT DISTINCT owner FROM lead WHERE owner <> ''")}
    assert owners <= set(names)
