"""A lead whose every piece of text carries one marker string, reached through the real services.

Used by the erasure tests (the marker must be in zero bytes afterwards) and the access export
tests (the marker must be in every part of the export).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from PIL import Image

from leaddesk.core.activity_kinds import CALL_OUTCOMES
from leaddesk.core.cardscan import stored_image
from leaddesk.core.db import Database
from leaddesk.core.services.activities import add_activity
from leaddesk.core.services.capture import FairSession, save_card
from leaddesk.core.services.imports import apply_import, plan_import
from leaddesk.core.services.leads import move_stage
from leaddesk.core.services.merge import merge_leads
from leaddesk.core.services.qualification import BantData, FollowUp, end_call, save_draft
from leaddesk.core.services.rescoring import add_adjustment
from leaddesk.core.services.tasks import create_task

MARKER = "Xylomarq"
#: Digits only a phone number of the marker lead has.
PHONE_MARK = "3099887766"


@dataclass(frozen=True)
class MarkerLead:
    lead_id: int
    merged_id: int
    email: str
    vcard: bytes
    phone: str


def png(text: str = "") -> bytes:
    image = Image.new("RGB", (320, 200), "white")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def vcard(first: str, last: str, email: str, *, org: str, note: str, phone: str = "") -> str:
    tel = f"TEL;TYPE=work:{phone}\r\n" if phone else ""
    return (
        "BEGIN:VCARD\r\nVERSION:3.0\r\n"
        f"N:{last};{first};;;\r\nFN:{first} {last}\r\nORG:{org}\r\n"
        f"EMAIL;TYPE=work:{email}\r\n{tel}NOTE:{note}\r\nTITLE:Einkauf {MARKER}\r\nEND:VCARD\r\n"
    )


def make_marker_lead(db: Database, tmp: Path, marker: str = MARKER) -> MarkerLead:
    """Card scan + quick entry, activities, a call with BANT and a follow-up, a call draft, a
    task, a score adjustment, a stage move with a reason, an import that updates the lead and
    one that adds a duplicate, and a merge of that duplicate into it."""
    m = marker
    email = f"jana.{m.lower()}@{m.lower()}-werke.de"
    phone = f"+49 {PHONE_MARK[:2]} {PHONE_MARK[2:]}"
    text_fields = {
        "first_name": f"Jana{m}",
        "last_name": f"Müller{m}",
        "company": f"{m} Werke GmbH",
        "title": f"Leiterin {m}",
        "email": email,
        "phone": phone,
        "website": f"https://www.{m.lower()}-werke.de",
        "street": f"{m}straße 1",
        "postal_code": "10115",
        "city": f"{m}stadt",
        "country": "DE",
        "industry": f"{m}bau",
        "source": f"Messe {m}",
        "tags": f"{m}tag",
        # The owner is a colleague (a user of the team, kept by an erasure), not the person erased.
        "owner": "Berater Vogt",
        "notes": f"Notiz {m}",
        "consent_source": f"Formular {m}",
        "consent_purpose": f"Newsletter {m}",
    }
    image = stored_image(png(), file_name=f"karte-{m}.png")
    lead, _ = save_card(db, text_fields, FairSession(source=f"Messe {m}"), image=image, actor=f"Berater {m}")
    lead_id = lead.id
    add_activity(db, lead_id, "email", subject=f"Mail {m}", notes=f"Inhalt {m}", who="Anna")
    add_activity(db, lead_id, "meeting", subject=f"Treffen {m}", notes=f"Protokoll {m}")
    end_call(
        db,
        lead_id,
        BantData(
            budget_status="confirmed",
            budget_notes=f"Budget {m}",
            authority_status="partial",
            authority_people=f"Chefin {m}",
            authority_notes=f"Entscheidung {m}",
            need_status="confirmed",
            need_pain=f"Schmerz {m}",
            need_notes=f"Bedarf {m}",
            timing_status="partial",
            timing_driver=f"Anlass {m}",
            timing_notes=f"Zeit {m}",
        ),
        outcome=next(iter(CALL_OUTCOMES)),
        duration_s=300,
        notes=f"Gesprächsnotiz {m}",
        who="Anna",
        subject=f"Anruf {m}",
        follow_up=FollowUp(date(2027, 1, 15), title=f"Rückruf {m}", notes=f"Angebot {m}"),
    )
    save_draft(db, lead_id, {"notes": f"Entwurf {m}", "bant": {"need_notes": f"Entwurf-Bedarf {m}"}})
    create_task(db, lead_id, date(2027, 2, 1), title=f"Aufgabe {m}", notes=f"Details {m}")
    add_adjustment(db, lead_id, 5, f"Empfehlung durch {m}", who="Anna")
    move_stage(db, lead_id, "mql", reason=f"Weil {m}")
    # An import that updates the lead (its undo data keeps the old values) and one that brings a
    # duplicate under another address, which is then merged into the lead.
    second = f"j.{m.lower()}@privat-{m.lower()}.de"
    card_update = vcard(f"Jana{m}", f"Müller{m}", email, org=f"{m} Werke GmbH", note=f"Import {m}")
    card_dup = vcard(f"Jana{m}", f"Müller{m}", second, org=f"{m} Holding", note=f"Zweitkontakt {m}")
    update_file = tmp / f"{m}-update.vcf"
    update_file.write_text(card_update, encoding="utf-8")
    plan = plan_import(db, [(update_file.name, update_file.read_bytes())], source=f"Import {m}")
    apply_import(db, plan, on_duplicate="update")
    dup_file = tmp / f"{m}-kontakt.vcf"
    dup_file.write_text(card_dup, encoding="utf-8")
    plan = plan_import(db, [(dup_file.name, dup_file.read_bytes())], source=f"Import {m}")
    assert plan.new == 1, plan.summary()
    apply_import(db, plan, on_duplicate="skip")
    from sqlalchemy import select

    from leaddesk.core.models import Lead

    with db.session() as session:
        dup_id = session.execute(select(Lead.id).where(Lead.email == second)).scalar_one()
    merge_leads(db, lead_id, dup_id, {"company": "other"})
    return MarkerLead(lead_id, dup_id, email, card_update.encode(), phone)


def files_with(folder: Path, needles: list[bytes]) -> dict[str, list[str]]:
    """Files under ``folder`` (recursively) holding any needle, case-insensitively."""
    found: dict[str, list[str]] = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes().lower()
        hits = [n.decode() for n in needles if n.lower() in data]
        if hits:
            found[str(path.relative_to(folder))] = hits
    return found


NOW = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
