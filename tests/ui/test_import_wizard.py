"""Import wizard end to end: check, map unknown columns, report, import off the UI thread, undo."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from leaddesk.core.db import Database
from leaddesk.core.models import Lead
from leaddesk.core.services.leads import create_lead, get_lead
from leaddesk.ui.imports.wizard import FILES, MAPPING, REPORT, RESULT, ImportWizard


def _today() -> str:
    from PySide6.QtCore import QLocale

    return QLocale().toString(date.today(), QLocale.FormatType.ShortFormat)


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
    qtbot: QtBot, db: Database, tmp_path: Path, qtmodeltester: object, questions: Any, english: Any
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
    assert "New: 1</b>" in wizard.summary_label.text() and "errors: 1" in wizard.summary_label.text()
    assert wizard.problems.kinds()[0] == "error" and "duplicate" in wizard.problems.kinds()
    assert not wizard.import_button.isEnabled()  # errors: the person must choose to leave them out
    dup_row = wizard.problems.kinds().index("duplicate")
    assert wizard.problems.data(wizard.problems.index(dup_row, 3)) == ""  # no field: the row as a whole
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
    assert "new leads: 1, updated: 1" in wizard.result_label.text()
    assert _count(db) == 2 and get_lead(db, existing.id).mobile == "+49176164321545"
    # Keyboard focus is on Close; the undo buttons never take Enter.
    assert wizard.focusWidget() is wizard.close_button
    assert not wizard.undo_button.autoDefault() and not wizard.force_undo_button.autoDefault()
    questions.answer = False  # asked, then Cancel (the default): nothing is undone
    wizard.undo_button.click()
    assert questions.defaults == ["Cancel"] and "Remove 1 lead imported on" in questions.asked[0]
    assert _count(db) == 2 and wizard.pages.currentIndex() == RESULT
    questions.answer = True
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
    assert wizard.mapping.table.rowCount() == 3 and wizard.mapping.preview.rowCount() == 2
    assert "Müller Bau" in wizard.mapping.table.item(0, 2).text()
    wizard.set_target("Kunde", "company")
    wizard.set_target("Person", "full_name")
    wizard.set_target("Elektronische Post", "email")
    wizard.mapping.remap_button.click()
    _wait_page(qtbot, wizard, REPORT)
    assert "New: 2</b>" in wizard.summary_label.text()
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
    qtbot: QtBot, db: Database, tmp_path: Path, qtmodeltester: object, questions: Any, english: Any
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
    assert questions.asked == [f"Remove 2 leads imported on {_today()} from a.csv?"]
    qtbot.waitUntil(history.force_button.isVisible, timeout=10000)
    assert _count(db) == 2 and "changed after" in history.status.text()
    with qtbot.waitSignal(history.undone, timeout=10000):
        history.force_button.click()
    assert _count(db) == 1 and get_lead(db, 1).stage == "mql"
    assert history.model.data(history.model.index(0, 6)) != ""  # shown as undone
    assert not history.undo_button.isEnabled()


@pytest.mark.parametrize("language", ["german", "english"])
def test_force_undo_is_offered_for_a_refusal_in_every_language(
    qtbot: QtBot, db: Database, tmp_path: Path, request: pytest.FixtureRequest, language: str, questions: Any
) -> None:
    """The refusal's text is translated: the forced undo must be offered by the exception's type."""
    from leaddesk.core.services.imports import apply_import, plan_import
    from leaddesk.core.services.leads import move_stage
    from leaddesk.ui.imports.history import ImportHistory

    request.getfixturevalue(language)
    f = tmp_path / "messe.csv"
    f.write_text("Vorname;Nachname;E-Mail\nTom;Neu;tom@neu.de\nIna;Alt;ina@alt.de\n", "utf-8")
    wizard = _wizard(qtbot, db, [str(f)])
    wizard.check_button.click()
    _wait_page(qtbot, wizard, REPORT)
    with qtbot.waitSignal(wizard.imported, timeout=15000):
        wizard.import_button.click()
    _wait_page(qtbot, wizard, RESULT)
    move_stage(db, 1, "mql")  # edited after the import: a plain undo is refused
    wizard.undo_button.click()
    qtbot.waitUntil(wizard.force_undo_button.isVisible, timeout=10000)
    with qtbot.waitSignal(wizard.undone, timeout=10000):
        wizard.force_undo_button.click()
    assert _count(db) == 1 and get_lead(db, 1).stage == "mql"

    second = apply_import(db, plan_import(db, [("a.csv", b"Vorname;Nachname\nEva;Berg\nOle;Lund\n")]))
    with db.session() as session:
        berg = session.execute(select(Lead.id).where(Lead.last_name == "Berg")).scalar_one()
    move_stage(db, berg, "sql")
    history = ImportHistory(db)
    qtbot.addWidget(history)
    history.show()
    assert history.selected_batch().id == second.batch_id
    history.undo_button.click()
    qtbot.waitUntil(history.force_button.isVisible, timeout=10000)
    with qtbot.waitSignal(history.undone, timeout=10000):
        history.force_button.click()
    assert get_lead(db, berg).stage == "sql" and _count(db) == 2


def _two_unknown_csvs(tmp_path: Path) -> tuple[Path, Path]:
    a = tmp_path / "stand_a.csv"
    a.write_text("Gast;Betrieb;Kontakt-Mail\nAnna Schmidt;Schmidt KG;anna@schmidt.example\n", "utf-8")
    b = tmp_path / "stand_b.csv"
    b.write_text("Besucher;Arbeitgeber;Mailadresse\nBernd Ott;Ott AG;bernd@ott.example\n", "utf-8")
    return a, b


def _target(wizard: ImportWizard, header: str) -> str:
    for r in range(wizard.mapping.table.rowCount()):
        if wizard.mapping.table.item(r, 0).text() == header:
            combo = wizard.mapping.table.cellWidget(r, 1)
            assert isinstance(combo, QComboBox)
            return str(combo.currentData())
    raise AssertionError(header)


def test_each_csv_file_gets_its_own_mapping(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    a, b = _two_unknown_csvs(tmp_path)
    wizard = _wizard(qtbot, db, [str(a), str(b)])
    wizard.activateWindow()
    qtbot.waitActive(wizard)  # mnemonics (Alt+…) reach the active window only
    wizard.check_button.click()
    _wait_page(qtbot, wizard, MAPPING)
    assert wizard.mapping_file == "stand_a.csv" and wizard.mapping.files.isVisibleTo(wizard)
    wizard.set_target("Gast", "full_name")
    wizard.set_target("Betrieb", "company")
    wizard.set_target("Kontakt-Mail", "email")
    wizard.mapping.remap_button.click()
    _wait_page(qtbot, wizard, REPORT)
    assert wizard.plan is not None and wizard.plan.errors == 1  # stand_b.csv: map the columns first
    QTest.keyClick(
        wizard, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier
    )  # C&olumns…: the file still unmapped
    _wait_page(qtbot, wizard, MAPPING)
    assert wizard.mapping_file == "stand_b.csv" and wizard.mapping.table.item(0, 0).text() == "Besucher"
    wizard.set_target("Besucher", "full_name")
    # keyboard: the file chooser (Alt+F) switches files; each keeps its choices
    QTest.keyClick(wizard, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    assert wizard.focusWidget() is wizard.mapping.files
    QTest.keyClick(wizard.mapping.files, Qt.Key.Key_Up)
    assert wizard.mapping_file == "stand_a.csv" and _target(wizard, "Gast") == "full_name"
    QTest.keyClick(wizard.mapping.files, Qt.Key.Key_Down)
    assert wizard.mapping_file == "stand_b.csv" and _target(wizard, "Besucher") == "full_name"
    wizard.set_target("Arbeitgeber", "company")
    wizard.set_target("Mailadresse", "email")
    wizard.mapping.remap_button.click()
    _wait_page(qtbot, wizard, REPORT)
    assert wizard.plan is not None and (wizard.plan.errors, wizard.plan.new) == (0, 2), wizard.plan.problems()
    with qtbot.waitSignal(wizard.imported, timeout=15000):
        wizard.import_button.click()
    with db.session() as s:
        got = {(x.first_name, x.last_name, x.company, x.email) for x in s.execute(select(Lead)).scalars()}
    assert got == {
        ("Anna", "Schmidt", "Schmidt KG", "anna@schmidt.example"),
        ("Bernd", "Ott", "Ott AG", "bernd@ott.example"),
    }


def test_columns_opens_the_selected_file_once_all_are_mapped(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    a, b = _two_unknown_csvs(tmp_path)
    b.write_text(
        "Vorname;Nachname;E-Mail\nBernd;Ott;bernd@ott.example\nBernd;Ott;bernd@ott.example\n", "utf-8"
    )
    wizard = _wizard(qtbot, db, [str(a), str(b)])
    wizard.check_button.click()
    _wait_page(qtbot, wizard, MAPPING)
    wizard.set_target("Gast", "full_name")
    wizard.mapping.remap_button.click()
    _wait_page(qtbot, wizard, REPORT)
    row = wizard.problems.kinds().index("duplicate")  # the repeated row of stand_b.csv
    assert wizard.problems.file_name(row) == "stand_b.csv"
    wizard.problem_view.selectRow(row)
    wizard.columns_button.click()
    assert wizard.mapping_file == "stand_b.csv" and _target(wizard, "E-Mail") == "email"
    wizard.pages.setCurrentIndex(REPORT)
    wizard.problem_view.clearSelection()
    wizard.columns_button.click()
    assert wizard.mapping_file == "stand_a.csv" and _target(wizard, "Gast") == "full_name"


def test_same_unknown_columns_are_mapped_once_and_clashes_are_refused(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    """The core takes one mapping for all files: the same column name cannot mean two things."""
    a = tmp_path / "tag1.csv"
    a.write_text("Gast;Mailadresse\nAnna Schmidt;anna@schmidt.example\n", "utf-8")
    b = tmp_path / "tag2.csv"
    b.write_text("Gast;Mailadresse\nBernd Ott;bernd@ott.example\n", "utf-8")
    wizard = _wizard(qtbot, db, [str(a), str(b)])
    wizard.check_button.click()
    _wait_page(qtbot, wizard, MAPPING)
    wizard.set_target("Gast", "full_name")
    wizard.set_target("Mailadresse", "email")
    wizard.mapping.remap_button.click()
    _wait_page(qtbot, wizard, REPORT)
    assert wizard.plan is not None and (wizard.plan.errors, wizard.plan.new) == (0, 2)  # tag2 read alike
    plan = wizard.plan
    wizard.problem_view.clearSelection()
    wizard._show_mapping("tag2.csv")
    assert _target(wizard, "Gast") == "full_name"  # shows how it is read now
    wizard.set_target("Gast", "company")
    wizard.mapping.remap_button.click()
    assert wizard.pages.currentIndex() == MAPPING and wizard.plan is plan  # not checked
    assert "Gast" in wizard.mapping.title.text() and "tag1.csv" in wizard.mapping.title.text()
    wizard.set_target("Gast", "full_name")
    wizard.mapping.remap_button.click()
    _wait_page(qtbot, wizard, REPORT)
    assert wizard.plan is not plan and wizard.plan.errors == 0


def test_enter_in_past_imports_closes_and_undoes_nothing(qtbot: QtBot, db: Database) -> None:
    from leaddesk.core.services.imports import apply_import, plan_import
    from leaddesk.ui.imports.history import ImportHistory

    apply_import(db, plan_import(db, [("a.csv", b"Vorname;Nachname\nTom;Neu\nIna;Alt\n")]))
    history = ImportHistory(db)
    qtbot.addWidget(history)
    history.show()
    history.view.setFocus()
    assert not history.undo_button.autoDefault()
    QTest.keyClick(history.view, Qt.Key.Key_Return)
    assert _count(db) == 2 and not history.isVisible()  # Close is the default button


def test_leads_changed_after_the_check_are_followed_and_said(
    qtbot: QtBot, db: Database, tmp_path: Path, german: Any
) -> None:
    """Between the report and the import one person is erased and a colleague adds another: the
    import refuses to write the erased person back, the wizard checks the file again and shows
    the new report with the reason in German; the import then merges the other person into the
    colleague's lead and says that the report was outdated."""
    from leaddesk.core.privacy.erase import erase_leads

    eva = create_lead(db, {"first_name": "Eva", "last_name": "Roth", "email": "eva@roth.de"})[0]
    f = tmp_path / "messe.csv"
    f.write_text("Vorname;Nachname;E-Mail;Ort\nEva;Roth;eva@roth.de;Zwickau\nTom;Quast;tom@quast.de;Bonn\n")
    wizard = _wizard(qtbot, db, [str(f)])
    wizard.check_button.click()
    _wait_page(qtbot, wizard, REPORT)
    assert wizard.plan is not None and wizard.plan.rows[0].action == "duplicate"
    erase_leads(db, [eva.id], wipe=False)  # meanwhile, elsewhere
    first_plan = wizard.plan
    wizard.import_button.click()
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.plan is not first_plan, timeout=15000)
    _wait_page(qtbot, wizard, REPORT)
    summary = wizard.summary_label.text()
    assert "Seit der Prüfung haben sich Leads geändert" in summary, summary
    assert "messe.csv, Zeile 2: nicht importiert: am " in summary and "(gleiche E-Mail-Adresse)" in summary
    assert [r.action for r in wizard.plan.rows] == ["error", "new"]  # the report as it is now
    assert not wizard.import_button.isEnabled()  # an error again: leaving it out is a choice
    assert _count(db) == 0
    create_lead(db, {"first_name": "Tom", "last_name": "Quast", "email": "tom@quast.de"})  # a colleague
    wizard.skip_errors_box.setChecked(True)
    with qtbot.waitSignal(wizard.imported, timeout=15000):
        wizard.import_button.click()
    _wait_page(qtbot, wizard, RESULT)
    result = wizard.result_label.text()
    assert "1 Zeile wurde anders importiert als im Bericht angegeben" in result, result
    assert _count(db) == 1  # Tom once; Eva's data did not come back
    with db.session() as session:
        shell = session.get(Lead, eva.id)
        assert shell is not None and (shell.first_name, shell.email, shell.city) == ("", "", "")


def test_a_reason_on_a_page_is_shown_as_text_and_starts_a_sentence(qtbot: QtBot, db: Database) -> None:
    """Reasons may quote a file's names; the page's label is rich text, so they are escaped."""
    wizard = _wizard(qtbot, db, [])
    wizard._flash("name <b>Müller</b> & Söhne is odd", REPORT)
    assert wizard.summary_label.text().startswith(
        "<span style='color:#b00020'>Name &lt;b&gt;Müller&lt;/b&gt; &amp; Söhne is odd</span>"
    )
