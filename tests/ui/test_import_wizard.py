"""Import wizard end to end: check, map unknown columns, report, import off the UI thread, undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from leaddesk.core.db import Database
from leaddesk.core.models import Lead
from leaddesk.core.services.leads import create_lead, get_lead
from leaddesk.ui.imports.wizard import FILES, MAPPING, REPORT, RESULT, ImportWizard

SAMPLES = Path("/work/shared/samples")


def _count(db: Database) -> int:
    with db.engine.connect() as conn:
        return int(
            conn.execute(select(func.count()).select_from(Lead).where(Lead.erased.is_(False))).scalar() or 0
        )


def _wizard(qtbot: QtBot, db: Database, files: list[str]) -> ImportWizard:
    wizard = ImportWizard(db, files=files)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def _wait_page(qtbot: QtBot, wizard: ImportWizard, page: int) -> None:
    qtbot.waitUntil(
        lambda: wizard.pages.currentIndex() == page and not (wizard.job and wizard.job.running), timeout=15000
    )


def test_import_report_duplicates_and_undo(
    qtbot: QtBot, db: Database, tmp_path: Path, qtmodeltester: object
) -> None:
    existing = create_lead(
        db, {"first_name": "Cornelius", "last_name": "Weiß", "email": "c.weiss@unittest.de"}
    )[0]
    wizard = _wizard(
        qtbot, db, [str(SAMPLES / "tine20-importtest_outlook2013.csv"), str(SAMPLES / "khard-unparsable.vcf")]
    )
    wizard.source_edit.setText("Messe Stuttgart 2026")
    wizard.check_button.click()
    _wait_page(qtbot, wizard, REPORT)
    qtmodeltester.check(wizard.problems)  # type: ignore[attr-defined]
    assert "1 new" in wizard.summary_label.text() and "1 error" in wizard.summary_label.text()
    assert wizard.problems.kinds()[0] == "error" and "duplicate" in wizard.problems.kinds()
    assert not wizard.import_button.isEnabled()  # errors: the person must choose to leave them out
    dup_row = wizard.problems.kinds().index("duplicate")
    wizard.problem_view.selectRow(dup_row)
    QTest.keyClick(wizard.problem_view, Qt.Key.Key_S)  # skip this one …
    assert wizard.problems.data(wizard.problems.index(dup_row, 5)) == "Skip"
    QTest.keyClick(wizard.problem_view, Qt.Key.Key_Backspace)  # … no: as chosen below (merge)
    assert wizard.problems.data(wizard.problems.index(dup_row, 5)) == ""
    wizard.skip_errors_box.setChecked(True)
    assert wizard.import_button.isEnabled()
    wizard.policy_combo.setCurrentIndex(wizard.policy_combo.findData("merge"))
    with qtbot.waitSignal(wizard.imported, timeout=15000) as imported:
        wizard.import_button.click()
    _wait_page(qtbot, wizard, RESULT)
    batch = imported.args[0]
    assert "1 new lead(s), 1 updated" in wizard.result_label.text()
    assert _count(db) == 2 and get_lead(db, existing.id).mobile == "+49176164321545"
    with qtbot.waitSignal(wizard.undone, timeout=15000) as undone:
        wizard.undo_button.click()
    assert undone.args == [batch]
    _wait_page(qtbot, wizard, RESULT)
    assert _count(db) == 1 and get_lead(db, existing.id).mobile == ""
    assert not wizard.undo_button.isEnabled()


def test_unknown_columns_go_through_the_mapping_dialog(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    f = tmp_path / "liste.csv"
    f.write_text(
        "Kunde;Person;Elektronische Post\nMüller Bau;Anna Müller;anna@mb.de\nSchulz AG;Bernd Schulz;b@s.de\n",
        "utf-8",
    )
    wizard = _wizard(qtbot, db, [str(f)])
    wizard.check_button.click()
    _wait_page(qtbot, wizard, MAPPING)
    assert wizard.mapping_table.rowCount() == 3 and wizard.preview_table.rowCount() == 2
    assert "Müller Bau" in wizard.mapping_table.item(0, 2).text()
    wizard.set_target("Kunde", "company")
    wizard.set_target("Person", "full_name")
    wizard.set_target("Elektronische Post", "email")
    wizard.remap_button.click()
    _wait_page(qtbot, wizard, REPORT)
    assert "2 new" in wizard.summary_label.text()
    with qtbot.waitSignal(wizard.imported, timeout=15000):
        wizard.import_button.click()
    with db.session() as s:
        anna = s.execute(select(Lead).where(Lead.email == "anna@mb.de")).scalar_one()
        assert (anna.first_name, anna.last_name, anna.company) == ("Anna", "Müller", "Müller Bau")


def test_cancel_changes_nothing_and_unreadable_file_is_reported(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    rows = "".join(f"Vorname{i};Nachname{i};v{i}@firma{i}.de\n" for i in range(3000))
    f = tmp_path / "gross.csv"
    f.write_text("Vorname;Nachname;E-Mail\n" + rows, "utf-8")
    wizard = _wizard(qtbot, db, [str(f)])
    wizard.check_button.click()
    _wait_page(qtbot, wizard, REPORT)
    wizard.job = None
    wizard.import_button.click()
    assert wizard.job is not None
    wizard.cancel()
    _wait_page(qtbot, wizard, REPORT)
    if "nothing was changed" in wizard.summary_label.text():  # cancelled before the commit
        assert _count(db) == 0
    else:  # the import won the race: it is complete, never partial
        assert _count(db) == 3000
    wizard.file_list.clear()
    wizard.file_list.addItem(str(tmp_path / "fehlt.csv"))
    wizard.pages.setCurrentIndex(FILES)
    wizard.check_button.click()
    assert wizard.pages.currentIndex() == FILES and "fehlt.csv" in wizard.check_button.toolTip()


def test_import_history_undoes_later_and_offers_force(
    qtbot: QtBot, db: Database, tmp_path: Path, qtmodeltester: object
) -> None:
    from leaddesk.core.services.imports import apply_import, plan_import
    from leaddesk.core.services.leads import move_stage
    from leaddesk.ui.imports.history import ImportHistory

    data = b"Vorname;Nachname;E-Mail\nTom;Neu;tom@neu.de\nIna;Alt;ina@alt.de\n"
    first = apply_import(db, plan_import(db, [("a.csv", data)]))
    move_stage(db, 1, "mql")
    history = ImportHistory(db)
    qtbot.addWidget(history)
    history.show()
    qtmodeltester.check(history.model)  # type: ignore[attr-defined]
    assert history.selected_batch().id == first.batch_id
    history.undo_button.click()
    qtbot.waitUntil(history.force_button.isVisible, timeout=10000)
    assert _count(db) == 2 and "changed after" in history.status.text()
    with qtbot.waitSignal(history.undone, timeout=10000):
        history.force_button.click()
    assert _count(db) == 1 and get_lead(db, 1).stage == "mql"
    assert history.model.data(history.model.index(0, 6)) != ""  # shown as undone
    assert not history.undo_button.isEnabled()
