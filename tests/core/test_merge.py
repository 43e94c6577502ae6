"""Duplicate finder and record merge: field choices, nothing lost, children and BANT moved."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from leaddesk.core.errors import NotFoundError, ValidationError
from leaddesk.core.models import (
    Activity,
    FieldSource,
    Lead,
    Qualification,
    QualificationChange,
    StageChange,
    Task,
    utcnow,
)
from leaddesk.core.services.leads import create_lead, get_lead
from leaddesk.core.services.merge import find_duplicate_pairs, merge_leads


def _lead(db: Any, **values: Any) -> int:
    return create_lead(db, values)[0].id


def test_finder_lists_likely_pairs_surest_first(db: Any) -> None:
    a = _lead(db, first_name="Anna", last_name="Müller", company="Müller Bau GmbH", email="anna@mb.de")
    b = _lead(db, first_name="Anna", last_name="Mueller", company="Mueller Bau", city="Ulm")
    c = _lead(db, first_name="Bernd", last_name="Schulz", email="ANNA@mb.de")
    _lead(db, first_name="Dora", last_name="Klein", company="Anderes KG")
    pairs = find_duplicate_pairs(db)
    found = {(p.a_id, p.b_id, p.reason) for p in pairs}
    assert (a, b, "name") in found and (a, c, "email") in found
    # Anna and Bernd share an address but are two people (issue 15): listed, never "sure".
    sure = {(p.a_id, p.b_id): p.sure for p in pairs}
    assert pairs[0].reason == "name" and sure[(a, b)] and not sure[(a, c)]


def test_merge_keeps_everything(db: Any) -> None:
    keep = _lead(
        db, first_name="Anna", last_name="Müller", company="Müller Bau GmbH", city="Ulm", tags="Messe"
    )
    other = _lead(
        db,
        first_name="Anna",
        last_name="Mueller",
        company="Müller Bau",
        city="Berlin",
        phone="030 1234567",
        tags="VIP",
        notes="Kennt den Chef",
    )
    now = utcnow()
    with db.transaction() as s:
        s.add(Activity(lead_id=other, kind="call", subject="Erstgespräch", at=now))
        s.add(Task(lead_id=other, title="Angebot schicken", due_at=now))
        s.add(
            Qualification(
                lead_id=other, budget_status="confirmed", budget_amount=50000.0, need_pain="Ausfälle"
            )
        )
        s.add(Qualification(lead_id=keep, need_status="partial", need_pain="", timing_target="2027-Q1"))
    result = merge_leads(db, keep, other, {"city": "other"}, actor="Sven")
    lead = get_lead(db, keep)
    assert (lead.city, lead.phone, lead.last_name) == ("Berlin", "+49301234567", "Müller")
    assert lead.tags == "Messe,VIP"
    assert "Kennt den Chef" in lead.notes and "city: Ulm" in lead.notes and "last_name: Mueller" in lead.notes
    assert result.moved["activity"] == 1 and result.moved["task"] == 1
    with db.session() as s:
        kinds = [a.subject for a in s.execute(select(Activity).where(Activity.lead_id == keep)).scalars()]
        assert "Erstgespräch" in kinds and any("zusammengeführt" in k for k in kinds)
        q = s.execute(select(Qualification).where(Qualification.lead_id == keep)).scalar_one()
        assert (q.budget_status, q.budget_amount, q.need_pain, q.timing_target) == (
            "confirmed",
            50000.0,
            "Ausfälle",
            "2027-Q1",
        )
        assert lead.bant_confirmed == 1
        assert (
            s.execute(select(QualificationChange).where(QualificationChange.lead_id == keep)).scalars().all()
        )
        gone = s.get(Lead, other)
        assert gone is not None and gone.erased and f"#{keep}" in gone.notes  # kept, not deleted
        assert s.execute(select(StageChange).where(StageChange.lead_id == other)).scalars().all()
        origins = {
            f.field: f.origin
            for f in s.execute(select(FieldSource).where(FieldSource.lead_id == keep)).scalars()
        }
        assert origins["city"].startswith("merge:") and origins["phone"].startswith("merge:")
    with pytest.raises(NotFoundError):
        get_lead(db, other)


def test_merge_refuses_nonsense(db: Any) -> None:
    a = _lead(db, last_name="A")
    b = _lead(db, last_name="B")
    with pytest.raises(ValidationError):
        merge_leads(db, a, a)
    with pytest.raises(ValidationError):
        merge_leads(db, a, b, {"stage": "other"})
    merge_leads(db, a, b)
    with pytest.raises(NotFoundError):
        merge_leads(db, a, b)
