"""Language choice and translated labels for core constants (stages, lost reasons).

The app follows the system locale; ``--lang de|en`` or ``LEADDESK_LANG`` overrides it. Our
``.qm`` files live in the package (``leaddesk/resources/translations``) so an installed, an
editable and a frozen run all find them through ``importlib.resources``.
"""

from __future__ import annotations

import logging
import os
import string
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from leaddesk.core.errors import LeadDeskError, ValidationError
from leaddesk.core.stages import Stage
from leaddesk.core.text import Text

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


class _LocaleFormatter(string.Formatter):
    """``str.format`` that writes plain floats with the locale's decimal comma (1,5 in German)."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, float) and not format_spec:
            return QLocale().toString(value, "g", 15)
        return super().format_field(value, format_spec)


_FORMATTER = _LocaleFormatter()


def tr_core(message: str) -> str:
    """A core message in the UI's language: a ``Text`` through its template, a plain str as is.

    The template is looked up in the "core" context (``leaddesk/ui/core_strings.py`` lists them);
    values that are ``Text`` are translated too. A translation that does not fit the values (a
    typo in a placeholder) falls back to the English message rather than failing in a dialog.
    """
    if not isinstance(message, Text):
        return QCoreApplication.translate("core", message) if message else message
    template = QCoreApplication.translate("core", message.template)
    values = {k: tr_core(v) if isinstance(v, Text) else v for k, v in message.values.items()}
    try:
        return _FORMATTER.format(template, **values)
    except (KeyError, IndexError, ValueError, AttributeError):
        return str(message)


def field_label(field: str) -> str:
    """The translated name of a field a ``ValidationError`` may name (the key itself if unknown)."""
    from leaddesk.ui.imports.labels import lead_field_labels
    from leaddesk.ui.labels import field_labels

    labels = {**rule_field_labels(), **_other_field_labels(), **lead_field_labels(), **field_labels()}
    return labels.get(field, field)


def rule_field_labels() -> dict[str, str]:
    """Fields of a scoring rule and of the score settings (``value`` here is the rule's value)."""
    translate = QCoreApplication.translate  # this name: lupdate recognises translate(...) calls
    return {
        "name": translate("FieldLabel", "Name"),
        "group": translate("FieldLabel", "Group"),
        "field": translate("FieldLabel", "Field"),
        "operator": translate("FieldLabel", "Condition"),
        "value": translate("FieldLabel", "Value"),
        "points": translate("FieldLabel", "Points"),
        "min_count": translate("FieldLabel", "Times"),
        "within_days": translate("FieldLabel", "Within days"),
        "decay_mode": translate("FieldLabel", "Fading"),
        "decay_days": translate("FieldLabel", "Fading days"),
        "enabled": translate("FieldLabel", "Active"),
        "mql_threshold": translate("FieldLabel", "MQL threshold"),
        "sql_threshold": translate("FieldLabel", "SQL threshold"),
        "fit_cap": translate("FieldLabel", "Fit cap"),
        "engagement_cap": translate("FieldLabel", "Engagement cap"),
        "total_min": translate("FieldLabel", "Lowest total"),
        "total_max": translate("FieldLabel", "Highest total"),
        "mode": translate("FieldLabel", "Mode"),
    }


def _other_field_labels() -> dict[str, str]:
    """Fields of adjustments, activities, tasks and BANT settings that no label module covers."""
    translate = QCoreApplication.translate  # this name: lupdate recognises translate(...) calls
    return {
        "reason": translate("FieldLabel", "Reason"),
        "points": translate("FieldLabel", "Points"),
        "kind": translate("FieldLabel", "Kind"),
        "at": translate("FieldLabel", "Date and time"),
        "duration_s": translate("FieldLabel", "Duration"),
        "outcome": translate("FieldLabel", "Outcome"),
        "due_at": translate("FieldLabel", "Due"),
        "tz": translate("FieldLabel", "Time zone"),
        "lead": translate("FieldLabel", "Lead"),
        "stage": translate("FieldLabel", "Stage"),
        "lost_reason": translate("FieldLabel", "Lost reason"),
        "score_flag": translate("FieldLabel", "Score suggestion"),
        "required": translate("FieldLabel", "Required sections"),
        "min_others": translate("FieldLabel", "Other sections"),
    }


def error_text(exc: BaseException, labels: Mapping[str, str] | None = None) -> str:
    """What a dialog shows for ``exc``: each refused field with its translated name and reason.

    ``labels`` overrides the field names where a key means something else in that place
    (a rule's ``value`` is not the lead's deal value).
    """
    if isinstance(exc, ValidationError):
        return "; ".join(
            f"{(labels or {}).get(field) or field_label(field)}: {tr_core(reason)}"
            for field, reason in exc.errors.items()
        )
    if exc.args and (
        isinstance(exc.args[0], Text) or (isinstance(exc, LeadDeskError) and isinstance(exc.args[0], str))
    ):
        return tr_core(exc.args[0])
    if isinstance(exc, LeadDeskError | OSError):
        return str(exc)
    # Not one of LeadDesk's own errors (a driver's message may hold SQL and a lead's data):
    # the details go to the log, the person reads a calm sentence.
    logging.getLogger("leaddesk").error("unexpected error shown to the user", exc_info=exc)
    return QCoreApplication.translate(
        "App", "Something went wrong; nothing was half-written. The details are in LeadDesk's log file."
    )
