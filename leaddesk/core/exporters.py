"""Export leads as CSV (Excel-safe), vCard 4.0/3.0 (vobject) and JSON — all leads or a filter.

Every format carries every editable field plus the uid, so an export imported again
(here or into another LeadDesk) matches the same leads and keeps every value.
CSV cells that a spreadsheet would run as a formula are neutralised with a leading
apostrophe (OWASP "CSV injection"); the CSV importer removes exactly that apostrophe again.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import vobject

from leaddesk.core.db import Database, as_utc
from leaddesk.core.errors import Cancelled
from leaddesk.core.importers.csvfile import neutralise_cell
from leaddesk.core.names import name_prefix
from leaddesk.core.services.leads import EDITABLE_FIELDS
from leaddesk.core.services.query import JSON_FIELDS, LeadFilter, lead_ids, rows_by_id
from leaddesk.core.text import Text
from leaddesk.core.validation import format_phone

FORMATS: tuple[str, ...] = ("csv", "excel", "xlsx", "vcf", "json")
#: CSV columns: the uid, every editable field, then read-only funnel facts (ignored on import).
CSV_FIELDS: tuple[str, ...] = ("uid", *EDITABLE_FIELDS, "stage", "lost_reason", "score", "created_at")
#: Fields without a standard vCard property, written as X-LEADDESK-<NAME>.
VCARD_EXTRA_FIELDS: tuple[str, ...] = (
    "industry",
    "company_size",
    "source",
    "owner",
    "value",
    "currency",
    "next_follow_up",
    "consent_at",
    "consent_source",
    "consent_purpose",
    "stage",
    "salutation",
)
Progress = Callable[[int, int], bool | None]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return as_utc(value).isoformat()  # type: ignore[union-attr]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value) if value != int(value) else str(int(value))
    return str(value)


def _rows(
    db: Database, f: LeadFilter | None, ids: list[int] | None, columns: tuple[str, ...]
) -> Iterator[dict[str, Any]]:
    wanted = ids if ids is not None else lead_ids(db, f or LeadFilter())
    for start in range(0, len(wanted), 2000):
        chunk = wanted[start : start + 2000]
        found = rows_by_id(db, chunk, columns)
        for lead_id in chunk:
            if lead_id in found:
                yield found[lead_id]


def export_leads(
    db: Database,
    target: str | Path,
    fmt: str,
    *,
    lead_filter: LeadFilter | None = None,
    ids: list[int] | None = None,
    vcard_version: str = "4.0",
    progress: Progress | None = None,
) -> int:
    """Write the leads of ``lead_filter`` (or ``ids``; default all) to ``target``; returns the count.

    Written to a temporary file first and renamed, so a cancelled or failed export never
    leaves half a file under the chosen name.
    """
    if fmt not in FORMATS:
        raise ValueError(
            Text("--format must be one of {valid}, not {format!r}", valid=", ".join(FORMATS), format=fmt)
        )
    if vcard_version not in ("3.0", "4.0"):
        raise ValueError(Text("vCard version must be 3.0 or 4.0, not {version!r}", version=vcard_version))
    path = Path(target)
    if not path.parent.is_dir():
        raise FileNotFoundError(2, "No such folder", str(path.parent))
    tmp = path.with_name(path.name + ".part")
    columns = tuple(dict.fromkeys(("id", *CSV_FIELDS, *JSON_FIELDS)))
    total = len(ids) if ids is not None else len(lead_ids(db, lead_filter or LeadFilter()))
    count = 0
    try:
        with (
            tmp.open("wb")
            if fmt == "xlsx"
            else tmp.open("w", encoding="utf-8-sig" if fmt in ("csv", "excel") else "utf-8", newline="")
        ) as out:
            writer = _WRITERS[fmt](out, vcard_version)
            for row in _rows(db, lead_filter, ids, columns):
                writer.write(row)
                count += 1
                if progress is not None and count % 1000 == 0 and progress(count, total) is False:
                    raise Cancelled(Text("export cancelled; no file was written"))
            writer.close()
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    if progress is not None:
        progress(count, total)
    return count


class _CsvWriter:
    def __init__(self, out: io.TextIOBase, _version: str) -> None:
        self.writer = csv.writer(out, lineterminator="\r\n")
        self.writer.writerow(CSV_FIELDS)

    def write(self, row: dict[str, Any]) -> None:
        self.writer.writerow([neutralise_cell(_text(row.get(c))) for c in CSV_FIELDS])

    def close(self) -> None:
        pass


class _JsonWriter:
    def __init__(self, out: io.TextIOBase, _version: str) -> None:
        self.out = out
        self.first = True
        out.write("[")

    def write(self, row: dict[str, Any]) -> None:
        data = {k: (_text(v) if isinstance(v, datetime | date) else v) for k, v in row.items() if k != "id"}
        self.out.write(("\n" if self.first else ",\n") + json.dumps(data, ensure_ascii=False))
        self.first = False

    def close(self) -> None:
        self.out.write("\n]\n" if not self.first else "]\n")


class _VcardWriter:
    def __init__(self, out: io.TextIOBase, version: str) -> None:
        self.out = out
        self.version = version

    def write(self, row: dict[str, Any]) -> None:
        self.out.write(lead_to_vcard(row, self.version))

    def close(self) -> None:
        pass


# --- CSV for Excel in Germany ------------------------------------------------------------------
#: Columns of the Excel CSV: German headers (the CSV import reads every one back), in this order.
EXCEL_COLUMNS: tuple[tuple[str, str], ...] = (
    ("salutation", "Anrede"),
    ("academic_title", "Titel"),
    ("first_name", "Vorname"),
    ("last_name", "Nachname"),
    ("company", "Firma"),
    ("title", "Position"),
    ("email", "E-Mail"),
    ("phone", "Telefon"),
    ("mobile", "Mobil"),
    ("website", "Webseite"),
    ("street", "Straße"),
    ("postal_code", "PLZ"),
    ("city", "Ort"),
    ("country", "Land"),
    ("industry", "Branche"),
    ("company_size", "Mitarbeiter"),
    ("source", "Quelle"),
    ("tags", "Schlagwörter"),
    ("owner", "Betreuer"),
    ("stage", "Phase"),
    ("value", "Wert"),
    ("currency", "Währung"),
    ("next_follow_up", "Wiedervorlage"),
    ("consent_at", "Einwilligung am"),
    ("consent_source", "Einwilligungsquelle"),
    ("consent_purpose", "Einwilligungszweck"),
    ("notes", "Notizen"),
    ("score", "Punkte"),
    ("created_at", "Angelegt am"),
    ("uid", "LeadDesk-ID"),
)
#: Stage names in the Excel CSV (the import also reads the English ones and the codes).
STAGE_NAMES_DE = {"lead": "Lead", "mql": "MQL", "sql": "SQL", "won": "Gewonnen", "lost": "Verloren"}


def excel_phone(stored: str) -> str:
    """A phone number as Excel keeps it as text, without an apostrophe.

    German numbers in national form with a space ("0711 123456"), others with the international
    prefix "00" ("0033 1 23 45 67 89"): a leading digit is no formula, the leading zero survives
    because the space makes the cell text, and the import reads both back to the same E.164
    number. "+49 711 …" would start a formula in Excel (shown as #NAME? or computed).
    """
    base, ext, extension = stored.partition(" ext. ")
    if ext:
        return excel_phone(base) + ext + extension
    if not stored.startswith("+") or not stored[1:].replace(" ", "").isdigit():
        return neutralise_cell(stored)
    import phonenumbers

    try:
        number = phonenumbers.parse(stored, None)
    except phonenumbers.NumberParseException:
        return neutralise_cell(stored)
    if number.country_code == 49:
        text = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    else:
        text = phonenumbers.format_out_of_country_calling_number(number, "DE").replace("00 ", "00", 1)
    return text if " " in text else neutralise_cell(stored)


def _excel_date(value: Any, zone: Any) -> str:
    if not isinstance(value, datetime):
        return ""
    return as_utc(value).astimezone(zone).strftime("%d.%m.%Y")  # type: ignore[union-attr]


def _excel_number(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, float) and value != int(value):
        return f"{value:.2f}".replace(".", ",")
    return str(int(value))


class _ExcelWriter:
    """``;`` separated, UTF-8 with BOM (the file is opened so), German headers, dates as
    TT.MM.JJJJ in the user's zone, decimal commas, stage names Excel users read."""

    def __init__(self, out: io.TextIOBase, _version: str) -> None:
        from zoneinfo import ZoneInfo

        from leaddesk.core.tz import system_timezone

        self.zone = ZoneInfo(system_timezone())
        self.writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        self.writer.writerow([header for _key, header in EXCEL_COLUMNS])

    def write(self, row: dict[str, Any]) -> None:
        self.writer.writerow([self._cell(key, row.get(key)) for key, _header in EXCEL_COLUMNS])

    def _cell(self, key: str, value: Any) -> str:
        if value is None or value == "":
            return ""
        if key in ("phone", "mobile"):
            return excel_phone(str(value))
        if key in ("next_follow_up", "consent_at", "created_at"):
            return _excel_date(value, self.zone)
        if key in ("value", "company_size", "score"):
            return _excel_number(value)
        if key == "stage":
            return STAGE_NAMES_DE.get(str(value), str(value))
        if key == "salutation":
            return {"ms": "Frau", "mr": "Herr", "mx": "divers"}.get(str(value), str(value))
        return neutralise_cell(_text(value))

    def close(self) -> None:
        pass


class _XlsxWriter:
    """A real Excel workbook (openpyxl, imported only here: ~0.2 s, 3 MB installed): the same German
    columns as the Excel CSV, but typed cells — dates as dates, amounts as numbers, phone numbers
    and everything else as text, so Excel neither reformats nor runs anything (no apostrophes)."""

    def __init__(self, out: Any, _version: str) -> None:
        from zoneinfo import ZoneInfo

        from openpyxl import Workbook

        from leaddesk.core.tz import system_timezone

        self.out = out
        self.zone = ZoneInfo(system_timezone())
        self.book = Workbook(write_only=True)
        self.sheet = self.book.create_sheet("Leads")
        self.sheet.append([header for _key, header in EXCEL_COLUMNS])

    def write(self, row: dict[str, Any]) -> None:
        from openpyxl.cell import WriteOnlyCell

        cells: list[Any] = []
        for key, _header in EXCEL_COLUMNS:
            value = row.get(key)
            if value is None or value == "":
                cells.append(None)
                continue
            if key in ("next_follow_up", "consent_at", "created_at") and isinstance(value, datetime):
                local = as_utc(value).astimezone(self.zone).date()  # type: ignore[union-attr]
                cell = WriteOnlyCell(self.sheet, value=local)
                cell.number_format = "DD.MM.YYYY"
            elif key in ("value", "company_size", "score") and isinstance(value, int | float):
                cell = WriteOnlyCell(self.sheet, value=value)
            else:
                if key == "stage":
                    value = STAGE_NAMES_DE.get(str(value), str(value))
                elif key == "salutation":
                    value = {"ms": "Frau", "mr": "Herr", "mx": "divers"}.get(str(value), str(value))
                elif key in ("phone", "mobile") and str(value)[1:].isdigit():
                    value = format_phone(str(value))  # "+49 711 123456", a text cell
                cell = WriteOnlyCell(self.sheet, value=_text(value))
                cell.data_type = "s"  # text even when it starts with "=": never a formula
            cells.append(cell)
        self.sheet.append(cells)

    def close(self) -> None:
        self.book.save(self.out)


_WRITERS: dict[str, Any] = {
    "csv": _CsvWriter,
    "excel": _ExcelWriter,
    "xlsx": _XlsxWriter,
    "json": _JsonWriter,
    "vcf": _VcardWriter,
}


def lead_to_vcard(row: dict[str, Any], version: str = "4.0") -> str:
    """One lead as a vCard (CRLF, folded, escaped by vobject)."""
    card = vobject.vCard()
    card.add("version").value = version
    card.add("uid").value = row.get("uid") or ""
    first, last = row.get("first_name") or "", row.get("last_name") or ""
    prefix = name_prefix(row.get("salutation") or "", row.get("academic_title") or "")
    card.add("n").value = vobject.vcard.Name(family=last, given=first, prefix=prefix)
    card.add("fn").value = f"{first} {last}".strip() or row.get("company") or ""
    if row.get("company"):
        card.add("org").value = [row["company"]]
    if row.get("title"):
        card.add("title").value = row["title"]
    if row.get("email"):
        p = card.add("email")
        p.value = row["email"]
        p.type_param = "work"
    for key, kind in (("phone", "work,voice"), ("mobile", "cell")):
        if row.get(key):
            p = card.add("tel")
            p.value = row[key]
            p.type_param = kind
    if any(row.get(k) for k in ("street", "city", "postal_code", "country")):
        p = card.add("adr")
        p.value = vobject.vcard.Address(
            street=row.get("street") or "",
            city=row.get("city") or "",
            code=row.get("postal_code") or "",
            country=row.get("country") or "",
        )
        p.type_param = "work"
    if row.get("website"):
        card.add("url").value = row["website"]
    if row.get("notes"):
        card.add("note").value = row["notes"]
    if row.get("tags"):
        card.add("categories").value = row["tags"].split(",")
    for key in VCARD_EXTRA_FIELDS:
        value = row.get(key)
        if value not in (None, ""):
            card.add("x-leaddesk-" + key.replace("_", "-")).value = _text(value)
    return card.serialize()
