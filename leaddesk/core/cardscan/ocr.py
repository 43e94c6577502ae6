"""Offline OCR with Tesseract (through pytesseract): availability, image clean-up, lines with layout.

Photos of cards are skewed, shot on wood or with light text on colour. Before OCR the
image is turned into black text on white twice — once for dark text, once for light
text — by comparing each pixel with its neighbourhood, and each is straightened by
the angle whose row profile is sharpest. Both are read; lines are merged by confidence.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from PIL import Image, ImageChops, ImageFilter, ImageOps
from rapidfuzz import fuzz

from leaddesk.core.cardscan.extract import TextLine
from leaddesk.core.errors import LeadDeskError
from leaddesk.core.text import Text

#: Debian/Ubuntu packages that provide the engine and the two languages LeadDesk reads.
OCR_PACKAGES: tuple[str, ...] = ("tesseract-ocr", "tesseract-ocr-deu", "tesseract-ocr-eng")
LANGUAGES = ("deu", "eng")
#: Longest side in pixels for OCR: large enough for 7-pt print on a photographed card, small for speed.
WORK_SIZE = 1800
MIN_CONFIDENCE = 45.0


class ImageTooLarge(LeadDeskError):
    """A picture over the pixel limit (or a decompression bomb): refused before decoding it."""


class OcrUnavailable(LeadDeskError):
    """The OCR engine or a language is missing. ``packages`` names what to install."""

    def __init__(self, packages: tuple[str, ...], detail: str = "") -> None:
        self.packages = packages
        self.detail = detail
        names = " ".join(packages)
        hint = Text(" (e.g. sudo apt install {packages})", packages=names) if "-" in names[:20] else ""
        if detail:
            message = Text(
                "reading business cards needs Tesseract OCR: install {packages}{hint}; {detail}",
                packages=names,
                hint=hint,
                detail=detail,
            )
        else:
            message = Text(
                "reading business cards needs Tesseract OCR: install {packages}{hint}",
                packages=names,
                hint=hint,
            )
        super().__init__(message)


@dataclass(frozen=True)
class OcrStatus:
    available: bool
    missing: tuple[str, ...] = ()
    detail: str = ""


@lru_cache(maxsize=1)
def ocr_status() -> OcrStatus:
    """Whether OCR can run here, and if not, which packages to install (checked once per process)."""
    try:
        import pytesseract
    except ImportError:
        return OcrStatus(False, ("pytesseract",), Text("the Python package pytesseract is not installed"))
    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        return OcrStatus(False, OCR_PACKAGES, Text("the tesseract program was not found"))
    try:
        have = set(pytesseract.get_languages(config=""))
    except Exception as exc:
        return OcrStatus(False, OCR_PACKAGES, Text("tesseract does not run: {detail}", detail=str(exc)))
    missing = tuple(f"tesseract-ocr-{lang}" for lang in LANGUAGES if lang not in have)
    if missing:
        return OcrStatus(False, missing, Text("language data missing"))
    return OcrStatus(True)


def require_ocr() -> None:
    status = ocr_status()
    if not status.available:
        raise OcrUnavailable(status.missing, status.detail)


# --- image preparation ---------------------------------------------------------------------


#: Largest picture decoded (pixels): 50 megapixels, more than any phone's default photo.
#: A JPEG above it is decoded at a reduced scale instead (cheap); anything else is refused,
#: so a crafted "decompression bomb" never fills the memory.
MAX_IMAGE_PIXELS = 50_000_000
#: Side length a large JPEG is decoded down to (JPEG's 1/2, 1/4, 1/8 scaling, at least this).
DRAFT_SIZE = 3000


def load_image(source: Any) -> Image.Image:
    """A Pillow image upright as the camera saw it (EXIF orientation applied).

    Refuses (ImageTooLarge) a picture over MAX_IMAGE_PIXELS that cannot be decoded smaller,
    and anything Pillow calls a decompression bomb, with a message instead of a traceback.
    """
    if isinstance(source, Image.Image):
        image = source
    else:
        try:
            image = Image.open(source)
        except Image.DecompressionBombError:
            raise ImageTooLarge(
                Text(
                    "the picture is too large to read (over {limit} megapixels)",
                    limit=MAX_IMAGE_PIXELS // 1_000_000,
                )
            ) from None
        if image.width * image.height > MAX_IMAGE_PIXELS:
            if image.format == "JPEG":
                image.draft("RGB", (DRAFT_SIZE, DRAFT_SIZE))
            if image.width * image.height > MAX_IMAGE_PIXELS:
                image.close()
                raise ImageTooLarge(
                    Text(
                        "the picture is too large to read (over {limit} megapixels)",
                        limit=MAX_IMAGE_PIXELS // 1_000_000,
                    )
                )
    image.load()
    return ImageOps.exif_transpose(image)


def _gray(image: Image.Image) -> Image.Image:
    gray = image.convert("L")
    if max(gray.size) > WORK_SIZE:
        gray.thumbnail((WORK_SIZE, WORK_SIZE), Image.Resampling.LANCZOS)
    elif max(gray.size) < 1000:  # small renders and scans: enlarge so letters have enough pixels
        factor = 1000 / max(gray.size)
        gray = gray.resize(
            (round(gray.width * factor), round(gray.height * factor)), Image.Resampling.LANCZOS
        )
    return gray


def text_masks(gray: Image.Image) -> tuple[Image.Image, Image.Image]:
    """(dark text, light text) as white-on-black masks: pixels clearly darker/lighter than their area."""
    radius = max(12, max(gray.size) // 70)
    blur = gray.filter(ImageFilter.BoxBlur(radius))
    lut = [255 if v > 30 else 0 for v in range(256)]
    dark = ImageChops.subtract(blur, gray).point(lut)
    light = ImageChops.subtract(gray, blur).point(lut)
    return dark.filter(ImageFilter.MedianFilter(3)), light.filter(ImageFilter.MedianFilter(3))


def _profile_sharpness(mask: Image.Image, angle: float) -> float:
    rotated = mask.rotate(angle, resample=Image.Resampling.BILINEAR, expand=True)
    column = rotated.resize((1, rotated.height), Image.Resampling.BOX)
    # Pillow 12.1 renamed getdata(); keep older Pillow working.
    rows = list(getattr(column, "get_flattened_data", column.getdata)())
    return float(sum((b - a) ** 2 for a, b in itertools.pairwise(rows)))


def skew_angle(mask: Image.Image, limit: int = 40) -> float:
    """Degrees to rotate so text lines run horizontally.

    Each angle is scored by how sharp the row profile becomes. A photo taken at a slant
    has lines at several angles (perspective), so the answer is the score-weighted mean
    of the angles near the best one rather than the single best: OCR copes with a few
    degrees either way, not with ten.
    """
    small = mask.copy()
    small.thumbnail((400, 400))
    scores = {a: _profile_sharpness(small, a) for a in range(-limit, limit + 1, 3)}
    best = max(scores, key=lambda a: scores[a])
    near = {a: s for a, s in scores.items() if abs(a - best) <= 9 and s >= 0.4 * scores[best]}
    total = sum(near.values())
    return sum(a * s for a, s in near.items()) / total if total else float(best)


def ink_share(mask: Image.Image) -> float:
    small = mask.resize((1, 1), Image.Resampling.BOX)
    pixel = small.getpixel((0, 0))
    assert not isinstance(pixel, tuple)  # a mask has one band
    return float(pixel or 0) / 255.0


def prepared_pages(image: Image.Image) -> list[Image.Image]:
    """Black-on-white versions of the card worth reading (dark text; light text if there is any)."""
    gray = _gray(image)
    masks = [m for m in text_masks(gray) if ink_share(m) >= 0.002]
    if not masks:
        return []
    both = masks[0] if len(masks) == 1 else ImageChops.lighter(masks[0], masks[1])
    angle = skew_angle(both)
    return [
        ImageOps.invert(m.rotate(angle, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=0))
        for m in masks
    ]


# --- OCR -------------------------------------------------------------------------------------


def ocr_lines(page: Image.Image, *, lang: str = "deu+eng") -> list[tuple[TextLine, float]]:
    """Lines of one prepared page with their mean word confidence."""
    import pytesseract

    data = pytesseract.image_to_data(
        page, lang=lang, config="--psm 11 -c tessedit_do_invert=0", output_type=pytesseract.Output.DICT
    )
    groups: dict[tuple[int, int, int], list[int]] = {}
    for i, word in enumerate(data["text"]):
        if word.strip() and float(data["conf"][i]) >= 0:
            groups.setdefault((data["block_num"][i], data["par_num"][i], data["line_num"][i]), []).append(i)
    out: list[tuple[TextLine, float]] = []
    for idx in groups.values():
        words = [data["text"][i] for i in idx]
        conf = sum(float(data["conf"][i]) for i in idx) / len(idx)
        height = sorted(data["height"][i] for i in idx)[len(idx) // 2]
        out.append(
            (
                TextLine(
                    " ".join(words),
                    float(height),
                    float(min(data["top"][i] for i in idx)),
                    float(min(data["left"][i] for i in idx)),
                ),
                conf,
            )
        )
    return out


def _same_text(a: str, b: str) -> bool:
    if fuzz.ratio(a, b) >= 80:
        return True
    return fuzz.partial_ratio(a, b) >= 90 and min(len(a), len(b)) >= 0.6 * max(len(a), len(b))


def read_lines(image: Image.Image, *, lang: str = "deu+eng") -> list[TextLine]:
    """Confident lines of a card, top to bottom per reading pass; raises OcrUnavailable if OCR is missing."""
    require_ocr()
    # Tesseract's OpenMP threads fight each other on two cores; one thread per page, pages in parallel.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    pages = prepared_pages(image)
    with ThreadPoolExecutor(max_workers=max(1, len(pages))) as pool:
        results = list(pool.map(lambda page: ocr_lines(page, lang=lang), pages))
    lines: list[TextLine] = []
    earlier: list[str] = []  # keys from previous passes
    for result in results:
        current: list[str] = []
        for line, conf in result:
            key = re.sub(r"\W", "", line.text.casefold())
            if conf < MIN_CONFIDENCE or len(key) < 3 or key in current:
                continue
            # Text the other pass already read (or a clipped copy of it) is kept once.
            if any(_same_text(key, k) for k in earlier):
                continue
            current.append(key)
            lines.append(line)
        earlier.extend(current)
    return lines
