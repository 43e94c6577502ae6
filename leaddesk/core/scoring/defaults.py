"""A rule set a German SME can start from, and then tune in the rule editor.

Fit: decision makers, Mittelstand company sizes (10–249), typical target industries,
DACH countries. Negative: free-mail addresses, students and interns. Engagement:
whitepaper downloads, webinars, booth visits and quote requests, fading linearly to
zero over 90 days so old interest does not keep a lead "hot".
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlmodel import col

from leaddesk.core.db import Database
from leaddesk.core.models import ScoreSettings
from leaddesk.core.scoring.rules import Rule, validate_rules
from leaddesk.core.scoring.store import Settings, put_rules, put_settings

DEFAULT_RULES: tuple[dict[str, Any], ...] = (
    {
        "name": "Decision maker (Geschäftsführer, Inhaber, Leiter …)",
        "group": "fit",
        "field": "title",
        "operator": "contains",
        "value": [
            "geschäftsführ", "inhaber", "leiter", "leitung", "vorstand", "ceo", "owner",
            "managing director", "head of", "prokurist",
        ],
        "points": 20,
    },
    {
        "name": "Company size 10–249 (Mittelstand)",
        "group": "fit",
        "field": "company_size",
        "operator": "between",
        "value": {"min": 10, "max": 249},
        "points": 15,
    },
    {
        "name": "Target industry",
        "group": "fit",
        "field": "industry",
        "operator": "one_of",
        "value": ["Maschinenbau", "Handel", "IT", "Logistik", "Elektrotechnik", "Handwerk"],
        "points": 10,
    },
    {
        "name": "German-speaking country",
        "group": "fit",
        "field": "country",
        "operator": "one_of",
        "value": ["DE", "AT", "CH", "LI", "Deutschland", "Österreich", "Schweiz"],
        "points": 5,
    },
    {
        "name": "Free-mail address",
        "group": "fit",
        "field": "email",
        "operator": "is_freemail",
        "points": -10,
    },
    {
        "name": "Student or intern",
        "group": "fit",
        "field": "title",
        "operator": "contains",
        "value": ["student", "praktikant", "werkstudent", "azubi", "auszubildend", "intern"],
        "points": -25,
    },
    {
        "name": "Whitepaper / content download",
        "group": "engagement",
        "field": "activity.download",
        "operator": "happened",
        "points": 10,
        "decay_mode": "linear",
        "decay_days": 90,
    },
    {
        "name": "Webinar attended",
        "group": "engagement",
        "field": "activity.webinar",
        "operator": "happened",
        "points": 15,
        "decay_mode": "linear",
        "decay_days": 90,
    },
    {
        "name": "Visited our trade-fair booth",
        "group": "engagement",
        "field": "activity.booth_visit",
        "operator": "happened",
        "points": 15,
        "decay_mode": "linear",
        "decay_days": 90,
    },
    {
        "name": "Asked for a quote",
        "group": "engagement",
        "field": "activity.quote_request",
        "operator": "happened",
        "points": 25,
        "decay_mode": "linear",
        "decay_days": 90,
    },
    {
        "name": "Three or more contacts in 30 days",
        "group": "engagement",
        "field": "activity.any",
        "operator": "happened",
        "min_count": 3,
        "within_days": 30,
        "points": 10,
    },
)  # fmt: skip

DEFAULT_SETTINGS = Settings(mql_threshold=40, sql_threshold=70, engagement_cap=60, total_min=0, total_max=100)


def default_rules() -> list[Rule]:
    return validate_rules(DEFAULT_RULES)


def install_defaults(db: Database, *, only_if_new: bool = True) -> bool:
    """Give a new database the default rules and settings (app start calls this once).

    With ``only_if_new`` nothing happens once a settings row exists, so a user who
    deleted every rule on purpose does not get them back. Returns whether it wrote.
    """
    with db.transaction() as session:
        has_settings = session.execute(
            select(col(ScoreSettings.id)).where(col(ScoreSettings.id) == 1)
        ).first()
        if only_if_new and has_settings is not None:
            return False
        put_settings(session, DEFAULT_SETTINGS)
        put_rules(session, default_rules())
    return True
