"""Data protection in the window: erase a person (Art. 17), export what is held (Art. 15), audit log.

``install(window)`` adds "Erase person…" and "Subject access export…" to the Lead menu, the
card menu and the lead editor's buttons, and "Data protection log…" to the Tools menu. The
work is in :mod:`leaddesk.core.privacy`; this module asks, runs it on the write lane and
draws the access export's PDF with Qt's own PDF writer.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QMarginsF, QSizeF, Qt, QTimer
from PySide6.QtGui import QAction, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core.errors import LeadDeskError
from leaddesk.core.privacy import audit
from leaddesk.ui.dialogs import ask_destructive
from leaddesk.ui.i18n import error_text, stage_label
from leaddesk.ui.ops import operations

translate = QCoreApplication.translate  # literal calls below, so pyside6-lupdate finds every string

if TYPE_CHECKING:
    from leaddesk.core.privacy.retention import DueLead
    from leaddesk.ui.editor import LeadEditor
    from leaddesk.ui.main_window import MainWindow


# --- the access export's PDF --------------------------------------------------------------------

# Headings of the PDF in the language the person asked in (independent of the app's language).
PDF_HEADINGS: dict[str, dict[str, str]] = {
    "de": {
        "title": "Auskunft nach Art. 15 DSGVO",
        "intro": "Alle Daten, die LeadDesk zu dieser Person gespeichert hat. Erstellt am {at}.",
        "person": "Angaben zur Person",
        "consent": "Einwilligung",
        "stage_history": "Verlauf im Vertriebstrichter",
        "activities": "Aktivitäten und Anrufe",
        "qualification": "Qualifizierung (BANT)",
        "qualification_history": "Änderungen der Qualifizierung",
        "tasks": "Wiedervorlagen und Aufgaben",
        "call_drafts": "Gesprächsentwürfe",
        "score": "Punkte",
        "score_reasons": "Gründe für die Punkte",
        "score_adjustments": "Manuelle Punkteänderungen",
        "imports": "Importe, aus denen die Daten stammen",
        "field_sources": "Herkunft einzelner Angaben",
        "attachments": "Dateien (z. B. Visitenkarten)",
        "merged_records": "Zusammengeführte Datensätze",
        "none": "Keine Einträge.",
    },
    "en": {
        "title": "Subject access report (Art. 15 GDPR)",
        "intro": "Everything LeadDesk holds about this person. Generated on {at}.",
        "person": "Personal details",
        "consent": "Consent",
        "stage_history": "Funnel history",
        "activities": "Activities and calls",
        "qualification": "Qualification (BANT)",
        "qualification_history": "Qualification changes",
        "tasks": "Follow-ups and tasks",
        "call_drafts": "Call drafts",
        "score": "Score",
        "score_reasons": "Reasons for the score",
        "score_adjustments": "Manual score changes",
        "imports": "Imports the data came from",
        "field_sources": "Where single values came from",
        "attachments": "Files (such as business cards)",
        "merged_records": "Merged records",
        "none": "No entries.",
    },
}


def _cell(value: Any) -> str:
    if isinstance(value, dict):
        return "<br>".join(
            f"{html.escape(str(k))}: {_cell(v)}" for k, v in value.items() if v not in ("", None)
        )
    if isinstance(value, list):
        return "<br>".join(_cell(v) for v in value)
    text = "" if value is None else str(value)
    if len(text) > 400:  # an image as base64: the JSON has it, the PDF names its size
        text = text[:60] + "…"
    return html.escape(text).replace("\n", "<br>")


def access_html(report: dict[str, Any], language: str = "de") -> str:
    """The report as simple HTML (one table per section) for QTextDocument."""
    words = PDF_HEADINGS.get(language, PDF_HEADINGS["en"])
    from leaddesk.core.privacy.access import SECTIONS

    parts = [
        f"<h1>{html.escape(words['title'])}</h1>",
        f"<p>{html.escape(words['intro'].format(at=report.get('generated_at', '')))}</p>",
    ]
    for section in SECTIONS:
        value = report.get(section)
        parts.append(f"<h2>{html.escape(words[section])}</h2>")
        rows = value if isinstance(value, list) else ([value] if value else [])
        if not rows:
            parts.append(f"<p>{html.escape(words['none'])}</p>")
            continue
        for row in rows:
            cells = "".join(
                f"<tr><td width='30%'><b>{html.escape(str(k))}</b></td><td>{_cell(v)}</td></tr>"
                for k, v in row.items()
                if v not in ("", None, [], {})
            )
            parts.append(
                f"<table border='1' cellspacing='0' cellpadding='3' width='100%'>{cells}</table><br>"
            )
    return "<html><body style='font-family: sans-serif; font-size: 9pt'>" + "".join(parts) + "</body></html>"


def write_access_pdf(report: dict[str, Any], target: Path, language: str = "de") -> Path:
    """A readable A4 PDF of the report through Qt's PDF writer (needs a QGuiApplication)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    writer = QPdfWriter(str(target))
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(15, 15, 15, 15)
        )
    )
    writer.setResolution(96)  # the document lays out in screen pixels: 9 pt text prints as 9 pt
    writer.setTitle(PDF_HEADINGS.get(language, PDF_HEADINGS["en"])["title"])
    writer.setCreator("LeadDesk")
    document = QTextDocument()
    document.setHtml(access_html(report, language))
    layout = writer.pageLayout().paintRectPixels(writer.resolution())
    document.setPageSize(QSizeF(layout.width(), layout.height()))
    document.print_(writer)
    return target


