"""Translations load from the package, the language choice, and the app's start-up errors."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication, QMessageBox

from leaddesk.ui.i18n import choose_language, resource_path, stage_label

#: The translation sources live at the repository's top (resources/), the compiled .qm in the package.
SOURCES = Path(__file__).resolve().parents[2] / "resources" / "translations"
TS = SOURCES / "leaddesk_de.ts"
QM = resource_path("translations", "leaddesk_de.qm")


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
    # Actions the list page adds to the window's menus (leaddesk/ui/listview/__init__.py).
    assert "&Liste" in [a.text() for a in window.menus["view"].actions()]
    assert "&Alle auswählen" in [a.text() for a in window.menus["edit"].actions()]


def test_every_context_of_the_catalogue_is_one_the_code_translates_in() -> None:
    """Qt looks a ``tr()`` up under the calling object's class; lupdate files ``other.tr()`` under
    the variable's name instead ("window"), where nothing at run time ever looks: such strings
    stay English. Every context must be a class of the code or a literal ``translate`` context."""
    code = [*Path("leaddesk/ui").rglob("*.py"), Path("leaddesk/cli.py")]
    known: set[str] = set()
    for path in code:
        text = path.read_text("utf-8")
        known.update(re.findall(r"^\s*class (\w+)", text, re.MULTILINE))
        known.update(re.findall(r"(?:translate|QT_TRANSLATE_NOOP)\(\s*\"(\w+)\"", text))
    contexts = {c.findtext("name") for c in ET.parse(TS).getroot().iter("context")}
    assert contexts - known == set()


def test_language_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEADDESK_LANG", "de")
    assert choose_language() == "de"
    assert choose_language("en") == "en"  # --lang beats the environment
    monkeypatch.setenv("LEADDESK_LANG", "fr")
    assert choose_language() in ("en", "de")  # unsupported: fall back to the system or English


#: Contexts of the board/main window; they must stay in the catalogue (a renamed class loses its words).
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


def _messages(ts: Path) -> list[tuple[str, ET.Element]]:
    return [
        (ctx.findtext("name") or "", msg)
        for ctx in ET.parse(ts).getroot().iter("context")
        for msg in ctx.iter("message")
    ]


def test_every_string_has_its_german_translation() -> None:
    """All contexts: a new English string fails here until it is translated in leaddesk_de.ts."""
    messages = _messages(TS)
    unfinished = [
        (context, msg.findtext("source"))
        for context, msg in messages
        if msg.find("translation").get("type") in ("unfinished", "vanished", "obsolete")  # type: ignore[union-attr]
    ]
    assert unfinished == []
    assert {context for context, _ in messages} >= BOARD_CONTEXTS
    for context, msg in messages:
        forms = [f.text for f in msg.iter("numerusform")]
        if msg.get("numerus") == "yes":
            assert len(forms) == 2 and all(f and ("%n" in f or "%Ln" in f) for f in forms), (
                context,
                msg.findtext("source"),
            )
        else:
            source, text = msg.findtext("source") or "", msg.findtext("translation") or ""
            assert text, (context, source)
            for marker in ("%1", "%2", "%3", "%4", "%5", "<b>", "</b>", "<br>"):
                assert source.count(marker) == text.count(marker), (context, source, marker)
            assert source.count("&") == text.count("&"), (context, source)  # mnemonics and && kept


def test_english_plural_forms_are_complete() -> None:
    for context, msg in _messages(SOURCES / "leaddesk_en.ts"):
        forms = [f.text for f in msg.iter("numerusform")]
        assert len(forms) == 2 and all(forms), (context, msg.findtext("source"))


def _mnemonic(text: str) -> str:
    """The letter after a single "&" ("Show L&ost column" → "o"), "" for none."""
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).casefold() if found else ""


@pytest.mark.parametrize("catalogue", ["german", "english"])
def test_mnemonics_are_unique_in_each_menu_of_the_main_window(
    catalogue: str, request: pytest.FixtureRequest, db: Any, qtbot: Any
) -> None:
    """Alt+letter in an open menu picks one entry; two alike would take turns instead."""
    from leaddesk.ui.main_window import MainWindow

    request.getfixturevalue(catalogue)  # tests/ui/conftest.py: installed for this test, removed after
    window = MainWindow(db)
    qtbot.addWidget(window)
    for name, menu in window.menus.items():
        letters = [_mnemonic(a.text()) for a in menu.actions() if a.text()]
        assert all(letters), (catalogue, name, [a.text() for a in menu.actions()])
        assert len(set(letters)) == len(letters), (catalogue, name, [a.text() for a in menu.actions()])
    bar = [_mnemonic(m.title()) for m in window.menus.values()]
    assert len(set(bar)) == len(bar), (catalogue, bar)


def test_german_mnemonics_are_unique_in_the_quick_entry_form(german: Any, db: Any, qtbot: Any) -> None:
    """Trade-fair staff jump between fields with Alt+letter; Alt+O/M/K/R are the window's own shortcuts."""
    from PySide6.QtWidgets import QLabel

    from leaddesk.ui.quick_entry import QuickEntryWindow

    window = QuickEntryWindow(db)
    qtbot.addWidget(window)
    keys = [
        label.text().split("&", 1)[1][0].lower()
        for label in window.findChildren(QLabel)
        if "&" in label.text().replace("&&", "")
    ]
    assert len(keys) >= 10 and len(keys) == len(set(keys)), keys
    assert not set(keys) & set("omkr")


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
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
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


def _ts(path: Path, contexts: dict[str, list[tuple[str, str | None]]]) -> Path:
    """A small .ts file: per context (source, translation; None for unfinished)."""
    parts = ['<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="de_DE">']
    for name, messages in contexts.items():
        parts.append(f"<context><name>{name}</name>")
        for source, translation in messages:
            state = ' type="unfinished"' if translation is None else ""
            text = translation or ""
            parts.append(
                f"<message><source>{source}</source><translation{state}>{text}</translation></message>"
            )
        parts.append("</context>")
    parts.append("</TS>")
    path.write_text("".join(parts), encoding="utf-8")
    return path


def test_carried_translations_follow_strings_into_their_new_class(tmp_path: Path) -> None:
    """tools/carry_translations.py: a string moved to another class keeps its translation."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "_carry", SOURCES.parents[1] / "tools" / "carry_translations.py"
    )
    assert spec is not None and spec.loader is not None
    carry = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(carry)
    old = _ts(
        tmp_path / "old.ts", {"Window": [("&amp;Back", "&amp;Zurück"), ("Card", "Karte"), ("Gone", None)]}
    )
    new = _ts(
        tmp_path / "new.ts",
        {"Form": [("Card", None), ("New text", None)], "Window": [("&amp;Back", "&amp;Zurück")]},
    )
    filled, left = carry.carry(old, new)
    assert (filled, left) == (1, [("New text", "")])
    form = next(c for c in ET.parse(new).getroot().iter("context") if c.findtext("name") == "Form")
    card = next(m for m in form.iter("message") if m.findtext("source") == "Card")
    translation = card.find("translation")
    assert translation is not None and translation.text == "Karte" and translation.get("type") is None
