"""CSV reader: encoding and delimiter detection, header mapping for common CRM/address-book exports.

Header names are matched case-insensitively. A known export (Google, Outlook DE/EN, HubSpot,
Pipedrive, Salesforce, Odoo, LinkedIn, Thunderbird) is recognised by its columns and gets
its own mapping on top of a generic German/English one; anything else goes through the
mapping dialog (or ``--map`` on the command line) with the same :func:`parse_csv`.

Mapping targets are ``Lead`` field names, plus ``full_name`` (split into first/last),
``street2`` (appended to the street), ``note:<label>`` (kept in the notes as "label: value")
and ``""`` (column not imported; listed in the report). A column no table knows is kept in
the notes under its own header: nothing a file holds is dropped without being listed. Only
the read-only columns of LeadDesk's own export (stage, score, …) are not imported.

Numbered column groups ("Phone 1 - Type" / "Phone 1 - Value", "Address 2 - City", Google's
and Outlook.com's layout) are read as groups: the type decides mobile, phone, fax or pager,
the work number comes first, and a second address is kept whole in the notes.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Mapping

from leaddesk.core.importers.base import (
    FILE_EMPTY,
    ImportFormatError,
    Issue,
    ParseResult,
    Record,
    address_from_label,
    label_of,
    name_from_email,
    put_full_name,
    put_name_prefix,
)
from leaddesk.core.importers.encoding import detect_encoding
from leaddesk.core.models import EDITABLE_FIELDS
from leaddesk.core.text import Text

#: Targets a mapping may use besides ``note:<label>``.
TARGETS: tuple[str, ...] = (
    "uid",
    "currency",
    "next_follow_up",
    "consent_at",
    "consent_source",
    "consent_purpose",
    "salutation",
    "academic_title",
    "name_prefix",
    "stage",
    "first_name",
    "last_name",
    "full_name",
    "company",
    "title",
    "email",
    "phone",
    "mobile",
    "website",
    "street",
    "street2",
    "postal_code",
    "city",
    "country",
    "industry",
    "company_size",
    "source",
    "tags",
    "owner",
    "notes",
    "value",
    "address",
)


_GENERIC: dict[str, str] = {
    # LeadDesk's own export: the data model's names (read-only columns are not imported).
    **{name: name for name in EDITABLE_FIELDS},
    "uid": "uid",
    **dict.fromkeys(("lost_reason", "score", "created_at"), ""),
    # The stage (German or English names, or the codes): a pipeline round-trips through Excel.
    **dict.fromkeys(("stage", "phase", "pipeline stage", "deal stage", "lead stage"), "stage"),
    # The German headers of the "CSV for Excel" export (leaddesk/core/exporters.py).
    "schlagwörter": "tags",
    "betreuer": "owner",
    "währung": "currency",
    "wiedervorlage": "next_follow_up",
    "einwilligung am": "consent_at",
    "einwilligungsquelle": "consent_source",
    "einwilligungszweck": "consent_purpose",
    "leaddesk-id": "uid",
    **dict.fromkeys(("first name", "firstname", "given name", "vorname", "first"), "first_name"),
    **dict.fromkeys(
        ("last name", "lastname", "surname", "family name", "nachname", "familienname", "last"), "last_name"
    ),
    **dict.fromkeys(("name", "full name", "display name", "kontakt", "contact", "contact name"), "full_name"),
    **dict.fromkeys(
        ("company", "company name", "firma", "unternehmen", "organisation", "organization", "account"),
        "company",
    ),
    **dict.fromkeys(("job title", "position", "funktion", "jobtitel", "role"), "title"),
    # Anrede and academic title, together or apart ("Frau Dr."): split by leaddesk/core/names.py.
    **dict.fromkeys(
        ("anrede", "titel", "akademischer titel", "name prefix", "prefix", "honorific", "salutation"),
        "name_prefix",
    ),
    **dict.fromkeys(
        (
            "email",
            "e-mail",
            "e-mail address",
            "email address",
            "e-mail-adresse",
            "mail",
            "primary email",
            "email work",
            "email home",
            "email other",
        ),
        "email",
    ),
    **dict.fromkeys(("phone", "telefon", "tel", "telephone", "phone number", "telefonnummer"), "phone"),
    **dict.fromkeys(
        ("mobile", "mobil", "handy", "mobile phone", "mobiltelefon", "cell", "mobile number", "home mobile"),
        "mobile",
    ),
    **dict.fromkeys(("business phone", "work phone", "home phone", "other phone"), "phone"),
    **dict.fromkeys(("website", "webseite", "web", "homepage", "url", "web page", "internet"), "website"),
    **dict.fromkeys(("street", "straße", "strasse", "address", "adresse", "street address"), "street"),
    **dict.fromkeys(("plz", "postleitzahl", "zip", "zip code", "postal code", "postcode"), "postal_code"),
    **dict.fromkeys(("city", "ort", "stadt", "town"), "city"),
    **dict.fromkeys(("country", "land", "country/region"), "country"),
    **dict.fromkeys(("industry", "branche"), "industry"),
    **dict.fromkeys(("employees", "mitarbeiter", "company size", "number of employees"), "company_size"),
    **dict.fromkeys(("source", "quelle", "lead source", "herkunft"), "source"),
    **dict.fromkeys(("tags", "kategorien", "categories", "schlagworte", "labels"), "tags"),
    **dict.fromkeys(("owner", "besitzer", "verantwortlich", "zuständig", "contact owner"), "owner"),
    **dict.fromkeys(
        ("notes", "notizen", "note", "notiz", "bemerkung", "kommentar", "comment", "description"), "notes"
    ),
    **dict.fromkeys(("value", "wert", "deal value", "auftragswert"), "value"),
    # Business and home variants as many address books name them (the first filled one wins).
    **dict.fromkeys(
        (
            "business street",
            "work street",
            "work address",
            "home street",
            "home address",
            "straße geschäftlich",
            "straße privat",
            "mailing street",
            "billing street",
        ),
        "street",
    ),
    **dict.fromkeys(
        ("business street 2", "work address 2", "home address 2", "straße geschäftlich 2", "address 2"),
        "street2",
    ),
    **dict.fromkeys(
        (
            "zipcode",
            "zip/postal code",
            "business postal code",
            "business zip",
            "work zip",
            "work zipcode",
            "work postal code",
            "home zip",
            "home zipcode",
            "home postal code",
            "postleitzahl geschäftlich",
            "postleitzahl privat",
            "mailing zip/postal code",
            "billing zip/postal code",
        ),
        "postal_code",
    ),
    **dict.fromkeys(
        (
            "business city",
            "work city",
            "home city",
            "ort geschäftlich",
            "ort privat",
            "mailing city",
            "billing city",
        ),
        "city",
    ),
    **dict.fromkeys(
        (
            "business country",
            "business country/region",
            "work country",
            "home country",
            "home country/region",
            "land/region geschäftlich",
            "land/region privat",
            "land geschäftlich",
            "mailing country",
            "billing country",
        ),
        "country",
    ),
    **dict.fromkeys(
        ("telefon geschäftlich", "telefon firma", "haupttelefon", "company phone", "office phone"), "phone"
    ),
    **dict.fromkeys(
        ("fax", "fax number", "business fax", "work fax", "fax geschäftlich", "telefax"), "note:Fax"
    ),
    **dict.fromkeys(("pager", "pager number", "beeper"), "note:Pager"),
    **dict.fromkeys(
        ("state", "work state", "home state", "business state", "region", "bundesland"), "note:Region"
    ),
    **dict.fromkeys(("email 2", "e-mail 2", "secondary email", "other email", "alternate email"), "email"),
}

_OUTLOOK_DE = {
    "vorname": "first_name",
    "weitere vornamen": "first_name",
    "nachname": "last_name",
    "firma": "company",
    "abteilung": "note:Abteilung",
    "position": "title",
    "straße geschäftlich": "street",
    "straße geschäftlich 2": "street2",
    "ort geschäftlich": "city",
    "postleitzahl geschäftlich": "postal_code",
    "land/region geschäftlich": "country",
    "straße privat": "street",
    "ort privat": "city",
    "postleitzahl privat": "postal_code",
    "land/region privat": "country",
    "telefon geschäftlich": "phone",
    "telefon firma": "phone",
    "haupttelefon": "phone",
    "telefon (privat)": "phone",
    "mobiltelefon": "mobile",
    "e-mail-adresse": "email",
    "e-mail 2: adresse": "email",
    "e-mail 3: adresse": "email",
    "webseite": "website",
    "notizen": "notes",
    "kategorien": "tags",
    "anrede": "name_prefix",
    "titel": "name_prefix",
    "ort": "",
}
_OUTLOOK_EN = {
    "first name": "first_name",
    "middle name": "first_name",
    "last name": "last_name",
    "title": "name_prefix",
    "company": "company",
    "department": "note:Department",
    "job title": "title",
    "business street": "street",
    "business street 2": "street2",
    "business city": "city",
    "business postal code": "postal_code",
    "business country/region": "country",
    "home street": "street",
    "home city": "city",
    "home postal code": "postal_code",
    "home country/region": "country",
    "business phone": "phone",
    "company main phone": "phone",
    "primary phone": "phone",
    "home phone": "phone",
    "mobile phone": "mobile",
    "e-mail address": "email",
    "e-mail 2 address": "email",
    "e-mail 3 address": "email",
    "web page": "website",
    "notes": "notes",
    "categories": "tags",
    "location": "",
}
_GOOGLE = {
    "name": "full_name",
    "name prefix": "name_prefix",
    "given name": "first_name",
    "first name": "first_name",
    "additional name": "first_name",
    "middle name": "first_name",
    "family name": "last_name",
    "last name": "last_name",
    "organization 1 - name": "company",
    "organization name": "company",
    "organization 1 - title": "title",
    "organization title": "title",
    "organization 1 - department": "note:Department",
    "organization department": "note:Department",
    "address 1 - street": "street",
    "address 1 - extended address": "street2",
    "address 1 - po box": "street2",
    "address 1 - city": "city",
    "address 1 - postal code": "postal_code",
    "address 1 - country": "country",
    "address 1 - region": "note:Region",
    "website 1 - value": "website",
    "notes": "notes",
    "group membership": "tags",
    "labels": "tags",
}
_HUBSPOT = {
    "record id": "note:HubSpot ID",
    "email": "email",
    "phone number": "phone",
    "mobile phone number": "mobile",
    "company name": "company",
    "job title": "title",
    "contact owner": "owner",
    "lifecycle stage": "note:Lifecycle stage",
    "lead status": "note:Lead status",
    "street address": "street",
    "postal code": "postal_code",
    "country/region": "country",
    "website url": "website",
    "create date": "",
    "last activity date": "",
}
_PIPEDRIVE = {
    "person - name": "full_name",
    "person - first name": "first_name",
    "person - last name": "last_name",
    "person - label": "tags",
    "person - organization": "company",
    "person - email - work": "email",
    "person - email - home": "email",
    "person - email - other": "email",
    "person - phone - work": "phone",
    "person - phone - home": "phone",
    "person - phone - other": "phone",
    "person - phone - mobile": "mobile",
    "person - owner": "owner",
    "person - marketing status": "note:Marketing status",
}
_SALESFORCE = {
    "id": "note:Salesforce ID",
    "salutation": "name_prefix",
    "firstname": "first_name",
    "lastname": "last_name",
    "title": "title",
    "company": "company",
    "street": "street",
    "state": "note:State",
    "postalcode": "postal_code",
    "mobilephone": "mobile",
    "leadsource": "source",
    "status": "note:Status",
    "rating": "note:Rating",
    "annualrevenue": "note:Annual revenue",
    "numberofemployees": "company_size",
    "ownerid": "",
    "isconverted": "",
    "createddate": "",
    "description": "notes",
}
_ODOO = {
    "external id": "note:Odoo ID",
    "name": "note:Opportunity",
    "company name": "company",
    "contact name": "full_name",
    "job position": "title",
    "street2": "street2",
    "state": "note:State",
    "zip": "postal_code",
}
_LINKEDIN = {
    "url": "note:LinkedIn",
    "email address": "email",
    "position": "title",
    "connected on": "note:Connected on",
}
_THUNDERBIRD = {
    "display name": "full_name",
    "nickname": "",
    "primary email": "email",
    "secondary email": "email",
    "work phone": "phone",
    "home phone": "phone",
    "mobile number": "mobile",
    "work address": "street",
    "work address 2": "street2",
    "work city": "city",
    "work zipcode": "postal_code",
    "work country": "country",
    "home address": "street",
    "home city": "city",
    "home zipcode": "postal_code",
    "home country": "country",
    "organization": "company",
    "department": "note:Department",
    "web page 1": "website",
}
_TINE_LEADS = {
    "lead_name": "note:Lead",
    "leadsource": "source",
    "customer": "company",
    "responsible": "owner",
    "partner": "note:Partner",
    "description": "notes",
    "notes": "note:History",
    "turnover": "value",
}

#: name → (columns that identify the export, its mapping over the generic one)
PRESETS: dict[str, tuple[frozenset[str], dict[str, str]]] = {
    "Outlook (Deutsch)": (
        frozenset({"vorname", "nachname", "straße geschäftlich", "e-mail-adresse"}),
        _OUTLOOK_DE,
    ),
    "Outlook (English)": (
        frozenset({"first name", "last name", "business street", "e-mail address", "job title"}),
        _OUTLOOK_EN,
    ),
    "Google Contacts": (
        frozenset(
            {"given name", "family name", "group membership", "labels", "e-mail 1 - value", "phone 1 - value"}
        ),
        _GOOGLE,
    ),
    "HubSpot": (frozenset({"record id", "contact owner", "lifecycle stage", "lead status"}), _HUBSPOT),
    "Pipedrive": (frozenset({"person - name", "person - organization", "person - email - work"}), _PIPEDRIVE),
    "Salesforce": (
        frozenset({"firstname", "lastname", "leadsource", "mobilephone", "postalcode"}),
        _SALESFORCE,
    ),
    "Odoo": (frozenset({"external id", "company name", "contact name", "job position", "street2"}), _ODOO),
    "LinkedIn": (frozenset({"first name", "last name", "url", "email address", "connected on"}), _LINKEDIN),
    "Thunderbird": (
        frozenset({"primary email", "secondary email", "work zipcode", "mobile number"}),
        _THUNDERBIRD,
    ),
    "Tine 2.0 CRM": (frozenset({"lead_name", "leadstate", "leadsource", "customer"}), _TINE_LEADS),
}

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: str) -> str:
    """Prefix an apostrophe to text a spreadsheet would run as a formula ("=HYPERLINK(…)", "+49…").

    Text that already starts with apostrophes before such a character ("'-") gets one more,
    so :func:`restore_cell` can tell it from a neutralised cell and gives it back unchanged.
    """
    return "'" + value if value.lstrip("'").startswith(_FORMULA_START) else value


def restore_cell(value: str) -> str:
    """Undo :func:`neutralise_cell`: LeadDesk's own exports read back unchanged."""
    return value[1:] if value.startswith("'") and value.lstrip("'").startswith(_FORMULA_START) else value


