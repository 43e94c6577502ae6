"""Translated labels for the core's keys (activity kinds, call outcomes, BANT sections, statuses, fields).

Each label is a literal ``translate()`` call so ``pyside6-lupdate`` can extract it; the
core keeps English labels only for the CLI. ``tests/ui/test_labels.py`` keeps the keys
here and in the core identical.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

# Literal ``translate(context, text)`` calls below: pyside6-lupdate extracts only those.
translate = QCoreApplication.translate


def kind_labels() -> dict[str, str]:
    return {
        "call": translate("Labels", "Call"),
        "email": translate("Labels", "Email"),
        "meeting": translate("Labels", "Meeting"),
        "note": translate("Labels", "Note"),
        "download": translate("Labels", "Download (content)"),
        "webinar": translate("Labels", "Webinar"),
        "booth_visit": translate("Labels", "Booth visit"),
        "form_fill": translate("Labels", "Form fill"),
        "quote_request": translate("Labels", "Quote request"),
    }


def outcome_labels() -> dict[str, str]:
    return {
        "qualified": translate("Labels", "Qualified"),
        "follow_up": translate("Labels", "Needs follow-up"),
        "disqualified": translate("Labels", "Disqualified"),
        "not_reached": translate("Labels", "Not reached"),
    }


def section_labels() -> dict[str, str]:
    return {
        "budget": translate("Labels", "Budget"),
        "authority": translate("Labels", "Authority"),
        "need": translate("Labels", "Need"),
        "timing": translate("Labels", "Timing"),
    }


def status_labels() -> dict[str, str]:
    return {
        "unknown": translate("Labels", "Unknown"),
        "partial": translate("Labels", "Partly known"),
        "confirmed": translate("Labels", "Confirmed"),
        "no_fit": translate("Labels", "Does not fit"),
    }


def yes_no_labels() -> dict[str, str]:
    return {
        "unknown": translate("Labels", "Unknown"),
        "yes": translate("Labels", "Yes"),
        "no": translate("Labels", "No"),
    }


def no_fit_reasons() -> dict[str, str]:
    """The Lost reason prefilled for a section that does not fit."""
    return {
        "budget": translate("Labels", "No budget"),
        "authority": translate("Labels", "No access to a decision maker"),
        "need": translate("Labels", "No need"),
        "timing": translate("Labels", "Timing does not fit"),
    }


def field_labels() -> dict[str, str]:
    return {
        "budget_status": translate("Labels", "Budget: status"),
        "budget_amount": translate("Labels", "Budget: amount"),
        "budget_currency": translate("Labels", "Budget: currency"),
        "budget_approved": translate("Labels", "Budget: approved"),
        "budget_notes": translate("Labels", "Budget: notes"),
        "authority_status": translate("Labels", "Authority: status"),
        "authority_is_decision_maker": translate("Labels", "Authority: decision maker"),
        "authority_people": translate("Labels", "Authority: people involved"),
        "authority_notes": translate("Labels", "Authority: notes"),
        "need_status": translate("Labels", "Need: status"),
        "need_pain": translate("Labels", "Need: pain points"),
        "need_priority": translate("Labels", "Need: priority"),
        "need_notes": translate("Labels", "Need: notes"),
        "timing_status": translate("Labels", "Timing: status"),
        "timing_target": translate("Labels", "Timing: target"),
        "timing_driver": translate("Labels", "Timing: driver"),
        "timing_notes": translate("Labels", "Timing: notes"),
    }
