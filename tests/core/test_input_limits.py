"""Input limits: huge pictures are refused with a message, huge vCard photos left out with a note."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest
from PIL import Image

from leaddesk.cli import main
from leaddesk.core.cardscan.ocr import MAX_IMAGE_PIXELS, ImageTooLarge, load_image


def _png(path: Path, width: int, height: int) -> Path:
    Image.new("1", (width, height), 1).save(path, "PNG")  # 1 bit per pixel: a small file
    return path


def test_a_picture_over_the_pixel_limit_is_refused_before_decoding(tmp_path: Path) -> None:
    big = _png(tmp_path / "big.png", 10_000, MAX_IMAGE_PIXELS // 10_000 + 10)
    with pytest.raises(ImageTooLarge, match="too large"):
        load_image(big)


def test_a_decompression_bomb_is_one_line_from_scan_card(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bomb = _png(tmp_path / "bomb.png", 20_000, 10_000)  # 200 megapixels: Pillow's bomb error
    assert main(["scan-card", str(bomb)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "too large" in err and "Traceback" not in err, err


def test_a_large_jpeg_is_read_at_a_reduced_scale(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    Image.new("RGB", (9000, 6000), "white").save(path, "JPEG", quality=50)  # 54 megapixels
    image = load_image(path)
    assert image.width * image.height <= MAX_IMAGE_PIXELS and image.width >= 3000


def test_a_huge_vcard_photo_is_left_out_with_a_note(tmp_path: Path) -> None:
    from leaddesk.core.importers.vcard import MAX_PHOTO_BYTES, parse_vcard

    photo = base64.b64encode(b"\xff\xd8" + b"\0" * (MAX_PHOTO_BYTES + 10)).decode()
    small = base64.b64encode(io.BytesIO(b"\xff\xd8small").getvalue()).decode()
    text = (
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Gross;Gustav\r\nPHOTO;ENCODING=b;TYPE=JPEG:{photo}\r\nEND:VCARD\r\n"
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Klein;Karla\r\nPHOTO;ENCODING=b;TYPE=JPEG:{small}\r\nEND:VCARD\r\n"
    )
    records = parse_vcard(text.encode()).records
    assert records[0].photo is None and any("left out" in i.message for i in records[0].issues)
    assert records[1].photo == b"\xff\xd8small"
