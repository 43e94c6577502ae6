"""The import speed-ups keep every rule: each fast path is checked against a plain reference.

The references below restate the rules as they were written before the speed work (all three
kinds of evidence computed, then the strongest kept; every cell through the general path;
the full Unicode fold), and hypothesis draws records from small pools so that emails, phones,
names and companies collide as often as they do in a real re-import.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from leaddesk.core import dedupe
from leaddesk.core.dedupe import (
    COMPANY_SCORE,
    PHONE_NAME_FLOOR,
    POSSIBLE_NAME_SCORE,
    STRONG_NAME_SCORE,
    DuplicateIndex,
    MatchKeys,
    fold,
    match_keys,
)
from leaddesk.core.importers import csvfile
from leaddesk.core.importers.csvfile import _PLAIN, parse_csv
from leaddesk.core.validation import _fast_email, _parse_phone, normalize_phone


def _reference_blocks(k: MatchKeys) -> tuple[str, ...]:
    out = []
    if k.name:
        out.append("n:" + k.name + "|" + k.company[:4])
    if k.company:
        out.append("c:" + k.company + "|" + k.last[:1] + k.name[:1])
    return tuple(out)


def _reference_name_score(a: MatchKeys, b: MatchKeys) -> tuple[float, bool]:
    if a.name and b.name:
        n = fuzz.token_sort_ratio(a.name, b.name)
        if a.company and b.company:
            c = fuzz.token_sort_ratio(a.company, b.company)
            same_words = dedupe._same_word_count(a.name, b.name)
            return 0.7 * n + 0.3 * c, n >= STRONG_NAME_SCORE and c >= COMPANY_SCORE and same_words
        return n * 0.88, False
    if not a.name and not b.name and a.company and b.company:
        c = fuzz.ratio(a.company, b.company)
        return c * 0.95, c >= 95
    return 0.0, False


def _reference_matches(a: MatchKeys, b: MatchKeys, min_score: float) -> list[tuple[str, float, bool]]:
    """Every kind of evidence, as the rules state them (the caller keeps the strongest)."""
    out = []
    both = bool(a.name and b.name)
    n = fuzz.token_sort_ratio(a.name, b.name) if both else 0.0
    if a.email and a.email == b.email:
        out.append(("email", 100.0, not both or n >= PHONE_NAME_FLOOR))  # contradicting names: possible
    if a.phones and set(a.phones) & set(b.phones) and (not both or n >= PHONE_NAME_FLOOR):
        # Sure only with names that agree (or no names on either side); otherwise possible.
        sure = (not a.name and not b.name) or (
            both and n >= STRONG_NAME_SCORE and dedupe._same_word_count(a.name, b.name)
        )
        out.append(("phone", 100.0, sure))
    score, sure = _reference_name_score(a, b)
    if score >= min_score or sure:
        out.append(("name", round(score, 1), sure))
    return out


FIRST = st.sampled_from(["", "Anna", "Anne", "Jürgen", "Juergen", "Dr. Jürgen", "Eva Maria", "Maria Eva"])
LAST = st.sampled_from(["", "Müller", "Mueller", "Muller", "Meier", "Meyer", "Weiß", "Weiss"])
COMPANY = st.sampled_from(
    ["", "Müller Bau GmbH", "Mueller Bau", "Müller Metallbau AG", "Meier & Co. KG", "AG"]
)
EMAIL = st.sampled_from(["", "anna@mb.de", "ANNA@mb.de ", "eva@roth.de"])
PHONE = st.sampled_from(["", "089 1234567", "+49891234567", "0711 123456", "0151 2345678", "12"])
RECORD = st.fixed_dictionaries(
    {
        "first_name": FIRST,
        "last_name": LAST,
        "company": COMPANY,
        "email": EMAIL,
        "phone": PHONE,
        "mobile": PHONE,
    }
)


@settings(max_examples=400, deadline=None)
@given(RECORD, RECORD, st.sampled_from([POSSIBLE_NAME_SCORE, 0.0, 95.0]))
def test_strongest_evidence_is_the_best_of_all_rules(
    a: dict[str, str], b: dict[str, str], floor: float
) -> None:
    ka, kb = match_keys(a), match_keys(b)
    assert ka.blocks == _reference_blocks(ka)
    order = {"email": 0, "phone": 1, "name": 2}
    expected = sorted(_reference_matches(ka, kb, floor), key=lambda m: (order[m[0]], -m[1]))
    assert dedupe._evidence(ka, kb, floor) == (expected[0] if expected else None)
    assert dedupe.name_score(ka, kb) == _reference_name_score(ka, kb)


@settings(max_examples=60, deadline=None)
@given(st.lists(RECORD, min_size=1, max_size=12), RECORD)
def test_bulk_find_lists_each_record_once_by_its_strongest_reason(
    rows: list[dict[str, str]], probe: dict[str, str]
) -> None:
    index = DuplicateIndex()
    for i, row in enumerate(rows):
        index.add(row, ref=i)
    keys = match_keys(probe)
    order = {"email": 0, "phone": 1, "name": 2}
    expected = []
    for i, row in enumerate(rows):
        other = match_keys(row)
        shares = (
            (keys.email and keys.email == other.email)
            or set(keys.phones) & set(other.phones)
            or set(keys.blocks) & set(other.blocks)
        )
        found = sorted(
            _reference_matches(keys, other, POSSIBLE_NAME_SCORE), key=lambda m: (order[m[0]], -m[1])
        )
        if shares and found:
            expected.append((found[0][0], found[0][1], i))
    got = [(m.reason, m.score, m.ref) for m in index.find(probe)]
    assert sorted(got) == sorted(expected)
    assert got == sorted(got, key=lambda m: (order[m[0]], -m[1]))  # best first
    assert all(m.display == dedupe.display_text(rows[m.ref]) for m in index.find(probe))  # type: ignore[index]


@settings(max_examples=80, deadline=None)
@given(st.lists(RECORD, min_size=1, max_size=12), RECORD)
def test_strongest_is_the_first_strong_match_find_lists(
    rows: list[dict[str, str]], probe: dict[str, str]
) -> None:
    """Imports ask only for the strongest match; it must be the one the full ranking puts first."""
    index = DuplicateIndex()
    for i, row in enumerate(rows):
        index.add(row, ref=i)
    strong = [m for m in index.find(probe) if m.strong]
    assert index.strongest(probe) == (strong[0] if strong else None)


def _reference_fold(text: str) -> str:
    lowered = text.casefold().translate(dedupe._TRANSLIT)
    return "".join(c for c in unicodedata.normalize("NFKD", lowered) if not unicodedata.combining(c))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30) | st.sampled_from(["Müller", "MÜLLER", "Straße", "Renée", "ﬁrma", "İstanbul"]))
def test_fold_fast_path_for_ascii_gives_the_full_fold(text: str) -> None:
    assert fold(text) == _reference_fold(text)


def test_fast_email_special_use_names_need_a_whole_label() -> None:
    assert _fast_email("a@x.localhost") is None and _fast_email("a@onion") is None
    assert _fast_email("a@mytest.de") == "a@mytest.de"
    assert _fast_email("a@test.example.de") == "a@test.example.de"
    assert _fast_email("a@xn--bcher-kva.de") is None and _fast_email("a@ab-cd.de") == "a@ab-cd.de"


def test_slow_phone_path_is_cached_and_gives_the_same_result() -> None:
    _parse_phone.cache_clear()
    first = normalize_phone("+1 (212) 555-0100")
    assert normalize_phone(" +1 (212) 555-0100 ") == first and first.value == "+12125550100"
    assert _parse_phone.cache_info().hits == 1
    assert normalize_phone("").value == "" and normalize_phone("12").warning


#: Columns of several kinds: plain, joined (two first names, two notes columns), typed phones.
HEADERS = [
    "Vorname",
    "Weitere Vornamen",
    "Nachname",
    "Notizen",
    "Telefon",
    "Phone 1 - Value",
    "Phone 1 - Type",
]
HEADERS += ["Notiz", "E-Mail", "Firma", "Kategorien", "Name"]
CELLS = st.one_of(
    st.sampled_from(["", " ", "Anna", " Anna ", "Eva ::: Eva", "A ::: B", "'=1+2", "'x", "a;b, c", "* x"]),
    st.text(alphabet="ab ;,:'=\n\"", max_size=8),
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(HEADERS),
        min_size=2,
        max_size=7,
        unique=True,
    ),
    st.lists(st.lists(CELLS, min_size=7, max_size=7), min_size=1, max_size=5),
)
def test_plain_columns_read_as_the_general_path_does(headers: list[str], rows: list[list[str]]) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    for row in rows:
        writer.writerow(row[: len(headers)])
    data = out.getvalue().encode()
    fast = parse_csv(data, "x.csv", delimiter=",")
    general = csvfile._active_columns

    def _only_plain_targets(hs: list[str], used: Any) -> list[tuple[int, str, str, bool]]:
        return [(i, h, t, t in _PLAIN) for i, h, t, _ in general(hs, used)]

    csvfile._active_columns = _only_plain_targets  # type: ignore[assignment]
    try:
        slow = parse_csv(data, "x.csv", delimiter=",")
    finally:
        csvfile._active_columns = general  # type: ignore[assignment]
    assert [(r.line, r.values, r.extra, r.issues) for r in fast.records] == [
        (r.line, r.values, r.extra, r.issues) for r in slow.records
    ]
