""" "CSV for Excel": German columns, ``;``, BOM, TT.MM.JJJJ, decimal comma, phones as text without
apostrophes, and a stage column the import reads back, so a pipeline round-trips through Excel."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from leaddesk.core.db import Database
from leaddesk.core.exporters import excel_phone, export_leads
from leaddesk.core.services.imports import UndoRefused, apply_import, list_batches, plan_import, undo_import
from leaddesk.core.services.leads import create_lead, get_lead, move_stage, stage_history
from leaddesk.core.services.query import LeadFilter, list_leads
from leaddesk.core.stages import Stage

FIELDS = (
    "salutation", "academic_title", "first_name", "last_name", "company", "title", "email", "phone",
    "mobile", "website", "street", "postal_code", "city", "country", "industry", "company_size",
    "source", "tags", "owner", "notes", "value", "currency", "stage",
)  # fmt: skip


@pytest.fixture(autouse=True)
def _berlin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")


def _pipeline(db: Any) -> dict[str, int]:
    def add(stage: Stage, **fields: Any) -> int:
        return create_lead(db, {"source": "Messe Stuttgart", **fields}, stage=stage)[0].id

    anna = {
        "salutation": "Frau", "academic_title": "Dr.", "first_name": "Anna", "last_name": "Müller",
        "company": "Feinmechanik Weiß GmbH", "phone": "0711 123456", "mobile": "+49 170 1234567",
        "value": 12500.5, "company_size": 40, "tags": "Messe,VIP", "city": "Stuttgart",
        "notes": '=HYPERLINK("x")\nzweite Zeile', "next_follow_up": datetime(2027, 3, 31, 9, tzinfo=UTC),
    }  # fmt: skip
    return {
        "anna": add(Stage.SQL, **anna),
        "max": add(Stage.WON, salutation="Herr", academic_title="Prof. Dr.", first_name="Max",
                   last_name="Meier", company="-Minus AG", phone="+33 1 23 45 67 89", value=75000),
        "alex": add(Stage.MQL, salutation="divers", first_name="Alex", last_name="Kim",
                    email="alex@kim.example", owner="@team"),
        "lena": add(Stage.LOST, first_name="Lena", last_name="Groß", company="Groß & Co"),
        "neu": add(Stage.LEAD, company="Maschinenbau Nord"),
    }  # fmt: skip


def _read(path: Path) -> tuple[bytes, list[list[str]]]:
    raw = path.read_bytes()
    return raw, list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def test_excel_csv_is_german(db: Any, tmp_path: Path) -> None:
    ids = _pipeline(db)
    path = tmp_path / "leads.csv"
    assert export_leads(db, path, "excel") == 5
    raw, rows = _read(path)
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel opens it as UTF-8
    header = rows[0]
    assert header[:6] == ["Anrede", "Titel", "Vorname", "Nachname", "Firma", "Position"]
    by_name = {r[header.index("Nachname")]: dict(zip(header, r, strict=True)) for r in rows[1:]}
    anna = by_name["Müller"]
    assert (anna["Anrede"], anna["Titel"], anna["Phase"]) == ("Frau", "Dr.", "SQL")
    assert anna["Wert"] == "12500,50" and anna["Mitarbeiter"] == "40"
    assert anna["Wiedervorlage"] == "31.03.2027"
    assert anna["Telefon"] == "0711 123456" and anna["Mobil"] == "0170 1234567"  # no apostrophe
    assert anna["Notizen"].startswith("'=HYPERLINK")  # a formula stays text
    assert by_name["Meier"]["Telefon"] == "0033 1 23 45 67 89"
    assert by_name["Meier"]["Firma"] == "'-Minus AG"
    assert by_name["Meier"]["Phase"] == "Gewonnen" and by_name["Groß"]["Phase"] == "Verloren"
    assert by_name["Kim"]["Anrede"] == "divers" and by_name["Kim"]["Betreuer"] == "'@team"
    assert len(ids) == 5
    # No phone cell starts with a character Excel reads as a formula or number sign.
    for row in rows[1:]:
        for col in ("Telefon", "Mobil"):
            cell = row[header.index(col)]
            assert not cell or (cell[0].isdigit() and " " in cell)


def _values(db: Any) -> dict[str, dict[str, Any]]:
    rows = list_leads(db, LeadFilter(), columns=("uid", *FIELDS, "next_follow_up"))
    out = {}
    for row in rows:
        row["next_follow_up"] = row["next_follow_up"].date() if row["next_follow_up"] else None
        out[row.pop("uid")] = row
    return out


@pytest.fixture
def elsewhere_db(tmp_path: Path) -> Iterator[Any]:
    """Another LeadDesk's database (a colleague's)."""
    other = Database.open_data_dir(tmp_path / "colleague")
    yield other
    other.close()


def test_a_pipeline_round_trips_through_excel(db: Any, tmp_path: Path, elsewhere_db: Any) -> None:
    """Export → import into another LeadDesk: same stages, same fields (dates to the day)."""
    _pipeline(db)
    path = tmp_path / "leads.csv"
    export_leads(db, path, "excel")
    plan = plan_import(elsewhere_db, [(path.name, path.read_bytes())])
    assert plan.errors == 0, plan.problems()
    apply_import(elsewhere_db, plan)
    assert _values(elsewhere_db) == _values(db)


def test_stages_edited_in_excel_move_the_leads(db: Any, tmp_path: Path) -> None:
    _edited_in_excel(db, tmp_path, {})


def _edited_in_excel(db: Any, tmp_path: Path, before: dict[str, Any]) -> tuple[dict[str, int], Any]:
    """The pipeline exported, two stages changed in "Excel", imported back as updates; ``before``
    gets each lead's (stage, position, history length) ahead of the import."""
    ids = _pipeline(db)
    for name, lead_id in ids.items():
        lead = get_lead(db, lead_id)
        before[name] = (lead.stage, lead.position, len(stage_history(db, lead_id)))
    path = tmp_path / "leads.csv"
    export_leads(db, path, "excel")
    _raw, rows = _read(path)
    header = rows[0]
    for row in rows[1:]:
        if row[header.index("Nachname")] == "Kim":
            row[header.index("Phase")] = "SQL"  # typed in Excel
        if row[header.index("Firma")] == "Maschinenbau Nord":
            row[header.index("Phase")] = "won"  # English names and codes are read too
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    plan = plan_import(db, [("bearbeitet.csv", ("\ufeff" + out.getvalue()).encode("utf-8"))])
    apply_import(db, plan, on_duplicate="update")
    assert get_lead(db, ids["alex"]).stage == "sql"
    assert get_lead(db, ids["neu"]).stage == "won"
    assert get_lead(db, ids["anna"]).stage == "sql"  # unchanged
    last = stage_history(db, ids["alex"])[-1]
    assert (last.from_stage, last.to_stage) == ("mql", "sql")
    return ids, plan


