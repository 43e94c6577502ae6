"""Merge a second LeadDesk database (the laptop used offline at a fair) into this one.

Leads are matched by ``uid`` first (the same lead edited on both machines), then by the
duplicate rules of :mod:`leaddesk.core.dedupe` (the same person typed in twice). A match
is merged field by field — empty fields are filled, and where both sides differ the value
changed last wins while the other is kept in the notes — and everything attached to the
lead is brought over: stage history, activities, tasks, BANT answers and their history,
score adjustments, attachments. Rows already present (same kind and moment) are not
copied twice, so merging the same file again changes nothing. Everything runs in one
transaction; ``dry_run`` runs it and rolls back, so the report is exactly what would happen.
The other file is read through a private copy and never changed.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections import defaultdict
from collections.abc import Callable, Hashable
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session

from leaddesk.core import paths
from leaddesk.core.changes import note
from leaddesk.core.db import Database, as_utc, copy_sqlite, prune_safety_copies, safety_copy
from leaddesk.core.dedupe import DuplicateIndex, display_text, same_value
from leaddesk.core.errors import DatabaseError, LeadDeskError, NewerSchemaError
from leaddesk.core.models import (
    Activity,
    Attachment,
    CallDraft,
    FieldSource,
    Lead,
    Qualification,
    QualificationChange,
    ScoreAdjustment,
    StageChange,
    Task,
    User,
    utcnow,
)
from leaddesk.core.people import owner_users
from leaddesk.core.perf import paused_gc
from leaddesk.core.privacy.erase import reapply_erasures
from leaddesk.core.privacy.suppression import SuppressionChecker
from leaddesk.core.scoring.engine import rescore_in
from leaddesk.core.services.leads import EDITABLE_FIELDS, apply_values
from leaddesk.core.text import Text

Progress = Callable[[int, int], bool | None]
_CHILDREN: tuple[type[Any], ...] = (
    StageChange,
    Activity,
    Task,
    QualificationChange,
    ScoreAdjustment,
    Attachment,
)
_QUAL_FIELDS = tuple(
    c.name
    for c in Qualification.__table__.columns  # type: ignore[attr-defined]
    if c.name not in ("id", "lead_id", "updated_at", "version")
)


@dataclass
class LeadOutcome:
    """What the merge does with one lead of the other file, as data the app can show translated.

    ``outcome`` is "added", "merged" or "left"; ``match`` says how a merged lead was found
    ("uid" or a duplicate rule: "email", "phone", "name"); ``left_reason`` why one was left
    ("erased_there", "erased_here", "suppressed"). ``filled`` are fields taken from the other file, ``kept``
    fields whose other value went into the notes; ``rows`` counts the rows brought over per table.
    """

    outcome: str
    name: str
    uid: str
    target_id: int | None = None
    match: str = ""
    left_reason: str = ""
    #: Why a lead was left when ``left_reason`` is "suppressed" (a translatable core text).
    left_note: str = ""
    filled: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    stage: tuple[str, str] | None = None
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def changes(self) -> bool:
        """Whether the merge changes anything here for this lead (a new one, or a match it adds to)."""
        if self.outcome == "merged":
            return bool(self.filled or self.kept or self.stage or self.rows)
        return self.outcome == "added"


@dataclass
class DbMergeReport:
    """What the merge added, merged and left, for the person and for the log."""

    other_file: str
    dry_run: bool
    added: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    rows_added: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    rows_present: int = 0
    leads: list[LeadOutcome] = field(default_factory=list)
    #: Users added here for the other file's owners and users (names), see ``owner_users``.
    users_added: list[str] = field(default_factory=list)
    #: The database as it was before a real merge (None for a dry run or a database that is no file).
    safety_copy: Path | None = None

    def summary(self) -> str:
        rows = ", ".join(f"{n} {t}" for t, n in sorted(self.rows_added.items()) if n) or "no other rows"
        verb = "leads to add" if self.dry_run else "leads added"
        return (
            f"{verb}: {len(self.added)}, merged: {len(self.merged)}, left: {len(self.left)}; "
            f"{rows}; differing values kept in notes: {len(self.conflicts)}; "
            f"rows already present: {self.rows_present}"
        )

    def lines(self) -> list[str]:
        out = [f"added: {x}" for x in self.added]
        out += [f"merged: {x}" for x in self.merged]
        out += [f"left: {x}" for x in self.left]
        out += [f"kept both values: {x}" for x in self.conflicts]
        out += [f"user added: {x}" for x in self.users_added]
        return out


class _DryRun(Exception):
    """Raised at the end of a dry run so the transaction rolls back."""


class OtherDatabaseError(DatabaseError):
    """The other file cannot be merged. ``reason`` ("missing", "unreadable", "same", "not_leaddesk",
    "newer") lets the app say why in the person's language; the message names the file."""

    def __init__(self, path: Path, reason: str, message: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(message)


def open_other(path: str | Path, *, this: Path | None = None) -> tuple[Database, Path]:
    """A migrated private copy of another LeadDesk database (the original is only read).

    ``this`` is the open database's own file: merging a file into itself is refused.
    """
    source = Path(path)
    if not source.is_file():
        raise OtherDatabaseError(source, "missing", Text("{file}: no such file", file=str(source)))
    if this is not None and this.is_file() and source.resolve() == this.resolve():
        raise OtherDatabaseError(
            source, "same", Text("{file} is the database LeadDesk has open", file=str(source))
        )
    if not os.access(source, os.R_OK):
        raise OtherDatabaseError(
            source, "unreadable", Text("{file}: cannot read this file (permission denied)", file=str(source))
        )
    folder = Path(tempfile.mkdtemp(prefix="leaddesk-merge-"))
    copy = folder / "other.sqlite3"
    try:
        copy_sqlite(source, copy)
        # A LeadDesk file, not just any SQLite file that the migration would quietly fill with tables.
        with closing(sqlite3.connect(copy)) as conn:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {"lead", "alembic_version"} <= names:
            raise OtherDatabaseError(
                source, "not_leaddesk", Text("{file} is not a LeadDesk database", file=str(source))
            )
        db = Database.open(paths.sqlite_url(copy))
        with db.engine.connect() as conn:
            conn.execute(select(func.count()).select_from(Lead))
    except OtherDatabaseError:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    except NewerSchemaError:
        shutil.rmtree(folder, ignore_errors=True)
        raise OtherDatabaseError(
            source,
            "newer",
            Text("{file} was written by a newer LeadDesk; update LeadDesk to merge it", file=str(source)),
        ) from None
    except Exception as exc:
        shutil.rmtree(folder, ignore_errors=True)
        if isinstance(exc, LeadDeskError) and not isinstance(exc, DatabaseError):
            raise
        message = Text("{file} is not a LeadDesk database ({detail})", file=str(source), detail=str(exc))
        raise OtherDatabaseError(source, "not_leaddesk", message) from None
    return db, folder


def merge_database(
    db: Database, other_path: str | Path, *, dry_run: bool = False, progress: Progress | None = None
) -> DbMergeReport:
    """Bring every lead of ``other_path`` and everything attached to it into ``db``; nothing is lost.

    A real merge first copies the database aside (``report.safety_copy``): it cannot be undone
    step by step. The copy is removed again if the merge fails or is cancelled (nothing changed).
    """
    other, folder = open_other(other_path, this=db.file)
    report = DbMergeReport(Path(other_path).name, dry_run)
    copy = None
    try:
        data = _load(other)
        if not dry_run:
            copy = safety_copy(db.engine, "merge")
        try:
            with db.transaction() as session, paused_gc():
                _merge(session, data, report, progress)
                if dry_run:
                    raise _DryRun
                rescore_in(session)  # merged leads' activities and BANT now count together
                note(session, all_leads=True, activities=True, tasks=True)
        except _DryRun:
            pass
    except BaseException:
        if copy is not None:
            copy.unlink(missing_ok=True)
        raise
    finally:
        other.close()
        shutil.rmtree(folder, ignore_errors=True)
    if copy is not None:
        prune_safety_copies(copy)
    if not dry_run:
        reapply_erasures(db)  # nothing erased here comes back with the other file
    report.safety_copy = copy
    if not dry_run:
        db.refresh_stats()
    return report


def _rows(session: Session, model: type[Any]) -> list[dict[str, Any]]:
    table = model.__table__
    return [dict(r._mapping) for r in session.execute(select(table))]


def _load(other: Database) -> dict[str, Any]:
    with other.session() as s:
        data: dict[str, Any] = {
            "leads": _rows(s, Lead),
            "qual": {q["lead_id"]: q for q in _rows(s, Qualification)},
            "users": {u["name"]: (u["initials"], u["email"]) for u in _rows(s, User)},
        }
        for model in (*_CHILDREN, CallDraft):
            by_lead: dict[int, list[dict[str, Any]]] = defaultdict(list)
            for row in _rows(s, model):
                by_lead[row["lead_id"]].append(row)
            data[model.__tablename__] = by_lead
    return data


def _key(model: type[Any], row: dict[str, Any]) -> Hashable:
    """What makes a child row "the same" in both databases (no uids below the lead)."""
    at = {
        StageChange: "at",
        Activity: "at",
        Task: "created_at",
        QualificationChange: "at",
        ScoreAdjustment: "at",
        Attachment: "created_at",
        CallDraft: "started_at",
    }[model]
    moment = as_utc(row[at])
    stamp = moment.replace(microsecond=0).isoformat() if isinstance(moment, datetime) else str(moment)
    extra = {
        StageChange: ("from_stage", "to_stage"),
        Activity: ("kind", "subject"),
        Task: ("title",),
        QualificationChange: ("field", "new_value"),
        ScoreAdjustment: ("points", "reason"),
        Attachment: ("kind", "file_name"),
        CallDraft: (),
    }[model]
    return (stamp, *(row[k] for k in extra))


def _merge(session: Session, data: dict[str, Any], report: DbMergeReport, progress: Progress | None) -> None:
    uids = {
        uid: (lead_id, erased)
        for uid, lead_id, erased in session.execute(select(Lead.uid, Lead.id, Lead.erased))
    }
    index = DuplicateIndex.from_db(session)
    origin = f"db:{report.other_file}"
    blocked = SuppressionChecker.load(session)
    leads = data["leads"]
    # The other file's owners are users here too (with the initials and e-mail it knew them by).
    before = set(session.execute(select(User.name)).scalars())  # type: ignore[call-overload]
    owners = owner_users(
        session, [*(r["owner"] for r in leads if r["owner"]), *data["users"]], details=data["users"]
    )
    report.users_added = sorted(set(owners.values()) - before, key=str.casefold)
    for n, row in enumerate(leads, start=1):
        text = f"{display_text(row)} (uid {row['uid']})"
        outcome = LeadOutcome("left", display_text(row), row["uid"])
        report.leads.append(outcome)
        if row["erased"]:
            report.left.append(f"{text}: erased or merged in {report.other_file}; not brought over")
            outcome.left_reason = "erased_there"
            continue
        refused = blocked.reason(row, row["uid"])
        if refused is not None:  # data protection: erased or "do not contact" here
            report.left.append(f"{text}: {refused}")
            outcome.left_reason, outcome.left_note = "suppressed", refused
            continue
        target_id, how = None, ""
        if row["uid"] in uids:
            target_id, erased = uids[row["uid"]]
            if erased:
                report.left.append(f"{text}: erased or merged here; not brought back")
                outcome.left_reason, outcome.target_id = "erased_here", target_id
                continue
            how, outcome.match = "same uid", "uid"
        else:
            strong = [m for m in index.find(row) if m.strong and m.lead_id]
            if strong:
                target_id, how = strong[0].lead_id, f"same {strong[0].reason} as lead {strong[0].lead_id}"
                outcome.match = strong[0].reason
        rows_before = dict(report.rows_added)
        if target_id is None:
            lead = _add_lead(session, row | {"owner": owners.get(row["owner"], row["owner"])})
            assert lead.id is not None
            index.add(row, lead_id=lead.id)
            uids[row["uid"]] = (lead.id, False)
            report.added.append(text)
            target_id = lead.id
            outcome.outcome = "added"
            existing_keys: dict[type[Any], set[Hashable]] = defaultdict(set)
        else:
            existing_keys = _existing_keys(session, target_id)
            _merge_fields(session, target_id, row, origin, report, outcome)
            report.merged.append(f"{text} into lead {target_id} ({how})")
            outcome.outcome = "merged"
        outcome.target_id = target_id
        outcome.stage = _copy_children(session, data, row["id"], target_id, existing_keys, report, outcome)
        outcome.rows = {
            t: n - rows_before.get(t, 0) for t, n in report.rows_added.items() if n > rows_before.get(t, 0)
        }
        if progress is not None and n % 200 == 0 and progress(n, len(leads)) is False:
            from leaddesk.core.errors import Cancelled

            raise Cancelled(Text("database merge cancelled; nothing was changed"))


def _add_lead(session: Session, row: dict[str, Any]) -> Lead:
    values = {k: v for k, v in row.items() if k not in ("id", "import_batch_id")}
    for key, value in values.items():
        if isinstance(value, datetime):
            values[key] = as_utc(value)
    top = session.execute(select(func.max(Lead.position)).where(Lead.stage == row["stage"])).scalar()
    values["position"] = (top or 0.0) + 1.0
    lead = Lead(**values)
    session.add(lead)
    session.flush()
    return lead


def _existing_keys(session: Session, lead_id: int) -> dict[type[Any], set[Hashable]]:
    out: dict[type[Any], set[Hashable]] = {}
    for model in (*_CHILDREN, CallDraft):
        rows = _rows_where(session, model, lead_id)
        out[model] = {_key(model, r) for r in rows}
    return out


def _rows_where(session: Session, model: type[Any], lead_id: int) -> list[dict[str, Any]]:
    table = model.__table__
    return [dict(r._mapping) for r in session.execute(select(table).where(table.c.lead_id == lead_id))]


def _merge_fields(
    session: Session,
    lead_id: int,
    row: dict[str, Any],
    origin: str,
    report: DbMergeReport,
    outcome: LeadOutcome,
) -> None:
    lead = session.get(Lead, lead_id)
    assert lead is not None
    theirs_newer = as_utc(row["updated_at"]) > as_utc(lead.updated_at)  # type: ignore[operator]
    changes: dict[str, Any] = {}
    kept: list[str] = []
    for key in EDITABLE_FIELDS:
        mine, theirs = getattr(lead, key), row[key]
        if isinstance(theirs, datetime):
            theirs = as_utc(theirs)
        if theirs in ("", None) or same_value(theirs, mine) or key == "notes":
            continue
        if mine in ("", None):
            changes[key] = theirs
        elif theirs_newer:
            changes[key] = theirs
            kept.append(f"{key}: {mine}")
        else:
            kept.append(f"{key}: {theirs}")
    notes_added = bool(row["notes"]) and row["notes"] not in lead.notes
    if notes_added:
        changes["notes"] = "\n".join(x for x in [lead.notes, row["notes"]] if x)
    if kept:
        label = f"Abweichend in {report.other_file}" if not theirs_newer else "Vorheriger Wert"
        note = f"{label}: " + "; ".join(kept)
        changes["notes"] = "\n".join(x for x in [changes.get("notes", lead.notes), note] if x)
        report.conflicts.extend(f"lead {lead_id}, {k}" for k in kept)
        outcome.kept = [k.split(":", 1)[0] for k in kept]
    if changes:
        apply_values(lead, changes)
        taken = [k for k in changes if k != "notes"]
        outcome.filled = taken + ["notes"] * notes_added
        for f in taken:
            source = session.execute(
                select(FieldSource).where(FieldSource.lead_id == lead_id, FieldSource.field == f)
            ).scalar_one_or_none()
            if source is None:
                session.add(FieldSource(lead_id=lead_id, field=f, origin=origin))
            else:
                source.origin, source.at = origin, utcnow()
    lead.has_qualification = lead.has_qualification or bool(row["has_qualification"])
    session.flush()


def _copy_children(
    session: Session,
    data: dict[str, Any],
    other_id: int,
    target_id: int,
    existing: dict[type[Any], set[Hashable]],
    report: DbMergeReport,
    outcome: LeadOutcome | None = None,
) -> tuple[str, str] | None:
    """Copy the rows attached to the other lead; returns the stage move it caused, if any."""
    activity_ids: dict[int, int] = {}
    for model in (Activity, StageChange, Task, QualificationChange, ScoreAdjustment, Attachment, CallDraft):
        for row in data[model.__tablename__].get(other_id, ()):
            key = _key(model, row)
            if key in existing.get(model, set()):
                report.rows_present += 1
                continue
            values = {k: (as_utc(v) if isinstance(v, datetime) else v) for k, v in row.items() if k != "id"}
            values["lead_id"] = target_id
            if "activity_id" in values and values["activity_id"] is not None:
                values["activity_id"] = activity_ids.get(values["activity_id"])
            obj = model(**values)
            session.add(obj)
            if model is Activity:
                session.flush()
                activity_ids[row["id"]] = obj.id
            existing.setdefault(model, set()).add(key)
            report.rows_added[model.__tablename__] += 1
    moved = _merge_stage(session, target_id)
    qual = data["qual"].get(other_id)
    if qual is not None:
        _merge_qualification(session, target_id, qual, report, outcome)
    session.flush()
    return moved


def _merge_stage(session: Session, lead_id: int) -> tuple[str, str] | None:
    """The stage follows the latest move in the combined history; returns (before, after) if it moved."""
    last = session.execute(
        select(StageChange.to_stage, StageChange.reason)
        .where(StageChange.lead_id == lead_id)
        .order_by(StageChange.at.desc(), StageChange.id.desc())
        .limit(1)
    ).first()
    lead = session.get(Lead, lead_id)
    if last is None or lead is None or lead.stage == last.to_stage:
        return None
    before = lead.stage
    lead.stage = last.to_stage
    lead.lost_reason = last.reason if last.to_stage == "lost" else ""
    top = session.execute(select(func.max(Lead.position)).where(Lead.stage == lead.stage)).scalar()
    lead.position = (top or 0.0) + 1.0
    lead.version += 1
    lead.updated_at = utcnow()
    return before, last.to_stage


def _merge_qualification(
    session: Session,
    lead_id: int,
    theirs: dict[str, Any],
    report: DbMergeReport,
    outcome: LeadOutcome | None = None,
) -> None:
    mine = session.execute(select(Qualification).where(Qualification.lead_id == lead_id)).scalar_one_or_none()
    if mine is None:
        values = {k: (as_utc(v) if isinstance(v, datetime) else v) for k, v in theirs.items() if k != "id"}
        session.add(Qualification(**(values | {"lead_id": lead_id})))
        report.rows_added["qualification"] += 1
        return
    filled = kept = False
    for key in _QUAL_FIELDS:
        a, b = getattr(mine, key), theirs[key]
        if b in (None, "", "unknown") or a == b:
            continue
        if a in (None, "", "unknown"):
            setattr(mine, key, b)
            filled = True
        elif key.endswith("_notes"):
            if str(b) not in str(a):  # already there (merged before): nothing to add
                setattr(mine, key, f"{a}\n{b}")
                filled = True
        else:
            kept = True
            report.conflicts.append(f"lead {lead_id}, BANT {key}: kept {a!r}, other has {b!r}")
            notes = f"{key.split('_')[0]}_notes"  # budget_notes, authority_notes, …
            setattr(mine, notes, "\n".join(x for x in [getattr(mine, notes), f"{key}: {b}"] if x))
    if filled or kept:  # a BANT form open on this lead must not save over what came in
        mine.version += 1
        mine.updated_at = utcnow()
    if outcome is not None:
        outcome.filled += ["bant"] * filled
        outcome.kept += ["bant"] * kept
    lead = session.get(Lead, lead_id)
    if lead is not None:
        lead.bant_confirmed = sum(
            1
            for s in ("budget", "authority", "need", "timing")
            if getattr(mine, f"{s}_status") == "confirmed"
        )
