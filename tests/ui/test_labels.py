"""The UI's translated labels cover exactly the core's keys (a new kind or field cannot go unlabelled)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from leaddesk.core.scoring import validate_rule
from leaddesk.core.scoring.rules import OPERATORS
from leaddesk.core.services.activities import CALL_OUTCOMES, KIND_LABELS
from leaddesk.core.services.qualification import (
    FIELD_LABELS,
    NO_FIT_REASONS,
    SECTION_LABELS,
    STATUS_LABELS,
    YES_NO,
)
from leaddesk.core.stages import LOST_REASONS
from leaddesk.ui import labels


def test_labels_match_core_keys() -> None:
    assert labels.kind_labels() == KIND_LABELS  # untranslated, the English texts agree too
    assert labels.outcome_labels() == CALL_OUTCOMES
    assert labels.section_labels() == SECTION_LABELS
    assert labels.status_labels() == STATUS_LABELS
    assert labels.field_labels() == FIELD_LABELS
    assert labels.no_fit_reasons() == NO_FIT_REASONS
    assert tuple(labels.yes_no_labels()) == YES_NO


def test_scoring_field_labels_match_core_fields() -> None:
    from leaddesk.core.scoring.rules import FIELDS
    from leaddesk.ui.scoring.labels import field_label, field_labels

    assert set(field_labels()) == set(FIELDS)
    assert {name: spec.label for name, spec in FIELDS.items()} == field_labels()  # untranslated: same English
    assert field_label("no.such.field") == "no.such.field"


def _catalogue() -> dict[tuple[str, str], str]:
    """(context, English source) → German, for the finished messages of leaddesk_de.ts."""
    source = Path(__file__).resolve().parents[2] / "resources" / "translations" / "leaddesk_de.ts"
    root = ET.parse(source).getroot()
    return {
        (ctx.findtext("name") or "", msg.findtext("source") or ""): msg.findtext("translation") or ""
        for ctx in root.iter("context")
        for msg in ctx.iter("message")
        if msg.find("translation").get("type") is None  # type: ignore[union-attr]
    }


def test_every_core_key_has_a_german_label(qapp: Any) -> None:
    """The tables are built from literal translate() calls; lupdate must have found each one."""
    from leaddesk.ui.i18n import lost_reason_labels
    from leaddesk.ui.imports import labels as import_labels
    from leaddesk.ui.scoring.labels import default_rule_names, field_labels
    from leaddesk.ui.scoring.rule_table import operator_label

    catalogue = _catalogue()
    tables: list[tuple[str, dict[str, str]]] = [
        ("Labels", labels.kind_labels()),
        ("Labels", labels.outcome_labels()),
        ("Labels", labels.section_labels()),
        ("Labels", labels.status_labels()),
        ("Labels", labels.yes_no_labels()),
        ("Labels", labels.no_fit_reasons()),
        ("Labels", labels.field_labels()),
        ("ImportLabels", import_labels.target_labels()),
        ("ImportLabels", import_labels.action_labels()),
        ("ImportLabels", import_labels.reason_labels()),
        ("LostReason", lost_reason_labels()),
        ("DefaultRule", default_rule_names()),
        ("RuleEditor", {op: operator_label(op) for op in OPERATORS}),
        (
            "ScoringField",
            {k: v for k, v in field_labels().items() if not k.startswith("activity.") or k == "activity.any"},
        ),
    ]
    missing = [
        (ctx, key, text)
        for ctx, table in tables
        for key, text in table.items()
        if not catalogue.get((ctx, text))
    ]
    assert missing == []
    assert len(LOST_REASONS) == len(lost_reason_labels())


def test_labels_are_german_with_the_catalogue(qapp: Any) -> None:
    from leaddesk.ui.i18n import install_translators
    from leaddesk.ui.scoring.labels import field_label, rule_name
    from leaddesk.ui.scoring.rule_table import describe

    translators = install_translators(qapp, "de")
    try:
        assert labels.kind_labels()["booth_visit"] == "Besuch am Messestand"
        assert field_label("activity.call") == "Anruf"
        assert field_label("company_size") == "Firmengröße (Mitarbeiter)"
        rule = validate_rule(
            {
                "name": "x",
                "group": "fit",
                "field": "title",
                "operator": "contains",
                "value": ["inhaber"],
                "points": 10,
            }
        )
        assert describe(rule) == "Position enthält inhaber"
        assert rule_name("Webinar attended") == "Webinar besucht"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def test_default_rule_names_cover_the_shipped_rules() -> None:
    from leaddesk.core.scoring.defaults import DEFAULT_RULES
    from leaddesk.ui.scoring.labels import default_rule_names, rule_name

    assert set(default_rule_names()) == {rule["name"] for rule in DEFAULT_RULES}
    assert rule_name("My own rule") == "My own rule"
