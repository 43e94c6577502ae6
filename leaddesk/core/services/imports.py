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
from collections import Counter
from collections.abc import Iterable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlmodel import col

from leaddesk.core import who
from leaddesk.core.changes import note
from leaddesk.core.db import Database, bulk_cache, fts_add_rows, fts_remove_rows, fts_triggers_suspended
from leaddesk.core.dedupe import DuplicateIndex
from leaddesk.core.errors import LeadDeskError
from leaddesk.core.importers import ImportFormatError, Issue, ParseResult, Record, parse_file
from leaddesk.core.importers.csvfile import group_type_header, norm_header
from leaddesk.core.models import ImportBatch, Lead, utcnow
from leaddesk.core.perf import paused_gc
from leaddesk.core.privacy.suppression import SuppressionChecker
from leaddesk.core.scoring.engine import rescore_in
from leaddesk.core.services import import_write
from leaddesk.core.services.import_clean import UID_MAX, clean_record
from leaddesk.core.services.import_rows import Checked, PlannedRow, checked_row, classify, leads_state
from leaddesk.core.services.import_undo import UndoRefused, UndoResult, list_batches, undo_import
from leaddesk.core.services.import_write import (
    BATCH_LEADS,
    IN_IDS,
    MERGE_FIELDS,
    POLICIES,
    Policy,
    Progress,
    apply_duplicates,
    fold_in_file,
    insert_new,
    move_stages,
    report_progress,
)
from leaddesk.core.text import Text
from leaddesk.core.validation import DEFAULT_REGION


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
        return f"new: {self.new}, duplicates: {self.duplicates}, errors: {self.errors}"

    def file_reports(self) -> list[FileReport]:
        """Per file: rows new / duplicate / refused, and columns mapped / kept in the notes."""
        by_file: dict[str, list[PlannedRow]] = {}
        for row in self.rows:
            by_file.setdefault(row.file_name, []).append(row)
        errors = Counter(name for name, i in self.file_issues if i.severity == "error")
        return [_file_report(p, by_file.get(p.file_name, []), errors[p.file_name]) for p in self.files]


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
            values, issues = clean_record(rec, row_source, region)
            checked.append(checked_row(result.file_name, rec, values, issues, blocked))
            if len(checked) % 500 == 0:
                report_progress(progress, len(checked) // 2, total)

    def each(done: int) -> None:
        report_progress(progress, (total + done) // 2, total)

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
                "records with errors: {count}; nothing was imported (fix or skip them): {first}",
                count=plan.errors,
                first=_first_error(plan),
            )
        )
    bad = {r.decision for r in plan.rows if r.decision not in (None, *POLICIES, "new")}
    if bad:
        raise ValueError(f"unknown duplicate decisions: {', '.join(sorted(map(str, bad)))}")
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
                        "leads changed since the dry run; records with errors after checking again: {count};"
                        " nothing was imported: {first}",
                        count=plan.errors,
                        first=_first_error(plan),
                    )
                )
        rows = fold_in_file(plan.rows)
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
        updated, skipped, unchanged = 0, 0, 0
        conflicts: list[str] = []
        # A failure inside rolls the whole transaction back, dropped triggers included. The index
        # is then updated for just the rows written here, not rebuilt for every lead.
        bulk = len(new_rows) > import_write.BULK_FTS
        to_skip = [r for r in dup_rows if (r.decision or on_duplicate) == "skip"]
        skipped = len(to_skip)
        to_change = [r for r in dup_rows if (r.decision or on_duplicate) != "skip"]
        touched = {"ids": json.dumps(sorted({r.match.lead_id for r in to_change if r.match}))}
        with fts_triggers_suspended(session, rebuild=False) if bulk else nullcontext():
            created, parts = insert_new(conn, session, new_rows, batch.id, now, actor, progress, total)
            if bulk and to_change:
                fts_remove_rows(session, IN_IDS, touched)
            if to_change:
                updated, conflicts, changed = apply_duplicates(
                    session, to_change, on_duplicate, batch.id, origin
                )
                moved = move_stages(session, to_change, now, actor, batch.id)
                unchanged = sum(
                    1
                    for r in to_change
                    if r.match is not None and r.match.lead_id not in changed and r.match.lead_id not in moved
                )
            report_progress(progress, total, total)
        if bulk:
            fts_add_rows(session, "import_batch_id = :batch", {"batch": batch.id}, parts=parts)
            if to_change:
                fts_add_rows(session, IN_IDS, touched)
        # New and changed leads get their scores in the same transaction (set-based, fast).
        rescore_in(session, where=BATCH_LEADS, params={"batch": batch.id})
        note(
            session,
            created=session.execute(
                select(col(Lead.id)).where(col(Lead.import_batch_id) == batch.id)
            ).scalars(),
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


__all__ = [
    "MERGE_FIELDS",
    "POLICIES",
    "UID_MAX",
    "FileReport",
    "ImportFormatError",
    "ImportPlan",
    "ImportRefused",
    "ImportResult",
    "PlanOutdated",
    "PlannedRow",
    "Policy",
    "Progress",
    "UndoRefused",
    "UndoResult",
    "apply_import",
    "list_batches",
    "plan_import",
    "read_sources",
    "undo_import",
]
