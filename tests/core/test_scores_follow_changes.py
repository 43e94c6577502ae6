"""Every path that changes what scoring reads leaves the lead's score up to date."""

from __future__ import annotations

from leaddesk.core.scoring import install_defaults
from leaddesk.core.services.activities import WEBINAR, add_activity
from leaddesk.core.services.capture import FairSession, save_card
from leaddesk.core.services.imports import apply_import, plan_import, undo_import
from leaddesk.core.services.leads import create_lead, get_lead
from leaddesk.core.services.merge import merge_leads
from leaddesk.core.services.query import LeadFilter, list_leads

CSV = (
    "First Name,Last Name,Company,Job Title,E-mail Address\r\n"
    "Jürgen,Weiß,Weiß Metallbau GmbH,Geschäftsführer,j.weiss@weiss-metallbau.de\r\n"
    "Petra,Praktikum,Acme GmbH,Praktikantin,petra@gmx.de\r\n"
).encode()


def test_imported_leads_are_scored_and_undo_keeps_scores_true(db) -> None:
    install_defaults(db)
    plan = plan_import(db, [("contacts.csv", CSV)])
    result = apply_import(db, plan)
    rows = {r["last_name"]: r for r in list_leads(db, LeadFilter())}
    assert rows["Weiß"]["fit_score"] > 0, "a managing director should earn fit points"
    assert rows["Praktikum"]["score"] < rows["Weiß"]["score"]
    undo_import(db, result.batch_id)
    assert list_leads(db, LeadFilter()) == []


def test_an_activity_changes_the_engagement_score(db) -> None:
    install_defaults(db)
    lead, _ = create_lead(db, {"last_name": "Berg", "company": "Berg GmbH"})
    before = get_lead(db, lead.id).engagement_score
    add_activity(db, lead.id, WEBINAR, subject="Webinar Automatisierung")
    assert get_lead(db, lead.id).engagement_score > before


def test_a_card_from_the_fair_counts_its_booth_visit(db) -> None:
    install_defaults(db)
    fair = FairSession(source="Messe Stuttgart")
    view, _ = save_card(db, {"last_name": "Kaya", "company": "Kaya AG"}, fair)
    assert view.engagement_score > 0 and view.score == get_lead(db, view.id).score


def test_merging_two_leads_rescores_the_one_kept(db) -> None:
    install_defaults(db)
    keep, _ = create_lead(db, {"last_name": "Roth", "company": "Roth KG"})
    other, _ = create_lead(db, {"last_name": "Roth", "company": "Roth KG"})
    add_activity(db, other.id, WEBINAR)
    result = merge_leads(db, keep.id, other.id)
    assert result.kept.engagement_score > 0
    assert get_lead(db, keep.id).engagement_score == result.kept.engagement_score
