"""Translated names of lead fields and import mapping targets."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("ImportLabels", text)


def lead_field_labels() -> dict[str, str]:
    return {
        "first_name": _t("First name"),
        "last_name": _t("Last name"),
        "company": _t("Company"),
        "title": _t("Job title"),
        "email": _t("Email"),
        "phone": _t("Phone"),
        "mobile": _t("Mobile"),
        "website": _t("Website"),
        "street": _t("Street"),
        "postal_code": _t("Postal code"),
        "city": _t("City"),
        "country": _t("Country"),
        "industry": _t("Industry"),
        "company_size": _t("Employees"),
        "source": _t("Source"),
        "tags": _t("Tags"),
        "owner": _t("Owner"),
        "notes": _t("Notes"),
        "value": _t("Deal value"),
        "currency": _t("Currency"),
        "next_follow_up": _t("Next follow-up"),
        "consent_at": _t("Consent given at"),
        "consent_source": _t("Consent source"),
        "consent_purpose": _t("Consent purpose"),
    }


def target_labels() -> dict[str, str]:
    """Mapping targets of the CSV importer, "" meaning "do not import"."""
    return {
        "": _t("— do not import —"),
        **lead_field_labels(),
        "full_name": _t("Full name (split)"),
        "street2": _t("Street, 2nd line"),
        "uid": _t("LeadDesk ID (uid)"),
        "note:": _t("Keep in notes"),
    }


def action_labels() -> dict[str, str]:
    return {
        "new": _t("New"),
        "duplicate": _t("Duplicate"),
        "in_file": _t("Repeated in file"),
        "error": _t("Error"),
    }


def reason_labels() -> dict[str, str]:
    return {
        "uid": _t("same ID"),
        "email": _t("same email"),
        "phone": _t("same phone"),
        "name": _t("similar name"),
    }
