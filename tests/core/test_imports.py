"""Import service: policies, in-file duplicates, one batch, undo, round trips, formula injection."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from leaddesk.cli import main
from leaddesk.core.db import FTS_TRIGGERS, PART_TRIGGERS, sql_literal
from leaddesk.core.exporters import export_leads
from leaddesk.core.importers.csvfile import neutralise_cell, restore_cell
from leaddesk.core.models import FieldSource, Lead, StageChange
from leaddesk.core.services.imports import (
    ImportRefused,
    UndoRefused,
    apply_import,
    plan_import,
    undo_import,
)
from leaddesk.core.services.leads import EDITABLE_FIELDS, create_lead, get_lead, move_stage, update_lead

HEADER = "Vorname;Nachname;Firma;E-Mail;Telefon;Ort\n"


def _csv(*rows: str, header: str = HEADER) -> bytes:
    return (header + "".join(r + "\n" for r in rows)).encode("cp1252")


def _snapshot(db: Any) -> dict[str, int]:
    with db.engine.connect() as conn:
        return {
            t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar()
            for t in ("lead", "stagechange", "importbatch", "importchange", "fieldsource", "attachment")
        }


def _import(db: Any, data: bytes, name: str = "messe.csv", **kw: Any) -> Any:
    plan = plan_import(db, [(name, data)], source=kw.pop("source", ""))
    return plan, apply_import(db, plan, **kw)


def test_new_rows_get_one_batch_history_and_source(db: Any) -> None:
    plan, result = _import(
        db,
        _csv(
            "Jürgen;Weiß;Weiß Metallbau GmbH;jw@weiss.de;0711 123456;Stuttgart", "Anna;Ölz;;a@oelz.at;;Wien"
        ),
    )
    assert (plan.new, plan.duplicates, plan.errors) == (2, 0, 0)
    assert result.created == 2
    with db.session() as s:
        leads = s.execute(select(Lead).order_by(Lead.id)).scalars().all()
        assert [lead.last_name for lead in leads] == ["Weiß", "Ölz"]
        assert leads[0].phone == "+49711123456" and leads[0].phone_key == "49711123456"
        assert leads[0].email_lower == "jw@weiss.de" and leads[0].source == "Import messe.csv"
        assert {lead.import_batch_id for lead in leads} == {result.batch_id}
        history = s.execute(select(StageChange).where(StageChange.lead_id == leads[0].id)).scalars().all()
        assert [(h.to_stage, h.actor_kind) for h in history] == [("lead", "import")]
    # The search index knows the imported leads (triggers or rebuild).
    from leaddesk.core.services.query import LeadFilter, lead_ids

    assert lead_ids(db, LeadFilter(search="weiß metall")) == [leads[0].id]


def test_duplicates_within_the_file_become_one_lead(db: Any) -> None:
    plan, result = _import(
        db,
        _csv(
            "Jürgen;Weiß;Weiß Metallbau GmbH;jw@weiss.de;;Stuttgart",
            "Jürgen;Weiss;Weiss Metallbau;JW@weiss.de;0711 123456;",
        ),
    )
    assert (plan.new, plan.duplicates) == (1, 1)
    assert plan.rows[1].action == "in_file" and plan.rows[1].into_row == 0
    lead = get_lead(db, 1)
    assert lead.phone == "+49711123456" and lead.city == "Stuttgart"  # filled from the second row
    assert result.created == 1


@pytest.mark.parametrize("policy", ["skip", "update", "merge"])
def test_duplicate_policies(db: Any, policy: str) -> None:
    existing, _ = create_lead(
        db, {"first_name": "Eva", "last_name": "Roth", "email": "eva@roth.de", "city": "Ulm"}
    )
    plan, result = _import(db, _csv("Eva;Roth;Roth AG;EVA@roth.de;030 1234567;Berlin"), on_duplicate=policy)
    assert plan.rows[0].action == "duplicate" and plan.rows[0].match.lead_id == existing.id
    lead = get_lead(db, existing.id)
    with db.session() as s:
        sources = {f.field: f.origin for f in s.execute(select(FieldSource)).scalars()}
    if policy == "skip":
        assert (result.skipped, lead.version, lead.company) == (1, 1, "")
        assert sources == {}
    elif policy == "update":
        assert (lead.company, lead.city, lead.phone) == ("Roth AG", "Berlin", "+49301234567")
        assert sources == dict.fromkeys(("company", "phone", "city"), f"import:{result.batch_id}")
    else:
        assert (lead.company, lead.city, lead.phone) == ("Roth AG", "Ulm", "+49301234567")
        assert "Berlin" in lead.notes and "messe.csv" in lead.notes  # conflict kept, not overwritten
        assert len(result.conflicts) == 1 and "kept 'Ulm'" in result.conflicts[0]
        assert sources == dict.fromkeys(("company", "phone"), f"import:{result.batch_id}")
    assert _snapshot(db)["lead"] == 1


def test_errors_refuse_the_import_unless_skipped(db: Any) -> None:
    data = _csv(
        "Eva;Roth;;eva@roth.de;;",
        ";;;;;",
        "Max;Muster;;;;",
        header="Vorname;Nachname;Firma;E-Mail;Telefon;Mitarbeiter\n",
    )
    data = b"Vorname;Nachname;Mitarbeiter\nEva;Roth;12\nMax;Muster;viele\n"
    before = _snapshot(db)
    plan = plan_import(db, [("x.csv", data)])
    assert plan.errors == 1
    assert plan.problems("error") == [
        "error: x.csv, line 3, field company_size: 'viele' is not a number of employees"
    ]
    with pytest.raises(ImportRefused, match="line 3"):
        apply_import(db, plan)
    assert _snapshot(db) == before
    result = apply_import(db, plan, skip_errors=True)
    assert (result.created, result.errors) == (1, 1)


def test_undo_removes_created_and_restores_merged(db: Any) -> None:
    existing, _ = create_lead(db, {"first_name": "Eva", "last_name": "Roth", "email": "eva@roth.de"})
    before = _snapshot(db)
    _, result = _import(db, _csv("Eva;Roth;Roth AG;eva@roth.de;;", "Tom;Neu;Neu KG;tom@neu.de;;Bonn"))
    assert get_lead(db, existing.id).company == "Roth AG"
    undone = undo_import(db, result.batch_id)
    assert (undone.removed, undone.restored, undone.kept) == (1, 1, [])
    after = _snapshot(db)
    assert after["lead"] == before["lead"] and after["stagechange"] == before["stagechange"]
    lead = get_lead(db, existing.id)
    assert lead.company == "" and lead.version == existing.version
    with db.session() as s:
        assert s.execute(select(func.count()).select_from(FieldSource)).scalar() == 0
    with pytest.raises(Exception, match="already undone"):
        undo_import(db, result.batch_id)


def test_undo_refuses_when_leads_were_edited_since(db: Any) -> None:
    _, result = _import(db, _csv("Tom;Neu;Neu KG;tom@neu.de;;Bonn", "Ina;Alt;Alt KG;ina@alt.de;;Kiel"))
    move_stage(db, 1, "mql", actor="test")
    snapshot = _snapshot(db)
    with pytest.raises(UndoRefused, match="changed after it"):
        undo_import(db, result.batch_id)
    assert _snapshot(db) == snapshot
    undone = undo_import(db, result.batch_id, force=True)
    assert (undone.removed, undone.kept) == (1, [1])
    assert get_lead(db, 1).stage == "mql"


def test_undo_of_a_merge_refuses_after_a_later_edit(db: Any) -> None:
    existing, _ = create_lead(db, {"first_name": "Eva", "last_name": "Roth", "email": "eva@roth.de"})
    _, result = _import(db, _csv("Eva;Roth;Roth AG;eva@roth.de;;"))
    lead = get_lead(db, existing.id)
    update_lead(db, existing.id, {"city": "Ulm"}, expected_version=lead.version)
    with pytest.raises(UndoRefused):
        undo_import(db, result.batch_id)
    assert get_lead(db, existing.id).company == "Roth AG"


FULL = {
    "first_name": "Jürgen",
    "last_name": "Weiß-Özdemir",
    "company": '=HYPERLINK("http://evil","Klick") GmbH',
    "title": "-Leiter Einkauf",
    "email": "j.weiss@example.de",
    "phone": "+49 711 123456",
    "mobile": "0151 2345678",
    "website": "www.weiss.example",
    "street": "Königstraße 1\nHinterhaus",
    "postal_code": "70173",
    "city": "Stuttgart",
    "country": "de",
    "industry": "Maschinenbau",
    "company_size": 250,
    "source": "Messe Stuttgart 2026",
    "tags": "Messe, VIP",
    "owner": "@sven",
    "notes": 'Zeile 1\nZeile 2; mit, Zeichen "zitiert"',
    "value": 12500.5,
    "currency": "CHF",
    "next_follow_up": datetime(2026, 12, 1, 9, 30, tzinfo=UTC),
    "consent_at": datetime(2026, 11, 20, 14, 0, tzinfo=UTC),
    "consent_source": "Visitenkarte",
    "consent_purpose": "Angebot",
}


@pytest.mark.parametrize(("fmt", "version"), [("csv", ""), ("vcf", "4.0"), ("vcf", "3.0")])
def test_export_import_round_trip_keeps_every_field(db: Any, tmp_path: Path, fmt: str, version: str) -> None:
    from leaddesk.core.db import Database

    original, _ = create_lead(db, FULL)
    target = tmp_path / f"leads.{fmt}"
    assert export_leads(db, target, fmt, vcard_version=version or "4.0") == 1
    other = Database.open(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    try:
        plan = plan_import(other, [(target.name, target.read_bytes())])
        assert plan.errors == 0 and plan.new == 1, plan.problems()
        apply_import(other, plan)
        copy = get_lead(other, 1)
        for key in EDITABLE_FIELDS:
            assert getattr(copy, key) == getattr(original, key), key
        assert copy.uid == original.uid
        # Importing the same export again finds the lead by uid: nothing new, nothing changed.
        again = plan_import(other, [(target.name, target.read_bytes())])
        assert again.new == 0 and again.rows[0].match.reason == "uid"
    finally:
        other.close()


def test_csv_export_neutralises_formulas_and_opens_in_excel(db: Any, tmp_path: Path) -> None:
    create_lead(db, FULL | {"email": "", "notes": "=1+2", "city": "+Stadt", "street": "@Straße"})
    target = tmp_path / "leads.csv"
    export_leads(db, target, "csv")
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the umlauts
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines(keepends=True)))
    row = rows[0]
    assert row["company"].startswith("'=HYPERLINK")
    assert row["title"] == "'-Leiter Einkauf" and row["owner"] == "'@sven"
    assert row["phone"] == "'+49711123456" and row["notes"] == "'=1+2"
    assert row["city"] == "'+Stadt" and row["street"] == "'@Straße"
    assert row["last_name"] == "Weiß-Özdemir"
    for value in row.values():
        assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert neutralise_cell("\tcmd") == "'\tcmd" and neutralise_cell("\r=1") == "'\r=1"
    assert restore_cell(neutralise_cell("=1+2")) == "=1+2" and restore_cell("'Text") == "'Text"


def test_json_export_of_a_filter(db: Any, tmp_path: Path) -> None:
    from leaddesk.core.services.query import LeadFilter

    create_lead(db, {"last_name": "Eins", "source": "Messe"})
    create_lead(db, {"last_name": "Zwei", "source": "Website"})
    target = tmp_path / "leads.json"
    assert export_leads(db, target, "json", lead_filter=LeadFilter(source="Messe")) == 1
    data = json.loads(target.read_text("utf-8"))
    assert [d["last_name"] for d in data] == ["Eins"] and "uid" in data[0]


def test_cli_import_dry_run_then_import_then_undo(data_dir: Path, tmp_path: Path, capsys: Any) -> None:
    f = tmp_path / "messe.csv"
    f.write_bytes(
        _csv("Jürgen;Weiß;Weiß GmbH;jw@weiss.de;;Stuttgart", "Jürgen;Weiss;Weiß GmbH;jw@weiss.de;;")
    )
    args = ["--data-dir", str(data_dir)]
    assert main([*args, "import", str(f), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "dry run: new: 1, duplicates: 1, errors: 0; nothing was changed" in out
    assert "messe.csv, line 3: duplicate (repeats messe.csv, line 2)" in out
    assert main([*args, "import", str(f), "--source", "Messe 2026", "--on-duplicate", "skip"]) == 0
    assert "import 1: 1 new" in capsys.readouterr().out
    assert main([*args, "export", "--format", "vcf", "-o", str(tmp_path / "x.vcf")]) == 0
    assert "Weiß" in (tmp_path / "x.vcf").read_text("utf-8")
    assert main([*args, "undo-import", "1"]) == 0
    assert main([*args, "import", str(tmp_path / "missing.csv")]) == 1
    assert "missing.csv" in capsys.readouterr().err


def test_cli_dry_run_speaks_german_with_lang_de(
    qapp: Any, data_dir: Path, tmp_path: Path, capsys: Any
) -> None:
    """The command's own lines (context "Cli" of leaddesk/cli.py) are in the catalogue too.

    ``qapp`` first: the command would otherwise make a QCoreApplication, and the UI tests after it
    in the same session need a QApplication (Qt allows one application object per process)."""
    f = tmp_path / "messe.csv"
    f.write_bytes(
        _csv("Jürgen;Weiß;Weiß GmbH;jw@weiss.de;;Stuttgart", "Jürgen;Weiss;Weiß GmbH;jw@weiss.de;;")
    )
    assert main(["--data-dir", str(data_dir), "--lang", "de", "import", str(f), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Prüfung: neu: 1, Dubletten: 1, Fehler: 0; nichts wurde geändert" in out
    assert "messe.csv, Zeile 3: Dublette (wiederholt messe.csv, Zeile 2)" in out
    assert "dry run" not in out and "line" not in out


@pytest.mark.sqlite_only  # checks SQLite's FTS triggers / page cache
def test_failure_or_cancel_mid_apply_changes_nothing(db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from leaddesk.core.errors import Cancelled
    from leaddesk.core.services import import_write, imports

    create_lead(db, {"first_name": "Eva", "last_name": "Roth", "email": "eva@roth.de"})
    rows = [f"Tom{i};Neu{i};Neu KG;tom{i}@neu.de;;Bonn" for i in range(30)] + ["Eva;Roth;;eva@roth.de;;Ulm"]
    plan = plan_import(db, [("gross.csv", _csv(*rows))])
    monkeypatch.setattr(
        import_write, "BULK_FTS", 0
    )  # take the bulk path: triggers dropped inside the transaction
    before = _snapshot(db)

    def boom(*_a: Any, **_k: Any) -> Any:
        raise RuntimeError("disk full")

    monkeypatch.setattr(imports, "apply_duplicates", boom)
    with pytest.raises(RuntimeError):
        apply_import(db, plan)
    assert _snapshot(db) == before
    with pytest.raises(Cancelled):
        apply_import(db, plan, on_duplicate="skip", progress=lambda done, total: False)
    assert _snapshot(db) == before
    with db.engine.connect() as conn:
        triggers = conn.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'lead_fts%'"
        ).scalar()
    assert triggers == len(FTS_TRIGGERS + PART_TRIGGERS)  # the search indexes still follow every change


def test_per_row_decisions_override_the_import_policy(db: Any) -> None:
    eva = create_lead(db, {"first_name": "Eva", "last_name": "Roth", "email": "eva@roth.de", "city": "Ulm"})[
        0
    ]
    tom = create_lead(db, {"first_name": "Tom", "last_name": "Neu", "email": "tom@neu.de", "city": "Bonn"})[0]
    ina = create_lead(db, {"first_name": "Ina", "last_name": "Alt", "email": "ina@alt.de"})[0]
    plan = plan_import(
        db,
        [
            (
                "x.csv",
                _csv(
                    "Eva;Roth;;eva@roth.de;;Berlin",
                    "Tom;Neu;;tom@neu.de;;Köln",
                    "Ina;Alt;Alt KG;ina@alt.de;;",
                ),
            )
        ],
    )
    assert [r.action for r in plan.rows] == ["duplicate"] * 3
    plan.rows[0].decision = "update"
    plan.rows[1].decision = "new"  # a namesake after all: keep both
    result = apply_import(db, plan, on_duplicate="skip")
    assert (result.created, result.updated, result.skipped) == (1, 1, 1)
    assert get_lead(db, eva.id).city == "Berlin" and get_lead(db, tom.id).city == "Bonn"
    assert get_lead(db, ina.id).company == ""  # skipped by the import's policy
    plan.rows[0].decision = "maybe"
    with pytest.raises(ValueError, match="maybe"):
        apply_import(db, plan)


def test_bulk_path_keeps_the_search_index_exact(db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """With triggers suspended, new rows are indexed and changed leads re-indexed, no rebuild."""
    from leaddesk.core import db as db_module
    from leaddesk.core.db import integrity_check
    from leaddesk.core.services import import_write
    from leaddesk.core.services.query import LeadFilter, lead_ids

    monkeypatch.setattr(import_write, "BULK_FTS", 0)
    eva = create_lead(db, {"first_name": "Eva", "last_name": "Roth", "email": "eva@roth.de"})[0]
    ida = create_lead(db, {"first_name": "Ida", "last_name": "Kern", "email": "ida@kern.de", "city": "Ulm"})[
        0
    ]
    rows = [
        "Tom;Quast;Quast KG;tom@quast.de;;Bonn",
        "Eva;Roth;;eva@roth.de;;Zwickau",
        "Ida;Kern;;ida@kern.de;;",
    ]
    with monkeypatch.context() as patched:
        patched.setattr(db_module, "rebuild_fts", lambda _s: pytest.fail("full rebuild"))
        _plan, result = _import(db, _csv(*rows), on_duplicate="merge")
    assert (result.created, result.updated) == (1, 1)
    assert integrity_check(db.engine) == []
    assert lead_ids(db, LeadFilter(search="zwickau")) == [eva.id]  # filled by the merge
    assert lead_ids(db, LeadFilter(search="ulm")) == [ida.id]  # unchanged lead still found
    assert len(lead_ids(db, LeadFilter(search="quast"))) == 1
    with monkeypatch.context() as patched:  # the undo, too, takes out only the batch's rows
        patched.setattr(db_module, "rebuild_fts", lambda _s: pytest.fail("full rebuild"))
        undone = undo_import(db, result.batch_id)
    assert (undone.removed, undone.restored) == (1, 1)
    assert integrity_check(db.engine) == []
    assert lead_ids(db, LeadFilter(search="zwickau")) == []
    assert lead_ids(db, LeadFilter(search="quast")) == []
    assert lead_ids(db, LeadFilter(search="roth")) == [eva.id]  # restored, and found by its old values
    assert lead_ids(db, LeadFilter(search="ulm")) == [ida.id]


@pytest.mark.sqlite_only  # checks SQLite's FTS triggers / page cache
def test_apply_enlarges_the_page_cache_only_for_its_transaction(
    db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from leaddesk.core.db import BULK_CACHE_KIB
    from leaddesk.core.services import imports

    seen: list[int] = []
    real = imports.insert_new

    def spy(conn: Any, *args: Any) -> int:
        seen.append(conn.exec_driver_sql("PRAGMA cache_size").scalar())
        return real(conn, *args)

    monkeypatch.setattr(imports, "insert_new", spy)
    with db.engine.connect() as conn:
        before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    _import(db, _csv("Tom;Quast;Quast KG;tom@quast.de;;Bonn"))
    assert seen == [-BULK_CACHE_KIB] and before != -BULK_CACHE_KIB
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == before


def test_fresh_uids_are_distinct_version_4_uuids() -> None:
    import uuid

    from leaddesk.core.services.import_write import fresh_uids

    uids = fresh_uids(2000)
    assert len(set(uids)) == 2000 and fresh_uids(0) == []
    for text in uids:
        parsed = uuid.UUID(text)
        assert str(parsed) == text and parsed.version == 4 and parsed.variant == uuid.RFC_4122


def test_new_leads_of_one_import_get_uids_in_id_order(db: Any) -> None:
    """Fresh uids are handed out sorted (one sweep through the uid index); a file's own uid is kept."""
    rows = [f"Vor{i};Nach{i};Firma {i} KG;p{i}@firma{i}.de;;" for i in range(40)]
    _import(db, _csv(*rows))
    with db.engine.connect() as conn:
        uids = [u for (u,) in conn.execute(select(Lead.uid).order_by(Lead.id))]
    assert len(uids) == 40 and uids == sorted(uids) and len(set(uids)) == 40


