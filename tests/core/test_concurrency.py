"""Two LeadDesk processes saving the same lead at the same moment: exactly one wins, every time.

The version a save checks is read inside its write transaction, which begins with BEGIN
IMMEDIATE, so the second writer reads the first one's version and gets ConflictError.
Real processes (forkserver: cheap to start, nothing inherited from the test process). That
includes the environment: the fork server keeps the one of the moment it started (often an
earlier test's), so the racers get the database URL as an argument, never from
``LEADDESK_DATABASE_URL`` (on PostgreSQL they would otherwise open a new, empty SQLite file).
"""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path
from typing import Any

import pytest

#: Rounds per kind of save (edit, move, BANT); LEADDESK_RACE_ROUNDS overrides.
ROUNDS = int(os.environ.get("LEADDESK_RACE_ROUNDS", "200"))
KINDS = ("edit", "move", "bant")


def _context() -> Any:
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["leaddesk.core.services.leads", "leaddesk.core.services.qualification"])
    return ctx


def _racer(url: str, lead_id: int, me: int, rounds: int, barrier: Any, results: Any) -> None:
    """One process: each round read the version, meet the other at the barrier, save, report."""
    from leaddesk.core.db import Database
    from leaddesk.core.errors import ConflictError
    from leaddesk.core.services import leads, qualification

    try:
        db = Database.open(url)
        leads.get_lead(db, lead_id)
    except Exception as exc:  # reported at once: the test fails with the reason, not a timeout
        barrier.abort()
        results.put(("open", -1, me, f"error {type(exc).__name__}: {exc}"))
        return
    db.busy_patience = 30.0
    try:
        for n in range(rounds):
            for kind in KINDS:
                if kind == "bant":
                    version = qualification.load_qualification(db, lead_id).version
                else:
                    version = leads.get_lead(db, lead_id).version
                barrier.wait()
                try:
                    if kind == "edit":
                        leads.update_lead(
                            db, lead_id, {"notes": f"round {n} by {me}"}, expected_version=version
                        )
                    elif kind == "move":
                        target = "mql" if n % 2 == 0 else "lead"
                        leads.move_stage(db, lead_id, target, reason="race", expected_version=version)
                    else:
                        data = qualification.BantData(budget_notes=f"round {n} by {me}")
                        qualification.save_qualification(db, lead_id, data, expected_version=version)
                    outcome = "won"
                except ConflictError:
                    outcome = "conflict"
                except Exception as exc:  # reported, so the test shows it instead of hanging
                    outcome = f"error {type(exc).__name__}: {exc}"
                results.put((kind, n, me, outcome))
                barrier.wait()  # both done before the next round reads
    finally:
        db.close()


@pytest.mark.slow
def test_two_processes_saving_one_lead_at_once_exactly_one_wins(data_dir: Path) -> None:
    from leaddesk.core import paths
    from leaddesk.core.db import Database
    from leaddesk.core.services import leads, qualification

    url = paths.database_url(data_dir).render_as_string(hide_password=False)
    db = Database.open(url)
    lead, _ = leads.create_lead(db, {"first_name": "Rita", "last_name": "Renn", "company": "Race AG"})
    db.close()
    ctx = _context()
    barrier = ctx.Barrier(2, timeout=60)
    results = ctx.Queue()
    procs = [ctx.Process(target=_racer, args=(url, lead.id, me, ROUNDS, barrier, results)) for me in (0, 1)]
    for p in procs:
        p.start()
    outcomes: dict[tuple[str, int], list[str]] = {}
    for _ in range(2 * ROUNDS * len(KINDS)):
        kind, n, me, outcome = results.get(timeout=120)
        assert kind != "open", f"racer {me} could not start: {outcome}"
        outcomes.setdefault((kind, n), []).append(outcome)
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    assert len(outcomes) == ROUNDS * len(KINDS)
    for key, got in outcomes.items():
        assert sorted(got) == ["conflict", "won"], (key, got)
    # Every win is in the history: one version step per winning save.
    db = Database.open_data_dir(data_dir)
    try:
        assert leads.get_lead(db, lead.id).version == 1 + 2 * ROUNDS  # edits and moves bump the lead
        assert qualification.load_qualification(db, lead.id).version == ROUNDS
    finally:
        db.close()


@pytest.mark.sqlite_only  # SQLite file locks
def test_opening_while_another_process_writes_does_not_wait_for_its_lock(data_dir: Path) -> None:
    """Regression: a connect-time pragma that needs the write lock made every open wait the full
    busy timeout (and fail) while another LeadDesk process wrote."""
    import sqlite3
    import time

    from leaddesk.core.db import BUSY_TIMEOUT_MS, Database

    Database.open_data_dir(data_dir).close()
    other = sqlite3.connect(data_dir / "leaddesk.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE alembic_version SET version_num = version_num")
    try:
        start = time.perf_counter()
        db = Database.open_data_dir(data_dir)
        opened_in = time.perf_counter() - start
        db.close()
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert opened_in < BUSY_TIMEOUT_MS / 1000 / 2
