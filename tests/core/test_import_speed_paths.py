"""Speed-ups of the 100,000-row import (issue 15) give what the plain paths give.

Each fast path is checked against a reference that restates the slow path as it was: the
CSV reader's per-row line bookkeeping, the per-character plausibility count of the encoding
guess, and the duplicate index that computes every stored lead's keys before filtering.
"""

from __future__ import annotations

import csv
import io
import itertools
import random
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import insert

from leaddesk.core import dedupe
from leaddesk.core.dedupe import DuplicateIndex, KeyFilter, MatchKeys, match_keys
from leaddesk.core.importers.csvfile import read_rows
from leaddesk.core.importers.encoding import _ODD, _plausibility
from leaddesk.core.models import Lead


def _reference_rows(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    for row in reader:
        rows.append((start, row))
        start = reader.line_num + 1
    return rows


CELL = st.text(alphabet='ab ;,"\n\r', max_size=6)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(CELL, min_size=1, max_size=4), max_size=6), st.sampled_from([",", ";"]))
def test_read_rows_numbers_lines_as_the_line_by_line_reader(rows: list[list[str]], delimiter: str) -> None:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=random.choice(["\r\n", "\n"])).writerows(rows)
    text = out.getvalue()
    assert read_rows(text, delimiter) == _reference_rows(text, delimiter)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet='ab\n"', max_size=40))
def test_read_rows_numbers_lines_of_any_text(text: str) -> None:
    """Stray quotes and blank lines too (rows spanning lines take the line-by-line path)."""
    try:
        expected = _reference_rows(text, ",")
    except csv.Error:
        return
    assert read_rows(text, ",") == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x2FF) | st.sampled_from(sorted(_ODD)), max_size=60))
def test_plausibility_counts_as_the_per_character_loop(text: str) -> None:
    bad = sum(1 for c in text if c in _ODD or (not c.isprintable() and c not in "\r\n\t"))
    assert _plausibility(text) == (1.0 - bad / len(text) if text else 1.0)


FIRST = ["", "Anna", "Jürgen", "Juergen", "Dr. Eva", "Ñ Ñ"]
LAST = ["", "Müller", "Mueller", "Weiß", "Weiss"]
COMPANY = ["", "Müller Bau GmbH", "Mueller Bau", "GmbH", "---", "Weiss AG"]
EMAIL = ["", "anna@mb.de", "ANNA@mb.de ", "eva@roth.de"]
# Stored numbers: E.164, with an extension, and text kept as typed (not E.164 at all).
STORED_PHONE = ["", "+49891234567", "+497111234567", "+49891234567 ext. 5", "12", "089 1234567", "mobile"]
TYPED_PHONE = ["", "089 1234567", "+49 89 1234567", "0711 1234567", "12", "mobile"]


def test_index_for_some_records_skips_only_leads_no_record_can_match(db: Any) -> None:
    """``from_db(only=…)`` skips leads before building their keys; every look-up of those
    records still finds exactly what the index of every lead finds."""
    rng = random.Random(15)
    combos = list(itertools.product(FIRST, LAST, COMPANY, EMAIL, STORED_PHONE))
    stored = [
        dict(zip(("first_name", "last_name", "company", "email", "phone"), c, strict=True))
        | {"mobile": rng.choice(STORED_PHONE)}
        for c in rng.sample(combos, 400)
    ]
    table = Lead.__table__  # type: ignore[attr-defined]
    with db.transaction() as session:
        template = {
            c.name: c.default.arg
            for c in table.columns
            if c.default is not None and not callable(c.default.arg)
        }
        rows = []
        for i, values in enumerate(stored):
            row = {
                **template,
                **values,
                "uid": f"u{i}",
                "email_lower": values["email"].lower(),
                "phone_key": "",
            }
            rows.append(row | {"stage": "lead", "position": float(i), "erased": False, "version": 1})
        session.execute(insert(table), rows)
    full = DuplicateIndex.from_db(db)
    assert full.size == len(stored)
    for _ in range(40):
        probes = [
            dict(
                first_name=rng.choice(FIRST),
                last_name=rng.choice(LAST),
                company=rng.choice(COMPANY),
                email=rng.choice(EMAIL),
                phone=rng.choice(TYPED_PHONE),
                mobile=rng.choice(TYPED_PHONE),
            )
            for _ in range(3)
        ]
        only = DuplicateIndex.from_db(db, only=KeyFilter.of(match_keys(p) for p in probes))
        assert only.size <= full.size
        for probe in probes:
            assert only.find(probe) == full.find(probe)
            assert only.classify(probe) == full.classify(probe)


def _reference_classify(index: DuplicateIndex, keys: MatchKeys) -> tuple[Any, Any]:
    """Every entry sharing a key weighed by the full rules (:func:`_evidence`), best first."""
    entries = {}
    groups = [index._by_email.get(keys.email, []) if keys.email else []]
    groups += [index._by_phone.get(p, []) for p in keys.phones]
    groups += [index._by_block.get(b, []) for b in keys.blocks]
    for group in groups:
        for entry in group:
            entries.setdefault(id(entry), entry)
    found = []
    for entry in entries.values():
        evidence = dedupe._evidence(keys, entry.keys, dedupe._ONLY_SURE)
        if evidence is not None:
            reason, score, sure = evidence
            found.append((dedupe._RANK[reason], -score, entry.lead_id, reason, score, sure, entry))
    found.sort(key=lambda c: (c[0], c[1], c[2]))
    for c in found:
        if c[5]:
            return (c[2], c[3], c[4], c[6].ref, True), None
    return None, ((found[0][2], found[0][3], found[0][4], found[0][6].ref, False) if found else None)


NAMES_FIRST = st.sampled_from(
    ["", "Anna", "Anne", "Jürgen", "Juergen", "Eva Maria", "Maria Eva", "Ñ Ñ", "Ñ Ñ Ñ"]
)
NAMES_LAST = st.sampled_from(["", "Müller", "Mueller", "Muller", "Meier", "Meyer", "Ñ"])
FIRMS = st.sampled_from(["", "Müller Bau GmbH", "Mueller Bau", "Müller Metallbau AG", "Meier & Co. KG", "AG"])
RECORD = st.fixed_dictionaries(
    {
        "first_name": NAMES_FIRST,
        "last_name": NAMES_LAST,
        "company": FIRMS,
        "email": st.sampled_from(["", "anna@mb.de", "eva@roth.de"]),
        "phone": st.sampled_from(["", "089 1234567", "0711 123456"]),
        "mobile": st.sampled_from(["", "0151 2345678"]),
    }
)


@settings(max_examples=300, deadline=None)
@given(st.lists(RECORD, min_size=1, max_size=12), st.lists(RECORD, min_size=1, max_size=4))
def test_classify_with_the_name_shortcut_weighs_as_the_full_rules(
    earlier: list[dict[str, str]], probes: list[dict[str, str]]
) -> None:
    """Past the e-mail and phone groups only a sure name match counts (``_sure_name``): the
    same strong match and the same possible duplicate as weighing every entry by every rule."""
    index = DuplicateIndex()
    for i, values in enumerate(earlier):
        index.add(values, ref=i)
    for probe in probes:
        keys = match_keys(probe)
        best, possible = index.classify(probe, keys=keys)
        got = tuple(
            None if m is None else (m.lead_id, m.reason, m.score, m.ref, m.sure) for m in (best, possible)
        )
        assert got == _reference_classify(index, keys)
