"""Alembic environment: runs on the connection LeadDesk hands over (batch mode for SQLite)."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from leaddesk.core import models  # noqa: F401  (registers the tables on SQLModel.metadata)
from leaddesk.core.db import compare_types, include_in_autogenerate

target_metadata = SQLModel.metadata


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        from leaddesk.core.db import make_engine

        engine = make_engine(context.config.get_main_option("sqlalchemy.url") or "sqlite://")
        with engine.begin() as conn:
            _configure_and_run(conn)
        return
    _configure_and_run(connection)


def _configure_and_run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=compare_types,
        include_object=include_in_autogenerate,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
