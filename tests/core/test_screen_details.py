"""Core halves of issue 17's screen details: BANT target dates, why duplicates matched, e-mail reasons."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from email_validator import EmailNotValidError, validate_email
from hypothesis import given
from hypothesis import strategies as st

from leaddesk.core.dedupe import match_facts
from leaddesk.core.errors import ValidationError
from leaddesk.core.services.leads import create_lead
from leaddesk.core.services.merge import find_duplicate_pairs
from leaddesk.core.services.qualification import BantData, clean_bant, parse_target_date
from leaddesk.core.text import Text
from leaddesk.core.validation import _EMAIL_PROBLEMS, check_email, email_problem

OUR_EMAIL_REASONS = {problem.template for _needles, problem in _EMAIL_PROBLEMS} | {email_problem("").template}


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)))
def test_a_target_day_reads_back_from_iso_and_german_dotted(day: date) -> None:
    assert parse_target_date(day.isoformat()) == day
    assert parse_target_date(f"{day.day:02d}.{day.month:02d}.{day.year}") == day
    assert parse_target_date(f"{day.day}.{day.month}.{day.year}") == day


@pytest.mark.parametrize("text", ["31.02.2027", "2027-13-01", "32.03.2027", "03/31/2027", "morgen", "31.03."])
def test_what_is_no_day_is_refused(text: str) -> None:
    assert parse_target_date(text) is None


def test_bant_accepts_the_german_date_and_stores_iso() -> None:
    assert clean_bant(BantData(timing_target="31.03.2027")).timing_target == "2027-03-31"
    assert clean_bant(BantData(timing_target="2027-q1")).timing_target == "2027-Q1"
    with pytest.raises(ValidationError) as refused:
        clean_bant(BantData(timing_target="31.13.2027"))
    assert "timing_target" in refused.value.errors


def test_match_facts_name_every_agreement() -> None:
    anna = {"first_name": "Anna", "last_name": "Müller", "company": "Müller Bau GmbH", "email": "a@mb.de"}
    assert match_facts(anna, {**anna, "company": "Mueller Bau"}) == ("email", "same_name", "same_company")
    assert match_facts(anna, {**anna, "company": "Müllers Bau", "email": ""}) == (
        "same_name",
        "similar_company",
    )
    phone = {"first_name": "Jörg", "last_name": "Maier", "phone": "0711 123456"}
    assert match_facts(phone, {"first_name": "Joerg", "last_name": "Meier", "phone": "+49 711 123456"}) == (
        "phone",
        "similar_name",
    )
    assert match_facts(anna, {"first_name": "Dora", "last_name": "Klein", "company": "Anderes KG"}) == ()


def test_every_duplicate_pair_says_why(db: Any) -> None:
    create_lead(db, {"first_name": "Anna", "last_name": "Müller", "company": "Müller Bau GmbH"})
    create_lead(
        db, {"first_name": "Anna", "last_name": "Mueller", "company": "Müllers Bau", "email": "a@mb.de"}
    )
    create_lead(db, {"first_name": "Ben", "last_name": "Kurz", "email": "ben@kurz.de"})
    create_lead(db, {"first_name": "Benjamin", "last_name": "Kurz", "email": "BEN@kurz.de"})
    pairs = {p.reason: p for p in find_duplicate_pairs(db)}
    assert pairs["name"].facts == ("same_name", "similar_company")
    assert pairs["email"].facts[0] == "email"


@given(st.text(max_size=40))
def test_email_reasons_are_ours_not_email_validators(text: str) -> None:
    try:
        check_email(text)
    except ValueError as exc:
        message = exc.args[0]
        assert isinstance(message, Text)
        assert message.values["detail"].template in OUR_EMAIL_REASONS


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("anna", "the @ sign is missing"),
        ("@firma.de", "nothing stands before the @"),
        ("anna@", "nothing stands after the @"),
        ("anna@firma", "the part after the @ is no domain that can receive email (such as firma.de)"),
        (
            "anna..b@firma.de",
            "a dot or hyphen stands where it may not (doubled, or at the start or end of a part)",
        ),
        ("Anna <anna@firma.de>", "type the address alone, without a name or angle brackets"),
        ("anna müller@firma.de", "it contains characters an email address cannot hold"),
    ],
)
def test_email_reasons_by_kind(address: str, reason: str) -> None:
    with pytest.raises(EmailNotValidError):
        validate_email(address, check_deliverability=False)
    with pytest.raises(ValueError) as refused:
        check_email(address)
    assert refused.value.args[0].values["detail"].template == reason