def export_subject_access(
    db: Any, lead_id: int, target: Path, *, language: str = "de", actor: str = ""
) -> list[Path]:
    """JSON beside the PDF (``target`` with .json and .pdf), and the audit entry."""
    from leaddesk.core.privacy.access import record_export, subject_access, write_json

    report = subject_access(db, lead_id)
    base = target.with_suffix("")
    written = [
        write_json(report, base.with_suffix(".json")),
        write_access_pdf(report, base.with_suffix(".pdf"), language),
    ]
    record_export(db, report, actor=actor, formats="json, pdf")
    return written


# --- actions ------------------------------------------------------------------------------------


class Privacy:
    """Owns the data-protection actions of one main window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.db = window.db
        self.act_erase = QAction(translate("Privacy", "&Erase person…"), window)
        self.act_erase.triggered.connect(lambda: self._on_current(self.erase))
        self.act_access = QAction(translate("Privacy", "Subject &access export…"), window)
        self.act_access.triggered.connect(lambda: self._on_current(self.export_access))
        self.act_audit = QAction(translate("Privacy", "Data protection &log…"), window)
        self.act_audit.triggered.connect(self.show_audit)
        self.act_retention = QAction(translate("Privacy", "Leads due for &erasure…"), window)
        self.act_retention.triggered.connect(self.show_retention)
        window.add_feature_action("lead", self.act_access)
        window.add_feature_action("lead", self.act_erase)
        window.add_feature_action("tools", self.act_retention)
        window.add_feature_action("tools", self.act_audit)
        # Once a month, shortly after start: the leads due for erasure, for the owner to confirm.
        QTimer.singleShot(3000, window, self.monthly_check)
        window.card_menu_hooks.append(self._extend_card_menu)
        window.editor_hooks.append(self._extend_editor)

    def _on_current(self, fn: Any) -> None:
        editor = self.window.editor
        if editor is not None and editor.isVisible() and editor.lead is not None:
            fn(editor.lead.id, editor)
            return
        current = self.window.board.current()
        if current is not None:
            fn(current[1], self.window)

    def _extend_card_menu(self, menu: QMenu, lead_id: int) -> None:
        menu.addSeparator()
        menu.addAction(translate("Privacy", "Subject access export…")).triggered.connect(
            lambda: self.export_access(lead_id, self.window)
        )
        menu.addAction(translate("Privacy", "Erase person…")).triggered.connect(
            lambda: self.erase(lead_id, self.window)
        )

    def _extend_editor(self, editor: LeadEditor) -> None:
        if editor.lead is None:
            return
        editor.add_tab(ConsentTab(self.db, editor.lead.id, editor), translate("Privacy", "Consent"))
        # The full consent page replaces the editor's plain fields (one "Consent" tab, not two).
        editor.tabs.setTabVisible(editor.tabs.indexOf(editor.consent_page), False)
        buttons = editor.findChild(QDialogButtonBox)
        if buttons is None:
            return
        lead_id = editor.lead.id
        erase = buttons.addButton(
            translate("Privacy", "Erase person…"), QDialogButtonBox.ButtonRole.ResetRole
        )
        erase.setObjectName("erasePerson")
        erase.clicked.connect(lambda: self.erase(lead_id, editor))

    # --- erase -----------------------------------------------------------------------------
    def erase(self, lead_id: int, parent: QWidget) -> bool:
        """Ask (naming the person and what stays), then erase on the write lane; True if started."""
        from leaddesk.core.privacy.erase import erase_leads, preview, scrub_local_copies

        try:
            seen = preview(self.db, lead_id)
        except LeadDeskError as exc:
            QMessageBox.warning(parent, translate("Privacy", "Erase person"), error_text(exc))
            return False
        text = (
            translate(
                "Privacy",
                "Erase %1 for good?\n\nEvery personal detail, note, activity text, call note, BANT answer, "
                "task, card image and import record of this person is removed and cannot be restored, "
                "not even from a backup. Their email, phone and name are kept only as unreadable "
                "fingerprints so they are not imported again.\n\nWhat stays, anonymously: the funnel "
                "history (now in %3; stage changes: %2), the activity dates (%4) and the value, so your "
                "figures stay right.",
            )
            .replace("%1", seen.name or seen.masked)
            .replace("%2", str(seen.stage_changes))
            .replace("%3", stage_label(seen.stage))
            .replace("%4", str(seen.activities))
        )
        if seen.merged_records:
            text += "\n\n" + translate(
                "Privacy", "Records merged into this lead earlier are erased too: %1."
            ).replace("%1", str(seen.merged_records))
        if not ask_destructive(
            parent, translate("Privacy", "Erase person"), text, translate("Privacy", "Erase for good")
        ):
            return False
        if parent is not self.window and hasattr(parent, "done"):
            parent.done(0)  # the editor shows a lead that is about to disappear

        def work(_op: Any) -> Any:
            result = erase_leads(self.db, [lead_id], actor=_actor())
            scrub_local_copies(self.db)
            return result

        def failed(exc: BaseException, _trace: str) -> None:
            QMessageBox.warning(self.window, translate("Privacy", "Erase person"), error_text(exc))

        operations(self.db).write(
            work,
            done=lambda _result: self.window.statusBar().showMessage(
                translate("Privacy", "The person was erased; the anonymous figures stay."), 8000
            ),
            failed=failed,
            owner=self.window,
        )
        return True

    # --- access export ----------------------------------------------------------------------
    def export_access(self, lead_id: int, parent: QWidget, target: Path | None = None) -> list[Path]:
        """Ask where to save (unless ``target``), then write JSON and PDF; returns the files."""
        if target is None:
            name, _ = QFileDialog.getSaveFileName(
                parent,
                translate("Privacy", "Subject access export"),
                str(Path.home() / f"auskunft-{lead_id}.pdf"),
                translate("Privacy", "PDF and JSON (*.pdf)"),
            )
            if not name:
                return []
            target = Path(name)
        language = "de" if QLocale().name().startswith("de") else "en"  # the app's language
        try:
            files = export_subject_access(self.db, lead_id, target, language=language, actor=_actor())
        except (LeadDeskError, OSError) as exc:
            QMessageBox.warning(parent, translate("Privacy", "Subject access export"), error_text(exc))
            return []
        self.window.statusBar().showMessage(
            translate("Privacy", "Saved %1").replace("%1", ", ".join(p.name for p in files)), 8000
        )
        return files

    # --- retention -----------------------------------------------------------------------------
    def monthly_check(self) -> None:
        """This month's proposal, if not made yet and anything is due; nothing is erased unasked.

        The scan (~0.2 s at 100,000 leads) runs on the write lane; the list opens when it is done.
        """
        from leaddesk.core.privacy.retention import mark_proposed, monthly_proposal

        def scan(_op: Any) -> list[DueLead] | None:
            due = monthly_proposal(self.db)
            if due is not None:
                mark_proposed(self.db)
            return due

        def show(due: list[DueLead] | None) -> None:
            if due:
                self.show_retention(due)

        operations(self.db).write(scan, done=show, failed=lambda _exc, _trace: None, owner=self.window)

    def show_retention(self, due: list[DueLead] | None = None) -> RetentionDialog:
        from leaddesk.core.privacy.retention import due_for_erasure

        dialog = RetentionDialog(self.db, due if due is not None else due_for_erasure(self.db), self.window)
        dialog.show()
        self._retention = dialog
        return dialog

    # --- audit log ---------------------------------------------------------------------------
    def show_audit(self) -> QDialog:
        dialog = AuditDialog(self.db, self.window)
        dialog.show()
        return dialog


class RetentionDialog(QDialog):
    """Leads past their retention period; the owner ticks and confirms, nothing goes by itself."""

    def __init__(self, db: Any, due: list[DueLead], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.due = due
        self.setWindowTitle(self.tr("Leads due for erasure"))
        self.resize(720, 420)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "These leads are past the retention period set for them. Tick the ones to erase "
                    "for good; the anonymous figures stay. Nothing is erased without your confirmation."
                ),
                self,
                wordWrap=True,
            )
        )
        self.list = QListWidget(self)
        reasons = {
            "lost": self.tr("Lost, no activity since %1"),
            "no_consent": self.tr("No consent, no activity since %1"),
            "inactive": self.tr("No activity since %1"),
            "won": self.tr("Customer; retention under §257 HGB ended (last activity %1)"),
        }
        for d in due:
            item = QListWidgetItem(
                f"{d.name or d.company}  ·  {stage_label(d.stage)}  ·  "
                + reasons[d.category].replace(
                    "%1",
                    QLocale().toString(
                        QDate(d.last_touch.year, d.last_touch.month, d.last_touch.day),
                        QLocale.FormatType.ShortFormat,
                    ),
                )
            )
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.erase_button = buttons.addButton(
            self.tr("&Erase ticked…"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.erase_button.clicked.connect(self.erase_ticked)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def ticked(self) -> list[int]:
        return [
            d.lead_id
            for i, d in enumerate(self.due)
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def erase_ticked(self) -> bool:
        from leaddesk.core.privacy.erase import erase_leads

        ids = self.ticked()
        if not ids:
            return False
        text = self.tr(
            "Erase %n lead(s) for good? Their personal data and texts are removed and cannot be "
            "restored, not even from a backup; the anonymous funnel figures stay.",
            "",
            len(ids),
        )
        if not ask_destructive(self, self.tr("Leads due for erasure"), text, self.tr("Erase for good")):
            return False

        def failed(exc: BaseException, _trace: str) -> None:
            QMessageBox.warning(self, self.tr("Leads due for erasure"), error_text(exc))

        operations(self.db).write(
            lambda _op: erase_leads(self.db, ids, actor=_actor(), reason="retention"),
            done=lambda _result: self.accept(),
            failed=failed,
            owner=self,
        )
        return True


class ConsentTab(QWidget):
    """The lead's consent: given (date, source, purpose, wording), withdrawn, "do not contact"."""

    def __init__(self, db: Any, lead_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.lead_id = lead_id
        form = QFormLayout(self)
        self.state = QLabel(self)
        self.state.setObjectName("consentState")
        form.addRow(self.tr("Status:"), self.state)
        self.source = QLineEdit(self)
        self.purpose = QLineEdit(self)
        self.wording = QPlainTextEdit(self)
        self.wording.setPlaceholderText(self.tr("The exact wording the person agreed to"))
        form.addRow(self.tr("Source:"), self.source)
        form.addRow(self.tr("Purpose:"), self.purpose)
        form.addRow(self.tr("Wording:"), self.wording)
        row = QHBoxLayout()
        self.give = QPushButton(self.tr("Record consent"), self)
        self.give.clicked.connect(self.record)
        self.withdraw = QPushButton(self.tr("Consent withdrawn"), self)
        self.withdraw.clicked.connect(self.withdrawn)
        row.addWidget(self.give)
        row.addWidget(self.withdraw)
        row.addStretch(1)
        form.addRow(row)
        self.dnc = QCheckBox(self.tr("Do not contact"), self)
        self.dnc.toggled.connect(self.set_dnc)
        form.addRow(self.dnc)
        self.load()

    def load(self) -> None:
        from leaddesk.core.privacy.consent import get_consent

        view = get_consent(self.db, self.lead_id)
        self.source.setText(view.source)
        self.purpose.setText(view.purpose)
        self.wording.setPlainText(view.wording)
        self.dnc.blockSignals(True)
        self.dnc.setChecked(view.do_not_contact)
        self.dnc.blockSignals(False)
        fmt = QLocale.FormatType.ShortFormat
        if view.do_not_contact:
            state = self.tr("Do not contact")
        elif view.withdrawn_at is not None:
            withdrawn = view.withdrawn_at
            state = self.tr("Withdrawn on %1").replace(
                "%1", QLocale().toString(QDate(withdrawn.year, withdrawn.month, withdrawn.day), fmt)
            )
        elif view.given_at is not None:
            given = view.given_at
            state = self.tr("Given on %1").replace(
                "%1", QLocale().toString(QDate(given.year, given.month, given.day), fmt)
            )
        else:
            state = self.tr("No consent")
        self.state.setText(state)
        self.withdraw.setEnabled(view.given_at is not None and view.withdrawn_at is None)

    def record(self) -> bool:
        from leaddesk.core.privacy.consent import record_consent

        try:
            record_consent(
                self.db,
                self.lead_id,
                source=self.source.text(),
                purpose=self.purpose.text(),
                wording=self.wording.toPlainText(),
                actor=_actor(),
            )
        except LeadDeskError as exc:
            QMessageBox.warning(self, self.tr("Consent"), error_text(exc))
            return False
        self.load()
        return True

    def withdrawn(self) -> None:
        from leaddesk.core.privacy.consent import withdraw_consent

        withdraw_consent(self.db, self.lead_id, actor=_actor())
        self.load()

    def set_dnc(self, value: bool) -> None:
        from leaddesk.core.privacy.consent import set_do_not_contact

        set_do_not_contact(self.db, self.lead_id, value, actor=_actor())
        self.load()


class AuditDialog(QDialog):
    """The data-protection log, newest first, with an export to CSV."""

    def __init__(self, db: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(self.tr("Data protection log"))
        self.resize(760, 420)
        layout = QVBoxLayout(self)
        self.view = QPlainTextEdit(self)
        self.view.setReadOnly(True)
        self.rows = audit.entries(db)
        self.view.setPlainText(
            "\n".join(
                f"{r.at:%d.%m.%Y %H:%M}  {r.kind:<14} {r.subject:<14} {r.actor}  {r.detail}"
                for r in self.rows
            )
            or self.tr("No entries yet.")
        )
        layout.addWidget(self.view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        export = buttons.addButton(self.tr("&Export…"), QDialogButtonBox.ButtonRole.ActionRole)
        export.clicked.connect(self.export)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def export(self, target: Path | None = None) -> Path | None:
        if target is None:
            name, _ = QFileDialog.getSaveFileName(self, self.tr("Export log"), "", "CSV (*.csv)")
            if not name:
                return None
            target = Path(name)
        target.write_text(audit.export(self.rows), encoding="utf-8")
        return target


def _actor() -> str:
    from leaddesk.core import who

    return who.current()


def install(window: MainWindow) -> Privacy:
    """Hook the data-protection actions into ``window``; keep the returned object alive."""
    privacy = Privacy(window)
    window._privacy = privacy  # type: ignore[attr-defined]  # lives as long as the window
    return privacy
