"""Consent (Art. 7): given with date, source, purpose and the wording shown; withdrawn with a date;
"do not contact" (Art. 21). Every change goes to the audit log; "do not contact" also puts the
person's hashes on the suppression list, so an import does not bring them back as a new lead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from leaddesk.core.changes import note
from leaddesk.core.db import Database, as_utc
from leaddesk.core.errors import NotFoundError, ValidationError
from leaddesk.core.models import Lead, utcnow
from leaddesk.core.privacy import audit
from leaddesk.core.privacy.erase import masked
from leaddesk.core.privacy.suppression import DO_NOT_CONTACT, add_suppression, remove_suppression
from leaddesk.core.text import Text


@dataclass(frozen=True)
class ConsentView:
    lead_id: int
    given_at: datetime | None
    source: str
    purpose: str
    wording: str
    withdrawn_at: datetime | None
    do_not_contact: bool

    @property
    def valid(self) -> bool:
        return self.given_at is not None and self.withdrawn_at is None and not self.do_not_contact


def _view(lead: Lead) -> ConsentView:
    return ConsentView(
        lead.id or 0,
        as_utc(lead.consent_at),
        lead.consent_source,
        lead.consent_purpose,
        lead.consent_wording or "",
        as_utc(lead.consent_withdrawn_at),
        bool(lead.do_not_contact),
    )


def _lead(session: object, lead_id: int) -> Lead:
    lead = session.get(Lead, lead_id)  # type: ignore[attr-defined]
    if lead is None or lead.erased:
        raise NotFoundError(Text("lead {id} does not exist", id=lead_id))
    return lead


def get_consent(db: Database, lead_id: int) -> ConsentView:
    with db.session() as session:
        return _view(_lead(session, lead_id))


def record_consent(
    db: Database,
    lead_id: int,
    *,
    source: str,
    purpose: str,
    wording: str,
    at: datetime | None = None,
    actor: str = "",
) -> ConsentView:
    """The person agreed: when, where (form, card, call), for what, and the exact wording shown."""
    errors: dict[str, str] = {}
    if not purpose.strip():
        errors["consent_purpose"] = Text("name the purpose the person agreed to")
    if not wording.strip():
        errors["consent_wording"] = Text("keep the wording the person agreed to")
    if at is not None and at.tzinfo is None:
        errors["consent_at"] = Text("needs a date and time with a time zone")
    if errors:
        raise ValidationError(errors)
    with db.transaction() as session:
        lead = _lead(session, lead_id)
        lead.consent_at = at or utcnow()
        lead.consent_source = source.strip()
        lead.consent_purpose = purpose.strip()
        lead.consent_wording = wording.strip()
        lead.consent_withdrawn_at = None
        lead.updated_at = utcnow()
        lead.version += 1
        audit.record(
            session,
            "consent",
            masked(lead),
            actor=actor,
            detail=f"given; lead #{lead_id}; {lead.consent_purpose}",
        )
        note(session, updated=[lead_id])
        return _view(lead)


def withdraw_consent(
    db: Database, lead_id: int, *, at: datetime | None = None, actor: str = ""
) -> ConsentView:
    """The person withdrew the consent (the record of the consent stays, with the date it ended)."""
    with db.transaction() as session:
        lead = _lead(session, lead_id)
        lead.consent_withdrawn_at = at or utcnow()
        lead.updated_at = utcnow()
        lead.version += 1
        audit.record(session, "consent", masked(lead), actor=actor, detail=f"withdrawn; lead #{lead_id}")
        note(session, updated=[lead_id])
        return _view(lead)


def set_do_not_contact(db: Database, lead_id: int, value: bool, *, actor: str = "") -> ConsentView:
    """Mark (or unmark) "do not contact"; the suppression list follows."""
    with db.transaction() as session:
        lead = _lead(session, lead_id)
        values = {
            c: getattr(lead, c) for c in ("email", "phone", "mobile", "first_name", "last_name", "company")
        }
        if value:
            add_suppression(session, values, DO_NOT_CONTACT)
        else:
            remove_suppression(session, values, DO_NOT_CONTACT)
        lead.do_not_contact = value
        lead.updated_at = utcnow()
        lead.version += 1
        detail = "do not contact" if value else "contact allowed again"
        audit.record(session, "consent", masked(lead), actor=actor, detail=f"{detail}; lead #{lead_id}")
        note(session, updated=[lead_id])
        return _view(lead)
