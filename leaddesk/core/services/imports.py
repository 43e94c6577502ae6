"""Import use case: plan (the dry run) and apply (one transaction, one undoable batch).

``plan_import`` parses files, validates every record with ``clean_fields`` (the same shapes
the editor stores) and classifies it: new, duplicate of an existing lead (by uid, then the
rules in :mod:`leaddesk.core.dedupe`), duplicate of an earlier row of the same import, or
error. Nothing is written. ``apply_import`` writes a plan in one transaction with Core bulk
inserts; the ORM is ~30x slower for this. Duplicates are skipped, updated or merged:
merge fills empty fields only, keeps conflicting incoming values in the notes, and records
in ``FieldSource`` where each filled value came from. ``undo_import`` takes a batch back.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from operator import itemgetter
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, delete, func, insert, or_, select, update

from leaddesk.core import who
from leaddesk.core.changes import note
from leaddesk.core.db import (
    PART_SOURCE_COLUMNS,
    Database,
    as_utc,
    bulk_cache,
    fts_add_rows,
    fts_remove_rows,
    fts_triggers_suspended,
    ids_written,
    insert_rows,
    json_id_subquery,
    json_values,
    positional,
    sql_literal,
    sql_time,
)
from leaddesk.core.dedupe import (
    DuplicateIndex,
    phone_key,
    same_value,
)
from leaddesk.core.errors import Cancelled, LeadDeskError, NotFoundError, ValidationError
from leaddesk.core.importers import ImportFormatError, Issue, ParseResult, Record, parse_file
from leaddesk.core.importers.base import label_of
from leaddesk.core.importers.csvfile import group_type_header, norm_header
from leaddesk.core.models import (
    DEMO_FORMAT,
    LEAD_CHILD_TABLES,
    Activity,
    Attachment,
    CallDraft,
    FieldSource,
    ImportBatch,
    ImportChange,
    Lead,
    Qualification,
    QualificationChange,
    ScoreAdjustment,
    StageChange,
    Task,
    new_uid,
    utcnow,
)
from leaddesk.core.people import owner_users
from leaddesk.core.perf import paused_gc
from leaddesk.core.privacy.suppression import SuppressionChecker
from leaddesk.core.scoring.engine import rescore_in
from leaddesk.core.services.import_rows import Checked, PlannedRow, checked_row, classify, leads_state
from leaddesk.core.services.leads import EDITABLE_FIELDS, clean_fields, derived_keys
from leaddesk.core.services.tasks import DEFAULT_TITLE
from leaddesk.core.stages import IMPORTED, Stage, stage_from_name
from leaddesk.core.text import Text
from leaddesk.core.tz import system_timezone
from leaddesk.core.validation import DEFAULT_REGION, normalize_phone, region_for_country

Policy = Literal["skip", "update", "merge"]
POLICIES: tuple[str, ...] = ("skip", "update", "merge")
#: ``progress(done, total)``; returning False cancels (nothing is written).
Progress = Callable[[int, int], bool | None]

#: Fields an import may fill or update on an existing lead (never owner/stage bookkeeping).
MERGE_FIELDS: tuple[str, ...] = tuple(
    f for f in EDITABLE_FIELDS if f not in ("next_follow_up", "consent_at", "value", "currency", "source")
)
_MERGE_SET = frozenset(MERGE_FIELDS)
_EDITABLE = frozenset(EDITABLE_FIELDS)
#: Uids longer than this (the column's width) are replaced by fresh ones, with a warning.
UID_MAX = 255
#: Leads whose id is in the JSON array ``:ids`` (one statement for any number of ids).
_IN_IDS = "id IN (SELECT value FROM json_each(:ids))"
#: The values of one JSON array parameter, for ``x IN …`` with any number of values.
# Above this many new leads, FTS triggers are dropped and the index rebuilt once.
_BULK_FTS = 2000


@dataclass(frozen=True)
class FileReport:
    """What the dry run says about one file: its rows by outcome, and where each column goes.

    ``mapped`` pairs a column with its field (a "… - Type" column with the value column it
    types); ``in_notes`` are columns kept in the notes under their header; ``not_imported``
    the read-only columns of LeadDesk's own export. Empty column lists for vCards.
    """

    file_name: str
    file_format: str
    encoding: str
    preset: str
    new: int
    duplicates: int
    refused: int
    mapped: tuple[tuple[str, str], ...] = ()
    in_notes: tuple[str, ...] = ()
    not_imported: tuple[str, ...] = ()


def _file_report(parsed: ParseResult, rows: Sequence[PlannedRow], file_errors: int) -> FileReport:
    mapped: list[tuple[str, str]] = []
    in_notes: list[str] = []
    ignored: list[str] = []
    for header in parsed.headers:
        target = parsed.mapping.get(header, "")
        typed = group_type_header(header)
        if target.startswith("note:"):
            in_notes.append(header)
        elif target:
            mapped.append((header, target))
        elif typed:
            value_column = next((h for h in parsed.headers if norm_header(h) == typed), "")
            if value_column:
                mapped.append((header, f"type of {value_column}"))
            else:
                ignored.append(header)
        else:
            ignored.append(header)
    count = Counter(r.action for r in rows)
    return FileReport(
        parsed.file_name,
        parsed.file_format,
        parsed.encoding,
        parsed.preset,
        count["new"],
        count["duplicate"] + count["in_file"],
        count["error"] + file_errors,
        tuple(mapped),
        tuple(in_notes),
        tuple(ignored),
    )


@dataclass
class ImportPlan:
    """The dry run: what would happen, per row, without touching the database."""

    files: list[ParseResult]
    rows: list[PlannedRow]
    source: str
    file_issues: list[tuple[str, Issue]] = field(default_factory=list)
    #: What the checks read, as :func:`leads_state` saw it before them; the apply checks the rows
    #: again when the leads are no longer so (None: a plan made up by its caller, taken as it is).
    state: tuple[Any, ...] | None = None

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def new(self) -> int:
        return self.count("new")

    @property
    def duplicates(self) -> int:
        return self.count("duplicate") + self.count("in_file")

    @property
    def errors(self) -> int:
        return self.count("error") + sum(1 for _, i in self.file_issues if i.severity == "error")

    def problems(self, severity: str | None = None) -> list[str]:
        """Errors and warnings as "error: file, line N, field F: message", in file order."""
        found = [(name, i) for name, i in self.file_issues]
        found.extend((row.file_name, i) for row in self.rows for i in row.issues)
        return [f"{i.severity}: {i.describe(name)}" for name, i in found if severity in (None, i.severity)]

    def summary(self) -> str:
        return f"{self.new} new, {self.duplicates} duplicate(s), {self.errors} error(s)"

    def file_reports(self) -> list[FileReport]:
        """Per file: rows new / duplicate / refused, and columns mapped / kept in the notes."""
        by_file: dict[str, list[PlannedRow]] = {}
        for row in self.rows:
            by_file.setdefault(row.file_name, []).append(row)
        errors = Counter(name for name, i in self.file_issues if i.severity == "error")
        return [_file_report(p, by_file.get(p.file_name, []), errors[p.file_name]) for p in self.files]


IMPORT_CANCELLED = Text("import cancelled; nothing was changed")


class ImportRefused(LeadDeskError):
    """The plan has errors and the caller did not choose to skip them; nothing was written."""


class PlanOutdated(ImportRefused):
    """Leads changed since the dry run, and checked again some rows have errors; nothing was written.

    A caller showing the dry run's report checks the files again, so the report shows them.
    """


@dataclass(frozen=True)
class ImportResult:
    batch_id: int
    created: int
    updated: int
    skipped: int
    errors: int
    conflicts: list[str]
    #: Duplicates that were merged or updated but already held every value (a re-import).
    unchanged: int = 0
    #: Rows that went otherwise than the dry run said: leads changed in between (added, edited,
    #: erased), so the apply checked the rows again (see :func:`_checked_again`).
    rechecked: int = 0


def _phones(rec: Record, data: dict[str, Any], region: str, issues: list[Issue]) -> dict[str, str]:
    """Phone and mobile in E.164, read as dialled in the contact's own country (else ``region``).

    Taken out of ``data`` before ``clean_fields`` (which would read them as German numbers
    again). A number phonenumbers does not know as valid there is kept, with a warning that
    names the field: "(905) 555-1234" on a card from the United States is +1 905…, not +49 905….
    """
    out: dict[str, str] = {}
    if "phone" not in data and "mobile" not in data:
        return out
    country = data.get("country")
    here = (region_for_country(country) if country else "") or region or DEFAULT_REGION
    for key in ("phone", "mobile"):
        raw = data.pop(key, None)
        if raw is None:
            continue
        raw = raw.strip() if type(raw) is str else str(raw).strip()
        result = normalize_phone(raw, here)
        out[key] = result[0]
        if result[2] or not result[3]:
            issues.append(_phone_warning(rec.line, key, raw, here, result))
    return out


def _phone_warning(line: int, key: str, raw: str, region: str, result: Any) -> Issue:
    """Why a number is kept as typed, or stored but not known as valid where it was read."""
    if result.warning:
        return Issue(line, key, result.warning, "warning")
    if raw.startswith(("+", "00")):  # it names its own country: the contact's region played no part
        why = Text(
            "{raw!r} is not a valid phone number; stored as {value}, please check",
            raw=raw,
            value=result.value,
        )
    else:
        why = Text(
            "{raw!r} is not a valid number in {region}; stored as {value}, please check",
            raw=raw,
            region=region,
            value=result.value,
        )
    return Issue(line, key, why, "warning")


def _clean(rec: Record, source: str, region: str = DEFAULT_REGION) -> tuple[dict[str, Any], list[Issue]]:
    """Validated values; an invalid e-mail is kept in the notes (with a warning) rather than lost."""
    given = rec.values
    data: dict[str, Any] = (
        dict(given) if _EDITABLE.issuperset(given) else {k: v for k, v in given.items() if k in _EDITABLE}
    )
    data["notes"] = rec.notes_with_extra()
    if source and not data.get("source"):
        data["source"] = source
    issues = list(rec.issues)
    if len(rec.uid) > UID_MAX:
        issues.append(
            Issue(
                rec.line,
                "uid",
                Text("the uid is longer than {max} characters; a new one is given", max=UID_MAX),
                "warning",
            )
        )
    phones = _phones(rec, data, region, issues)
    stage = _stage_of(rec, issues)
    for key in ("next_follow_up", "consent_at"):
        if isinstance(data.get(key), str):
            try:
                moment = _file_moment(data[key])
            except ValueError:
                issues.append(
                    Issue(
                        rec.line, key, Text("{value!r} is not a date (expected YYYY-MM-DD)", value=data[key])
                    )
                )
                return {}, issues
            data[key] = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    try:
        clean = clean_fields(data)
    except ValidationError as exc:
        if "email" in exc.errors and data.get("email"):
            bad = data.pop("email")
            data["notes"] = "\n".join(
                x for x in [data["notes"], f"{label_of('email')} (invalid): {bad}"] if x
            )
            kept = Text("{reason}; kept in the notes", reason=exc.errors["email"])
            issues.append(Issue(rec.line, "email", kept, "warning"))
        other = {k: v for k, v in exc.errors.items() if k != "email"}
        if other:
            issues.extend(Issue(rec.line, k, v) for k, v in other.items())
            return {}, issues
        try:
            clean = clean_fields(data)
        except ValidationError as exc2:
            issues.extend(Issue(rec.line, k, v) for k, v in exc2.errors.items())
            return {}, issues
    issues.extend(Issue(rec.line, k, v, "warning") for k, v in clean.warnings.items())
    if phones:
        clean.values.update(phones)
    if stage:
        clean.values["stage"] = stage
    return clean.values, issues


def _stage_of(rec: Record, issues: list[Issue]) -> str:
    """The stage a row names (a "Phase"/"stage" column), "" for none; an unknown name is a warning."""
    named = (rec.values.get("stage") or "").strip()
    if not named:
        return ""
    stage = stage_from_name(named)
    if stage is None:
        issues.append(
            Issue(
                rec.line, "stage", Text("unknown stage {stage!r}; imported as a lead", stage=named), "warning"
            )
        )
        return ""
    return stage.value


def _file_moment(text: str) -> datetime:
    """A date or time as files write it: ISO 8601, or German "TT.MM.JJJJ" (Excel) as local midnight."""
    german = re.fullmatch(r"\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*", text)
    if german is None:
        return datetime.fromisoformat(text)
    day, month, year = (int(x) for x in german.groups())
    return datetime(year, month, day, tzinfo=ZoneInfo(system_timezone()))


def read_sources(paths: Iterable[str | Path]) -> list[tuple[str, bytes]]:
    out = []
    for p in paths:
        path = Path(p)
        try:
            out.append((path.name, path.read_bytes()))
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise LeadDeskError(
                Text("{path}: cannot read the file ({reason})", path=str(path), reason=reason)
            ) from None
    return out


def plan_import(
    db: Database,
    sources: Sequence[tuple[str, bytes]],
    *,
    source: str = "",
    mapping: dict[str, str] | None = None,
    progress: Progress | None = None,
    index: DuplicateIndex | None = None,
    region: str = DEFAULT_REGION,
) -> ImportPlan:
    """Parse, validate and classify every record of ``sources`` (name, bytes); writes nothing.

    ``source`` fills the lead's source where the file has none (default "Import <file>").
    ``mapping`` (CSV header → target) applies to CSV files; ImportFormatError for a file
    that cannot be read at all. ``progress(done, total)`` may return False to cancel.
    ``region`` reads phone numbers of contacts whose address names no known country.
    """
    with paused_gc():
        return _plan_import(
            db, sources, source=source, mapping=mapping, progress=progress, index=index, region=region
        )


def _plan_import(
    db: Database,
    sources: Sequence[tuple[str, bytes]],
    *,
    source: str = "",
    mapping: dict[str, str] | None = None,
    progress: Progress | None = None,
    index: DuplicateIndex | None = None,
    region: str = DEFAULT_REGION,
) -> ImportPlan:
    """The work of :func:`plan_import`, with the collector paused.

    Two passes: every record is validated and keyed first, so the index of existing leads
    holds only what these records can match (:class:`KeyFilter`); then each is classified.
    Progress counts both passes (each record is half a step in each).
    """
    parsed = [parse_file(data, name, mapping=mapping) for name, data in sources]
    total = sum(len(p.records) for p in parsed)
    with db.engine.connect() as conn:  # first: a change made while the checks run is caught too
        plan = ImportPlan(parsed, [], source, state=leads_state(conn))
    checked: list[Checked] = []
    blocked = SuppressionChecker.load(db)  # data protection: erased / "do not contact" people
    for result in parsed:
        plan.file_issues.extend((result.file_name, i) for i in result.issues)
        row_source = source or f"Import {result.file_name}"
        for rec in result.records:
            values, issues = _clean(rec, row_source, region)
            checked.append(checked_row(result.file_name, rec, values, issues, blocked))
            if progress is not None and len(checked) % 500 == 0:
                _report(progress, len(checked) // 2, total)

    def each(done: int) -> None:
        if progress is not None:
            _report(progress, (total + done) // 2, total)

    with db.engine.connect() as conn:
        plan.rows = classify(conn, checked, index=index, each=each if progress is not None else None)
    if progress is not None:
        progress(total, total)
    return plan


def _first_error(plan: ImportPlan) -> Text:
    """The plan's first error as "file, line N: reason", translatable as a whole (the report
    lists them all)."""
    found = [(name, i) for name, i in plan.file_issues if i.severity == "error"]
    found += [(row.file_name, i) for row in plan.rows for i in row.issues if i.severity == "error"]
    name, issue = found[0]
    return Text("{file}, line {line}: {message}", file=name, line=issue.line, message=issue.message)


def _checked_again(session: Any, plan: ImportPlan) -> tuple[ImportPlan, int]:
    """``plan`` with its rows classified again against the leads as they are now; how many differ.

    For an apply that finds the leads changed since the dry run (see :func:`leads_state`). The
    validation stands (it reads no leads); the suppression list is asked again, as a person may
    have been erased meanwhile. A person's choice for a duplicate is kept where the row is still
    a duplicate of the same lead.
    """
    blocked = SuppressionChecker.load(session)
    checked: list[Checked] = []
    for row in plan.rows:
        rec = Record(line=row.line, uid=row.uid, photo=row.photo, photo_mime=row.photo_mime)
        if row.action == "error":  # its errors stand (a suppression among them is not added twice)
            checked.append((row.file_name, rec, row.values, row.checks, None))
        else:
            checked.append(checked_row(row.file_name, rec, row.values, row.checks, blocked))
    rows = classify(session.connection(), checked)
    differ = 0
    for old, new in zip(plan.rows, rows, strict=True):
        before = (old.action, old.match.lead_id if old.match else None, old.into_row)
        if before == (new.action, new.match.lead_id if new.match else None, new.into_row):
            new.decision = old.decision
        else:
            differ += 1
    return replace(plan, rows=rows), differ


def _report(progress: Progress, done: int, total: int) -> None:
    if progress(done, total) is False:
        raise Cancelled(IMPORT_CANCELLED)


def apply_import(
    db: Database,
    plan: ImportPlan,
    *,
    on_duplicate: Policy = "merge",
    skip_errors: bool = False,
    progress: Progress | None = None,
    actor: str = "",
) -> ImportResult:
    """Write the plan as one batch in one transaction; everything or nothing.

    ``on_duplicate`` is "skip", "update" or "merge" (default). Refuses (ImportRefused) while
    the plan has errors unless ``skip_errors``; then the rows with errors are left out.
    The stage history and follow-ups name ``actor``, else who is working (leaddesk/core/who.py).
    """
    actor = actor or who.current()
    with paused_gc():
        return _apply_import(
            db, plan, on_duplicate=on_duplicate, skip_errors=skip_errors, progress=progress, actor=actor
        )


def _apply_import(
    db: Database,
    plan: ImportPlan,
    *,
    on_duplicate: Policy = "merge",
    skip_errors: bool = False,
    progress: Progress | None = None,
    actor: str = "",
) -> ImportResult:
    """The work of :func:`apply_import`, with the collector paused."""
    if on_duplicate not in POLICIES:
        raise ValueError(f"--on-duplicate must be one of {', '.join(POLICIES)}, not {on_duplicate!r}")
    if plan.errors and not skip_errors:
        raise ImportRefused(
            Text(
                "{count} record(s) with errors, nothing was imported (fix or skip them): {first}",
                count=plan.errors,
                first=_first_error(plan),
            )
        )
    bad = {r.decision for r in plan.rows if r.decision not in (None, *POLICIES, "new")}
    if bad:
        raise ValueError(f"unknown duplicate decision(s): {', '.join(sorted(map(str, bad)))}")
    names = sorted({p.file_name for p in plan.files})
    now = utcnow()
    # Pages of the transaction stay cached until the commit; the cache size is restored just before.
    with db.transaction() as session, bulk_cache(session):
        rechecked = 0
        if plan.state is not None and leads_state(session.connection()) != plan.state:
            # Leads changed since the dry run: its rows are checked again, here, in the write's
            # own transaction, so what is written follows the leads as they are.
            plan, rechecked = _checked_again(session, plan)
            if plan.errors and not skip_errors:
                raise PlanOutdated(
                    Text(
                        "leads changed since the dry run; checked again, {count} record(s) have errors"
                        " and nothing was imported: {first}",
                        count=plan.errors,
                        first=_first_error(plan),
                    )
                )
        rows = _fold_in_file(plan.rows)
        new_rows = [r for r in rows if r.action == "new" or (r.action == "duplicate" and r.decision == "new")]
        dup_rows = [r for r in rows if r.action == "duplicate" and r.decision != "new"]
        total = len(new_rows) + len(dup_rows)
        batch = ImportBatch(
            file_name=", ".join(names)[:500],
            file_format=",".join(sorted({p.file_format for p in plan.files})),
            source=plan.source,
            started_at=now,
        )
        session.add(batch)
        session.flush()
        assert batch.id is not None
        origin = f"import:{batch.id}"
        conn = session.connection()
        updated, skipped, conflicts, unchanged = 0, 0, [], 0
        # A failure inside rolls the whole transaction back, dropped triggers included. The index
        # is then updated for just the rows written here, not rebuilt for every lead.
        bulk = len(new_rows) > _BULK_FTS
        to_skip = [r for r in dup_rows if (r.decision or on_duplicate) == "skip"]
        skipped = len(to_skip)
        to_change = [r for r in dup_rows if (r.decision or on_duplicate) != "skip"]
        touched = {"ids": json.dumps(sorted({r.match.lead_id for r in to_change if r.match}))}
        with fts_triggers_suspended(session, rebuild=False) if bulk else nullcontext():
            created, parts = _insert_new(conn, session, new_rows, batch.id, now, actor, progress, total)
            if bulk and to_change:
                fts_remove_rows(session, _IN_IDS, touched)
            if to_change:
                updated, conflicts, changed = _apply_duplicates(
                    session, to_change, on_duplicate, batch.id, origin
                )
                moved = _move_stages(session, to_change, now, actor, batch.id)
                unchanged = sum(
                    1
                    for r in to_change
                    if r.match is not None and r.match.lead_id not in changed and r.match.lead_id not in moved
                )
            if progress is not None and progress(total, total) is False:
                raise Cancelled(IMPORT_CANCELLED)
        if bulk:
            fts_add_rows(session, "import_batch_id = :batch", {"batch": batch.id}, parts=parts)
            if to_change:
                fts_add_rows(session, _IN_IDS, touched)
        # New and changed leads get their scores in the same transaction (set-based, fast).
        rescore_in(session, where=_BATCH_LEADS, params={"batch": batch.id})
        note(
            session,
            created=session.execute(select(Lead.id).where(Lead.import_batch_id == batch.id)).scalars(),
            updated=json.loads(touched["ids"]),
            imports=True,
        )
        batch.created_count = created
        batch.updated_count = updated
        batch.skipped_count = skipped + plan.count("in_file")
        batch.error_count = plan.errors
        batch.finished_at = utcnow()
        batch_id = batch.id
    db.refresh_stats()  # a large import changes which index the planner should take
    return ImportResult(batch_id, created, updated, skipped, plan.errors, conflicts, unchanged, rechecked)


def _move_stages(session: Any, rows: list[PlannedRow], now: datetime, actor: str, batch_id: int) -> set[int]:
    """Matched leads whose row names another stage (an Excel round trip) move there; their ids.

    Each move is a stage change by the import (history, reports); the lead goes to the bottom of
    its new column, its version goes up as with any move. The stage, place and history row are
    kept in the lead's ``ImportChange`` (merged into the one its field changes made), so undoing
    the import moves it back and removes that history row.
    """
    wanted = {
        r.match.lead_id: r.values["stage"] for r in rows if r.match is not None and r.values.get("stage")
    }
    where = {r.match.lead_id: r for r in rows if r.match is not None}
    if not wanted:
        return set()
    chosen = _ids_in({"ids": json.dumps(sorted(wanted))}, session)
    current = {
        row.id: row
        for row in session.execute(
            select(Lead.id, Lead.stage, Lead.position, Lead.version).where(Lead.id.in_(chosen))
        )
    }
    moves = [
        (i, current[i], stage)
        for i, stage in sorted(wanted.items())
        if i in current and current[i].stage != stage
    ]
    if not moves:
        return set()
    moved_ids = [m[0] for m in moves]
    ic = ImportChange.__table__  # type: ignore[attr-defined]
    recorded = {
        lead_id: (row_id, stored)
        for lead_id, row_id, stored in session.execute(
            select(ic.c.lead_id, ic.c.id, ic.c.before).where(
                ic.c.batch_id == batch_id, ic.c.lead_id.in_(moved_ids)
            )
        )
    }
    top = dict(session.execute(select(Lead.stage, func.max(Lead.position)).group_by(Lead.stage)).all())
    for lead_id, old, new in moves:
        top[new] = (top.get(new) or 0.0) + 1.0
        session.execute(
            update(Lead)
            .where(Lead.id == lead_id)
            .values(stage=new, position=top[new], updated_at=now, version=old.version + 1)
        )
        change = StageChange(
            lead_id=lead_id,
            from_stage=old.stage,
            to_stage=new,
            at=now,
            actor=actor,
            actor_kind="import",
            reason=IMPORTED.format(file=where[lead_id].file_name, line=where[lead_id].line),
        )
        session.add(change)
        session.flush()
        if lead_id in recorded:
            row_id, stored = recorded[lead_id]
            before = json.loads(stored)
        else:
            row_id, before = None, {"_version_before": old.version}
        before |= {"stage": old.stage, "position": old.position, "_stage_change": change.id}
        before["_version_after"] = old.version + 1
        if row_id is None:
            session.execute(insert(ic).values(batch_id=batch_id, lead_id=lead_id, before=json.dumps(before)))
        else:
            session.execute(update(ic).where(ic.c.id == row_id).values(before=json.dumps(before)))
    note(session, moved=moved_ids)
    return set(moved_ids)


def _fold_in_file(rows: list[PlannedRow]) -> list[PlannedRow]:
    """Merge rows that repeat an earlier row of the same import into that row (fill empty fields).

    Into copies: the plan stays as checked, so an import cancelled and started again (or applied
    after another try failed) folds each row once, not twice.
    """
    out = list(rows)
    for row in rows:
        if row.action == "in_file" and row.into_row is not None:
            target = out[row.into_row]
            if target is rows[row.into_row]:
                target = out[row.into_row] = replace(target, values=dict(target.values))
            for key, value in row.values.items():
                if value in ("", None):
                    continue
                if target.values.get(key) in ("", None):
                    target.values[key] = value
                elif not same_value(target.values[key], value) and key not in ("source", "notes"):
                    note = f"{label_of(key)} ({row.file_name}, line {row.line}): {value}"
                    target.values["notes"] = "\n".join(x for x in [target.values.get("notes", ""), note] if x)
    return out


_LEAD_COLUMNS = [c.name for c in Lead.__table__.columns if c.name != "id"]  # type: ignore[attr-defined]
#: Columns an import sets on every new lead itself, whatever the file holds (bound per row).
_OWN_COLUMNS = ("email_lower", "phone_key", "uid", "position")
#: Lead columns that are times: bulk-written as ``sql_time`` text.
_DATE_COLUMNS = ("next_follow_up", "consent_at")


def fresh_uids(count: int) -> list[str]:
    """``count`` random (version 4) UUID strings from one urandom call: 88,000 in 0.07 s, not 0.35 s."""
    raw = os.urandom(16 * count).hex()
    out = []
    for i in range(0, 32 * count, 32):
        h = raw[i : i + 32]
        out.append(f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) & 3]}{h[17:20]}-{h[20:]}")
    return out


def _insert_new(
    conn: Any,
    session: Any,
    rows: list[PlannedRow],
    batch_id: int,
    now: Any,
    actor: str,
    progress: Progress | None,
    total: int,
) -> tuple[int, list[tuple[Any, ...]]]:
    """Write the new leads (with their history rows and follow-up tasks); how many, and what
    the word-part index reads of each (for :func:`fts_add_rows`, which needs them only in bulk)."""
    if not rows:
        return 0, []
    # Sorted, so they grow with the ids: the uid index then takes them in one sweep instead of at
    # random places (88,000 leads: ~0.25 s less). Each uid is still an independent random UUID.
    fresh = iter(sorted(fresh_uids(sum(1 for r in rows if not r.uid or len(r.uid) > UID_MAX))))
    first_id = (session.execute(select(func.max(Lead.id))).scalar() or 0) + 1
    position = float(
        session.execute(select(func.max(Lead.position)).where(Lead.stage == "lead")).scalar() or 0
    )
    stamp = sql_time(now)
    fixed = {
        "stage": Stage.LEAD.value,
        "import_batch_id": batch_id,
        "created_at": stamp,
        "updated_at": stamp,
        "version": 1,
        "erased": False,
    }
    template = Lead()
    defaults = {c: fixed.get(c, getattr(template, c)) for c in _LEAD_COLUMNS}
    # Only what differs between rows is bound; the rest goes in as constants (insert_rows: on
    # SQLite written into the statement once, half the parameters: ~18 values per row, not ~39).
    present: set[str] = set()
    for r in rows:
        present.update(r.values)  # the keys in C, not one Python step per key (~1.2 million)
    constants: dict[str, Any] = {}
    for column in _LEAD_COLUMNS:
        if column in present or column in _OWN_COLUMNS:
            continue
        try:
            sql_literal(defaults[column])
        except ValueError:
            continue
        constants[column] = defaults[column]
    # In row order: each row's cells are the values of these columns, left to right.
    bound = ["id", *(c for c in _LEAD_COLUMNS if c not in constants)]
    slot = {c: i for i, c in enumerate(bound)}
    base = {c: defaults.get(c) for c in bound}
    # A row's cells: its values over the defaults (one dict merge), read out in column order by
    # one itemgetter; a value whose key is no bound column is left out, as before. Both in C:
    # ~0.07 s less than setting each value at its place (92,000 rows of ~13 values).
    cells_of = itemgetter(*bound)
    dates = [(key, slot[key]) for key in _DATE_COLUMNS if key in slot]
    change_columns = ("lead_id", "to_stage", "actor", "reason")
    change_constants = {"from_stage": None, "at": stamp, "actor_kind": "import"}
    # A follow-up date in the file becomes an open task (timed, as the file gives it): the lead's
    # next_follow_up mirrors its earliest open task, and the follow-up list reads tasks.
    task_columns = ("lead_id", "due_at", "who")
    task_constants = {
        "title": DEFAULT_TITLE, "notes": "", "all_day": False, "done": False, "created_at": stamp
    }  # fmt: skip
    at_follow_up = slot.get("next_follow_up")
    # A file's owners are users: names no user has yet are added, spelled as first written.
    at_owner = slot.get("owner")
    owners = owner_users(session, [r.values["owner"] for r in rows if r.values.get("owner")])
    # A file's own uid is kept unless a lead has it already: one merged away (erased rows keep
    # theirs), or the one this row matched when the person chose "import as new".
    own = [r.uid for r in rows if r.uid and len(r.uid) <= UID_MAX]
    taken = positional(conn, f"SELECT uid FROM lead WHERE uid IN {json_values(conn)}")
    known_uids: set[str] = set(conn.exec_driver_sql(taken, (json.dumps(own),)).scalars()) if own else set()
    # What the word-part index reads of each new lead (id first), from its cells as written; a
    # column no row holds went in as a constant, added to the cells here (see fts_add_rows).
    missing = [c for c in PART_SOURCE_COLUMNS if c not in slot]
    fixed = tuple(constants[c] for c in missing)
    part_of = itemgetter(
        0, *(slot[c] if c in slot else len(bound) + missing.index(c) for c in PART_SOURCE_COLUMNS)
    )
    parts: list[tuple[Any, ...]] = []
    # Straight to the driver, in the session's transaction: rows go in as built (lists).
    chunk = 5000
    for start in range(0, len(rows), chunk):
        lead_rows, change_rows = [], []
        for lead_id, row in enumerate(rows[start : start + chunk], start=first_id + start):
            position += 1.0
            if row.uid and len(row.uid) <= UID_MAX and row.uid not in known_uids:
                uid = row.uid
            else:
                uid = next(fresh, None) or new_uid()
            known_uids.add(uid)
            values = row.values
            get = values.get
            cells = cells_of(
                {
                    **base,
                    **values,
                    "id": lead_id,
                    "email_lower": (get("email") or "").lower(),
                    "phone_key": phone_key(get("phone") or get("mobile") or ""),
                    "uid": uid,
                    "position": position,
                }
            )
            if (at_owner is not None and cells[at_owner]) or dates:
                cells = list(cells)
                if at_owner is not None and cells[at_owner]:
                    cells[at_owner] = owners.get(cells[at_owner], cells[at_owner])
                for key, at in dates:
                    moment = get(key)
                    if isinstance(moment, datetime):
                        cells[at] = sql_time(moment)
            lead_rows.append(cells)
            stage = get("stage") or "lead"  # a stage column (Excel round trip) places the lead
            change_rows.append((lead_id, stage, actor, IMPORTED.format(file=row.file_name, line=row.line)))
        insert_rows(conn, "lead", bound, lead_rows, constants)
        parts += [part_of((*cells, *fixed) if fixed else cells) for cells in lead_rows]
        insert_rows(conn, "stagechange", change_columns, change_rows, change_constants)
        if at_follow_up is not None:
            tasks = [(cells[0], cells[at_follow_up], actor) for cells in lead_rows if cells[at_follow_up]]
            insert_rows(conn, "task", task_columns, tasks, task_constants)
        if progress is not None and progress(start + len(lead_rows), total) is False:
            raise Cancelled(IMPORT_CANCELLED)
    ids_written(conn, "lead")
    photos = [(lead_id, r) for lead_id, r in enumerate(rows, start=first_id) if r.photo]
    for lead_id, row in photos:
        session.add(
            Attachment(
                lead_id=lead_id,
                kind="photo",
                file_name=f"{row.file_name}:{row.line}",
                mime=row.photo_mime or "image/jpeg",
                data=row.photo or b"",
            )
        )
    if photos:
        session.flush()
    return len(rows), parts


def _apply_duplicates(
    session: Any, rows: list[PlannedRow], policy: Policy, batch_id: int, origin: str
) -> tuple[int, list[str], set[int]]:
    """Update or merge incoming values into the matched leads; (leads changed, conflicts, their ids).

    Core statements in batches: a re-import after a fair may touch thousands of leads.
    """
    by_lead: dict[int, list[PlannedRow]] = {}
    for row in rows:
        assert row.match is not None
        by_lead.setdefault(row.match.lead_id, []).append(row)
    conflicts: list[str] = []
    table = Lead.__table__  # type: ignore[attr-defined]
    cols = [table.c.id, table.c.version, *(table.c[f] for f in MERGE_FIELDS)]
    updates: dict[frozenset[str], list[dict[str, Any]]] = {}
    changes_rows: list[dict[str, Any]] = []
    sources: list[dict[str, Any]] = []
    now = utcnow()
    ids = list(by_lead)
    found = {
        lead["id"]: lead
        for lead in session.execute(
            select(*cols).where(table.c.id.in_(_ids_in({"ids": json.dumps(ids)}, session)))
        ).mappings()
    }
    # One query; the leads are still taken in the order the conflicts were always listed in.
    for start in range(0, len(ids), 500):
        for lead in (found[i] for i in sorted(ids[start : start + 500]) if i in found):
            changes = _merged_changes(lead, by_lead[lead["id"]], policy, conflicts)
            if not changes:
                continue
            before = {key: _jsonable(lead[key]) for key in changes}
            before["_version_before"] = lead["version"]
            before["_version_after"] = lead["version"] + 1
            values = changes | derived_keys(changes) | {"updated_at": now, "version": lead["version"] + 1}
            updates.setdefault(frozenset(values), []).append({"_id": lead["id"], **values})
            changes_rows.append({"batch_id": batch_id, "lead_id": lead["id"], "before": json.dumps(before)})
            sources.extend(
                {"lead_id": lead["id"], "field": k, "origin": origin, "at": now}
                for k in changes
                if k != "notes"
            )
    _update_groups(session, updates)
    changed = {row["lead_id"] for row in changes_rows}
    if changes_rows:
        session.execute(insert(ImportChange.__table__), changes_rows)  # type: ignore[attr-defined]
    fs = FieldSource.__table__  # type: ignore[attr-defined]
    if sources:
        # Each (lead, field) once: the old origin gives way to this import's (executemany, no IN lists).
        stale = delete(fs).where(fs.c.lead_id == bindparam("lead_id"), fs.c.field == bindparam("field"))
        session.execute(stale, [{"lead_id": s["lead_id"], "field": s["field"]} for s in sources])
        session.execute(insert(fs), sources)
    return len(changes_rows), conflicts, changed


def _merged_changes(
    lead: Any, rows: list[PlannedRow], policy: Policy, conflicts: list[str]
) -> dict[str, Any]:
    """Fields to change on one lead: fill empty ones; on conflict overwrite ("update") or note ("merge")."""
    changes: dict[str, Any] = {}
    notes_add: list[str] = []
    for row in rows:
        for key, value in row.values.items():
            if key not in _MERGE_SET or value in ("", None) or key == "notes":
                continue
            current = changes.get(key, lead[key])
            if current in ("", None):
                changes[key] = value
            elif not same_value(current, value):
                if (row.decision or policy) == "update":
                    changes[key] = value
                else:
                    notes_add.append(f"{label_of(key)} ({row.file_name}, line {row.line}): {value}")
                    conflicts.append(
                        f"{row.file_name}, line {row.line}, field {key}: kept {current!r}, "
                        f"file has {value!r} (noted on lead {lead['id']})"
                    )
        incoming_notes = row.values.get("notes", "")
        if incoming_notes and incoming_notes not in (lead["notes"] or ""):
            notes_add.append(incoming_notes)
    if notes_add:
        changes["notes"] = "\n".join(x for x in [lead["notes"], *notes_add] if x)
    return {k: v for k, v in changes.items() if lead[k] != v}


def _jsonable(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


class UndoRefused(LeadDeskError):
    """An undo would overwrite or delete work done after the import; nothing was changed."""


@dataclass(frozen=True)
class UndoResult:
    batch_id: int
    removed: int
    restored: int
    kept: list[int]


_DEPENDENT = (StageChange, Attachment, FieldSource, ImportChange, ScoreAdjustment, QualificationChange, Task)


#: The leads an import created or changed, as a predicate over the scoring engine's ``l``: one
#: id list (both parts served by an index) rather than an OR that makes SQLite test every lead.
_BATCH_LEADS = (
    "l.id IN (SELECT id FROM lead WHERE import_batch_id = :batch"
    " UNION ALL SELECT lead_id FROM importchange WHERE batch_id = :batch)"
)


def undo_import(db: Database, batch_id: int, *, force: bool = False) -> UndoResult:
    """Take a whole import back: remove the leads it created, restore the values it changed.

    Refused (ConflictError) when a lead was edited, moved or got activities since the import;
    with ``force`` those leads are kept as they are and everything else is undone.
    """
    with db.transaction() as session, bulk_cache(session):
        batch = session.get(ImportBatch, batch_id)
        if batch is None:
            raise NotFoundError(Text("import {id} does not exist", id=batch_id))
        if batch.undone_at is not None:
            when = f"{as_utc(batch.undone_at):%Y-%m-%d %H:%M}"
            raise LeadDeskError(Text("import {id} was already undone on {when}", id=batch_id, when=when))
        created = list(session.execute(select(Lead.id, Lead.version).where(Lead.import_batch_id == batch_id)))
        ids = [i for i, _ in created]
        demo = batch.file_format == DEMO_FORMAT
        # Demo leads come with their own history, activities and tasks: only what changed after
        # the batch counts as a life of their own (an edit, a move, an activity or task added).
        touched = _touched_after(session, batch) if demo else _touched_since(session, batch_id)
        touched.update(i for i, v in created if v != 1)
        ic = ImportChange.__table__  # type: ignore[attr-defined]
        changes = list(session.execute(select(ic.c.lead_id, ic.c.before).where(ic.c.batch_id == batch_id)))
        versions = _versions(session, batch_id)
        stale: list[tuple[int, dict[str, Any]]] = []
        restore: list[tuple[int, dict[str, Any]]] = []
        for lead_id, text_before in changes:
            before = json.loads(text_before)
            fresh = versions.get(lead_id) == before.get("_version_after")
            (restore if fresh else stale).append((lead_id, before))
        kept = sorted(touched | {lead_id for lead_id, _ in stale})
        if kept and not force:
            raise UndoRefused(
                Text(
                    "import {id} cannot be undone: {count} lead(s) were changed after it (e.g. lead {first});"
                    " nothing was changed. Undo later imports first, or force the undo to keep those leads"
                    " as they are",
                    id=batch_id,
                    count=len(kept),
                    first=kept[0],
                )
            )
        removable = [i for i in ids if i not in touched]
        restored = [lead_id for lead_id, _ in restore]
        gone = {"ids": json.dumps(removable)}
        # As in apply_import: with the triggers off, the search index loses exactly the rows
        # removed or restored here (while it still holds their values) instead of a full rebuild.
        bulk = len(removable) + len(restored) > _BULK_FTS
        with fts_triggers_suspended(session, rebuild=False) if bulk else nullcontext():
            if bulk:
                fts_remove_rows(session, _IN_IDS, {"ids": json.dumps(removable + restored)})
            if removable:
                # One set-based statement per table: SQLite walks each table's lead_id index.
                for table in LEAD_CHILD_TABLES if demo else _DEPENDENT:
                    t = table.__table__  # type: ignore[attr-defined]
                    session.execute(delete(t).where(t.c.lead_id.in_(_ids_in(gone, session))))
                lead_table = Lead.__table__  # type: ignore[attr-defined]
                session.execute(delete(lead_table).where(lead_table.c.id.in_(_ids_in(gone, session))))
            origin = f"import:{batch_id}"
            now = utcnow()
            groups: dict[frozenset[str], list[dict[str, Any]]] = {}
            for lead_id, before in restore:
                values = {k: v for k, v in before.items() if not k.startswith("_")}
                # Back to the version the values belong to: an editor still holding it may save again.
                values |= derived_keys(values) | {"version": before["_version_before"], "updated_at": now}
                groups.setdefault(frozenset(values), []).append({"_id": lead_id, **values})
            _update_groups(session, groups)
            # Moves the import made (an Excel stage column) leave the history with the move.
            taken_back = [b["_stage_change"] for _i, b in restore if "_stage_change" in b]
            for start in range(0, len(taken_back), 500):
                session.execute(
                    delete(StageChange).where(StageChange.id.in_(taken_back[start : start + 500]))
                )
            if bulk and restored:
                fts_add_rows(session, _IN_IDS, {"ids": json.dumps(restored)})
        if restored:
            fs = FieldSource.__table__  # type: ignore[attr-defined]
            back = {"ids": json.dumps(restored)}
            session.execute(delete(fs).where(fs.c.lead_id.in_(_ids_in(back, session)), fs.c.origin == origin))
            rescore_in(session, where=_BATCH_LEADS, params={"batch": batch_id})
        session.execute(update(Lead).where(Lead.import_batch_id == batch_id).values(import_batch_id=None))
        batch.undone_at = utcnow()
        moved_back = [lead_id for lead_id, before in restore if "stage" in before]
        note(session, removed=removable, updated=restored, moved=moved_back, imports=True)
        return UndoResult(batch_id, len(removable), len(restore), kept)


def _update_groups(session: Any, groups: dict[frozenset[str], list[dict[str, Any]]]) -> None:
    """One executemany UPDATE of ``lead`` per set of changed columns (rows carry their ``_id``)."""
    table = Lead.__table__  # type: ignore[attr-defined]
    for keys, params in groups.items():
        stmt = update(table).where(table.c.id == bindparam("_id")).values({k: bindparam(k) for k in keys})
        session.execute(stmt, params)


def _ids_in(params: dict[str, str], bind: Any) -> Any:
    """``SELECT value FROM json_each(:ids)``: any number of ids as one bound JSON array."""
    return json_id_subquery(bind, params["ids"])


def _versions(session: Any, batch_id: int) -> dict[int, int]:
    """Current versions of the leads the import changed (one query, not one per 500 ids)."""
    ic = ImportChange.__table__  # type: ignore[attr-defined]
    changed = select(ic.c.lead_id).where(ic.c.batch_id == batch_id)
    rows = session.execute(select(Lead.id, Lead.version).where(Lead.id.in_(changed)))
    return {lead_id: version for lead_id, version in rows}


def _touched_since(session: Any, batch_id: int) -> set[int]:
    """Created leads that have a life of their own now: activities, tasks, BANT, a stage move.

    Set-based over the batch's leads (a subquery): 88,000 ids in chunks of 500 cost ~1.6 s.
    """
    created = select(Lead.id).where(Lead.import_batch_id == batch_id)
    out: set[int] = set()
    for table in (Activity, Task, Qualification, ScoreAdjustment, CallDraft):
        column = table.lead_id  # type: ignore[attr-defined]
        query = select(column).where(column.in_(created))
        if table is Task:  # the follow-ups the import made from the file, still open, are its own
            started = select(ImportBatch.started_at).where(ImportBatch.id == batch_id).scalar_subquery()
            query = query.where(or_(Task.created_at != started, Task.done.is_(True)))  # type: ignore[attr-defined]
        out.update(session.execute(query.distinct()).scalars())
    moved = select(StageChange.lead_id).where(StageChange.lead_id.in_(created)).group_by(StageChange.lead_id)
    out.update(session.execute(moved.having(func.count() > 1)).scalars())
    return out


def _touched_after(session: Any, batch: ImportBatch) -> set[int]:
    """Leads of ``batch`` changed after it finished (edits, moves, activities and tasks all stamp
    ``updated_at``)."""
    finished = batch.finished_at or batch.started_at
    query = select(Lead.id).where(Lead.import_batch_id == batch.id, Lead.updated_at > finished)
    return set(session.execute(query).scalars())


def list_batches(db: Database, limit: int = 50) -> list[ImportBatch]:
    with db.session() as session:
        return list(
            session.execute(select(ImportBatch).order_by(ImportBatch.id.desc()).limit(limit)).scalars().all()
        )


__all__ = [
    "POLICIES",
    "FileReport",
    "ImportFormatError",
    "ImportPlan",
    "ImportRefused",
    "ImportResult",
    "PlanOutdated",
    "PlannedRow",
    "UndoRefused",
    "UndoResult",
    "apply_import",
    "list_batches",
    "plan_import",
    "read_sources",
    "undo_import",
]
