"""Append-only audit log of data-protection events, with the person's name masked.

Kinds: "erasure", "access_export", "consent", "restore", "bulk_delete", "retention".
Nothing here updates or deletes an entry; an erasure adds one and leaves the others.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session, col

from leaddesk.core import who
from leaddesk.core.db import Database, as_utc
from leaddesk.core.models import AuditEntry, utcnow

KINDS = ("erasure", "access_export", "consent", "restore", "bulk_delete", "retention")


def mask_name(*parts: str) -> str:
    """Each word's first letter and three stars: "Jana Müller" → "J*** M***" (no length leaks)."""
    words = [w for p in parts for w in str(p or "").split()]
    return " ".join(f"{w[0]}***" for w in words) or "***"


def record(session: Session, kind: str, subject: str = "", *, actor: str = "", detail: str = "") -> None:
    """Add one entry in the caller's transaction; ``subject`` must already be masked."""
    if kind not in KINDS:
        raise ValueError(f"unknown audit kind {kind!r}")
    session.add(
        AuditEntry(at=utcnow(), actor=actor or who.current(), kind=kind, subject=subject, detail=detail)
    )


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    actor: str
    kind: str
    subject: str
    detail: str

    def as_dict(self) -> dict[str, str]:
        return {
            "at": self.at.isoformat(),
            "actor": self.actor,
            "kind": self.kind,
            "subject": self.subject,
            "detail": self.detail,
        }


def entries(db: Database, *, kind: str | None = None, limit: int | None = None) -> list[AuditRow]:
    """Newest first."""
    query = select(AuditEntry).order_by(col(AuditEntry.id).desc())
    if kind:
        query = query.where(col(AuditEntry.kind) == kind)
    if limit:
        query = query.limit(limit)
    with db.session() as session:
        return [
            AuditRow(as_utc(e.at) or e.at, e.actor, e.kind, e.subject, e.detail)
            for e in session.execute(query).scalars()
        ]


def export(rows: list[AuditRow], fmt: str = "csv") -> str:
    """The entries as CSV (semicolon, for German spreadsheets) or JSON."""
    if fmt == "json":
        return json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=2)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["at", "actor", "kind", "subject", "detail"])
    for r in rows:
        writer.writerow([r.at.isoformat(), r.actor, r.kind, r.subject, r.detail])
    return out.getvalue()
