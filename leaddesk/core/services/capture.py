"""Trade-fair capture (quick entry): save a card as a lead, or fold it into an existing lead.

Each call is one transaction: the lead, its card picture (``Attachment``) and the booth
visit (``Activity``) are written together or not at all. The fair-day settings (event
and tags) live in ``AppSetting`` so they survive a restart of the laptop.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlmodel import Session, col

from leaddesk.core.cardscan.fields import CARD_FIELDS
from leaddesk.core.cardscan.scan import CardImage
from leaddesk.core.db import Database
from leaddesk.core.dedupe import fold
from leaddesk.core.models import Activity, AppSetting, Attachment, Lead, utcnow
from leaddesk.core.privacy.suppression import refuse_suppressed
from leaddesk.core.services.activities import BOOTH_VISIT, after_lead_change
from leaddesk.core.services.leads import (
    LeadView,
    _check_version,
    _load,
    apply_values,
    clean_fields,
    insert_lead,
)
from leaddesk.core.services.tasks import user_timezone
from leaddesk.core.validation import normalize_tags

SESSION_KEY = "quick_entry.session"
#: Fields a card may fill on an existing lead when merging (never stage, scores or owner; notes
#: are the lead's own).
MERGE_FIELDS: tuple[str, ...] = (*(f for f in CARD_FIELDS if f != "notes"), "source")


@dataclass(frozen=True)
class FairSession:
    """What stays the same for every card of a fair day."""

    source: str = ""
    tags: str = ""


def load_session(db: Database) -> FairSession:
    with db.session() as session:
        row = session.get(AppSetting, SESSION_KEY)
    if row is None:
        return FairSession()
    try:
        data = json.loads(row.value)
    except ValueError:
        return FairSession()
    return FairSession(str(data.get("source", "")), str(data.get("tags", "")))


def save_session(db: Database, fair: FairSession) -> FairSession:
    clean = FairSession(fair.source.strip(), normalize_tags(fair.tags))
    with db.transaction() as session:
        row = session.get(AppSetting, SESSION_KEY) or AppSetting(key=SESSION_KEY)
        row.value = json.dumps({"source": clean.source, "tags": clean.tags}, ensure_ascii=False)
        session.add(row)
    return clean


def _with_fair(data: dict[str, Any], fair: FairSession) -> dict[str, Any]:
    out = dict(data)
    if fair.source and not out.get("source"):
        out["source"] = fair.source
    if fair.tags:
        out["tags"] = normalize_tags(f"{out.get('tags', '')},{fair.tags}")
    return out


def _add_card_records(
    session: Session, lead_id: int, fair: FairSession, image: CardImage | None, actor: str
) -> None:
    now = utcnow()
    if image is not None:
        session.add(
            Attachment(
                lead_id=lead_id,
                kind="card_image",
                file_name=image.file_name,
                mime=image.mime,
                data=image.data,
                created_at=now,
            )
        )
    if fair.source:
        session.add(Activity(lead_id=lead_id, kind=BOOTH_VISIT, at=now, who=actor, subject=fair.source))
    session.flush()
    after_lead_change(session, lead_id, activities=True)  # the booth visit counts for engagement at once


def save_card(
    db: Database,
    data: dict[str, Any],
    fair: FairSession = FairSession(),
    *,
    image: CardImage | None = None,
    actor: str = "",
) -> tuple[LeadView, dict[str, str]]:
    """A new lead from one card, with its picture and booth visit; returns it and any warnings."""
    clean = clean_fields(_with_fair(data, fair))
    with db.transaction() as session:
        refuse_suppressed(session, clean.values)  # an erased or "do not contact" person: SuppressedError
        lead = insert_lead(session, clean.values, actor=actor, actor_kind="user")
        assert lead.id is not None
        _add_card_records(session, lead.id, fair, image, actor)
        session.refresh(lead)
        view = LeadView.of(lead)
    return view, clean.warnings


@dataclass(frozen=True)
class MergePlan:
    """What a merge would do: fields it fills (empty on the lead) and fields where both differ."""

    fills: dict[str, str]
    conflicts: dict[str, tuple[str, str]]  # field → (on the lead, on the card)


def plan_merge(existing: LeadView, data: dict[str, Any]) -> MergePlan:
    """Compare a card's cleaned values with a lead; nothing is written."""
    clean = clean_fields({k: v for k, v in data.items() if k in MERGE_FIELDS}, require_identity=False)
    fills: dict[str, str] = {}
    conflicts: dict[str, tuple[str, str]] = {}
    for key, new in clean.values.items():
        old = str(getattr(existing, key) or "")
        # Same value in another spelling (case, Weiß/Weiss, Müller/Mueller): the lead's stays.
        if not new or new == old or fold(new) == fold(old):
            continue
        if old:
            conflicts[key] = (old, new)
        else:
            fills[key] = new
    return MergePlan(fills, conflicts)


