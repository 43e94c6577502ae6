"""BANT qualification: the four sections, their history per call, the verdict rule and call drafts.

A discovery call edits a :class:`BantData` in memory; its state is saved continuously
as a ``CallDraft`` (cheap single-row writes) so a crash loses nothing, and
:func:`end_call` writes the outcome as one transaction: the call activity, one
``QualificationChange`` per changed field (tied to that call), an optional follow-up
task, and the draft removed. Nothing here moves a lead: :func:`verdict` only suggests.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlmodel import Session, col

from leaddesk.core.db import Database, as_utc
from leaddesk.core.errors import ConflictError, NotFoundError, ValidationError
from leaddesk.core.models import (
    Activity,
    AppSetting,
    CallDraft,
    Lead,
    Qualification,
    QualificationChange,
    utcnow,
)
from leaddesk.core.services.activities import (
    CALL,
    CALL_OUTCOMES,
    ActivityView,
    add_activity_in,
    after_lead_change,
)
from leaddesk.core.services.tasks import DEFAULT_TITLE, TaskView, create_task_in
from leaddesk.core.stages import LOST_REASONS
from leaddesk.core.text import Text

SECTIONS: tuple[str, ...] = ("budget", "authority", "need", "timing")
SECTION_LABELS: dict[str, str] = {
    "budget": "Budget",
    "authority": "Authority",
    "need": "Need",
    "timing": "Timing",
}

UNKNOWN = "unknown"
PARTIAL = "partial"
CONFIRMED = "confirmed"
NO_FIT = "no_fit"
STATUS_LABELS: dict[str, str] = {
    UNKNOWN: "Unknown",
    PARTIAL: "Partly known",
    CONFIRMED: "Confirmed",
    NO_FIT: "Does not fit",
}
STATUSES: tuple[str, ...] = tuple(STATUS_LABELS)
YES_NO: tuple[str, ...] = ("unknown", "yes", "no")

#: Why a lead is lost when a section does not fit (prefilled, the user may edit it).
NO_FIT_REASONS: dict[str, str] = {
    "budget": LOST_REASONS["no_budget"],
    "authority": "No access to a decision maker",
    "need": LOST_REASONS["no_need"],
    "timing": "Timing does not fit",
}

_QUARTER = re.compile(r"^\d{4}-Q[1-4]$")


@dataclass(frozen=True)
class BantData:
    """The BANT values of one lead; field names are the ``Qualification`` columns (and scoring fields)."""

    budget_status: str = UNKNOWN
    budget_amount: float | None = None
    budget_currency: str = "EUR"
    budget_approved: str = "unknown"
    budget_notes: str = ""
    authority_status: str = UNKNOWN
    authority_is_decision_maker: str = "unknown"
    authority_people: str = ""
    authority_notes: str = ""
    need_status: str = UNKNOWN
    need_pain: str = ""
    need_priority: int | None = None
    need_notes: str = ""
    timing_status: str = UNKNOWN
    timing_target: str = ""
    timing_driver: str = ""
    timing_notes: str = ""

    def status(self, section: str) -> str:
        return str(getattr(self, f"{section}_status"))

    @property
    def confirmed_count(self) -> int:
        return sum(1 for s in SECTIONS if self.status(s) == CONFIRMED)

    @property
    def is_empty(self) -> bool:
        return self == BantData()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> BantData:
        """Tolerant of unknown keys (a draft written by another version); validates what it keeps."""
        known = {f.name for f in fields(cls)}
        return clean_bant(cls(**{k: v for k, v in values.items() if k in known}))


BANT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(BantData))

#: English labels of every field, for the history ("Budget: amount").
FIELD_LABELS: dict[str, str] = {
    "budget_status": "Budget: status",
    "budget_amount": "Budget: amount",
    "budget_currency": "Budget: currency",
    "budget_approved": "Budget: approved",
    "budget_notes": "Budget: notes",
    "authority_status": "Authority: status",
    "authority_is_decision_maker": "Authority: decision maker",
    "authority_people": "Authority: people involved",
    "authority_notes": "Authority: notes",
    "need_status": "Need: status",
    "need_pain": "Need: pain points",
    "need_priority": "Need: priority",
    "need_notes": "Need: notes",
    "timing_status": "Timing: status",
    "timing_target": "Timing: target",
    "timing_driver": "Timing: driver",
    "timing_notes": "Timing: notes",
}


#: What a scoring rule may test about BANT (field → kind of value). All but ``bant_confirmed`` (a
#: ``Lead`` column) are ``qualification`` columns: the bulk scorer LEFT JOINs ``qualification`` on
#: ``lead_id`` (no row = every status unknown); the explain path can use :func:`scoring_values`.
SCORING_FIELDS: dict[str, str] = {
    "bant_confirmed": "number",
    "budget_status": "status",
    "budget_amount": "number",
    "budget_approved": "yes_no",
    "authority_status": "status",
    "authority_is_decision_maker": "yes_no",
    "need_status": "status",
    "need_priority": "number",
    "timing_status": "status",
    "timing_target": "text",
}


def scoring_values(session: Session, lead_id: int) -> dict[str, Any]:
    """One lead's BANT values under the names of :data:`SCORING_FIELDS`."""
    data = load_in(session, lead_id)
    values: dict[str, Any] = {
        name: getattr(data, name) for name in SCORING_FIELDS if name != "bant_confirmed"
    }
    values["bant_confirmed"] = data.confirmed_count
    return values


