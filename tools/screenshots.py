"""Screenshots of the screens issue 17 found cramped, on a fresh demo database.

Run under a virtual screen, once per language and scale, e.g.::

    LEADDESK_LANG=de xvfb-run -a -s "-screen 0 1280x800x24" python tools/screenshots.py /work/shots/polish/de
    LEADDESK_LANG=en QT_SCALE_FACTOR=2 xvfb-run -a -s "-screen 0 2560x1600x24" python tools/screenshots.py OUT

Each window is shown at the size LeadDesk gives it (the editor and dialogs at their defaults)
and grabbed with ``QWidget.grab()``: BANT tab, import mapping page, follow-up list, duplicate
finder, merge dialog, call recovery, history tab and the status bar; the import report and result
after leads changed since its check, and the report's warning for a lead in the trash.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QWidget


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "shots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    from leaddesk.core.db import Database
    from leaddesk.core.demo import build_demo
    from leaddesk.core.models import utcnow
    from leaddesk.core.privacy.erase import erase_leads
    from leaddesk.core.services.leads import create_lead
    from leaddesk.core.services.qualification import save_draft
    from leaddesk.core.services.tasks import create_task
    from leaddesk.core.services.trash import delete_leads
    from leaddesk.ui.i18n import choose_language, install_translators

    translators = install_translators(app, choose_language())  # noqa: F841 (kept alive)
    data = Path(tempfile.mkdtemp(prefix="leaddesk-shots-"))
    db = Database.open_data_dir(data)
    build_demo(db, leads=60, seed=3)
    a = create_lead(
        db,
        {
            "first_name": "Sabine",
            "last_name": "Hoffmann-Oberländer",
            "company": "Feinmechanik Hoffmann-Oberländer GmbH & Co. KG",
            "email": "sabine.hoffmann-oberlaender@feinmechanik-hoffmann.de",
            "phone": "0711 1234567",
            "value": 75000,
        },
    )[0]
    create_lead(
        db,
        {
            "first_name": "Sabine",
            "last_name": "Hoffmann Oberländer",
            "company": "Feinmechanik Hoffmann-Oberlaender GmbH",
            "email": "s.hoffmann@feinmechanik-hoffmann.de",
            "phone": "+49 711 1234567",
            "value": 82500.5,
        },
    )
    now = utcnow()
    create_task(
        db, a.id, now - timedelta(days=2), title="Angebot für die Wartung der Fräsmaschinen nachfassen"
    )
    save_draft(db, a.id, {"elapsed_s": 754}, started_at=now - timedelta(minutes=13))
    create_lead(db, {"first_name": "Petra", "last_name": "Jäger", "company": "Jäger Logistik KG"})

    from leaddesk.ui import features as feature_module
    from leaddesk.ui.imports.wizard import MAPPING, REPORT, RESULT
    from leaddesk.ui.main_window import MainWindow

    window = MainWindow(db)
    features = feature_module.Features(window)
    window.features = features  # type: ignore[attr-defined]
    window.resize(1280, 800)
    window.show()

    def settle(seconds: float = 0.4) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.02)

    def until(page: Callable[[], bool], seconds: float = 20.0) -> None:
        """Let events run until ``page()`` holds (a wizard reached a page), at most ``seconds``."""
        end = time.monotonic() + seconds
        while not page() and time.monotonic() < end:
            settle(0.1)

    def snap(widget: QWidget, name: str) -> None:
        settle()
        widget.grab().save(str(out / f"{name}.png"))
        print(out / f"{name}.png")

    settle(1.0)
    window.board.select_lead(a.id, "lead")
    snap(window, "main_window")
    window.list_page.act_show_list.trigger()  # View → List (Ctrl+2)
    snap(window, "list_view")
    window.list_page.act_show_board.trigger()
    window.filters.search.setText("Jäger")  # a search that finds one lead: "1 of N leads shown"
    settle(1.0)
    snap(window.statusBar(), "status_bar_filtered")
    window.filters.search.clear()
    settle(0.5)

    editor = window.open_editor(a.id)
    assert editor is not None
    snap(editor, "editor_contact")
    for title in ("BANT", "History", "Activities"):
        index = next(
            i
            for i in range(editor.tabs.count())
            if editor.tabs.widget(i) is not None and _is(editor.tabs.widget(i), title)
        )
        editor.tabs.setCurrentIndex(index)
        snap(editor, f"editor_{title.lower()}")
    bant = next(i for i in range(editor.tabs.count()) if _is(editor.tabs.widget(i), "BANT"))
    editor.tabs.setCurrentIndex(bant)
    panel = editor.tabs.widget(bant)
    panel.form.widgets["timing_target"].setText("31.03.2027")  # the locale's date: accepted
    panel.save()
    snap(editor, "editor_bant_saved")
    panel.form.widgets["timing_target"].setText("31.13.2027")  # no such day: refused, said below
    panel.save()
    snap(editor, "editor_bant_error")
    editor.done(0)

    from leaddesk.ui.call.window import start_discovery_call

    call = start_discovery_call(db, a.id)
    call.resize(1280, 760)
    call.form.set_state({"budget_amount": "viel", "timing_target": "31.13.2027"})
    call.request_end()
    snap(call, "call_window_error")
    call.form.set_state({"budget_amount": "", "timing_target": ""})
    call.close()

    follow_ups = features.show_follow_ups()
    snap(follow_ups, "followups")
    follow_ups.close()

    finder = features.open_duplicates()
    end = time.monotonic() + 20
    while finder.progress.isVisible() and time.monotonic() < end:
        settle(0.1)
    snap(finder, "duplicates")
    merge = finder.open_merge()
    if merge is not None:
        snap(merge, "merge")
        merge.reject()
    finder.close()

    from leaddesk.ui.call.recovery import offer_pending_drafts

    recovery = offer_pending_drafts(db, window)
    if recovery is not None:
        snap(recovery, "call_recovery")
        recovery.reject()

    def checked(name: str, text: str, page: int) -> Any:
        """The import wizard on a file ``name`` holding ``text``, once its check reached ``page``."""
        path = data / name
        path.write_text(text, encoding="utf-8")
        wizard = features.open_import([str(path)])
        wizard.check()
        until(lambda: wizard.pages.currentIndex() == page)
        return wizard

    wizard = checked(
        "messe-export.csv",
        "Spalte Eins;Kontaktperson Nachname;Unternehmen Langname\n"
        "Anna;Berger;Berger Maschinenbau GmbH\nJens;Kraus;Kraus Feinwerktechnik AG\n",
        MAPPING,
    )
    snap(wizard, "import_mapping")
    wizard.close()

    # An import whose leads changed after its check.
    timo = create_lead(db, {"first_name": "Timo", "last_name": "Berger", "email": "timo@berger.example"})[0]
    wizard = checked(
        "messe-nachtrag.csv",
        "Vorname;Nachname;Firma;E-Mail\nLena;Kraus;Kraus Feinwerktechnik AG;lena@kraus.example\n"
        "Timo;Berger;Berger Maschinenbau GmbH;timo@berger.example\n",
        REPORT,
    )
    first = wizard.plan
    # Meanwhile: Timo is erased at his request, a colleague adds Lena. The import refuses to write
    # Timo back, and the wizard checks the file again (the new report says why).
    erase_leads(db, [timo.id], wipe=False)
    create_lead(db, {"first_name": "Lena", "last_name": "Kraus", "email": "lena@kraus.example"})
    wizard.import_button.click()
    until(lambda: wizard.plan is not first and wizard.pages.currentIndex() == REPORT)
    snap(wizard, "import_rechecked_report")
    wizard.skip_errors_box.setChecked(True)
    wizard.import_button.click()
    until(lambda: wizard.pages.currentIndex() == RESULT)
    snap(wizard, "import_rechecked")
    wizard.close()

    # A person whose lead is in the trash comes in as a new lead; the report says so.
    delete_leads(db, [a.id])
    wizard = checked(
        "messe-wieder.csv", f"Vorname;Nachname;E-Mail\n{a.first_name};{a.last_name};{a.email}\n", REPORT
    )
    snap(wizard, "import_trash_warning")
    wizard.close()

    # Settings: the tags page with Rename (issue 17); the bulk dialogs a selection opens.
    dialog = window.open_settings()
    page = dialog.show_page("tags")
    settle(0.5)
    page.list.setCurrentRow(0)
    snap(dialog, "settings_tags")
    dialog.show_page("owners")  # Settings → People (team mode)
    snap(dialog, "settings_people")
    dialog.close()
    # Quick entry: one card saved (the list below), the next one repeats Sabine by e-mail (the
    # duplicate band) and has a number that is no phone number (the warning line).
    quick: Any = features.open_quick_entry()
    quick.resize(1280, 800)
    quick.set_values({"first_name": "Jonas", "last_name": "Weber", "company": "Weber Metallbau GmbH"})
    quick.save_and_next()
    quick.set_values(
        {
            "first_name": "Sabine",
            "last_name": "Hoffmann-Oberländer",
            "company": "Feinmechanik Hoffmann-Oberländer",
            "email": "sabine.hoffmann-oberlaender@feinmechanik-hoffmann.de",
            "phone": "Zentrale",
        }
    )
    quick.check_duplicates()
    quick.card.check_field("phone")
    snap(quick, "quick_entry")
    quick.discard()
    quick.close()

    # The scoring rules: the second rule chosen, its form, the preview of what the edit would do.
    rules: Any = features.open_rule_editor()
    rules.resize(1280, 800)
    rules.select_row(1)
    shown: list[object] = []
    rules.preview_updated.connect(shown.append)
    rules.start_preview()
    until(lambda: bool(shown), 10.0)
    snap(rules, "rule_editor")
    rules.close()

    # The reports window as it opens: the last 12 months, every section computed.
    from leaddesk.ui.reports import open_reports

    ready: list[object] = []
    reports = open_reports(window)
    reports.report_ready.connect(ready.append)
    until(lambda: bool(ready), 20.0)
    snap(reports, "reports")
    reports.close()

    from PySide6.QtCore import QTimer

    from leaddesk.ui.dialogs import ReasonDialog
    from leaddesk.ui.listview import bulk

    reason = ReasonDialog("", "", "lead", window, count=3)
    reason.show()
    snap(reason, "bulk_reason_back")
    reason.reject()

    def grab_modal() -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None:
            modal.grab().save(str(out / "bulk_follow_up.png"))
            print(out / "bulk_follow_up.png")
            modal.close()

    QTimer.singleShot(600, grab_modal)
    bulk.ask_day(window)
    os.environ.get("KEEP") or db.close()
    return 0


def _is(widget: QWidget, title: str) -> bool:
    """Which feature tab a widget is (by class, not the translated tab title)."""
    names = {
        "BANT": "QualificationPanel",
        "History": "StageHistoryView",
        "Activities": "ActivityTimeline",
    }
    return type(widget).__name__ == names[title]


if __name__ == "__main__":
    sys.exit(main())
