"""Quick-entry services: a card becomes a lead with picture and visit; merges never overwrite silently."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from leaddesk.core.cardscan import CardImage
from leaddesk.core.errors import ConflictError, ValidationError
from leaddesk.core.models import Activity, Attachment
from leaddesk.core.services.capture import (
    FairSession,
    card_images,
    count_since_midnight,
    load_session,
    merge_card,
    plan_merge,
    save_card,
    save_session,
)
from leaddesk.core.services.leads import create_lead, get_lead

FAIR = FairSession("Messe Stuttgart 2026", "Halle 4, Maschinenbau")
IMAGE = CardImage(b"\xff\xd8jpeg-bytes", "image/jpeg", "card.jpg")


def test_fair_session_survives_reopen(db) -> None:
    assert load_session(db) == FairSession()
    saved = save_session(db, FairSession("  Messe Stuttgart 2026 ", "Halle 4, halle 4 ,Maschinenbau"))
    assert saved == FairSession("Messe Stuttgart 2026", "Halle 4,Maschinenbau")
    assert load_session(db) == saved


def test_save_card_writes_lead_picture_and_visit_together(db) -> None:
    lead, warnings = save_card(
        db, {"first_name": "Jürgen", "last_name": "Weiß", "phone": "ask at booth"}, FAIR, image=IMAGE
    )
    assert lead.source == FAIR.source and lead.tags == "Halle 4,Maschinenbau"
    assert "phone" in warnings  # kept as typed, flagged, not blocking
    assert card_images(db, lead.id) == [IMAGE]
    with db.session() as s:
        visits = s.execute(select(Activity).where(Activity.lead_id == lead.id)).scalars().all()
    assert [(v.kind, v.subject) for v in visits] == [("booth_visit", FAIR.source)]


def test_save_card_refuses_without_identity_and_writes_nothing(db) -> None:
    with pytest.raises(ValidationError) as info:
        save_card(db, {"email": "x@example.de"}, FAIR, image=IMAGE)
    assert "last_name" in info.value.errors
    with db.session() as s:
        assert s.execute(select(Attachment)).first() is None


def test_merge_fills_empty_fields_and_reports_conflicts(db) -> None:
    existing, _ = create_lead(db, {"first_name": "Anna", "last_name": "Berg", "phone": "030 1234567"})
    card = {"first_name": "ANNA", "last_name": "Berg", "email": "anna@berg.de", "phone": "030 7654321"}
    plan = plan_merge(existing, card)
    assert plan.fills == {"email": "anna@berg.de"}
    assert plan.conflicts == {"phone": ("+49301234567", "+49307654321")}

    merged, _ = merge_card(db, existing.id, card, FAIR, expected_version=existing.version, image=IMAGE)
    assert merged.email == "anna@berg.de" and merged.phone == "+49301234567"  # not overwritten
    assert merged.source == FAIR.source and merged.tags == "Halle 4,Maschinenbau"
    assert merged.version == existing.version + 1
    assert card_images(db, existing.id) == [IMAGE]

    again, _ = merge_card(
        db,
        existing.id,
        card | {"notes": "will Angebot bis Freitag"},
        expected_version=merged.version,
        overwrite=frozenset({"phone"}),
    )
    assert again.phone == "+49307654321"
    assert again.notes == "will Angebot bis Freitag"  # the card's notes are added, not lost


def test_merge_with_stale_version_changes_nothing(db) -> None:
    existing, _ = create_lead(db, {"last_name": "Berg"})
    with pytest.raises(ConflictError):
        merge_card(db, existing.id, {"email": "a@b.de"}, FAIR, expected_version=existing.version + 5)
    assert get_lead(db, existing.id).email == ""
    with db.session() as s:
        assert s.execute(select(Activity)).first() is None


def test_count_since_local_midnight(db) -> None:
    save_card(db, {"last_name": "Eins"}, FAIR)
    save_card(db, {"last_name": "Zwei"}, FAIR)
    save_card(db, {"last_name": "Andere"}, FairSession("Website"))
    assert count_since_midnight(db, FAIR.source) == 2
    tomorrow = datetime.now(UTC) + timedelta(days=1)
    assert count_since_midnight(db, FAIR.source, now=tomorrow) == 0
