"""vCard 2.1 / 3.0 / 4.0 reader that survives what real address books write.

Works on bytes first, because real files fold lines inside UTF-8 sequences, mix line
endings (CR CR LF from iOS), put raw Windows-1252 or ISO-8859-1 bytes in 3.0 cards, and
use quoted-printable soft breaks in 2.1. Each property's value is decoded on its own
(``ENCODING``, then ``CHARSET``, then UTF-8, then the file's legacy code page). A broken
card becomes an error on its first line; the other cards are still read.

vobject's parser was tried first and rejects 4 of the 22 sample files outright
(bare ``FN`` line, missing ``END:VCARD``, undeclared 8-bit text, 2.1 bare ``BASE64``
photos) and misreads another (split UTF-8 in folds), so reading is done here; vobject
writes the exports.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import quopri
import re
from dataclasses import dataclass

from leaddesk.core.importers.base import (
    ImportFormatError,
    Issue,
    ParseResult,
    Record,
    address_from_label,
    name_from_email,
    put_full_name,
    put_name_prefix,
)
from leaddesk.core.importers.encoding import guess_legacy, strip_bom, utf16_without_bom
from leaddesk.core.text import Text

_LINE_SPLIT = re.compile(rb"\r*\n|\r")
_PROP_START = re.compile(rb"^[A-Za-z0-9_.-]+[;:,]")
_BARE_NAME = re.compile(rb"^[A-Za-z0-9_.-]+$")


@dataclass
class Prop:
    name: str
    params: dict[str, list[str]]
    raw: bytes
    line: int

    def types(self) -> set[str]:
        out = {v.lower() for v in self.params.get("TYPE", [])}
        return out


def _split_params(head: bytes) -> tuple[str, dict[str, list[str]]]:
    """``item1.TEL;TYPE=work,voice;PREF=1`` → ("TEL", {"TYPE": ["work","voice"], "PREF": ["1"]})."""
    parts = _split_unquoted(head.decode("ascii", errors="replace"), ";")
    name = parts[0].split(".")[-1].upper()
    # A comma where a semicolon belongs (``LABEL,TYPE=HOME``) is a common writer bug.
    if "," in name:
        name, rest = name.split(",", 1)
        parts[1:1] = [rest]
    params: dict[str, list[str]] = {}
    for part in parts[1:]:
        if "=" in part:
            key, value = part.split("=", 1)
            key = key.strip().upper()
            # ``TYPE="voice,cell"`` (vCard 4.0) is a quoted list: unquote first, then split.
            values = [x.strip() for v in _split_unquoted(value, ",") for x in _unquote(v).split(",")]
        else:  # vCard 2.1 bare parameter: ``TEL;WORK;VOICE`` or ``PHOTO;BASE64``
            key, values = _bare_param(part.strip())
        params.setdefault(key, []).extend(v for v in values if v)
    return name, params


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1]
    return value.strip('"')


def _bare_param(value: str) -> tuple[str, list[str]]:
    upper = value.upper()
    if upper in ("QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"):
        return "ENCODING", [upper]
    if upper.startswith("CHARSET"):
        return "CHARSET", [value.split("=", 1)[-1]]
    return "TYPE", [value]


def _split_unquoted(text: str, sep: str) -> list[str]:
    out, buf, quoted = [], [], False
    for ch in text:
        if ch == '"':
            quoted = not quoted
            buf.append(ch)
        elif ch == sep and not quoted:
            out.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    out.append("".join(buf))
    return out


def _logical_lines(data: bytes) -> list[tuple[int, bytes]]:
    """Unfolded lines with the number of the physical line each starts on.

    Handles RFC folding (leading space/tab), 2.1 quoted-printable soft breaks (a value
    ending in ``=``), base64 blocks continued without indentation, and continuation lines
    that a broken writer left unindented. Linear in the file size: the pieces of a line are
    collected in a list and joined once (an 8 MB folded card took minutes when every fold
    copied the line so far).
    """
    physical = _LINE_SPLIT.split(data)
    out: list[tuple[int, bytes]] = []
    pieces: list[bytes] = []
    start = 0
    qp_open = False

    def flush() -> None:
        if pieces:
            out.append((start, b"".join(pieces)))

    for number, line in enumerate(physical, start=1):
        if pieces and qp_open:
            # A quoted-printable soft break: drop the '=' and join, even inside a UTF-8 sequence.
            pieces[-1] = pieces[-1][:-1]
            pieces.append(line)
            qp_open = line.endswith(b"=")
            continue
        if pieces and line[:1] in (b" ", b"\t"):
            pieces.append(line[1:])
            continue
        if not line.strip():
            qp_open = False
            continue
        if pieces and not _PROP_START.match(line) and not _BARE_NAME.match(line.strip()):
            # An unindented continuation (e.g. a LABEL's second line): keep it as a new line of text.
            pieces.append(b"\\n")
            pieces.append(line)
            continue
        flush()
        pieces = [line]
        start = number
        head = line.split(b":", 1)[0].upper()
        qp_open = b"QUOTED-PRINTABLE" in head and line.endswith(b"=")
    flush()
    return out


def _split_head(line: bytes) -> tuple[bytes, bytes] | None:
    """Name-and-parameters and value of a property line: split at the first ``:`` outside quotes.

    ``ADR;GEO="geo:51.5,0.1";LABEL="Baker Street 1":;;Baker Street 1;London`` has colons in
    its quoted parameters. An unbalanced quote falls back to the first colon.
    """
    colon = line.find(b":")
    if colon < 0:
        return None
    quote = line.find(b'"', 0, colon)
    if quote < 0:
        return line[:colon], line[colon + 1 :]
    quoted = False
    for at in range(len(line)):
        ch = line[at]
        if ch == 0x22:
            quoted = not quoted
        elif ch == 0x3A and not quoted:
            return line[:at], line[at + 1 :]
    return line[:colon], line[colon + 1 :]


_ESCAPE = re.compile(r"\\([\\,;:nN'\"])")


def _unescape(text: str) -> str:
    """RFC escapes (``\\n \\, \\; \\\\``) and the ones writers add anyway (``\\: \\' \\"``)."""
    if "\\" not in text:
        return text
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def _split_escaped(text: str, sep: str) -> list[str]:
    """Split on ``sep`` where it is not escaped; a backslash escapes the next character only
    (``a\\\\;b`` is "a\\" then "b"), so parts keep their escapes for :func:`_unescape`."""
    if "\\" not in text:
        return text.split(sep)
    parts: list[str] = []
    start = at = 0
    size = len(text)
    while at < size:
        ch = text[at]
        if ch == "\\":
            at += 2
            continue
        if ch == sep:
            parts.append(text[start:at])
            start = at + 1
        at += 1
    parts.append(text[start:])
    return parts


def _split_structured(text: str) -> list[str]:
    """Split on unescaped ``;`` and unescape each component (N, ADR, ORG)."""
    return [_unescape(p).strip() for p in _split_escaped(text, ";")]


class _Decoder:
    def __init__(self, legacy: str) -> None:
        self.legacy = legacy

    def text(self, prop: Prop) -> str:
        raw = prop.raw
        enc = {e.upper() for e in prop.params.get("ENCODING", [])}
        if "QUOTED-PRINTABLE" in enc:
            raw = quopri.decodestring(raw.replace(b"=\r\n", b"").replace(b"=\n", b""))
        charset = (prop.params.get("CHARSET") or [""])[0]
        if charset:
            try:
                codecs.lookup(charset)
                return _lines(raw.decode(charset, errors="replace"))
            except LookupError:
                pass
        try:
            return _lines(raw.decode("utf-8"))
        except UnicodeDecodeError:
            return _lines(raw.decode(self.legacy, errors="replace"))

    def for_card(self, props: list[Prop]) -> _Decoder:
        """This decoder, or one whose fallback is the code page a card declares on another line.

        A Greek card may say ``N;CHARSET=windows-1253:…`` and leave ``FN`` undeclared: its 8-bit
        bytes are in the same code page, which no guess over the whole file reliably finds.
        """
        for p in props:
            for charset in p.params.get("CHARSET", ()):
                try:
                    name = codecs.lookup(charset).name
                except LookupError:
                    continue
                if name not in ("utf-8", "ascii", self.legacy):
                    return _Decoder(name)
        return self


def _lines(text: str) -> str:
    """One newline convention inside values: QP ``=0D=0A`` and CR-only writers give ``\r``."""
    if "\r" in text:
        return text.replace("\r\n", "\n").replace("\r", "\n")
    return text


#: Largest embedded photo kept with an imported lead; a contact picture is well under 1 MB.
MAX_PHOTO_BYTES = 5 * 2**20


def _photo(prop: Prop) -> tuple[bytes | None, str]:
    value = prop.raw.strip()
    mime = ""
    enc = {e.upper() for e in prop.params.get("ENCODING", [])}
    if value.lower().startswith(b"data:"):
        head, _, value = value.partition(b",")
        head = head.rstrip(b"\\")
        mime = head[5:].split(b";")[0].decode("ascii", "replace")
        if b"base64" not in head.lower():
            return None, ""
    elif not enc & {"BASE64", "B"}:
        return None, ""  # a URL: nothing to keep offline
    types = {t.lower() for t in prop.params.get("TYPE", [])}
    if not mime:
        for t in types:
            if t in ("jpeg", "jpg", "png", "gif"):
                mime = "image/" + ("jpeg" if t == "jpg" else t)
    try:
        data = base64.b64decode(re.sub(rb"\s+", b"", value), validate=False)
    except (binascii.Error, ValueError):
        return None, ""
    return data or None, mime or "image/jpeg"


def parse_vcard(data: bytes, file_name: str = "contacts.vcf") -> ParseResult:
    """Every card in ``data`` as a Record; problems per card and line, never an exception per card."""
    body, bom = strip_bom(data)
    encoding = bom or ""
    wide = bom if bom and bom != "utf-8" else utf16_without_bom(body)
    if wide:
        body = body.decode(wide, errors="replace").encode("utf-8")
        encoding = wide
    if b"BEGIN:VCARD" not in body.upper():
        raise ImportFormatError(file_name, Text("not a vCard file (no BEGIN:VCARD found)"))
    lines = _logical_lines(body)
    joined = b"\n".join(line for _, line in lines)
    try:
        joined.decode("utf-8")
        legacy = "utf-8"
    except UnicodeDecodeError:
        legacy = guess_legacy(joined)
    decoder = _Decoder(legacy if legacy != "utf-8" else "cp1252")
    encoding = encoding or legacy

    records: list[Record] = []
    issues: list[Issue] = []
    card: list[Prop] | None = None
    start = 0
    for number, line in lines:
        upper = line.strip().upper()
        if upper == b"BEGIN:VCARD":
            if card is not None:
                issues.append(Issue(start, "", Text("card has no END:VCARD; it was not imported")))
            card, start = [], number
            continue
        if upper == b"END:VCARD":
            if card is None:
                issues.append(Issue(number, "", Text("END:VCARD without BEGIN:VCARD")))
            else:
                records.append(_card_record(card, start, decoder))
            card = None
            continue
        if card is None:
            continue  # text between cards
        split = _split_head(line)
        if split is None:
            name = line.strip().decode("ascii", "replace")[:40]
            issues.append(
                Issue(
                    number, name, Text("line {name!r} has no value (no ':'); ignored", name=name), "warning"
                )
            )
            continue
        head, value = split
        try:
            name, params = _split_params(head)
        except Exception:  # pragma: no cover - defensive: one odd property never stops the file
            issues.append(Issue(number, "", Text("unreadable property; ignored"), "warning"))
            continue
        card.append(Prop(name, params, value, number))
    if card is not None:
        issues.append(Issue(start, "", Text("card has no END:VCARD (file cut off?); it was not imported")))
    return ParseResult(file_name, "vcard", encoding, records, issues)


_TEL_MOBILE = {"cell", "mobile", "iphone"}
# LeadDesk's own X- properties (see leaddesk.core.exporters); "stage" is informational only.
_OWN_EXTRA = frozenset(
    "industry company_size source owner value currency next_follow_up consent_at consent_source "
    "consent_purpose salutation".split()
)


def _card_record(props: list[Prop], start: int, dec: _Decoder) -> Record:
    rec = Record(line=start)
    dec = dec.for_card(props)
    fn = ""
    is_org = False
    emails: list[tuple[int, str]] = []
    phones: list[tuple[int, str]] = []
    mobiles: list[tuple[int, str]] = []
    addresses: list[tuple[int, list[str]]] = []
    labels: list[tuple[int, str]] = []
    notes: list[str] = []
    tags: list[str] = []
    for p in props:
        n = p.name
        if n == "N":
            parts = [*_split_structured(dec.text(p)), "", "", "", "", ""]
            rec.put("last_name", parts[0])
            rec.put("first_name", " ".join(x for x in (parts[1], parts[2]) if x))
            if parts[3].strip():  # honorific prefix: "Frau Dr.", "Mr."
                put_name_prefix(rec, _unescape(parts[3]))
        elif n == "FN":
            fn = _unescape(dec.text(p)).strip()
        elif n == "KIND" or n == "X-ADDRESSBOOKSERVER-KIND":
            is_org = dec.text(p).strip().lower() in ("org", "group")
        elif n == "ORG":
            parts = [x for x in _split_structured(dec.text(p)) if x]
            if parts:
                rec.put("company", parts[0])
                if len(parts) > 1:
                    rec.extra.append(("Department", " / ".join(parts[1:])))
        elif n == "TITLE":
            rec.put("title", _unescape(dec.text(p)))
        elif n == "ROLE":
            rec.extra.append(("Role", _unescape(dec.text(p)).strip()))
        elif n == "EMAIL":
            value = _unescape(dec.text(p)).strip()
            if value.lower().startswith("mailto:"):
                value = value[7:]
            if value:
                emails.append((_rank(p), value))
        elif n == "TEL":
            value = _tel_value(_unescape(dec.text(p)).strip())
            types = p.types()
            if not value or "fax" in types or "pager" in types:
                if value:
                    rec.extra.append(("Fax" if "fax" in types else "Pager", value))
                continue
            (mobiles if types & _TEL_MOBILE else phones).append((_rank(p), value))
        elif n == "ADR":
            parts = [*_split_structured(dec.text(p)), *[""] * 7][:7]
            if not any(parts):
                label = _unescape(_caret(" ".join(p.params.get("LABEL", ())))).strip()
                if label:
                    labels.append((len(labels), label))
                continue
            addresses.append((len(addresses), parts))
        elif n == "LABEL":
            label = _unescape(dec.text(p)).strip()
            if label:
                labels.append((len(labels), label))
        elif n == "URL":
            rec.put("website", _unescape(dec.text(p)))
        elif n == "NOTE":
            note = _unescape(dec.text(p)).strip()
            if note:
                notes.append(note)
        elif n == "CATEGORIES":
            tags.extend(_unescape(c).strip() for c in _split_escaped(dec.text(p), ","))
        elif n == "UID":
            rec.uid = dec.text(p).strip()  # as the source wrote it: re-imports and merges match by it
        elif n == "PHOTO" and rec.photo is None:
            rec.photo, rec.photo_mime = _photo(p)
            if rec.photo is not None and len(rec.photo) > MAX_PHOTO_BYTES:  # kept the lead, not the photo
                rec.issues.append(
                    Issue(
                        rec.line,
                        "photo",
                        Text(
                            "photo of {size} MB left out (limit {limit} MB)",
                            size=len(rec.photo) // 2**20,
                            limit=MAX_PHOTO_BYTES // 2**20,
                        ),
                        "warning",
                    )
                )
                rec.photo, rec.photo_mime = None, ""
        elif n.startswith("X-LEADDESK-"):
            key = n[11:].lower().replace("-", "_")
            if key in _OWN_EXTRA:
                rec.put(key, _unescape(dec.text(p)))
        elif n == "BDAY":
            rec.extra.append(("Birthday", dec.text(p).strip()))
    if notes:
        rec.values["notes"] = "\n".join(notes)
    if tags:
        rec.values["tags"] = ",".join(x for x in tags if x)
    for key, found in (("email", emails), ("phone", phones), ("mobile", mobiles)):
        found.sort(key=lambda e: e[0])  # stable: work before preferred before the rest
        for _, value in found:
            rec.put(key, value)
    _put_addresses(rec, addresses, labels)
    if is_org and fn and not rec.values.get("company"):
        rec.put("company", fn)
    if not (rec.values.get("first_name") or rec.values.get("last_name")) and fn and not is_org:
        put_full_name(rec, fn)
    if not any(rec.values.get(k) for k in ("first_name", "last_name", "company")):
        name_from_email(rec, start)
    return rec


def _caret(text: str) -> str:
    """RFC 6868 parameter escapes: ``^n`` newline, ``^'`` double quote, ``^^`` caret."""
    if "^" not in text:
        return text
    return re.sub(r"\^([n'^])", lambda m: {"n": "\n", "'": '"', "^": "^"}[m.group(1)], text)


_TEL_EXT = re.compile(r";\s*ext=([^;]+)", re.IGNORECASE)


def _tel_value(value: str) -> str:
    """A number as text: ``tel:+44-20-7946-0958;ext=5555`` → ``+44-20-7946-0958 ext. 5555``.

    The extension is kept in the form phonenumbers reads back ("ext."), so it survives the
    E.164 normalisation instead of being cut off with the other URI parameters.
    """
    if value[:4].lower() == "tel:":
        value = value[4:]
    if ";" not in value:
        return value
    ext = _TEL_EXT.search(value)
    number = value.split(";", 1)[0].strip()
    return f"{number} ext. {ext.group(1).strip()}" if ext and number else number


_PO_BOX = re.compile(r"^\d[\d\s-]*$")


def _put_addresses(
    rec: Record, addresses: list[tuple[int, list[str]]], labels: list[tuple[int, str]]
) -> None:
    """The first address into the fields; the others, whole, into the notes.

    Components: PO box, extended, street, city, region, postal code, country. A PO box is part
    of the street line; an address given only as a label (2.1/3.0 ``LABEL``, 4.0 ``LABEL=``)
    is read line by line (:func:`address_from_label`).
    """
    addresses.sort(key=lambda a: a[0])
    if not addresses:
        labels.sort(key=lambda a: a[0])
        for at, (_, label) in enumerate(labels):
            if at == 0:
                for key, value in address_from_label(label).items():
                    if key == "region":
                        rec.extra.append(("Region", value))
                    else:
                        rec.put(key, value)
            else:
                rec.extra.append(("Address", label.replace("\n", ", ")))
        return
    for at, (_, parts) in enumerate(addresses):
        pobox, extended, street, city, region, code, country = parts
        if pobox and _PO_BOX.match(pobox):
            pobox = "PO Box " + pobox
        line = " ".join(x for x in (street, extended) if x).strip()
        line = ", ".join(x for x in (line, pobox) if x)
        if at == 0:
            rec.put("street", line)
            rec.put("city", city)
            rec.put("postal_code", code)
            rec.put("country", country)
            if region:
                rec.extra.append(("Region", region))
        else:
            rec.extra.append(("Address", ", ".join(x for x in (line, code, city, region, country) if x)))


def _rank(p: Prop) -> int:
    """Business first: a lead desk wants the work address/number, then the preferred one."""
    types = p.types()
    return (0 if "work" in types else 2) + (0 if "pref" in types or p.params.get("PREF") else 1)