_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


def parse_target_date(text: str) -> date | None:
    """A target day as ISO (2027-03-31) or German dotted (31.03.2027, 1.4.2027); None otherwise.

    Dotted day-first dates are never month-first anywhere, so accepting them is unambiguous;
    the UI maps its locale's own short format to ISO before this (``BantForm.to_bant``).
    """
    text = text.strip()
    dotted = _DOTTED.fullmatch(text)
    try:
        if dotted:
            day, month, year = (int(part) for part in dotted.groups())
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        return None


def clean_bant(data: BantData) -> BantData:
    """Normalise and validate; ValidationError names every bad field."""
    errors: dict[str, str] = {}
    changes: dict[str, Any] = {}
    for section in SECTIONS:
        if data.status(section) not in STATUS_LABELS:
            errors[f"{section}_status"] = Text("unknown status {status!r}", status=data.status(section))
    for key in ("budget_approved", "authority_is_decision_maker"):
        if getattr(data, key) not in YES_NO:
            errors[key] = Text("expected yes, no or unknown")
    amount = data.budget_amount
    if amount is not None and amount != "":
        try:
            number = float(str(amount).replace(",", "."))
            if number < 0 or number != number:
                raise ValueError
            changes["budget_amount"] = number
        except ValueError:
            errors["budget_amount"] = Text("{value!r} is not an amount of money (a number ≥ 0)", value=amount)
    else:
        changes["budget_amount"] = None
    currency = (data.budget_currency or "EUR").strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", currency):
        errors["budget_currency"] = Text("a currency is a three-letter code such as EUR")
    changes["budget_currency"] = currency
    priority = data.need_priority
    if priority is not None and priority != "":
        try:
            changes["need_priority"] = int(priority)
            if not 1 <= changes["need_priority"] <= 5:
                raise ValueError
        except (TypeError, ValueError):
            errors["need_priority"] = Text("priority is a number from 1 (low) to 5 (urgent)")
    else:
        changes["need_priority"] = None
    target = (data.timing_target or "").strip().upper()
    if target and not _QUARTER.match(target):
        day = parse_target_date(target)
        if day is None:
            errors["timing_target"] = Text("a target is a date (2027-03-31) or a quarter (2027-Q1)")
        else:
            target = day.isoformat()
    changes["timing_target"] = target
    for name in BANT_FIELDS:
        value = getattr(data, name)
        if isinstance(value, str) and name not in changes:
            changes[name] = value.strip()
    if errors:
        raise ValidationError(errors)
    return replace(data, **changes)


