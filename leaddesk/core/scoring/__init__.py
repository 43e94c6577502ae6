"""Lead scoring: rules as data, one SQL definition shared by bulk rescoring and explain.

Public API: rules/settings storage (``store``), the default German SME rule set
(``defaults``), ``rescore_all``/``rescore_lead``/``refresh_decay`` (``engine``), ``explain``
(``explain``) and the editor preview (``preview``). Scoring computes and returns: manual points
and the moves a score earns are ``leaddesk.core.services.rescoring``'s.
"""

from __future__ import annotations

from leaddesk.core.scoring.defaults import DEFAULT_SETTINGS, default_rules, install_defaults
from leaddesk.core.scoring.engine import (
    RescoreCancelled,
    RescoreReport,
    refresh_decay,
    rescore_all,
    rescore_lead,
    save_and_rescore,
)
from leaddesk.core.scoring.explain import Explanation, Line, explain
from leaddesk.core.scoring.freemail import FREEMAIL_DOMAINS, is_freemail
from leaddesk.core.scoring.rules import Rule, validate_rule, validate_rules
from leaddesk.core.scoring.store import (
    Settings,
    export_rules,
    import_rules,
    load_rules,
    load_settings,
    rules_from_json,
    rules_to_json,
    save_rules,
    save_settings,
    validate_settings,
)

__all__ = [
    "DEFAULT_SETTINGS",
    "FREEMAIL_DOMAINS",
    "Explanation",
    "Line",
    "RescoreCancelled",
    "RescoreReport",
    "Rule",
    "Settings",
    "default_rules",
    "explain",
    "export_rules",
    "import_rules",
    "install_defaults",
    "is_freemail",
    "load_rules",
    "load_settings",
    "refresh_decay",
    "rescore_all",
    "rescore_lead",
    "rules_from_json",
    "rules_to_json",
    "save_and_rescore",
    "save_rules",
    "save_settings",
    "validate_rule",
    "validate_rules",
    "validate_settings",
]
