"""Every file in shared/samples: expected contacts, names, companies, e-mails, phones, umlauts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from leaddesk.core.importers import ImportFormatError, parse_file
from leaddesk.core.models import Attachment, Lead
from leaddesk.core.services.imports import apply_import, plan_import, read_sources

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
if not SAMPLES.is_dir():  # the worktree lives next to /work/shared
    SAMPLES = Path("/work/shared/samples")

# file → (records, {record index: expected cleaned values})
EXPECTED: dict[str, tuple[int, dict[int, dict[str, Any]]]] = {
    "davx5-allfields-vcard3.vcf": (
        1,
        {
            0: {
                "last_name": "Lastname",
                "company": "ABC, Inc.",
                "email": "work@example.com",
                "phone": "+49123456788",
            }
        },
    ),
    "ezvcard-John_Doe_ANDROID.vcf": (
        6,
        {
            0: {"first_name": "John", "last_name": "Doe", "email": "john.doe@company.com"},
            4: {"email": "bob@company.com"},
        },
    ),
    "ezvcard-John_Doe_EVOLUTION.vcf": (
        1,
        {0: {"last_name": "Doe", "company": "IBM", "email": "john.doe@ibm.com"}},
    ),
    "ezvcard-John_Doe_IPHONE.vcf": (
        1,
        {0: {"last_name": "Doe", "company": "IBM", "email": "john.doe@ibm.com", "title": "Money Counter"}},
    ),
    "ezvcard-issue114.vcf": (
        1,
        {
            0: {
                "first_name": "Dummy",
                "company": "Dummy GmbH",
                "mobile": "+49123456789",
                "city": "Bad Homburg",
            }
        },
    ),
    "ezvcard-outlook-2007.vcf": (
        1,
        {
            0: {
                "first_name": "Michael",
                "last_name": "Angstadt",
                "company": "TheCompany",
                "title": "TheJobTitle",
            }
        },
    ),
    "ezvcard-rfc6350-example.vcf": (
        1,
        {
            0: {
                "first_name": "Simon",
                "last_name": "Perreault",
                "company": "Viagenie",
                "phone": "+14186569254 ext. 102",  # issue 15, class 4: the extension is kept
            }
        },
    ),
    "ezvcard-thunderbird-MoreFunctionsForAddressBook-extension.vcf": (
        1,
        {0: {"first_name": "John", "last_name": "Doe", "company": "TheOrganization"}},
    ),
    "kcontacts-vcard10.vcf": (
        5,
        {0: {"company": "Bike Shop"}, 4: {"street": "DDDDDDDDDDDstraße 26\n00000 DDDDDDDDDDDDDDDDD"}},
    ),
    "kcontacts-vcard3.vcf": (
        1,
        {
            0: {
                "first_name": "ian",
                "last_name": "geiser",
                "company": "Source eXtreme",
                "email": "geiseri@yahoo.com",
            }
        },
    ),
    "kcontacts-vcard4.vcf": (1, {0: {"company": "Ximian, Inc.", "email": "hello@ximian.com"}}),
    "kcontacts-vcard9.vcf": (1, {0: {"last_name": "123ㄓㄕㄖbcdeαβγδαβγδαβγδαβγδαβγδαβγδαβㄤㄓㄕㄖ"}}),
    "khard-photov4.vcf": (1, {0: {"last_name": "v4"}}),
    "radicale-broken-vcard.vcf": (1, {0: {"email": "test-misses-N-or-FN@example.com"}}),
    "roundcube-johndoe.vcf": (1, {0: {"first_name": "John", "last_name": "Doë", "company": "roundcube.net"}}),
    "roundcube-thebat.vcf": (1, {0: {"first_name": "Piotr", "email": "piotr.iksinski@somedomain.com"}}),
    "roundcube-utf-16_sample.vcf": (
        1,
        {0: {"first_name": "Ǽgean", "last_name": "ĽdaMonté", "city": "LaPaz"}},
    ),
    "sabre-issue153.vcf": (1, {0: {"first_name": "Test", "last_name": "Benutzer"}}),
    "syncevolution-Google-Gmail.vcf": (1, {0: {"last_name": "Doe", "company": "at company"}}),
    "syncevolution-vcard21.vcf": (16, {13: {"first_name": "Ä Ö", "last_name": "Ü"}}),
    "tine20-HerrFalkMuenchen.vcf": (
        1,
        {0: {"first_name": "Falk", "last_name": "München", "mobile": "+491719394461", "city": "Bad Vilbel"}},
    ),
    "google-contacts-2023-header-only.csv": (
        2,
        {
            0: {
                "first_name": "Jürgen",
                "last_name": "Mustermann",
                "company": "Beispiel GmbH",
                "email": "j.mustermann@example.com",
                "mobile": "+491515550100",
                "street": "Musterstraße 1",
            }
        },
    ),
    "hubspot-contacts-header-only.csv": (
        2,
        {
            0: {
                "last_name": "Dürr",
                "company": "Exemple SARL",
                "phone": "+33600000000",
                "owner": "owner@example.com",
            }
        },
    ),
    "linkedin-connections-header-only.csv": (
        2,
        {1: {"first_name": "Jörg", "company": "Beispiel GmbH & Co. KG", "title": "Geschäftsführer"}},
    ),
    "odoo-crm-lead-header-only.csv": (
        2,
        {
            1: {
                "first_name": "Jürgen",
                "last_name": "Beispiel",
                "company": "Beispiel GmbH",
                "mobile": "+491705550100",
            }
        },
    ),
    "outlook-en-header-only.csv": (
        2,
        {0: {"first_name": "Renée", "company": "Contoso Ltd.", "email": "renee@example.com"}},
    ),
    "pipedrive-people-header-only.csv": (
        2,
        {
            1: {
                "first_name": "Björn",
                "company": "Beispiel AG",
                "email": "bjoern@example.org",
                "mobile": "+491705550100",
            }
        },
    ),
    "roundcube-all.csv": (
        1,
        {0: {"last_name": "Last Name", "company": "Company", "email": "home@example.com"}},
    ),
    "roundcube-gmail.csv": (
        1,
        {0: {"first_name": "Firstname Middle", "last_name": "Lastname", "email": "home@aaa.pl"}},
    ),
    "salesforce-leads-header-only.csv": (
        2,
        {
            1: {
                "first_name": "Élodie",
                "company": "Exemple SA",
                "mobile": "+33655550100",
                "source": "Partner Referral",
            }
        },
    ),
    "thunderbird-export.csv": (2, {1: {"first_name": "contact", "last_name": "two"}}),
    "thunderbird-shiftjis_addressbook.csv": (1, {0: {"first_name": "権兵衛", "last_name": "名無し"}}),
    "thunderbird-utf16_addressbook.csv": (1, {0: {"first_name": "John", "last_name": "Doe"}}),
    "tine20-crm-leads.csv": (2, {0: {"company": "derkunde"}}),
    "tine20-importtest_outlook2013.csv": (
        2,
        {
            1: {
                "first_name": "Cornelius",
                "last_name": "Weiß",
                "email": "c.weiss@unittest.de",
                "phone": "+49406432131545",
                "mobile": "+49176164321545",
            }
        },
    ),
    "tine20-importtest_win1252.csv": (4, {2: {"first_name": "ÖzdemirÖ", "last_name": "Üglü"}}),
}
MALFORMED = {"khard-unparsable.vcf"}
NOT_FOR_IMPORTS = {".jpg", ".json", ".md"}


def test_every_sample_file_is_covered() -> None:
    files = {p.name for p in SAMPLES.iterdir() if p.suffix not in NOT_FOR_IMPORTS}
    assert files == set(EXPECTED) | MALFORMED


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_imports_expected_contacts(db: Any, name: str) -> None:
    count, checks = EXPECTED[name]
    plan = plan_import(db, read_sources([SAMPLES / name]))
    assert plan.errors == 0, plan.problems()
    assert len(plan.rows) == count
    for index, expected in checks.items():
        values = plan.rows[index].values
        assert {k: values.get(k) for k in expected} == expected


def test_malformed_vcard_is_reported_by_line_and_imports_nothing(db: Any) -> None:
    plan = plan_import(db, read_sources([SAMPLES / "khard-unparsable.vcf"]))
    assert plan.rows == [] and plan.errors == 1
    assert plan.problems() == [
        "error: khard-unparsable.vcf, line 1: card has no END:VCARD (file cut off?); it was not imported"
    ]


def test_whole_sample_set_imports_in_one_batch_with_photos(db: Any) -> None:
    files = sorted(SAMPLES / name for name in EXPECTED)
    plan = plan_import(db, read_sources(files), source="Messe Stuttgart 2026")
    result = apply_import(db, plan)
    assert result.created == plan.new and result.created + plan.duplicates == len(plan.rows)
    with db.session() as session:
        n = session.execute(
            select(func.count()).select_from(Lead).where(Lead.import_batch_id == result.batch_id)
        )
        assert n.scalar() == result.created
        photos = session.execute(select(func.count()).select_from(Attachment)).scalar()
        assert photos and photos >= 5  # outlook, iPhone, davx5, sabre, khard, syncevolution…
        falk = session.execute(select(Lead).where(Lead.last_name == "München")).scalar_one()
        assert falk.source == "Messe Stuttgart 2026" and falk.city == "Bad Vilbel"


def test_binary_and_empty_files_give_a_clear_error() -> None:
    with pytest.raises(ImportFormatError, match="empty"):
        parse_file(b"   ", "leer.csv")
    with pytest.raises(ImportFormatError, match=r"bild\.csv"):
        parse_file((SAMPLES / "azure-business-card-english.jpg").read_bytes()[:4000], "bild.csv")
