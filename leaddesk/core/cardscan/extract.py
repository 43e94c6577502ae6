"""Lead fields from the text lines of a business card, by patterns, keywords and layout.

Pure functions on recognised lines (no OCR here), so the heuristics are tested on
plain text as well as on images. Order matters: the unambiguous fields (email,
phones, website, address) are taken first, then company and job title by keyword,
and the name last, by elimination, size on the card and likeness to the email.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from rapidfuzz import fuzz

from leaddesk.core.cardscan.fields import CardResult, join_notes
from leaddesk.core.names import split_prefix


@dataclass(frozen=True)
class TextLine:
    """One recognised line: its text and where it sat (pixels; 0 when unknown)."""

    text: str
    height: float = 0.0
    top: float = 0.0
    left: float = 0.0


LEGAL_FORMS = (
    "GmbH & Co. KG",
    "GmbH",
    "gGmbH",
    "mbH",
    "AG",
    "KG",
    "KGaA",
    "OHG",
    "GbR",
    "UG",
    "e.K.",
    "e. K.",
    "e.V.",
    "SE",
    "PartG",
    "Ltd",
    "Ltd.",
    "Limited",
    "LLC",
    "LLP",
    "Inc",
    "Inc.",
    "Corp",
    "Corp.",
    "Corporation",
    "PLC",
    "S.A.",
    "S.L.",
    "B.V.",
    "N.V.",
    "S.r.l.",
    "SpA",
    "Co.",
)
_LEGAL_RE = re.compile(
    r"(?<![\w.])(" + "|".join(re.escape(f) for f in sorted(LEGAL_FORMS, key=len, reverse=True)) + r")(?![\w])"
)
COMPANY_WORDS = (
    "gruppe",
    "group",
    "holding",
    "werke",
    "werk",
    "systems",
    "solutions",
    "technologies",
    "consulting",
    "software",
    "maschinenbau",
    "verlag",
    "bank",
    "stadtwerke",
)

TITLE_WORDS = (
    "geschäftsführer",
    "geschäftsführung",
    "geschäftsleitung",
    "inhaber",
    "vorstand",
    "prokurist",
    "leiter",
    "leitung",
    "vertrieb",
    "verkauf",
    "einkauf",
    "marketing",
    "sales",
    "manager",
    "managerin",
    "director",
    "direktor",
    "head of",
    "chief",
    "ceo",
    "cto",
    "cfo",
    "coo",
    "cio",
    "president",
    "präsident",
    "founder",
    "gründer",
    "partner",
    "owner",
    "engineer",
    "ingenieur",
    "entwickler",
    "developer",
    "researcher",
    "berater",
    "beraterin",
    "consultant",
    "referent",
    "referentin",
    "assistent",
    "assistant",
    "sachbearbeiter",
    "specialist",
    "spezialist",
    "officer",
    "architect",
    "architekt",
    "projektleiter",
    "key account",
    "account",
    "analyst",
    "designer",
    "techniker",
    "meister",
    "außendienst",
    "innendienst",
    "kundenbetreuer",
    "representative",
    "vice president",
    "vp",
)
DEPARTMENT_WORDS = ("department", "abteilung", "division", "bereich", "team")
NAME_PREFIXES = (
    "dr.",
    "dr",
    "prof.",
    "prof",
    "dipl.-ing.",
    "dipl.-kfm.",
    "dipl.-inf.",
    "ing.",
    "mag.",
    "herr",
    "frau",
    "mr.",
    "mr",
    "mrs.",
    "mrs",
    "ms.",
    "ms",
)
NAME_PARTICLES = ("von", "van", "de", "der", "den", "zu", "vom", "du", "da", "di", "le", "la", "ter", "ten")

MOBILE_LABELS = ("mobil", "mobile", "mob", "handy", "cell", "cellular", "m")
FAX_LABELS = ("fax", "telefax", "f")
PHONE_LABELS = ("tel", "telefon", "phone", "fon", "t", "p", "office", "direkt", "direct", "zentrale")

EMAIL_RE = re.compile(r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
URL_RE = re.compile(
    r"(?:(?:https?://)?(?:www\.)[\w-]+(?:\.[\w-]+)+|https?://[\w-]+(?:\.[\w-]+)+|"
    r"\b[\w-]+\.(?:de|com|eu|net|org|at|ch|io|info|biz|co\.uk|uk)\b)(?:/[\w./%-]*)?",
    re.IGNORECASE,
)
DE_CITY_RE = re.compile(r"^(?:(?:D|DE|A|CH)[-–]\s?)?(\d{4,5})\s+([A-ZÄÖÜ][\w .äöüß()/-]+)$")
UK_POSTCODE_RE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})\b")
US_ZIP_RE = re.compile(r"\b([A-Z]{2})\s+(\d{5}(?:-\d{4})?)\b")
STREET_RE = re.compile(
    r"(straße|strasse|str\.|weg|platz|allee|gasse|ring|damm|ufer|chaussee|markt|street|road|avenue|ave\b|"
    r"lane|drive|blvd|way)",
    re.IGNORECASE,
)
COUNTRY_WORDS = {
    "deutschland": "DE",
    "germany": "DE",
    "österreich": "AT",
    "austria": "AT",
    "schweiz": "CH",
    "switzerland": "CH",
    "united kingdom": "GB",
    "uk": "GB",
    "usa": "US",
}


def _clean(text: str) -> str:
    """OCR noise off: bars, stray marks and short junk tokens at the start of a line."""
    text = text.replace("|", " ").replace("—", "-").replace("–", "-").replace("\\", "")
    text = re.sub(r"(https?)\s*:\s*/\s*/\s*", r"\1://", text, flags=re.IGNORECASE)
    text = re.sub(r"\s+", " ", text).strip(" .,;:-_~'\"‘’“”[](){}")
    if re.search(r"@|www|https?:", text, re.IGNORECASE):
        # OCR often reads the last dot of an address as a space: "name@firma de", "www.firma com".
        text = re.sub(r"(?<=\w) (com|de|net|org|eu|at|ch|io|info|biz|co\.uk)(?=/|$)", r".\1", text)
    words = text.split(" ")
    while len(words) > 2 and len(words[0]) <= 2 and not re.fullmatch(r"[A-ZÄÖÜ]\.|\+?\d+|[A-Z]{2}", words[0]):
        words.pop(0)
    return " ".join(words)


def _words(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"[\wäöüß]+", text)}


def _has_keyword(text: str, keywords: tuple[str, ...]) -> bool:
    low = " " + text.casefold() + " "
    words = _words(text)
    return any((k in words) if " " not in k else (k in low) for k in keywords) or any(
        len(k) > 6 and k in low for k in keywords
    )


def _phone_label(prefix: str) -> str:
    """The kind a label in front of a number names: mobile, fax, phone, or "" when unlabelled."""
    words = re.findall(r"[a-zäöü]+", prefix.casefold())
    if not words:
        return ""
    last = words[-1]
    if last in MOBILE_LABELS:
        return "mobile"
    if last in FAX_LABELS:
        return "fax"
    if last in PHONE_LABELS:
        return "phone"
    return ""


def _phones(line: str, region: str) -> list[tuple[str, str, int, int]]:
    """(kind, E.164, start, end) for every number in a line; the label decides the kind, else the number."""
    found: list[tuple[str, str, int, int]] = []
    # "+44 (0) 20 …" keeps a national 0 in brackets; OCR reads 0 as O next to digits.
    text = re.sub(r"(?<=\d)[Oo]|[Oo](?=\d)", "0", re.sub(r"\(\s*[0O]\s*(?:[)\]}|]|(?=\s))", " ", line))
    last_end = 0
    for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.POSSIBLE):
        if len(re.sub(r"\D", "", match.raw_string)) < 6:  # house numbers, postcodes, years
            continue
        number = match.number
        kind = _phone_label(text[last_end : match.start])
        if not kind:
            ntype = phonenumbers.number_type(number)
            kind = "mobile" if ntype == phonenumbers.PhoneNumberType.MOBILE else "phone"
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        found.append((kind, e164, match.start, match.end))
        last_end = match.end
    return found


def _name_from_email(email: str) -> str:
    local = email.split("@", 1)[0]
    return " ".join(p for p in re.split(r"[._-]+", local) if p)


def _looks_like_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 5 or re.search(r"[\d@/:&]", text):
        return False
    core = [w for w in words if w.casefold() not in NAME_PREFIXES and w.casefold() not in NAME_PARTICLES]
    if not 1 <= len(core) <= 4:
        return False
    return all(
        w[0].isupper() and re.fullmatch(r"[^\W\d_][^\W\d_'’-]*(?:[-'’][^\W\d_]+)*\.?", w) for w in core
    )


def split_name(text: str) -> tuple[str, str, str]:
    """(prefix, first, last): academic titles and salutations apart, particles stay with the surname."""
    words = text.split()
    prefix: list[str] = []
    while words and words[0].casefold() in NAME_PREFIXES:
        prefix.append(words.pop(0))
    if not words:
        return " ".join(prefix), "", ""
    if len(words) == 1:
        return " ".join(prefix), "", words[0]
    cut = len(words) - 1
    while cut > 1 and words[cut - 1].casefold() in NAME_PARTICLES:
        cut -= 1
    return " ".join(prefix), " ".join(words[:cut]), " ".join(words[cut:])


def extract_fields(lines: list[TextLine], *, region: str = "DE") -> CardResult:
    """Guess lead fields from card lines; every value is a suggestion a person confirms."""
    items = [TextLine(_clean(ln.text), ln.height, ln.top, ln.left) for ln in lines]
    items = [ln for ln in items if len(ln.text) >= 2]
    out: dict[str, str] = {}
    notes: list[str] = []
    used: set[int] = set()

    for i, ln in enumerate(items):
        m = EMAIL_RE.search(ln.text.replace(" @", "@").replace("@ ", "@"))
        if m and "email" not in out:
            out["email"] = m.group(0).strip(".")
            used.add(i)

    domain = out["email"].rsplit("@", 1)[1].casefold() if "email" in out else ""
    for i, ln in enumerate(items):
        if i in used and "@" in ln.text:
            continue
        m = URL_RE.search(ln.text)
        if m and "website" not in out and "@" not in m.group(0):
            out["website"] = m.group(0).rstrip("/.")
            used.add(i)

    for i, ln in enumerate(items):
        if i in used:
            continue
        phones = _phones(ln.text, region)
        if not phones:
            continue
        used.add(i)
        for kind, e164, _s, _e in phones:
            if kind == "fax":
                continue
            out.setdefault(kind, e164)

    _address(items, used, out)

    company_idx = _company(items, used, domain, out)
    titles: list[str] = []
    for i, ln in enumerate(items):
        if i in used:
            continue
        if _has_keyword(ln.text, DEPARTMENT_WORDS):
            notes.append(ln.text)
            used.add(i)
        elif _has_keyword(ln.text, TITLE_WORDS):
            titles.append(ln.text)
            used.add(i)
    if titles:
        out["title"] = ", ".join(titles[:2])

    _name(items, used, out)
    if company_idx is None:
        if not domain and out.get("website"):
            domain = re.sub(r"^https?://(www\.)?", "", out["website"].casefold()).split("/")[0]
        _company_fallback(items, used, domain, out)

    out["notes"] = join_notes(out.get("notes", ""), *notes)
    return CardResult("ocr", {k: v for k, v in out.items() if v}, [ln.text for ln in items])


def _postal_country(line: str, code: str) -> str:
    """DE for five digits (or a D- prefix), AT/CH by prefix; four bare digits stay open (AT or CH)."""
    prefix = line.split("-", 1)[0].upper() if "-" in line[:4] else ""
    if prefix in ("A", "AT"):
        return "AT"
    if prefix == "CH":
        return "CH"
    return "DE" if len(code) == 5 else ""


def _address(items: list[TextLine], used: set[int], out: dict[str, str]) -> None:
    for i, ln in enumerate(items):
        if i in used:
            continue
        text = ln.text
        if text.casefold() in COUNTRY_WORDS:
            out.setdefault("country", COUNTRY_WORDS[text.casefold()])
            used.add(i)
            continue
        # "Street 1, 12345 City" on one line, or the city line after the street line.
        head, _, tail = text.rpartition(",")
        m = DE_CITY_RE.match(tail.strip() if head else text)
        if m and "postal_code" not in out:
            out["postal_code"], out["city"] = m.group(1), m.group(2).strip()
            country = _postal_country(tail.strip() if head else text, m.group(1))
            if country:
                out.setdefault("country", country)
            used.add(i)
            if head and STREET_RE.search(head):
                out["street"] = head.strip()
            elif i > 0 and i - 1 not in used and re.search(r"\d", items[i - 1].text):
                out["street"] = items[i - 1].text
                used.add(i - 1)
            continue
        uk = UK_POSTCODE_RE.search(text)
        us = US_ZIP_RE.search(text)
        if (uk or us) and "postal_code" not in out:
            match = uk or us
            assert match is not None
            out["postal_code"] = match.group(0) if uk else match.group(2)
            out.setdefault("country", "GB" if uk else "US")
            before = [p.strip() for p in text[: match.start()].split(",") if p.strip()]
            if before:
                out["city"] = before[-1]
                rest = ", ".join(before[:-1])
                street_line = rest
                if i > 0 and i - 1 not in used and STREET_RE.search(items[i - 1].text):
                    street_line = join_notes(items[i - 1].text, rest).replace("\n", ", ")
                    used.add(i - 1)
                if us and not uk and street_line == "" and STREET_RE.search(before[-1]):
                    # "4001 1st Ave NE Redmond, WA 98052": the city is the last word before the comma.
                    street, _, city = before[-1].rpartition(" ")
                    street_line, out["city"] = street, city
                out["street"] = street_line
            used.add(i)
            continue
        if STREET_RE.search(text) and re.search(r"\d", text) and "street" not in out:
            nxt = items[i + 1].text if i + 1 < len(items) else ""
            if DE_CITY_RE.match(nxt) or UK_POSTCODE_RE.search(nxt) or US_ZIP_RE.search(nxt):
                continue  # taken together with the city line
            out["street"] = text
            used.add(i)


def _company(items: list[TextLine], used: set[int], domain: str, out: dict[str, str]) -> int | None:
    for i, ln in enumerate(items):
        if i not in used and (_LEGAL_RE.search(ln.text) or _has_keyword(ln.text, COMPANY_WORDS)):
            out["company"] = ln.text
            used.add(i)
            return i
    return None


def _company_fallback(items: list[TextLine], used: set[int], domain: str, out: dict[str, str]) -> None:
    """No legal form: the line most like the email's domain, else the biggest remaining line."""
    label = domain.split(".")[-2] if domain.count(".") >= 1 else ""
    best: tuple[float, int] | None = None
    for i, ln in enumerate(items):
        if i in used or re.search(r"[@\d]|http|www", ln.text, re.IGNORECASE):
            continue
        score = fuzz.partial_ratio(label, ln.text.casefold().replace(" ", "")) if label else 0.0
        if label and score >= 80 and (best is None or score > best[0]):
            best = (score, i)
    if best is None:
        # Else the line in the biggest print that is left: logos and company names are set large.
        rest = [
            (ln.height, i)
            for i, ln in enumerate(items)
            if i not in used
            and ln.height
            and re.fullmatch(r"[\w&.,' -]{3,}", ln.text)
            and not re.search(r"\d", ln.text)
        ]
        heights = sorted(ln.height for ln in items if ln.height)
        if rest and heights and max(rest)[0] >= 1.3 * heights[len(heights) // 2]:
            best = (0.0, max(rest)[1])
    if best is not None:
        out["company"] = items[best[1]].text
        used.add(best[1])


def _name(items: list[TextLine], used: set[int], out: dict[str, str]) -> int | None:
    email_name = _name_from_email(out.get("email", "")).casefold()
    max_height = max((ln.height for ln in items), default=0.0) or 1.0
    best: tuple[float, int] | None = None
    for i, ln in enumerate(items):
        if i in used or not _looks_like_name(ln.text):
            continue
        score = 40.0 * ln.height / max_height + 10.0 * (1 - i / max(len(items), 1))
        if email_name:
            score += 0.6 * fuzz.token_set_ratio(email_name, ln.text.casefold())
        if best is None or score > best[0]:
            best = (score, i)
    if best is None:
        return None
    prefix, first, last = split_name(items[best[1]].text)
    out["first_name"], out["last_name"] = first, last
    if prefix:  # "Frau Dr.": Anrede and academic title are fields; anything else stays a note
        salutation, title, rest = split_prefix(prefix)
        out["salutation"], out["academic_title"] = salutation, title
        if rest:
            out["notes"] = rest
    used.add(best[1])
    return best[1]
