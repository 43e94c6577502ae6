"""Taking an import back (``undo_import``), and the list of imports to choose from.

An import is one batch: the undo removes the leads it created and restores the values it
changed, from the ``ImportChange`` rows the apply wrote (leaddesk/core/services/import_write.py),
unless a lead has a life of its own since.
"""

from __future__ import annotations

import json
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlmodel import col

from leaddesk.core.changes import note
from leaddesk.core.db import (
    Database,
    as_utc,
    bulk_cache,
    fts_add_rows,
    fts_remove_rows,
    fts_triggers_suspended,
)
from leaddesk.core.errors import LeadDeskError, NotFoundError
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
    utcnow,
)
from leaddesk.core.scoring.engine import rescore_in
from leaddesk.core.services import import_write
from leaddesk.core.services.import_write import BATCH_LEADS, IN_IDS, ids_in, update_groups
from leaddesk.core.services.leads import derived_keys
from leaddesk.core.text import Text


class UndoRefused(LeadDeskError):
    """An undo would overwrite or delete work done after the import; nothing was changed."""


@dataclass(frozen=True)
class UndoResult:
    batch_id: int
    removed: int
    restored: int
    kept: list[int]


_DEPENDENT = (StageChange, Attachment, FieldSource, ImportChange, ScoreAdjustment, QualificationChange, Task)


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
        created = list(
            session.execute(
                select(col(Lead.id), col(Lead.version)).where(col(Lead.import_batch_id) == batch_id)
            )
        )
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
                    "import {id} cannot be undone: leads changed after it: {count} (e.g. lead {first});"
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
        bulk = len(removable) + len(restored) > import_write.BULK_FTS
        with fts_triggers_suspended(session, rebuild=False) if bulk else nullcontext():
            if bulk:
                fts_remove_rows(session, IN_IDS, {"ids": json.dumps(removable + restored)})
            if removable:
                # One set-based statement per table: SQLite walks each table's lead_id index.
                for table in LEAD_CHILD_TABLES if demo else _DEPENDENT:
                    t = table.__table__  # type: ignore[attr-defined]
                    session.execute(delete(t).where(t.c.lead_id.in_(ids_in(gone, session))))
                lead_table = Lead.__table__  # type: ignore[attr-defined]
                session.execute(delete(lead_table).where(lead_table.c.id.in_(ids_in(gone, session))))
            origin = f"import:{batch_id}"
            now = utcnow()
            groups: dict[frozenset[str], list[dict[str, Any]]] = {}
            for lead_id, before in restore:
                values = {k: v for k, v in before.items() if not k.startswith("_")}
                # Back to the version the values belong to: an editor still holding it may save again.
                values |= derived_keys(values) | {"version": before["_version_before"], "updated_at": now}
                groups.setdefault(frozenset(values), []).append({"_id": lead_id, **values})
            update_groups(session, groups)
            # Moves the import made (an Excel stage column) leave the history with the move.
            taken_back = [b["_stage_change"] for _i, b in restore if "_stage_change" in b]
            for start in range(0, len(taken_back), 500):
                session.execute(
                    delete(StageChange).where(col(StageChange.id).in_(taken_back[start : start + 500]))
                )
            if bulk and restored:
                fts_add_rows(session, IN_IDS, {"ids": json.dumps(restored)})
        if restored:
            fs = FieldSource.__table__  # type: ignore[attr-defined]
            back = {"ids": json.dumps(restored)}
            session.execute(delete(fs).where(fs.c.lead_id.in_(ids_in(back, session)), fs.c.origin == origin))
            rescore_in(session, where=BATCH_LEADS, params={"batch": batch_id})
        session.execute(
            update(Lead).where(col(Lead.import_batch_id) == batch_id).values(import_batch_id=None)
        )
        batch.undone_at = utcnow()
        moved_back = [lead_id for lead_id, before in restore if "stage" in before]
        note(session, removed=removable, updated=restored, moved=moved_back, imports=True)
        return UndoResult(batch_id, len(removable), len(restore), kept)


def _versions(session: Any, batch_id: int) -> dict[int, int]:
    """Current versions of the leads the import changed (one query, not one per 500 ids)."""
    ic = ImportChange.__table__  # type: ignore[attr-defined]
    changed = select(ic.c.lead_id).where(ic.c.batch_id == batch_id)
    rows = session.execute(select(col(Lead.id), col(Lead.version)).where(col(Lead.id).in_(changed)))
    return {lead_id: version for lead_id, version in rows}


def _touched_since(session: Any, batch_id: int) -> set[int]:
    """Created leads that have a life of their own now: activities, tasks, BANT, a stage move.

    Set-based over the batch's leads (a subquery): 88,000 ids in chunks of 500 cost ~1.6 s.
    """
    created = select(col(Lead.id)).where(col(Lead.import_batch_id) == batch_id)
    out: set[int] = set()
    for table, column in (
        (Activity, col(Activity.lead_id)),
        (Task, col(Task.lead_id)),
        (Qualification, col(Qualification.lead_id)),
        (ScoreAdjustment, col(ScoreAdjustment.lead_id)),
        (CallDraft, col(CallDraft.lead_id)),
    ):
        query = select(column).where(column.in_(created))
        if table is Task:  # the follow-ups the import made from the file, still open, are its own
            started = (
                select(col(ImportBatch.started_at)).where(col(ImportBatch.id) == batch_id).scalar_subquery()
            )
            query = query.where(or_(col(Task.created_at) != started, col(Task.done).is_(True)))
        out.update(session.execute(query.distinct()).scalars())
    moved = (
        select(col(StageChange.lead_id))
        .where(col(StageChange.lead_id).in_(created))
        .group_by(col(StageChange.lead_id))
    )
    out.update(session.execute(moved.having(func.count() > 1)).scalars())
    return out


def _touched_after(session: Any, batch: ImportBatch) -> set[int]:
    """Leads of ``batch`` changed after it finished (edits, moves, activities and tasks all stamp
    ``updated_at``)."""
    finished = batch.finished_at or batch.started_at
    query = select(col(Lead.id)).where(col(Lead.import_batch_id) == batch.id, col(Lead.updated_at) > finished)
    return set(session.execute(query).scalars())


def list_batches(db: Database, limit: int = 50) -> list[ImportBatch]:
    with db.session() as session:
        return list(
            session.execute(select(ImportBatch).order_by(col(ImportBatch.id).desc()).limit(limit))
            .scalars()
            .all()
        )
