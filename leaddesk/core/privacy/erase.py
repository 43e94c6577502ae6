"""Art. 17 erasure: remove a person for good, keep an anonymous skeleton for the funnel figures.

:func:`erase_leads` works in one transaction: every personal field of the lead is blanked,
every piece of text tied to it goes (activities keep only kind, moment, duration and outcome
code; stage history keeps stages, moments and the kind of actor; tasks, BANT and
its history, call drafts, score adjustments, card images, import undo data and field
origins are deleted), leads merged into it earlier are erased with it, the person's e-mail,
phones and name+company go to the suppression list as salted hashes, and the erasure log
and audit log get an entry. After the commit the bytes are made unreadable: deleted
content was zeroed (``secure_delete``), the search index is merged so old segments no
longer hold the words, free pages are dropped and the write-ahead log is truncated.

The erasure log is also written to a file beside the database, so restoring a backup taken
before the erasure re-applies it (:func:`reapply_erasures`).
"""

from __future__ import annotations

import json
import os
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlmodel import Session

from leaddesk.core import paths
from leaddesk.core.changes import note
from leaddesk.core.db import (
    Database,
    WipeResult,
    as_utc,
    fts_optimize,
    secure_delete_on,
    wipe_free_space,
)
from leaddesk.core.dedupe import fold
from leaddesk.core.errors import NotFoundError
from leaddesk.core.models import (
    LEAD_CHILD_TABLES,
    Activity,
    ErasureLog,
    FieldSource,
    ImportBatch,
    ImportChange,
    Lead,
    StageChange,
    Suppression,
    utcnow,
)
from leaddesk.core.privacy import audit
from leaddesk.core.privacy.suppression import ERASED, add_digests, digests, get_salt, set_salt
from leaddesk.core.stages import LOST_REASONS
from leaddesk.core.text import Text

#: Lead columns an erased skeleton keeps: what the funnel figures need, nothing about the person.
SKELETON_COLUMNS = frozenset(
    {
        "id",
        "uid",
        "stage",
        "position",
        "value",
        "currency",
        "source",
        "lost_reason",
        "import_batch_id",
        "erased",
        "created_at",
        "updated_at",
        "version",
    }
)
#: Child rows kept (scrubbed) for the figures, and the columns that stay; every other table
#: of :data:`LEAD_CHILD_TABLES` loses the lead's rows.
KEPT_CHILD_COLUMNS: dict[type[Any], frozenset[str]] = {
    StageChange: frozenset({"id", "lead_id", "from_stage", "to_stage", "at", "actor_kind"}),
    Activity: frozenset({"id", "lead_id", "kind", "at", "duration_s", "outcome", "created_at"}),
}
#: A source is kept on the skeleton only when at least this many other leads share it: a rare
#: source ("Import jana-mueller.vcf") could name the person.
SOURCE_KEEP_MIN = 5


@dataclass(frozen=True)
class ErasureResult:
    """What an erasure removed and what stays, as numbers (no personal data)."""

    erased_ids: tuple[int, ...]
    merged_ids: tuple[int, ...]
    rows_deleted: dict[str, int]
    rows_scrubbed: dict[str, int]
    stage_changes_kept: int
    wipe: WipeResult | None = None
    log_file: Path | None = None

    def summary(self) -> Text:
        return Text(
            "people erased: {count} (merged records with them: {merged}); "
            "rows deleted: {deleted}, rows emptied: {scrubbed}; "
            "kept anonymously: stage changes ({stages}), value and source",
            count=len(self.erased_ids),
            merged=len(self.merged_ids),
            deleted=sum(self.rows_deleted.values()),
            scrubbed=sum(self.rows_scrubbed.values()),
            stages=self.stage_changes_kept,
        )


@dataclass(frozen=True)
class ErasurePreview:
    """What the question before an erasure names: who (masked) and what stays."""

    lead_id: int
    name: str
    masked: str
    stage: str
    stage_changes: int
    activities: int
    merged_records: int


