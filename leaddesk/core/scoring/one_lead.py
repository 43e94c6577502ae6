"""One lead's score, rescored inside another service's transaction (after an edit or an activity).

Split from ``engine`` (the set-based rescoring): the few statements a single lead costs, the
suggestion flag it gets, and the stage its score is ready for. Moves are
``leaddesk.core.services.rescoring``'s decision.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlmodel import Session

from leaddesk.core.db import sql_flavor
from leaddesk.core.errors import NotFoundError
from leaddesk.core.models import Lead, utcnow
from leaddesk.core.scoring.compile import run
from leaddesk.core.scoring.engine import SCORED_LEAD, update_flags, update_scores
from leaddesk.core.scoring.store import Settings, get_rules_and_settings, get_settings
from leaddesk.core.text import Text


@dataclass(frozen=True)
class LeadScore:
    """A lead's score after a single rescore.

    ``ready_for`` names the stage the score reached ("mql"/"sql", forward only, never for won or
    lost leads); in ``mode`` "move" the calling service makes that move and sets ``moved_to``.
    """

    fit: int
    engagement: int
    manual: int
    score: int
    flag: str
    stage: str
    moved_to: str | None = None
    mode: str = "suggest"
    ready_for: str | None = None
    thresholds: Mapping[str, int] = field(default_factory=dict)
    #: Whether this rescore wrote anything (score, flag or expiry differed from the stored ones).
    changed: bool = False


_ORDER = ("lead", "mql", "sql")


def ready_for(stage: str, score: int, settings: Settings) -> str | None:
    """The furthest stage ahead of ``stage`` whose threshold ``score`` reached, or None."""
    best = None
    for target, threshold in (("mql", settings.mql_threshold), ("sql", settings.sql_threshold)):
        if stage in _ORDER and _ORDER.index(stage) < _ORDER.index(target) and score >= threshold:
            best = target
    return best


def rescore_lead(session: Session, lead_id: int, now: datetime | None = None) -> LeadScore:
    """Rescore one lead inside the caller's transaction (after it changed or got an activity).

    Computes and stores the score and the suggestion flag; it moves nothing (that is
    ``services.rescoring``'s decision). ORM copies of the lead in ``session`` are expired so
    callers read the new score.

    Two statements: the upsert writes the flag for the lead's current stage along with the
    score (``update_scores``), so one read gives back all of it.
    """
    now = now or utcnow()
    session.flush()
    conn = session.connection()  # Core reads: the ORM's execution path costs more per statement
    rules, settings = get_rules_and_settings(conn)
    where, params = "l.id = :lead_id", {"lead_id": lead_id}
    only_its_activities = "lead_id = :lead_id"
    written = update_scores(session, rules, settings, now, where, params, activity_filter=only_its_activities)
    score = _read_score(session, lead_id)
    return replace(
        score,
        changed=written > 0,
        mode=settings.mode,
        ready_for=ready_for(score.stage, score.score, settings),
        thresholds={"mql": int(settings.mql_threshold), "sql": int(settings.sql_threshold)},
    )


def _read_score(session: Session, lead_id: int) -> LeadScore:
    """The lead's stored score and flag (NotFoundError for an erased or unknown lead).

    ORM copies of the lead in ``session`` are expired, so callers read the new score.
    """
    for obj in list(session.identity_map.values()):
        if isinstance(obj, Lead) and obj.id == lead_id:
            session.expire(obj)
    out = run(
        session,
        "SELECT s.fit_score, s.engagement_score, l.manual_score, s.score, s.score_flag, l.stage, l.erased "
        f"FROM {SCORED_LEAD} WHERE l.id = :lead_id",
        {"lead_id": lead_id},
    ).one_or_none()
    if out is None or out.erased:
        raise NotFoundError(Text("lead {id} does not exist", id=lead_id))
    return LeadScore(out[0], out[1], out[2], int(out[3]), out[4], out[5])


def refresh_flag(session: Session, lead_id: int, settings: Settings | None = None) -> LeadScore:
    """Set the suggestion flag for the lead's current stage (after a move) and read its score back."""
    settings = settings or get_settings(session)
    update_flags(session, settings, "l.id = :lead_id", {"lead_id": lead_id})
    return _read_score(session, lead_id)


def suggestion_of(session: Session, lead_id: int) -> tuple[str, int, str] | None:
    """(stage, score, flag) of a live lead, or None when it does not exist."""
    row = run(
        session,
        f"SELECT l.stage, s.score, s.score_flag FROM {SCORED_LEAD} "
        f"WHERE l.id = :i AND l.erased = {sql_flavor(session).false}",
        {"i": lead_id},
    ).one_or_none()
    return None if row is None else (row.stage, int(row.score or 0), row.score_flag or "")
