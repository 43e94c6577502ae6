"""Read a business card image: a QR contact first (exact), otherwise OCR plus field heuristics."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

from leaddesk.core.cardscan.extract import extract_fields
from leaddesk.core.cardscan.fields import CardResult
from leaddesk.core.cardscan.ocr import load_image, read_lines
from leaddesk.core.cardscan.qr import parse_contact_payload, qr_available, read_qr_texts
from leaddesk.core.text import Text

#: Longest side of the image kept with a lead: readable when zoomed, ~200 KB instead of several MB.
STORED_SIZE = 1600
WORK_LIMIT = 2200


@dataclass(frozen=True)
class CardImage:
    """The card picture as stored with the lead (re-encoded: no EXIF, so no GPS position)."""

    data: bytes
    mime: str
    file_name: str


def scan_card(source: str | Path | bytes | Image.Image, *, region: str = "DE") -> CardResult:
    """Fields from one card picture. Raises OcrUnavailable only when OCR is needed and missing."""
    image = load_image(io.BytesIO(source) if isinstance(source, bytes) else source)
    if max(image.size) > WORK_LIMIT:  # a 12-megapixel photo: QR and OCR need a sixth of it
        image = image.copy()
        image.thumbnail((WORK_LIMIT, WORK_LIMIT), Image.Resampling.BILINEAR, reducing_gap=2.0)
    warnings: list[str] = []
    if qr_available():
        for text in read_qr_texts(image):
            result = parse_contact_payload(text)
            if result is not None:
                return result
    else:
        warnings.append(Text("QR codes are not read: the Python package zxing-cpp is missing"))
    result = extract_fields(read_lines(image), region=region)
    result.warnings.extend(warnings)
    return result


def stored_image(source: str | Path | bytes, file_name: str = "") -> CardImage:
    """The picture to keep with the lead: upright, at most STORED_SIZE, metadata stripped."""
    raw: Any = io.BytesIO(source) if isinstance(source, bytes) else source
    image = load_image(raw)
    name = file_name or (Path(source).name if isinstance(source, str | Path) else "card")
    if max(image.size) > STORED_SIZE:
        image.thumbnail((STORED_SIZE, STORED_SIZE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if image.mode in ("RGBA", "LA", "P", "1"):
        image.save(out, "PNG", optimize=True)
        return CardImage(out.getvalue(), "image/png", Path(name).stem + ".png")
    image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
    return CardImage(out.getvalue(), "image/jpeg", Path(name).stem + ".jpg")
