"""The fast paths for e-mail and German phone numbers give exactly what the full libraries give."""

from __future__ import annotations

from unittest.mock import patch

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from hypothesis import example, given, settings
from hypothesis import strategies as st

from leaddesk.core.validation import _fast_email, _fast_german, normalize_phone

LOCAL = st.from_regex(r"[A-Za-z0-9._%+!#~-]{1,20}", fullmatch=True)
DOMAIN = st.from_regex(r"([A-Za-z0-9-]{1,12}\.){1,3}[A-Za-z]{2,6}", fullmatch=True)


@settings(max_examples=400, deadline=None)
@given(LOCAL, DOMAIN)
def test_fast_email_agrees_with_email_validator(local: str, domain: str) -> None:
    address = f"{local}@{domain}"
    fast = _fast_email(address)
    try:
        slow: str | None = validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError:
        slow = None
    if fast is not None:
        assert fast == slow


def test_fast_email_leaves_special_cases_to_the_library() -> None:
    assert _fast_email("Anna.Müller@example.de") is None  # non-ASCII
    assert _fast_email("a@host.invalid") is None and _fast_email("a@b.test") is None
    assert _fast_email("a..b@example.de") is None
    assert _fast_email("Anna@Example.DE") == "Anna@example.de"
    assert _fast_email("0@00--0.AA") is None  # found by hypothesis: "--" at 3–4 means Punycode


PHONE = st.builds(
    lambda prefix, digits, seps: prefix + "".join(d + s for d, s in zip(digits, seps, strict=False)),
    st.sampled_from(["0", "+49", "0049", "+49 ", "0049 ", "(0", "+49 (0)", "0 "]),
    st.from_regex(r"[1-9][0-9]{2,13}", fullmatch=True),
    st.lists(st.sampled_from(["", "", " ", "-", "/", ")"]), max_size=16),
)


@settings(max_examples=500, deadline=None)
@given(PHONE)
def test_fast_german_phone_agrees_with_the_full_path(text: str) -> None:
    fast = _fast_german(text, "DE")
    if fast is None:
        return
    with patch("leaddesk.core.validation._fast_german", return_value=None):
        slow = normalize_phone(text)
    assert slow.parsed and fast == slow.value
    number = phonenumbers.parse(text, "DE")
    assert fast == phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def test_normalize_phone_examples() -> None:
    assert normalize_phone("089 1234567").value == "+49891234567"
    assert normalize_phone("+49 (0) 40 6432131-550").value == "+49406432131550"
    assert normalize_phone("0171-9394461").value == "+491719394461"
    assert normalize_phone("ruf an").parsed is False


def test_german_length_table_matches_is_possible_number() -> None:
    from leaddesk.core.validation import _german_lengths

    for length in range(1, 18):
        number = phonenumbers.PhoneNumber(country_code=49, national_number=int("1" + "2" * (length - 1)))
        assert (length in _german_lengths()) == phonenumbers.is_possible_number(number), length


@settings(max_examples=400, deadline=None)
@given(st.from_regex(r"(\+49|0)[1-9][0-9]{3,13}", fullmatch=True))
@example("+494969000")  # a type's pattern alone matched it: the general pattern must hold for every type
def test_german_validity_shortcut_agrees_with_phonenumbers(text: str) -> None:
    from leaddesk.core.validation import german_number_is_valid

    number = phonenumbers.parse(text, "DE")
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    assert german_number_is_valid(e164) == phonenumbers.is_valid_number(number)
    result = normalize_phone(text)
    if result.parsed and result.value.startswith("+49"):
        assert result.valid == phonenumbers.is_valid_number(number)


def test_german_validity_shortcut_agrees_for_every_prefix_and_length() -> None:
    """Every two-digit area start at every length, with a few fillers: what sampling can miss."""
    from leaddesk.core.validation import german_number_is_valid

    for start in range(10, 100):
        for length in range(4, 15):
            for filler in "0369":
                national = (str(start) + filler * length)[:length]
                number = phonenumbers.PhoneNumber(country_code=49, national_number=int(national))
                expected = phonenumbers.is_valid_number(number)
                assert german_number_is_valid("+49" + national) == expected, national
