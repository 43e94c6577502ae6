"""Follow-up tasks and the "due today / overdue" logic in the user's time zone.

A task is due either at a moment (``all_day=False``) or on a day (``all_day=True``). An
all-day task is stored as the first instant of that day in the user's zone, so the
lead filter "follow-up due" (``next_follow_up < end of today``) is right for both kinds.
Whether a task is overdue, due today or later is decided by :func:`classify_due` from
an injectable ``now`` and zone, which keeps midnight and DST testable.

``Lead.next_follow_up`` always equals the earliest open task's due moment; every write
here keeps it in step inside the same transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, update
from sqlmodel import Session, col

from leaddesk.core.changes import note
from leaddesk.core.db import Database, as_utc
from leaddesk.core.errors import NotFoundError, ValidationError
from leaddesk.core.models import AppSetting, Lead, Task, utcnow
from leaddesk.core.services.activities import after_lead_change
from leaddesk.core.text import Text
from leaddesk.core.tz import TZ_SETTING as TZ_SETTING  # re-exported: callers read the zone here
from leaddesk.core.tz import user_timezone as user_timezone
from leaddesk.core.tz import user_timezone_in as user_timezone_in
from leaddesk.core.tz import zone as zone

DEFAULT_TITLE = "Follow up"


class DueState(StrEnum):
    OVERDUE = "overdue"
    TODAY = "today"
    LATER = "later"


def set_user_timezone(db: Database, tz: str) -> None:
    zone(tz)
    with db.transaction() as session:
        session.merge(AppSetting(key=TZ_SETTING, value=json.dumps(tz)))
        note(session, settings=True)


def start_of_day(day: date, tz: str) -> datetime:
    """The first instant of ``day`` in ``tz`` as UTC (how an all-day due is stored)."""
    return datetime.combine(day, time(0), tzinfo=zone(tz)).astimezone(ZoneInfo("UTC"))


def local_day(moment: datetime, tz: str) -> date:
    return moment.astimezone(zone(tz)).date()


def classify_due(due_at: datetime, all_day: bool, now: datetime, tz: str) -> DueState:
    """Overdue, today or later, seen from ``now`` in zone ``tz``.

    An all-day task is overdue only once its day has passed; a timed task as soon as
    its moment has passed, and "today" while it is still ahead on the local today.
    """
    due_at = as_utc(due_at) or due_at
    today = local_day(now, tz)
    day = local_day(due_at, tz)
    if all_day:
        if day < today:
            return DueState.OVERDUE
        return DueState.TODAY if day == today else DueState.LATER
    if due_at <= now:
        return DueState.OVERDUE
    return DueState.TODAY if day == today else DueState.LATER


@dataclass(frozen=True)
class TaskView:
    """A task as plain values."""

    id: int
    lead_id: int
    title: str
    notes: str
    due_at: datetime
    all_day: bool
    done: bool
    done_at: datetime | None
    activity_id: int | None
    who: str

    @classmethod
    def of(cls, row: Task) -> TaskView:
        assert row.id is not None
        due = as_utc(row.due_at)
        assert due is not None
        return cls(
            row.id,
            row.lead_id,
            row.title,
            row.notes,
            due,
            row.all_day,
            row.done,
            as_utc(row.done_at),
            row.activity_id,
            row.who,
        )

    def due_day(self, tz: str) -> date:
        return local_day(self.due_at, tz)


@dataclass(frozen=True)
class DueTask:
    """A row of the "Due today / overdue" list: the task plus who it is about."""

    task: TaskView
    state: DueState
    lead_name: str
    company: str
    stage: str


def sync_next_follow_up(session: Session, lead_id: int) -> datetime | None:
    """Set ``Lead.next_follow_up`` to the earliest open task's due moment (None without one)."""
    earliest = session.execute(
        select(func.min(col(Task.due_at))).where(col(Task.lead_id) == lead_id, col(Task.done).is_(False))
    ).scalar()
    earliest = as_utc(earliest)
    session.execute(update(Lead).where(col(Lead.id) == lead_id).values(next_follow_up=earliest))
    return earliest


def set_follow_up_in(session: Session, lead_id: int, moment: datetime | None) -> None:
    """A lead's "next follow-up" as a person sets it on the lead itself (editor, CLI), kept as tasks.

    ``Lead.next_follow_up`` mirrors the earliest open task, so writing the column alone would
    never reach the follow-up list and would be undone by the next task change. The day set
    moves that earliest open task there (or makes an all-day task when there is none);
    clearing it marks that task done.
    """
    earliest = (
        session.execute(
            select(Task)
            .where(col(Task.lead_id) == lead_id, col(Task.done).is_(False))
            .order_by(col(Task.due_at), col(Task.id))
            .limit(1)
        )
        .scalars()
        .first()
    )
    if moment is None:
        if earliest is not None:
            earliest.done, earliest.done_at = True, utcnow()
    else:
        tz = user_timezone_in(session)
        due = _due(local_day(moment, tz), True, tz)
        if earliest is not None:
            earliest.due_at, earliest.all_day = due, True
        else:
            session.add(Task(lead_id=lead_id, title=DEFAULT_TITLE, due_at=due, all_day=True))
    session.flush()
    note(session, updated=[lead_id], tasks=True)
    sync_next_follow_up(session, lead_id)


def _due(due_at: datetime | date, all_day: bool, tz: str) -> datetime:
    if isinstance(due_at, datetime):
        if due_at.tzinfo is None:
            raise ValidationError({"due_at": Text("needs a time zone")})
        return start_of_day(local_day(due_at, tz), tz) if all_day else due_at
    if not all_day:
        raise ValidationError({"due_at": Text("a task due at a time needs a date and a time")})
    return start_of_day(due_at, tz)


