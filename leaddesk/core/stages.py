"""The funnel's stages and the rules of moving between them."""

from __future__ import annotations

from enum import StrEnum

from leaddesk.core.text import Text


class Stage(StrEnum):
    LEAD = "lead"
    MQL = "mql"
    SQL = "sql"
    WON = "won"
    LOST = "lost"


#: Board order; ``lost`` sits apart from the forward funnel.
FUNNEL: tuple[Stage, ...] = (Stage.LEAD, Stage.MQL, Stage.SQL, Stage.WON)
ALL_STAGES: tuple[Stage, ...] = (*FUNNEL, Stage.LOST)

STAGE_LABELS_EN = {
    Stage.LEAD: "Lead",
    Stage.MQL: "MQL",
    Stage.SQL: "SQL",
    Stage.WON: "Won",
    Stage.LOST: "Lost",
}

#: Common reasons offered when a lead is lost (key → English label; the UI translates).
LOST_REASONS: dict[str, str] = {
    "no_budget": "No budget",
    "no_need": "No need",
    "competitor": "Chose a competitor",
    "no_response": "No response",
    "not_reachable": "Not reachable",
    "other": "Other",
}


def parse_stage(value: str) -> Stage:
    """The stage named by ``value`` (case-insensitive); ValueError names the valid ones."""
    try:
        return Stage(value.strip().lower())
    except ValueError:
        valid = ", ".join(s.value for s in ALL_STAGES)
        raise ValueError(Text("unknown stage {stage!r} (valid: {valid})", stage=value, valid=valid)) from None


def is_backward(from_stage: Stage, to_stage: Stage) -> bool:
    """A move that needs a reason: to ``lost``, or back down the funnel."""
    if to_stage is Stage.LOST:
        return True
    if from_stage is Stage.LOST:
        return False  # recycling a lost lead is a fresh start, not a step back
    return FUNNEL.index(to_stage) < FUNNEL.index(from_stage)


def next_stage(stage: Stage) -> Stage | None:
    if stage is Stage.LOST or stage is Stage.WON:
        return None
    return FUNNEL[FUNNEL.index(stage) + 1]


def previous_stage(stage: Stage) -> Stage | None:
    if stage is Stage.LOST:
        return Stage.LEAD
    i = FUNNEL.index(stage)
    return FUNNEL[i - 1] if i > 0 else None
