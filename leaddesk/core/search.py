"""What a search finds, stated once for every database engine.

The semantics (SQLite implements them with FTS5 in :mod:`leaddesk.core.db`; another engine
mirrors them, e.g. PostgreSQL with ``pg_trgm`` over the same folded text and phone digits):

1. **Words.** The query is split into words (letters, digits and ``@ . _ - +``); every word is
   required (AND). A word matches a lead when

   a. some word of first name, last name, company, e-mail, city or notes *starts* with it,
      ignoring case and accents (``müller`` = ``muller``); a word of four or more letters
      written without umlauts also matches the umlaut spelling (``Mueller`` finds ``Müller``,
      ``Weiss`` finds ``Weiß``) — the prefix rule of earlier versions, unchanged; or
   b. the word has three or more characters and the *folded* first name, last name, company
      or city *contains* it anywhere (a word part: ``mechanik`` finds
      ``Feinmechanik``, ``bau`` finds ``Maschinenbau``). Folded text (:func:`fold_part`) is
      lower case with German umlauts and common accents dropped (``ä`` → ``a``) and ``ß``
      written ``ss``; the query word is folded alike, and its ``ae/oe/ue`` spellings are
      tried as ``a/o/u`` too. Notes and e-mail are not searched for word parts (index size and
      upkeep; the parts of an e-mail address between ``@ . -`` are words of rule a).

2. **Phone numbers.** A query made only of digits and phone punctuation (spaces,
   ``+ - / ( ) .``) with at least :data:`MIN_PHONE_DIGITS` digits is also a phone query
   (:func:`phone_query_digits`): ``+`` or ``00`` starts a country code, which is kept; a single
   leading ``0`` is the trunk prefix and dropped; ``(0)`` is dropped. Every lead whose phone or
   mobile, written as digits of its E.164 form (country code + national number, as stored),
   *contains* those digits matches — so ``0711 123456``, ``+49 711 123456``, ``0049711123456``
   and ``711123456`` find the same lead, and a part of a number finds it too. The lead matches
   the phone query OR the words (rule 1), so a number in the notes is still found.
"""

from __future__ import annotations

import re

#: Shortest word that is also looked for inside words (what a trigram index can answer).
MIN_PART = 3
#: Fewest digits that make a query of digits a phone search.
MIN_PHONE_DIGITS = 3

#: Characters folded for word-part search: German umlauts, ß and the commonest accents (each one
#: is a replace() per lead in the index upkeep, so the list is short; others match as written).
#: The SQLite index applies the same table (a migration's copy: ``search_2``); a test compares them.
PART_FOLDS: tuple[tuple[str, str], ...] = (
    ("ä", "a"), ("ö", "o"), ("ü", "u"), ("ß", "ss"),
    ("é", "e"), ("è", "e"), ("á", "a"), ("à", "a"), ("ó", "o"), ("ç", "c"),
)  # fmt: skip
_FOLD_TABLE = str.maketrans({a: b for a, b in PART_FOLDS})

#: What separates a word; kept as in earlier versions (``@ . _ - +`` stay inside a word).
_WORD_CHARS = "@._-+"
_PHONE_QUERY = re.compile(r"[\d\s+\-/().]+")
_UMLAUT_PLAIN = (("ae", "a"), ("oe", "o"), ("ue", "u"))


def query_words(query: str) -> list[str]:
    """The words of a query, as rule 1 splits them."""
    return "".join(c if c.isalnum() or c in _WORD_CHARS else " " for c in query).split()


def fold_part(text: str) -> str:
    """Text as the word-part index holds it: lower case, umlauts and accents dropped, ß → ss.

    ``str.lower`` rather than ``casefold`` on purpose: the index's tokenizer lower-cases letter
    by letter and would not turn ß into ss itself (the table does).
    """
    return text.lower().translate(_FOLD_TABLE)


def part_spellings(word: str) -> list[str]:
    """The folded spellings of a query word to look for inside words (rule 1b); [] if too short."""
    folded = fold_part(word)
    if len(folded) < MIN_PART:
        return []
    out = [folded]
    if len(word) >= 4:
        plain = folded
        for typed, letter in _UMLAUT_PLAIN:
            plain = plain.replace(typed, letter)
        if plain != folded and len(plain) >= MIN_PART:
            out.append(plain)
    return out


def phone_query_digits(query: str) -> str | None:
    """The digits a phone query looks for inside stored numbers (rule 2), or None."""
    raw = query.strip()
    if not raw or not _PHONE_QUERY.fullmatch(raw):
        return None
    raw = raw.replace("(0)", "")
    digits = re.sub(r"\D", "", raw)
    if raw.startswith("+"):
        pass  # a country code follows
    elif digits.startswith("00"):
        digits = digits[2:]
    elif digits.startswith("0"):
        digits = digits[1:]
    return digits if len(digits) >= MIN_PHONE_DIGITS else None


def phone_digits(phone: str) -> str:
    """A stored phone number as the digits rule 2 compares (E.164 ``+49711…`` → ``49711…``)."""
    return re.sub(r"\D", "", phone or "")