def preview(db: Database, lead_id: int) -> ErasurePreview:
    """The person and the anonymous counts that stay, for the question before erasing."""
    with db.session() as session:
        lead = session.get(Lead, lead_id)
        if lead is None or (lead.erased and lead.deleted_at is None):
            raise NotFoundError(Text("lead {id} does not exist", id=lead_id))
        merged = _merged_into(session, [lead])
        stages = session.execute(
            select(func.count()).select_from(StageChange).where(StageChange.lead_id == lead_id)
        ).scalar_one()
        acts = session.execute(
            select(func.count()).select_from(Activity).where(Activity.lead_id == lead_id)
        ).scalar_one()
        name = " ".join(x for x in (lead.first_name, lead.last_name) if x) or lead.company
        return ErasurePreview(
            lead_id,
            name,
            masked(lead),
            lead.stage,
            int(stages),
            int(acts),
            len(merged),
        )


def erase_leads(
    db: Database, lead_ids: Sequence[int], *, actor: str = "", wipe: bool = True, reason: str = "request"
) -> ErasureResult:
    """Erase the people of ``lead_ids`` for good (Art. 17); see the module text for what stays.

    ``wipe`` runs the SQLite clean-up after the commit (free pages, log); tests of the
    transaction alone may skip it. ``reason`` goes to the audit log ("request", "retention").
    """
    if not lead_ids:
        return ErasureResult((), (), {}, {}, 0)
    with db.transaction() as session:
        secure_delete_on(session)
        leads = []
        for lead_id in dict.fromkeys(lead_ids):
            lead = session.get(Lead, lead_id)
            if lead is None:
                raise NotFoundError(Text("lead {id} does not exist", id=lead_id))
            leads.append(lead)
        result, entries = _erase_in(session, leads, actor=actor, reason=reason)
    log_file = _append_log_file(db, entries, _salt_of(db))
    wiped = wipe_free_space(db.engine) if wipe else None
    return ErasureResult(
        result.erased_ids,
        result.merged_ids,
        result.rows_deleted,
        result.rows_scrubbed,
        result.stage_changes_kept,
        wiped,
        log_file,
    )


def erase_by_uid(db: Database, uids: Iterable[str], *, actor: str = "") -> ErasureResult:
    """:func:`erase_leads` for leads named by uid (the CLI); unknown uids are a NotFoundError."""
    uids = list(dict.fromkeys(uids))
    with db.session() as session:
        found = dict(session.execute(select(Lead.uid, Lead.id).where(Lead.uid.in_(uids))).all())
    missing = [u for u in uids if u not in found]
    if missing:
        raise NotFoundError(Text("no lead with uid {uid}", uid=missing[0]))
    return erase_leads(db, [found[u] for u in uids], actor=actor)


def masked(lead: Lead) -> str:
    """The person's masked name for the audit log ("J*** M***"), or the company's."""
    if lead.first_name or lead.last_name:
        return audit.mask_name(lead.first_name, lead.last_name)
    return audit.mask_name(lead.company)


def _salt_of(db: Database) -> str:
    with db.transaction() as session:
        return get_salt(session)


def _merged_into(session: Session, leads: list[Lead]) -> list[Lead]:
    """Leads merged earlier into any of ``leads`` (and into those, and so on): the same person."""
    seen = {lead.id for lead in leads}
    found: list[Lead] = []
    todo = list(leads)
    while todo:
        lead = todo.pop()
        uids = {
            origin.removeprefix("merge:")
            for origin in session.execute(
                select(FieldSource.origin).where(
                    FieldSource.lead_id == lead.id, FieldSource.origin.like("merge:%")
                )
            ).scalars()
        }
        query = select(Lead).where(Lead.erased.is_(True), Lead.notes.contains(f"(uid {lead.uid})"))
        candidates = list(session.execute(query).scalars())
        if uids:
            candidates += list(
                session.execute(select(Lead).where(Lead.uid.in_(uids), Lead.erased.is_(True))).scalars()
            )
        for other in candidates:
            if other.id not in seen:
                seen.add(other.id)
                found.append(other)
                todo.append(other)
    return found


