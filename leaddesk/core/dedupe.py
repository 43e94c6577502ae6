"""Duplicate detection shared by quick entry, imports, the duplicate finder and database merges.

Three kinds of evidence, strongest first:

* ``email`` — the same address, ignoring case (indexed ``Lead.email_lower``); sure unless
  both records name people whose names contradict it (a shared info@ address);
* ``phone`` — the same number after E.164 normalisation (indexed ``Lead.phone_key``, plus
  the mobile). Colleagues share a switchboard and typos make numbers collide, so a phone is
  sure only with names that agree as a sure name match would; a phone shared by names that
  merely resemble each other (or by a named and an unnamed record) is a *possible* duplicate,
  and one shared by contradicting names is no evidence at all;
* ``name`` — a similar person name (rapidfuzz) at a similar company, searched only inside
  small blocks (FTS on the last name and company) so it stays fast on 100,000 leads.

Two entry points with the same rules: :func:`find_matches` checks ONE candidate against
the database (quick entry, the editor); :class:`DuplicateIndex` holds every lead's keys in
memory for bulk work (imports check 100,000 rows against 100,000 leads in a few seconds,
and catch duplicates inside the file itself through :meth:`DuplicateIndex.add`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from operator import itemgetter
from typing import Any, NamedTuple

from rapidfuzz import fuzz
from sqlalchemy import Connection, or_, select
from sqlmodel import Session

from leaddesk.core.db import Database, driver_rows, word_block_ids
from leaddesk.core.models import Lead
from leaddesk.core.validation import normalize_phone

#: Name matches at or above this score count as duplicates (imports merge them);
#: lower ones down to :data:`POSSIBLE_NAME_SCORE` are only listed as possible duplicates.
STRONG_NAME_SCORE = 90.0
POSSIBLE_NAME_SCORE = 80.0
#: Companies at least this alike count as the same firm for a sure name match.
COMPANY_SCORE = 88.0
#: A phone match is dismissed when both sides have names that are less similar than this; an
#: e-mail match with such names is only a possible duplicate.
PHONE_NAME_FLOOR = 60.0
#: At most this many rows of one block are compared by name in the single-candidate path.
_BLOCK_LIMIT = 400

_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "oe", "œ": "oe"})
_HONORIFICS = frozenset(
    "dr prof dipl ing mag herr frau hr fr mr mrs ms miss mx sir madam med rer nat phil jur mba msc".split()
)
_LEGAL_FORMS = frozenset(
    (
        "gmbh mbh ag kg kgaa ohg gbr ug ev ek eg se co cokg haftungsbeschraenkt gesmbh und and the "
        "ltd limited inc incorporated llc llp plc corp corporation company sa sas sarl srl spa bv nv ab oy"
    ).split()
)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, umlauts spelt out (ü → ue), other accents removed: "Müller" == "Mueller"."""
    lowered = (text or "").casefold().translate(_TRANSLIT)
    if lowered.isascii():
        return lowered  # nothing to decompose (most names, e-mails and notes): skip the per-char pass
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def same_value(a: Any, b: Any) -> bool:
    """Equal for a person: case, spacing and umlaut spelling do not make a conflict.

    Imports and database merges use it before noting a "differing" value on a lead.
    """
    if a == b:
        return True
    if isinstance(a, str) and isinstance(b, str):
        return fold(" ".join(a.split())) == fold(" ".join(b.split()))
    return False


@lru_cache(maxsize=65536)
def person_name(first: str, last: str) -> str:
    """Folded "first last" without honorifics, for fuzzy comparison."""
    words = _WORD.findall(fold(f"{first} {last}"))
    return " ".join(w for w in words if w not in _HONORIFICS)


@lru_cache(maxsize=65536)
def company_core(company: str) -> str:
    """Folded company name without legal forms ("Müller Bau GmbH & Co. KG" → "mueller bau")."""
    words = _WORD.findall(fold(company))
    core = [w for w in words if w not in _LEGAL_FORMS]
    return " ".join(core or words)


def email_key(email: str) -> str:
    return (email or "").strip().lower()


