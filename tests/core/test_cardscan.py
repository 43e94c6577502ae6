"""Business-card capture: QR contacts taken exactly, OCR on cards the tests draw, and the sample photos."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from leaddesk.core.cardscan import (
    OCR_PACKAGES,
    OcrUnavailable,
    TextLine,
    extract_fields,
    ocr_status,
    parse_contact_payload,
    scan_card,
    split_name,
    stored_image,
)
from leaddesk.core.cardscan import ocr as ocr_module
from tests.cardrender import (
    ENGLISH_CARD,
    ENGLISH_EXPECTED,
    GERMAN_CARD,
    GERMAN_EXPECTED,
    Line,
    photo_of,
    qr_image,
    render_card,
)

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"

needs_ocr = pytest.mark.skipif(
    not ocr_status().available,
    reason="Tesseract OCR is not installed; install the Debian packages " + " ".join(OCR_PACKAGES),
)


def _lines(*texts: str) -> list[TextLine]:
    return [TextLine(t) for t in texts]


# --- QR: vCard and MeCard, exact ------------------------------------------------------------

VCARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Weiß;Jürgen;;Dr.;\r\nFN:Dr. Jürgen Weiß\r\n"
    "ORG:Müller & Söhne GmbH;Vertrieb\r\nTITLE:Leiter Vertrieb\r\n"
    "TEL;TYPE=WORK,VOICE:+49 711 1234567\r\nTEL;TYPE=CELL:+49 171 2345678\r\nTEL;TYPE=FAX:+49 711 9\r\n"
    "EMAIL;TYPE=INTERNET:j.weiss@mueller-soehne.de\r\nURL:https://mueller-soehne.de\r\n"
    "ADR;TYPE=WORK:;;Königstraße 12;Stuttgart;;70173;Deutschland\r\nEND:VCARD\r\n"
)


def test_vcard_payload_fields_exact() -> None:
    result = parse_contact_payload(VCARD)
    assert result is not None and result.method == "qr"
    assert result.fields == {
        "academic_title": "Dr.",  # the N prefix is a field, not a note (issue 17)
        "first_name": "Jürgen",
        "last_name": "Weiß",
        "company": "Müller & Söhne GmbH",
        "title": "Leiter Vertrieb",
        "phone": "+49 711 1234567",
        "mobile": "+49 171 2345678",
        "email": "j.weiss@mueller-soehne.de",
        "website": "https://mueller-soehne.de",
        "street": "Königstraße 12",
        "postal_code": "70173",
        "city": "Stuttgart",
        "country": "Deutschland",
        "notes": "Department: Vertrieb\nFax: +49 711 9",  # nothing on the card is dropped
    }


def test_mecard_payload_with_escapes() -> None:
    payload = (
        r"MECARD:N:Öztürk,Ayşe;ORG:Bäckerei Öztürk e.K.;TEL:+4930123456;EMAIL:ayse@example.de;"
        r"NOTE:Stand 4\; Halle 2;URL:http\://example.de;;"
    )
    result = parse_contact_payload(payload)
    assert result is not None
    assert result.fields == {
        "last_name": "Öztürk",
        "first_name": "Ayşe",
        "company": "Bäckerei Öztürk e.K.",
        "phone": "+4930123456",
        "email": "ayse@example.de",
        "website": "http://example.de",
        "notes": "Stand 4; Halle 2",
    }


MECARD_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\r\n"), max_size=30
).map(str.strip)


def _escape_mecard(value: str) -> str:
    return "".join("\\" + c if c in '\\;:,"' else c for c in value)


@settings(max_examples=80, deadline=None)
@given(org=MECARD_TEXT, email=MECARD_TEXT, note=MECARD_TEXT, url=MECARD_TEXT)
def test_property_mecard_escapes_round_trip(org: str, email: str, note: str, url: str) -> None:
    """Whatever characters a value holds, escaped as MeCard wants, it comes back exactly."""
    values = {"company": org, "email": email, "notes": note, "website": url}
    keys = {"company": "ORG", "email": "EMAIL", "notes": "NOTE", "website": "URL"}
    payload = (
        "MECARD:N:Muster,Max;" + "".join(f"{keys[k]}:{_escape_mecard(v)};" for k, v in values.items()) + ";"
    )
    result = parse_contact_payload(payload)
    assert result is not None
    assert {k: result.get(k) for k in values} == values


def test_non_contact_payloads_are_not_contacts() -> None:
    assert parse_contact_payload("https://example.com/landing") is None
    assert parse_contact_payload("WIFI:S:Messe;T:WPA;P:secret;;") is None


def test_qr_on_a_rendered_card_wins_over_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    card = render_card([Line("Irgendwas anderes GmbH", 36, True)], qr=qr_image(VCARD, scale=4))
    # OCR must not even be needed: make it fail loudly if called.
    monkeypatch.setattr(ocr_module, "read_lines", lambda *_a, **_k: pytest.fail("OCR ran despite a QR"))
    result = scan_card(photo_of(card, angle=12, seed=3))
    assert result.method == "qr"
    assert result.get("last_name") == "Weiß" and result.get("company") == "Müller & Söhne GmbH"
    assert result.get("mobile") == "+49 171 2345678"


def test_qr_card_reads_without_ocr_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    mecard = "MECARD:N:Schäfer,Lena;TEL:+49891234567;EMAIL:lena@schaefer.example;;"
    card = render_card([Line("Lena Schäfer", 40)], qr=qr_image(mecard))
    _without_tesseract(monkeypatch)
    buf = io.BytesIO()
    card.save(buf, "PNG")
    result = scan_card(buf.getvalue())
    assert result.fields["first_name"] == "Lena" and result.fields["email"] == "lena@schaefer.example"


# --- missing engine ---------------------------------------------------------------------------


def _without_tesseract(monkeypatch: pytest.MonkeyPatch) -> None:
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    ocr_status.cache_clear()
    monkeypatch.setattr(ocr_module, "ocr_status", ocr_status)


def test_missing_engine_names_the_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    _without_tesseract(monkeypatch)
    try:
        status = ocr_status()
        assert not status.available and "tesseract-ocr" in status.missing
        with pytest.raises(OcrUnavailable) as info:
            scan_card(render_card(GERMAN_CARD))
        assert "tesseract-ocr" in str(info.value) and "tesseract-ocr-deu" in str(info.value)
        assert info.value.packages == OCR_PACKAGES
    finally:
        ocr_status.cache_clear()


# --- heuristics on text lines -----------------------------------------------------------------


def test_extract_german_lines() -> None:
    result = extract_fields(_lines(*(line.text for line in GERMAN_CARD)))
    for key, value in GERMAN_EXPECTED.items():
        assert result.get(key) == value, key
    assert result.get("academic_title") == "Dr."
    assert "Dr." not in result.get("notes")


def test_phone_kinds_by_label_and_by_number() -> None:
    result = extract_fields(_lines("Anna Berg", "T +49 30 1234567 · F +49 30 1234568", "0151 23456789"))
    assert result.get("phone") == "+49301234567"
    assert result.get("mobile") == "+4915123456789"  # no label: a German mobile range


def test_ocr_dot_read_as_space_is_repaired() -> None:
    result = extract_fields(_lines("Chris Smith", "chris.smith@contoso com", "https://www.contoso com/"))
    assert result.get("email") == "chris.smith@contoso.com"
    assert result.get("website") == "https://www.contoso.com"


def test_name_is_the_line_like_the_email() -> None:
    result = extract_fields(
        [TextLine("Vertrieb Süd", 20), TextLine("Klara Fuchs", 20), TextLine("k.fuchs@fuchs-ag.de", 14)]
    )
    assert (result.get("first_name"), result.get("last_name")) == ("Klara", "Fuchs")
    assert result.get("title") == "Vertrieb Süd"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dr. Jürgen Weiß", ("Dr.", "Jürgen", "Weiß")),
        ("Anna-Lena von der Heide", ("", "Anna-Lena", "von der Heide")),
        ("Prof. Dr. Karl Maria Huber", ("Prof. Dr.", "Karl Maria", "Huber")),
        ("Müller", ("", "", "Müller")),
    ],
)
def test_split_name(text: str, expected: tuple[str, str, str]) -> None:
    assert split_name(text) == expected


FIRST = st.sampled_from(["Jürgen", "Anna", "Özlem", "Émile", "Grace", "Lars", "Zoë"])
LAST = st.sampled_from(["Weiß", "Schäfer", "Nguyen", "Okafor", "Lindqvist", "Brandt"])


@settings(max_examples=60, deadline=None)
@given(
    first=FIRST,
    last=LAST,
    digits=st.integers(min_value=1000000, max_value=9999999),
    mobile=st.integers(min_value=10000000, max_value=99999999),
    shuffle=st.randoms(use_true_random=False),
)
def test_property_clean_lines_give_contact_fields(
    first: str, last: str, digits: int, mobile: int, shuffle: object
) -> None:
    """Whatever order a card's lines come in, email and labelled numbers come back exactly."""
    email = f"{first[0].lower()}.{last.lower()}@example.de"
    texts = [f"{first} {last}", "Leiterin Einkauf", f"Tel. 089 {digits}", f"Mobil 0172 {mobile}", email]
    shuffle.shuffle(texts)  # type: ignore[attr-defined]
    result = extract_fields(_lines(*texts))
    assert result.get("email") == email
    assert result.get("phone") == f"+4989{digits}"
    assert result.get("mobile") == f"+49172{mobile}"
    assert (result.get("first_name"), result.get("last_name")) == (first, last)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(max_size=60), max_size=12))
