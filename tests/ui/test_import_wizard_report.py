"""Issue 15: the wizard's dry run names, per file, the rows by outcome and where the columns go."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from leaddesk.core.db import Database
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
    assert "class07_unmapped_columns.csv (CSV, utf-8): 1 new, 0 duplicate(s), 0 refused" in text
    assert (
        "10 column(s) mapped; kept in the notes: Work State, Fax Number, Pager Number, Loyalty Tier" in text
    )
    assert "class11_stray_quote.csv (CSV, utf-8): 2 new, 0 duplicate(s), 1 refused" in text