def phone_key(phone: str) -> str:
    """Digits of the E.164 form; works for stored (already E.164) and typed numbers alike."""
    raw = (phone or "").strip()
    if not raw:
        return ""
    if raw.startswith("+") and raw[1:].isdigit():
        return raw[1:]
    return normalize_phone(raw).key


class MatchKeys(NamedTuple):
    """Everything duplicate rules compare, computed once per record (a tuple: cheap to build).

    ``blocks`` are the keys of the small groups a name comparison is limited to in bulk work
    (see :func:`block_keys`); :func:`match_keys` fills them in so bulk work computes them once.
    """

    email: str
    phones: tuple[str, ...]
    name: str
    company: str
    last: str
    blocks: tuple[str, ...] = ()


def block_keys(name: str, company: str, last: str) -> tuple[str, ...]:
    """Keys of the small groups a name comparison is limited to in bulk work.

    The same folded name at a company starting alike (namesakes at other firms can never
    be a sure match, and comparing them all is what makes bulk checks slow), or the same
    company with the same initials (spelling variants such as Jürgen Meier/Juergen Meyer).
    """
    if name:
        if company:
            return ("n:" + name + "|" + company[:4], "c:" + company + "|" + last[:1] + name[:1])
        return ("n:" + name + "|",)
    if company:
        return ("c:" + company + "|" + last[:1],)
    return ()


def match_keys(values: Mapping[str, Any]) -> MatchKeys:
    """Keys of a lead given as field values (raw typed values or stored ones)."""
    get = values.get
    return _keys(
        get("first_name") or "",
        get("last_name") or "",
        get("company") or "",
        get("email") or "",
        get("phone") or "",
        get("mobile") or "",
    )


def _match_key(phone: str) -> str:
    """:func:`phone_key` for comparisons: "" for text that is no phone number at all.

    "business 1" or "mobile" in a phone field (seen in real exports) would otherwise match
    every other record holding "1" or nothing but letters.
    """
    raw = (phone or "").strip()
    if not raw:
        return ""
    result = normalize_phone(raw)
    return result.key if result.parsed else ""


def _keys(first: str, last: str, company: str, email: str, phone: str, mobile: str) -> MatchKeys:
    return _keys_of(
        person_name(first, last),
        company_core(company),
        last,
        email.strip().lower() if email else "",
        phone,
        mobile,
    )


def _keys_of(name: str, core: str, last: str, email: str, phone: str, mobile: str) -> MatchKeys:
    """:func:`_keys` for a record whose folded name, company core and e-mail key are known already."""
    # Stored numbers are E.164 already: their key is the digits (phone_key's fast path, inlined).
    p1 = phone[1:] if phone[:1] == "+" and phone[1:].isdigit() else _match_key(phone)
    p2 = mobile[1:] if mobile[:1] == "+" and mobile[1:].isdigit() else _match_key(mobile)
    phones = (p1, p2) if p1 and p2 and p1 != p2 else (p1,) if p1 else (p2,) if p2 else ()
    last_word = _last_word(last)
    # tuple.__new__ is what MatchKeys(...) runs, without its Python-level wrapper (~0.3 µs a record).
    return _new_tuple(MatchKeys, (email, phones, name, core, last_word, block_keys(name, core, last_word)))


_new_tuple = tuple.__new__


def _no_phone_in(phone: str, plus: set[str]) -> bool:
    """True when ``phone`` surely has no key among ``plus`` ("+" and digits): it is empty, or
    stored E.164 (its key is its digits, see :func:`_keys`) and not among them."""
    return not phone or (phone not in plus and phone[:1] == "+" and phone[1:].isdigit())


@lru_cache(maxsize=65536)
def _last_word(last: str) -> str:
    words = _WORD.findall(fold(last))
    return words[-1] if words else ""


