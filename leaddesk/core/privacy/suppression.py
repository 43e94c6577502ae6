"""The suppression list: an erased or "do not contact" person kept only as salted hashes.

A record entering LeadDesk (import, quick entry, card scan, database merge) is refused when
its e-mail, a phone number, or its name together with its company hashes to an entry here.
The hash is HMAC-SHA256 keyed with a random salt of this data folder, over the same folded
keys the duplicate rules use (case, umlaut spelling and legal forms do not matter), so the
list holds no clear text and cannot be compared with another company's list.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from leaddesk.core.db import Database, as_utc
from leaddesk.core.dedupe import company_core, email_key, person_name, phone_key
from leaddesk.core.errors import LeadDeskError
from leaddesk.core.importers.base import Issue
from leaddesk.core.models import AppSetting, ErasureLog, Suppression, utcnow
from leaddesk.core.text import Text

SALT_KEY = "privacy.salt"

#: Suppression kinds: the person was erased, or asked not to be contacted.
ERASED = "erased"
DO_NOT_CONTACT = "do_not_contact"


def get_salt(session: Session) -> str:
    """This database's salt, made on first use (kept in the settings table and the erasure log file)."""
    row = session.get(AppSetting, SALT_KEY)
    if row is not None:
        value = json.loads(row.value)
        if isinstance(value, str) and value:
            return value
    salt = secrets.token_hex(16)
    session.merge(AppSetting(key=SALT_KEY, value=json.dumps(salt)))
    session.flush()
    return salt


def set_salt(session: Session, salt: str) -> None:
    session.merge(AppSetting(key=SALT_KEY, value=json.dumps(salt)))


def _digest(salt: str, what: str, key: str) -> str:
    return hmac.new(salt.encode(), f"{what}:{key}".encode(), hashlib.sha256).hexdigest()


