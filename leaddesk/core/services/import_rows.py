"""What an import does with each record: new, duplicate of a lead or of an earlier row, or error.

The dry run's second pass (:func:`classify`), after every record was validated and keyed. The
apply runs it again, inside its own transaction, when the leads changed after the dry run
(:func:`leads_state` tells): a colleague's new lead, an edit, an erasure or removal, a person
put on the suppression list. Otherwise an import would add a second lead for someone added
meanwhile, or write a person's data back into the shell of a lead erased meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, select
from sqlmodel import col

from leaddesk.core.dedupe import DuplicateIndex, KeyFilter, Match, MatchKeys, display_text, match_keys
from leaddesk.core.importers import Issue, Record
from leaddesk.core.models import ErasureLog, Lead, Suppression
from leaddesk.core.privacy.suppression import SuppressionChecker, import_issues
from leaddesk.core.text import Text

#: (file name, record, validated values, validation issues, match keys or None for an error row)
Checked = tuple[str, Record, dict[str, Any], list[Issue], MatchKeys | None]


def checked_row(
    file_name: str, rec: Record, values: dict[str, Any], issues: list[Issue], blocked: SuppressionChecker
) -> Checked:
    """A validated record ready for :func:`classify`: the suppression list's verdict added to its
    issues (a new list then; ``issues`` itself is left alone), its match keys unless it has an error."""
    refused = import_issues(blocked, rec.line, values, rec.uid)
    if refused:
        issues = [*issues, *refused]
    failed = bool(issues) and any(i.severity == "error" for i in issues)
    return file_name, rec, values, issues, None if failed else match_keys(values)


@dataclass(slots=True)
class PlannedRow:
    """One record and what applying the plan would do with it."""

    file_name: str
    line: int
    action: str  # "new", "duplicate", "in_file", "error"
    values: dict[str, Any] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    match: Match | None = None
    #: For "in_file": index of the earlier row in ``ImportPlan.rows`` this one merges into.
    into_row: int | None = None
    #: The person's choice for this duplicate ("skip", "update", "merge" or "new"), over the import's.
    decision: str | None = None
    uid: str = ""
    photo: bytes | None = None
    photo_mime: str = ""
    #: The validation's issues alone (``issues`` may add a possible-duplicate warning): what a
    #: check against changed leads starts again from.
    checks: list[Issue] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]


def leads_state(conn: Connection) -> tuple[Any, ...]:
    """A fingerprint of everything the checks of a plan read from the database.

    Over the live leads: their number, the sums of their ids and versions, the newest id and
    change. A lead added, edited (every write raises its version), merged away, erased, put in
    the trash or removed changes it; so does an id used again after a removal (its lead is
    changed last). And the suppression list and erasure log: their size and newest entry.
    One statement of aggregates: 100,000 leads ~30 ms, where reading every lead took ~90 ms.
    """
    leads = conn.execute(
        select(
            func.count(col(Lead.id)),
            func.sum(col(Lead.id)),
            func.sum(col(Lead.version)),
            func.max(col(Lead.id)),
            func.max(col(Lead.updated_at)),
        ).where(col(Lead.erased).is_(False))
    ).one()
    suppressed = conn.execute(select(func.count(col(Suppression.id)), func.max(col(Suppression.id)))).one()
    erased = conn.execute(select(func.count(col(ErasureLog.id)), func.max(col(ErasureLog.id)))).one()
    return (*leads, *suppressed, *erased)


def existing_uids(conn: Connection, uids: list[str]) -> dict[str, int]:
    """The (not erased) leads that have one of ``uids``: uid -> lead id."""
    out: dict[str, int] = {}
    for start in range(0, len(uids), 500):
        chunk = uids[start : start + 500]
        rows = conn.execute(
            select(col(Lead.uid), col(Lead.id)).where(col(Lead.uid).in_(chunk), col(Lead.erased).is_(False))
        )
        out.update({uid: lead_id for uid, lead_id in rows if lead_id is not None})
    return out


def classify(
    conn: Connection,
    checked: Sequence[Checked],
    *,
    index: DuplicateIndex | None = None,
    each: Callable[[int], None] | None = None,
) -> list[PlannedRow]:
    """Each validated record classified against the leads ``conn`` sees and the earlier records.

    ``index`` (a caller's own) replaces the one read from the leads; ``each(done)`` is called
    after every 500 records (progress, cancelling).
    """
    if index is None:
        index = DuplicateIndex.from_db(conn, only=KeyFilter.of(k for *_, k in checked if k is not None))
    uids = existing_uids(conn, [rec.uid for _, rec, *_ in checked if rec.uid])
    trash = trashed_keys(conn)
    rows = []
    for position, (file_name, rec, values, issues, keys) in enumerate(checked):
        row = plan_row(file_name, rec, values, issues, keys, index, uids, position, checked)
        if trash and keys is not None and row.action == "new":
            _warn_of_trash(row, keys, trash)
        rows.append(row)
        if each is not None and (position + 1) % 500 == 0:
            each(position + 1)
    return rows


def trashed_keys(conn: Connection) -> dict[str, tuple[str, int, str]]:
    """The e-mail and phone keys of the leads in the trash: key -> ("email"/"phone", id, display).

    Leads in the trash match nothing (they are off the board and may be emptied away), so a
    person imported again becomes a new lead; the dry run says there is one in the trash.
    """
    out: dict[str, tuple[str, int, str]] = {}
    rows = conn.execute(
        select(
            col(Lead.id),
            col(Lead.first_name),
            col(Lead.last_name),
            col(Lead.company),
            col(Lead.email),
            col(Lead.email_lower),
            col(Lead.phone_key),
        ).where(col(Lead.deleted_at).is_not(None))
    )
    for lead_id, first, last, company, email, email_key, phone in rows:
        shown = display_text({"first_name": first, "last_name": last, "company": company, "email": email})
        if phone:
            out.setdefault(phone, ("phone", int(lead_id or 0), shown))
        if email_key:
            out.setdefault(email_key, ("email", int(lead_id or 0), shown))
    return out


def _warn_of_trash(row: PlannedRow, keys: MatchKeys, trash: dict[str, tuple[str, int, str]]) -> None:
    """A warning on a new row whose e-mail or phone a lead in the trash has (a new list: ``checks``
    stays the validation's own)."""
    found = trash.get(keys.email) if keys.email else None
    found = found or next((trash[p] for p in keys.phones if p in trash), None)
    if found is None:
        return
    what, lead_id, shown = found
    if what == "email":
        why = Text(
            "same email address as lead {id} ({display}) in the trash; imported as a new lead"
            " (or restore that one from the trash)",
            id=lead_id,
            display=shown,
        )
    else:
        why = Text(
            "same phone number as lead {id} ({display}) in the trash; imported as a new lead"
            " (or restore that one from the trash)",
            id=lead_id,
            display=shown,
        )
    row.issues = [*row.issues, Issue(row.line, "", why, "warning")]


def plan_row(
    file_name: str,
    rec: Record,
    values: dict[str, Any],
    issues: list[Issue],
    keys: MatchKeys | None,
    index: DuplicateIndex,
    uids: dict[str, int],
    position: int,
    checked: Sequence[Checked] = (),
) -> PlannedRow:
    """Classify one validated record (``keys`` is None when it has errors).

    A strong match makes it a duplicate; a weak e-mail or phone match (names that differ)
    leaves it new, with a warning naming the lead or earlier row it may repeat.
    """
    row = PlannedRow(
        file_name,
        rec.line,
        "new",
        values,
        issues,
        uid=rec.uid,
        photo=rec.photo,
        photo_mime=rec.photo_mime,
        checks=issues,
    )
    if keys is None:
        row.action = "error"
        return row
    if rec.uid and rec.uid in uids:
        row.action = "duplicate"
        row.match = Match(uids[rec.uid], "uid", 100.0, "")
        return row
    best, possible = index.classify(values, keys=keys)
    if possible is not None:
        # Weak evidence (a shared e-mail or number, names that differ): two leads, flagged.
        if possible.lead_id:
            other = Text("lead {id}", id=possible.lead_id)
        else:
            earlier = checked[int(possible.ref)]  # type: ignore[call-overload]
            other = Text("{file}, line {line}", file=earlier[0], line=earlier[1].line)
        shown = possible.display
        if possible.reason == "email":
            why = Text(
                "possible duplicate of {other} ({display}): same email address, but the names differ;"
                " imported as a new lead",
                other=other,
                display=shown,
            )
        else:
            why = Text(
                "possible duplicate of {other} ({display}): same phone number, but the names differ;"
                " imported as a new lead",
                other=other,
                display=shown,
            )
        row.issues = [*issues, Issue(rec.line, "", why, "warning")]
    if best is not None:
        if best.lead_id:
            row.action, row.match = "duplicate", best
        else:
            row.action, row.match, row.into_row = "in_file", best, int(best.ref)  # type: ignore[call-overload]
        return row
    index.add(values, ref=position, keys=keys)
    return row