_TAG_SPLIT = re.compile(r"[;,]")
_OWN_TAG_SPLIT = re.compile(r",")
#: Numbered column groups: "Phone 1 - Value", "E-mail 2 - Type", "Address 1 - Postal Code".
_GROUP = re.compile(r"^(e-mail|email|phone|address|website) (\d+) - (.+)$")
_IDENTITY = {"first_name", "last_name", "full_name", "company", "email"}
#: The read-only columns of LeadDesk's own export: facts the database computes, not imported.
_OWN_READ_ONLY = frozenset(("lost_reason", "score", "created_at", "punkte", "angelegt am", "verlustgrund"))
#: What exports write into cells they have no value for (Outlook: "0.0.00", "Keine Angabe").
_EMPTY_SENTINELS = frozenset(("0.0.00", "0/0/00", "00.00.0000", "keine angabe", "unspecified"))
#: Columns whose value is only the exporting program's default, per column (Outlook).
_DEFAULT_VALUES = {
    "priorität": "normal",
    "priority": "normal",
    "vertraulichkeit": "normal",
    "sensitivity": "normal",
    "privat": "aus",
    "private": "false",
    "geschlecht": "keine angabe",
    "gender": "unspecified",
}


def norm_header(header: str) -> str:
    return " ".join(header.replace("\ufeff", "").strip().strip('"').split()).casefold()


