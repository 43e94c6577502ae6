"""The funnel's stages and the rules of moving between them."""

from __future__ import annotations

from enum import StrEnum

from leaddesk.core.text import Text, noop, read_back


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


#: Reasons LeadDesk writes into the stage history itself. They are stored as English text (the
#: CLI, exports and logs read them as they are); :func:`reason_text` gives them back as ``Text``
#: so the UI shows them in its language.
SCORE_REACHED = noop("Score {score} reached the {stage} threshold ({threshold})")
SUGGESTION_ACCEPTED = noop("Accepted score suggestion (score {score})")
IMPORTED = noop("Import {file}, line {line}")
_WRITTEN_REASONS = {
    SCORE_REACHED: SCORE_REACHED,
    SUGGESTION_ACCEPTED: SUGGESTION_ACCEPTED,
    IMPORTED: IMPORTED,
    "Import {file}, Zeile {line}": IMPORTED,  # imports before December 2026 wrote German
}


def reason_text(reason: str) -> str:
    """A stored move reason: one LeadDesk wrote as its ``Text``, a person's own words as they are."""
    return read_back(reason, _WRITTEN_REASONS) or reason


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


#: Stage names a file may hold (English, German, the codes), folded → stage.
_STAGE_NAMES: dict[str, Stage] = {
    **{s.value: s for s in ALL_STAGES},
    **{label.casefold(): s for s, label in STAGE_LABELS_EN.items()},
    "gewonnen": Stage.WON,
    "verloren": Stage.LOST,
    "neu": Stage.LEAD,
    "marketing qualified lead": Stage.MQL,
    "sales qualified lead": Stage.SQL,
}


def stage_from_name(name: str) -> Stage | None:
    """The stage a file names ("MQL", "Gewonnen", "won", "Verloren"); None when it names none."""
    return _STAGE_NAMES.get(" ".join((name or "").split()).casefold())
