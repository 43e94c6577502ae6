"""Issue 15: what real files hold arrives field by field. One fixture per defect class (tests/data)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from leaddesk.cli import main
from leaddesk.core.models import Lead
from leaddesk.core.services.imports import apply_import, plan_import, read_sources

DATA = Path(__file__).resolve().parents[1] / "data"


def _plan(db: Any, *names: str) -> Any:
    return plan_import(db, read_sources([DATA / n for n in names]))


def _values(plan: Any, index: int, *keys: str) -> dict[str, Any]:
    values = plan.rows[index].values
    return {k: values.get(k) for k in keys}


def _warnings(row: Any) -> list[tuple[str, str]]:
    return [(i.field, str(i.message)) for i in row.warnings]


def test_class01_german_outlook_business_street_is_imported(db: Any) -> None:
    plan = _plan(db, "class01_outlook_de_business.csv", "class01_outlook_de_minimal.csv")
    assert plan.errors == 0, plan.problems()
    assert _values(plan, 0, "first_name", "last_name", "company", "title", "street", "city") == {
        "first_name": "Jürgen",
        "last_name": "Weiß",
        "company": "Weiß Metallbau GmbH",
        "title": "Leiter Einkauf",
        "street": "Königstraße 12",
        "city": "Stuttgart",
    }
    assert _values(plan, 0, "postal_code", "country", "phone", "email") == {
        "postal_code": "70173",
        "country": "Deutschland",
        "phone": "+49711123456",
        "email": "jw@weiss-metallbau.example",
    }
    notes = plan.rows[0].values["notes"].splitlines()
    # The department is kept under its own header; the salutation is a field (issue 17), not a
    # note. Outlook's "Normal" priority and "0.0.00" birthday are its placeholders for nothing.
    assert notes == ["Abteilung: Vertrieb"]
    assert _values(plan, 0, "salutation", "academic_title") == {"salutation": "mr", "academic_title": None}
    # Only four address columns, no e-mail: still read as a German Outlook export.
    assert _values(plan, 1, "first_name", "last_name", "street", "city", "postal_code") == {
        "first_name": "Anna",
        "last_name": "Groß",
        "street": "Schloßstraße 3",
        "city": "Dresden",
        "postal_code": "01067",
    }


def test_class02_phones_are_read_in_the_contacts_country(db: Any) -> None:
    plan = _plan(db, "class02_phone_region.vcf")
    assert plan.errors == 0
    us, at, de = plan.rows
    assert _values(plan, 0, "phone", "mobile", "country") == {
        "phone": "+19055551234",
        "mobile": "+12125550147",
        "country": "United States",
    }
    assert us.warnings == []
    assert at.values["phone"] == "+4315123456" and at.values["city"] == "Wien"
    assert de.values["phone"] == "+49711123456"  # no address: the default region (Germany)


def test_class02_a_number_not_valid_in_that_country_is_kept_with_a_warning(db: Any) -> None:
    data = (
        b"Vorname;Nachname;Telefon;Mobil;Land\n"
        b"Dana;Walker;(905) 555-1234;0151 5550100;Deutschland\n"
        b"Eve;Stone;0151 5550100;;USA\n"
    )
    plan = plan_import(db, [("phones.csv", data)])
    first, second = plan.rows
    assert first.values["phone"] == "+499055551234"  # possible in Germany, but no such range
    assert [f for f, _ in _warnings(first)] == ["phone", "mobile"]
    assert "not a valid number in DE" in _warnings(first)[0][1]
    assert second.values["phone"] == "0151 5550100"  # not a US number: kept as typed
    assert [f for f, _ in _warnings(second)] == ["phone"]


def test_class03_quoted_parameters_with_colons_keep_the_address_in_place(db: Any) -> None:
    plan = _plan(db, "class03_quoted_param_colon.vcf")
    assert _values(plan, 0, "street", "city", "postal_code", "country", "phone") == {
        "street": "Baker Street 1",
        "city": "London",
        "postal_code": "NW1",
        "country": "United Kingdom",
        "phone": "+442079460001",
    }


def test_class04_vcard4_tel_uris_keep_type_and_extension(db: Any) -> None:
    plan = _plan(db, "class04_vcard4_tel_uri.vcf")
    assert _values(plan, 0, "mobile", "phone", "email") == {
        "mobile": "+442079460958",
        "phone": "+442079460000 ext. 5555",
        "email": "olivia.bennett@example.co.uk",
    }


def test_class05_look_alike_names_on_a_shared_number_stay_two_leads(db: Any) -> None:
    plan = _plan(db, "class05_repeated_word_names.vcf")
    assert [r.action for r in plan.rows] == ["new", "new"]
    assert "possible duplicate of class05_repeated_word_names.vcf, line 1" in _warnings(plan.rows[1])[-1][1]
    result = apply_import(db, plan)
    assert result.created == 2
    with db.session() as s:
        names = s.execute(select(Lead.first_name, Lead.last_name).order_by(Lead.id)).all()
    assert [tuple(n) for n in names] == [("Ñ", "Ñ"), ("Ñ Ñ", "Ñ")]


def test_class05_same_person_with_the_same_number_is_still_merged(db: Any) -> None:
    data = (
        b"Vorname;Nachname;Telefon\nJ\xfcrgen;Wei\xdf;0711 123456\nJuergen;Weiss;+49 711 123456\n"
        b"Hans;Wei\xdf;0711 123456\n"
    )
    plan = plan_import(db, [("x.csv", data)])
    assert [r.action for r in plan.rows] == ["new", "in_file", "new"]
    assert "possible duplicate" in _warnings(plan.rows[2])[-1][1]


def test_class06_google_typed_phones_and_second_address(db: Any) -> None:
    plan = _plan(db, "class06_google_typed_phones.csv")
    assert plan.errors == 0
    assert _values(plan, 0, "first_name", "last_name", "company", "phone", "mobile", "street", "city") == {
        "first_name": "Petra",
        "last_name": "Lang",
        "company": "Lang Consulting GmbH",
        "phone": "+49895550200",  # the work number, not the pager
        "mobile": "+4915155501000",
        "street": "Leopoldstraße 1",
        "city": "München",
    }
    notes = plan.rows[0].values["notes"].splitlines()
    assert "Pager: 089 5550100" in notes
    assert {
        "Address 2 - Street: Am Anger 7",
        "Address 2 - City: Freising",
        "Address 2 - Postal Code: 85354",
    } <= set(notes)


def test_class07_every_column_is_mapped_or_kept_in_the_notes(db: Any) -> None:
    plan = _plan(db, "class07_unmapped_columns.csv")
    assert plan.errors == 0, plan.problems()
    values = plan.rows[0].values
    assert _values(plan, 0, "company", "email", "postal_code", "city", "country") == {
        "company": "Nordwind Logistik GmbH",
        "email": "a@example.org",
        "postal_code": "20095",
        "city": "Hamburg",
        "country": "Germany",
    }
    assert (values["first_name"], values["last_name"]) == ("Lena", "Hoffmann")
    assert values["notes"].splitlines() == [
        "email: b@example.org",
        "Home Zip: 22765",
        "Region: HH",
        "Work Zip: 20457",
        "Fax: 040 5550199",
        "Pager: 040 5550198",
        "cp_email: lena.hoffmann@example.org",
        "Loyalty Tier: Gold",
    ]
    (report,) = plan.file_reports()
    assert (report.new, report.duplicates, report.refused) == (1, 0, 0)
    assert ("zipcode", "postal_code") in report.mapped and ("cp_firstname", "first_name") in report.mapped
    assert report.in_notes == ("Work State", "Fax Number", "Pager Number", "Loyalty Tier")
    assert report.not_imported == ()


def test_class08_company_only_rows_do_not_become_people(db: Any) -> None:
    plan = _plan(db, "class08_company_only.csv")
    assert plan.errors == 0
    got = [
        (r.values.get("first_name", ""), r.values.get("last_name", ""), r.values["company"])
        for r in plan.rows
    ]
    assert got == [
        ("", "", "Acer America"),
        ("", "", "Gartencenter Röhr & Vater"),
        ("", "", "Müller & Söhne KG"),
        ("Maria", "Schmitz", "Schmitz IT"),
    ]


def test_class09_email_only_rows_and_cards_are_accepted_alike(db: Any) -> None:
    plan = _plan(db, "class09_email_only.csv", "class09_email_only.vcf")
    assert plan.errors == 0
    csv_row, tom, card = plan.rows
    for row in (csv_row, card):
        assert (row.values["first_name"], row.values["last_name"], row.values["email"]) == (
            "Jana",
            "Novak",
            "jana.novak@example.cz",
        )
        assert [f for f, _ in _warnings(row)] == ["last_name"]  # flagged for review
    assert (tom.action, card.action) == ("new", "in_file")  # the same Jana, by e-mail
    result = apply_import(db, plan)
    assert result.created == 2 and result.errors == 0


def test_class10_uids_are_kept_as_the_source_wrote_them(db: Any, tmp_path: Path) -> None:
    plan = _plan(db, "class10_uids.vcf")
    apply_import(db, plan)
    with db.session() as s:
        uids = list(s.execute(select(Lead.uid).order_by(Lead.id)).scalars())
    assert uids == [
        "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1",
        "c2a7d1e0-9a4b-4c35-8f0e-2f6b1d3e4a5f@contacts.example.com:person:0042",
    ]
    again = _plan(db, "class10_uids.vcf")
    assert [(r.action, r.match.reason) for r in again.rows] == [("duplicate", "uid"), ("duplicate", "uid")]


def test_class11_greek_card_declaring_its_code_page_on_another_line(db: Any) -> None:
    plan = _plan(db, "class11_greek_cp1253.vcf")
    assert _values(plan, 0, "first_name", "last_name", "company", "street", "city", "country") == {
        "first_name": "Γιώργος",
        "last_name": "Παπαδόπουλος",
        "company": "Εταιρεία Α.Ε.",
        "street": "Οδός Ερμού 10",
        "city": "Αθήνα",
        "country": "Ελλάδα",
    }


def test_class11_escapes_and_quoted_printable_breaks(db: Any) -> None:
    plan = _plan(db, "class11_escapes_qp.vcf")
    assert plan.rows[0].values["company"] == 'Brien "Quality" Tools'
    assert plan.rows[0].values["notes"] == 'She said "call me" and it\'s fine, really'
    assert plan.rows[1].values["notes"] == (
        "Erste Zeile\nZweite Zeile mit einer sehr langen Bemerkung, die weich umbrochen wurde\nDritte Zeile"
    )


def test_class11_label_only_addresses_and_po_boxes(db: Any) -> None:
    plan = _plan(db, "class11_label_pobox.vcf")
    assert _values(plan, 0, "street", "postal_code", "city", "country") == {
        "street": "221B Baker Street",
        "postal_code": "NW1 6XE",
        "city": "London",
        "country": "United Kingdom",
    }
    assert _values(plan, 1, "street", "postal_code", "city", "country") == {
        "street": "Box 1234",
        "postal_code": "111 22",
        "city": "Stockholm",
        "country": "Sweden",
    }
    assert _values(plan, 2, "street", "postal_code", "city") == {
        "street": "PO Box 12 34 56",
        "postal_code": "30001",
        "city": "Hannover",
    }


def test_class11_a_stray_quote_is_reported_with_its_line(db: Any) -> None:
    plan = _plan(db, "class11_stray_quote.csv")
    assert plan.errors == 1 and plan.new == 2
    (problem,) = plan.problems("error")
    assert problem.startswith("error: class11_stray_quote.csv, line 4: a quote opened on line 4")
    assert "closed only on line 22" in problem


def test_class12_cli_messages(data_dir: Path, tmp_path: Path, capsys: Any) -> None:
    args = ["--data-dir", str(data_dir)]
    stray = str(DATA / "class11_stray_quote.csv")
    # The dry run with --skip-errors succeeds exactly when the real import would.
    assert main([*args, "import", stray, "--dry-run", "--skip-errors"]) == 0
    out, err = capsys.readouterr()
    assert "class11_stray_quote.csv (csv, utf-8): new: 2, duplicates: 0, refused: 1" in out
    assert (
        "columns mapped: Vorname → first_name; Nachname → last_name; Firma → company; E-Mail → email" in out
    )
    assert main([*args, "import", stray]) == 1
    out, err = capsys.readouterr()
    assert err.count("a quote opened on line 4") == 1  # each error once
    assert main([*args, "import", stray, "--skip-errors"]) == 0
    capsys.readouterr()
    # The same file again: its duplicates are reported as unchanged, not as nothing.
    assert main([*args, "import", stray, "--skip-errors"]) == 0
    out, _ = capsys.readouterr()
    assert "import 2: 0 new, 0 updated, 2 unchanged (already up to date), 0 skipped, 1 with errors" in out


def test_class12_note_labels_are_english_throughout(db: Any) -> None:
    first = b"Vorname;Nachname;E-Mail;Telefon;Ort\nAnna;Roth;anna@roth.example;0711 123456;Ulm\n"
    apply_import(db, plan_import(db, [("a.csv", first)]))
    second = (
        b"Vorname;Nachname;E-Mail;Telefon;Ort\nAnna;Roth;anna@roth.example;0711 654321;Ulm\n"
        b"Anna;Roth;anna@roth.example;0711 999999;Ulm\n"
    )
    plan = plan_import(db, [("b.csv", second)])
    apply_import(db, plan, on_duplicate="merge")
    with db.session() as s:
        notes = s.execute(select(Lead.notes)).scalar_one()
    assert notes.splitlines() == [
        "Phone (b.csv, line 2): +49711654321",
        "Phone (b.csv, line 3): +49711999999",
    ]


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.iterdir() if p.name != "SOURCES.md"))
def test_every_fixture_has_its_source_noted(name: str) -> None:
    assert f"`{name}`" in (DATA / "SOURCES.md").read_text("utf-8")


@pytest.mark.parametrize(
    ("country", "region"),
    [
        ("United States", "US"),
        ("USA", "US"),
        ("U.S.A.", "US"),
        ("Deutschland", "DE"),
        ("Germany", "DE"),
        ("Österreich", "AT"),
        ("at", "AT"),
        ("Schweiz", "CH"),
        ("United Kingdom", "GB"),
        ("UK", "GB"),
        ("Frankreich", "FR"),
        ("Ελλάδα", "GR"),
        ("Atlantis", ""),
        ("", ""),
    ],
)
def test_class02_country_names_give_the_phone_region(country: str, region: str) -> None:
    from leaddesk.core.validation import region_for_country

    assert region_for_country(country) == region


def test_class09_no_name_is_made_up_from_an_invalid_address(db: Any) -> None:
    plan = plan_import(db, [("x.csv", b"Vorname;Nachname;E-Mail\n;;x@y\n")])
    (row,) = plan.rows
    assert row.action == "error" and [i.field for i in row.errors] == ["last_name"]


def test_class08_company_cards_do_not_become_people(db: Any) -> None:
    plan = _plan(db, "class08_company_only.vcf")
    assert plan.errors == 0
    got = [
        (r.values.get("first_name", ""), r.values.get("last_name", ""), r.values["company"])
        for r in plan.rows
    ]
    assert got == [("", "", "Gartencenter Röhr & Vater"), ("", "", "Acer America")]
    assert plan.rows[1].values["phone"] == "+19495550100"


def test_class02_the_default_region_applies_where_no_country_is_given(db: Any) -> None:
    data = b"First Name,Last Name,Phone\nDana,Walker,(212) 555-0147\n"
    plan = plan_import(db, [("us.csv", data)], region="US")
    assert plan.rows[0].values["phone"] == "+12125550147" and plan.rows[0].warnings == []


def test_real_text_vcard_files_come_in_field_by_field(db: Any) -> None:
    """Four files of the Text::vCard test suite (Perl), as their authors wrote them."""
    plan = _plan(
        db,
        "real_textvcard_latin1.vcf",
        "real_textvcard_label.vcf",
        "real_textvcard_notes.vcf",
        "real_textvcard_quoted.vcf",
    )
    banner, bloggs, test, smith = plan.rows
    assert (banner.values["first_name"], banner.values["last_name"]) == ("Bruce", "Banner")
    assert "Name: Bruce Banner, PhD" in banner.values["notes"].splitlines()
    assert (banner.values["phone"], banner.values["mobile"]) == ("+16512901234", "+16512901111")
    assert (banner.values["street"], banner.values["city"], banner.values["country"]) == (
        "Main St",
        "Desert Base",
        "USA",
    )
    assert "Address: Army St, 55416, Desert Base, New Mexico, USA" in banner.values["notes"]
    assert {k: bloggs.values.get(k) for k in ("street", "postal_code", "city", "country", "email")} == {
        "street": "422 S. New Lane",
        "postal_code": "02072",
        "city": "Stoughton",
        "country": "US",
        "email": "joe.bloggs@joebloggs.com",
    }
    assert (test.values["company"], test.values.get("first_name", ""), test.values.get("last_name", "")) == (
        "Test",
        "",
        "",
    )
    assert test.values["notes"].startswith("@prefix nasty <note>; with ; added into it and\n@prefix del:")
    assert test.values["phone"] == "+11231234123"
    assert [f for f, _ in _warnings(test)] == ["phone"]  # not a valid Canadian number: flagged
    assert {k: smith.values.get(k) for k in ("street", "city", "postal_code", "country")} == {
        "street": "A street on a quoted line",
        "city": "Some test town",
        "postal_code": "0815",
        "country": "Österreich",
    }


def test_class11_a_multi_line_note_with_commas_is_no_stray_quote(db: Any) -> None:
    data = b'Name,E-Mail,Notes\nAnna Roth,anna@roth.example,"Met at the fair, booth 4\nCall back, Tuesday"\n'
    plan = plan_import(db, [("notes.csv", data)])
    assert plan.errors == 0 and plan.rows[0].values["notes"] == "Met at the fair, booth 4\nCall back, Tuesday"
