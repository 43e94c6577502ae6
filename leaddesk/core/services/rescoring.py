"""Scoring's answers applied: the one place where a score moves a lead or a person adds points.

Scoring computes and returns (``leaddesk.core.scoring``); this service decides and writes.
A rescore of one lead says which stage the lead is ready for; in "move" mode the move is made
here, in the caller's transaction, so an undo of the edit that promoted a lead takes the
promotion back with it, and the change signal names the move.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy import func, select, update
from sqlmodel import Session, col

from leaddesk.core import who
from leaddesk.core.changes import note
from leaddesk.core.db import Database
from leaddesk.core.errors import NotFoundError, ValidationError
from leaddesk.core.models import Lead, ScoreAdjustment, utcnow
from leaddesk.core.scoring.engine import RULE_ACTOR, Adjustment
from leaddesk.core.scoring.one_lead import (
    LeadScore,
    refresh_flag,
    rescore_lead,
    suggestion_of,
)
from leaddesk.core.services.lead_rows import LeadView, MoveResult, move_stage_in
from leaddesk.core.stages import SCORE_REACHED, STAGE_LABELS_EN, SUGGESTION_ACCEPTED, Stage
from leaddesk.core.text import Text


def current_user() -> str:
    """Who made a change when the caller names nobody (see ``leaddesk.core.who``)."""
    return who.current()


def rescore_and_apply(
    session: Session, lead_id: int, now: datetime | None = None, *, only_if_changed: bool = False
) -> LeadScore:
    """Rescore one lead and, in "move" mode, move it to the stage its score reached.

    The lead is named in the change signal: callers that changed it rely on that.
    ``only_if_changed`` (nothing else changed the lead): only when the rescore wrote something.
    """
    score = rescore_lead(session, lead_id, now)
    if score.changed or not only_if_changed:
        note(session, updated=[lead_id])
    if score.mode != "move" or not score.ready_for:
        return score
    settings_threshold = score.thresholds[score.ready_for]
    move_stage_in(
        session,
        lead_id,
        score.ready_for,
        actor=RULE_ACTOR,
        actor_kind="rule",
        reason=SCORE_REACHED.format(
            score=score.score, stage=STAGE_LABELS_EN[Stage(score.ready_for)], threshold=settings_threshold
        ),
    )
    flagged = refresh_flag(session, lead_id)
    return LeadScore(
        flagged.fit,
        flagged.engagement,
        flagged.manual,
        flagged.score,
        flagged.flag,
        flagged.stage,
        moved_to=score.ready_for,
        mode=score.mode,
    )


def after_lead_change(
    session: Session, lead_id: int, *, activities: bool = False, tasks: bool = False
) -> None:
    """Everything that follows a change to a lead's activities, tasks or BANT, in the same transaction.

    Marks the lead as changed (so views refresh it) and rescores it: engagement rules read
    activities and fit rules may read BANT. ``activities``/``tasks`` say what else changed for
    the change signal.
    """
    session.execute(update(Lead).where(col(Lead.id) == lead_id).values(updated_at=utcnow()))
    note(session, updated=[lead_id], activities=activities, tasks=tasks)
    rescore_and_apply(session, lead_id)


def add_adjustment(
    db: Database, lead_id: int, points: int, reason: str, *, who: str = "", now: datetime | None = None
) -> tuple[Adjustment, LeadScore]:
    """Add or subtract points by hand; the reason is mandatory and who/when are kept."""
    errors: dict[str, str] = {}
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = Text("a manual score change needs a reason")
    if isinstance(points, bool) or not isinstance(points, int):
        errors["points"] = Text("{value!r} is not a whole number", value=points)
    elif points == 0:
        errors["points"] = Text("a manual change of 0 points changes nothing")
    elif abs(points) > 1000:
        errors["points"] = Text("at most ±1000 points at once")
    if errors:
        raise ValidationError(errors)
    now = now or utcnow()
    who = (who or current_user()).strip()
    with db.transaction() as session:
        lead = session.get(Lead, lead_id)
        if lead is None or lead.erased:
            raise NotFoundError(Text("lead {id} does not exist", id=lead_id))
        adj = ScoreAdjustment(lead_id=lead_id, points=points, reason=reason, who=who, at=now)
        session.add(adj)
        session.flush()
        total = session.execute(
            select(func.coalesce(func.sum(ScoreAdjustment.points), 0)).where(
                col(ScoreAdjustment.lead_id) == lead_id
            )
        ).scalar_one()
        session.execute(update(Lead).where(col(Lead.id) == lead_id).values(manual_score=int(total)))
        score = rescore_and_apply(session, lead_id, now)
        assert adj.id is not None
        return Adjustment(adj.id, lead_id, points, reason, who, now), score


def accept_suggestion(
    db: Database,
    lead_id: int,
    *,
    actor: str = "",
    now: datetime | None = None,
    expected_version: int | None = None,
) -> MoveResult:
    """The one path for "ready for MQL/SQL" (card pill, menu, Score tab): move the lead as the user.

    Returns the move, so the board can put it on its undo stack like any other move; the
    history names the accepted suggestion as the reason.
    """
    with db.transaction() as session:
        suggestion = suggestion_of(session, lead_id)
        if suggestion is None:
            raise NotFoundError(Text("lead {id} does not exist", id=lead_id))
        stage, score, flag = suggestion
        if flag not in ("mql", "sql"):
            raise ValidationError({"score_flag": Text("this lead has no score suggestion to accept")})
        move = move_stage_in(
            session,
            lead_id,
            flag,
            actor=actor or current_user(),
            actor_kind="user",
            reason=SUGGESTION_ACCEPTED.format(score=score),
            expected_version=expected_version,
        )
        rescore_lead(session, lead_id, now)  # the flag follows the new stage
        lead = session.get(Lead, lead_id, populate_existing=True)
        assert lead is not None and stage == move.from_stage
        return replace(move, lead=LeadView.of(lead))


def rescore_one(db: Database, lead_id: int, now: datetime | None = None) -> LeadScore:
    """Rescore one lead in a transaction of its own (and move it, in "move" mode).

    A rescore that changes nothing (the stored score was current) announces nothing: on
    PostgreSQL it then commits without a NOTIFY, which would cost a round trip and a
    transaction id, so a commit record to flush (~0.3 ms of a ~3 ms rescore).
    """
    with db.transaction() as session:
        return rescore_and_apply(session, lead_id, now, only_if_changed=True)
