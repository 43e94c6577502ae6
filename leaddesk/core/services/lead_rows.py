"""Writes of one lead's row inside the caller's transaction: the bottom layer of the lead services.

Everything here takes a session and imports no other service, so rescoring, tasks,
activities and imports build on it without an import circle. Callers get plain values
(``LeadView``), never ORM rows: a Qt model must not hold a session-bound object.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import object_session
from sqlmodel import Session, col

from leaddesk.core.changes import note
from leaddesk.core.db import as_utc
from leaddesk.core.errors import NEEDS_NAME_OR_COMPANY, ConflictError, NotFoundError, ValidationError
from leaddesk.core.models import EDITABLE_FIELDS, SCORE_FIELDS, Lead, LeadScore, StageChange, utcnow
from leaddesk.core.names import normalize_title, parse_salutation
from leaddesk.core.people import owner_user
from leaddesk.core.stages import Stage, is_backward, parse_stage
from leaddesk.core.text import Text
from leaddesk.core.validation import check_email, normalize_phone, normalize_tags, normalize_website
from leaddesk.core.who import user_actor

_EDITABLE = frozenset(EDITABLE_FIELDS)
_TEXT_FIELDS = _EDITABLE - {"company_size", "value", "next_follow_up", "consent_at"}


@dataclass(frozen=True)
class LeadView:
    """A lead's values, detached from any session."""

    id: int
    uid: str
    first_name: str
    last_name: str
    company: str
    title: str
    email: str
    phone: str
    mobile: str
    website: str
    street: str
    postal_code: str
    city: str
    country: str
    industry: str
    company_size: int | None
    source: str
    tags: str
    owner: str
    notes: str
    value: float
    currency: str
    stage: str
    lost_reason: str
    position: float
    fit_score: int
    engagement_score: int
    manual_score: int
    score: int
    score_flag: str
    bant_confirmed: int
    has_qualification: bool
    next_follow_up: datetime | None
    consent_at: datetime | None
    consent_source: str
    consent_purpose: str
    import_batch_id: int | None
    created_at: datetime
    updated_at: datetime
    version: int
    #: Anrede code ("ms", "mr", "mx") and academic title; see leaddesk/core/names.py.
    salutation: str = ""
    academic_title: str = ""

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def display_name(self) -> str:
        return self.name or self.company

    @classmethod
    def of(cls, lead: Lead) -> LeadView:
        """The lead with its computed score as the same session sees it (rescoring writes plain SQL)."""
        session = object_session(lead)
        score = None
        if session is not None and lead.id is not None:
            score = session.get(LeadScore, lead.id, populate_existing=True)
        return cls.of_row(lead, score)

    @classmethod
    def read(cls, session: Session, lead_id: int) -> LeadView:
        """The lead as stored now, with its score, in one statement (:meth:`of` takes two)."""
        lead, score = session.execute(
            select(Lead, LeadScore)
            .outerjoin(LeadScore, col(LeadScore.lead_id) == col(Lead.id))
            .where(col(Lead.id) == lead_id)
            .execution_options(populate_existing=True)
        ).one()
        return cls.of_row(lead, score)

    @classmethod
    def of_row(cls, lead: Lead, score: LeadScore | None) -> LeadView:
        """The lead with the score row read with it (None: never scored)."""
        score = score or LeadScore(lead_id=lead.id or 0)
        values = {f.name: getattr(score if f.name in SCORE_FIELDS else lead, f.name) for f in fields(cls)}
        for key in ("next_follow_up", "consent_at", "created_at", "updated_at"):
            values[key] = as_utc(values[key])
        for key in ("salutation", "academic_title"):  # NULL from bulk inserts
            values[key] = values[key] or ""
        return cls(**values)


@dataclass(frozen=True)
class CleanLead:
    """Validated field values plus warnings that did not block saving (e.g. an unparsable phone)."""

    values: dict[str, Any]
    warnings: dict[str, str]


