"""Search finds German names however their umlauts were typed: "Mueller" finds "Müller"."""

from __future__ import annotations

from typing import Any

from leaddesk.core.db import fts_match_expression
from leaddesk.core.services.board import matching_ids
from leaddesk.core.services.leads import create_lead
from leaddesk.core.services.query import LeadFilter


def test_umlauts_typed_as_ae_oe_ue_and_ss_find_the_name(db: Any) -> None:
    mueller = create_lead(db, {"first_name": "Anna", "last_name": "Müller", "company": "Bäckerei Müller"})[0]
    weiss = create_lead(db, {"first_name": "Jürgen", "last_name": "Weiß"})[0]
    koenig = create_lead(db, {"last_name": "König", "company": "Öko Haus AG"})[0]
    michael = create_lead(db, {"first_name": "Michael", "last_name": "Michalski"})[0]

    def found(text: str) -> set[int] | None:
        return matching_ids(db, LeadFilter(search=text))

    assert found("Mueller") == found("Müller") == found("muller") == {mueller.id}
    assert found("Weiss") == found("weiß") == {weiss.id}
    assert found("Koenig") == found("Oeko") == {koenig.id}
    assert found("Juergen Weiss") == {weiss.id}  # every word still required
    assert found("Baeckerei") == {mueller.id}
    assert found("Michael") == {michael.id}  # "michal…" too, which is the same lead here
    assert found("Mueller Weiss") == set()


def test_short_words_are_not_widened() -> None:
    assert fts_match_expression("ue") == '"ue"*'
    assert fts_match_expression("Mueller") == '("Mueller"* OR "muller"*)'
    assert fts_match_expression('Wei"ss') is not None