def _normalised(table: Mapping[str, str]) -> dict[str, str]:
    """A table with its keys folded as headers are (``casefold`` turns "ß" into "ss")."""
    return {norm_header(k): v for k, v in table.items()}


_GENERIC = _normalised(_GENERIC)
for _name, (_signature, _table) in list(PRESETS.items()):
    PRESETS[_name] = (frozenset(norm_header(h) for h in _signature), _normalised(_table))


def detect_preset(headers: list[str]) -> str:
    """The known export whose identifying columns these headers contain best ("" if none)."""
    names = {norm_header(h) for h in headers}
    best, best_hits = "", 0
    for name, (signature, _) in PRESETS.items():
        hits = len(signature & names)
        if hits >= min(3, len(signature)) and hits > best_hits:
            best, best_hits = name, hits
    return best


def auto_mapping(headers: list[str], preset: str = "") -> dict[str, str]:
    """Header → target for every header; the preset wins over generic names.

    A header no table knows is kept in the notes under its own name (``note:<header>``);
    ``""`` only for the read-only columns of LeadDesk's own export. Contact-person columns
    (``cp_firstname``, ``cp_email``) read as the same columns without the prefix.
    """
    table = dict(_GENERIC)
    if preset:
        table.update(PRESETS[preset][1])
    out: dict[str, str] = {}
    for h in headers:
        key = norm_header(h)
        group = _GROUP.match(key)
        if group:
            out[h] = _group_target(h, key, group.group(1), group.group(2), group.group(3), table)
            continue
        target = table.get(key)
        if target is None and key[:3] in ("cp_", "cp ", "cp-"):
            target = table.get(key[3:].replace("_", " ")) or table.get(key[3:])
            if target == "full_name":
                target = "full_name"
        if target is None:
            target = table.get(key.replace("_", " "))
        if not target:  # unknown, or a column a table chose not to import: kept under its header
            target = "" if key in _OWN_READ_ONLY or not key else f"note:{h.strip()}"
        out[h] = target
    return out


