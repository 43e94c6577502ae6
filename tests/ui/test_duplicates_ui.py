"""Duplicate finder lists pairs off the UI thread; the merge dialog picks fields by keyboard and merges."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from leaddesk.core.db import Database
from leaddesk.core.errors import NotFoundError
from leaddesk.core.services.leads import create_lead, get_lead
from leaddesk.ui.imports.duplicates import DuplicateFinder, MergeDialog


def test_finder_and_merge_by_keyboard(qtbot: QtBot, db: Database, qtmodeltester: object) -> None:
    a = create_lead(
        db, {"first_name": "Anna", "last_name": "Müller", "company": "Müller Bau GmbH", "city": "Ulm"}
    )[0]
    b = create_lead(
        db,
        {
            "first_name": "Anna",
            "last_name": "Mueller",
            "company": "Mueller Bau",
            "city": "Berlin",
            "email": "anna@mb.de",
        },
    )[0]
    create_lead(db, {"first_name": "Dora", "last_name": "Klein", "company": "Anderes KG"})
    finder = DuplicateFinder(db)
    qtbot.addWidget(finder)
    finder.show()
    qtbot.waitUntil(lambda: finder.model.rowCount() == 1, timeout=10000)
    qtmodeltester.check(finder.model)  # type: ignore[attr-defined]
    assert finder.selected_pair() == (a.id, b.id)
    dialog = finder.open_merge()
    assert isinstance(dialog, MergeDialog)
    qtbot.addWidget(dialog)
    city = dialog.fields.index("city")
    dialog.table.setCurrentCell(city, 0)
    QTest.keyClick(dialog.table, Qt.Key.Key_Right)  # take B's city
    assert dialog.table.item(city, 2).checkState() == Qt.CheckState.Checked
    keep, other, choices = dialog.field_choices()
    assert (keep, other) == (b.id, a.id)  # B has more filled fields: kept by default
    assert choices["city"] == "keep" and choices["email"] == "keep"
    with qtbot.waitSignal(finder.merged):
        dialog.merge_button.click()
    kept = get_lead(db, b.id)
    assert (kept.city, kept.email) == ("Berlin", "anna@mb.de") and "Ulm" in kept.notes
    try:
        get_lead(db, a.id)
        raise AssertionError("the merged lead should be gone from normal use")
    except NotFoundError:
        pass
    assert finder.model.rowCount() == 0


def test_merge_dialog_keep_a_and_pick_b_values(qtbot: QtBot, db: Database) -> None:
    a = create_lead(
        db, {"first_name": "Jörg", "last_name": "Beispiel", "company": "Beispiel GmbH", "phone": "040 123456"}
    )[0]
    b = create_lead(
        db, {"first_name": "Joerg", "last_name": "Beispiel", "company": "Beispiel", "phone": "040 999999"}
    )[0]
    dialog = MergeDialog(db, a.id, b.id)
    qtbot.addWidget(dialog)
    dialog.keep_a.setChecked(True)
    dialog.choose("phone", "b")
    keep, other, choices = dialog.field_choices()
    assert (keep, other, choices["phone"], choices["first_name"]) == (a.id, b.id, "other", "keep")
    dialog.accept()
    kept = get_lead(db, a.id)
    assert (kept.phone, kept.first_name) == ("+4940999999", "Jörg") and "040 123456" not in kept.notes
    assert "+4940123456" in kept.notes


def test_export_dialog_writes_the_filter(qtbot: QtBot, db: Database, tmp_path: object) -> None:
    from pathlib import Path

    from leaddesk.core.services.query import LeadFilter
    from leaddesk.ui.imports.export import ExportDialog

    create_lead(db, {"last_name": "Eins", "source": "Messe"})
    create_lead(db, {"last_name": "Zwei", "source": "Website"})
    dialog = ExportDialog(db, LeadFilter(source="Messe"))
    qtbot.addWidget(dialog)
    assert dialog.filter_radio.isChecked()
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("vcf3"))
    target = Path(str(tmp_path)) / "messe.vcf"
    dialog.path_edit.setText(str(target))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.count is not None, timeout=10000)
    text = target.read_text("utf-8")
    assert dialog.count == 1 and "VERSION:3.0" in text and "Eins" in text and "Zwei" not in text