class Match(NamedTuple):
    """A likely duplicate: which lead (or earlier record), why, how sure (0–100), and how to show it.

    ``lead_id`` is the existing lead's id; in bulk work a match against an earlier row of the
    same file has ``lead_id`` 0 and ``ref`` set to what :meth:`DuplicateIndex.add` was given.
    A tuple rather than a frozen dataclass: an import keeps ~100,000 of them, and a dataclass
    costs three times as much to build.
    """

    lead_id: int
    reason: str
    score: float
    display: str
    ref: Hashable = None
    #: For "name": the names agree and so do the companies (when both have one).
    sure: bool = False

    @property
    def strong(self) -> bool:
        """Sure enough to treat as the same person (imports skip/update/merge these).

        Two different people must never become one lead: an e-mail or phone match counts only
        when it is ``sure`` (see :func:`_evidence`); the others are possible duplicates.
        """
        return self.reason == "uid" or self.sure


def _ratio(a: str, b: str) -> float:
    """``token_sort_ratio``, skipping the call for equal text (common inside a block: 100)."""
    return 100.0 if a == b else fuzz.token_sort_ratio(a, b)


def name_score(a: MatchKeys, b: MatchKeys) -> tuple[float, bool]:
    """Similarity of two records by person name and company (0–100), and whether it is sure.

    Sure means: names at least :data:`STRONG_NAME_SCORE` alike and, when both have a company,
    the companies too ("Müller Bau" vs "Mueller Bau GmbH", not "Müller Metallbau"). One side
    without a company: the name alone, damped and never sure. No names: the companies.
    """
    if a.name and b.name:
        return _name_score(a, b, _ratio(a.name, b.name))
    if not a.name and not b.name and a.company and b.company:
        c = 100.0 if a.company == b.company else fuzz.ratio(a.company, b.company)
        return c * 0.95, c >= 95
    return 0.0, False


def _name_score(a: MatchKeys, b: MatchKeys, n: float) -> tuple[float, bool]:
    """:func:`name_score` for two named records whose name similarity ``n`` is known already."""
    if a.company and b.company:
        c = _ratio(a.company, b.company)
        sure = n >= STRONG_NAME_SCORE and c >= COMPANY_SCORE and _same_word_count(a.name, b.name)
        return 0.7 * n + 0.3 * c, sure
    return n * 0.88, False


def _evidence(a: MatchKeys, b: MatchKeys, min_score: float) -> tuple[str, float, bool] | None:
    """The strongest reason to take ``b`` for ``a`` (reason, score, sure), or None.

    Email beats phone beats name, as in :func:`_best`, so weaker evidence is not computed
    once stronger evidence is found: bulk checks call this for every record of a block.
    ``sure`` for an e-mail or phone says whether the names allow treating both as one person.
    """
    both_named = bool(a.name and b.name)
    if a.email and a.email == b.email:
        if both_named and a.name != b.name and _ratio(a.name, b.name) < PHONE_NAME_FLOOR:
            return "email", 100.0, False
        return "email", 100.0, True
    n = _ratio(a.name, b.name) if both_named else 0.0
    phones = a.phones
    shared = phones and b.phones and (phones[0] in b.phones or (len(phones) > 1 and phones[1] in b.phones))
    if shared:
        if both_named and n >= PHONE_NAME_FLOOR:
            # Names only alike ("Ñ Ñ" / "Ñ Ñ Ñ", "Anna"/"Hans Müller") are two people at one number.
            return "phone", 100.0, n >= STRONG_NAME_SCORE and _same_word_count(a.name, b.name)
        if not a.name and not b.name:
            return "phone", 100.0, True
        if not both_named:
            return "phone", 100.0, False
    if both_named:
        score, sure = _name_score(a, b, n)
    else:
        score, sure = name_score(a, b)
    if score >= min_score or sure:
        return "name", round(score, 1), sure
    return None


def _sure_name(a: MatchKeys, b: MatchKeys, _min_score: float) -> tuple[str, float, bool] | None:
    """:func:`_evidence` when only a sure match counts and ``b`` shares no e-mail or phone with ``a``.

    Then only the name rule is left, and a sure name match needs both names and both companies
    (or neither name and both companies): the company is compared only once the names pass,
    and records of other shapes are not compared at all. Bulk imports weigh up ~200,000 such
    pairs; ``tests/core/test_import_speed_paths.py`` checks it against :func:`_evidence`.
    """
    if a.name and b.name:
        if not (a.company and b.company):
            return None  # one company missing: a name match is never sure
        n = _ratio(a.name, b.name)
        if n < STRONG_NAME_SCORE:
            return None
        c = _ratio(a.company, b.company)
        if c >= COMPANY_SCORE and _same_word_count(a.name, b.name):
            return "name", round(0.7 * n + 0.3 * c, 1), True
        return None
    if not a.name and not b.name and a.company and b.company:
        c = 100.0 if a.company == b.company else fuzz.ratio(a.company, b.company)
        return ("name", round(c * 0.95, 1), True) if c >= 95 else None
    return None


