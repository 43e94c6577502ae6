"""Field-level checks and normalisation shared by the editor, quick entry and importers."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import NamedTuple

from leaddesk.core.text import Text

DEFAULT_REGION = "DE"


class PhoneResult(NamedTuple):
    """``value`` is E.164 when parsed, else the original text; ``warning`` says why not.

    ``valid`` is phonenumbers' ``is_valid_number``: a parsed number of a possible length may
    still be outside every known range (a typo, or the wrong country assumed); importers warn.
    A tuple, not a frozen dataclass: imports build two per row, and this is 3× cheaper.
    """

    value: str
    parsed: bool
    warning: str = ""
    valid: bool = True

    @property
    def key(self) -> str:
        """Digits only, for duplicate checks (empty when the phone is empty)."""
        return re.sub(r"\D", "", self.value)


# Fast path for the common German shapes ("0711 123456", "+49 (711) 12345-6", "0049 89 123456"):
# phonenumbers.parse costs ~25 µs, which dominates a 100,000-row import. With six or more
# national digits the rule below ("valid, or possible with a real subscriber part") reduces to
# "possible", so the result is the same as the full path (tests/core/test_validation_fast.py);
# anything else, such as "(0)", short numbers or other countries, takes the full path.
_SEPARATORS = re.compile(r"[\s\-/().]")
_GERMAN = re.compile(r"(?:\+49|0049|0)([1-9]\d{5,13})")


def _fast_german(raw: str, region: str) -> str | None:
    if region != "DE" or "(0)" in raw:
        return None
    m = _GERMAN.fullmatch(_SEPARATORS.sub("", raw))
    if m is None:
        return None
    return "+49" + m.group(1) if len(m.group(1)) in _german_lengths() else None


@cache
def _german_lengths() -> frozenset[int]:
    """National number lengths ``phonenumbers.is_possible_number`` accepts for +49 (read from its
    metadata once; asking it per number cost ~7 µs, a second on a 150,000-phone import)."""
    import phonenumbers  # here, not at the top: start-up paints the board without it (~35 ms)

    md = phonenumbers.PhoneMetadata.metadata_for_region("DE")
    desc = md.general_desc if md is not None else None
    assert desc is not None  # phonenumbers has Germany's metadata
    return frozenset(desc.possible_length) | frozenset(desc.possible_length_local_only)


@cache
def _german_validity() -> dict[int, re.Pattern[str]]:
    """``is_valid_number`` for +49 as one regex per national length: the general pattern as a
    look-ahead, then the types allowed at that length (what phonenumbers tries one by one;
    ~1 µs instead of 6 µs; tests/core/test_validation_fast.py compares them)."""
    import phonenumbers

    md = phonenumbers.PhoneMetadata.metadata_for_region("DE")
    assert md is not None and md.general_desc is not None  # phonenumbers has Germany's metadata
    general = md.general_desc
    kinds = [
        md.premium_rate, md.toll_free, md.shared_cost, md.voip, md.personal_number,
        md.pager, md.uan, md.voicemail, md.fixed_line, md.mobile,
    ]  # fmt: skip
    by_length = {}
    for length in general.possible_length:
        patterns = [
            d.national_number_pattern
            for d in kinds
            if d is not None
            and d.national_number_pattern
            and (not d.possible_length or length in d.possible_length)
        ]
        if patterns:
            types = ")|(?:".join(patterns)
            # The alternatives grouped as one: the look-ahead must hold for every one of them.
            by_length[length] = re.compile(f"(?=(?:{general.national_number_pattern})$)(?:(?:{types}))")
    return by_length


def german_number_is_valid(e164: str) -> bool:
    """``phonenumbers.is_valid_number`` for a ``+49…`` number, without building the number."""
    national = e164[3:]
    pattern = _german_validity().get(len(national))
    return pattern is not None and pattern.fullmatch(national) is not None


def normalize_phone(text: str, region: str = DEFAULT_REGION) -> PhoneResult:
    """Parse a phone number as a person writes it; Germany is the default region.

    An unparsable number is kept as typed (never lost) and flagged with a warning.
    """
    raw = (text or "").strip()
    if not raw:
        return _NO_PHONE
    fast = _fast_german(raw, region or DEFAULT_REGION)
    if fast is not None:
        national = fast[3:]
        pattern = _german_validity().get(len(national))
        valid = pattern is not None and pattern.fullmatch(national) is not None
        # tuple.__new__ is what PhoneResult(...) runs, without its Python-level wrapper.
        return _new_tuple(PhoneResult, (fast, True, "", valid))
    return _parse_phone(raw, region or DEFAULT_REGION)


_new_tuple = tuple.__new__


_NO_PHONE = PhoneResult("", True)


@lru_cache(maxsize=16384)
def _parse_phone(raw: str, region: str) -> PhoneResult:
    """The full phonenumbers path (~25 µs), cached: imports repeat switchboard and foreign numbers."""
    import phonenumbers

    candidate = raw
    if candidate.startswith("00"):
        candidate = "+" + candidate[2:]
    try:
        number = phonenumbers.parse(candidate, region)
    except phonenumbers.NumberParseException:
        return PhoneResult(raw, False, Text("cannot read {raw!r} as a phone number; kept as typed", raw=raw))
    # Valid per the metadata, or at least of a possible length with a real subscriber part: the
    # metadata lags behind new number ranges, and trade-fair cards carry odd but real numbers.
    plausible = phonenumbers.is_possible_number(number) and len(str(number.national_number)) >= 6
    valid = phonenumbers.is_valid_number(number)
    if not (valid or plausible):
        return PhoneResult(
            raw, False, Text("{raw!r} is not a valid phone number; kept as typed", raw=raw), False
        )
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if number.extension:  # "+44 20 7946 0000 ext. 5555": E.164 has no room for it, but it is not lost
        e164 += " ext. " + number.extension
    return PhoneResult(e164, True, "", valid)


#: Country spellings phonenumbers' own names (every language it has) do not cover.
_COUNTRY_ALIASES = {
    "usa": "US", "u.s.a.": "US", "u.s.": "US", "us": "US", "united states of america": "US",
    "vereinigte staaten": "US", "vereinigte staaten von amerika": "US", "america": "US",
    "uk": "GB", "u.k.": "GB", "great britain": "GB", "england": "GB", "scotland": "GB",
    "wales": "GB", "northern ireland": "GB", "grossbritannien": "GB", "großbritannien": "GB",
    "brd": "DE", "germany": "DE", "deutschland": "DE", "bundesrepublik deutschland": "DE",
    "schweiz": "CH", "suisse": "CH", "svizzera": "CH", "holland": "NL", "niederlande": "NL",
    "österreich": "AT", "oesterreich": "AT", "russia": "RU", "south korea": "KR", "korea": "KR",
}  # fmt: skip


@cache
def _country_names() -> dict[str, str]:
    """Folded country name or ISO code → region, from phonenumbers' names in every language."""
    import phonenumbers
    from phonenumbers.geodata.locale import LOCALE_DATA

    out: dict[str, str] = {}
    for region, names in LOCALE_DATA.items():
        if region not in phonenumbers.SUPPORTED_REGIONS:
            continue
        for name in names.values():
            if name.startswith("*"):
                name = names.get(name[1:], "")
            if name:
                out.setdefault(_fold_country(name), region)
    for region in phonenumbers.SUPPORTED_REGIONS:
        out[region.casefold()] = region
    out.update({_fold_country(k): v for k, v in _COUNTRY_ALIASES.items()})
    return out