def test_dry_run_reports_progress_over_both_passes_and_can_be_cancelled(db: Any) -> None:
    from leaddesk.core.errors import Cancelled

    data = _csv(*(f"Vor{i};Nach{i};Firma {i} KG;p{i}@firma{i}.de;;" for i in range(1200)))
    seen: list[tuple[int, int]] = []
    plan = plan_import(db, [("messe.csv", data)], progress=lambda done, total: seen.append((done, total)))
    assert plan.new == 1200
    assert seen[-1] == (1200, 1200) and all(t == 1200 for _, t in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen) and len(seen) >= 4
    with pytest.raises(Cancelled):
        plan_import(db, [("messe.csv", data)], progress=lambda done, total: done < 700)


@pytest.mark.sqlite_only  # SQLite's storage classes and stored text
def test_imported_times_are_stored_in_utc_as_the_orm_stores_them(db: Any) -> None:
    """The bulk insert writes times itself: an offset is converted, and whole seconds keep
    their six decimals, so stored times compare as text the same as ones the ORM wrote."""
    data = _csv("Eva;Roth;2026-12-01T10:00:00+02:00", header="Vorname;Nachname;Nächster Kontakt\n")
    plan = plan_import(db, [("messe.csv", data)], mapping={"Nächster Kontakt": "next_follow_up"})
    apply_import(db, plan)
    lead = get_lead(db, 1)
    assert lead.next_follow_up == datetime(2026, 12, 1, 8, tzinfo=UTC)
    create_lead(db, {"last_name": "Orm", "consent_at": datetime(2026, 12, 1, 8, tzinfo=UTC)})
    with db.engine.connect() as conn:
        stored = conn.exec_driver_sql(
            "SELECT coalesce(next_follow_up, consent_at), created_at FROM lead ORDER BY id"
        ).all()
    assert stored[0][0] == stored[1][0] == "2026-12-01 08:00:00.000000"
    assert all(len(created) == 26 for _, created in stored)


