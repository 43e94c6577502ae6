"""Search finds phone numbers however they are written and German compounds by a word part.

The rules are in leaddesk/core/search.py; here a user's searches on the board and in
``leaddesk list`` (both paths: ``matching_ids`` and ``lead_ids``) are checked, and the index
is kept in step by edits, deletes, bulk imports and undo.
"""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leaddesk.core import search
from leaddesk.core.db import integrity_check
from leaddesk.core.services.board import matching_ids
from leaddesk.core.services.imports import apply_import, plan_import, undo_import
from leaddesk.core.services.leads import create_lead, update_lead
from leaddesk.core.services.query import LeadFilter, lead_ids
from leaddesk.core.services.trash import delete_leads, purge_leads


def found(db: Any, text: str) -> set[int]:
    """What ``leaddesk list`` finds (SQL path) — checked against the board's fast path, which
    leaves leads in the trash to the board's own list."""
    board = matching_ids(db, LeadFilter(search=text)) or set()
    listed = set(lead_ids(db, LeadFilter(search=text)))
    assert listed <= board, text
    return listed


@pytest.fixture
def leads(db: Any) -> dict[str, int]:
    def add(**fields: Any) -> int:
        return create_lead(db, fields)[0].id

    return {
        "stuttgart": add(first_name="Anna", last_name="Müller", company="Feinmechanik Weiß GmbH",
                         phone="0711 123456", mobile="+49 170 9876543", city="Stuttgart"),
        "munich": add(first_name="Jürgen", last_name="Weiss", company="Maschinenbau Huber KG",
                      phone="+49 89 4445566", city="München"),
        "paris": add(first_name="Émile", last_name="Durand", company="Bauer & Fils",
                     phone="+33 1 23 45 67 89", city="Paris"),
        "plain": add(first_name="Eva", last_name="Schmidt", company="Kessler AG",
                     notes="Rückruf wegen Angebot 2026", city="Köln"),
    }  # fmt: skip


@pytest.mark.parametrize(
    "typed",
    ["0711 123456", "+49 711 123456", "711123456", "0049711123456", "0049 (0)711 12 34 56",
     "+49 (0) 711-123456", "0711/123456", "(0711) 123 456"],
)  # fmt: skip
def test_a_landline_is_found_in_any_spelling(db: Any, leads: dict[str, int], typed: str) -> None:
    assert found(db, typed) == {leads["stuttgart"]}


def test_mobile_and_foreign_numbers_are_found(db: Any, leads: dict[str, int]) -> None:
    assert found(db, "0170 9876543") == found(db, "+491709876543") == {leads["stuttgart"]}
    assert found(db, "089 444 55 66") == {leads["munich"]}
    assert found(db, "+33 1 23 45 67 89") == found(db, "0033123456789") == {leads["paris"]}
    assert found(db, "01 23 45 67 89") == {leads["paris"]}  # a French national spelling
    # A part of a number: in the Stuttgart landline and inside the Paris number's digits.
    assert found(db, "123456") == {leads["stuttgart"], leads["paris"]}


def test_a_number_nobody_has_finds_nothing_and_short_digits_are_words(db: Any, leads: dict[str, int]) -> None:
    assert found(db, "0711 654321") == set()
    assert found(db, "2026") == {leads["plain"]}  # a number in the notes is still a word
    assert search.phone_query_digits("12") is None


@pytest.mark.parametrize(
    ("typed", "who"),
    [
        ("mechanik", {"stuttgart"}),
        ("Mechanik", {"stuttgart"}),
        ("bau", {"munich", "paris"}),  # Maschinenbau, Bauer
        ("schinenb", {"munich"}),
        ("ssler", {"plain"}),  # Kessler
        ("mueller", {"stuttgart"}),  # umlaut typed as ue, also as a part: "Müller"
        ("ller", {"stuttgart"}),
        ("weiss", {"stuttgart", "munich"}),  # Weiß = Weiss
        ("weiß", {"stuttgart", "munich"}),
        ("emile", {"paris"}),  # accents dropped
        ("unchen", {"munich"}),  # München
        ("mechanik stutt", {"stuttgart"}),  # every word still required
        ("mechanik münchen", set()),
        ("Rückruf", {"plain"}),  # the notes still by word prefix
        ("uckruf", set()),  # … but not by word part (not indexed for parts)
        ("ba", {"paris"}),  # two letters: word prefix only (Bauer, not Maschinenbau)
    ],
)
def test_golden_queries(db: Any, leads: dict[str, int], typed: str, who: set[str]) -> None:
    assert found(db, typed) == {leads[w] for w in who}