def _fold_country(name: str) -> str:
    return " ".join(name.replace(".", ". ").split()).casefold().replace(". ", ".").strip(".")


@lru_cache(maxsize=1024)
def region_for_country(country: str) -> str:
    """The phone region of a country as people write it ("United States", "USA", "Österreich",
    "at", "D"), or "" when unknown: numbers of a contact are read as its address country dials."""
    key = _fold_country(country or "")
    if not key:
        return ""
    if key in ("d", "a", "ch"):  # German postal abbreviations: D-70173, A-1010
        return {"d": "DE", "a": "AT", "ch": "CH"}[key]
    return _country_names().get(key, _country_names().get(key.replace(".", ""), ""))


def format_phone(e164: str) -> str:
    """E.164 shown the international way (+49 89 1234567); anything else unchanged."""
    if not e164.startswith("+"):
        return e164
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


# Plain ASCII addresses (nearly all of them) are checked by one regex instead of
# email_validator (~50 µs each); the result is the same (tests/core/test_validation_fast.py).
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_SIMPLE_EMAIL = re.compile(rf"({_ATEXT}(?:\.{_ATEXT})*)@((?:{_LABEL}\.)+[A-Za-z]{{2,63}})")
#: Special-use top-level names (one label each, so checking the last label is enough).
_SPECIAL_USE = frozenset(("arpa", "invalid", "local", "localhost", "onion", "test"))


