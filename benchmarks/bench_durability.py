"""Issue 12's figures: a card move commit with synchronous=FULL (and NORMAL for comparison),
opening with the quick check, a verified daily backup, and a rescore waiting behind a 10 s import.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from typing import Any

from benchmarks.context import Context, median_ms
from leaddesk.core import db as db_module
from leaddesk.core.backups import create_backup
from leaddesk.core.db import Database
from leaddesk.core.services.leads import move_stage
from leaddesk.core.services.query import LeadFilter, lead_ids
from leaddesk.core.stages import Stage

TARGETS = {
    "card move commit (synchronous=FULL)": 50.0,
    "daily backup, verified": 3000.0,
    "rescore behind a 10 s import: exit code": 0.0,
}
UNITS = {"rescore behind a 10 s import: exit code": "code"}

#: Holds the write lock for 10 s, as a 10 s import does (the import itself is measured elsewhere).
_WRITER = textwrap.dedent(
    """
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE lead SET notes = notes WHERE id = (SELECT min(id) FROM lead)")
    print("locked", flush=True)
    time.sleep(10)
    conn.execute("COMMIT")
    """
)


def _moves(db: Database, ctx: Context, label: str) -> float:
    candidates = lead_ids(db, LeadFilter(stages=("lead",)), limit=ctx.repeat * 4 + 4)
    moves = iter(candidates)

    def move() -> Any:
        return move_stage(db, next(moves), Stage.MQL, actor=label)

    return median_ms(move, ctx.repeat * 3)


#: Measures the SQLite file's sync settings: not run against a database server (``--database-url``).
SQLITE_ONLY = True


def run(ctx: Context) -> dict[str, float]:
    out: dict[str, float] = {}
    out["card move commit (synchronous=FULL)"] = _moves(ctx.db, ctx, "bench-full")
    saved = db_module.SYNCHRONOUS
    db_module.SYNCHRONOUS = "NORMAL"
    try:
        normal = Database.open_data_dir(ctx.data_dir)
        out["card move commit (synchronous=NORMAL, before)"] = _moves(normal, ctx, "bench-normal")
        normal.close()
    finally:
        db_module.SYNCHRONOUS = saved

    def open_close() -> None:
        Database.open_data_dir(ctx.data_dir).close()

    out["open database (with quick check)"] = median_ms(open_close, 3)
    out["daily backup, verified"] = median_ms(lambda: create_backup(ctx.db, "daily"), 3)

    db_file = ctx.db.file
    assert db_file is not None
    env = dict(os.environ, LEADDESK_DATA_DIR=str(ctx.data_dir))
    with subprocess.Popen([sys.executable, "-c", _WRITER, str(db_file)], stdout=subprocess.PIPE) as writer:
        assert writer.stdout is not None
        writer.stdout.readline()  # holds the lock now
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "leaddesk", "rescore"], env=env, capture_output=True, text=True
        )
        out["rescore behind a 10 s import: wall time"] = (time.perf_counter() - start) * 1000
        writer.wait()
    out["rescore behind a 10 s import: exit code"] = float(done.returncode)
    if done.returncode:
        print(done.stderr, file=sys.stderr)
    return out
