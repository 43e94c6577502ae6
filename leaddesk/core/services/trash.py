"""The trash: deleting a lead moves it here; it can be restored until the trash is emptied.

A lead in the trash is off the board, the lists, the search and the follow-ups (``erased``),
with ``deleted_at`` saying when it went. Emptying the trash (on request, or for leads deleted
more than :data:`TRASH_DAYS` ago) removes the lead and everything tied to it for good.

This is housekeeping, not data protection: erasing a person at their request (GDPR Art. 17)
is a separate service that also scrubs history, backups and free pages.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlmodel import Session, col

from leaddesk.core.changes import note
from leaddesk.core.db import Database, as_utc
from leaddesk.core.errors import NotFoundError
from leaddesk.core.models import LEAD_CHILD_TABLES, Lead, utcnow
from leaddesk.core.privacy import audit
from leaddesk.core.text import Text

#: Leads stay restorable this long after they were deleted.
TRASH_DAYS = 30


@dataclass(frozen=True)
class TrashedLead:
    """A lead in the trash, as the trash window lists it."""

    id: int
    uid: str
    name: str
    company: str
    stage: str
    deleted_at: datetime

    @property
    def display_name(self) -> str:
        return self.name or self.company


def _ids(session: Session, ids: Iterable[int], *, in_trash: bool) -> list[int]:
    """The given leads that are (or are not) in the trash; NotFoundError names a missing one."""
    wanted = sorted(set(ids))
    rows = dict(
        session.execute(select(col(Lead.id), col(Lead.deleted_at)).where(col(Lead.id).in_(wanted))).all()
    )
    for lead_id in wanted:
        if lead_id not in rows:
            raise NotFoundError(Text("lead {id} does not exist", id=lead_id))
    return [i for i in wanted if (rows[i] is not None) == in_trash]


def lead_ids_of(db: Database, keys: Iterable[str]) -> list[int]:
    """Lead ids for what a person typed: a lead's uid, or its number; NotFoundError names a stranger."""
    out: list[int] = []
    with db.engine.connect() as conn:
        for key in keys:
            key = key.strip()
            found = conn.execute(select(col(Lead.id)).where(col(Lead.uid) == key)).scalar()
            if found is None and key.isdigit():
                found = conn.execute(select(col(Lead.id)).where(col(Lead.id) == int(key))).scalar()
            if found is None:
                raise NotFoundError(Text("no lead has the uid or number {key!r}", key=key))
            out.append(int(found))
    return out


def delete_leads(db: Database, ids: Iterable[int], *, now: datetime | None = None) -> list[int]:
    """Move live leads to the trash in one transaction; returns the ids moved (not those already there)."""
    now = now or utcnow()
    with db.transaction() as session:
        candidates = _ids(session, ids, in_trash=False)
        # One read for all of them (a bulk delete of 10,000 leads was 10,000 look-ups).
        erased = {
            i
            for start in range(0, len(candidates), 500)
            for i in session.execute(
                select(col(Lead.id)).where(
                    col(Lead.id).in_(candidates[start : start + 500]), col(Lead.erased).is_(True)
                )
            ).scalars()
        }
        live = [i for i in candidates if i not in erased]
        if live:
            session.execute(
                update(Lead)
                .where(col(Lead.id).in_(live))
                .values(erased=True, deleted_at=now, updated_at=now, version=Lead.version + 1)
            )
            note(session, removed=live, trash=True)
    return live


def restore_leads(db: Database, ids: Iterable[int], *, now: datetime | None = None) -> list[int]:
    """Bring leads back from the trash to where they stood; returns the ids restored."""
    now = now or utcnow()
    with db.transaction() as session:
        trashed = _ids(session, ids, in_trash=True)
        if trashed:
            session.execute(
                update(Lead)
                .where(col(Lead.id).in_(trashed))
                .values(erased=False, deleted_at=None, updated_at=now, version=Lead.version + 1)
            )
            note(session, created=trashed, trash=True)
    return trashed


def list_trash(db: Database) -> list[TrashedLead]:
    """What is in the trash, most recently deleted first."""
    with db.engine.connect() as conn:
        rows = conn.execute(
            select(
                col(Lead.id),
                col(Lead.uid),
                col(Lead.first_name),
                col(Lead.last_name),
                col(Lead.company),
                col(Lead.stage),
                col(Lead.deleted_at),
            )
            .where(col(Lead.deleted_at).is_not(None))
            .order_by(col(Lead.deleted_at).desc(), col(Lead.id).desc())
        ).all()
    out = []
    for r in rows:
        deleted_at = as_utc(r.deleted_at)
        assert deleted_at is not None  # only leads in the trash were read
        out.append(
            TrashedLead(r.id, r.uid, f"{r.first_name} {r.last_name}".strip(), r.company, r.stage, deleted_at)
        )
    return out


def purge_leads(session: Session, ids: Iterable[int]) -> int:
    """Remove leads and every row tied to them for good, inside the caller's transaction."""
    wanted = sorted(set(ids))
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        for table in LEAD_CHILD_TABLES:
            t = table.__table__  # type: ignore[attr-defined]
            session.execute(delete(t).where(t.c.lead_id.in_(chunk)))
        session.execute(delete(Lead).where(col(Lead.id).in_(chunk)))
    return len(wanted)


def empty_trash(
    db: Database,
    *,
    ids: Iterable[int] | None = None,
    older_than: timedelta | None = None,
    now: datetime | None = None,
) -> int:
    """Remove leads from the trash for good: the given ``ids``, those deleted longer ago than
    ``older_than``, or (neither given) all of them. Returns how many were removed."""
    now = now or utcnow()
    with db.transaction() as session:
        query = select(col(Lead.id)).where(col(Lead.deleted_at).is_not(None))
        if ids is not None:
            query = query.where(col(Lead.id).in_(sorted(set(ids))))
        if older_than is not None:
            query = query.where(col(Lead.deleted_at) < now - older_than)
        doomed = list(session.execute(query).scalars())
        if doomed:
            purge_leads(session, doomed)
            note(session, trash=True)
            audit.record(
                session, "bulk_delete", detail=f"leads removed from the trash for good: {len(doomed)}"
            )
    return len(doomed)


def empty_expired(db: Database, *, now: datetime | None = None) -> int:
    """Empty what has been in the trash longer than :data:`TRASH_DAYS` (at start, daily)."""
    return empty_trash(db, older_than=timedelta(days=TRASH_DAYS), now=now)