@pytest.mark.sqlite_only  # SQLite's storage classes and stored text
def test_bulk_insert_stores_what_the_orm_stores(db: Any) -> None:
    """Columns the file leaves empty are written as literals, the rest bound: every stored value
    and storage class matches a lead the editor (ORM) creates from the same fields."""
    _import(db, _csv("Jürgen;O'Neill;Weiß Metallbau GmbH;JW@weiss.de;0711 123456;Stuttgart"), actor="anna")
    create_lead(
        db,
        {
            "first_name": "Jürgen",
            "last_name": "O'Neill",
            "company": "Weiß Metallbau GmbH",
            "email": "JW@weiss.de",
            "phone": "0711 123456",
            "city": "Stuttgart",
            "source": "Import messe.csv",
        },
    )
    own = {"id", "uid", "position", "created_at", "updated_at", "import_batch_id"}
    with db.engine.connect() as conn:
        names = [c.name for c in Lead.__table__.columns if c.name not in own]  # type: ignore[attr-defined]
        cells = ", ".join(f"{c}, typeof({c})" for c in names)
        imported, edited = conn.exec_driver_sql(f"SELECT {cells} FROM lead ORDER BY id").all()
        change = conn.exec_driver_sql(
            "SELECT from_stage, to_stage, typeof(at), length(at), actor, actor_kind, reason FROM stagechange"
            " ORDER BY id LIMIT 1"
        ).one()
    assert dict(zip(names, imported[::2], strict=True)) == dict(zip(names, edited[::2], strict=True))
    assert imported[1::2] == edited[1::2]  # storage classes too (integer, real, text, null)
    assert tuple(change) == (None, "lead", "text", 26, "anna", "import", "Import messe.csv, line 2")