def _as_text(value: Any) -> str:
    """How a field value is written into the history (stable, comparable text)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


@dataclass(frozen=True)
class FieldChange:
    field: str
    old_value: str
    new_value: str


def diff(before: BantData, after: BantData) -> list[FieldChange]:
    """The fields that differ, in form order."""
    out = []
    for name in BANT_FIELDS:
        old, new = _as_text(getattr(before, name)), _as_text(getattr(after, name))
        if old != new:
            out.append(FieldChange(name, old, new))
    return out


def rebase(base: BantData, mine: BantData, theirs: BantData) -> tuple[BantData, tuple[str, ...]]:
    """Re-apply the fields edited since ``base`` (``mine``) onto what is stored now (``theirs``).

    For a form refused with ConflictError: the user keeps what they typed and also sees what a
    call stored meanwhile. Where both changed a field, the stored value wins (it was saved on
    purpose; the form is only a proposal until saved again); those fields are returned, in form
    order, so the form can name them.
    """
    stored = {c.field for c in diff(base, theirs)}
    values: dict[str, Any] = {}
    clashes: list[str] = []
    for change in diff(base, mine):
        if change.field not in stored:
            values[change.field] = getattr(mine, change.field)
        elif _as_text(getattr(theirs, change.field)) != change.new_value:
            clashes.append(change.field)
    return replace(theirs, **values), tuple(clashes)


def _row_to_data(row: Qualification | None) -> BantData:
    if row is None:
        return BantData()
    return BantData(**{name: getattr(row, name) for name in BANT_FIELDS})


#: The version of a lead that has no qualification row yet (a stored row starts at 1).
NO_VERSION = 0


@dataclass(frozen=True)
class StoredBant:
    """A lead's BANT with the version it was read at.

    A form that edits BANT for a while (the lead editor's tab) keeps ``version`` and passes it
    back as ``expected_version``, so a call that stored BANT in between is not overwritten.
    """

    data: BantData
    version: int = NO_VERSION


def get_qualification(db: Database, lead_id: int) -> BantData:
    """A lead's BANT (all unknown when never qualified)."""
    with db.session() as session:
        return load_in(session, lead_id)


def load_qualification(db: Database, lead_id: int) -> StoredBant:
    """A lead's BANT and its version, for editing it and saving with ``expected_version``."""
    with db.session() as session:
        return load_stored_in(session, lead_id)


def load_in(session: Session, lead_id: int) -> BantData:
    return load_stored_in(session, lead_id).data


def load_stored_in(session: Session, lead_id: int) -> StoredBant:
    row = _row_in(session, lead_id)
    return StoredBant(_row_to_data(row), _version_of(row))


def _row_in(session: Session, lead_id: int) -> Qualification | None:
    return session.execute(
        select(Qualification).where(col(Qualification.lead_id) == lead_id)
    ).scalar_one_or_none()


def _version_of(row: Qualification | None) -> int:
    return NO_VERSION if row is None else int(row.version)


def save_qualification_in(
    session: Session,
    lead_id: int,
    data: BantData,
    *,
    activity_id: int | None = None,
    who: str = "",
    at: datetime | None = None,
    expected_version: int | None = None,
) -> list[FieldChange]:
    """Store BANT for a lead, one history row per changed field; keeps the lead's BANT counters in step.

    ``expected_version`` (from :func:`load_qualification`; 0 = read when there was none) refuses
    the save with ConflictError when BANT was stored in between, e.g. by a call: the whole form is
    written back, so a stale one would silently revert it. None skips the check. Every write
    raises the version by one.
    """
    data = clean_bant(data)
    erased = session.execute(select(col(Lead.erased)).where(col(Lead.id) == lead_id)).scalar_one_or_none()
    if erased is None or erased:
        raise NotFoundError(Text("lead {id} does not exist", id=lead_id))
    row = _row_in(session, lead_id)
    actual = _version_of(row)
    if expected_version is not None and actual != expected_version:
        raise ConflictError(Text("lead {id}", id=lead_id), expected_version, actual)
    before = _row_to_data(row)
    changes = diff(before, data)
    if not changes:
        return []
    now = at or utcnow()
    if row is None:
        row = Qualification(lead_id=lead_id, version=NO_VERSION + 1)
        session.add(row)
    else:
        row.version += 1
    for name in BANT_FIELDS:
        setattr(row, name, getattr(data, name))
    row.updated_at = now
    session.add_all(
        QualificationChange(
            lead_id=lead_id,
            activity_id=activity_id,
            field=c.field,
            old_value=c.old_value,
            new_value=c.new_value,
            at=now,
            who=who,
        )
        for c in changes
    )
    session.execute(
        update(Lead)
        .where(col(Lead.id) == lead_id)
        .values(bant_confirmed=data.confirmed_count, has_qualification=not data.is_empty)
    )
    session.flush()
    after_lead_change(session, lead_id)
    return changes


def save_qualification(
    db: Database,
    lead_id: int,
    data: BantData,
    *,
    who: str = "",
    expected_version: int | None = None,
) -> list[FieldChange]:
    """Edit BANT outside a call (from the lead editor); see :func:`save_qualification_in`."""
    with db.transaction() as session:
        return save_qualification_in(session, lead_id, data, who=who, expected_version=expected_version)


# --- verdict ---------------------------------------------------------------------------------------

RULE_SETTING = "qualification.rule"


@dataclass(frozen=True)
class VerdictRule:
    """When BANT suggests SQL: every ``required`` section confirmed and ``min_others`` of the rest.

    Default: Need confirmed and at least two of Budget, Authority, Timing. With
    ``no_fit_means_lost`` any section that does not fit suggests Lost instead.
    """

    required: tuple[str, ...] = ("need",)
    min_others: int = 2
    no_fit_means_lost: bool = True

    def __post_init__(self) -> None:
        bad = [s for s in self.required if s not in SECTIONS]
        if bad:
            raise ValidationError({"required": Text("unknown sections: {sections}", sections=", ".join(bad))})
        others = len(SECTIONS) - len(set(self.required))
        if not 0 <= self.min_others <= others:
            raise ValidationError({"min_others": Text("must be between 0 and {max}", max=others)})

    def to_json(self) -> str:
        return json.dumps(
            {
                "required": list(self.required),
                "min_others": self.min_others,
                "no_fit_means_lost": self.no_fit_means_lost,
            }
        )

    @classmethod
    def from_json(cls, text: str) -> VerdictRule:
        raw = json.loads(text)
        return cls(
            required=tuple(raw.get("required", ("need",))),
            min_others=int(raw.get("min_others", 2)),
            no_fit_means_lost=bool(raw.get("no_fit_means_lost", True)),
        )


def get_rule(db: Database) -> VerdictRule:
    with db.session() as session:
        row = session.get(AppSetting, RULE_SETTING)
    return VerdictRule.from_json(row.value) if row is not None else VerdictRule()


def set_rule(db: Database, rule: VerdictRule) -> None:
    with db.transaction() as session:
        session.merge(AppSetting(key=RULE_SETTING, value=rule.to_json()))


SUGGEST_SQL = "sql"
SUGGEST_LOST = "lost"
SUGGEST_NONE = ""


@dataclass(frozen=True)
class Verdict:
    """A suggestion only; the user confirms. ``reason`` is prefilled for Lost."""

    suggestion: str
    reason: str = ""
    no_fit: tuple[str, ...] = ()
    missing: tuple[str, ...] = field(default=())


def verdict(data: BantData, rule: VerdictRule | None = None) -> Verdict:
    """What BANT suggests: ``sql``, ``lost`` (with a reason), or nothing yet (with what is missing)."""
    rule = rule or VerdictRule()
    no_fit = tuple(s for s in SECTIONS if data.status(s) == NO_FIT)
    if no_fit and rule.no_fit_means_lost:
        notes = [getattr(data, f"{s}_notes") for s in no_fit]
        reason = "; ".join(NO_FIT_REASONS[s] for s in no_fit)
        detail = " — ".join(n for n in notes if n)
        return Verdict(SUGGEST_LOST, f"{reason} — {detail}" if detail else reason, no_fit)
    missing = [s for s in rule.required if data.status(s) != CONFIRMED]
    others = [s for s in SECTIONS if s not in rule.required]
    confirmed_others = sum(1 for s in others if data.status(s) == CONFIRMED)
    if confirmed_others < rule.min_others:
        missing += [s for s in others if data.status(s) != CONFIRMED]
    if missing or no_fit:
        return Verdict(SUGGEST_NONE, "", no_fit, tuple(missing))
    return Verdict(SUGGEST_SQL)


# --- drafts ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DraftView:
    id: int
    lead_id: int
    lead_name: str
    started_at: datetime
    updated_at: datetime
    data: dict[str, Any]


def save_draft(
    db: Database,
    lead_id: int,
    data: dict[str, Any],
    *,
    draft_id: int | None = None,
    started_at: datetime | None = None,
) -> int:
    """Write the call's current state; one small Core statement so it is cheap on the UI thread.

    Returns the draft id to pass on the next save.
    """
    payload = json.dumps(data, ensure_ascii=False, default=str)
    now = utcnow()
    table = CallDraft.__table__  # type: ignore[attr-defined]
    with db.engine.begin() as conn:
        if draft_id is not None:
            done = conn.execute(
                update(table).where(table.c.id == draft_id).values(data=payload, updated_at=now)
            ).rowcount
            if done:
                return draft_id
        result = conn.execute(
            insert(table).values(lead_id=lead_id, data=payload, started_at=started_at or now, updated_at=now)
        )
        key = result.inserted_primary_key
        assert key is not None  # one row inserted
        return int(key[0])


def _draft_query() -> Any:
    return select(CallDraft, col(Lead.first_name), col(Lead.last_name), col(Lead.company)).join(
        Lead, col(Lead.id) == col(CallDraft.lead_id)
    )


def _draft_view(row: CallDraft, first: str, last: str, company: str) -> DraftView:
    assert row.id is not None
    started, updated = as_utc(row.started_at), as_utc(row.updated_at)
    assert started is not None and updated is not None
    try:
        data = json.loads(row.data)
    except ValueError:
        data = {}
    name = f"{first} {last}".strip()
    if company:
        name = f"{name} ({company})" if name else company
    return DraftView(row.id, row.lead_id, name, started, updated, data if isinstance(data, dict) else {})


def load_draft(db: Database, draft_id: int) -> DraftView:
    with db.session() as session:
        found = session.execute(_draft_query().where(CallDraft.id == draft_id)).one_or_none()
    if found is None:
        raise NotFoundError(Text("call draft {id} does not exist", id=draft_id))
    return _draft_view(*found)


def pending_drafts(db: Database, lead_id: int | None = None) -> list[DraftView]:
    """Calls that never ended (the app was closed or crashed): newest first."""
    query = _draft_query().order_by(CallDraft.updated_at.desc())  # type: ignore[attr-defined]
    if lead_id is not None:
        query = query.where(CallDraft.lead_id == lead_id)
    with db.session() as session:
        return [_draft_view(*found) for found in session.execute(query)]


def discard_draft(db: Database, draft_id: int) -> None:
    with db.transaction() as session:
        session.execute(delete(CallDraft).where(CallDraft.id == draft_id))  # type: ignore[arg-type]


# --- ending a call ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FollowUp:
    """The next step asked for when a call ends."""

    due_at: datetime | date
    title: str = DEFAULT_TITLE
    all_day: bool = True
    notes: str = ""


@dataclass(frozen=True)
class CallResult:
    activity: ActivityView
    changes: tuple[FieldChange, ...]
    task: TaskView | None
    qualification: BantData
    verdict: Verdict


def end_call(
    db: Database,
    lead_id: int,
    bant: BantData,
    *,
    outcome: str,
    duration_s: int,
    started_at: datetime | None = None,
    notes: str = "",
    who: str = "",
    follow_up: FollowUp | None = None,
    draft_id: int | None = None,
    tz: str | None = None,
    subject: str | None = None,
    base: BantData | None = None,
) -> CallResult:
    """Finish a discovery call as one transaction: call activity, BANT changes, follow-up, draft gone.

    ``subject`` names the call in the timeline (the UI passes it in its language); by default
    an English summary of the BANT count and the sections that changed. ``base`` is the BANT the
    call started from: if someone saved BANT meanwhile (the lead editor's tab), only the fields
    the call changed are written over it — where both changed a field, the call's answer wins.
    """
    if outcome not in CALL_OUTCOMES:
        raise ValidationError(
            {"outcome": Text("choose an outcome ({valid})", valid=", ".join(CALL_OUTCOMES))}
        )
    bant = clean_bant(bant)
    with db.transaction() as session:
        stored = load_in(session, lead_id)
        if base is not None and stored != base:
            merged, clashes = rebase(clean_bant(base), bant, stored)
            bant = replace(merged, **{name: getattr(bant, name) for name in clashes})
        sections = dict.fromkeys(c.field.split("_")[0] for c in diff(stored, bant))
        changed_names = ", ".join(SECTION_LABELS[s] for s in sections)
        activity = add_activity_in(
            session,
            lead_id,
            CALL,
            at=started_at or utcnow(),
            who=who,
            subject=subject
            if subject is not None
            else f"Discovery call — BANT {bant.confirmed_count}/4"
            + (f" (changed: {changed_names})" if changed_names else ""),
            notes=notes,
            duration_s=duration_s,
            outcome=outcome,
        )
        assert activity.id is not None
        changes = save_qualification_in(session, lead_id, bant, activity_id=activity.id, who=who)
        task = None
        if follow_up is not None:
            task = create_task_in(
                session,
                lead_id,
                follow_up.due_at,
                title=follow_up.title,
                all_day=follow_up.all_day,
                tz=tz,
                notes=follow_up.notes,
                who=who,
                activity_id=activity.id,
            )
        if draft_id is not None:
            session.execute(delete(CallDraft).where(CallDraft.id == draft_id))  # type: ignore[arg-type]
        result = CallResult(
            ActivityView.of(activity),
            tuple(changes),
            TaskView.of(task) if task is not None else None,
            bant,
            verdict(bant, _rule_in(session)),
        )
    return result


def _rule_in(session: Session) -> VerdictRule:
    row = session.get(AppSetting, RULE_SETTING)
    return VerdictRule.from_json(row.value) if row is not None else VerdictRule()


# --- history ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryEntry:
    """One changed field, with the call it came from (None when edited outside a call)."""

    at: datetime
    who: str
    field: str
    old_value: str
    new_value: str
    activity_id: int | None
    call_at: datetime | None
    call_outcome: str
    call_duration_s: int | None


def history(db: Database, lead_id: int) -> list[HistoryEntry]:
    """Every BANT change of a lead, oldest first: what changed, in which call, when."""
    query = (
        select(QualificationChange, col(Activity.at), col(Activity.outcome), col(Activity.duration_s))
        .outerjoin(Activity, col(Activity.id) == col(QualificationChange.activity_id))
        .where(col(QualificationChange.lead_id) == lead_id)
        .order_by(col(QualificationChange.at), col(QualificationChange.id))
    )
    out = []
    with db.session() as session:
        for change, call_at, call_outcome, call_duration in session.execute(query):
            at = as_utc(change.at)
            assert at is not None
            out.append(
                HistoryEntry(
                    at,
                    change.who,
                    change.field,
                    change.old_value,
                    change.new_value,
                    change.activity_id,
                    as_utc(call_at),
                    call_outcome or "",
                    call_duration,
                )
            )
    return out