def test_undoing_an_excel_import_moves_the_leads_back(db: Any, tmp_path: Path) -> None:
    """The stage column's moves are part of the import: one undo takes them back with the fields."""
    before = {}
    ids, _plan = _edited_in_excel(db, tmp_path, before)
    batch = list_batches(db)[0]
    undo_import(db, batch.id)
    for name, lead_id in ids.items():
        lead = get_lead(db, lead_id)
        assert (lead.stage, lead.position, len(stage_history(db, lead_id))) == before[name], name
    # Undone and no edit since: the leads are where they were, with their own history only.
    assert all(c.actor_kind != "import" for i in ids.values() for c in stage_history(db, i)[1:])


def test_an_excel_move_edited_afterwards_keeps_the_undo_from_moving_it(db: Any, tmp_path: Path) -> None:
    ids, _plan = _edited_in_excel(db, tmp_path, {})
    lead = get_lead(db, ids["alex"])
    move_stage(db, lead.id, "won", expected_version=lead.version)
    with pytest.raises(UndoRefused):
        undo_import(db, list_batches(db)[0].id)
    assert get_lead(db, ids["alex"]).stage == "won"


def test_an_unknown_stage_is_a_warning_and_the_lead_starts_as_lead(db: Any) -> None:
    data = b"Vorname;Nachname;Phase\nEva;Roth;Angebot\nTom;Neu;Gewonnen\n"
    plan = plan_import(db, [("x.csv", data)])
    assert plan.errors == 0
    assert any("Angebot" in p for p in plan.problems("warning"))
    apply_import(db, plan)
    stages = {
        r["last_name"]: r["stage"] for r in list_leads(db, LeadFilter(), columns=("last_name", "stage"))
    }
    assert stages == {"Roth": "lead", "Neu": "won"}


@pytest.mark.parametrize(
    ("stored", "cell"),
    [
        ("+49711123456", "0711 123456"),
        ("+4915112345678", "01511 2345678"),
        ("+33123456789", "0033 1 23 45 67 89"),
        ("+442079460000 ext. 5555", "0044 20 7946 0000 ext. 5555"),
        ("=1+1", "'=1+1"),  # not a phone number: the formula guard applies
    ],
)
def test_excel_phone_cells(stored: str, cell: str) -> None:
    assert excel_phone(stored) == cell


def test_xlsx_export_has_typed_cells_and_no_formulas(db: Any, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    _pipeline(db)
    path = tmp_path / "leads.xlsx"
    assert export_leads(db, path, "xlsx") == 5
    sheet = openpyxl.load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    people = [dict(zip(header, r, strict=True)) for r in rows[1:]]
    anna = next(p for p in people if p["Nachname"] == "Müller")
    assert (anna["Anrede"], anna["Titel"], anna["Phase"]) == ("Frau", "Dr.", "SQL")
    assert anna["Wert"] == 12500.5 and anna["Wiedervorlage"].date().isoformat() == "2027-03-31"
    assert anna["Telefon"] == "+49 711 123456"
    formula_cells = [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formula_cells == []  # '=HYPERLINK(…)' in the notes is text
    assert anna["Notizen"].startswith("=HYPERLINK")
