"""QR codes on cards: find them (zxing-cpp) and turn a vCard or MeCard payload into lead fields exactly."""

from __future__ import annotations

from typing import Any, cast

from leaddesk.core.cardscan.fields import CARD_FIELDS, CardResult, join_notes

try:  # zxing-cpp is a runtime dependency; without it cards are still read by OCR.
    import zxingcpp

    _HAVE_ZXINGCPP = True
except ImportError:  # pragma: no cover - exercised only on a broken install
    _HAVE_ZXINGCPP = False


def qr_available() -> bool:
    return _HAVE_ZXINGCPP


def read_qr_texts(image: Any) -> list[str]:
    """Texts of every QR code in a Pillow image (empty when there is none or zxing-cpp is missing)."""
    if not _HAVE_ZXINGCPP:
        return []
    # One format (not a set): zxing-cpp 3 deprecated "|" on formats, 2.x has no tuple form. Its stub
    # wants BarcodeFormats, but a single BarcodeFormat converts (as its docs say): the cast is for mypy.
    qr_code = cast("zxingcpp.BarcodeFormats", zxingcpp.BarcodeFormat.QRCode)
    found = zxingcpp.read_barcodes(image, formats=qr_code)
    return [r.text for r in found if r.valid and r.text]


def parse_contact_payload(text: str) -> CardResult | None:
    """Lead fields from a QR payload if it is a contact (vCard or MeCard); None for URLs and the like."""
    stripped = text.strip()
    upper = stripped.upper()
    if upper.startswith("BEGIN:VCARD"):
        return _parse_vcard(stripped)
    if upper.startswith("MECARD:"):
        return _parse_mecard(stripped)
    return None


# --- vCard -----------------------------------------------------------------------------------


def _parse_vcard(text: str) -> CardResult | None:
    """The importer's vCard reader, so a QR code and a .vcf file give the same fields."""
    from leaddesk.core.importers.base import ImportFormatError
    from leaddesk.core.importers.vcard import parse_vcard

    try:
        parsed = parse_vcard(text.encode("utf-8"), "QR code")
    except ImportFormatError:
        return None
    if not parsed.records:
        return None
    record = parsed.records[0]
    out = {k: v for k, v in record.values.items() if k in CARD_FIELDS and v}
    notes = record.notes_with_extra()
    if notes:
        out["notes"] = notes
    return CardResult("qr", out)


# --- MeCard ----------------------------------------------------------------------------------


def _split_unescaped(text: str, sep: str) -> list[str]:
    """Split on ``sep`` where it is not escaped with a backslash; unescape the parts."""
    parts: list[str] = []
    buf: list[str] = []
    chars = iter(text)
    for ch in chars:
        if ch == "\\":
            buf.append(next(chars, ""))
        elif ch == sep:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf))
    return parts


def _mecard_pairs(text: str) -> list[tuple[str, str]]:
    """(KEY, value) pairs; the key ends at the first ":" so escaped colons in values survive."""
    body = text.split(":", 1)[1]
    pairs: list[tuple[str, str]] = []
    for item in _split_unescaped(body, ";"):
        key, sep, value = item.partition(":")
        if sep and key.strip():
            pairs.append((key.strip().upper(), value))
    return pairs


def _parse_mecard(text: str) -> CardResult:
    out: dict[str, str] = {}
    notes: list[str] = []
    for key, value in _mecard_pairs(text):
        value = value.strip()
        if not value:
            continue
        if key == "N":
            last, _, first = value.partition(",")
            out.setdefault("last_name", last.strip())
            out.setdefault("first_name", first.strip())
        elif key == "ORG":
            out.setdefault("company", value)
        elif key == "TITLE":
            out.setdefault("title", value)
        elif key == "EMAIL":
            out.setdefault("email", value)
        elif key == "TEL":
            out.setdefault("phone", value)
        elif key in ("TEL-AV", "CELL"):
            out.setdefault("mobile", value)
        elif key == "URL":
            out.setdefault("website", value)
        elif key == "ADR":
            _mecard_address(value, out)
        elif key in ("NOTE", "MEMO"):
            notes.append(value)
    out["notes"] = join_notes(*notes)
    return CardResult("qr", {k: v for k, v in out.items() if v})


def _mecard_address(value: str, out: dict[str, str]) -> None:
    """MeCard ADR is vCard-like: PO box, extended, street, city, region, postal code, country."""
    parts = [p.strip() for p in value.split(",")]
    if len(parts) >= 7:
        out["street"], out["city"], out["postal_code"], out["country"] = (
            parts[2],
            parts[3],
            parts[5],
            parts[6],
        )
    else:
        out["street"] = value
