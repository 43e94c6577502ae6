"""What every parser returns: records with line numbers, and problems named by line and field.

Parsers are pure (bytes in, records out, no database) so they can be tested alone and fed
arbitrary bytes by property-based tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from leaddesk.core.errors import LeadDeskError
from leaddesk.core.names import parse_salutation, split_prefix
from leaddesk.core.text import Text
from leaddesk.core.validation import check_email

FILE_EMPTY = Text("the file is empty")


class ImportFormatError(LeadDeskError):
    """The whole file cannot be read (not a vCard/CSV, empty, no header); nothing is imported."""

    def __init__(self, file_name: str, message: str, line: int | None = None) -> None:
        self.file_name = file_name
        self.line = line
        if line:
            super().__init__(
                Text("{file}, line {line}: {message}", file=file_name, line=line, message=message)
            )
        else:
            super().__init__(Text("{file}: {message}", file=file_name, message=message))


@dataclass(frozen=True)
class Issue:
    """A problem with one record: ``severity`` "error" (record not imported) or "warning" (kept)."""

    line: int
    field: str
    message: str
    severity: str = "error"

    def describe(self, file_name: str = "") -> str:
        where = f"{file_name}, line {self.line}" if file_name else f"line {self.line}"
        what = f", field {self.field}" if self.field else ""
        return f"{where}{what}: {self.message}"


#: How a value without a field of its own is labelled in the notes. English, like the field
#: names, the export's columns and every other stored key: notes are data and are not translated
#: when the language of the interface changes, so one language is used for all of them (a
#: column kept from a file keeps its own header, in whatever language the file was written).
FIELD_LABELS: dict[str, str] = {
    "salutation": "Salutation",
    "academic_title": "Academic title",
    "first_name": "First name",
    "last_name": "Last name",
    "company": "Company",
    "title": "Job title",
    "email": "Email",
    "phone": "Phone",
    "mobile": "Mobile",
    "website": "Website",
    "street": "Street",
    "postal_code": "Postal code",
    "city": "City",
    "country": "Country",
    "industry": "Industry",
    "company_size": "Company size",
    "source": "Source",
    "tags": "Tags",
    "owner": "Owner",
    "value": "Value",
    "currency": "Currency",
    "next_follow_up": "Next follow-up",
    "consent_at": "Consent given",
    "consent_source": "Consent source",
    "consent_purpose": "Consent purpose",
    "fax": "Fax",
    "pager": "Pager",
    "address": "Address",
    "department": "Department",
    "role": "Role",
    "region": "Region",
    "birthday": "Birthday",
}


def label_of(key: str) -> str:
    """The notes label of a field or kind of value ("phone" → "Phone"); other text unchanged."""
    return FIELD_LABELS.get(key, key)


@dataclass(slots=True)
class Record:
    """One contact as text fields named like ``Lead`` fields, before validation.

    ``uid`` is kept from vCards so exports re-imported match by uid; ``photo`` holds decoded
    image bytes (attached to the lead); ``extra`` are labelled values with no lead field,
    folded into the notes as "label: value" so nothing the file held is silently dropped
    (labels are final: :func:`label_of` for LeadDesk's own, a file's header for its columns).
    """

    line: int
    values: dict[str, str] = field(default_factory=dict)
    uid: str = ""
    photo: bytes | None = None
    photo_mime: str = ""
    extra: list[tuple[str, str]] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)

    def put(self, key: str, value: str) -> None:
        """Set a field if still empty; a second value for it goes to ``extra`` (never lost)."""
        value = (value or "").strip()
        if not value:
            return
        if not self.values.get(key):
            self.values[key] = value
        elif self.values[key] != value and key not in ("notes",):
            self.extra.append((label_of(key), value))

    @property
    def has_errors(self) -> bool:
        return any(i.severity == "error" for i in self.issues)

    def notes_with_extra(self) -> str:
        """The notes with every ``extra`` value appended as "label: value" (what the lead stores)."""
        notes = self.values.get("notes", "")
        if not self.extra:
            return notes or ""
        lines = [f"{k}: {v}" for k, v in self.extra if v]  # labels are final (see the class)
        return "\n".join(x for x in [notes, *lines] if x)


@dataclass
class ParseResult:
    """All records of one file plus how it was read (shown in the dry-run report)."""

    file_name: str
    file_format: str
    encoding: str
    records: list[Record]
    issues: list[Issue] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)
    preset: str = ""
    delimiter: str = ""


# 70173 Stuttgart, A-1010 Wien, 111 22 Stockholm, 00-950 Warszawa, 1012 AB Amsterdam
_POSTAL_FIRST = re.compile(
    r"^(?:[A-Z]{1,3}[- ])?(\d{3} \d{2}|\d{2}-\d{3}|\d{4} ?[A-Z]{2}(?= )|\d{4,5})\s+(\S.*)$"
)
_POSTAL_US = re.compile(r"^(.+?),?\s+([A-Z]{2})\s+(\d{5}(?:-\d{4})?)$")  # Redmond, WA 98052
_POSTAL_UK = re.compile(r"^(?:(.+?),?\s+)?([A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})$")  # London NW1 6XE


def address_from_label(label: str) -> dict[str, str]:
    """Street, postal code, city, region and country read from a formatted address (a label).

    Some writers give an address only as text ("Baker Street 1\\nLondon NW1 6XE\\nUnited
    Kingdom"). The line with the postal code splits the label: above it the street, below it
    the country. Without such a line the whole label is the street, so nothing is lost.
    """
    lines = [x.strip(" ,") for x in label.replace("\r", "\n").split("\n") if x.strip(" ,")]
    if len(lines) == 1 and "," in lines[0]:
        lines = [x.strip() for x in lines[0].split(",") if x.strip()]
    for at, line in enumerate(lines):
        out: dict[str, str] = {}
        if m := _POSTAL_FIRST.match(line):
            out = {"postal_code": m.group(1), "city": m.group(2)}
        elif m := _POSTAL_US.match(line):
            out = {"city": m.group(1), "region": m.group(2), "postal_code": m.group(3)}
        elif (m := _POSTAL_UK.match(line)) and at > 0:
            out = {"city": m.group(1) or "", "postal_code": m.group(2)}
        if out and at > 0:
            out["street"] = ", ".join(lines[:at])
            if at + 1 < len(lines):
                out["country"] = ", ".join(lines[at + 1 :])
            if not out["city"] and at > 1:  # "London" on its own line above the postcode
                out["city"] = lines[at - 1]
                out["street"] = ", ".join(lines[: at - 1])
            return {k: v for k, v in out.items() if v}
    return {"street": ", ".join(lines)} if lines else {}


_COMPANY_WORDS = re.compile(
    r"(?:^|\s)(?:&|\+|und|and|gmbh|mbh|ag|kg|ohg|gbr|ug|e\.\s?v\.|e\.k\.|inc\.?|ltd\.?|llc|plc|corp\.?|"
    r"co\.|s\.a\.|sarl|s\.r\.l\.|b\.v\.|oy|ab)(?:\s|$|,)",
    re.IGNORECASE,
)


def looks_like_company(name: str) -> bool:
    """A display name that names a firm ("Gartencenter Röhr & Vater", "Müller GmbH"), not a person.

    Splitting such a name into first and last name would invent a person.
    """
    return _COMPANY_WORDS.search(name) is not None


#: What follows a comma in a formatted name without being a first name ("Bruce Banner, PhD").
_NAME_SUFFIXES = frozenset(
    "phd ph.d. md m.d. jr jr. sr sr. ii iii iv mba msc m.sc. bsc b.sc. esq esq. dds dvm llm ll.m.".split()
)


def put_full_name(rec: Record, full: str) -> None:
    """First and last name from a formatted name ("Anna Müller", "Müller, Anna"), unless it
    names the firm ("Acer America" beside the organisation "Acer America", "Röhr & Vater").

    A degree after a comma is no first name: "Bruce Banner, PhD" is Bruce / Banner, and the
    name as written is kept in the notes.
    """
    full = " ".join(full.split())
    company = rec.values.get("company", "")
    if not full or (company and full.casefold() == " ".join(company.split()).casefold()):
        return
    if looks_like_company(full):
        if company:
            rec.extra.append(("Name", full))
        else:
            rec.put("company", full)
        return
    name = full
    if "," in full:
        head, tail = (x.strip() for x in full.split(",", 1))
        words = tail.replace(",", " ").split()
        if not (words and all(w.casefold() in _NAME_SUFFIXES for w in words)):
            rec.put("first_name", tail)
            rec.put("last_name", head)
            return
        rec.extra.append(("Name", full))
        name = head
    salutation, title, rest = split_prefix(name)
    if rest and (salutation or title):  # "Frau Dr. Anna Müller": Anrede and title are fields
        rec.put("salutation", salutation)
        rec.put("academic_title", title)
        name = rest
    words = name.split()
    if words:
        rec.put("first_name", " ".join(words[:-1]))
        rec.put("last_name", words[-1])


def put_name_prefix(rec: Record, prefix: str) -> None:
    """Anrede and academic title from a name prefix ("Frau Dr.", "Mr.", "Prof. Dr. med.").

    What is neither (a prefix LeadDesk does not know) is kept in the notes as "Name prefix".
    """
    salutation, title, rest = split_prefix(prefix)
    if rest and not salutation:
        salutation = parse_salutation(rest)  # "Sehr geehrte Frau"
        rest = "" if salutation else rest
    rec.put("salutation", salutation)
    rec.put("academic_title", title)
    if rest:
        rec.extra.append(("Name prefix", rest))


def name_from_email(rec: Record, line: int) -> None:
    """A card or row with only an e-mail address: the name from it, flagged for review; or refuse.

    vCards and CSV rows are treated alike: "anna.mueller@example.org" becomes Anna / Mueller.
    """
    email = rec.values.get("email", "")
    try:
        usable = bool(check_email(email))
    except ValueError:
        usable = False  # "x@y": no name is made up from an address that is itself refused
    if not usable:
        if not email:
            rec.issues.append(
                Issue(line, "last_name", Text("record has no name, no organisation and no email address"))
            )
        return
    words = [w for w in re.split(r"[._]+", email.split("@", 1)[0]) if w]
    if not words:
        rec.issues.append(
            Issue(line, "last_name", Text("record has no name, no organisation and no email address"))
        )
        return
    if all(w.isalpha() and w.islower() for w in words):
        words = [w.capitalize() for w in words]
    if len(words) > 1:
        rec.put("first_name", " ".join(words[:-1]))
    rec.put("last_name", words[-1])
    rec.issues.append(
        Issue(
            line,
            "last_name",
            Text("no name given; taken from the email address {email}", email=email),
            "warning",
        )
    )
