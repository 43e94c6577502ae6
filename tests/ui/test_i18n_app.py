"""Translations load from the package, the language choice, and the app's start-up errors."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication, QMessageBox

from leaddesk.ui.i18n import choose_language, install_translators, resource_path, stage_label

TS = resource_path("translations", "leaddesk_de.ts")
QM = resource_path("translations", "leaddesk_de.qm")


@pytest.fixture
def german(qapp: QApplication) -> Any:
    default = QLocale()
    translators = install_translators(qapp, "de")
    yield translators
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(default)


def test_german_catalogue_loads_from_the_package(german: Any) -> None:
    assert german, "leaddesk_de.qm did not load"
    assert stage_label("won") == "Gewonnen"
    assert QCoreApplication.translate("ColumnHeader", "%n lead(s)", None, 3) == "3 Leads"
    assert QCoreApplication.translate("ColumnHeader", "%n lead(s)", None, 1) == "1 Lead"
    assert QLocale().toCurrencyString(12500, "€", 0).replace("\u00a0", " ") == "12.500 €"


def test_main_window_speaks_german(german: Any, db: Any, qtbot: Any) -> None:
    from leaddesk.ui.main_window import MainWindow

    window = MainWindow(db)
    qtbot.addWidget(window)
    assert window.menus["file"].title() == "&Datei"
    assert window.first_run.demo_button.text() == "Demodaten laden"


def test_language_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEADDESK_LANG", "de")
    assert choose_language() == "de"
    assert choose_language("en") == "en"  # --lang beats the environment
    monkeypatch.setenv("LEADDESK_LANG", "fr")
    assert choose_language() in ("en", "de")  # unsupported: fall back to the system or English


#: Contexts of the board/main window; every string in them has its German translation.
BOARD_CONTEXTS = {
    "App",
    "CardDelegate",
    "ColumnHeader",
    "Commands",
    "FilterBar",
    "FirstRunPage",
    "LeadEditor",
    "LostReason",
    "LostStrip",
    "MainWindow",
    "ReasonDialog",
    "Stage",
}


def test_board_strings_are_all_translated() -> None:
    import xml.etree.ElementTree as ET

    root = ET.parse(TS).getroot()
    unfinished = [
        (ctx.findtext("name"), msg.findtext("source"))
        for ctx in root.iter("context")
        if ctx.findtext("name") in BOARD_CONTEXTS
        for msg in ctx.iter("message")
        if msg.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
    ]
    assert unfinished == []
    assert {c.findtext("name") for c in root.iter("context")} >= BOARD_CONTEXTS


def test_compiled_catalogue_matches_its_source(tmp_path: Path) -> None:
    """The committed .qm must be the compiled .ts (``make translations`` rebuilds both)."""
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    if not lrelease.exists():
        lrelease = Path(shutil.which("pyside6-lrelease") or "pyside6-lrelease")
    out = tmp_path / "check.qm"
    subprocess.run([str(lrelease), str(TS), "-qm", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == QM.read_bytes(), "run `make translations`"


def test_icon_is_a_shipped_svg() -> None:
    from PySide6.QtGui import QIcon

    icon = QIcon(str(resource_path("leaddesk.svg")))
    assert not icon.isNull() and not icon.pixmap(64, 64).isNull()


def test_unusable_database_is_shown_in_a_dialog(qapp: QApplication, tmp_path: Path, monkeypatch: Any) -> None:
    from leaddesk.core.paths import DB_FILE_NAME
    from leaddesk.ui import app

    (tmp_path / DB_FILE_NAME).write_bytes(b"this is not a database" * 100)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    assert app.run(data_dir=tmp_path, lang="en") == 1
    assert shown and "cannot open its database" in shown[0] and "not a LeadDesk database" in shown[0]


def test_second_instance_is_told(qapp: QApplication, tmp_path: Path, monkeypatch: Any) -> None:
    from leaddesk.ui import app

    first = app._lock_file(tmp_path)
    assert first.tryLock(100)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    try:
        assert app.run(data_dir=tmp_path, lang="en") == 1
    finally:
        first.unlock()
    assert shown and "already open" in shown[0]
