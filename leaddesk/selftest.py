"""``leaddesk --selftest``: does this installation work? One line per step, exit 0 or 1.

Runs on a temporary database that is deleted afterwards (the user's data is never opened):
migration to the newest schema, an import, a search, a rescore and the board painted offscreen.
The same code runs from a source install and from the frozen bundle, so a release check proves
that the bundle carries every module, data file and Qt plugin these steps need.

Each step is one entry in :data:`STEPS` (name, function); a new feature adds its check with one
line there. A step gets the :class:`SelfTest` context and returns a short note for the log, or
raises; the first failure ends the run with ``selftest FAILED: <step>: <reason>``.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

#: The lead the import step writes and the search step must find again.
CSV = (
    "First name,Last name,Company,E-mail,Phone,City\n"
    "Jürgen,Selbsttest,Bäckerei Süß GmbH,j.selbsttest@example.com,+49 89 1234567,München\n"
    "Anna,Probe,Probe AG,anna.probe@example.org,+49 30 7654321,Berlin\n"
)


@dataclass
class SelfTest:
    """What the steps share: the scratch folder, the open database, facts for later steps."""

    folder: Path
    db: Any = None
    facts: dict[str, Any] = field(default_factory=dict)


def step_migrate(t: SelfTest) -> str:
    from leaddesk.core.db import Database, current_revision, head_revision

    t.db = Database.open_data_dir(t.folder / "data")
    from leaddesk import __version__
    from leaddesk.core.appinfo import app_versions, stamp_app_version

    head, now = head_revision(), current_revision(t.db.engine)
    if now != head:
        raise RuntimeError(f"schema at {now}, expected {head}")
    stamp_app_version(t.db)
    if app_versions(t.db).get("created_with") != __version__:
        raise RuntimeError("the database does not record the LeadDesk version")
    return f"schema {head}, app {__version__}"


def step_import(t: SelfTest) -> str:
    from leaddesk.core.services.imports import apply_import, plan_import

    plan = plan_import(t.db, [("selftest.csv", CSV.encode("utf-8"))], source="Selftest")
    if plan.errors:
        raise RuntimeError("; ".join(str(p) for p in plan.problems()))
    result = apply_import(t.db, plan)
    if result.created != 2:
        raise RuntimeError(f"{result.created} leads created, expected 2")
    return f"{result.created} leads"


def step_search(t: SelfTest) -> str:
    from leaddesk.core.services.query import LeadFilter, list_leads_json

    rows = list_leads_json(t.db, LeadFilter(search="selbstt süß"))
    names = [row["last_name"] for row in rows]
    if names != ["Selbsttest"]:
        raise RuntimeError(f"search found {names!r}, expected ['Selbsttest']")
    t.facts["lead_id"] = rows[0]["id"]
    return "1 hit"


def step_rescore(t: SelfTest) -> str:
    from leaddesk.core.scoring import install_defaults, rescore_all

    install_defaults(t.db)
    report = rescore_all(t.db)
    if report.leads != 2:
        raise RuntimeError(f"rescored {report.leads} leads, expected 2")
    return f"{report.leads} leads"


def step_report(t: SelfTest) -> str:
    """The reports' figures over the imported leads (``leaddesk.core.reports``)."""
    from datetime import datetime, timedelta

    from leaddesk.core.reports import ReportQuery, compute_report, to_json
    from leaddesk.core.tz import user_timezone, zone

    # "Today" in the zone the report counts days in, as ``leaddesk report`` does: late in the
    # UTC evening Berlin is already on tomorrow, and leads made now fall after a UTC "today".
    tz = user_timezone(t.db)
    today = datetime.now(zone(tz)).date()
    report = to_json(compute_report(t.db, ReportQuery(start=today - timedelta(days=30), end=today, tz=tz)))
    if report["cohort_size"] != 2:
        raise RuntimeError(f"the report counts {report['cohort_size']} new leads, expected 2")
    return f"{len(report['funnel'])} funnel rows"


def step_board(t: SelfTest) -> str:
    """The main window over the test database, painted offscreen; the image must not be blank."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from leaddesk.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0], "-platform", "offscreen"])
    window = MainWindow(t.db)
    loop = QEventLoop()
    painted: list[bool] = []

    def first_painted() -> None:
        painted.append(True)
        loop.quit()

    window.board.first_painted.connect(first_painted)
    QTimer.singleShot(20_000, loop.quit)
    window.resize(1200, 700)
    window.show()
    if not painted:
        loop.exec()
    try:
        if not painted:
            raise RuntimeError("the board did not paint within 20 s")
        if window.board.total != 2:
            raise RuntimeError(f"the board shows {window.board.total} leads, expected 2")
        image = window.grab().toImage()
        colours = {
            image.pixel(x, y) for x in range(0, image.width(), 16) for y in range(0, image.height(), 16)
        }
        if len(colours) < 3:
            raise RuntimeError("the painted window is blank")
        return f"{QApplication.platformName()} {image.width()}x{image.height()}, {len(colours)} colours"
    finally:
        from leaddesk.ui.ops import wait_all

        app.processEvents()  # start what the first paint queued (e.g. reading the filter choices)
        wait_all()  # background reads finish before the scratch database goes away
        window.close()
        window.deleteLater()
        app.processEvents()


#: The checks in order; a new check is one line here.
STEPS: list[tuple[str, Callable[[SelfTest], str]]] = [
    ("migration", step_migrate),
    ("import", step_import),
    ("search", step_search),
    ("rescore", step_rescore),
    ("report", step_report),
    ("board", step_board),
]


def run(out: TextIO | None = None) -> int:
    """Every step on a scratch database; 0 if all passed, else 1 after one line naming the failure."""
    from leaddesk import __version__

    out = out or sys.stdout
    frozen = " (frozen)" if getattr(sys, "frozen", False) else ""
    print(f"LeadDesk {__version__}{frozen} selftest", file=out, flush=True)
    folder = Path(tempfile.mkdtemp(prefix="leaddesk-selftest-"))
    t = SelfTest(folder)
    started = time.perf_counter()
    try:
        for name, step in STEPS:
            began = time.perf_counter()
            try:
                note = step(t)
            except Exception as exc:  # any failure is the answer: name it in one line
                reason = " ".join(str(exc).split()) or type(exc).__name__
                print(f"selftest FAILED: {name}: {reason}", file=out, flush=True)
                return 1
            print(
                f"  ok {name:<10} {(time.perf_counter() - began) * 1000:7.0f} ms  {note}",
                file=out,
                flush=True,
            )
    finally:
        if t.db is not None:
            t.db.close()
        shutil.rmtree(folder, ignore_errors=True)
    total = time.perf_counter() - started
    print(f"selftest passed: {len(STEPS)} steps in {total:.2f} s", file=out, flush=True)
    return 0