def clean_fields(data: dict[str, Any], *, require_identity: bool = True) -> CleanLead:
    """Validate and normalise lead fields; ValidationError names every bad field at once.

    Used by the editor, quick entry, importers and merges alike, so every path stores
    the same shapes: trimmed text, E.164 phones, normalised tags and email.
    """
    errors: dict[str, str] = {}
    warnings: dict[str, str] = {}
    values: dict[str, Any] = {}
    if not _EDITABLE.issuperset(data):
        for key in sorted(data.keys() - _EDITABLE):
            errors[key] = Text("unknown field")
    # Only the fields given are visited (a file row holds ~10 of the ~36): imports clean 100,000 rows.
    text_fields = _TEXT_FIELDS
    for key, raw in data.items():
        if key in text_fields:
            values[key] = raw.strip() if type(raw) is str else "" if raw is None else str(raw).strip()
        elif key in _EDITABLE:
            values[key] = raw
    if "email" in values:
        try:
            values["email"] = check_email(values["email"])
        except ValueError as exc:
            errors["email"] = exc.args[0] if exc.args and isinstance(exc.args[0], Text) else str(exc)
    for key in ("phone", "mobile"):
        if key in values:
            result = normalize_phone(values[key])
            values[key] = result.value
            if result.warning:
                warnings[key] = result.warning
    if "tags" in values:
        values["tags"] = normalize_tags(values["tags"])
    if "website" in values:
        values["website"] = normalize_website(values["website"])
    if "country" in values and len(values["country"]) == 2:
        values["country"] = values["country"].upper()
    if values.get("salutation"):  # "Frau", "Mr." → its code; an unknown word is kept as typed
        values["salutation"] = parse_salutation(values["salutation"]) or values["salutation"]
    if values.get("academic_title"):
        values["academic_title"] = normalize_title(values["academic_title"])
    if values.get("currency") == "":
        values["currency"] = "EUR"
    if "value" in values:
        try:
            number = float(str(values["value"] or 0).replace(",", "."))
            if number < 0 or number != number:  # negative or NaN
                raise ValueError
            values["value"] = number
        except ValueError:
            errors["value"] = Text("{value!r} is not an amount of money (a number ≥ 0)", value=data["value"])
    if "company_size" in values and values["company_size"] not in (None, ""):
        try:
            size = int(str(values["company_size"]).strip())
            if size < 0:
                raise ValueError
            values["company_size"] = size
        except ValueError:
            errors["company_size"] = Text(
                "{value!r} is not a number of employees", value=data["company_size"]
            )
    elif "company_size" in values:
        values["company_size"] = None
    for key in ("next_follow_up", "consent_at"):
        if key in values and values[key] is not None:
            if not isinstance(values[key], datetime):
                errors[key] = Text("expected a date and time")
            elif values[key].tzinfo is None:
                errors[key] = Text("needs a time zone")
    if require_identity and not (
        values.get("first_name") or values.get("last_name") or values.get("company")
    ):
        errors["last_name"] = NEEDS_NAME_OR_COMPANY
    if errors:
        raise ValidationError(errors)
    return CleanLead(values, warnings)


def derived_keys(values: dict[str, Any]) -> dict[str, Any]:
    """Index columns kept beside the fields they are derived from."""
    out: dict[str, Any] = {}
    if "email" in values:
        out["email_lower"] = (values["email"] or "").lower()
    if "phone" in values or "mobile" in values:
        phone = values.get("phone") or values.get("mobile") or ""
        out["phone_key"] = normalize_phone(phone).key if phone else ""
    return out


def _next_position(session: Session, stage: str) -> float:
    """Bottom of a column: after the last card."""
    top = session.execute(select(func.max(Lead.position)).where(col(Lead.stage) == stage)).scalar()
    return (top or 0.0) + 1.0


def insert_lead(
    session: Session,
    values: dict[str, Any],
    *,
    stage: Stage = Stage.LEAD,
    actor: str = "",
    actor_kind: str = "user",
    import_batch_id: int | None = None,
) -> Lead:
    """Add an already cleaned lead inside the caller's transaction (importers, merges)."""
    now = utcnow()
    if values.get("owner"):  # the owner is a user (added if new)
        values = {**values, "owner": owner_user(session, values["owner"])}
    lead = Lead(
        **values,
        **derived_keys(values),
        stage=stage.value,
        position=_next_position(session, stage.value),
        import_batch_id=import_batch_id,
        created_at=now,
        updated_at=now,
    )
    session.add(lead)
    session.flush()
    assert lead.id is not None
    session.add(
        StageChange(
            lead_id=lead.id,
            from_stage=None,
            to_stage=stage.value,
            at=now,
            actor=user_actor(actor, actor_kind),
            actor_kind=actor_kind,
        )
    )
    session.flush()
    note(session, created=[lead.id])
    return lead