def digests(salt: str, values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(what, digest) for the e-mail, each phone number and name+company of ``values``."""
    out: list[tuple[str, str]] = []
    email = email_key(str(values.get("email") or ""))
    if email:
        out.append(("email", _digest(salt, "email", email)))
    for column in ("phone", "mobile"):
        key = phone_key(str(values.get(column) or ""))
        if key:
            out.append(("phone", _digest(salt, "phone", key)))
    name = person_name(str(values.get("first_name") or ""), str(values.get("last_name") or ""))
    company = company_core(str(values.get("company") or ""))
    if name and company:
        out.append(("name", _digest(salt, "name", f"{name}|{company}")))
    return list(dict.fromkeys(out))


def add_suppression(
    session: Session, values: Mapping[str, Any], kind: str, *, since: datetime | None = None
) -> int:
    """Keep ``values``' hashes under ``kind``; returns how many were new."""
    salt = get_salt(session)
    return add_digests(session, digests(salt, values), kind, since=since)


def add_digests(
    session: Session, pairs: Iterable[tuple[str, str]], kind: str, *, since: datetime | None = None
) -> int:
    pairs = list(pairs)
    if not pairs:
        return 0
    have = set(
        session.execute(
            select(col(Suppression.digest)).where(
                col(Suppression.kind) == kind, col(Suppression.digest).in_([d for _, d in pairs])
            )
        ).scalars()
    )
    new = [(w, d) for w, d in pairs if d not in have]
    session.add_all(Suppression(digest=d, what=w, kind=kind, since=since or utcnow()) for w, d in new)
    return len(new)


def remove_suppression(session: Session, values: Mapping[str, Any], kind: str) -> None:
    """Drop ``values``' hashes of ``kind`` (consent given again after "do not contact")."""
    salt = get_salt(session)
    pairs = digests(salt, values)
    if pairs:
        for row in session.execute(
            select(Suppression).where(
                col(Suppression.kind) == kind, col(Suppression.digest).in_([d for _, d in pairs])
            )
        ).scalars():
            session.delete(row)


def _reason(kind: str, what: str, since: datetime) -> Text:
    day = (as_utc(since) or since).strftime("%d.%m.%Y")
    if kind == ERASED:
        return Text("erased on {date} at the person's request (same {what})", date=day, what=_WHAT[what])
    return Text("asked not to be contacted on {date} (same {what})", date=day, what=_WHAT[what])


_WHAT = {
    "email": Text("email address"),
    "phone": Text("phone number"),
    "name": Text("name and company"),
}


@dataclass
class SuppressionChecker:
    """The whole list in memory, for checking many records (an import) without a query each."""

    salt: str
    entries: dict[str, tuple[str, str, datetime]]
    #: uids of erased people with the moment (a vCard exported before the erasure keeps its uid).
    uids: dict[str, datetime] = field(default_factory=dict)

    @classmethod
    def load(cls, db_or_session: Database | Session) -> SuppressionChecker:
        if isinstance(db_or_session, Database):
            with db_or_session.session() as session:
                return cls._from(session)
        return cls._from(db_or_session)

    @classmethod
    def _from(cls, session: Session) -> SuppressionChecker:
        row = session.get(AppSetting, SALT_KEY)
        salt = json.loads(row.value) if row is not None else ""
        entries: dict[str, tuple[str, str, datetime]] = {}
        if salt:
            for digest, what, kind, since in session.execute(
                select(
                    col(Suppression.digest),
                    col(Suppression.what),
                    col(Suppression.kind),
                    col(Suppression.since),
                ).order_by(
                    col(Suppression.kind).desc()  # "erased" wins over "do_not_contact"
                )
            ):
                entries[digest] = (what, kind, since)
        uids = dict(session.execute(select(col(ErasureLog.uid), col(ErasureLog.erased_at))).all())
        return cls(salt, entries, uids)

    def reason(self, values: Mapping[str, Any], uid: str = "") -> Text | None:
        """Why ``values`` may not enter LeadDesk, or None."""
        if uid and uid in self.uids:
            day = (as_utc(self.uids[uid]) or self.uids[uid]).strftime("%d.%m.%Y")
            return Text("erased on {date} at the person's request (same record)", date=day)
        if not self.entries:
            return None
        for _what, digest in digests(self.salt, values):
            hit = self.entries.get(digest)
            if hit is not None:
                what, kind, since = hit
                return _reason(kind, what, since)
        return None


def import_issues(
    checker: SuppressionChecker, line: int, values: Mapping[str, Any], uid: str = ""
) -> list[Issue]:
    """An import error for a record on the suppression list (the dry run lists it with the reason)."""
    reason = checker.reason(values, uid)
    return [] if reason is None else [Issue(line, "", Text("not imported: {reason}", reason=reason))]


def suppressed(session_or_db: Database | Session, values: Mapping[str, Any]) -> Text | None:
    """Why a person may not be added again ("erased on 04.12.2026 at the person's request …"), or None."""
    if isinstance(session_or_db, Database):
        with session_or_db.session() as session:
            return _suppressed(session, values)
    return _suppressed(session_or_db, values)


def _suppressed(session: Session, values: Mapping[str, Any]) -> Text | None:
    row = session.get(AppSetting, SALT_KEY)
    if row is None:
        return None
    pairs = digests(json.loads(row.value), values)
    if not pairs:
        return None
    hits = session.execute(
        select(col(Suppression.what), col(Suppression.kind), col(Suppression.since))
        .where(col(Suppression.digest).in_([d for _, d in pairs]))
        .order_by(col(Suppression.kind).desc())
    ).first()
    if hits is None:
        return None
    return _reason(hits[1], hits[0], hits[2])


class SuppressedError(LeadDeskError):
    """The record belongs to a person on the suppression list; its message says why."""


def refuse_suppressed(session: Session, values: Mapping[str, Any]) -> None:
    """Raise :class:`SuppressedError` when ``values`` is on the suppression list (single writes)."""
    reason = _suppressed(session, values)
    if reason is not None:
        raise SuppressedError(Text("this person cannot be added: {reason}", reason=reason))