def match_facts(a: Mapping[str, Any], b: Mapping[str, Any]) -> tuple[str, ...]:
    """Every point two records agree on, strongest first, so a list can say why they matched.

    ``"email"``, ``"phone"``, ``"same_name"`` or ``"similar_name"``, ``"same_company"`` or
    ``"similar_company"`` (the thresholds of :func:`name_score`). Only for showing: the
    decision itself stays with :func:`_evidence`, which stops at the first strong reason.
    """
    ka, kb = match_keys(a), match_keys(b)
    facts: list[str] = []
    if ka.email and ka.email == kb.email:
        facts.append("email")
    if set(ka.phones) & set(kb.phones):
        facts.append("phone")
    if ka.name and kb.name:
        n = _ratio(ka.name, kb.name)
        if n == 100.0:
            facts.append("same_name")
        elif n >= POSSIBLE_NAME_SCORE:
            facts.append("similar_name")
    if ka.company and kb.company:
        c = _ratio(ka.company, kb.company)
        if c == 100.0:
            facts.append("same_company")
        elif c >= COMPANY_SCORE:
            facts.append("similar_company")
    return tuple(facts)


def _same_word_count(a: str, b: str) -> bool:
    """Names with a different number of words are not surely one person ("Ñ Ñ" / "Ñ Ñ Ñ")
    unless the longer one only adds a middle name to the shorter ("Anna Lena Roth" / "Anna Roth")."""
    wa, wb = a.split(), b.split()
    if len(wa) == len(wb):
        return True
    short, long = (wa, wb) if len(wa) < len(wb) else (wb, wa)
    return bool(short) and short[0] == long[0] and short[-1] == long[-1] and len(set(long)) == len(long)


def display_text(values: Mapping[str, Any]) -> str:
    """ "Anna Müller · Müller Bau GmbH · anna@mueller.de" for lists and reports."""
    get = values.get
    return _display(get("first_name") or "", get("last_name") or "", get("company") or "", get("email") or "")


def _display(first: str, last: str, company: str, email: str) -> str:
    name = f"{first or ''} {last or ''}".strip()
    parts = [p for p in (name, company or "", email or "") if p]
    return " · ".join(parts) or "(no name)"


def _best(matches: Iterable[Match]) -> list[Match]:
    """One match per lead/ref (its strongest reason), best first."""
    best: dict[Hashable, Match] = {}
    for m in matches:
        key = (m.lead_id, m.ref)
        old = best.get(key)
        if old is None or (_RANK[m.reason], -m.score) < (_RANK[old.reason], -old.score):
            best[key] = m
    return sorted(best.values(), key=lambda m: (_RANK[m.reason], -m.score, m.lead_id))


#: Strongest reason first (the order matches are listed and chosen in).
_RANK = {"uid": 0, "email": 1, "phone": 2, "name": 3}


KEY_COLUMNS = (
    "id",
    "first_name",
    "last_name",
    "company",
    "email",
    "email_lower",
    "phone",
    "mobile",
    "phone_key",
)
#: What :meth:`DuplicateIndex.from_db` reads per lead: the inputs of :func:`_keys`.
_INDEX_COLUMNS = ("id", "first_name", "last_name", "company", "email", "phone", "mobile")


@contextmanager
def _connection(db_or_session: Database | Session | Connection) -> Iterator[Connection]:
    if isinstance(db_or_session, Database):
        with db_or_session.engine.connect() as conn:
            yield conn
    elif isinstance(db_or_session, Session):
        yield db_or_session.connection()
    else:
        yield db_or_session


