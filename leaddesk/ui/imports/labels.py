"""Translated names of lead fields and import mapping targets."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

# Literal ``translate(context, text)`` calls below: pyside6-lupdate extracts only those.
translate = QCoreApplication.translate


def lead_field_labels() -> dict[str, str]:
    return {
        "salutation": translate("ImportLabels", "Salutation"),
        "academic_title": translate("ImportLabels", "Academic title"),
        "first_name": translate("ImportLabels", "First name"),
        "last_name": translate("ImportLabels", "Last name"),
        "company": translate("ImportLabels", "Company"),
        "title": translate("ImportLabels", "Job title"),
        "email": translate("ImportLabels", "Email"),
        "phone": translate("ImportLabels", "Phone"),
        "mobile": translate("ImportLabels", "Mobile"),
        "website": translate("ImportLabels", "Website"),
        "street": translate("ImportLabels", "Street"),
        "postal_code": translate("ImportLabels", "Postal code"),
        "city": translate("ImportLabels", "City"),
        "country": translate("ImportLabels", "Country"),
        "industry": translate("ImportLabels", "Industry"),
        "company_size": translate("ImportLabels", "Employees"),
        "source": translate("ImportLabels", "Source"),
        "tags": translate("ImportLabels", "Tags"),
        "owner": translate("ImportLabels", "Owner"),
        "notes": translate("ImportLabels", "Notes"),
        "value": translate("ImportLabels", "Deal value"),
        "currency": translate("ImportLabels", "Currency"),
        "next_follow_up": translate("ImportLabels", "Next follow-up"),
        "consent_at": translate("ImportLabels", "Consent given at"),
        "consent_source": translate("ImportLabels", "Consent source"),
        "consent_purpose": translate("ImportLabels", "Consent purpose"),
    }


def target_labels() -> dict[str, str]:
    """Mapping targets of the CSV importer, "" meaning "do not import"."""
    return {
        "": translate("ImportLabels", "— do not import —"),
        **lead_field_labels(),
        "full_name": translate("ImportLabels", "Full name (split)"),
        "name_prefix": translate("ImportLabels", "Salutation and title (split)"),
        "stage": translate("ImportLabels", "Stage"),
        "street2": translate("ImportLabels", "Street, 2nd line"),
        "uid": translate("ImportLabels", "LeadDesk ID (uid)"),
        "note:": translate("ImportLabels", "Keep in notes"),
    }


def action_labels() -> dict[str, str]:
    return {
        "new": translate("ImportLabels", "New"),
        "duplicate": translate("ImportLabels", "Duplicate"),
        "in_file": translate("ImportLabels", "Repeated in file"),
        "error": translate("ImportLabels", "Error"),
    }


def reason_labels() -> dict[str, str]:
    return {
        "uid": translate("ImportLabels", "same ID"),
        "email": translate("ImportLabels", "same email"),
        "phone": translate("ImportLabels", "same phone"),
        "name": translate("ImportLabels", "similar name"),
    }


def fact_labels() -> dict[str, str]:
    """What two leads agree on (``match_facts``), as the duplicate finder's "Why" column says it."""
    return {
        "email": translate("ImportLabels", "same email"),
        "phone": translate("ImportLabels", "same phone"),
        "same_name": translate("ImportLabels", "same name"),
        "similar_name": translate("ImportLabels", "similar name"),
        "same_company": translate("ImportLabels", "same company"),
        "similar_company": translate("ImportLabels", "similar company"),
    }