def _erase_in(
    session: Session, leads: list[Lead], *, actor: str, reason: str
) -> tuple[ErasureResult, list[dict[str, Any]]]:
    """The erasure inside the caller's transaction; returns the result and the log entries."""
    now = utcnow()
    salt = get_salt(session)
    merged = _merged_into(session, leads)
    everyone = leads + merged
    ids = [lead.id for lead in everyone if lead.id is not None]
    entries: list[dict[str, Any]] = []
    for lead in everyone:
        values = {
            c: getattr(lead, c) for c in ("email", "phone", "mobile", "first_name", "last_name", "company")
        }
        pairs = digests(salt, values)
        add_digests(session, pairs, ERASED, since=now)
        session.add(ErasureLog(uid=lead.uid, erased_at=now))
        entries.append({"uid": lead.uid, "at": now.isoformat(), "digests": [list(p) for p in pairs]})
    for lead in leads:
        audit.record(
            session,
            "erasure",
            masked(lead),
            actor=actor,
            detail=f"{reason}; lead #{lead.id}; merged records: {len(merged)}",
        )
    _scrub_batches(session, everyone)
    sources = _rare_sources(session, everyone, ids)
    deleted: dict[str, int] = {}
    scrubbed: dict[str, int] = {}
    kept_stages = 0
    for table in LEAD_CHILD_TABLES:
        name = table.__tablename__  # type: ignore[attr-defined]
        keep = KEPT_CHILD_COLUMNS.get(table)
        if keep is None:
            result = session.execute(delete(table).where(table.lead_id.in_(ids)))  # type: ignore[attr-defined]
            deleted[name] = result.rowcount or 0  # type: ignore[attr-defined]
            continue
        blank = _blank_values(table, keep)
        result = session.execute(update(table).where(table.lead_id.in_(ids)).values(**blank))  # type: ignore[attr-defined]
        scrubbed[name] = result.rowcount or 0  # type: ignore[attr-defined]
        if table is StageChange:
            kept_stages = scrubbed[name]
    blank = _blank_values(Lead, SKELETON_COLUMNS)
    for lead in everyone:
        values = dict(blank)
        if lead.source in sources:
            values["source"] = ""
        if lead.lost_reason and lead.lost_reason not in LOST_REASONS:
            values["lost_reason"] = ""
        session.execute(
            update(Lead)
            .where(Lead.id == lead.id)
            .values(**values, erased=True, updated_at=now, version=Lead.version + 1)
        )
    fts_optimize(session)
    note(session, removed=ids, trash=True, tasks=True, activities=True)
    result = ErasureResult(
        tuple(lead.id or 0 for lead in leads),
        tuple(lead.id or 0 for lead in merged),
        deleted,
        scrubbed,
        kept_stages,
    )
    return result, entries


def _blank_values(table: type[Any], keep: frozenset[str]) -> dict[str, Any]:
    """Every column outside ``keep`` set to its empty value ("" for text, None or 0 otherwise)."""
    out: dict[str, Any] = {}
    for column in table.__table__.columns:
        if column.name in keep:
            continue
        annotation = table.model_fields[column.name].annotation
        optional = type(None) in typing.get_args(annotation)
        python_type = column.type.python_type
        if annotation is str or str in typing.get_args(annotation):
            out[column.name] = ""
        elif python_type is bool:
            out[column.name] = False
        elif python_type in (int, float) and not optional:
            out[column.name] = 0
        else:
            out[column.name] = None
    return out


