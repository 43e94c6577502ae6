"""Duplicates in existing data: find likely pairs, and merge two leads into one without losing anything.

``merge_leads`` keeps one lead and folds the other into it: the person picks each field
(``field_choices``), values not picked are kept in the notes, activities, tasks, BANT changes,
score adjustments, attachments and call drafts move over, BANT answers are combined, and the
other lead stays as a row marked ``erased`` with a note pointing at the kept one, so its
stage history still counts in funnel reports. Nothing is hard-deleted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select, update
from sqlmodel import Session

from leaddesk.core.changes import note
from leaddesk.core.db import Database
from leaddesk.core.dedupe import KEY_COLUMNS, POSSIBLE_NAME_SCORE, DuplicateIndex, display_text, match_facts
from leaddesk.core.errors import ConflictError, NotFoundError, ValidationError
from leaddesk.core.models import (
    Activity,
    Attachment,
    CallDraft,
    FieldSource,
    Lead,
    Qualification,
    QualificationChange,
    ScoreAdjustment,
    Task,
    utcnow,
)
from leaddesk.core.perf import paused_gc
from leaddesk.core.services.leads import EDITABLE_FIELDS, LeadView, apply_values
from leaddesk.core.services.rescoring import rescore_and_apply
from leaddesk.core.text import Text

#: Fields offered side by side in the merge dialog.
MERGE_FIELDS: tuple[str, ...] = EDITABLE_FIELDS
_MOVED = (Activity, Task, QualificationChange, ScoreAdjustment, Attachment, CallDraft)
BANT_SECTIONS = ("budget", "authority", "need", "timing")
_QUAL_FIELDS = tuple(
    c.name
    for c in Qualification.__table__.columns  # type: ignore[attr-defined]
    if c.name not in ("id", "lead_id", "updated_at", "version")
)
Progress = Callable[[int, int], bool | None]


@dataclass(frozen=True)
class DuplicatePair:
    """Two existing leads that look like one person, for the duplicate finder."""

    a_id: int
    b_id: int
    reason: str
    score: float
    a_text: str
    b_text: str
    sure: bool
    #: What both agree on (:func:`leaddesk.core.dedupe.match_facts`), for "why" in the list.
    facts: tuple[str, ...] = ()


def find_duplicate_pairs(
    db: Database,
    *,
    include_possible: bool = True,
    limit: int = 1000,
    progress: Progress | None = None,
) -> list[DuplicatePair]:
    """Likely duplicate pairs among all leads, surest first (bulk rules of :mod:`leaddesk.core.dedupe`)."""
    cols = [getattr(Lead, c) for c in KEY_COLUMNS]
    with paused_gc(), db.engine.connect() as conn:
        rows = [
            r._mapping for r in conn.execute(select(*cols).where(Lead.erased.is_(False)).order_by(Lead.id))
        ]
    index = DuplicateIndex()
    pairs: list[DuplicatePair] = []
    with paused_gc():
        _pairs(rows, index, pairs, include_possible, progress)
    pairs.sort(key=lambda p: (not p.sure, {"email": 0, "phone": 1}.get(p.reason, 2), -p.score, p.a_id))
    shown = pairs[:limit]
    by_id = {row["id"]: row for row in rows} if shown else {}
    return [replace(p, facts=match_facts(by_id[p.a_id], by_id[p.b_id])) for p in shown]


def _pairs(
    rows: list[Any], index: DuplicateIndex, pairs: list[DuplicatePair], include_possible: bool, progress: Any
) -> None:
    for i, row in enumerate(rows):
        for m in index.find(row, min_score=POSSIBLE_NAME_SCORE):
            if m.strong or include_possible:
                pairs.append(
                    DuplicatePair(
                        m.lead_id, row["id"], m.reason, m.score, m.display, display_text(row), m.strong
                    )
                )
        index.add(row, lead_id=row["id"])
        if progress is not None and i % 2000 == 0 and progress(i, len(rows)) is False:
            break


@dataclass(frozen=True)
class MergeResult:
    kept: LeadView
    merged_id: int
    moved: dict[str, int]
    noted: list[str]


def merge_leads(
    db: Database,
    keep_id: int,
    other_id: int,
    field_choices: dict[str, str] | None = None,
    *,
    actor: str = "",
    expected_versions: tuple[int, int] | None = None,
) -> MergeResult:
    """Fold lead ``other_id`` into ``keep_id`` in one transaction.

    ``field_choices`` maps a field to "keep" or "other"; fields not named keep the kept lead's
    value, or take the other's where the kept one is empty. A value not chosen is appended to
    the notes ("Aus Duplikat #12 – city: Ulm"), never dropped.
    """
    with db.transaction() as session:
        result = merge_leads_in(
            session, keep_id, other_id, field_choices or {}, actor=actor, expected_versions=expected_versions
        )
        rescore_and_apply(session, keep_id)  # activities and BANT of both now count for one lead
        kept = session.get(Lead, keep_id, populate_existing=True)
        assert kept is not None
        return replace(result, kept=LeadView.of(kept))


def merge_leads_in(
    session: Session,
    keep_id: int,
    other_id: int,
    field_choices: dict[str, str],
    *,
    actor: str = "",
    expected_versions: tuple[int, int] | None = None,
    origin: str | None = None,
) -> MergeResult:
    """``merge_leads`` inside the caller's transaction (the database merge uses it too)."""
    if keep_id == other_id:
        raise ValidationError({"lead": Text("a lead cannot be merged with itself")})
    bad = {f: c for f, c in field_choices.items() if f not in MERGE_FIELDS or c not in ("keep", "other")}
    if bad:
        raise ValidationError(
            {f: Text("choose 'keep' or 'other', not {choice!r}", choice=c) for f, c in bad.items()}
        )
    keep = session.get(Lead, keep_id)
    other = session.get(Lead, other_id)
    for lead_id, lead in ((keep_id, keep), (other_id, other)):
        if lead is None or lead.erased:
            raise NotFoundError(Text("lead {id} does not exist", id=lead_id))
    assert keep is not None and other is not None
    if expected_versions is not None:
        for lead, version in zip((keep, other), expected_versions, strict=True):
            if lead.version != version:
                raise ConflictError(Text("lead {id}", id=lead.id), version, lead.version)
    origin = origin or f"merge:{other.uid}"
    changes, noted = _field_changes(keep, other, field_choices)
    apply_values(keep, changes)
    taken = [f for f in changes if f not in ("notes", "tags")]
    if taken:
        session.execute(
            update(FieldSource)
            .where(FieldSource.lead_id == keep.id, FieldSource.field.in_(taken))
            .values(origin=origin, at=utcnow())
        )
        have = set(
            session.execute(
                select(FieldSource.field).where(FieldSource.lead_id == keep.id, FieldSource.field.in_(taken))
            ).scalars()
        )
        session.add_all(FieldSource(lead_id=keep.id, field=f, origin=origin) for f in taken if f not in have)
    moved = {}
    for table in _MOVED:
        result = session.execute(
            update(table).where(table.lead_id == other.id).values(lead_id=keep.id)  # type: ignore[attr-defined]
        )
        moved[table.__tablename__] = result.rowcount or 0  # type: ignore[attr-defined]
    _merge_qualification(session, keep, other)
    keep.has_qualification = keep.has_qualification or other.has_qualification
    keep.manual_score = (
        keep.manual_score + other.manual_score if moved["scoreadjustment"] else keep.manual_score
    )
    if other.next_follow_up and (keep.next_follow_up is None or other.next_follow_up < keep.next_follow_up):
        keep.next_follow_up = other.next_follow_up
    who = f" ({actor})" if actor else ""
    session.add(
        Activity(
            lead_id=keep.id,
            kind="note",
            who=actor,
            subject=f"Duplikat #{other.id} zusammengeführt",
            notes=f"Lead #{other.id} (uid {other.uid}, Stufe {other.stage}) übernommen{who}.",
        )
    )
    other.erased = True
    other.notes = "\n".join(
        x for x in [other.notes, f"Zusammengeführt in Lead #{keep.id} (uid {keep.uid})."] if x
    )
    other.updated_at = utcnow()
    other.version += 1
    session.flush()
    note(session, updated=[keep.id or 0], removed=[other.id or 0])
    return MergeResult(LeadView.of(keep), other.id or 0, moved, noted)


