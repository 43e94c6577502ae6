"""Duplicate rules: email/phone/name evidence, the single-candidate path and the bulk index agree."""

from __future__ import annotations

from typing import Any

import pytest

from leaddesk.core.dedupe import DuplicateIndex, company_core, find_matches, fold, match_keys, person_name
from leaddesk.core.services.leads import create_lead


def _lead(db: Any, **values: Any) -> int:
    view, _ = create_lead(db, values)
    return view.id


def test_folding_treats_umlaut_spellings_alike() -> None:
    assert fold("Müller") == fold("Mueller") == "mueller"
    assert person_name("Dr. Jürgen", "Weiß") == "juergen weiss"
    assert company_core("Müller Bau GmbH & Co. KG") == "mueller bau"
    assert company_core("GmbH") == "gmbh"  # nothing but a legal form: keep it rather than nothing


def test_match_keys_normalise_email_and_phone() -> None:
    keys = match_keys({"email": " Anna@Example.DE ", "phone": "089 1234567", "mobile": "+49 151 2345678"})
    assert keys.email == "anna@example.de"
    assert keys.phones == ("49891234567", "491512345678")


def test_find_matches_by_email_phone_and_name(db: Any) -> None:
    anna = _lead(db, first_name="Anna", last_name="Müller", company="Müller Bau GmbH", email="anna@mb.de")
    bernd = _lead(db, first_name="Bernd", last_name="Schulz", company="Schulz AG", phone="0711 123456")
    carla = _lead(
        db, first_name="Carla", last_name="Weiß", company="Weiss Logistik GmbH", mobile="0151 2345678"
    )
    _lead(db, first_name="Dora", last_name="Klein", company="Anderes KG")

    by_email = find_matches(db, {"email": "ANNA@mb.de"})
    assert [(m.lead_id, m.reason, m.score) for m in by_email] == [(anna, "email", 100.0)]
    assert "Anna Müller" in by_email[0].display

    by_phone = find_matches(db, {"first_name": "Bernd", "last_name": "Schulz", "phone": "+49 711 123456"})
    assert by_phone[0].lead_id == bernd and by_phone[0].reason == "phone"
    # The mobile is found too, though only phone_key is indexed.
    by_mobile = find_matches(db, {"last_name": "Weiss", "phone": "01512345678"})
    assert by_mobile[0].lead_id == carla and by_mobile[0].reason == "phone"

    by_name = find_matches(db, {"first_name": "Anna", "last_name": "Mueller", "company": "Müller Bau"})
    assert by_name[0].lead_id == anna and by_name[0].reason == "name" and by_name[0].strong

    assert find_matches(db, {"first_name": "Zoe", "last_name": "Neu", "company": "Niemand GmbH"}) == []
    assert find_matches(db, {"email": "anna@mb.de"}, exclude_ids=[anna]) == []


def test_shared_switchboard_is_not_a_duplicate(db: Any) -> None:
    _lead(db, first_name="Bernd", last_name="Schulz", company="Schulz AG", phone="0711 123456")
    matches = find_matches(
        db, {"first_name": "Petra", "last_name": "Lang", "company": "Schulz AG", "phone": "0711 123456"}
    )
    assert all(m.reason != "phone" for m in matches)
    assert not any(m.strong for m in matches)


def test_namesake_at_another_company_is_weak(db: Any) -> None:
    _lead(db, first_name="Thomas", last_name="Müller", company="Alpha Maschinenbau GmbH")
    matches = find_matches(db, {"first_name": "Thomas", "last_name": "Müller", "company": "Zeta Software AG"})
    assert not any(m.strong for m in matches)