def _rare_sources(session: Session, leads: list[Lead], ids: list[int]) -> set[str]:
    """Sources of ``leads`` shared by fewer than :data:`SOURCE_KEEP_MIN` other leads."""
    rare: set[str] = set()
    for source in {lead.source for lead in leads if lead.source}:
        others = session.execute(
            select(func.count()).select_from(Lead).where(Lead.source == source, Lead.id.not_in(ids))  # type: ignore[union-attr]
        ).scalar_one()
        if others < SOURCE_KEEP_MIN:
            rare.add(source)
    return rare


def _scrub_batches(session: Session, leads: list[Lead]) -> None:
    """Forget the file name of an import that brought only this person, or that names them."""
    ids = [lead.id for lead in leads]
    batch_ids = {lead.import_batch_id for lead in leads if lead.import_batch_id}
    batch_ids |= set(
        session.execute(select(ImportChange.batch_id).where(ImportChange.lead_id.in_(ids))).scalars()
    )
    if not batch_ids:
        return
    words = set()
    for lead in leads:
        for text in (lead.first_name, lead.last_name, lead.email.split("@")[0], lead.company):
            words.update(w for w in fold(text).replace(".", " ").replace("-", " ").split() if len(w) >= 3)
    for batch in session.execute(select(ImportBatch).where(ImportBatch.id.in_(batch_ids))).scalars():
        names = fold(f"{batch.file_name} {batch.source}")
        if batch.created_count + batch.updated_count <= 1 or any(w in names for w in words):
            batch.file_name = ""
            batch.source = ""


# --- the erasure log file and re-applying it --------------------------------------------------


def log_path(db: Database) -> Path | None:
    """The erasure log beside the database file (None for a database that is no file)."""
    if db.file is None:
        return None
    return db.file.with_name(db.file.name + ".erasures.json")


def read_log_file(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"salt": "", "erased": []}
    if not isinstance(data, dict):
        return {"salt": "", "erased": []}
    data.setdefault("salt", "")
    data.setdefault("erased", [])
    return data


def _write_log_file(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
    os.chmod(tmp, 0o600)
    tmp.replace(path)


def _append_log_file(db: Database, entries: list[dict[str, Any]], salt: str) -> Path | None:
    path = log_path(db)
    if path is None or not entries:
        return path
    data = read_log_file(path)
    if not data["salt"]:
        data["salt"] = salt
    known = {e["uid"] for e in data["erased"]}
    data["erased"].extend(e for e in entries if e["uid"] not in known)
    _write_log_file(path, data)
    return path


@dataclass
class ReapplyResult:
    """What :func:`reapply_erasures` found: people erased again, entries brought in either way."""

    erased_again: list[int] = field(default_factory=list)
    entries_added_here: int = 0
    entries_added_to_file: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.erased_again or self.entries_added_here or self.entries_added_to_file)


