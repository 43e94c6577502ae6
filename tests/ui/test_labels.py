"""The UI's translated labels cover exactly the core's keys (a new kind or field cannot go unlabelled)."""

from __future__ import annotations

from leaddesk.core.services.activities import CALL_OUTCOMES, KIND_LABELS
from leaddesk.core.services.qualification import (
    FIELD_LABELS,
    NO_FIT_REASONS,
    SECTION_LABELS,
    STATUS_LABELS,
    YES_NO,
)
from leaddesk.ui import labels


def test_labels_match_core_keys() -> None:
    assert labels.kind_labels() == KIND_LABELS  # untranslated, the English texts agree too
    assert labels.outcome_labels() == CALL_OUTCOMES
    assert labels.section_labels() == SECTION_LABELS
    assert labels.status_labels() == STATUS_LABELS
    assert labels.field_labels() == FIELD_LABELS
    assert labels.no_fit_reasons() == NO_FIT_REASONS
    assert tuple(labels.yes_no_labels()) == YES_NO
