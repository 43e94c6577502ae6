"""Art. 15 right of access: everything LeadDesk holds about one person, as plain data.

:func:`subject_access` gathers the lead's fields and consent, activities and calls, BANT and
its change history, tasks, call drafts, stage history, scores with the reasons of manual
adjustments, card images, the imports the lead came from or that changed it, where each
field's value came from, and the records merged into it. :func:`write_json` writes it; the
readable PDF is drawn by the UI layer with Qt's PDF writer (``leaddesk/ui/privacy.py``).
"""

from __future__ import annotations

import base64
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, SQLModel, col

from leaddesk.core.db import Database, as_utc
from leaddesk.core.errors import LeadDeskError, NotFoundError
from leaddesk.core.models import (
    Activity,
    Attachment,
    CallDraft,
    FieldSource,
    ImportBatch,
    ImportChange,
    Lead,
    LeadScore,
    Qualification,
    QualificationChange,
    ScoreAdjustment,
    StageChange,
    Task,
)
from leaddesk.core.privacy import audit
from leaddesk.core.privacy.erase import _merged_into, masked
from leaddesk.core.text import Text

#: Sections of the export, in the order the PDF shows them.
SECTIONS = (
    "person",
    "consent",
    "stage_history",
    "activities",
    "qualification",
    "qualification_history",
    "tasks",
    "call_drafts",
    "score",
    "score_reasons",
    "score_adjustments",
    "imports",
    "field_sources",
    "attachments",
    "merged_records",
)
CONSENT_FIELDS = (
    "consent_at",
    "consent_source",
    "consent_purpose",
    "consent_wording",
    "consent_withdrawn_at",
    "do_not_contact",
)
#: Bookkeeping columns that say nothing about the person.
_INTERNAL = frozenset({"id", "lead_id", "position", "version", "email_lower", "phone_key", "import_batch_id"})


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return (as_utc(value) or value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value


def _row(obj: SQLModel, *, skip: frozenset[str] = _INTERNAL) -> dict[str, Any]:
    return {
        c.name: _plain(getattr(obj, c.name))
        for c in obj.__table__.columns  # type: ignore[attr-defined]
        if c.name not in skip
    }


def _rows(session: Session, model: type[Any], lead_id: int, order: Any) -> list[dict[str, Any]]:
    return [
        _row(r)
        for r in session.execute(select(model).where(model.lead_id == lead_id).order_by(order)).scalars()
    ]


def subject_access(db: Database, lead_id: int) -> dict[str, Any]:
    """Everything held about the person of ``lead_id`` (see the module text), JSON-ready."""
    with db.session() as session:
        lead = session.get(Lead, lead_id)
        if lead is None or (lead.erased and lead.deleted_at is None):
            raise NotFoundError(Text("lead {id} does not exist", id=lead_id))
        fields = _row(lead)
        consent = {k: fields.pop(k) for k in CONSENT_FIELDS}
        fields["uid"] = lead.uid
        score = session.get(LeadScore, lead_id)
        batch_ids = {lead.import_batch_id} if lead.import_batch_id else set()
        changes = list(
            session.execute(select(ImportChange).where(col(ImportChange.lead_id) == lead_id)).scalars()
        )
        batch_ids |= {c.batch_id for c in changes}
        imports = []
        for batch in session.execute(
            select(ImportBatch).where(col(ImportBatch.id).in_(batch_ids)).order_by(col(ImportBatch.id))
        ).scalars():
            entry = _row(batch, skip=frozenset({"id"}))
            entry["created_this_lead"] = batch.id == lead.import_batch_id
            entry["values_before"] = [json.loads(c.before) for c in changes if c.batch_id == batch.id]
            imports.append(entry)
        attachments = [
            _row(a) | {"size_bytes": len(a.data)}
            for a in session.execute(select(Attachment).where(col(Attachment.lead_id) == lead_id)).scalars()
        ]
        drafts = [
            _row(d) | {"data": json.loads(d.data or "{}")}
            for d in session.execute(select(CallDraft).where(col(CallDraft.lead_id) == lead_id)).scalars()
        ]
        qualification = session.execute(
            select(Qualification).where(col(Qualification.lead_id) == lead_id)
        ).scalar_one_or_none()
        merged = [_row(m) | {"uid": m.uid} for m in _merged_into(session, [lead])]
        report: dict[str, Any] = {
            "generated_at": _plain(datetime.now().astimezone()),
            "lead_id": lead_id,
            "person": fields,
            "consent": consent,
            "stage_history": _rows(session, StageChange, lead_id, StageChange.at),
            "activities": _rows(session, Activity, lead_id, Activity.at),
            "qualification": _row(qualification) if qualification is not None else {},
            "qualification_history": _rows(session, QualificationChange, lead_id, QualificationChange.at),
            "tasks": _rows(session, Task, lead_id, Task.due_at),
            "call_drafts": drafts,
            "score": _row(score) if score is not None else {},
            "score_adjustments": _rows(session, ScoreAdjustment, lead_id, ScoreAdjustment.at),
            "imports": imports,
            "field_sources": _rows(session, FieldSource, lead_id, FieldSource.field),
            "attachments": attachments,
            "merged_records": merged,
        }
        report["_masked"] = masked(lead)
    report["score_reasons"] = _score_reasons(db, lead_id)
    return report


def _score_reasons(db: Database, lead_id: int) -> list[dict[str, Any]]:
    """The scoring rules that give the lead its points now (why it has its score)."""
    from leaddesk.core.scoring.explain import explain

    try:
        explanation = explain(db, lead_id)
    except LeadDeskError:
        return []
    return [
        {"rule": line.name, "group": line.group, "points": line.points, "expires_at": _plain(line.expires_at)}
        for line in explanation.lines
    ]


def write_json(report: dict[str, Any], target: Path) -> Path:
    data = {k: v for k, v in report.items() if not k.startswith("_")}
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return target


def record_export(db: Database, report: dict[str, Any], *, actor: str = "", formats: str = "json") -> None:
    """The audit entry for an access export (who asked for whom, masked, and in which formats)."""
    with db.transaction() as session:
        audit.record(
            session,
            "access_export",
            str(report.get("_masked", "***")),
            actor=actor,
            detail=f"lead #{report['lead_id']}; {formats}",
        )
