"""Use cases on one lead: create, update, move stage, undo a move. Each runs in one transaction.

The row-level pieces (validation, insert, move inside a transaction) live in ``lead_rows``
and are re-exported here; scores follow every write through ``rescoring``. Callers get
plain values (``LeadView``), never ORM rows, and ``changes.committed(session)`` tells the
change signal what moved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from leaddesk.core.changes import note
from leaddesk.core.db import Database, as_utc
from leaddesk.core.errors import NEEDS_NAME_OR_COMPANY, ValidationError
from leaddesk.core.models import EDITABLE_FIELDS, Lead, StageChange, utcnow
from leaddesk.core.services.lead_rows import (
    CleanLead,
    LeadView,
    MoveResult,
    _check_version,
    _load,
    apply_values,
    clean_fields,
    derived_keys,
    insert_lead,
    move_stage_in,
)
from leaddesk.core.services.rescoring import rescore_and_apply
from leaddesk.core.services.tasks import set_follow_up_in
from leaddesk.core.stages import Stage, parse_stage

__all__ = [
    "EDITABLE_FIELDS",
    "CleanLead",
    "LeadView",
    "MoveResult",
    "StageMove",
    "apply_values",
    "clean_fields",
    "create_lead",
    "derived_keys",
    "get_lead",
    "insert_lead",
    "move_stage",
    "move_stage_in",
    "stage_history",
    "undo_move",
    "update_lead",
]


def create_lead(
    db: Database,
    data: dict[str, Any],
    *,
    stage: str | Stage = Stage.LEAD,
    actor: str = "",
    actor_kind: str = "user",
) -> tuple[LeadView, dict[str, str]]:
    """Validate and store a new lead with its first history row; returns it and any warnings."""
    clean = clean_fields(data)
    target = parse_stage(str(stage))
    values = dict(clean.values)
    follow_up = values.pop("next_follow_up", None)
    with db.transaction() as session:
        lead = insert_lead(session, values, stage=target, actor=actor, actor_kind=actor_kind)
        assert lead.id is not None
        if follow_up is not None:
            _set_follow_up(session, lead, follow_up)
        rescore_and_apply(session, lead.id)
        view = LeadView.of(lead)
    return view, clean.warnings


def _set_follow_up(session: Session, lead: Lead, moment: datetime | None) -> None:
    """The follow-up field goes through a task (see ``tasks.set_follow_up_in``)."""
    assert lead.id is not None
    set_follow_up_in(session, lead.id, moment)
    session.expire(lead, ["next_follow_up"])


def get_lead(db: Database, lead_id: int) -> LeadView:
    with db.session() as session:
        return LeadView.of(_load(session, lead_id))


def update_lead(
    db: Database, lead_id: int, changes: dict[str, Any], *, expected_version: int | None
) -> tuple[LeadView, dict[str, str]]:
    """Apply field changes if nobody else saved in between (``expected_version``)."""
    clean = clean_fields(changes, require_identity=False)
    with db.transaction() as session:
        lead = _load(session, lead_id)
        _check_version(lead, expected_version)
        merged = {k: getattr(lead, k) for k in ("first_name", "last_name", "company")} | {
            k: v for k, v in clean.values.items() if k in ("first_name", "last_name", "company")
        }
        if not any(merged.values()):
            raise ValidationError({"last_name": NEEDS_NAME_OR_COMPANY})
        values = dict(clean.values)
        follow_up = values.pop("next_follow_up", None)
        apply_values(lead, values)
        if "next_follow_up" in clean.values:
            _set_follow_up(session, lead, follow_up)
        rescore_and_apply(session, lead_id)
        view = LeadView.of(lead)
    return view, clean.warnings


def move_stage(
    db: Database,
    lead_id: int,
    to_stage: str | Stage,
    *,
    reason: str = "",
    actor: str = "",
    actor_kind: str = "user",
    position: float | None = None,
    expected_version: int | None = None,
) -> MoveResult:
    """Move a lead in the funnel and record it. Backward moves and ``lost`` need a reason."""
    with db.transaction() as session:
        return move_stage_in(
            session,
            lead_id,
            to_stage,
            reason=reason,
            actor=actor,
            actor_kind=actor_kind,
            position=position,
            expected_version=expected_version,
        )


def undo_move(db: Database, move: MoveResult) -> LeadView:
    """Take a move back as if it never happened: stage, position, lost reason and its history row.

    Refused (ConflictError) when the lead was changed after the move, so undo never
    overwrites someone else's later edit.
    """
    with db.transaction() as session:
        lead = _load(session, move.lead.id)
        _check_version(lead, move.lead.version)
        lead.stage = move.from_stage
        lead.position = move.from_position
        lead.lost_reason = move.from_lost_reason
        lead.updated_at = utcnow()
        lead.version += 1
        note(session, moved=[move.lead.id])
        if move.change_id:
            change = session.get(StageChange, move.change_id)
            if change is not None:
                session.delete(change)
        session.flush()
        return LeadView.of(lead)


@dataclass(frozen=True)
class StageMove:
    """One move of a lead's history; ``at`` in UTC, ``reason`` as stored (see ``reason_text``)."""

    id: int
    from_stage: str | None
    to_stage: str
    at: datetime
    actor: str
    actor_kind: str
    reason: str


def stage_history(db: Database, lead_id: int) -> list[StageMove]:
    """A lead's moves, oldest first."""
    with db.session() as session:
        rows = session.execute(
            select(StageChange)
            .where(col(StageChange.lead_id) == lead_id)
            .order_by(col(StageChange.at), col(StageChange.id))
        ).scalars()
        return [
            StageMove(
                r.id or 0, r.from_stage, r.to_stage, as_utc(r.at) or r.at, r.actor, r.actor_kind, r.reason
            )
            for r in rows
        ]


def promotion_of(db: Database, before: LeadView, after: LeadView) -> MoveResult | None:
    """The move scoring made with an edit (``before`` → ``after``, "move" mode), or None.

    An undo of the edit takes it back with :func:`undo_move`, so the promotion does not
    outlive the values that earned it.
    """
    if before.id != after.id or before.stage == after.stage:
        return None
    with db.session() as session:
        last = session.execute(
            select(StageChange)
            .where(col(StageChange.lead_id) == after.id)
            .order_by(col(StageChange.at).desc(), col(StageChange.id).desc())
            .limit(1)
        ).scalar_one_or_none()
    if last is None or last.actor_kind != "rule" or last.to_stage != after.stage:
        return None
    return MoveResult(after, before.stage, after.stage, last.id or 0, before.position, before.lost_reason)
