"""Start-up of issue 18: process start to a painted board, beside a bare Qt window, in one run.

Three programs start in turn (interleaved, so a busy moment of the shared machine hits all three):

- bare Qt: Python + PySide6 + sqlmodel, counts the leads of the same database, shows an empty
  ``QMainWindow`` and reports its first paint — the floor any Qt app on this machine pays;
- LeadDesk from source: ``python -m leaddesk`` with ``LEADDESK_BENCH_EXIT_AFTER_PAINT=1``;
- LeadDesk frozen: ``dist/LeadDesk/leaddesk`` (``make package``) the same way; skipped if not built.

Each reports the wall-clock moment of its first paint; the figure is that moment minus the spawn
time. Targets: both LeadDesk starts within 1.3x the bare window of the same run.

Standalone: ``python -m benchmarks.bench_start --data-dir DIR [--frozen PATH]``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.context import Context

ROOT = Path(__file__).resolve().parent.parent
FROZEN = ROOT / "dist" / "LeadDesk" / "leaddesk"

BARE = "start: bare Qt window (Python + sqlmodel + QMainWindow)"
SOURCE = "start: LeadDesk from source, to board painted"
FROZEN_ROW = "start: LeadDesk frozen, to board painted"
SOURCE_RATIO = "start: source / bare Qt"
FROZEN_RATIO = "start: frozen / bare Qt"
UNITS = {SOURCE_RATIO: "x", FROZEN_RATIO: "x"}
TARGETS = {SOURCE_RATIO: 1.3, FROZEN_RATIO: 1.3}

#: The bare window: what Python, Qt and SQLAlchemy cost before any LeadDesk code.
BARE_SCRIPT = r"""
import json, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
import sqlmodel  # noqa: F401  (the ORM LeadDesk stands on)
from sqlalchemy import create_engine, text

engine = create_engine("sqlite:///" + sys.argv[1])
with engine.connect() as conn:
    leads = conn.execute(text("SELECT count(*) FROM lead")).scalar()
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle(f"{leads} leads")
window.resize(1200, 800)


class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(json.dumps({"painted_at": time.time(), "leads": leads}), flush=True)
            QTimer.singleShot(0, app.quit)
            window.removeEventFilter(self)
        return False


painted = Painted()
window.installEventFilter(painted)
window.show()
app.exec()
"""


def _env(home: Path) -> dict[str, str]:
    return dict(
        os.environ,
        QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        LEADDESK_BENCH_EXIT_AFTER_PAINT="1",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
    )


def _time_to_paint(cmd: list[str], env: dict[str, str]) -> float:
    started = time.time()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{cmd[0]} exited {done.returncode}: {done.stderr.strip()[-500:]}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return (report["painted_at"] - started) * 1000


def measure(data_dir: Path, home: Path, runs: int, frozen: Path | None) -> dict[str, float]:
    """Median ms of each program over ``runs`` interleaved rounds (after one warm-up round).

    LeadDesk's bytecode is compiled first, as an installed app (or any second start) has it: with
    ``PYTHONDONTWRITEBYTECODE`` set (as on some CI machines) every source start would otherwise
    compile ~150 modules again, a cost the bare window (site-packages only) never pays.
    """
    import compileall

    compileall.compile_dir(str(ROOT / "leaddesk"), quiet=1)
    env = _env(home)
    db_file = next(data_dir.glob("*.sqlite3"))
    programs = {
        BARE: [sys.executable, "-c", BARE_SCRIPT, str(db_file)],
        SOURCE: [sys.executable, "-m", "leaddesk", "--data-dir", str(data_dir)],
    }
    if frozen is not None and frozen.is_file():
        programs[FROZEN_ROW] = [str(frozen), "--data-dir", str(data_dir)]
    else:
        print(f"bench_start: no frozen app at {frozen} (make package); its row is left out", file=sys.stderr)
    samples: dict[str, list[float]] = {name: [] for name in programs}
    for round_ in range(runs + 1):
        for name, cmd in programs.items():
            ms = _time_to_paint(cmd, env)
            if round_:  # the first round warms the page cache for all three alike
                samples[name].append(ms)
    out = {name: statistics.median(values) for name, values in samples.items()}
    out[SOURCE_RATIO] = out[SOURCE] / out[BARE]
    if FROZEN_ROW in out:
        out[FROZEN_RATIO] = out[FROZEN_ROW] / out[BARE]
    return out


#: Measures opens the SQLite file in a fresh process: not run against a database server (``--database-url``).
SQLITE_ONLY = True


def run(ctx: Context) -> dict[str, float]:
    frozen = Path(os.environ.get("LEADDESK_FROZEN", FROZEN))
    return measure(ctx.data_dir, ctx.tmp / "start-home", max(5, ctx.repeat // 2), frozen)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, required=True, help="folder with a LeadDesk database")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--frozen", type=Path, default=FROZEN, help="the frozen app (default dist/LeadDesk)")
    args = parser.parse_args()
    import tempfile

    with tempfile.TemporaryDirectory() as home:
        results = measure(args.data_dir, Path(home), args.runs, args.frozen)
    for name, value in results.items():
        print(f"{name:<60} {value:8.2f} {UNITS.get(name, 'ms')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