def test_the_index_follows_edits_deletes_and_the_trash(db: Any, leads: dict[str, int]) -> None:
    lead_id = leads["plain"]
    update_lead(db, lead_id, {"company": "Zahntechnik Nord", "phone": "040 5556667"}, expected_version=None)
    assert found(db, "technik") == {lead_id}
    assert found(db, "ssler") == set()
    assert found(db, "+49 40 555 6667") == {lead_id}
    delete_leads(db, [lead_id])
    assert found(db, "technik") == set()  # in the trash: off the search
    with db.transaction() as session:
        purge_leads(session, [lead_id])
    assert integrity_check(db.engine) == []


def test_bulk_import_and_undo_keep_the_index_exact(db: Any) -> None:
    rows = ["Vorname;Nachname;Firma;Telefon"]
    rows += [f"Max{i};Meier{i};Präzisionsmechanik {i} GmbH;0711 {200000 + i}" for i in range(2500)]
    plan = plan_import(db, [("messe.csv", "\n".join(rows).encode("utf-8"))])
    result = apply_import(db, plan)  # 2,500 rows: the bulk path with suspended triggers
    assert len(found(db, "zisionsmech")) == 2500
    assert len(found(db, "+49 711 200042")) == 1
    assert integrity_check(db.engine) == []
    undo_import(db, result.batch_id)
    assert found(db, "zisionsmech") == set()
    assert integrity_check(db.engine) == []


def test_the_index_folds_as_the_query_does() -> None:
    """The migration's frozen copy of the fold table is the one the queries use."""
    migration = importlib.import_module("leaddesk.core.migrations.versions.search_parts_titles")
    assert migration._FOLDS == search.PART_FOLDS
    postgresql = importlib.import_module("leaddesk.core.migrations.versions.pg_search")
    assert postgresql._FOLDS == search.PART_FOLDS


def test_every_folded_letter_is_found_both_ways(db: Any) -> None:
    letters = "".join(a for a, _b in search.PART_FOLDS)
    word = "x" + letters + letters.upper() + "x"
    lead_id = create_lead(db, {"last_name": word})[0].id
    assert found(db, search.fold_part(letters)[:12]) == {lead_id}
    assert found(db, search.fold_part(letters.upper())[-12:]) == {lead_id}


_SEPARATORS = st.sampled_from([" ", "-", "/", ".", ""])


@given(
    national=st.text("0123456789", min_size=6, max_size=11).filter(lambda s: s[0] != "0"),
    prefix=st.sampled_from(["0", "+49", "0049", "+49 (0)", ""]),
    seps=st.lists(_SEPARATORS, min_size=12, max_size=12),
)
def test_phone_spellings_reduce_to_the_same_digits(national: str, prefix: str, seps: list[str]) -> None:
    spelled = prefix + " " + "".join(d + s for d, s in zip(national, seps, strict=False))
    digits = search.phone_query_digits(spelled.strip())
    assert digits is not None
    assert digits.endswith(national)
    assert digits in ("49" + national, national)
    assert digits in search.phone_digits("+49" + national)


@given(st.text(max_size=30))
def test_any_text_gives_a_query_or_none(text: str) -> None:
    digits = search.phone_query_digits(text)
    assert digits is None or (digits.isdigit() and len(digits) >= search.MIN_PHONE_DIGITS)
    for word in search.query_words(text):
        for spelling in search.part_spellings(word):
            assert len(spelling) >= search.MIN_PART