def _fts_block_ids(conn: Connection, keys: MatchKeys, values: Mapping[str, Any]) -> list[int]:
    """Ids sharing the last name or the company's first word (the search index folds case and accents)."""
    words: dict[str, str] = {}
    last_words = _WORD.findall((values.get("last_name") or "").casefold())
    if last_words:
        words["last_name"] = last_words[-1]
    company_words = [w for w in _WORD.findall((values.get("company") or "").casefold()) if len(w) > 1]
    core = [w for w in company_words if fold(w) not in _LEGAL_FORMS]
    if core:
        words["company"] = core[0]
    return word_block_ids(conn, words, _BLOCK_LIMIT)


def find_matches(
    db_or_session: Database | Session | Connection,
    values: Mapping[str, Any],
    *,
    exclude_ids: Iterable[int] = (),
    min_score: float = POSSIBLE_NAME_SCORE,
    limit: int = 10,
) -> list[Match]:
    """Existing (not erased) leads that are likely the same person as ``values``, best first.

    ``values`` are lead fields as typed or as stored (first_name, last_name, company, email,
    phone, mobile). Email and phone use indexes; names are compared only within the FTS block
    of the same last name or company word, so a call costs a few milliseconds.
    """
    keys = match_keys(values)
    excluded = set(exclude_ids)
    with _connection(db_or_session) as conn:
        cols = [getattr(Lead, c) for c in KEY_COLUMNS]
        clauses = []
        if keys.email:
            clauses.append(Lead.email_lower == keys.email)
        if keys.phones:
            clauses.append(Lead.phone_key.in_(keys.phones))
        rows: dict[int, Mapping[str, Any]] = {}
        if clauses:
            for row in conn.execute(select(*cols).where(or_(*clauses), Lead.erased.is_(False))):
                rows[row.id] = row._mapping
        if keys.phones:
            # The mobile has no index of its own (phone_key holds the phone, else the mobile);
            # an equality scan over 100,000 short strings costs about 5 ms.
            plus = ["+" + p for p in keys.phones]
            for row in conn.execute(
                select(*cols).where(
                    Lead.mobile.in_(plus), Lead.phone_key.not_in(keys.phones), Lead.erased.is_(False)
                )
            ):
                rows[row.id] = row._mapping
        if keys.name or keys.company:
            block = [i for i in _fts_block_ids(conn, keys, values) if i not in rows]
            if block:
                for row in conn.execute(select(*cols).where(Lead.id.in_(block), Lead.erased.is_(False))):
                    rows[row.id] = row._mapping
    found: list[Match] = []
    for lead_id, row in rows.items():
        if lead_id in excluded:
            continue
        found.extend(_compare(keys, match_keys(row), lead_id, row, None, min_score))
    return _best(found)[:limit]


def _compare(
    keys: MatchKeys,
    other: MatchKeys,
    lead_id: int,
    values: Mapping[str, Any],
    ref: Hashable,
    min_score: float,
) -> Iterator[Match]:
    """The strongest match of ``other`` for ``keys`` (none or one; :func:`_best` keeps one per lead)."""
    found = _evidence(keys, other, min_score)
    if found is not None:
        reason, score, sure = found
        yield Match(lead_id, reason, score, display_text(values), ref, sure)


@dataclass(slots=True)
class _Entry:
    lead_id: int
    ref: Hashable
    keys: MatchKeys
    # The record's values (or first name, last name, company, e-mail of a stored lead); the
    # display text is built only when it matches something, and then once.
    values: Mapping[str, Any] | tuple[str, str, str, str]
    shown: str | None = None

    def display(self) -> str:
        if self.shown is None:
            values = self.values
            self.shown = _display(*values) if isinstance(values, tuple) else display_text(values)
        return self.shown


