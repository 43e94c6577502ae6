"""Lead scoring: rules as data, one SQL definition shared by bulk rescoring and explain.

Public API: rules/settings storage (``store``), the default German SME rule set
(``defaults``), ``rescore_all``/``refresh_decay`` (``engine``), ``rescore_lead`` (``one_lead``), ``explain``
(``explain``) and the editor preview (``preview``). Scoring computes and returns: manual points
and the moves a score earns are ``leaddesk.core.services.rescoring``'s.

The names load their module on first use: the services import ``scoring.engine`` (every write
rescores), and loading the whole package with it (default rules, explanations, preview) cost
~15 ms before the board's first paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from leaddesk.core.lazy import lazy_exports

# Eager: the function ``explain`` shares its name with its module, and a lazy name would be
# shadowed by the module once anything imported ``leaddesk.core.scoring.explain`` directly.
from leaddesk.core.scoring.explain import Explanation, Line, explain

if TYPE_CHECKING:
    from leaddesk.core.scoring.defaults import DEFAULT_SETTINGS, default_rules, install_defaults
    from leaddesk.core.scoring.engine import (
        RescoreCancelled,
        RescoreReport,
        refresh_decay,
        rescore_all,
        save_and_rescore,
    )
    from leaddesk.core.scoring.freemail import FREEMAIL_DOMAINS, is_freemail
    from leaddesk.core.scoring.one_lead import rescore_lead
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

_HOMES = {
    "DEFAULT_SETTINGS": "defaults",
    "default_rules": "defaults",
    "install_defaults": "defaults",
    "RescoreCancelled": "engine",
    "RescoreReport": "engine",
    "refresh_decay": "engine",
    "rescore_all": "engine",
    "rescore_lead": "one_lead",
    "save_and_rescore": "engine",
    "FREEMAIL_DOMAINS": "freemail",
    "is_freemail": "freemail",
    "Rule": "rules",
    "validate_rule": "rules",
    "validate_rules": "rules",
    "Settings": "store",
    "export_rules": "store",
    "import_rules": "store",
    "load_rules": "store",
    "load_settings": "store",
    "rules_from_json": "store",
    "rules_to_json": "store",
    "save_rules": "store",
    "save_settings": "store",
    "validate_settings": "store",
}

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


__getattr__ = lazy_exports(__name__, _HOMES)
