"""Translated names of the fields a scoring rule may look at (keys of ``core.scoring.rules.FIELDS``).

The core keeps English labels (CLI, JSON files); the UI shows these. Literal ``translate()``
calls so ``pyside6-lupdate`` extracts each one; ``tests/ui/test_translations.py`` checks that
the keys match the core's and that every label has its German translation.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from leaddesk.ui.labels import kind_labels

# Literal ``translate(context, text)`` calls below: pyside6-lupdate extracts only those.
translate = QCoreApplication.translate


def field_labels() -> dict[str, str]:
    return {
        "title": translate("ScoringField", "Job title"),
        "company": translate("ScoringField", "Company"),
        "industry": translate("ScoringField", "Industry"),
        "country": translate("ScoringField", "Country"),
        "city": translate("ScoringField", "City"),
        "postal_code": translate("ScoringField", "Postal code"),
        "source": translate("ScoringField", "Source"),
        "tags": translate("ScoringField", "Tags"),
        "owner": translate("ScoringField", "Owner"),
        "first_name": translate("ScoringField", "First name"),
        "last_name": translate("ScoringField", "Last name"),
        "website": translate("ScoringField", "Website"),
        "phone": translate("ScoringField", "Phone"),
        "mobile": translate("ScoringField", "Mobile"),
        "currency": translate("ScoringField", "Currency"),
        "email": translate("ScoringField", "Email address"),
        "email_domain": translate("ScoringField", "Email domain"),
        "company_size": translate("ScoringField", "Company size (employees)"),
        "value": translate("ScoringField", "Deal value"),
        "bant_confirmed": translate("ScoringField", "BANT sections confirmed (0–4)"),
        "bant.budget_status": translate("ScoringField", "BANT: budget status"),
        "bant.budget_approved": translate("ScoringField", "BANT: budget approved"),
        "bant.budget_amount": translate("ScoringField", "BANT: budget amount"),
        "bant.authority_status": translate("ScoringField", "BANT: authority status"),
        "bant.authority_is_decision_maker": translate("ScoringField", "BANT: is decision maker"),
        "bant.need_status": translate("ScoringField", "BANT: need status"),
        "bant.need_priority": translate("ScoringField", "BANT: need priority"),
        "bant.timing_status": translate("ScoringField", "BANT: timing status"),
        "bant.timing_target": translate("ScoringField", "BANT: timing target"),
        **{f"activity.{kind}": label for kind, label in kind_labels().items()},
        "activity.any": translate("ScoringField", "Any activity"),
    }


def field_label(name: str) -> str:
    """The translated label of rule field ``name`` (the key itself if a newer core has more)."""
    return field_labels().get(name, name)


def default_rule_names() -> dict[str, str]:
    """The shipped rules' English names (``core.scoring.defaults``) → their translation.

    The names are stored as data; showing a default rule under its translated name means a
    German user sees German rules without the database depending on the language. A renamed
    rule is shown as typed.
    """
    return {
        "Decision maker (Geschäftsführer, Inhaber, Leiter …)": translate(
            "DefaultRule", "Decision maker (Geschäftsführer, Inhaber, Leiter …)"
        ),
        "Company size 10–249 (Mittelstand)": translate("DefaultRule", "Company size 10–249 (Mittelstand)"),
        "Target industry": translate("DefaultRule", "Target industry"),
        "German-speaking country": translate("DefaultRule", "German-speaking country"),
        "Free-mail address": translate("DefaultRule", "Free-mail address"),
        "Student or intern": translate("DefaultRule", "Student or intern"),
        "Whitepaper / content download": translate("DefaultRule", "Whitepaper / content download"),
        "Webinar attended": translate("DefaultRule", "Webinar attended"),
        "Visited our trade-fair booth": translate("DefaultRule", "Visited our trade-fair booth"),
        "Asked for a quote": translate("DefaultRule", "Asked for a quote"),
        "Three or more contacts in 30 days": translate("DefaultRule", "Three or more contacts in 30 days"),
    }


def rule_name(name: str) -> str:
    """A rule's name as shown: translated if it is a default rule's, else as the user typed it."""
    return default_rule_names().get(name, name)
