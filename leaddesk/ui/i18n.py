"""Language choice and translated labels for core constants (stages, lost reasons).

The app follows the system locale; ``--lang de|en`` or ``LEADDESK_LANG`` overrides it. Our
``.qm`` files live in the package (``leaddesk/resources/translations``) so an installed, an
editable and a frozen run all find them through ``importlib.resources``.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from leaddesk.core.stages import Stage

SUPPORTED = ("en", "de")


def resource_path(*parts: str) -> Path:
    """A file shipped in ``leaddesk/resources`` (works for source, wheel and editable installs)."""
    return Path(str(resources.files("leaddesk").joinpath("resources", *parts)))


def choose_language(override: str | None = None) -> str:
    """``override`` beats ``LEADDESK_LANG`` beats the system's UI languages; English otherwise."""
    for candidate in (override, os.environ.get("LEADDESK_LANG")):
        if candidate:
            code = candidate.strip().lower()[:2]
            if code in SUPPORTED:
                return code
    for ui_lang in QLocale.system().uiLanguages():
        code = ui_lang[:2].lower()
        if code in SUPPORTED:
            return code
    return "en"


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load LeadDesk's and Qt's own catalogue for ``language``; returns them (keep them alive).

    An explicit language also sets the default QLocale, so dates and money match the words.
    """
    installed: list[QTranslator] = []
    if language != QLocale.system().name()[:2]:
        QLocale.setDefault(QLocale("de_DE" if language == "de" else "en_GB"))
    ours = QTranslator(app)  # English has a catalogue too: its plural forms ("1 lead", "2 leads")
    if ours.load(str(resource_path("translations", f"leaddesk_{language}.qm"))):
        app.installTranslator(ours)
        installed.append(ours)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    return installed


def stage_label(stage: str) -> str:
    """The translated column title of a stage (literal calls so lupdate finds each string)."""
    labels = {
        Stage.LEAD: QCoreApplication.translate("Stage", "Lead"),
        Stage.MQL: QCoreApplication.translate("Stage", "MQL"),
        Stage.SQL: QCoreApplication.translate("Stage", "SQL"),
        Stage.WON: QCoreApplication.translate("Stage", "Won"),
        Stage.LOST: QCoreApplication.translate("Stage", "Lost"),
    }
    return labels[Stage(stage)]


def lost_reason_labels() -> dict[str, str]:
    """``LOST_REASONS`` keys with translated labels, in the order the dialog offers them."""
    return {
        "no_budget": QCoreApplication.translate("LostReason", "No budget"),
        "no_need": QCoreApplication.translate("LostReason", "No need"),
        "competitor": QCoreApplication.translate("LostReason", "Chose a competitor"),
        "no_response": QCoreApplication.translate("LostReason", "No response"),
        "not_reachable": QCoreApplication.translate("LostReason", "Not reachable"),
        "other": QCoreApplication.translate("LostReason", "Other"),
    }