@pytest.mark.parametrize(
    "values",
    [
        {"email": "anna@mb.de"},
        {"first_name": "Anna", "last_name": "Müller", "company": "Müller Bau"},
        {"first_name": "Bernd", "last_name": "Schultz", "company": "Schulz AG"},
        {"last_name": "Weiß", "mobile": "0151 2345678"},
        {"first_name": "Nobody", "last_name": "Here"},
    ],
)
def test_bulk_index_agrees_with_single_path(db: Any, values: dict[str, Any]) -> None:
    _lead(db, first_name="Anna", last_name="Müller", company="Müller Bau GmbH", email="anna@mb.de")
    _lead(db, first_name="Bernd", last_name="Schulz", company="Schulz AG", phone="0711 123456")
    _lead(db, first_name="Carla", last_name="Weiß", company="Weiss Logistik GmbH", mobile="0151 2345678")
    index = DuplicateIndex.from_db(db)
    bulk = [(m.lead_id, m.reason) for m in index.find(values) if m.strong]
    single = [(m.lead_id, m.reason) for m in find_matches(db, values) if m.strong]
    assert bulk == single


def test_bulk_index_finds_rows_within_the_same_file() -> None:
    index = DuplicateIndex()
    index.add({"first_name": "Eva", "last_name": "Roth", "email": "eva@roth.de"}, ref=2)
    assert index.find({"email": "EVA@roth.de"})[0].ref == 2
    assert (
        index.find({"email": "other@roth.de", "first_name": "Eva", "last_name": "Roth"})[0].reason == "name"
    )


def test_index_for_known_records_finds_what_the_full_index_finds(db: Any) -> None:
    from leaddesk.core.dedupe import KeyFilter

    _lead(db, first_name="Anna", last_name="Müller", company="Müller Bau GmbH", email="anna@mb.de")
    _lead(db, first_name="Bernd", last_name="Schulz", company="Schulz AG", phone="0711 123456")
    _lead(db, first_name="Carla", last_name="Weiß", company="Weiss Logistik GmbH", mobile="0151 2345678")
    _lead(db, first_name="Dora", last_name="Klein", company="Anderes KG", email="dora@klein.de")
    probes = [
        {"email": "ANNA@mb.de"},
        {"first_name": "Anna", "last_name": "Mueller", "company": "Müller Bau"},
        {"first_name": "Bernd", "last_name": "Schultz", "company": "Schulz AG", "phone": "+49 711 123456"},
        {"last_name": "Weiss", "phone": "01512345678"},
    ]
    full = DuplicateIndex.from_db(db)
    only = DuplicateIndex.from_db(db, only=KeyFilter.of(match_keys(p) for p in probes))
    assert full.size == 4 and only.size == 3  # Dora shares no key with any probe: not stored
    for probe in probes:
        assert only.find(probe) == full.find(probe) != []


@pytest.mark.sqlite_only  # SQLite's query plan
def test_lookups_by_email_and_phone_use_their_indexes_once_the_table_is_large(db: Any) -> None:
    """Without planner statistics SQLite reads every lead through the board's index on
    ``erased`` for a look-up by e-mail or phone (88 ms per duplicate check at 100,000 leads)."""
    from leaddesk.core.db import STATS_MIN_LEADS
    from leaddesk.core.demo import build_demo

    lookup = "SELECT id FROM lead WHERE (email_lower = ? OR phone_key IN (?, ?)) AND erased = 0"
    build_demo(db, leads=STATS_MIN_LEADS + 200, seed=2)  # bulk writes refresh the statistics
    with db.engine.connect() as conn:
        plan = " ".join(
            str(row) for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {lookup}", ("a@b.de", "1", "2"))
        )
    assert "ix_lead_email_lower" in plan and "ix_lead_phone_key" in plan, plan
    assert not db.refresh_stats()  # nothing changed much since: no second ANALYZE
    build_demo(db, leads=2 * STATS_MIN_LEADS, seed=3)
    with db.engine.connect() as conn:
        analysed = conn.exec_driver_sql("SELECT stat FROM sqlite_stat1 WHERE idx = 'ix_lead_board'").scalar()
    assert int(analysed.split()[0]) == 3 * STATS_MIN_LEADS + 200