@pytest.mark.sqlite_only  # SQLite's storage classes and stored text
def test_sql_literal_reads_back_as_the_same_value(db: Any) -> None:
    values = [None, True, False, 0, -7, 2**62, 0.0, -1.5, 1e-300, 12345.678, "", "O'Neill", "ä\n'?;--", "EUR"]
    with db.engine.connect() as conn:
        for value in values:
            back = conn.exec_driver_sql(f"SELECT {sql_literal(value)}").scalar()
            expected = int(value) if isinstance(value, bool) else value
            assert back == expected and type(back) is type(expected), value


@pytest.mark.parametrize("value", [float("nan"), float("inf"), "a\0b", b"bytes", datetime(2026, 1, 1)])
def test_sql_literal_refuses_what_it_cannot_write_exactly(value: object) -> None:
    with pytest.raises(ValueError):
        sql_literal(value)


def test_a_uid_a_lead_has_already_gets_a_fresh_one(db: Any, tmp_path: Path) -> None:
    """A merged-away lead keeps its uid on its erased row, and "import as new" on a row matched
    by uid would copy it: both used to fail the whole import on the unique index."""
    from leaddesk.core.services.merge import merge_leads

    a = create_lead(db, {"first_name": "Max", "last_name": "Müller", "email": "max@a.example"})[0]
    b = create_lead(db, {"first_name": "Eva", "last_name": "Berg", "email": "eva@berg.example"})[0]
    backup = tmp_path / "backup.vcf"
    export_leads(db, backup, "vcf")
    c = create_lead(db, {"first_name": "Max", "last_name": "Mueller", "email": "m@c.example"})[0]
    merge_leads(db, c.id, a.id, {})  # a is merged into c; its erased row keeps a's uid
    plan = plan_import(db, [("backup.vcf", backup.read_bytes())])
    by_uid = {r.uid: r for r in plan.rows}
    assert by_uid[b.uid].action == "duplicate" and by_uid[b.uid].match.reason == "uid"  # type: ignore[union-attr]
    by_uid[b.uid].decision = "new"  # the person pressed N on the report
    result = apply_import(db, plan)
    with db.engine.connect() as conn:
        uids = [u for (u,) in conn.exec_driver_sql("SELECT uid FROM lead")]
    assert len(uids) == len(set(uids)) == 3 + result.created and result.created >= 1
    assert get_lead(db, b.id).uid == b.uid  # the existing lead keeps its own


def test_an_import_cancelled_and_started_again_folds_each_row_once(db: Any) -> None:
    from leaddesk.core.errors import Cancelled

    data = _csv("Anna;Schmidt;;anna@x.example;0711 111111;", "Anna;Schmidt;;anna@x.example;0711 222222;")
    plan = plan_import(db, [("fair.csv", data)])
    assert [r.action for r in plan.rows] == ["new", "in_file"]
    with pytest.raises(Cancelled):
        apply_import(db, plan, progress=lambda done, total: False)  # Cancel …
    apply_import(db, plan)  # … and Import again on the same report
    assert get_lead(db, 1).notes.count("+49711222222") == 1
