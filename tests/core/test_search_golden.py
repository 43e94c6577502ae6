"""Golden search set (issue 16): the same queries over the same leads find the same leads on
SQLite (FTS5) and PostgreSQL (folded tsvector). Runs once per engine through the ``db`` fixture;
each expectation is the search rule written out (leaddesk/core/search.py): every word a prefix,
all words required, case and accents ignored, umlauts typed as ae/oe/ue/ss found, ß kept apart
from s as a prefix; and a word of three or more letters also found inside the folded names,
company and city (where ß is ss).
"""

from __future__ import annotations

from typing import Any

import pytest

from leaddesk.core.db import search_fold, tsquery_expression
from leaddesk.core.services.board import matching_ids
from leaddesk.core.services.leads import create_lead
from leaddesk.core.services.query import LeadFilter, lead_ids

LEADS = {
    "mueller": {"first_name": "Anna", "last_name": "Müller", "company": "Bäckerei Müller", "city": "München"},
    "mueller2": {"first_name": "Tom", "last_name": "Mueller", "email": "tom@mueller-bau.de"},
    "muller": {"first_name": "Lena", "last_name": "Muller", "city": "Köln"},
    "weiss": {"first_name": "Jürgen", "last_name": "Weiß", "company": "Weiß Metallbau GmbH"},
    "weis": {"first_name": "Jana", "last_name": "Weis"},
    "koenig": {"last_name": "König", "company": "Öko Haus AG", "notes": "Messe Essen, Halle 3"},
    "jose": {"first_name": "José", "last_name": "Núñez", "company": "Café Crème SARL", "city": "Besançon"},
    "anna": {"first_name": "Anna", "last_name": "Schmidt", "email": "anna.schmidt@example.com"},
    "oneill": {"first_name": "Seán", "last_name": "O'Neill", "company": "Smith & Sons Ltd."},
}

#: query → the leads it must find.
GOLDEN = {
    "Müller": {"mueller", "muller"},
    "muller": {"mueller", "muller"},
    "Mueller": {"mueller", "mueller2", "muller"},
    "mül": {"mueller", "muller"},
    "Weiß": {"weiss"},
    "Weiss": {"weiss"},
    "weis": {"weis", "weiss"},  # a word part: inside "weiss" (Weiß folded)
    "Koenig": {"koenig"},
    "oeko haus": {"koenig"},
    "anna": {"mueller", "anna"},
    "anna mü": {"mueller"},
    "schmidt@example": {"anna"},
    "anna@example": set(),  # a phrase: "anna" is not followed by "example" in any field
    "anna.schmidt@example.com": {"anna"},
    "example.com": {"anna"},
    "mueller-bau": {"mueller2"},
    "jose nunez": {"jose"},
    "CAFÉ crème": {"jose"},
    "besancon": {"jose"},
    "o'neill": {"oneill"},
    "neill": {"oneill"},
    "sean smith": {"oneill"},
    "messe halle": {"koenig"},
    "münchen": {"mueller"},
    "Muenchen": {"mueller"},
    "koln": {"muller"},
    "GmbH": {"weiss"},
    "xyz": set(),
    "anna weiß": set(),
}


@pytest.fixture
def golden(db: Any) -> tuple[Any, dict[str, int]]:
    ids = {name: create_lead(db, fields)[0].id for name, fields in LEADS.items()}
    return db, ids


def test_golden_queries_find_the_same_leads(golden: tuple[Any, dict[str, int]]) -> None:
    db, ids = golden
    names = {v: k for k, v in ids.items()}
    wrong = {}
    for query, expected in GOLDEN.items():
        by_board = matching_ids(db, LeadFilter(search=query)) or set()
        by_list = set(lead_ids(db, LeadFilter(search=query)))
        found = {names[i] for i in by_board}
        if found != expected or by_list != by_board:
            wrong[query] = (sorted(found), sorted(names[i] for i in by_list))
    assert not wrong, f"queries finding other leads than the rule says: {wrong}"


def test_search_follows_an_edit_and_ignores_punctuation_only(golden: tuple[Any, dict[str, int]]) -> None:
    from leaddesk.core.services.leads import get_lead, update_lead

    db, ids = golden
    lead = get_lead(db, ids["weis"])
    update_lead(db, lead.id, {"last_name": "Weißmann"}, expected_version=lead.version)
    assert matching_ids(db, LeadFilter(search="weiß")) == {ids["weiss"], ids["weis"]}
    assert matching_ids(db, LeadFilter(search="ssmann")) == {ids["weis"]}  # the new name's part
    assert matching_ids(db, LeadFilter(search="weismann")) == set()  # ß is ss, never s
    assert matching_ids(db, LeadFilter(search="jana weis")) == {ids["weis"]}
    assert matching_ids(db, LeadFilter(search="?!")) is None


def test_postgresql_query_spells_words_as_the_fts5_query() -> None:
    assert tsquery_expression("Mueller") == "(mueller:* | muller:*)"
    assert tsquery_expression("anna@exa") == "anna <-> exa:*"
    assert tsquery_expression("Weiss Jo") == "(weiss:* | weiß:*) & jo:*"
    assert tsquery_expression("?!") is None
    assert search_fold("Ørsted Æble Straße ẞ Crème") == "orsted aeble straße ß creme"