def _group_target(header: str, key: str, kind: str, number: str, part: str, table: Mapping[str, str]) -> str:
    """Target of one column of a numbered group: values to their field, a type beside its value.

    "Phone 1 - Type" is read together with "Phone 1 - Value" (``""`` here, listed as such).
    The first address goes to the address fields, a formatted one only when the parts are
    empty; further addresses are kept in the notes column by column.
    """
    part = part.strip()
    if part in ("type", "label"):
        # Read beside its value ("Phone 1 - Type": Mobile); an address's type is kept as text.
        return f"note:{header.strip()}" if kind == "address" else ""
    if kind in ("e-mail", "email"):
        return "email" if part == "value" else f"note:{header.strip()}"
    if kind == "phone":
        return "phone" if part == "value" else f"note:{header.strip()}"
    if kind == "website":
        return "website" if part == "value" else f"note:{header.strip()}"
    if number == "1":
        if part == "formatted":
            return "address"
        return table.get(key) or _ADDRESS_PARTS.get(part) or f"note:{header.strip()}"
    return f"note:{header.strip()}"


_ADDRESS_PARTS = {
    "street": "street",
    "extended address": "street2",
    "po box": "street2",
    "city": "city",
    "postal code": "postal_code",
    "country": "country",
    "region": "note:Region",
}