@dataclass(frozen=True)
class KeyFilter:
    """The e-mails, phones and blocks some incoming records have (see :meth:`DuplicateIndex.from_db`).

    A lookup only ever reads the groups of its own record's keys, so an index built for these
    records gives the same matches without the groups nobody looks up: in a 100,000-row
    import most existing leads share no key with any row and are not stored at all.
    """

    emails: frozenset[str]
    phones: frozenset[str]
    blocks: frozenset[str]
    #: The folded person names and company cores the blocks are made of (see :func:`block_keys`:
    #: a record has a "n:" block exactly when it has a name, a "c:" block when it has a core).
    names: frozenset[str]
    cores: frozenset[str]

    @classmethod
    def of(cls, keys: Iterable[MatchKeys]) -> KeyFilter:
        # One comprehension per field: the loops run in C (100,000 records: ~0.2 s less than one
        # Python loop here plus taking the names and cores back out of the block strings).
        every = list(keys)
        emails = {k.email for k in every}
        names = {k.name for k in every}
        cores = {k.company for k in every}
        for found in (emails, names, cores):
            found.discard("")
        return cls(
            frozenset(emails),
            frozenset(chain.from_iterable([k.phones for k in every])),
            frozenset(chain.from_iterable([k.blocks for k in every])),
            frozenset(names),
            frozenset(cores),
        )