def _fast_email(raw: str) -> str | None:
    m = _SIMPLE_EMAIL.fullmatch(raw)
    if m is None or len(raw) > 254:
        return None
    local, domain = m.groups()
    if len(local) > 64 or len(domain) > 253:
        return None
    domain = domain.lower()
    if domain[domain.rfind(".") + 1 :] in _SPECIAL_USE:
        return None
    if "--" in domain and any(label[2:4] == "--" for label in domain.split(".")):
        return None  # "ab--…" is reserved for Punycode: let the full check decide
    return local + "@" + domain


def check_email(text: str) -> str:
    """The address, trimmed and with its domain normalised; ValueError with the reason if invalid.

    Syntax only: LeadDesk is offline, so no DNS look-up.
    """
    raw = (text or "").strip()
    if not raw:
        return ""
    fast = _fast_email(raw)
    if fast is not None:
        return fast
    from email_validator import EmailNotValidError
    from email_validator import validate_email as _validate_email

    try:
        info = _validate_email(raw, check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValueError(
            Text("{raw!r} is not a valid email address: {detail}", raw=raw, detail=email_problem(str(exc)))
        ) from None
    return info.normalized


#: email-validator's English messages by what went wrong (first match wins), as our own words:
#: its messages would stay English inside a German sentence ("… ist keine gültige E-Mail-Adresse:
#: The part after the @-sign is not valid."). A message not listed gets the general reason.
_EMAIL_PROBLEMS: tuple[tuple[tuple[str, ...], Text], ...] = (
    (("must have an @-sign", "full-width", "small commercial at"), Text("the @ sign is missing")),
    (("something before the @-sign",), Text("nothing stands before the @")),
    (("something after the @-sign",), Text("nothing stands after the @")),
    (("too long",), Text("the address is too long")),
    (("display name", "angle bracket"), Text("type the address alone, without a name or angle brackets")),
    (
        ("should have a period", "top-level domain", "special-use or reserved"),
        Text("the part after the @ is no domain that can receive email (such as firma.de)"),
    ),
    (
        (
            "two periods in a row",
            "start with a",
            "immediately before the @-sign",
            "immediately after the @-sign",
            "end with a",
            "period and a hyphen",
            "two dashes",
        ),
        Text("a dot or hyphen stands where it may not (doubled, or at the start or end of a part)"),
    ),
    (("character", "ascii"), Text("it contains characters an email address cannot hold")),
)


def email_problem(message: str) -> Text:
    """What email-validator's ``message`` means, as a translatable ``Text`` of ours."""
    lowered = message.lower()
    for needles, problem in _EMAIL_PROBLEMS:
        if any(needle.lower() in lowered for needle in needles):
            return problem
    return Text("it is not written the way an email address is")


def email_domain(email: str) -> str:
    return email.rsplit("@", 1)[1].lower() if "@" in email else ""


def normalize_tags(tags: str | list[str] | tuple[str, ...]) -> str:
    """Comma-separated tags, trimmed, de-duplicated ignoring case, first spelling kept."""
    if isinstance(tags, str):
        return _normalize_tag_text(tags)
    return _join_tags(list(tags))


@lru_cache(maxsize=4096)
def _normalize_tag_text(tags: str) -> str:
    """Cached: an import repeats the same few category strings on thousands of rows."""
    return _join_tags(tags.split(","))


def _join_tags(items: list[str]) -> str:
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