def group_type_header(header: str) -> str:
    """The value column a "… - Type"/"… - Label" column describes ("" when it is none)."""
    key = norm_header(header)
    m = _GROUP.match(key)
    return f"{m.group(1)} {m.group(2)} - value" if m and m.group(3) in ("type", "label") else ""


def needs_mapping(mapping: Mapping[str, str]) -> bool:
    """True when no column names a person or company: the user must map the columns."""
    return not (_IDENTITY & set(mapping.values()))


def sniff_delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:30])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        first = next((line for line in text.splitlines() if line.strip()), "")
        counts = {d: first.count(d) for d in ",;\t|"}
        return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def _find_header(rows: list[tuple[int, list[str]]]) -> int:
    """Index of the header row: skips preambles such as LinkedIn's "Notes:" lines."""
    for i, (_, row) in enumerate(rows[:15]):
        known = sum(1 for cell in row if norm_header(cell) in _GENERIC or _GROUP.match(norm_header(cell)))
        if known >= 2 and len([c for c in row if c.strip()]) >= 2:
            return i
    for i, (_, row) in enumerate(rows):
        if len([c for c in row if c.strip()]) >= 2:
            return i
    return 0


def read_rows(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """(first line number, cells) per record; quoted cells may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    every = list(reader)
    if reader.line_num == len(every):
        # No record spans lines (the common case): record N starts on line N, no per-row bookkeeping.
        return list(enumerate(every, start=1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    for row in reader:
        rows.append((start, row))
        start = reader.line_num + 1
    return rows


def parse_csv(
    data: bytes,
    file_name: str = "contacts.csv",
    *,
    mapping: Mapping[str, str] | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
) -> ParseResult:
    """Rows of a CSV file as Records; ``mapping`` (header → target) overrides the automatic one."""
    if encoding:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            reason = Text("cannot read the file as {encoding}: {detail}", encoding=encoding, detail=str(exc))
            raise ImportFormatError(file_name, reason) from None
    else:
        text, encoding = detect_encoding(data)
    text = text.lstrip("\ufeff")
    if "\x00" in text:
        raise ImportFormatError(file_name, Text("contains NUL bytes: not a text CSV file"))
    if not text.strip():
        raise ImportFormatError(file_name, FILE_EMPTY)
    delimiter = delimiter or sniff_delimiter(text)
    try:
        rows = read_rows(text, delimiter)
    except csv.Error as exc:
        raise ImportFormatError(file_name, Text("not readable as CSV: {detail}", detail=str(exc))) from None
    header_at = _find_header(rows)
    header_line, headers = rows[header_at]
    headers = [h.replace("\ufeff", "").strip() for h in headers]
    while headers and not headers[-1]:  # a trailing delimiter on the header line
        headers.pop()
    if not headers:
        raise ImportFormatError(file_name, Text("no header line found"), header_line)
    preset = detect_preset(headers)
    # An explicit mapping (dialog, --map) overrides the automatic one column by column.
    used = auto_mapping(headers, preset) | {h: t for h, t in (mapping or {}).items() if h in headers}
    bad = {t for t in used.values() if t and t not in TARGETS and not t.startswith("note:")}
    if bad:
        raise ValueError(f"unknown mapping targets: {', '.join(sorted(bad))}")
    result = ParseResult(file_name, "csv", encoding, [], headers=headers, mapping=used, preset=preset)
    result.delimiter = delimiter
    if needs_mapping(used):
        result.issues.append(
            Issue(
                header_line,
                "",
                Text("no column is recognised as a name, company or email; map the columns first"),
            )
        )
        return result
    active = _active_columns(headers, used)
    # LeadDesk's own export separates tags by commas only: a tag may hold a ";" (Outlook's
    # "Kategorien" separate by ";", so other files split on both).
    own = {"uid", "first_name", "last_name", "tags", "stage"} <= {norm_header(h) for h in headers}
    tag_split = _OWN_TAG_SPLIT if own else _TAG_SPLIT
    data_rows = rows[header_at + 1 :]
    for at, (line, row) in enumerate(data_rows):
        joined = "".join(row)
        if not joined.strip():  # blank or only spaces: as any(cell.strip()), in one C call
            continue
        rec = _row_record(line, headers, row, active, tag_split)
        if "\n" in joined:
            end = data_rows[at + 1][0] - 1 if at + 1 < len(data_rows) else line + joined.count("\n")
            _check_swallowed(rec, row, delimiter, len(headers), end)
        if len(row) > len(headers) and any(c.strip() for c in row[len(headers) :]):
            rec.issues.append(
                Issue(
                    line,
                    "",
                    Text("cells beyond the last column were ignored: {count}", count=len(row) - len(headers)),
                    "warning",
                )
            )
        result.records.append(rec)
    return result


def _check_swallowed(rec: Record, row: list[str], delimiter: str, width: int, end: int) -> None:
    """A stray quote: a cell that holds whole lines of the file, which the CSV reader took as text.

    A quote opening a cell is closed only by the next quote, which may be hundreds of rows
    later; those rows then become one cell and vanish without an error. A cell with lines
    that carry a row's worth of delimiters is taken for that and refused with its lines.
    """
    need = max(2, width - 2)  # nearly a whole row: a note with a comma or two is no row
    for cell in row:
        if "\n" not in cell:
            continue
        swallowed = sum(1 for part in cell.split("\n")[1:] if part.count(delimiter) >= need)
        if swallowed:
            rec.issues.append(
                Issue(
                    rec.line,
                    "",
                    Text(
                        "a quote opened on line {line} is closed only on line {end}: lines that look"
                        " like rows were read as one cell ({count}); check the quotes there",
                        line=rec.line,
                        end=end,
                        count=swallowed,
                    ),
                )
            )
            return


def preview(data: bytes, rows: int = 8) -> tuple[list[str], list[list[str]], str, str]:
    """Headers, the first data rows, encoding and delimiter: what the mapping dialog shows."""
    text, encoding = detect_encoding(data)
    text = text.lstrip("\ufeff")
    delimiter = sniff_delimiter(text)
    try:
        all_rows = read_rows(text[:200_000], delimiter)
    except csv.Error:
        return [], [], encoding, delimiter
    if not all_rows:
        return [], [], encoding, delimiter
    at = _find_header(all_rows)
    headers = [h.replace("\ufeff", "").strip() for h in all_rows[at][1]]
    while headers and not headers[-1]:
        headers.pop()
    return headers, [r for _, r in all_rows[at + 1 : at + 1 + rows]], encoding, delimiter


#: Targets stored as they are (no splitting, typing or joining).
_PLAIN = frozenset(TARGETS) - {
    "uid", "tags", "phone", "first_name", "street2", "notes", "full_name", "address", "company",
    "name_prefix",
}  # fmt: skip


def _active_columns(headers: list[str], used: Mapping[str, str]) -> list[tuple[int, str, str, bool]]:
    """(column index, header, target, plain) of the mapped columns.

    ``plain`` columns store their text as it is (first value wins, another one is kept aside):
    decided once per file rather than per cell, as it is the case for nearly every cell. A
    first name or notes column is plain when it is the only one (nothing to join); a phone
    column unless it is a typed one ("Phone 1 - Value") whose sibling says "Mobile" or "Pager".
    A company column is plain unless a name column could repeat it (``full_name``).
    """
    active = [(i, h, used[h]) for i, h in enumerate(headers) if used.get(h)]
    counts = Counter(target for _, _, target in active)
    return [
        (
            i,
            header,
            target,
            target in _PLAIN
            or (target == "phone" and header[-8:].lower() != " - value")
            or (target in ("first_name", "notes") and counts[target] == 1)
            or (target == "company" and not counts["full_name"]),
        )
        for i, header, target in active
    ]


_MOBILE_TYPES = ("mobile", "cell", "mobil", "handy", "iphone")
_WORK_TYPES = ("work", "business", "main", "company", "geschäft", "büro", "office", "arbeit")
_EMAILS = re.compile(r"[,;\s]+")


def _row_record(
    line: int,
    headers: list[str],
    row: list[str],
    active: list[tuple[int, str, str, bool]],
    tag_split: re.Pattern[str] = _TAG_SPLIT,
) -> Record:
    """One row as a Record; ``active`` comes from :func:`_active_columns` (mapped columns only)."""
    rec = Record(line=line)
    street2: list[str] = []
    first_parts: list[str] = []
    typed_phones: list[tuple[int, str, str]] = []
    labels: list[str] = []
    width = len(row)
    fields = rec.values
    for i, header, target, plain in active:
        if i >= width:
            break
        value = row[i].strip()
        if not value:
            continue
        if value[0] == "'":
            value = restore_cell(value)
        if plain and " ::: " not in value and (target != "email" or value.count("@") < 2):
            # The common case, inlined (Record.put): first value wins, a different one is kept aside.
            current = fields.get(target)
            if not current:
                fields[target] = value
            elif current != value:
                rec.extra.append((header, value))  # "Home Zip: 22765" beside the work postcode
            continue
        if target == "uid":
            rec.uid = value
            continue
        values = [v.strip() for v in value.split(" ::: ")] if " ::: " in value else [value]
        if target == "tags":
            tags = [
                t for v in values for t in tag_split.split(v) if t.strip() and not t.strip().startswith("* ")
            ]
            old = rec.values.get("tags", "")
            rec.values["tags"] = ",".join(x for x in [old, *tags] if x)
            continue
        if target == "phone" and header[-8:].lower() == " - value":
            kind = _sibling_type(header, dict(zip(headers, row, strict=False)))
            typed_phones.extend((len(typed_phones), kind, v) for v in values)
            continue
        if target == "email":
            # "a@example.org, b@example.org" in one cell: two addresses, not one invalid one.
            values = [e for v in values for e in (_EMAILS.split(v) if v.count("@") > 1 else [v]) if e]
        if target.startswith("note:") and _is_placeholder(target, value):
            continue
        for v in values:
            if target == "first_name":
                first_parts.append(v)
            elif target == "street2":
                street2.append(v)
            elif target == "address":
                labels.append(v)
            elif target == "name_prefix":  # "Anrede" and "Titel" columns: one prefix, split below
                fields["name_prefix"] = f"{fields.get('name_prefix', '')} {v}".strip()
            elif target == "notes":
                old = rec.values.get("notes", "")
                rec.values["notes"] = f"{old}\n{v}" if old else v
            elif target.startswith("note:"):
                rec.extra.append((target[5:], v))
            elif not fields.get(target):
                fields[target] = v
            elif fields[target] != v:
                rec.extra.append((header, v))
    if first_parts:
        rec.values["first_name"] = " ".join(dict.fromkeys(first_parts))
    if typed_phones:
        _put_typed_phones(rec, typed_phones)
    prefix = fields.pop("name_prefix", "")
    if prefix:
        put_name_prefix(rec, prefix)
    full = rec.values.pop("full_name", "")
    if full and not (rec.values.get("first_name") or rec.values.get("last_name")):
        put_full_name(rec, full)
    if street2:
        rec.values["street"] = ", ".join(x for x in [rec.values.get("street", ""), *street2] if x)
    if labels and not any(rec.values.get(k) for k in ("street", "city", "postal_code")):
        for key, value in address_from_label(labels[0]).items():
            if key == "region":
                rec.extra.append((label_of("region"), value))
            else:
                rec.put(key, value)
    if not (fields.get("first_name") or fields.get("last_name") or fields.get("company")):
        name_from_email(rec, line)
    return rec


def _is_placeholder(target: str, value: str) -> bool:
    """A cell that holds only what the exporting program writes for "nothing" ("0.0.00")."""
    folded = value.casefold()
    if folded in _EMPTY_SENTINELS:
        return True
    return _DEFAULT_VALUES.get(norm_header(target[5:])) == folded


def _put_typed_phones(rec: Record, phones: list[tuple[int, str, str]]) -> None:
    """Numbers of "Phone N - Type/Value" pairs: mobiles, then the work number first as the phone;
    fax and pager numbers into the notes under their type, never into the phone field."""
    ranked = []
    for order, kind, value in phones:
        if any(k in kind for k in _MOBILE_TYPES):
            rec.put("mobile", value)
        elif "fax" in kind:
            rec.extra.append((label_of("fax"), value))
        elif "pager" in kind or "beeper" in kind:
            rec.extra.append((label_of("pager"), value))
        else:
            ranked.append((0 if any(k in kind for k in _WORK_TYPES) else 1, order, value))
    for _, _, value in sorted(ranked):
        rec.put("phone", value)


def _sibling_type(header: str, cells: Mapping[str, str]) -> str:
    """Google's "Phone 1 - Type"/"Label" next to "Phone 1 - Value" (e.g. "Mobile")."""
    m = re.match(r"^(.*?) - value$", header.strip(), re.IGNORECASE)
    if not m:
        return ""
    for suffix in (" - Type", " - Label"):
        kind = cells.get(m.group(1) + suffix)
        if kind:
            return kind.casefold()
    return ""
