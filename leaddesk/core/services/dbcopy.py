"""Moving over: copy a LeadDesk SQLite file into an empty PostgreSQL LeadDesk database (issue 16).

Every table the models describe is copied with its ids (leads, history, activities, tasks, BANT,
scores, rules, settings, attachments with their images, imports, the data-protection log …),
parents before children, in chunks through :func:`leaddesk.core.db.copy_rows` (COPY on
PostgreSQL), all in one transaction: a failure leaves the server database empty. The source is
read through a private, migrated copy (:func:`leaddesk.core.services.dbmerge.open_other`), so it
may stay open in a running LeadDesk and is never changed.

Afterwards both sides are read again and compared per table: the row count and a digest of the
rows in primary-key order, each value written in one engine-neutral form (SQLite's text times
and 0/1 booleans read back as the same values PostgreSQL returns).
"""

from __future__ import annotations

import hashlib
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Connection, DateTime, Float, Integer, LargeBinary, Table, func, select
from sqlalchemy.engine import URL
from sqlmodel import SQLModel

from leaddesk.core import models  # noqa: F401  (registers every table in SQLModel.metadata)
from leaddesk.core.changes import note
from leaddesk.core.db import (
    Database,
    after_bulk_copy,
    copy_rows,
    init_server,
    server_label,
    server_url,
    stored_rows,
)
from leaddesk.core.errors import DatabaseError
from leaddesk.core.services.dbmerge import open_other
from leaddesk.core.text import Text

#: Rows per COPY (and per progress step).
CHUNK_ROWS = 5000

#: ``progress(table, done, total)`` after every chunk.
CopyProgress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class TableCheck:
    """One table after the copy: rows and digest on both sides."""

    name: str
    source_rows: int
    target_rows: int
    source_digest: str
    target_digest: str

    @property
    def equal(self) -> bool:
        return self.source_rows == self.target_rows and self.source_digest == self.target_digest


@dataclass
class MoveReport:
    """What ``migrate-to`` copied and whether every table reads back the same."""

    source: str
    target: str
    tables: list[TableCheck] = field(default_factory=list)
    copy_seconds: float = 0.0
    verify_seconds: float = 0.0

    @property
    def equal(self) -> bool:
        return all(t.equal for t in self.tables)

    def lines(self) -> list[str]:
        out = []
        for t in self.tables:
            mark = "ok" if t.equal else "DIFFERENT"
            out.append(
                f"{t.name:<20} {t.source_rows:>9} → {t.target_rows:>9} rows  "
                f"{t.source_digest[:16]} {t.target_digest[:16]}  {mark}"
            )
        return out

    def summary(self) -> str:
        rows = sum(t.target_rows for t in self.tables)
        if self.equal:
            return Text(
                "copied {rows} rows in {tables} tables to {target} in {seconds} s; "
                "counts and checksums agree",
                rows=rows,
                tables=len(self.tables),
                target=self.target,
                seconds=f"{self.copy_seconds:.1f}",
            )
        bad = ", ".join(t.name for t in self.tables if not t.equal)
        return Text(
            "the copy on {target} differs from the source in: {tables}", target=self.target, tables=bad
        )


def lead_desk_tables() -> list[Table]:
    """Every table of the models, parents before children."""
    return list(SQLModel.metadata.sorted_tables)


