"""Translated labels for the core's keys (activity kinds, call outcomes, BANT sections, statuses, fields).

Each label is a literal ``translate()`` call so ``pyside6-lupdate`` can extract it; the
core keeps English labels only for the CLI. ``tests/ui/test_labels.py`` keeps the keys
here and in the core identical.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


def kind_labels() -> dict[str, str]:
    return {
        "call": _t("Call"),
        "email": _t("Email"),
        "meeting": _t("Meeting"),
        "note": _t("Note"),
        "download": _t("Download (content)"),
        "webinar": _t("Webinar"),
        "booth_visit": _t("Booth visit"),
        "form_fill": _t("Form fill"),
        "quote_request": _t("Quote request"),
    }


def outcome_labels() -> dict[str, str]:
    return {
        "qualified": _t("Qualified"),
        "follow_up": _t("Needs follow-up"),
        "disqualified": _t("Disqualified"),
        "not_reached": _t("Not reached"),
    }


def section_labels() -> dict[str, str]:
    return {"budget": _t("Budget"), "authority": _t("Authority"), "need": _t("Need"), "timing": _t("Timing")}


def status_labels() -> dict[str, str]:
    return {
        "unknown": _t("Unknown"),
        "partial": _t("Partly known"),
        "confirmed": _t("Confirmed"),
        "no_fit": _t("Does not fit"),
    }


def yes_no_labels() -> dict[str, str]:
    return {"unknown": _t("Unknown"), "yes": _t("Yes"), "no": _t("No")}


def no_fit_reasons() -> dict[str, str]:
    """The Lost reason prefilled for a section that does not fit."""
    return {
        "budget": _t("No budget"),
        "authority": _t("No access to a decision maker"),
        "need": _t("No need"),
        "timing": _t("Timing does not fit"),
    }


def field_labels() -> dict[str, str]:
    return {
        "budget_status": _t("Budget: status"),
        "budget_amount": _t("Budget: amount"),
        "budget_currency": _t("Budget: currency"),
        "budget_approved": _t("Budget: approved"),
        "budget_notes": _t("Budget: notes"),
        "authority_status": _t("Authority: status"),
        "authority_is_decision_maker": _t("Authority: decision maker"),
        "authority_people": _t("Authority: people involved"),
        "authority_notes": _t("Authority: notes"),
        "need_status": _t("Need: status"),
        "need_pain": _t("Need: pain points"),
        "need_priority": _t("Need: priority"),
        "need_notes": _t("Need: notes"),
        "timing_status": _t("Timing: status"),
        "timing_target": _t("Timing: target"),
        "timing_driver": _t("Timing: driver"),
        "timing_notes": _t("Timing: notes"),
    }