def create_task_in(
    session: Session,
    lead_id: int,
    due_at: datetime | date,
    *,
    title: str = DEFAULT_TITLE,
    all_day: bool = True,
    tz: str | None = None,
    notes: str = "",
    who: str = "",
    activity_id: int | None = None,
) -> Task:
    """A new open follow-up inside the caller's transaction; a ``date`` means an all-day task."""
    title = title.strip()
    if not title:
        raise ValidationError({"title": Text("a follow-up needs a title")})
    erased = session.execute(select(col(Lead.erased)).where(col(Lead.id) == lead_id)).scalar_one_or_none()
    if erased is None or erased:
        raise NotFoundError(Text("lead {id} does not exist", id=lead_id))
    row = Task(
        lead_id=lead_id,
        title=title,
        notes=notes.strip(),
        due_at=_due(due_at, all_day, tz or user_timezone_in(session)),
        all_day=all_day,
        who=who,
        activity_id=activity_id,
    )
    session.add(row)
    session.flush()
    sync_next_follow_up(session, lead_id)
    after_lead_change(session, lead_id, tasks=True)
    return row


def create_task(db: Database, lead_id: int, due_at: datetime | date, **fields: object) -> TaskView:
    """Create a follow-up for a lead (see :func:`create_task_in`)."""
    with db.transaction() as session:
        return TaskView.of(create_task_in(session, lead_id, due_at, **fields))  # type: ignore[arg-type]


def _change(db: Database, task_id: int, **values: object) -> TaskView:
    with db.transaction() as session:
        row = session.get(Task, task_id)
        if row is None:
            raise NotFoundError(Text("task {id} does not exist", id=task_id))
        for key, value in values.items():
            setattr(row, key, value)
        session.flush()
        sync_next_follow_up(session, row.lead_id)
        after_lead_change(session, row.lead_id, tasks=True)
        return TaskView.of(row)


def complete_task(db: Database, task_id: int, *, now: datetime | None = None) -> TaskView:
    return _change(db, task_id, done=True, done_at=now or utcnow())


def reopen_task(db: Database, task_id: int) -> TaskView:
    return _change(db, task_id, done=False, done_at=None)


def reschedule_task(
    db: Database, task_id: int, due_at: datetime | date, *, all_day: bool = True, tz: str | None = None
) -> TaskView:
    """Move a task to another day or moment (it stays open); a day is counted in the user's zone."""
    return _change(db, task_id, due_at=_due(due_at, all_day, tz or user_timezone(db)), all_day=all_day)


def list_tasks(db: Database, lead_id: int, *, include_done: bool = True) -> list[TaskView]:
    """A lead's tasks: open ones first by due moment, then done ones."""
    with db.session() as session:
        query = select(Task).where(col(Task.lead_id) == lead_id)
        if not include_done:
            query = query.where(col(Task.done).is_(False))
        rows = session.execute(query.order_by(col(Task.done), col(Task.due_at), col(Task.id))).scalars()
        return [TaskView.of(r) for r in rows]


def _due_horizon(now: datetime, tz: str) -> datetime:
    """An upper bound for every task that can be due today in ``tz``: the start of local tomorrow."""
    return start_of_day(local_day(now, tz) + timedelta(days=1), tz)


def due_tasks(db: Database, *, now: datetime | None = None, tz: str | None = None) -> list[DueTask]:
    """Open tasks overdue or due today, overdue first, each by due moment."""
    now = now or utcnow()
    tz = tz or user_timezone(db)
    horizon = _due_horizon(now, tz)
    query = (
        select(Task, col(Lead.first_name), col(Lead.last_name), col(Lead.company), col(Lead.stage))
        .join(Lead, col(Lead.id) == col(Task.lead_id))
        .where(col(Task.done).is_(False), col(Task.due_at) < horizon, col(Lead.erased).is_(False))
        .order_by(col(Task.due_at), col(Task.id))
    )
    out: list[DueTask] = []
    with db.session() as session:
        for task, first, last, company, stage in session.execute(query):
            view = TaskView.of(task)
            state = classify_due(view.due_at, view.all_day, now, tz)
            if state is DueState.LATER:
                continue
            out.append(DueTask(view, state, f"{first} {last}".strip() or company, company, stage))
    out.sort(key=lambda d: (d.state is not DueState.OVERDUE, d.task.due_at, d.task.id))
    return out


def due_counts(db: Database, *, now: datetime | None = None, tz: str | None = None) -> tuple[int, int]:
    """(overdue, due today) — what the app announces at start."""
    rows = due_tasks(db, now=now, tz=tz)
    overdue = sum(1 for r in rows if r.state is DueState.OVERDUE)
    return overdue, len(rows) - overdue


def follow_up_states(
    db: Database, lead_ids: Iterable[int], *, now: datetime | None = None, tz: str | None = None
) -> dict[int, DueState]:
    """For board cards: each lead's worst open-task state (leads with nothing due are left out)."""
    ids = list(lead_ids)
    if not ids:
        return {}
    now = now or utcnow()
    tz = tz or user_timezone(db)
    horizon = _due_horizon(now, tz)
    out: dict[int, DueState] = {}
    with db.session() as session:
        rows = session.execute(
            select(col(Task.lead_id), col(Task.due_at), col(Task.all_day)).where(
                col(Task.done).is_(False),
                col(Task.due_at) < horizon,
                col(Task.lead_id).in_(ids),
            )
        )
        for lead_id, due_at, all_day in rows:
            state = classify_due(as_utc(due_at) or due_at, all_day, now, tz)
            if state is DueState.OVERDUE or (state is DueState.TODAY and lead_id not in out):
                out[lead_id] = state
    return out
