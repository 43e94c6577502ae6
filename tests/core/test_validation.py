"""Field normalisation: examples plus property-based checks that odd input never raises."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from leaddesk.core.validation import check_email, format_phone, normalize_phone, normalize_tags


def test_german_numbers_become_e164() -> None:
    assert normalize_phone("089 1234567").value == "+49891234567"
    assert normalize_phone("+43 1 5356000").value == "+4315356000"
    assert normalize_phone("0171/2345678").value == "+491712345678"
    assert normalize_phone("0041 44 123 45 67").value == "+41441234567"
    assert format_phone("+49891234567") == "+49 89 1234567"


def test_unparsable_phone_is_kept_with_a_warning() -> None:
    result = normalize_phone("call front desk")
    assert result.value == "call front desk" and not result.parsed and "kept as typed" in result.warning
    short = normalize_phone("12")
    assert short.value == "12" and short.warning


@given(st.text(max_size=40))
def test_phone_normalisation_never_raises_and_never_loses_input(text: str) -> None:
    result = normalize_phone(text)
    if result.parsed:
        assert result.value == "" or result.value.startswith("+")
    else:
        assert result.value == text.strip()


@given(st.text(max_size=60))
def test_email_check_raises_only_value_error(text: str) -> None:
    try:
        check_email(text)
    except ValueError as exc:
        assert "not a valid email" in str(exc)


def test_tags_are_trimmed_and_deduplicated() -> None:
    assert normalize_tags(" VIP, messe,, Messe ,vip") == "VIP,messe"
    assert normalize_tags(["a", "b", "A"]) == "a,b"
