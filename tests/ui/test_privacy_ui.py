"""Data protection in the window: erase from the card menu and the editor, the access PDF."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMenu, QPushButton

from leaddesk.core.db import Database
from leaddesk.core.privacy import audit
from leaddesk.core.services.leads import create_lead
from leaddesk.ui.ops import operations
from leaddesk.ui.privacy import install
from tests.core.privacy_marker import MARKER, make_marker_lead


def _menu_action(menu: QMenu, text: str) -> Any:
    return next(a for a in menu.actions() if a.text() == text)


def test_erase_from_the_card_menu_asks_names_the_person_and_what_stays(
    qtbot: Any, db: Database, window: Any, questions: Any
) -> None:
    view, _ = create_lead(db, {"first_name": "Jana", "last_name": "Quast", "company": "Quast AG"})
    create_lead(db, {"first_name": "Otto", "last_name": "Bleibt"})
    window.board.reload()
    privacy = install(window)
    menu = QMenu(window)
    privacy._extend_card_menu(menu, view.id)
    questions.answer = False
    _menu_action(menu, "Erase person…").trigger()
    assert "Jana Quast" in questions.asked[0] and "What stays" in questions.asked[0]
    assert questions.defaults[0] == "Cancel"
    assert window.board.total == 2  # Cancel: nothing happened
    questions.answer = True
    _menu_action(menu, "Erase person…").trigger()
    operations(db).wait_idle()
    qtbot.waitUntil(lambda: window.board.total == 1, timeout=5000)
    assert [e.kind for e in audit.entries(db)] == ["erasure"]


def test_erase_from_the_editor_closes_it(qtbot: Any, db: Database, window: Any, questions: Any) -> None:
    view, _ = create_lead(db, {"first_name": "Eva", "last_name": "Edit"})
    window.board.reload()
    install(window)
    editor = window.open_editor(view.id)
    assert editor is not None
    button = editor.findChild(QDialogButtonBox).findChild(QPushButton, "erasePerson")
    assert button is not None
    button.click()
    operations(db).wait_idle()
    qtbot.waitUntil(lambda: window.board.total == 0, timeout=5000)
    assert window.editor is None or not window.editor.isVisible()


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm")
def test_access_export_pdf_opens_and_shows_the_person(
    qtbot: Any, db: Database, window: Any, tmp_path: Path
) -> None:
    marker = make_marker_lead(db, tmp_path)
    privacy = install(window)
    files = privacy.export_access(marker.lead_id, window, target=tmp_path / "out" / "auskunft.pdf")
    assert [p.suffix for p in files] == [".json", ".pdf"]
    pdf = files[1]
    assert pdf.read_bytes().startswith(b"%PDF")
    png = tmp_path / "page"
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(png)], check=True)
    page = next(tmp_path.glob("page*.png"))
    shutil.copy(page, Path("/tmp/gdpr-access-page1.png"))
    image = Image.open(page).convert("L")
    dark = sum(image.histogram()[:128])
    assert dark > 2000  # text was drawn, not an empty page
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert MARKER in text and "Gesprächsnotiz" in text
    assert [e.kind for e in audit.entries(db)] == ["access_export"]


def test_monthly_retention_proposal_erases_only_what_the_owner_confirms(
    qtbot: Any, db: Database, window: Any, questions: Any
) -> None:
    from datetime import UTC, datetime

    from sqlalchemy import update

    from leaddesk.core.models import Lead, StageChange

    old = [create_lead(db, {"last_name": f"Alt{i}"}, stage="lost")[0].id for i in range(3)]
    with db.transaction() as s:
        s.execute(update(Lead).where(Lead.id.in_(old)).values(created_at=datetime(2020, 1, 1, tzinfo=UTC)))
        s.execute(
            update(StageChange)
            .where(StageChange.lead_id.in_(old))
            .values(at=datetime(2020, 1, 1, tzinfo=UTC))
        )
    window.board.reload()
    privacy = install(window)
    privacy.monthly_check()  # scans on the write lane, then opens the list
    qtbot.waitUntil(lambda: getattr(privacy, "_retention", None) is not None, timeout=10_000)
    dialog = privacy._retention
    assert dialog.list.count() == 3
    privacy._retention = None
    privacy.monthly_check()  # once a month: nothing opens again
    operations(db).wait_idle()
    qtbot.wait(50)
    assert privacy._retention is None
    dialog.list.item(1).setCheckState(Qt.CheckState.Unchecked)
    questions.answer = False
    assert not dialog.erase_ticked()
    assert window.board.total == 3
    questions.answer = True
    assert dialog.erase_ticked()
    operations(db).wait_idle()
    qtbot.waitUntil(lambda: window.board.total == 1, timeout=5000)
    assert "Erase 2 lead" in questions.asked[-1]
    assert [e.detail.split(";")[0] for e in audit.entries(db)] == ["retention", "retention"]


def test_consent_tab_records_withdraws_and_marks_do_not_contact(
    qtbot: Any, db: Database, window: Any
) -> None:
    view, _ = create_lead(db, {"first_name": "Jana", "last_name": "Tab", "email": "jana@tab.de"})
    window.board.reload()
    install(window)
    editor = window.open_editor(view.id)
    from leaddesk.ui.privacy import ConsentTab

    tab = editor.findChild(ConsentTab)
    assert tab is not None and tab.state.text() == "No consent"
    titles = [editor.tabs.tabText(i) for i in range(editor.tabs.count()) if editor.tabs.isTabVisible(i)]
    assert titles.count("Consent") == 1  # the full page, not the editor's plain fields beside it
    tab.source.setText("Messe")
    tab.purpose.setText("Angebote per E-Mail")
    tab.wording.setPlainText("Ich willige ein, Angebote per E-Mail zu erhalten.")
    assert tab.record()
    assert tab.state.text().startswith("Given on")
    tab.withdrawn()
    assert tab.state.text().startswith("Withdrawn on")
    tab.dnc.setChecked(True)
    assert tab.state.text() == "Do not contact"
    from leaddesk.core.privacy.suppression import suppressed

    assert suppressed(db, {"email": "jana@tab.de"}) is not None
    editor.done(0)


def test_quick_entry_refuses_an_erased_person_and_says_why(qtbot: Any, db: Database) -> None:
    from leaddesk.core.privacy.erase import erase_leads
    from leaddesk.ui.quick_entry import open_quick_entry

    view, _ = create_lead(db, {"first_name": "Jana", "last_name": "Weg", "email": "jana@weg.de"})
    erase_leads(db, [view.id])
    win = open_quick_entry(db)
    qtbot.addWidget(win)
    win.fields["first_name"].setText("Jana")
    win.fields["last_name"].setText("Weg")
    win.fields["email"].setText("Jana@Weg.de")
    assert not win.save_and_next()
    assert "erased on" in win.card.message.text() and "at the person's request" in win.card.message.text()
    assert win.values()["last_name"] == "Weg"  # the typed card stays, nothing saved
    win.fields["email"].setText("")
    win.fields["last_name"].setText("")
    win.fields["first_name"].setText("")
    win.close()
