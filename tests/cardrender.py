"""Business cards drawn by the tests themselves (Pillow + DejaVu), so OCR/QR tests need no image files."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    path = FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if not path.exists():
        pytest.skip("rendering test cards needs DejaVu fonts: apt install fonts-dejavu-core")
    return ImageFont.truetype(str(path), size)


@dataclass(frozen=True)
class Line:
    text: str
    size: int = 30
    bold: bool = False
    x: int = 60


def render_card(
    lines: list[Line],
    *,
    width: int = 1050,
    height: int = 600,
    ink: int = 20,
    paper: int = 250,
    qr: Image.Image | None = None,
) -> Image.Image:
    """A card at ~300 dpi (85 x 55 mm ≈ 1004 x 650 px), lines stacked top to bottom."""
    card = Image.new("L", (width, height), paper)
    draw = ImageDraw.Draw(card)
    y = 50
    for line in lines:
        f = font(line.size, line.bold)
        draw.text((line.x, y), line.text, font=f, fill=ink)
        y += int(line.size * 1.45)
    if qr is not None:
        card.paste(qr, (width - qr.width - 40, height - qr.height - 40))
    return card.convert("RGB")


def photo_of(card: Image.Image, *, angle: float = 7.0, seed: int = 1) -> Image.Image:
    """The card as a phone would shoot it: on a textured table, turned, slightly blurred, noisy."""
    rng = random.Random(seed)
    table = Image.new("L", (card.width + 500, card.height + 400), 120)
    px = table.load()
    assert px is not None
    for y in range(0, table.height, 3):
        shade = 110 + int(20 * rng.random())
        for x in range(table.width):
            px[x, y] = shade
    table = table.filter(ImageFilter.GaussianBlur(2)).convert("RGB")
    turned = card.rotate(angle, expand=True, resample=Image.Resampling.BICUBIC, fillcolor=(0, 0, 0))
    mask = Image.new("L", card.size, 255).rotate(angle, expand=True)
    table.paste(
        turned, (250 - (turned.width - card.width) // 2, 200 - (turned.height - card.height) // 2), mask
    )
    noisy = table.filter(ImageFilter.GaussianBlur(1.2))
    return noisy


def qr_image(payload: str, scale: int = 5) -> Image.Image:
    import segno

    code = segno.make(payload, error="m", micro=False)
    from io import BytesIO

    buf = BytesIO()
    code.save(buf, kind="png", scale=scale, border=4)
    buf.seek(0)
    return Image.open(buf).convert("L")


GERMAN_CARD = [
    Line("Müller & Söhne Maschinenbau GmbH", 38, True),
    Line("Dr. Jürgen Weiß", 44, True),
    Line("Geschäftsführer", 30),
    Line("Königstraße 12", 28),
    Line("70173 Stuttgart", 28),
    Line("Tel. +49 711 1234567", 28),
    Line("Mobil 0171 2345678", 28),
    Line("Fax +49 711 1234568", 28),
    Line("j.weiss@mueller-soehne.de", 28),
    Line("www.mueller-soehne.de", 28),
]
GERMAN_EXPECTED = {
    "company": "Müller & Söhne Maschinenbau GmbH",
    "first_name": "Jürgen",
    "last_name": "Weiß",
    "title": "Geschäftsführer",
    "street": "Königstraße 12",
    "postal_code": "70173",
    "city": "Stuttgart",
    "country": "DE",
    "phone": "+497111234567",
    "mobile": "+491712345678",
    "email": "j.weiss@mueller-soehne.de",
    "website": "www.mueller-soehne.de",
}

ENGLISH_CARD = [
    Line("Emily Clarke", 46, True),
    Line("Head of Sales", 30),
    Line("Northwind Traders Ltd", 34, True),
    Line("221 Baker Street", 28),
    Line("London NW1 6XE", 28),
    Line("mobile +44 7700 900123", 28),
    Line("phone +44 20 7946 0958", 28),
    Line("emily.clarke@northwind.co.uk", 28),
]
ENGLISH_EXPECTED = {
    "first_name": "Emily",
    "last_name": "Clarke",
    "title": "Head of Sales",
    "company": "Northwind Traders Ltd",
    "postal_code": "NW1 6XE",
    "country": "GB",
    "mobile": "+447700900123",
    "phone": "+442079460958",
    "email": "emily.clarke@northwind.co.uk",
}