def move_to_server(
    source_file: str | Path, url: str | URL, *, progress: CopyProgress | None = None
) -> MoveReport:
    """Copy the SQLite database ``source_file`` into the empty PostgreSQL database ``url``.

    The server's schema is created or upgraded first (:func:`leaddesk.core.db.init_server`); a
    database that already holds LeadDesk rows is refused and left untouched.
    """
    target_url = server_url(url)
    init_server(target_url)
    other, folder = open_other(source_file)
    try:
        target = Database.open(target_url)
        try:
            tables = lead_desk_tables()
            report = MoveReport(str(source_file), server_label(target_url))
            started = time.perf_counter()
            with other.engine.connect() as src, target.transaction() as session:
                conn = session.connection()  # holds LeadDesk's write lock: nobody adds rows meanwhile
                _refuse_filled(conn, tables, report.target)
                for table in tables:
                    _copy_table(src, conn, table, progress)
                after_bulk_copy(conn, [t.name for t in tables if _serial_id(t)])
                note(session, all_leads=True, activities=True, tasks=True, imports=True)
            report.copy_seconds = time.perf_counter() - started
            started = time.perf_counter()
            with other.engine.connect() as src, target.engine.connect() as dst:
                for table in tables:
                    rows_a, digest_a = table_digest(src, table)
                    rows_b, digest_b = table_digest(dst, table)
                    report.tables.append(TableCheck(table.name, rows_a, rows_b, digest_a, digest_b))
            report.verify_seconds = time.perf_counter() - started
            return report
        finally:
            target.close()
    finally:
        other.close()
        shutil.rmtree(folder, ignore_errors=True)


def _refuse_filled(conn: Connection, tables: list[Table], where: str) -> None:
    filled = [t.name for t in tables if conn.execute(select(1).select_from(t).limit(1)).first()]
    if filled:
        raise DatabaseError(
            Text(
                "{target} already holds LeadDesk data (tables: {tables}); migrate-to only copies "
                "into an empty database — nothing was copied",
                target=where,
                tables=", ".join(filled),
            )
        )


def _serial_id(table: Table) -> bool:
    column = table.c.get("id")
    return column is not None and column.primary_key and isinstance(column.type, Integer)


def _copy_table(src: Connection, dst: Connection, table: Table, progress: CopyProgress | None) -> None:
    total = int(src.execute(select(func.count()).select_from(table)).scalar() or 0)
    columns = [c.name for c in table.columns]
    done = 0
    if progress is not None:
        progress(table.name, 0, total)
    for chunk in stored_rows(src, table, columns, CHUNK_ROWS):
        copy_rows(dst, table, columns, chunk)
        done += len(chunk)
        if progress is not None:
            progress(table.name, done, total)


def table_digest(conn: Connection, table: Table) -> tuple[int, str]:
    """Rows and a SHA-256 of ``table`` in primary-key order, equal on SQLite and PostgreSQL.

    Values are read through the columns' types (SQLite's text times become times) and written in
    one engine-neutral form per type. Integer keys are ordered by the database; other keys
    (settings) in Python, as the server's collation may sort text differently from SQLite.
    """
    keys = list(table.primary_key.columns)
    forms = [_canonical_form(c.type) for c in table.columns]
    digest = hashlib.sha256()
    count = 0
    stmt = select(*table.columns)
    if all(isinstance(k.type, Integer) for k in keys):
        rows: Any = conn.execution_options(yield_per=CHUNK_ROWS).execute(stmt.order_by(*keys))
    else:
        positions = [list(table.columns).index(k) for k in keys]
        rows = sorted(conn.execute(stmt), key=lambda r: tuple(str(r[i]) for i in positions))
    for row in rows:
        count += 1
        line = "\x1f".join(["\x00N" if v is None else form(v) for v, form in zip(row, forms, strict=True)])
        digest.update(line.encode("utf-8", "surrogatepass"))
        digest.update(b"\x1e")
    return count, digest.hexdigest()


def _canonical_form(type_: Any) -> Callable[[Any], str]:
    """How one column's values are written for the digest (NULL is handled by the caller)."""
    if isinstance(type_, Boolean):
        return lambda v: "1" if v else "0"
    if isinstance(type_, Float):
        return lambda v: repr(float(v))
    if isinstance(type_, LargeBinary):
        return lambda v: "\x00B" + hashlib.sha256(bytes(v)).hexdigest()
    if isinstance(type_, DateTime) or isinstance(getattr(type_, "impl_instance", None), DateTime):
        return _time_text
    return str


def _time_text(value: Any) -> str:
    """A time as naive UTC text with microseconds (both engines hand back UTC times)."""
    if isinstance(value, datetime):
        if value.tzinfo is not None and value.tzinfo is not UTC:
            value = value.astimezone(UTC)
        return value.isoformat(sep=" ", timespec="microseconds")[:26]
    return str(value)