def _field_changes(keep: Lead, other: Lead, choices: dict[str, str]) -> tuple[dict[str, Any], list[str]]:
    changes: dict[str, Any] = {}
    noted: list[str] = []
    for field in MERGE_FIELDS:
        if field in ("notes", "tags"):
            continue
        mine, theirs = getattr(keep, field), getattr(other, field)
        choice = choices.get(field, "keep" if mine not in ("", None) else "other")
        if choice == "other" and theirs not in ("", None) and theirs != mine:
            changes[field] = theirs
            if mine not in ("", None):
                noted.append(f"{field}: {mine}")
        elif theirs not in ("", None) and theirs != mine:
            noted.append(f"{field}: {theirs}")
    tags = [t for t in (keep.tags.split(",") + other.tags.split(",")) if t]
    merged_tags = ",".join(dict.fromkeys(tags, None))
    if merged_tags != keep.tags:
        changes["tags"] = merged_tags
    notes = [keep.notes]
    if other.notes and other.notes not in keep.notes:
        notes.append(f"Aus Duplikat #{other.id}:\n{other.notes}")
    if noted:
        notes.append(f"Abweichende Werte aus Duplikat #{other.id}: " + "; ".join(noted))
    combined = "\n".join(x for x in notes if x)
    if combined != keep.notes:
        changes["notes"] = combined
    return changes, noted


def _merge_qualification(session: Session, keep: Lead, other: Lead) -> None:
    """BANT of both: move the other's when the kept lead has none, else fill what is unknown."""
    mine = session.execute(select(Qualification).where(Qualification.lead_id == keep.id)).scalar_one_or_none()
    theirs = session.execute(
        select(Qualification).where(Qualification.lead_id == other.id)
    ).scalar_one_or_none()
    if theirs is None:
        return
    if mine is None:
        theirs.lead_id = keep.id  # type: ignore[assignment]
        keep.bant_confirmed = other.bant_confirmed
        return
    for field in _QUAL_FIELDS:
        a, b = getattr(mine, field), getattr(theirs, field)
        if b in (None, "", "unknown") or a == b:
            continue
        if a in (None, "", "unknown"):
            setattr(mine, field, b)
            session.add(
                QualificationChange(
                    lead_id=keep.id, field=field, old_value=str(a or ""), new_value=str(b), who="merge"
                )
            )
        elif field.endswith("_notes") and str(b) not in str(a):
            setattr(mine, field, f"{a}\n{b}")
    mine.updated_at = utcnow()
    mine.version += 1
    keep.bant_confirmed = sum(1 for s in BANT_SECTIONS if getattr(mine, f"{s}_status") == "confirmed")
    # The other's answers stay on its (erased) row as the record of where they came from.