@dataclass
class DuplicateIndex:
    """In-memory keys of many records for bulk duplicate checks (imports, finder, database merge).

    Build it from the database with :meth:`from_db`, then :meth:`find` for each incoming
    record and :meth:`add` it, so later rows of the same file also match earlier ones.
    """

    _by_email: dict[str, list[_Entry]] = field(default_factory=dict)
    _by_phone: dict[str, list[_Entry]] = field(default_factory=dict)
    _by_block: dict[str, list[_Entry]] = field(default_factory=dict)
    size: int = 0

    @classmethod
    def from_db(
        cls, db_or_session: Database | Session | Connection, *, only: KeyFilter | None = None
    ) -> DuplicateIndex:
        """Every (not erased) lead; with ``only``, just the groups that records with those keys read.

        Such an index answers :meth:`find` for those records exactly as the full one does, but
        must not be asked about other records.
        """
        index = cls()
        cols = [getattr(Lead, c) for c in _INDEX_COLUMNS]
        with _connection(db_or_session) as conn:
            # Plain tuples from the driver: Row objects cost 0.1 s per 100,000 leads.
            rows = driver_rows(conn, select(*cols).where(Lead.erased.is_(False)))
        if only is None:
            for lead_id, first, last, company, email, phone, mobile in rows:
                keys = _keys(first, last, company, email, phone, mobile)
                index._put(_Entry(lead_id, None, keys, (first, last, company, email)))
            return index
        emails, phones, blocks, names, cores = only.emails, only.phones, only.blocks, only.names, only.cores
        by_email, by_phone, by_block = index._by_email, index._by_phone, index._by_block
        # Every block is made of a folded person name ("n:…") or company core ("c:…"): a lead
        # whose name and core no record has, nor its e-mail and numbers, shares no block or
        # group with any record and is skipped before its keys are built.
        plus = {"+" + p for p in phones}
        for lead_id, first, last, company, email, phone, mobile in rows:
            # The name, company core and e-mail key the test needs are those the keys hold: each once.
            name, core = person_name(first, last), company_core(company)
            mail = email.strip().lower() if email else ""
            if (
                name not in names
                and core not in cores
                and (not mail or mail not in emails)
                and _no_phone_in(phone, plus)
                and _no_phone_in(mobile, plus)
            ):
                continue
            keys = _keys_of(name, core, last, mail, phone, mobile)
            entry = None
            if keys.email in emails:
                entry = _Entry(lead_id, None, keys, (first, last, company, email))
                by_email.setdefault(keys.email, []).append(entry)
            for key in keys.phones:
                if key in phones:
                    entry = entry or _Entry(lead_id, None, keys, (first, last, company, email))
                    by_phone.setdefault(key, []).append(entry)
            for key in keys.blocks:
                if key in blocks:
                    entry = entry or _Entry(lead_id, None, keys, (first, last, company, email))
                    by_block.setdefault(key, []).append(entry)
            if entry is not None:
                index.size += 1
        return index

    def _put(self, entry: _Entry) -> None:
        keys = entry.keys
        if keys.email:
            self._by_email.setdefault(keys.email, []).append(entry)
        for p in keys.phones:
            self._by_phone.setdefault(p, []).append(entry)
        by_block = self._by_block
        for b in keys.blocks:
            by_block.setdefault(b, []).append(entry)
        self.size += 1

    def add(
        self,
        values: Mapping[str, Any],
        *,
        lead_id: int = 0,
        ref: Hashable = None,
        keys: MatchKeys | None = None,
    ) -> MatchKeys:
        """Remember a record: an existing lead (``lead_id``) or an earlier row of a file (``ref``)."""
        keys = keys or match_keys(values)
        self._put(_Entry(lead_id, ref, keys, values))
        return keys

    def find(
        self,
        values: Mapping[str, Any],
        *,
        keys: MatchKeys | None = None,
        min_score: float = POSSIBLE_NAME_SCORE,
        exclude: Iterable[int] = (),
    ) -> list[Match]:
        """Remembered records that are likely the same person as ``values``, best first."""
        found = self._candidates(keys or match_keys(values), min_score, exclude)
        return [_as_match(c) for c in found]

    def strongest(self, values: Mapping[str, Any], *, keys: MatchKeys | None = None) -> Match | None:
        """The record to treat as the same person (what an import merges into), or None.

        :meth:`find`'s first strong match, but weaker ones are neither scored to the end nor
        built: a 100,000-row import of look-alike names weighs up ~200,000 candidates.
        """
        found = self._candidates(keys or match_keys(values), _ONLY_SURE, ())
        for c in found:
            if c[5] or c[3] == "uid":
                return _as_match(c)
        return None

    def classify(
        self, values: Mapping[str, Any], *, keys: MatchKeys | None = None
    ) -> tuple[Match | None, Match | None]:
        """(the record to treat as the same person, else None; a possible duplicate, else None).

        What an import needs in one pass: the strong match it merges into, or the e-mail or
        phone match whose names disagree, which it keeps as a new lead and flags.
        """
        found = self._candidates(keys or match_keys(values), _ONLY_SURE, ())
        for c in found:
            if c[5]:
                return _as_match(c), None
        return None, (_as_match(found[0]) if found else None)

    def _candidates(
        self, keys: MatchKeys, min_score: float, exclude: Iterable[int]
    ) -> list[tuple[int, float, int, str, float, bool, _Entry]]:
        """(rank, -score, lead id, reason, score, sure, entry) per matching record, best first."""
        groups = []
        if keys.email:
            group = self._by_email.get(keys.email)
            if group:
                groups.append(group)
        for p in keys.phones:
            group = self._by_phone.get(p)
            if group:
                groups.append(group)
        # Only the e-mail and phone groups hold e-mail and phone matches: once a sure one is found
        # there, the name blocks cannot hold a stronger one, and strongest() needs no weaker ones.
        stop_at = len(groups) if min_score is _ONLY_SURE else -1
        for b in keys.blocks:
            group = self._by_block.get(b)
            if group:
                groups.append(group)
        if not groups:
            return []  # the common case in bulk work: nothing shares a key
        excluded = set(exclude)
        seen: set[int] = set()
        found = []
        evidence_of = _evidence
        for at, group in enumerate(groups):
            if at == stop_at:
                if any(c[5] for c in found):
                    break
                # Past the e-mail and phone groups, an entry not seen yet shares neither (it would
                # be in those groups): only a sure name match can count (see _sure_name).
                evidence_of = _sure_name
            for entry in group:
                if id(entry) in seen or (entry.lead_id and entry.lead_id in excluded):
                    continue
                seen.add(id(entry))
                evidence = evidence_of(keys, entry.keys, min_score)
                if evidence is not None:
                    reason, score, sure = evidence
                    found.append((_RANK[reason], -score, entry.lead_id, reason, score, sure, entry))
        if len(found) > 1:
            # Each entry is one record, seen once: no two candidates name the same lead/row, so
            # this is _best's order (stable: ties keep the order the groups were read in).
            found.sort(key=_ORDER)
        return found


#: A name score nothing reaches: only e-mail, phone and sure name matches are kept.
_ONLY_SURE = float("inf")
_ORDER = itemgetter(0, 1, 2)


def _as_match(c: tuple[int, float, int, str, float, bool, _Entry]) -> Match:
    entry = c[6]
    return _new_tuple(Match, (entry.lead_id, c[3], c[4], entry.display(), entry.ref, c[5]))