def test_property_never_fails_on_noise(texts: list[str]) -> None:
    result = extract_fields(_lines(*texts))
    assert set(result.fields) <= {
        "first_name", "last_name", "company", "title", "email", "phone", "mobile", "website",
        "street", "postal_code", "city", "country", "notes",
    }  # fmt: skip


# --- OCR on rendered cards --------------------------------------------------------------------


@needs_ocr
def test_ocr_clean_german_card_with_umlauts() -> None:
    result = scan_card(render_card(GERMAN_CARD))
    assert result.method == "ocr"
    for key, value in GERMAN_EXPECTED.items():
        assert result.get(key) == value, (key, result.lines)


@needs_ocr
def test_ocr_photographed_english_card() -> None:
    result = scan_card(photo_of(render_card(ENGLISH_CARD), angle=-9, seed=5))
    for key, value in ENGLISH_EXPECTED.items():
        assert result.get(key) == value, (key, result.lines)


@needs_ocr
def test_ocr_light_text_on_dark_card() -> None:
    card = render_card(GERMAN_CARD, ink=235, paper=60)
    result = scan_card(card)
    for key in ("company", "first_name", "last_name", "email", "phone", "mobile"):
        assert result.get(key) == GERMAN_EXPECTED[key], (key, result.lines)


# --- the sample photos from shared/samples ---------------------------------------------------


