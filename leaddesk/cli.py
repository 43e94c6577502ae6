"""The ``leaddesk`` command: no arguments opens the app; subcommands script the core.

Expected failures (bad input, a locked or newer database) print one line on stderr
and exit non-zero; they never leave half-written data, because every service runs
in one transaction.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from leaddesk import __version__

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2

Handler = Callable[[argparse.Namespace], int]


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _open_db(args: argparse.Namespace) -> Any:
    from leaddesk.core.db import Database

    return Database.open_data_dir(args.data_dir)


def cmd_list(args: argparse.Namespace) -> int:
    from leaddesk.core.services.query import LeadFilter, list_leads_json

    f = LeadFilter(
        stages=tuple(args.stage or ()),
        search=args.search or "",
        source=args.source or "",
        tag=args.tag or "",
        owner=args.owner or "",
    )
    db = _open_db(args)
    try:
        rows = list_leads_json(db, f, limit=args.limit)
    finally:
        db.close()
    out = sys.stdout
    if args.json:
        out.write("[")
        for i, row in enumerate(rows):
            out.write(",\n" if i else "\n")
            out.write(json.dumps(row, ensure_ascii=False, default=_json_default))
        out.write("\n]\n" if rows else "]\n")
    else:
        for row in rows:
            name = f"{row['first_name']} {row['last_name']}".strip()
            out.write(f"{row['id']:>7}  {row['stage']:<5} {row['score']:>4}  {name}  {row['company']}\n")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from leaddesk.core.db import integrity_check

    db = _open_db(args)
    try:
        problems = integrity_check(db.engine)
    finally:
        db.close()
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return EXIT_ERROR
    print("database OK")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from leaddesk.core.demo import build_demo

    db = _open_db(args)
    try:
        report = build_demo(db, leads=args.leads, seed=args.seed, progress=None)
    finally:
        db.close()
    print(f"added {report.leads} demo leads with {report.activities} activities")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from leaddesk.core.db import backup_sqlite
    from leaddesk.core.models import utcnow

    db = _open_db(args)
    try:
        target = Path(args.output) if args.output else None
        if target is None:
            assert db.file is not None
            target = db.file.with_name(f"leaddesk-backup-{utcnow():%Y%m%d-%H%M%S}.sqlite3")
        backup_sqlite(db.engine, target)
    finally:
        db.close()
    print(f"backup written to {target}")
    return EXIT_OK


def cmd_followups(args: argparse.Namespace) -> int:
    from leaddesk.core.services.tasks import due_tasks, user_timezone

    db = _open_db(args)
    try:
        tz = args.tz or user_timezone(db)
        rows = due_tasks(db, tz=tz)
    finally:
        db.close()
    if args.json:
        items = [
            {"task_id": r.task.id, "lead_id": r.task.lead_id, "lead": r.lead_name, "company": r.company}
            | {
                "title": r.task.title,
                "due_at": r.task.due_at,
                "all_day": r.task.all_day,
                "state": r.state.value,
            }
            for r in rows
        ]
        print(json.dumps(items, ensure_ascii=False, indent=1, default=_json_default))
        return EXIT_OK
    for r in rows:
        due = (
            r.task.due_day(tz).isoformat() if r.task.all_day else r.task.due_at.isoformat(timespec="minutes")
        )
        print(f"{r.state.value:<8} {due:<22} {r.lead_name}  {r.company}  — {r.task.title}")
    print(f"{len(rows)} follow-up(s) due today or overdue ({tz})", file=sys.stderr)
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from leaddesk.core.db import restore_sqlite
    from leaddesk.core.paths import DB_FILE_NAME, data_dir

    target = data_dir(args.data_dir) / DB_FILE_NAME
    saved = restore_sqlite(Path(args.file), target)
    print(
        f"restored {args.file} into {target}"
        + (f"; the previous database was kept as {saved}" if saved else "")
    )
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="leaddesk", description="LeadDesk: the offline lead desk.")
    parser.add_argument("--version", action="version", version=f"LeadDesk {__version__}")
    parser.add_argument("--data-dir", help="folder of the LeadDesk database (default: your user data folder)")
    parser.add_argument(
        "--lang", choices=("de", "en"), help="language of the window (default: system; LEADDESK_LANG)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--data-dir", default=argparse.SUPPRESS, help="folder of the LeadDesk database")
        p.set_defaults(handler=handler)
        return p

    p = add("list", cmd_list, "list leads")
    p.add_argument("--stage", action="append", help="only this stage (lead, mql, sql, won, lost); repeatable")
    p.add_argument("--search", help="full-text search: every word as a prefix")
    p.add_argument("--source", help="only leads from this source")
    p.add_argument("--tag", help="only leads with this tag")
    p.add_argument("--owner", help="only leads of this owner")
    p.add_argument("--limit", type=int, help="at most this many leads")
    p.add_argument("--json", action="store_true", help="print a JSON array with the data model's field names")

    add("check", cmd_check, "check the database's integrity")

    p = add("demo", cmd_demo, "add realistic demo leads")
    p.add_argument("--leads", type=int, default=500, help="how many leads (default 500)")
    p.add_argument("--seed", type=int, default=None, help="random seed for repeatable data")

    p = add("backup", cmd_backup, "write a consistent copy of the database")
    p.add_argument("-o", "--output", help="file to write (default: next to the database)")

    p = add("restore", cmd_restore, "replace the database with a backup (the current one is kept aside)")
    p.add_argument("file", help="a backup written by 'leaddesk backup'")

    p = add("followups", cmd_followups, "list follow-ups due today or overdue")
    p.add_argument("--tz", help="time zone deciding where today ends (default: the user's setting)")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    return parser


def run_gui(args: argparse.Namespace) -> int:
    from leaddesk.ui.app import run

    return run(data_dir=args.data_dir, lang=args.lang)


def main(argv: Sequence[str] | None = None) -> int:
    from leaddesk.core.errors import LeadDeskError

    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    try:
        if handler is None:
            return run_gui(args)
        return handler(args)
    except LeadDeskError as exc:
        print(f"leaddesk: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except ValueError as exc:
        print(f"leaddesk: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"leaddesk: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("leaddesk: interrupted; nothing was half-written", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