def merge_card(
    db: Database,
    lead_id: int,
    data: dict[str, Any],
    fair: FairSession = FairSession(),
    *,
    expected_version: int | None,
    overwrite: frozenset[str] = frozenset(),
    image: CardImage | None = None,
    actor: str = "",
) -> tuple[LeadView, MergePlan]:
    """Fold a card into an existing lead: fill its empty fields, add the fair's tags, the picture
    and a booth visit. Fields where both have different values change only if named in
    ``overwrite`` (the person chose the card's value) — never silently.
    """
    with db.transaction() as session:
        lead = _load(session, lead_id)
        _check_version(lead, expected_version)
        plan = plan_merge(LeadView.of(lead), _with_fair(data, fair) | {"source": fair.source or ""})
        changes: dict[str, Any] = dict(plan.fills)
        changes.update(
            {k: new for k, (_old, new) in plan.conflicts.items() if k in overwrite and k != "source"}
        )
        merged_tags = normalize_tags(f"{lead.tags},{data.get('tags', '')},{fair.tags}")
        if merged_tags != lead.tags:
            changes["tags"] = merged_tags
        card_notes = str(data.get("notes") or "").strip()
        if card_notes and card_notes not in lead.notes:  # notes are added to, never replaced
            changes["notes"] = f"{lead.notes}\n{card_notes}" if lead.notes else card_notes
        if changes:
            apply_values(lead, clean_fields(changes, require_identity=False).values)
        session.flush()
        _add_card_records(session, lead_id, fair, image, actor)
        session.refresh(lead)
        view = LeadView.of(lead)
    return view, plan


def count_since_midnight(
    db: Database, source: str, tz: str | None = None, now: datetime | None = None
) -> int:
    """Leads of this source created since local midnight (the user's zone): the fair day's count."""
    zone = ZoneInfo(tz or user_timezone(db))
    local = (now or utcnow()).astimezone(zone)
    # Compared in UTC: SQLite keeps the stored UTC wall time and would ignore an offset here.
    start = datetime.combine(local.date(), time(0), tzinfo=zone).astimezone(UTC)
    with db.engine.connect() as conn:
        stmt = select(func.count()).where(
            col(Lead.source) == source,
            col(Lead.created_at) >= start,
            col(Lead.created_at) < start + timedelta(days=1),
        )
        return int(conn.execute(stmt).scalar() or 0)


def card_images(db: Database, lead_id: int) -> list[CardImage]:
    """A lead's card pictures, newest first."""
    with db.session() as session:
        rows = session.execute(
            select(col(Attachment.data), col(Attachment.mime), col(Attachment.file_name))
            .where(col(Attachment.lead_id) == lead_id, col(Attachment.kind) == "card_image")
            .order_by(col(Attachment.id).desc())
        ).all()
    return [CardImage(bytes(r.data), r.mime, r.file_name) for r in rows]
