"""Consent with its wording, withdrawal, "do not contact", and the consent filters."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from leaddesk.core.db import Database
from leaddesk.core.errors import ValidationError
from leaddesk.core.privacy import audit
from leaddesk.core.privacy.consent import (
    get_consent,
    record_consent,
    set_do_not_contact,
    withdraw_consent,
)
from leaddesk.core.privacy.suppression import SuppressedError, suppressed
from leaddesk.core.services.capture import save_card
from leaddesk.core.services.leads import create_lead
from leaddesk.core.services.query import LeadFilter, lead_ids

NOW = datetime(2026, 12, 4, 12, tzinfo=UTC)
WORDING = "Ich bin einverstanden, dass die Firma mir Informationen per E-Mail schickt. Widerruf jederzeit."


def test_consent_keeps_date_source_purpose_and_wording_and_its_withdrawal(db: Database) -> None:
    view, _ = create_lead(db, {"first_name": "Jana", "last_name": "Müller"})
    with pytest.raises(ValidationError) as err:
        record_consent(db, view.id, source="Formular", purpose="Newsletter", wording=" ")
    assert "consent_wording" in err.value.errors
    given = record_consent(
        db, view.id, source="Website-Formular", purpose="Newsletter", wording=WORDING, at=NOW, actor="Anna"
    )
    assert given.valid and given.given_at == NOW and given.wording == WORDING
    gone = withdraw_consent(db, view.id, at=datetime(2026, 12, 10, tzinfo=UTC))
    assert not gone.valid and gone.withdrawn_at == datetime(2026, 12, 10, tzinfo=UTC)
    assert get_consent(db, view.id).wording == WORDING  # the proof stays
    kinds = [(e.kind, e.subject, e.detail.split(";")[0]) for e in audit.entries(db)]
    assert kinds == [("consent", "J*** M***", "withdrawn"), ("consent", "J*** M***", "given")]


def test_do_not_contact_suppresses_the_person_and_can_be_lifted(db: Database) -> None:
    view, _ = create_lead(db, {"first_name": "Otto", "last_name": "Nein", "email": "otto@nein.de"})
    assert set_do_not_contact(db, view.id, True).do_not_contact
    reason = suppressed(db, {"email": "OTTO@nein.de"})
    assert reason is not None and "asked not to be contacted" in reason
    with pytest.raises(SuppressedError):
        save_card(db, {"last_name": "Nein", "email": "otto@nein.de"})
    set_do_not_contact(db, view.id, False)
    assert suppressed(db, {"email": "otto@nein.de"}) is None


def test_filters_no_consent_and_consent_older_than_n_months(db: Database) -> None:
    none, _ = create_lead(db, {"last_name": "Ohne"})
    old, _ = create_lead(db, {"last_name": "Alt"})
    fresh, _ = create_lead(db, {"last_name": "Neu"})
    withdrawn, _ = create_lead(db, {"last_name": "Zurück"})
    record_consent(
        db, old.id, source="Messe", purpose="Angebot", wording=WORDING, at=datetime(2024, 5, 1, tzinfo=UTC)
    )
    record_consent(
        db, fresh.id, source="Web", purpose="Angebot", wording=WORDING, at=datetime(2026, 11, 1, tzinfo=UTC)
    )
    record_consent(db, withdrawn.id, source="Web", purpose="Angebot", wording=WORDING, at=NOW)
    withdraw_consent(db, withdrawn.id, at=NOW)
    assert set(lead_ids(db, LeadFilter(no_consent=True))) == {none.id, withdrawn.id}
    assert lead_ids(db, LeadFilter(consent_older_than_months=24, now=NOW)) == [old.id]
    assert set(lead_ids(db, LeadFilter(consent_older_than_months=1, now=NOW))) == {old.id, fresh.id}


def test_emptying_the_trash_is_a_bulk_deletion_in_the_audit_log(db: Database) -> None:
    from leaddesk.core.services.trash import delete_leads, empty_trash

    ids = [create_lead(db, {"last_name": f"Weg{i}"})[0].id for i in range(3)]
    delete_leads(db, ids)
    assert empty_trash(db) == 3
    entry = audit.entries(db)[0]
    assert (entry.kind, entry.detail) == ("bulk_delete", "leads removed from the trash for good: 3")
