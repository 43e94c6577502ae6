"""A lead's activity timeline: calls, emails, meetings, notes and marketing touches.

Every write ends in :func:`leaddesk.core.services.rescoring.after_lead_change`, the one
place where a change to a lead's activities or qualification reaches the rest of the app
(engagement scoring, the change signal).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from leaddesk.core.activity_kinds import (  # noqa: F401 (re-exported for callers)
    BOOTH_VISIT,
    CALL,
    CALL_OUTCOMES,
    DISQUALIFIED,
    DOWNLOAD,
    EMAIL,
    FOLLOW_UP,
    FORM_FILL,
    KIND_LABELS,
    KINDS,
    MEETING,
    NOT_REACHED,
    NOTE,
    QUALIFIED,
    QUOTE_REQUEST,
    WEBINAR,
)
from leaddesk.core.db import Database, as_utc
from leaddesk.core.errors import NotFoundError, ValidationError
from leaddesk.core.models import Activity, Lead, utcnow
from leaddesk.core.services.rescoring import after_lead_change
from leaddesk.core.text import Text

_MAX_DURATION_S = 24 * 3600


@dataclass(frozen=True)
class ActivityView:
    """One activity as plain values (safe to keep in a Qt model)."""

    id: int
    lead_id: int
    kind: str
    at: datetime
    who: str
    subject: str
    notes: str
    duration_s: int | None
    outcome: str

    @classmethod
    def of(cls, row: Activity) -> ActivityView:
        assert row.id is not None
        at = as_utc(row.at)
        assert at is not None
        return cls(
            row.id, row.lead_id, row.kind, at, row.who, row.subject, row.notes, row.duration_s, row.outcome
        )


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    """Validate activity fields; ValidationError names each bad one."""
    errors: dict[str, str] = {}
    out = dict(values)
    if "kind" in out and out["kind"] not in KIND_LABELS:
        errors["kind"] = Text(
            "unknown activity kind {kind!r} (valid: {valid})", kind=out["kind"], valid=", ".join(KINDS)
        )
    if "at" in out:
        at = out["at"]
        if not isinstance(at, datetime) or at.tzinfo is None:
            errors["at"] = Text("needs a date and time with a time zone")
    if out.get("duration_s") is not None:
        try:
            out["duration_s"] = int(out["duration_s"])
            if not 0 <= out["duration_s"] <= _MAX_DURATION_S:
                raise ValueError
        except (TypeError, ValueError):
            errors["duration_s"] = Text("a duration is a number of seconds between 0 and 24 hours")
    if out.get("outcome") and out["outcome"] not in CALL_OUTCOMES:
        errors["outcome"] = Text(
            "unknown call outcome {outcome!r} (valid: {valid})",
            outcome=out["outcome"],
            valid=", ".join(CALL_OUTCOMES),
        )
    for key in ("who", "subject", "notes"):
        if key in out:
            out[key] = (out[key] or "").strip()
    if errors:
        raise ValidationError(errors)
    return out


def _check_lead(session: Session, lead_id: int) -> None:
    erased = session.execute(select(col(Lead.erased)).where(col(Lead.id) == lead_id)).scalar_one_or_none()
    if erased is None or erased:
        raise NotFoundError(Text("lead {id} does not exist", id=lead_id))


def add_activity_in(
    session: Session,
    lead_id: int,
    kind: str,
    *,
    at: datetime | None = None,
    who: str = "",
    subject: str = "",
    notes: str = "",
    duration_s: int | None = None,
    outcome: str = "",
) -> Activity:
    """Add an activity inside the caller's transaction (``end_call``, importers)."""
    values = _clean(
        {
            "kind": kind,
            "at": at or utcnow(),
            "who": who,
            "subject": subject,
            "notes": notes,
            "duration_s": duration_s,
            "outcome": outcome,
        }
    )
    if values["duration_s"] is not None and values["kind"] not in (CALL, MEETING):
        raise ValidationError({"duration_s": Text("only calls and meetings have a duration")})
    if values["kind"] != CALL and values["outcome"]:
        raise ValidationError({"outcome": Text("only calls have an outcome")})
    _check_lead(session, lead_id)
    row = Activity(lead_id=lead_id, **values)
    session.add(row)
    session.flush()
    after_lead_change(session, lead_id, activities=True)
    return row


def add_activity(db: Database, lead_id: int, kind: str, **fields: Any) -> ActivityView:
    """Log one activity for a lead (see :func:`add_activity_in` for the fields)."""
    with db.transaction() as session:
        return ActivityView.of(add_activity_in(session, lead_id, kind, **fields))


_UPDATABLE = frozenset({"kind", "at", "who", "subject", "notes", "duration_s", "outcome"})


def update_activity(db: Database, activity_id: int, changes: dict[str, Any]) -> ActivityView:
    """Correct an activity (a typo in the notes, the wrong time)."""
    unknown = set(changes) - _UPDATABLE
    if unknown:
        raise ValidationError({key: Text("cannot be changed") for key in sorted(unknown)})
    values = _clean(changes)
    with db.transaction() as session:
        row = session.get(Activity, activity_id)
        if row is None:
            raise NotFoundError(Text("activity {id} does not exist", id=activity_id))
        for key, value in values.items():
            setattr(row, key, value)
        if row.kind != CALL:
            row.outcome = ""
        session.flush()
        after_lead_change(session, row.lead_id, activities=True)
        return ActivityView.of(row)


def list_activities(db: Database, lead_id: int, *, limit: int | None = None) -> list[ActivityView]:
    """A lead's timeline, newest first."""
    with db.session() as session:
        query = (
            select(Activity)
            .where(col(Activity.lead_id) == lead_id)
            .order_by(col(Activity.at).desc(), col(Activity.id).desc())
        )
        if limit is not None:
            query = query.limit(limit)
        return [ActivityView.of(row) for row in session.execute(query).scalars()]
