"""The suppression list: an erased or "do not contact" person is refused on the way back in."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from leaddesk.core.db import Database
from leaddesk.core.models import Suppression
from leaddesk.core.privacy.erase import erase_leads
from leaddesk.core.privacy.suppression import (
    DO_NOT_CONTACT,
    SuppressedError,
    SuppressionChecker,
    add_suppression,
    suppressed,
)
from leaddesk.core.services.capture import save_card
from leaddesk.core.services.dbmerge import merge_database
from leaddesk.core.services.imports import apply_import, plan_import
from leaddesk.core.services.leads import create_lead
from tests.core.privacy_marker import vcard

PERSON = {
    "first_name": "Jana",
    "last_name": "Müller",
    "company": "Müller Werke GmbH",
    "email": "Jana.Mueller@mueller-werke.de",
    "phone": "+49 30 1234567",
}


def _erase_person(db: Database) -> tuple[int, str]:
    view, _ = create_lead(db, PERSON)
    erase_leads(db, [view.id])
    return view.id, view.uid


def test_the_list_holds_only_salted_hashes(db: Database) -> None:
    _erase_person(db)
    with db.session() as s:
        rows = s.execute(select(Suppression.digest, Suppression.what, Suppression.kind)).all()
    assert {w for _, w, _ in rows} == {"email", "phone", "name"}
    assert all(len(d) == 64 and "mueller" not in d for d, _, _ in rows)
    assert {k for *_, k in rows} == {"erased"}


def test_suppressed_names_why_for_any_spelling_of_the_same_person(db: Database) -> None:
    assert suppressed(db, PERSON) is None
    _erase_person(db)
    today = __import__("datetime").datetime.now(__import__("datetime").UTC).strftime("%d.%m.%Y")
    for values in (
        {"email": "JANA.MUELLER@mueller-werke.de"},
        {"phone": "030 1234567"},
        {"first_name": "Jana", "last_name": "Mueller", "company": "Müller Werke"},
    ):
        reason = suppressed(db, values)
        assert reason is not None and f"erased on {today} at the person's request" in reason
    assert suppressed(db, {"first_name": "Jana", "last_name": "Müller", "company": "Andere AG"}) is None
    assert suppressed(db, {"email": "someone@else.de"}) is None


def test_quick_entry_and_card_scan_refuse_an_erased_person(db: Database) -> None:
    _erase_person(db)
    with pytest.raises(SuppressedError, match=r"erased on .* at the person.s request"):
        save_card(db, {"first_name": "Jana", "last_name": "Müller", "email": PERSON["email"]})
    view, _ = save_card(db, {"first_name": "Otto", "last_name": "Other"})
    assert view.id


def test_reimporting_the_vcard_is_refused_and_the_dry_run_says_why(db: Database, tmp_path: Path) -> None:
    _erase_person(db)
    card = vcard("Jana", "Müller", PERSON["email"], org="Müller Werke GmbH", note="wieder da")
    other = vcard("Otto", "Other", "otto@other.de", org="Other AG", note="neu")
    plan = plan_import(db, [("kontakte.vcf", (card + other).encode())])
    assert plan.new == 1 and plan.errors == 1
    problems = plan.problems("error")
    assert len(problems) == 1 and "not imported: erased on" in problems[0]
    assert "at the person's request" in problems[0]
    result = apply_import(db, plan, skip_errors=True)
    assert result.created == 1


def test_do_not_contact_is_refused_with_its_own_reason(db: Database) -> None:
    with db.transaction() as session:
        add_suppression(session, {"email": "nein@danke.de"}, DO_NOT_CONTACT)
    checker = SuppressionChecker.load(db)
    reason = checker.reason({"email": "Nein@Danke.de"})
    assert reason is not None and reason.startswith("asked not to be contacted on")


def test_merging_a_database_that_still_holds_the_person_leaves_them_out(
    data_dir: Path, tmp_path: Path
) -> None:
    other_dir = tmp_path / "other"
    other = Database.open(f"sqlite:///{other_dir / 'other.sqlite3'}")
    create_lead(other, PERSON)  # their own copy, another uid
    create_lead(other, {"first_name": "Otto", "last_name": "Other", "email": "otto@other.de"})
    other.close()
    db = Database.open_data_dir(data_dir)
    _erase_person(db)
    dry = merge_database(db, other_dir / "other.sqlite3", dry_run=True)
    left = [o for o in dry.leads if o.outcome == "left"]
    assert len(left) == 1 and left[0].left_reason == "suppressed"
    assert "erased on" in left[0].left_note
    report = merge_database(db, other_dir / "other.sqlite3")
    assert len(report.added) == 1 and "erased on" in report.left[0]
    db.close()
