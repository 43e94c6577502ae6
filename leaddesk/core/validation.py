"""Field-level checks and normalisation shared by the editor, quick entry and importers."""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from email_validator import EmailNotValidError
from email_validator import validate_email as _validate_email

DEFAULT_REGION = "DE"


@dataclass(frozen=True)
class PhoneResult:
    """``value`` is E.164 when parsed, else the original text; ``warning`` says why not."""

    value: str
    parsed: bool
    warning: str = ""

    @property
    def key(self) -> str:
        """Digits only, for duplicate checks (empty when the phone is empty)."""
        return re.sub(r"\D", "", self.value)


def normalize_phone(text: str, region: str = DEFAULT_REGION) -> PhoneResult:
    """Parse a phone number as a person writes it; Germany is the default region.

    An unparsable number is kept as typed (never lost) and flagged with a warning.
    """
    raw = (text or "").strip()
    if not raw:
        return PhoneResult("", True)
    candidate = raw
    if candidate.startswith("00"):
        candidate = "+" + candidate[2:]
    try:
        number = phonenumbers.parse(candidate, region or DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return PhoneResult(raw, False, f"cannot read {raw!r} as a phone number; kept as typed")
    if not phonenumbers.is_valid_number(number):
        return PhoneResult(raw, False, f"{raw!r} is not a valid phone number; kept as typed")
    return PhoneResult(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), True)


def format_phone(e164: str) -> str:
    """E.164 shown the international way (+49 89 1234567); anything else unchanged."""
    if not e164.startswith("+"):
        return e164
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def check_email(text: str) -> str:
    """The address, trimmed and with its domain normalised; ValueError with the reason if invalid.

    Syntax only: LeadDesk is offline, so no DNS look-up.
    """
    raw = (text or "").strip()
    if not raw:
        return ""
    try:
        info = _validate_email(raw, check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValueError(f"{raw!r} is not a valid email address: {exc}") from None
    return info.normalized


def email_domain(email: str) -> str:
    return email.rsplit("@", 1)[1].lower() if "@" in email else ""


def normalize_tags(tags: str | list[str] | tuple[str, ...]) -> str:
    """Comma-separated tags, trimmed, de-duplicated ignoring case, first spelling kept."""
    items = tags.split(",") if isinstance(tags, str) else list(tags)
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        tag = item.strip()
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            out.append(tag)
    return ",".join(out)


def normalize_website(text: str) -> str:
    url = (text or "").strip()
    if url and "://" not in url and "." in url:
        url = "https://" + url
    return url