def _load(session: Session, lead_id: int) -> Lead:
    lead = session.get(Lead, lead_id)
    if lead is None or lead.erased:
        raise NotFoundError(Text("lead {id} does not exist", id=lead_id))
    return lead


def _check_version(lead: Lead, expected_version: int | None) -> None:
    if expected_version is not None and lead.version != expected_version:
        raise ConflictError(Text("lead {id}", id=lead.id), expected_version, lead.version)


def apply_values(lead: Lead, values: dict[str, Any]) -> None:
    """Set cleaned values on a loaded lead and bump its version (one place for the bookkeeping)."""
    session = object_session(lead)
    if values.get("owner") and session is not None:  # the owner is a user (added if new)
        assert isinstance(session, Session)  # the app's sessions are SQLModel's
        values = {**values, "owner": owner_user(session, values["owner"])}
    for key, value in (values | derived_keys(values)).items():
        setattr(lead, key, value)
    lead.updated_at = utcnow()
    lead.version += 1
    if session is not None and lead.id is not None:
        note(session, updated=[lead.id])


@dataclass(frozen=True)
class MoveResult:
    """What a move changed, enough to undo it exactly."""

    lead: LeadView
    from_stage: str
    to_stage: str
    change_id: int
    from_position: float
    from_lost_reason: str


def move_stage_in(
    session: Session,
    lead_id: int,
    to_stage: str | Stage,
    *,
    reason: str = "",
    actor: str = "",
    actor_kind: str = "user",
    position: float | None = None,
    expected_version: int | None = None,
) -> MoveResult:
    """``move_stage`` inside the caller's transaction (scoring in "move" mode, undo, merges)."""
    try:
        target = parse_stage(str(to_stage))
    except ValueError as exc:
        raise ValidationError({"stage": str(exc)}) from None
    reason = reason.strip()
    row = session.execute(
        select(
            col(Lead.stage), col(Lead.version), col(Lead.erased), col(Lead.position), col(Lead.lost_reason)
        ).where(col(Lead.id) == lead_id)
    ).one_or_none()
    if row is None or row.erased:
        raise NotFoundError(Text("lead {id} does not exist", id=lead_id))
    current = Stage(row.stage)
    if expected_version is not None and row.version != expected_version:
        raise ConflictError(Text("lead {id}", id=lead_id), expected_version, row.version)
    if target is Stage.LOST and not reason:
        raise ValidationError({"reason": Text("moving a lead to Lost needs a reason")})
    if current is not target and is_backward(current, target) and not reason:
        raise ValidationError(
            {
                "reason": Text(
                    "moving a lead back from {old} to {new} needs a reason",
                    old=current.value,
                    new=target.value,
                )
            }
        )
    now = utcnow()
    new_position = (
        position
        if position is not None
        else (_next_position(session, target.value) if current is not target else None)
    )
    values: dict[str, Any] = {"stage": target.value, "updated_at": now, "version": Lead.version + 1}
    if new_position is not None:
        values["position"] = new_position
    if target is Stage.LOST:
        values["lost_reason"] = reason
    elif current is Stage.LOST:
        values["lost_reason"] = ""
    session.execute(update(Lead).where(col(Lead.id) == lead_id).values(**values))
    note(session, moved=[lead_id])
    change_id = 0
    if current is not target:
        # A Core INSERT … RETURNING: the ORM's flush of one new object cost ~0.7 ms more.
        change_id = session.execute(
            insert(StageChange)
            .values(
                lead_id=lead_id,
                from_stage=current.value,
                to_stage=target.value,
                at=now,
                actor=user_actor(actor, actor_kind),
                actor_kind=actor_kind,
                reason=reason,
            )
            .returning(col(StageChange.id))
        ).scalar_one()
    return MoveResult(
        LeadView.read(session, lead_id), current.value, target.value, change_id, row.position, row.lost_reason
    )
