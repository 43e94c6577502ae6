"""Salutation (Anrede) and academic title of a person: reading them from any source, writing letters.

Stored on the lead as ``salutation`` — a code, ``"ms"`` (Frau), ``"mr"`` (Herr) or ``"mx"``
(divers), so the same lead greets in German and English — and ``academic_title``
("Dr.", "Prof. Dr.", "Dr. med."), written as German usage spells it. Imports (vCard ``N``
prefix, CSV columns "Anrede"/"Titel", Outlook "Title", Google "Name Prefix") and card scans
read both from one prefix text with :func:`split_prefix`; nothing goes into the notes.
"""

from __future__ import annotations

import re

SALUTATIONS: tuple[str, ...] = ("ms", "mr", "mx")

#: Salutation words of the common languages of lead lists → code (folded, without the dot).
_SALUTATION_WORDS: dict[str, str] = {
    **dict.fromkeys(("ms", "frau", "fr", "mrs", "miss", "madame", "mme", "signora", "sra", "mevrouw"), "ms"),
    **dict.fromkeys(("mr", "herr", "herrn", "hr", "monsieur", "signor", "sr", "meneer", "dhr"), "mr"),
    **dict.fromkeys(("mx", "divers", "div"), "mx"),
}
#: How each code is written before a name, by language.
_WORDS: dict[str, dict[str, str]] = {
    "de": {"ms": "Frau", "mr": "Herr", "mx": ""},
    "en": {"ms": "Ms", "mr": "Mr", "mx": "Mx"},
}

#: One part of an academic title (without the trailing dot, folded): degrees and faculties.
_TITLE_PART = re.compile(
    r"(?:prof|dr|pd|priv\.-doz|dipl\.?-[a-zäöü]+|dipl|mag|ing|med|dent|vet|rer|nat|pol|oec|phil|jur|"
    r"theol|habil|h\.\s?c|mult|dr\.?-ing|msc|bsc|mba|phd|ph\.d)\.?",
    re.IGNORECASE,
)
#: Canonical spellings of the parts people write without a dot or in another case.
_TITLE_SPELLING = {"prof": "Prof.", "dr": "Dr.", "pd": "PD", "mba": "MBA", "phd": "PhD", "ph.d": "Ph.D."}
#: Parts that are an academic title on their own (the others only qualify one: "Dr. med.").
_TITLE_HEADS = frozenset({"prof", "dr", "pd", "priv.-doz", "dipl", "mag", "dr.-ing", "dr-ing", "phd", "ph.d"})


#: Words around a salutation in a greeting ("Sehr geehrte Frau", "Dear Mr").
_GREETING_WORDS = frozenset({"sehr", "dear", "liebe", "lieber", "geehrte", "geehrter"})


def _fold(word: str) -> str:
    return word.casefold().rstrip(".,")


def parse_salutation(text: str) -> str:
    """The code for a salutation as written ("Frau", "Hr.", "Mrs", "ms"); "" when not one."""
    words = [w for w in (text or "").replace(",", " ").split() if _fold(w) not in _GREETING_WORDS]
    return _SALUTATION_WORDS.get(_fold(words[0]), "") if len(words) == 1 else ""


def _is_head(word: str) -> bool:
    """Whether ``word`` is an academic title on its own ("Dr.", "Dipl.-Ing.", "Ing." with its dot)."""
    bare = word.rstrip(".").casefold()
    return bare in _TITLE_HEADS or bare.startswith(("dipl", "dr")) or (bare == "ing" and word.endswith("."))


def _title_word(word: str) -> str | None:
    """``word`` as part of an academic title in its usual spelling, or None."""
    if not _TITLE_PART.fullmatch(word):
        return None
    bare = word.rstrip(".").casefold()
    if bare in _TITLE_SPELLING:
        return _TITLE_SPELLING[bare]
    if "." in word or "-" in word:
        return word.title() if _is_head(word) else word
    return (word.title() if _is_head(word) else word) + "."


def normalize_title(text: str) -> str:
    """An academic title in its usual spelling ("prof dr" → "Prof. Dr."); other text kept as typed."""
    words = (text or "").split()
    spelled = [_title_word(w) for w in words]
    if not words or any(s is None for s in spelled):
        return " ".join(words)
    return " ".join(s for s in spelled if s)


def split_prefix(text: str) -> tuple[str, str, str]:
    """(salutation code, academic title, rest) of a name or name prefix.

    "Frau Dr. Anna Müller" → ("ms", "Dr.", "Anna Müller"); "Prof. Dr. med." → ("", "Prof. Dr. med.", "").
    Leading words only; a qualifier such as "med." counts only after a title ("Med Tech" is a name).
    """
    words = (text or "").split()
    salutation = ""
    title: list[str] = []
    while words:
        word = words[0]
        code = _SALUTATION_WORDS.get(_fold(word))
        if code and not salutation and not title:
            salutation = code
        elif (spelled := _title_word(word)) is not None and (title or _is_head(word)):
            title.append(spelled)
        else:
            break
        words.pop(0)
    return salutation, " ".join(title), " ".join(words)


def salutation_word(code: str, lang: str = "de") -> str:
    """ "Frau"/"Herr" (de) or "Ms"/"Mr"/"Mx" (en) for a code; an unknown value as it is."""
    table = _WORDS.get(lang[:2], _WORDS["en"])
    return table.get(code, code if code not in SALUTATIONS else "")


def name_prefix(salutation: str, academic_title: str, lang: str = "de") -> str:
    """The prefix written before a name: "Frau Dr.", "Mr Prof.", "" (vCard ``N`` prefix, address lines)."""
    return " ".join(x for x in (salutation_word(salutation or "", lang), academic_title or "") if x)


def letter_salutation(
    salutation: str, academic_title: str, first_name: str, last_name: str, lang: str = "de"
) -> str:
    """The opening line of a letter.

    German: "Sehr geehrte Frau Dr. Müller," / "Sehr geehrter Herr Prof. Schmidt,"; for "divers"
    or no salutation the full name: "Guten Tag Alex Müller,". English: "Dear Ms Müller,", and an
    academic title replaces Ms/Mr: "Dear Dr. Müller,". No name at all: "Sehr geehrte Damen und
    Herren," / "Dear Sir or Madam,". Letter text, so it is in the letter's language, not the UI's.
    """
    last = (last_name or "").strip()
    first = (first_name or "").strip()
    title = (academic_title or "").strip()
    code = salutation or ""
    if (lang or "de")[:2] == "de":
        if last and code in ("ms", "mr"):
            opening = "Sehr geehrte Frau" if code == "ms" else "Sehr geehrter Herr"
            return " ".join(x for x in (opening, title, last) if x) + ","
        name = " ".join(x for x in (title, first, last) if x)
        return f"Guten Tag {name}," if last else "Sehr geehrte Damen und Herren,"
    if not last:
        return "Dear Sir or Madam,"
    if title:
        return f"Dear {title} {last},"
    if code in ("ms", "mr", "mx"):
        return f"Dear {salutation_word(code, 'en')} {last},"
    return "Dear " + " ".join(x for x in (first, last) if x) + ","
