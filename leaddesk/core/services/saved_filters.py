"""Saved filters: a name for a filter and search ("My hot MQLs"), kept in the database.

In the database rather than per machine, so everyone working on one database sees the same
list (as they see the same leads). Each write is one transaction and notes ``settings=True``;
the side list in every open window follows that change signal.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from leaddesk.core.changes import note
from leaddesk.core.db import Database
from leaddesk.core.errors import NotFoundError, ValidationError
from leaddesk.core.models import SavedFilter, utcnow
from leaddesk.core.services.query import LeadFilter, filter_from_spec, filter_to_spec
from leaddesk.core.text import Text

MAX_NAME = 200


@dataclass(frozen=True)
class SavedFilterView:
    """A saved filter as plain values; ``spec`` as :func:`filter_to_spec` wrote it."""

    id: int
    name: str
    spec: dict[str, Any]

    def to_filter(self, tz: str | None = None) -> LeadFilter:
        return filter_from_spec(self.spec, tz=tz)


def _view(row: SavedFilter) -> SavedFilterView:
    try:
        spec = json.loads(row.spec)
    except ValueError:
        spec = {}
    return SavedFilterView(int(row.id or 0), row.name, spec if isinstance(spec, dict) else {})


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": Text("give the filter a name")})
    if len(name) > MAX_NAME:
        raise ValidationError({"name": Text("a name has at most {n} characters", n=MAX_NAME)})
    return name


def _taken(session: Any, name: str, but: int | None = None) -> bool:
    stmt = select(SavedFilter.id).where(func.lower(SavedFilter.name) == name.lower())  # type: ignore[call-overload]
    if but is not None:
        stmt = stmt.where(SavedFilter.id != but)
    return session.execute(stmt).first() is not None


def list_saved_filters(db: Database) -> list[SavedFilterView]:
    """Every saved filter, by name (case ignored)."""
    with db.session() as session:
        rows = session.execute(select(SavedFilter)).scalars().all()
        views = [_view(r) for r in rows]
    return sorted(views, key=lambda v: v.name.casefold())


def save_filter(db: Database, name: str, f: LeadFilter, *, replace: bool = False) -> SavedFilterView:
    """Keep ``f`` under ``name``; an existing name is refused unless ``replace`` (then overwritten)."""
    name = _clean_name(name)
    spec = json.dumps(filter_to_spec(f), ensure_ascii=False, sort_keys=True)
    with db.transaction() as session:
        row = (
            session.execute(select(SavedFilter).where(func.lower(SavedFilter.name) == name.lower()))
            .scalars()
            .first()
        )
        if row is not None and not replace:
            raise ValidationError({"name": Text("a saved filter named {name!r} exists", name=name)})
        if row is None:
            row = SavedFilter(name=name, spec=spec)
        else:
            row.name, row.spec, row.updated_at = name, spec, utcnow()
        session.add(row)
        session.flush()
        view = _view(row)
        note(session, settings=True)
    return view


def rename_filter(db: Database, filter_id: int, name: str) -> SavedFilterView:
    name = _clean_name(name)
    with db.transaction() as session:
        row = session.get(SavedFilter, filter_id)
        if row is None:
            raise NotFoundError(Text("the saved filter no longer exists"))
        if _taken(session, name, but=filter_id):
            raise ValidationError({"name": Text("a saved filter named {name!r} exists", name=name)})
        row.name, row.updated_at = name, utcnow()
        session.add(row)
        session.flush()
        view = _view(row)
        note(session, settings=True)
    return view


def delete_filter(db: Database, filter_id: int) -> None:
    """Forget a saved filter (the leads it showed are untouched)."""
    with db.transaction() as session:
        row = session.get(SavedFilter, filter_id)
        if row is None:
            return
        session.delete(row)
        note(session, settings=True)
