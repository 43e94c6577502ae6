"""A colleague's LeadDesk for the live-update tests: another process writing to the same database.

Run as ``python -m tests.live_child URL ACTION LEAD_ID [ARGS...]``. It opens the database, reads
the lead's version, prints ``READY``, waits for a line on stdin (so two processes can be let go
at the same moment), does one write and prints its outcome as JSON on one line:
``{"outcome": "won" | "conflict", "version": ...}``.

Actions: ``move LEAD_ID STAGE`` (as a drag to another column), ``edit LEAD_ID FIELD VALUE
[VERSION]`` (the editor's save; VERSION defaults to the version read before READY).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def start(url: str, action: str, lead_id: int, *args: str) -> subprocess.Popen[str]:
    """Start a colleague's process and wait until it has read the lead (``READY``)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.live_child", url, action, str(lead_id), *args],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    assert line == "READY", f"the colleague's process did not start: {line!r}"
    return proc


def go(*procs: subprocess.Popen[str]) -> None:
    """Let the processes write (as close to the same moment as two pipes allow)."""
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()


def outcome(proc: subprocess.Popen[str]) -> dict[str, Any]:
    """The JSON line the process printed after its write (it then exits)."""
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0, out
    return dict(json.loads(out.strip().splitlines()[-1]))


def main(url: str, action: str, lead_id: int, *args: str) -> int:
    from leaddesk.core.db import Database
    from leaddesk.core.errors import ConflictError
    from leaddesk.core.services import leads

    db = Database.open(url)
    try:
        version = leads.get_lead(db, lead_id).version
        print("READY", flush=True)
        sys.stdin.readline()
        try:
            if action == "move":
                moved = leads.move_stage(db, lead_id, args[0], reason="live test", expected_version=version)
                result = {"outcome": "won", "version": moved.lead.version}
            elif action == "edit":
                field, value = args[0], args[1]
                expected = int(args[2]) if len(args) > 2 else version
                view, _ = leads.update_lead(db, lead_id, {field: value}, expected_version=expected)
                result = {"outcome": "won", "version": view.version}
            else:
                raise SystemExit(f"unknown action {action!r}")
        except ConflictError as exc:
            result = {"outcome": "conflict", "version": exc.actual}
        print(json.dumps(result), flush=True)
    finally:
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), *sys.argv[4:]))