def reapply_erasures(db: Database, *, log_file: Path | None = None, actor: str = "") -> ReapplyResult:
    """Erase again every person of the erasure log that this database still holds.

    Called after restoring a backup and after merging another database: a copy taken before
    an erasure still holds the person. The log is read from the file beside the database
    (``log_file`` overrides it: a restore passes the live folder's log) and from the
    database's own table; each learns the entries of the other.
    """
    path = log_file or log_path(db)
    data = read_log_file(path) if path is not None else {"salt": "", "erased": []}
    out = ReapplyResult()
    with db.transaction() as session:
        salt = data["salt"]
        if salt:
            set_salt(session, salt)  # the folder's salt: the hashes in the file were made with it
        else:
            salt = get_salt(session)
        here = {uid: at for uid, at in session.execute(select(ErasureLog.uid, ErasureLog.erased_at))}
        from_file = {e["uid"]: e for e in data["erased"]}
        missing_here = [e for uid, e in from_file.items() if uid not in here]
        for entry in missing_here:
            at = as_utc(datetime.fromisoformat(entry["at"])) or utcnow()
            pairs = [tuple(p) for p in entry.get("digests", [])]
            add_digests(session, pairs, ERASED, since=at)  # type: ignore[arg-type]
        out.entries_added_here = len(missing_here)
        due = list(
            session.execute(select(Lead).where(Lead.uid.in_([e["uid"] for e in missing_here]))).scalars()
        )
        new_entries: list[dict[str, Any]] = []
        if due:
            _, new_entries = _erase_in(session, due, actor=actor or "restore", reason="re-applied")
            out.erased_again = [lead.id or 0 for lead in due]
        done = {e["uid"] for e in new_entries}
        session.add_all(
            ErasureLog(uid=e["uid"], erased_at=as_utc(datetime.fromisoformat(e["at"])) or utcnow())
            for e in missing_here
            if e["uid"] not in done
        )
        to_file = [e for e in new_entries if e["uid"] not in from_file]
        for uid, at in here.items():
            if uid not in from_file:
                rows = session.execute(
                    select(Suppression.what, Suppression.digest).where(
                        Suppression.kind == ERASED, Suppression.since == at
                    )
                ).all()
                to_file.append(
                    {"uid": uid, "at": (as_utc(at) or at).isoformat(), "digests": [list(r) for r in rows]}
                )
    if path is not None and (to_file or not data["salt"]):
        data["salt"] = data["salt"] or salt
        data["erased"].extend(to_file)
        _write_log_file(path, data)
        out.entries_added_to_file = len(to_file)
    if out.erased_again:
        wipe_free_space(db.engine)
    return out


def reapply_to_file(db_file: Path, log_file: Path, *, actor: str = "restore") -> ReapplyResult:
    """:func:`reapply_erasures` on a database file that is not open (a restored backup, a copy).

    The restore records itself in the audit log of the restored file.
    """
    from leaddesk.core.db import make_engine

    db = Database(make_engine(paths.sqlite_url(db_file)))
    try:
        result = reapply_erasures(db, log_file=log_file, actor=actor)
        if actor == "restore":
            with db.transaction() as session:
                audit.record(
                    session,
                    "restore",
                    actor=actor,
                    detail=f"people erased again: {len(result.erased_again)}",
                )
        return result
    finally:
        db.close()


def after_restore(live: Path) -> ReapplyResult:
    """Call after a backup was restored to ``live``: whoever was erased since is erased again.

    Reads the erasure log kept beside the live database (``<file>.erasures.json``).
    """
    return reapply_to_file(live, live.with_name(live.name + ".erasures.json"))


#: Files beside the database that are copies of it (safety copies before a change, restores).
COPY_SUFFIX = ".bak"


def local_copies(db: Database) -> list[Path]:
    """Copies of the database kept beside it (``<file>.before-…bak``, ``<file>.replaced-…bak``)."""
    if db.file is None:
        return []
    return sorted(p for p in db.file.parent.glob(f"{db.file.name}.*{COPY_SUFFIX}") if p.is_file())


def scrub_local_copies(db: Database) -> int:
    """Re-apply the erasure log to every copy beside the database; returns how many changed.

    A copy taken before an erasure still holds the person; this makes the local ones forget
    them too (a backup on another disk is handled when it is restored).
    """
    path = log_path(db)
    if path is None:
        return 0
    changed = 0
    for copy in local_copies(db):
        try:
            if reapply_to_file(copy, path, actor="").erased_again:
                changed += 1
        except Exception:  # not a LeadDesk database (or damaged): leave it alone
            continue
    return changed


def expire_copies(db: Database, max_age_days: int, *, now: datetime | None = None) -> list[Path]:
    """Remove copies beside the database older than ``max_age_days`` (the retention window)."""
    limit = (now or utcnow()).timestamp() - max_age_days * 86400
    removed = []
    for copy in local_copies(db):
        if copy.stat().st_mtime < limit:
            copy.unlink(missing_ok=True)
            removed.append(copy)
    return removed
