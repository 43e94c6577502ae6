"""Issue 15: the wizard's dry run names, per file, the rows by outcome and where the columns go."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from leaddesk.core.db import Database
from leaddesk.core.services.leads import create_lead
from leaddesk.ui.imports.wizard import REPORT, ImportWizard

DATA = Path(__file__).resolve().parents[1] / "data"


def test_dry_run_lists_rows_and_columns_per_file(qtbot: QtBot, db: Database) -> None:
    files = [str(DATA / "class07_unmapped_columns.csv"), str(DATA / "class11_stray_quote.csv")]
    wizard = ImportWizard(db, files=files)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.check_button.click()
    qtbot.waitUntil(
        lambda: wizard.pages.currentIndex() == REPORT and not (wizard.job and wizard.job.running),
        timeout=15000,
    )
    text = wizard.summary_label.text()
    assert "class07_unmapped_columns.csv (CSV, utf-8): new: 1, duplicates: 0, refused: 0" in text
    assert "columns mapped: 10; kept in the notes: Work State, Fax Number, Pager Number, Loyalty Tier" in text
    assert "class11_stray_quote.csv (CSV, utf-8): new: 2, duplicates: 0, refused: 1" in text


def _checked(qtbot: QtBot, db: Database, files: list[Path]) -> ImportWizard:
    wizard = ImportWizard(db, files=[str(f) for f in files])
    qtbot.addWidget(wizard)
    wizard.resize(700, 500)  # narrower than the longest message
    wizard.show()
    wizard.check_button.click()
    qtbot.waitUntil(
        lambda: wizard.pages.currentIndex() == REPORT and not (wizard.job and wizard.job.running),
        timeout=15000,
    )
    return wizard


def test_a_message_cut_in_the_table_is_read_whole_below_it(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    """The table cuts a long message at its edge; the pane below shows the current row's whole text,
    and follows the arrow keys. One file and no duplicates: no file or choice column."""
    source = tmp_path / "messe.csv"
    source.write_text(
        "Vorname;Nachname;E-Mail;Telefon;Land\nAnna;Berger;anna@berger;12;Deutschland\n", encoding="utf-8"
    )
    wizard = _checked(qtbot, db, [source])
    panel, view = wizard.problem_panel, wizard.problem_view
    messages = [wizard.problems.data(wizard.problems.index(r, 4)) for r in range(wizard.problems.rowCount())]
    assert len(messages) == 2 and all(messages)
    longest = max(messages, key=len)
    assert panel.fontMetrics().horizontalAdvance(longest) > view.columnWidth(4)  # cut in the table …
    assert view.isColumnHidden(0) and view.isColumnHidden(5)
    assert panel.detail.isVisible()
    assert (
        panel.detail.text()
        == f"messe.csv, line 2 · Warning · {wizard.problems.data(wizard.problems.index(0, 3))}\n{messages[0]}"
    )
    assert not view.selectionModel().selectedRows()  # current, not chosen: Columns… is unaffected
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert panel.detail.text().endswith("\n" + messages[1])  # … and whole here
    assert view.columnViewportPosition(4) + view.columnWidth(4) <= view.viewport().width()


def test_the_choice_and_file_columns_show_when_they_say_something(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    create_lead(db, {"first_name": "Timo", "last_name": "Berger", "email": "timo@berger.example"})
    one, two = tmp_path / "a.csv", tmp_path / "b.csv"
    one.write_text("Vorname;Nachname\nLena;Kraus\n", encoding="utf-8")
    two.write_text("Vorname;Nachname;E-Mail\nTimo;Berger;timo@berger.example\n", encoding="utf-8")
    wizard = _checked(qtbot, db, [one, two])
    view = wizard.problem_view
    assert not view.isColumnHidden(0) and not view.isColumnHidden(5)
    row = wizard.problems.kinds().index("duplicate")
    view.selectRow(row)
    qtbot.keyClick(view, Qt.Key.Key_N)
    label = wizard.problems.data(wizard.problems.index(row, 5))
    assert label == "Import as new" and view.fontMetrics().horizontalAdvance(label) < view.columnWidth(5)
    assert wizard.problem_panel.detail.text().startswith("b.csv, line 2 · Duplicate")
    wizard.problem_panel.set_plan(None)  # a new check starts: nothing to show below
    assert not wizard.problem_panel.detail.isVisible()
