"""Anrede and academic title: fields read from every source, written into exports and letters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leaddesk.core.cardscan.extract import TextLine, extract_fields
from leaddesk.core.exporters import export_leads, lead_to_vcard
from leaddesk.core.importers.csvfile import parse_csv
from leaddesk.core.importers.vcard import parse_vcard
from leaddesk.core.names import letter_salutation, normalize_title, split_prefix
from leaddesk.core.services.imports import apply_import, plan_import
from leaddesk.core.services.leads import create_lead, get_lead, update_lead
from leaddesk.core.services.query import LeadFilter, list_leads


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Frau Dr. Anna Müller", ("ms", "Dr.", "Anna Müller")),
        ("Herr Prof. Dr. med. Karl Huber", ("mr", "Prof. Dr. med.", "Karl Huber")),
        ("Dipl.-Ing. Max Meier", ("", "Dipl.-Ing.", "Max Meier")),
        ("dr jürgen weiß", ("", "Dr.", "jürgen weiß")),
        ("Mrs. Grace Hopper", ("ms", "", "Grace Hopper")),
        ("Med Tech GmbH", ("", "", "Med Tech GmbH")),  # "med." only qualifies a title
        ("Drake Bell", ("", "", "Drake Bell")),
        ("Herrmann Hesse", ("", "", "Herrmann Hesse")),
        ("Frau", ("ms", "", "")),
    ],
)
def test_split_prefix(text: str, expected: tuple[str, str, str]) -> None:
    assert split_prefix(text) == expected


def test_titles_are_spelled_as_usual() -> None:
    assert normalize_title("prof dr") == "Prof. Dr."
    assert normalize_title("dr.-ing.") == "Dr.-Ing."
    assert normalize_title("Dipl.-Kfm. (FH)") == "Dipl.-Kfm. (FH)"  # unknown part: kept as typed


@pytest.mark.parametrize(
    ("salutation", "title", "lang", "line"),
    [
        ("ms", "Dr.", "de", "Sehr geehrte Frau Dr. Müller,"),
        ("mr", "Prof. Dr.", "de", "Sehr geehrter Herr Prof. Dr. Müller,"),
        ("mx", "", "de", "Guten Tag Alex Müller,"),
        ("", "Dr.", "de", "Guten Tag Dr. Alex Müller,"),
        ("ms", "Dr.", "en", "Dear Dr. Müller,"),
        ("mr", "", "en", "Dear Mr Müller,"),
        ("", "", "en", "Dear Alex Müller,"),
    ],
)
def test_letter_salutation(salutation: str, title: str, lang: str, line: str) -> None:
    assert letter_salutation(salutation, title, "Alex", "Müller", lang) == line


def test_no_name_greets_everyone() -> None:
    assert letter_salutation("", "", "", "", "de") == "Sehr geehrte Damen und Herren,"
    assert letter_salutation("ms", "", "", "", "en") == "Dear Sir or Madam,"


def test_the_editor_path_normalises_and_keeps_them(db: Any) -> None:
    lead = create_lead(db, {"last_name": "Müller", "salutation": "Frau", "academic_title": "dr"})[0]
    assert (lead.salutation, lead.academic_title) == ("ms", "Dr.")
    update_lead(db, lead.id, {"salutation": "Herr", "academic_title": ""}, expected_version=None)
    again = get_lead(db, lead.id)
    assert (again.salutation, again.academic_title) == ("mr", "")


@pytest.mark.parametrize(
    ("header", "cells", "expected"),
    [
        ("Anrede;Titel;Vorname;Nachname", "Frau;Dr.;Anna;Müller", ("ms", "Dr.")),
        ("Anrede;Vorname;Nachname", "Herr Prof. Dr.;Karl;Huber", ("mr", "Prof. Dr.")),
        ("Title,First Name,Last Name,Job Title,Business Street,E-mail Address", "Dr.,Grace,Hopper,CTO,,",
         ("", "Dr.")),  # Outlook (English): "Title" is the prefix, not the job
        ("Name Prefix,Given Name,Family Name", "Mr.,Alan,Turing", ("mr", "")),  # Google
        ("Salutation,FirstName,LastName,Company", "Ms.,Ada,Lovelace,Analytical", ("ms", "")),  # Salesforce
        ("Name;Firma", "Frau Dr. Eva Roth;Roth AG", ("ms", "Dr.")),  # a full name
    ],
)  # fmt: skip
def test_csv_columns_fill_the_fields_not_the_notes(
    header: str, cells: str, expected: tuple[str, str]
) -> None:
    rec = parse_csv(f"{header}\n{cells}\n".encode(), "x.csv").records[0]
    assert (rec.values.get("salutation", ""), rec.values.get("academic_title", "")) == expected
    prefix_headers = ("Anrede", "Titel", "Title", "Name Prefix", "Salutation")
    assert not any(label in prefix_headers for label, _ in rec.extra)


def test_vcard_n_prefix_both_ways(db: Any) -> None:
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Müller;Anna;;Frau Dr.;\r\nFN:Anna Müller\r\nEND:VCARD\r\n"
    rec = parse_vcard(card.encode(), "a.vcf").records[0]
    assert (rec.values["salutation"], rec.values["academic_title"]) == ("ms", "Dr.")
    lead = create_lead(db, {"first_name": "Anna", "last_name": "Müller", "salutation": "ms",
                            "academic_title": "Prof. Dr."})[0]  # fmt: skip
    text = lead_to_vcard(list_leads(db, LeadFilter(ids=frozenset({lead.id})))[0])
    assert "N:Müller;Anna;;Frau Prof. Dr.;" in text


def test_card_scan_reads_the_title() -> None:
    lines = [TextLine(t, 20) for t in ("Frau Dr. Anna Berg", "Berg Feinmechanik GmbH", "anna@berg.example")]
    result = extract_fields(lines)
    assert (result.get("salutation"), result.get("academic_title")) == ("ms", "Dr.")
    assert (result.get("first_name"), result.get("last_name")) == ("Anna", "Berg")
    assert result.get("notes") == ""


_TITLES = st.sampled_from(["", "Dr.", "Prof.", "Prof. Dr.", "Dr. med.", "Dipl.-Ing.", "Dr.-Ing."])
_SALUTATIONS = st.sampled_from(["", "ms", "mr", "mx"])
_NAMES = st.sampled_from(["Anna", "Jürgen", "Émile", "Zoë", "Karl Maria", "Grace"])
_LAST = st.sampled_from(["Müller", "Weiß", "von der Heide", "O'Brien", "Nguyen"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    people=st.lists(st.tuples(_SALUTATIONS, _TITLES, _NAMES, _LAST), min_size=1, max_size=4),
    fmt=st.sampled_from(["csv", "excel", "vcf"]),
)
def test_titles_round_trip_through_every_export(
    db: Any, tmp_path_factory: pytest.TempPathFactory, people: list[tuple[str, str, str, str]], fmt: str
) -> None:
    from leaddesk.core.db import Database

    folder = tmp_path_factory.mktemp("rt")
    source = Database.open_data_dir(folder / "a")
    target = Database.open_data_dir(folder / "b")
    try:
        for salutation, title, first, last in people:
            create_lead(source, {"salutation": salutation, "academic_title": title, "first_name": first,
                                 "last_name": last, "source": "Messe"})  # fmt: skip
        path: Path = folder / f"x.{'vcf' if fmt == 'vcf' else 'csv'}"
        export_leads(source, path, fmt)
        apply_import(target, plan_import(target, [(path.name, path.read_bytes())]))
        columns = ("uid", "salutation", "academic_title", "first_name", "last_name")
        before = sorted(map(str, list_leads(source, LeadFilter(), columns=columns)))
        after = sorted(map(str, list_leads(target, LeadFilter(), columns=columns)))
        assert after == before
    finally:
        source.close()
        target.close()
