"""Property tests: malformed CSV and vCard never crash the importers, and a failed import changes nothing."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leaddesk.core.errors import LeadDeskError
from leaddesk.core.importers import ImportFormatError, parse_csv, parse_file, parse_vcard
from leaddesk.core.services.imports import apply_import, plan_import

PROPS = [
    "BEGIN:VCARD",
    "END:VCARD",
    "VERSION:2.1",
    "VERSION:3.0",
    "VERSION:4.0",
    "N",
    "FN",
    "ORG",
    "EMAIL",
    "TEL",
    "ADR",
    "NOTE",
    "PHOTO",
    "UID",
    "CATEGORIES",
    "X-LEADDESK-VALUE",
    "X-LEADDESK-COMPANY-SIZE",
    "X-LEADDESK-NEXT-FOLLOW-UP",
    "item1.EMAIL",
    "begin:vcard",
    "LABEL,TYPE=HOME",
]
PARAMS = [
    "",
    ";CHARSET=UTF-8",
    ";CHARSET=windows-1252",
    ";CHARSET=bogus",
    ";ENCODING=QUOTED-PRINTABLE",
    ";QUOTED-PRINTABLE",
    ";ENCODING=BASE64",
    ";BASE64",
    ";TYPE=work,voice",
    ';TYPE="a;b"',
    ";PREF=1",
    ";=x",
]
VALUES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "Müller;Anna;;;",
            "=C3=84=",
            "=",
            "a=\r\n b",
            "data:image/png;base64\\,iVBOR",
            "tel:+49 89 1",
            "\\n\\,\\;",
            "x@y",
            "+49 711 123456",
            "not-a-number",
            "2026-13-45",
            ";;;;;;;;",
        ]
    ),
)
SEPARATORS = st.sampled_from(["\r\n", "\n", "\r", "\r\r\n", "\r\n ", "\n\t"])


@st.composite
def vcard_text(draw: Any) -> bytes:
    parts = []
    for _ in range(draw(st.integers(0, 14))):
        prop = draw(st.sampled_from(PROPS))
        line = (
            prop
            if prop.upper().startswith(("BEGIN", "END", "VERSION"))
            else (
                prop + draw(st.sampled_from(PARAMS)) + draw(st.sampled_from([":", "", "::"])) + draw(VALUES)
            )
        )
        parts.append(line + draw(SEPARATORS))
    text = "".join(parts)
    encoding = draw(st.sampled_from(["utf-8", "utf-16-le", "utf-16", "cp1252", "latin-1"]))
    return text.encode(encoding, errors="replace")


CELLS = st.one_of(
    st.text(max_size=12), st.sampled_from(['"', '""', '"a,b"', "=1+2", "Müller", "a\nb", "\r", ";", "\t"])
)
HEADERS = st.sampled_from(
    [
        "Vorname",
        "Nachname",
        "Firma",
        "E-Mail",
        "Telefon",
        "Mitarbeiter",
        "Wert",
        "uid",
        "next_follow_up",
        "Phone 1 - Value",
        "Phone 1 - Type",
        "x",
        "",
        "Name",
    ]
)


@st.composite
def csv_text(draw: Any) -> bytes:
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    header = draw(st.lists(HEADERS, min_size=1, max_size=6))
    rows = draw(st.lists(st.lists(CELLS, max_size=8), max_size=6))
    newline = draw(SEPARATORS)
    text = newline.join(delimiter.join(r) for r in [header, *rows])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    return text.encode(encoding, errors="replace")


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_parse_or_fail_clearly(data: bytes) -> None:
    for name in ("x.csv", "x.vcf"):
        try:
            result = parse_file(data, name)
        except ImportFormatError as exc:
            assert name in str(exc)
        else:
            assert all(r.line >= 1 for r in result.records)


@settings(max_examples=200, deadline=None)
@given(vcard_text())
def test_malformed_vcards_never_crash(data: bytes) -> None:
    try:
        result = parse_vcard(data, "x.vcf")
    except ImportFormatError:
        return
    for issue in result.issues:
        assert issue.line >= 1 and issue.message


@settings(max_examples=200, deadline=None)
@given(csv_text())
def test_malformed_csv_never_crashes(data: bytes) -> None:
    try:
        result = parse_csv(data, "x.csv")
    except ImportFormatError:
        return
    assert all(r.line >= 2 for r in result.records)


def _snapshot(db: Any) -> tuple[Any, ...]:
    with db.engine.connect() as conn:
        return tuple(
            conn.exec_driver_sql(f"SELECT count(*), max(version) FROM {t}").one()
            if t == "lead"
            else conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar()
            for t in ("lead", "stagechange", "importbatch", "importchange", "fieldsource", "attachment")
        )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.one_of(vcard_text(), csv_text()),
    name=st.sampled_from(["x.vcf", "x.csv"]),
    policy=st.sampled_from(["skip", "update", "merge"]),
)
def test_import_of_malformed_files_is_all_or_nothing(db: Any, data: bytes, name: str, policy: Any) -> None:
    before = _snapshot(db)
    try:
        plan = plan_import(db, [(name, data)])
        result = apply_import(db, plan, on_duplicate=policy)
    except LeadDeskError:
        assert _snapshot(db) == before
        return
    assert result.created == plan.new
    assert _snapshot(db)[0][0] == before[0][0] + result.created
