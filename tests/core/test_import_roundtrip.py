"""Property tests: any contact LeadDesk can hold comes back field by field from its own exports.

Export (vCard 3.0, vCard 4.0, CSV) → import (parse, validate) must give the same values for
every editable field and the uid; the file is never a lossy step between two LeadDesks.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from leaddesk.core.exporters import _CsvWriter, lead_to_vcard
from leaddesk.core.importers import parse_file
from leaddesk.core.services.import_clean import clean_record
from leaddesk.core.services.leads import EDITABLE_FIELDS, clean_fields

# Text a person types: letters of several scripts, digits, punctuation vCard and CSV must
# escape (, ; : \ " '), spreadsheet formula starts (= + - @), inner line breaks.
_CHARS = st.sampled_from(list("aZ09 äöüßÑéΩж漢,;:\\\"'=+-@/.&()#*_!?\n\t"))
TEXT = st.text(_CHARS, max_size=20).map(str.strip)
LINE = TEXT.map(lambda t: " ".join(t.split()))  # one-line fields (names, city, …)
NAME = st.text(st.sampled_from(list("aZäöüßÑéΩж漢 -'.")), min_size=1, max_size=16).map(
    lambda t: " ".join(t.split())
)
PHONES = st.sampled_from(
    [
        "",
        "+49711123456",
        "+4915123456789",
        "+12125550147",
        "+442079460958",
        "+442079460000 ext. 5555",
        "+4315123456",
    ]
)
EMAILS = st.sampled_from(["", "anna@example.org", "j.o-b+x@mail.example.co.uk", "Ölz@example.at"])
TAGS = st.lists(st.text(st.sampled_from(list("abcÄ Messe-2026;:\\")), min_size=1, max_size=8), max_size=3)
COUNTRIES = st.sampled_from(["", "DE", "Deutschland", "United States", "Österreich", "GB"])
MOMENTS = st.one_of(
    st.none(),
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 1, 1)).map(
        lambda d: d.replace(microsecond=0, tzinfo=UTC)
    ),
)


@st.composite
def contacts(draw: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "first_name": draw(st.one_of(st.just(""), NAME)),
        "last_name": draw(st.one_of(st.just(""), NAME)),
        "company": draw(LINE),
        "title": draw(LINE),
        "email": draw(EMAILS),
        "phone": draw(PHONES),
        "mobile": draw(PHONES),
        "website": draw(st.sampled_from(["", "https://example.org/a?b=c,d", "example.de"])),
        "street": draw(TEXT),
        "postal_code": draw(st.sampled_from(["", "70173", "NW1 6XE", "A-1010"])),
        "city": draw(LINE),
        "country": draw(COUNTRIES),
        "industry": draw(LINE),
        "company_size": draw(st.one_of(st.none(), st.integers(0, 500_000))),
        "source": draw(LINE),
        "tags": ",".join(draw(TAGS)),
        "owner": draw(LINE),
        "notes": draw(TEXT),
        "value": draw(st.one_of(st.just(0.0), st.floats(0, 1e9, allow_nan=False).map(lambda v: round(v, 2)))),
        "currency": draw(st.sampled_from(["EUR", "USD", "CHF"])),
        "next_follow_up": draw(MOMENTS),
        "consent_at": draw(MOMENTS),
        "consent_source": draw(LINE),
        "consent_purpose": draw(LINE),
    }
    if not (row["first_name"] or row["last_name"] or row["company"]):
        row["last_name"] = "Roth"
    stored = clean_fields(row).values  # what the lead holds (E.164, normalised tags, https://…)
    return {
        "uid": draw(st.sampled_from(["4fbe8971-0bc3-424c-9c26-36c3e1eff6b1", "urn:uuid:x-1", ""])),
        **stored,
    }


def _read_back(data: bytes, name: str) -> tuple[dict[str, Any], str]:
    result = parse_file(data, name)
    assert not result.issues, result.issues
    (record,) = result.records
    values, issues = clean_record(record, "")
    assert not [i for i in issues if i.severity == "error"], issues
    return values, record.uid


def _same_fields(original: dict[str, Any], copy: dict[str, Any]) -> None:
    for key in EDITABLE_FIELDS:
        want, got = original.get(key), copy.get(key)
        if want in ("", None) and got in ("", None):
            continue
        if key == "source" and want in ("", None):
            continue
        assert got == want, (key, want, got)


@settings(max_examples=150, deadline=None)
@given(contacts(), st.sampled_from(["3.0", "4.0"]))
def test_vcard_export_then_import_gives_back_every_field(contact: dict[str, Any], version: str) -> None:
    text = lead_to_vcard(contact, version)
    copy, uid = _read_back(text.encode("utf-8"), "leads.vcf")
    _same_fields(contact, copy)
    assert uid == contact["uid"]


@settings(max_examples=150, deadline=None)
@given(contacts())
def test_csv_export_then_import_gives_back_every_field(contact: dict[str, Any]) -> None:
    out = io.StringIO(newline="")
    writer = _CsvWriter(out, "")
    writer.write(contact)
    copy, uid = _read_back(out.getvalue().encode("utf-8-sig"), "leads.csv")
    _same_fields(contact, copy)
    assert uid == contact["uid"]