def _sample(name: str) -> Path:
    path = SAMPLES / name
    if not path.exists():
        pytest.skip(f"sample {name} not found in {SAMPLES}")
    return path


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


@needs_ocr
def test_sample_photo_english_against_reference() -> None:
    """The Azure reference names every field; we check the ones our offline OCR reads on this photo."""
    reference = json.loads(_sample("azure-business-card-result.json").read_text(encoding="utf-8"))
    fields = reference["analyzeResult"]["documentResults"][0]["fields"]
    contact = fields["ContactNames"]["valueArray"][0]["valueObject"]
    result = scan_card(_sample("azure-business-card-english.jpg"))
    assert result.get("first_name") == contact["FirstName"]["valueString"]
    assert result.get("last_name") == contact["LastName"]["valueString"]
    assert result.get("company") == fields["CompanyNames"]["valueArray"][0]["valueString"]
    other = fields["OtherPhones"]["valueArray"][0]["text"].replace("(0)", "")
    assert _digits(result.get("phone")) == _digits(other)
    assert result.get("city") == "London"
    assert "Kingdom Street" in result.get("street")


@needs_ocr
def test_sample_photo_light_on_grey() -> None:
    result = scan_card(_sample("azure-business_card.jpg"))
    assert (result.get("first_name"), result.get("last_name")) == ("Chris", "Smith")
    assert result.get("title") == "Senior Researcher"
    assert result.get("email") == "chris.smith@contoso.com"
    assert result.get("website") == "https://www.contoso.com"
    assert result.get("mobile") == "+19871234567"  # "Cell:" in white on grey
    assert result.get("phone") == "+19872135674"


# --- the stored picture ----------------------------------------------------------------------


def test_stored_image_is_small_and_without_gps(tmp_path: Path) -> None:
    big = Image.new("RGB", (4000, 3000), (200, 200, 200))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (48.0, 46.0, 0.0)}  # a GPS block, as phone photos carry
    exif[274] = 6  # orientation: turned 90°
    path = tmp_path / "IMG_0001.jpg"
    big.save(path, exif=exif)
    stored = stored_image(path)
    image = Image.open(io.BytesIO(stored.data))
    assert stored.mime == "image/jpeg" and stored.file_name == "IMG_0001.jpg"
    assert max(image.size) == 1600 and image.height > image.width  # upright
    assert 0x8825 not in image.getexif() and len(stored.data) < 300_000


@pytest.mark.parametrize(
    ("city_line", "postal_code", "city", "country"),
    [
        ("70173 Stuttgart", "70173", "Stuttgart", "DE"),
        ("D-80331 München", "80331", "München", "DE"),
        ("A-1010 Wien", "1010", "Wien", "AT"),
        ("CH-8001 Zürich", "8001", "Zürich", "CH"),
        ("8001 Zürich", "8001", "Zürich", ""),
    ],
)
def test_address_lines(city_line: str, postal_code: str, city: str, country: str) -> None:
    result = extract_fields(_lines("Eva Roth", "Bahnhofstraße 7", city_line))
    assert (result.get("street"), result.get("postal_code"), result.get("city")) == (
        "Bahnhofstraße 7",
        postal_code,
        city,
    )
    assert result.get("country") == country
