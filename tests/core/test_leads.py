"""Lead services: validation, optimistic concurrency, stage moves and their history."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from leaddesk.core.errors import ConflictError, NotFoundError, ValidationError
from leaddesk.core.models import Lead, StageChange
from leaddesk.core.services.leads import (
    create_lead,
    get_lead,
    move_stage,
    stage_history,
    undo_move,
    update_lead,
)
from leaddesk.core.stages import Stage


def count(db, model) -> int:
    with db.session() as s:
        return s.execute(select(func.count()).select_from(model)).scalar_one()


def test_create_normalises_fields_and_records_first_stage(db) -> None:
    lead, warnings = create_lead(
        db,
        {
            "first_name": " Jürgen ",
            "last_name": "Müller",
            "company": "Müller Maschinenbau GmbH",
            "email": "Juergen.Mueller@Example.DE",
            "phone": "089 1234567",
            "mobile": "0049 171 2345678",
            "tags": "Messe, VIP, messe",
            "website": "mueller.example",
            "value": "12500,50",
        },
    )
    assert warnings == {}
    assert lead.first_name == "Jürgen"
    assert lead.email == "Juergen.Mueller@example.de"
    assert lead.phone == "+49891234567"
    assert lead.mobile == "+491712345678"
    assert lead.tags == "Messe,VIP"
    assert lead.website == "https://mueller.example"
    assert lead.value == 12500.5
    assert lead.stage == "lead" and lead.version == 1 and len(lead.uid) == 36
    history = stage_history(db, lead.id)
    assert [(h.from_stage, h.to_stage) for h in history] == [(None, "lead")]


def test_invalid_email_is_refused_and_nothing_written(db) -> None:
    with pytest.raises(ValidationError) as info:
        create_lead(db, {"last_name": "Schmidt", "email": "schmidt@@example"})
    assert "email" in info.value.errors
    assert "not a valid email" in info.value.errors["email"]
    assert count(db, Lead) == 0 and count(db, StageChange) == 0


def test_unparsable_phone_is_kept_as_typed_with_a_warning(db) -> None:
    lead, warnings = create_lead(db, {"company": "Acme AG", "phone": "ask reception"})
    assert lead.phone == "ask reception"
    assert "phone" in warnings and "kept as typed" in warnings["phone"]


def test_a_lead_needs_a_name_or_a_company(db) -> None:
    with pytest.raises(ValidationError, match="name or a company"):
        create_lead(db, {"email": "x@example.com"})
    assert count(db, Lead) == 0


def test_several_bad_fields_are_reported_together(db) -> None:
    with pytest.raises(ValidationError) as info:
        create_lead(
            db, {"last_name": "A", "email": "nope", "value": "viel", "company_size": "-3", "colour": "red"}
        )
    assert set(info.value.errors) == {"email", "value", "company_size", "colour"}


def test_update_with_stale_version_is_a_conflict_and_writes_nothing(db) -> None:
    lead, _ = create_lead(db, {"last_name": "Weber"})
    first, _ = update_lead(db, lead.id, {"city": "Köln"}, expected_version=lead.version)
    assert first.version == 2
    with pytest.raises(ConflictError, match="changed elsewhere"):
        update_lead(db, lead.id, {"city": "Bonn"}, expected_version=lead.version)
    again = get_lead(db, lead.id)
    assert again.city == "Köln" and again.version == 2


def test_update_cannot_remove_the_last_identity_field(db) -> None:
    lead, _ = create_lead(db, {"last_name": "Weber"})
    with pytest.raises(ValidationError):
        update_lead(db, lead.id, {"last_name": ""}, expected_version=lead.version)
    assert get_lead(db, lead.id).last_name == "Weber"


def test_move_forward_records_history(db) -> None:
    lead, _ = create_lead(db, {"last_name": "Fischer"})
    result = move_stage(db, lead.id, "mql", actor="Anna")
    assert result.lead.stage == "mql" and result.lead.version == 2
    history = stage_history(db, lead.id)
    assert [(h.from_stage, h.to_stage, h.actor) for h in history][-1] == ("lead", "mql", "Anna")


def test_move_to_lost_needs_a_reason(db) -> None:
    lead, _ = create_lead(db, {"last_name": "Fischer"})
    with pytest.raises(ValidationError, match="Lost needs a reason"):
        move_stage(db, lead.id, Stage.LOST)
    assert get_lead(db, lead.id).stage == "lead"
    assert len(stage_history(db, lead.id)) == 1
    moved = move_stage(db, lead.id, Stage.LOST, reason="No budget")
    assert moved.lead.lost_reason == "No budget"


def test_backward_move_needs_a_reason_and_lost_leads_can_be_recycled(db) -> None:
    lead, _ = create_lead(db, {"last_name": "Fischer"})
    move_stage(db, lead.id, "sql")
    with pytest.raises(ValidationError, match="back from sql to lead"):
        move_stage(db, lead.id, "lead")
    move_stage(db, lead.id, "lost", reason="No response")
    recycled = move_stage(db, lead.id, "lead")
    assert recycled.lead.stage == "lead" and recycled.lead.lost_reason == ""
    assert [h.to_stage for h in stage_history(db, lead.id)] == ["lead", "sql", "lost", "lead"]


def test_unknown_stage_is_refused(db) -> None:
    lead, _ = create_lead(db, {"last_name": "Fischer"})
    with pytest.raises(ValidationError, match="unknown stage 'closed'"):
        move_stage(db, lead.id, "closed")
    assert get_lead(db, lead.id).version == 1


def test_move_with_stale_version_is_a_conflict(db) -> None:
    lead, _ = create_lead(db, {"last_name": "Fischer"})
    update_lead(db, lead.id, {"city": "Ulm"}, expected_version=1)
    with pytest.raises(ConflictError):
        move_stage(db, lead.id, "mql", expected_version=1)
    assert get_lead(db, lead.id).stage == "lead"


def test_missing_lead_is_not_found(db) -> None:
    with pytest.raises(NotFoundError):
        move_stage(db, 999, "mql")


def test_undo_move_restores_stage_position_and_history(db) -> None:
    lead, _ = create_lead(db, {"last_name": "Fischer"})
    move = move_stage(db, lead.id, "lost", reason="Competitor")
    restored = undo_move(db, move)
    assert restored.stage == "lead" and restored.position == lead.position and restored.lost_reason == ""
    assert [h.to_stage for h in stage_history(db, lead.id)] == ["lead"]


def test_undo_is_refused_after_a_later_edit(db) -> None:
    lead, _ = create_lead(db, {"last_name": "Fischer"})
    move = move_stage(db, lead.id, "mql")
    update_lead(db, lead.id, {"city": "Ulm"}, expected_version=move.lead.version)
    with pytest.raises(ConflictError):
        undo_move(db, move)
    assert get_lead(db, lead.id).stage == "mql"


def test_moved_card_goes_to_the_bottom_of_its_new_column(db) -> None:
    a, _ = create_lead(db, {"last_name": "A"}, stage="mql")
    b, _ = create_lead(db, {"last_name": "B"})
    moved = move_stage(db, b.id, "mql")
    assert moved.lead.position > a.position
    explicit = move_stage(db, a.id, "mql", position=moved.lead.position + 0.5)
    assert explicit.lead.position == moved.lead.position + 0.5
