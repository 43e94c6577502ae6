"""Business-card capture without Qt: QR contacts (vCard, MeCard), offline OCR, field heuristics."""

from leaddesk.core.cardscan.extract import TextLine, extract_fields, split_name
from leaddesk.core.cardscan.fields import CARD_FIELDS, CardResult
from leaddesk.core.cardscan.ocr import OCR_PACKAGES, OcrStatus, OcrUnavailable, ocr_status, read_lines
from leaddesk.core.cardscan.qr import parse_contact_payload, read_qr_texts
from leaddesk.core.cardscan.scan import CardImage, scan_card, stored_image

__all__ = [
    "CARD_FIELDS",
    "OCR_PACKAGES",
    "CardImage",
    "CardResult",
    "OcrStatus",
    "OcrUnavailable",
    "TextLine",
    "extract_fields",
    "ocr_status",
    "parse_contact_payload",
    "read_lines",
    "read_qr_texts",
    "scan_card",
    "split_name",
    "stored_image",
]
