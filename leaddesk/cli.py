"""The ``leaddesk`` command: no arguments opens the app; subcommands script the core.

Expected failures (bad input, a locked or newer database) print one line on stderr
and exit non-zero; they never leave half-written data, because every service runs
in one transaction.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
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


# --- the language of a command's messages (issue 17: ``leaddesk --lang de import`` was English) ---
# What ``--lang de`` / LEADDESK_LANG=de installed: the Qt core application and its translators.
# Empty: English, exactly as written below (the source language; scripts may read it).
_LANGUAGE: list[Any] = []


def _install_language(args: argparse.Namespace) -> None:
    """German messages for ``--lang de`` (or LEADDESK_LANG=de): the app's catalogue, no window."""
    code = (getattr(args, "lang", None) or os.environ.get("LEADDESK_LANG") or "").strip().lower()[:2]
    if code != "de":
        return
    from PySide6.QtCore import QCoreApplication, QLocale

    from leaddesk.ui.i18n import install_translators

    app = QCoreApplication.instance() or QCoreApplication([sys.argv[0] if sys.argv else "leaddesk"])
    _LANGUAGE.extend([app, QLocale(), *install_translators(app, "de")])


def _uninstall_language() -> None:
    """Back to English (``main`` may run again in the same process: tests, the self-test)."""
    if not _LANGUAGE:
        return
    from PySide6.QtCore import QLocale

    app, locale, *translators = _LANGUAGE
    for translator in translators:
        app.removeTranslator(translator)
    QLocale.setDefault(locale)
    _LANGUAGE.clear()


def translate(context: str, text: str) -> str:
    """A message of this module in the command's language (literal calls: lupdate finds them)."""
    if not _LANGUAGE:
        return text
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(context, text)


def _counted(count: int, one: str, many: str) -> str:
    """ "1 lead", "3 leads": the English-only lines count in words, not "lead(s)"."""
    return f"{count:,} {one if count == 1 else many}"


def _say(message: Any) -> str:
    """A core message (a ``Text``) in the command's language."""
    if not _LANGUAGE:
        return str(message)
    from leaddesk.ui.i18n import tr_core

    return tr_core(message)


def _error(exc: Exception) -> str:
    """An expected failure's one line: as before in English; in German each reason translated."""
    if not _LANGUAGE:
        return str(exc)
    from leaddesk.core.errors import LeadDeskError
    from leaddesk.ui.i18n import error_text

    if isinstance(exc, LeadDeskError):
        return error_text(exc)
    return _say(exc.args[0]) if len(exc.args) == 1 and isinstance(exc.args[0], str) else str(exc)


def _field(name: str) -> str:
    """A field's key in English output (as before), its translated label in German."""
    if not _LANGUAGE:
        return name
    from leaddesk.ui.i18n import field_label

    return field_label(name)


# Seconds a command waits for another LeadDesk process that is writing (LEADDESK_BUSY_WAIT).
BUSY_WAIT_S = 600.0


def _busy_wait() -> float:
    try:
        return float(os.environ.get("LEADDESK_BUSY_WAIT", BUSY_WAIT_S))
    except ValueError:
        return BUSY_WAIT_S


@contextmanager
def _open_db(args: argparse.Namespace, *, writes: bool = False, damaged_ok: bool = False) -> Iterator[Any]:
    """The database of ``--data-dir`` for one command, closed however the command ends.

    Commands wait their turn while another LeadDesk process writes (saying so once on
    stderr) instead of failing. A damaged database is refused unless ``damaged_ok``
    (check, list). ``writes``: the day's automatic backup is taken first if due.
    """
    from leaddesk.core.db import Database

    db = Database.open_data_dir(args.data_dir)
    try:
        if db.damage and not damaged_ok:
            _refuse_damaged(db)
        db.busy_patience = _busy_wait()

        def waiting() -> None:
            print(
                "leaddesk: waiting for another LeadDesk process to finish writing …",
                file=sys.stderr,
                flush=True,
            )

        db.on_busy_wait = waiting
        if writes:
            from leaddesk.core.backups import daily_backup_if_due

            daily_backup_if_due(db)
        yield db
    finally:
        db.close()


def _refuse_damaged(db: Any) -> None:
    """Stop a command on a damaged database, naming the damage and the backup to restore."""
    from leaddesk.core.backups import newest_good_backup
    from leaddesk.core.errors import DatabaseDamagedError

    good = newest_good_backup(db.file) if db.file is not None else None
    hint = f"; newest good backup: {good} (leaddesk restore --latest)" if good else ""
    raise DatabaseDamagedError(f"the database is damaged ({db.damage[0]}); nothing was changed{hint}")


def cmd_list(args: argparse.Namespace) -> int:
    from leaddesk.core.services.query import LeadFilter, list_leads_json

    f = LeadFilter(
        stages=tuple(args.stage or ()),
        search=args.search or "",
        source=args.source or "",
        tag=args.tag or "",
        owner=args.owner or "",
        no_consent=args.no_consent,
        consent_older_than_months=args.consent_older_than,
    )
    with _open_db(args, damaged_ok=True) as db:
        rows = list_leads_json(db, f, limit=args.limit)
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

    with _open_db(args, damaged_ok=True) as db:
        problems = [*db.damage, *([] if db.damage else integrity_check(db.engine))]
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{_counted(len(problems), 'problem', 'problems')} found", file=sys.stderr)
        return EXIT_ERROR
    print("database OK")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from leaddesk.core.demo import build_demo

    with _open_db(args, writes=True) as db:
        report = build_demo(db, leads=args.leads, seed=args.seed, progress=None)
    print(f"added {report.leads} demo leads with {report.activities} activities")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from leaddesk.core.backups import create_backup, verify
    from leaddesk.core.db import backup_sqlite
    from leaddesk.core.models import utcnow

    if args.list:
        return _list_backups(args)
    with _open_db(args) as db:
        target = Path(args.output) if args.output else None
        name = f"leaddesk-backup-{utcnow():%Y%m%d-%H%M%S}.sqlite3"
        if target is None:
            target = create_backup(db, "manual")  # verified, rotated, in the backups folder
        else:
            if target.is_dir():  # "backup -o ~/Backups": a dated file in that folder
                target = target / name
            backup_sqlite(db.engine, target)
            problem = verify(target)
            if problem:
                raise ValueError(f"the backup {target} failed its check: {problem}")
    print(f"backup written to {target}")
    return EXIT_OK


def _backup_list(args: argparse.Namespace) -> list[Any]:
    from leaddesk.core.backups import list_backups
    from leaddesk.core.paths import data_dir, database_file

    return list_backups(database_file(data_dir(args.data_dir)))


def _list_backups(args: argparse.Namespace) -> int:
    backups = _backup_list(args)
    for n, info in enumerate(backups, 1):
        when = info.taken_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        print(f"{n:>3}  {when}  {info.kind:<16} {info.size / 1e6:>8.1f} MB  {info.path}")
    print(
        f"{_counted(len(backups), 'backup', 'backups')}; restore one with: leaddesk restore NUMBER",
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_rescore(args: argparse.Namespace) -> int:
    from leaddesk.core import scoring

    with _open_db(args, writes=not args.export_rules) as db:
        if args.export_rules:
            scoring.export_rules(db, Path(args.export_rules))
            print(f"rules written to {args.export_rules}")
            return EXIT_OK
        if args.defaults and scoring.install_defaults(db):
            print("installed the default rule set", file=sys.stderr)
        if args.import_rules:
            rules = scoring.import_rules(db, Path(args.import_rules))
            print(f"imported {len(rules)} rules from {args.import_rules}", file=sys.stderr)

        def progress(done: int, total: int) -> None:
            if sys.stderr is not None and sys.stderr.isatty():
                sys.stderr.write(f"\rrescoring {done:,}/{total:,} leads")
                sys.stderr.flush()

        report = scoring.rescore_all(db, progress=progress)
        if sys.stderr is not None and sys.stderr.isatty():
            sys.stderr.write("\n")
    moved = f", {report.moved} moved forward" if report.moved else ""
    print(f"rescored {report.leads} leads in {report.seconds:.2f} s: {report.changed} changed{moved}")
    return EXIT_OK


def cmd_followups(args: argparse.Namespace) -> int:
    from zoneinfo import ZoneInfo

    from leaddesk.core.services.tasks import due_tasks, user_timezone

    with _open_db(args) as db:
        tz = args.tz or user_timezone(db)
        rows = due_tasks(db, tz=tz)
    if args.json:
        items = [
            {"task_id": r.task.id, "lead_id": r.task.lead_id, "lead": r.lead_name, "company": r.company}
            | {
                "title": r.task.title,
                "due_at": r.task.due_at,
                # The day (all-day task) or the moment as the user's clock reads it.
                "due": r.task.due_day(tz).isoformat()
                if r.task.all_day
                else r.task.due_at.astimezone(ZoneInfo(tz)).isoformat(timespec="minutes"),
                "all_day": r.task.all_day,
                "state": r.state.value,
            }
            for r in rows
        ]
        print(json.dumps(items, ensure_ascii=False, indent=1, default=_json_default))
        return EXIT_OK
    for r in rows:
        due = (
            r.task.due_day(tz).isoformat()
            if r.task.all_day
            else r.task.due_at.astimezone(ZoneInfo(tz)).isoformat(timespec="minutes")
        )
        print(f"{r.state.value:<8} {due:<22} {r.lead_name}  {r.company}  — {r.task.title}")
    print(f"{_counted(len(rows), 'follow-up', 'follow-ups')} due today or overdue ({tz})", file=sys.stderr)
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from leaddesk.core.backups import newest_good_backup, restore
    from leaddesk.core.paths import data_dir, database_file
    from leaddesk.core.privacy.erase import after_restore

    target = database_file(data_dir(args.data_dir))
    if args.latest:
        found = newest_good_backup(target)
        if found is None:
            raise ValueError("no good backup found (leaddesk backup --list)")
        source = found
    elif args.file is None:
        raise ValueError("name a backup file or its number from 'leaddesk backup --list', or use --latest")
    elif args.file.isdigit() and not Path(args.file).exists():
        backups = _backup_list(args)
        if not 1 <= int(args.file) <= len(backups):
            raise ValueError(f"no backup number {args.file}; 'leaddesk backup --list' shows {len(backups)}")
        source = backups[int(args.file) - 1].path
    else:
        source = Path(args.file)
    saved = restore(source, target).kept
    after_restore(target)  # nobody erased since the backup comes back
    print(
        f"restored {source} into {target}" + (f"; the previous database was kept as {saved}" if saved else "")
    )
    return EXIT_OK


def cmd_scan_card(args: argparse.Namespace) -> int:
    """Read business-card pictures (QR contact, else OCR); print the fields, optionally save leads."""
    from leaddesk.core.cardscan import scan_card, stored_image
    from leaddesk.core.dedupe import find_matches
    from leaddesk.core.services.capture import FairSession, save_card

    fair = FairSession(args.source or "", args.tags or "")
    status = EXIT_OK
    with _open_db(args, writes=True) if args.save else nullcontext() as db:
        for name in args.files:
            path = Path(name)
            result = scan_card(path)
            row: dict[str, Any] = {"file": str(path), "method": result.method, "fields": result.fields}
            if db is not None:
                strong = [m for m in find_matches(db, result.fields) if m.strong]
                if strong and not args.keep_duplicates:
                    row["skipped"] = f"possible duplicate of lead {strong[0].lead_id} ({strong[0].display})"
                    status = EXIT_ERROR
                else:
                    lead, warnings = save_card(db, result.fields, fair, image=stored_image(path))
                    row["lead_id"], row["warnings"] = lead.id, warnings
            print(json.dumps(row, ensure_ascii=False))
    return status


def cmd_quick_entry(args: argparse.Namespace) -> int:
    from leaddesk.ui.quick_entry import run_standalone

    return run_standalone(data_dir=args.data_dir)


def _progress_printer(label: str) -> Any:
    """A progress callback that prints to stderr only when it is a terminal (long imports/exports)."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> bool:
        print(f"\r{label}: {done:,}/{total:,}", end="" if done < total else "\n", file=sys.stderr, flush=True)
        return True

    return show


# Problem lines printed before the rest is only counted (a broken 100,000-card file).
MAX_PROBLEM_LINES = 20


def _print_summarised(problems: Any, limit: int = MAX_PROBLEM_LINES) -> None:
    """The first ``limit`` problem lines on stderr, then one line counting the rest."""
    more = 0
    for n, problem in enumerate(problems):
        if n < limit:
            print(problem, file=sys.stderr)
        else:
            more += 1
    if more:
        print(
            translate("Cli", "… and more problems: %1 (use --dry-run to review the file)").replace(
                "%1", f"{more:,}"
            ),
            file=sys.stderr,
        )


def _problem_lines(plan: Any) -> list[str]:
    """``plan.problems()`` in the command's language ("error: file, line N, field F: message")."""
    if not _LANGUAGE:
        return list(plan.problems())
    found = [(name, i) for name, i in plan.file_issues]
    found.extend((row.file_name, i) for row in plan.rows for i in row.issues)
    severity = {"error": translate("Cli", "error"), "warning": translate("Cli", "warning")}
    lines = []
    for name, issue in found:
        where = (
            translate("Cli", "%1, line %2").replace("%1", name).replace("%2", str(issue.line))
            if name
            else translate("Cli", "line %1").replace("%1", str(issue.line))
        )
        if issue.field:
            where += translate("Cli", ", field %1").replace("%1", _field(issue.field))
        lines.append(f"{severity.get(issue.severity, issue.severity)}: {where}: {_say(issue.message)}")
    return lines


def cmd_import(args: argparse.Namespace) -> int:
    from leaddesk.core.services.imports import apply_import, plan_import, read_sources

    mapping = None
    if args.map:
        mapping = {}
        for item in args.map:
            header, sep, target = item.partition("=")
            if not sep:
                raise ValueError(f"--map expects HEADER=FIELD, not {item!r}")
            mapping[header.strip()] = target.strip()
    with _open_db(args, writes=True) as db:
        plan = plan_import(
            db,
            read_sources(args.files),
            source=args.source or "",
            mapping=mapping,
            progress=_progress_printer("checking"),
        )
        _print_summarised(_problem_lines(plan))
        for row in plan.rows:
            if row.match is not None:
                if row.match.lead_id:
                    what = (
                        translate("Cli", "same %1 as lead %2")
                        .replace("%1", _field(row.match.reason))
                        .replace("%2", str(row.match.lead_id))
                    )
                else:
                    first = plan.rows[row.into_row or 0]
                    what = (
                        translate("Cli", "repeats %1, line %2")
                        .replace("%1", first.file_name)
                        .replace("%2", str(first.line))
                    )
                line = translate("Cli", "%1, line %2: duplicate (%3) %4")
                print(
                    line.replace("%1", row.file_name)
                    .replace("%2", str(row.line))
                    .replace("%3", what)
                    .replace("%4", row.match.display)
                    .rstrip()
                )
        if args.dry_run:
            _print_file_reports(plan)
            summary = (
                translate("Cli", "new: %1, duplicates: %2, errors: %3")
                .replace("%1", str(plan.new))
                .replace("%2", str(plan.duplicates))
                .replace("%3", str(plan.errors))
            )
            print(translate("Cli", "dry run: %1; nothing was changed").replace("%1", summary))
            # With --skip-errors the errors would be left out, as the real import does: not a failure.
            return EXIT_ERROR if plan.errors and not args.skip_errors else EXIT_OK
        if plan.errors and not args.skip_errors:
            # Each error was printed above; say only what happens now (not the errors a second time).
            print(
                "leaddesk: "
                + translate(
                    "Cli",
                    "records with errors: %1; nothing was imported"
                    " (fix them, or import the others with --skip-errors)",
                ).replace("%1", str(plan.errors)),
                file=sys.stderr,
            )
            return EXIT_ERROR
        result = apply_import(
            db,
            plan,
            on_duplicate=args.on_duplicate,
            skip_errors=args.skip_errors,
            progress=_progress_printer("importing"),
        )
    for conflict in result.conflicts:
        print(translate("Cli", "kept existing value: %1").replace("%1", _say(conflict)), file=sys.stderr)
    unchanged = getattr(result, "unchanged", 0)
    text = (
        translate(
            "Cli",
            "import %1: %2 new, %3 updated, %4 unchanged (already up to date), %5 skipped, %6 with errors "
            "(undo: leaddesk undo-import %1)",
        )
        if unchanged
        else translate(
            "Cli", "import %1: %2 new, %3 updated, %5 skipped, %6 with errors (undo: leaddesk undo-import %1)"
        )
    )
    for key, value in (
        ("%1", result.batch_id),
        ("%2", result.created),
        ("%3", result.updated),
        ("%4", unchanged),
        ("%5", result.skipped),
        ("%6", result.errors),
    ):
        text = text.replace(key, str(value))
    print(text)
    if getattr(result, "rechecked", 0):
        print(
            translate(
                "Cli", "leads changed after the dry run; rows checked again and imported otherwise: %1"
            ).replace("%1", str(result.rechecked))
        )
    return EXIT_OK


def _print_file_reports(plan: Any) -> None:
    """Per file: rows new / duplicate / refused, and where every column goes (dry run)."""
    for report in plan.file_reports():
        how = ", ".join(x for x in (report.file_format, report.encoding, report.preset) if x)
        print(
            translate("Cli", "%1 (%2): new: %3, duplicates: %4, refused: %5")
            .replace("%1", report.file_name)
            .replace("%2", how)
            .replace("%3", str(report.new))
            .replace("%4", str(report.duplicates))
            .replace("%5", str(report.refused))
        )
        if report.mapped:
            mapped = "; ".join(f"{h} → {_field(t)}" for h, t in report.mapped)
            print("  " + translate("Cli", "columns mapped: %1").replace("%1", mapped))
        if report.in_notes:
            notes = "; ".join(report.in_notes)
            print("  " + translate("Cli", "columns kept in the notes: %1").replace("%1", notes))
        if report.not_imported:
            left = "; ".join(report.not_imported)
            print("  " + translate("Cli", "columns not imported: %1").replace("%1", left))


def cmd_undo_import(args: argparse.Namespace) -> int:
    from leaddesk.core.services.imports import undo_import

    with _open_db(args, writes=True) as db:
        result = undo_import(db, args.batch, force=args.force)
    print(f"import {result.batch_id} undone: leads removed: {result.removed}, restored: {result.restored}")
    if result.kept:
        print(
            f"kept {_counted(len(result.kept), 'lead', 'leads')} changed since the import: {result.kept[:20]}"
        )
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from leaddesk.core.exporters import export_leads
    from leaddesk.core.services.query import LeadFilter

    f = LeadFilter(
        stages=tuple(args.stage or ()), search=args.search or "", source=args.source or "", tag=args.tag or ""
    )
    with _open_db(args) as db:
        count = export_leads(
            db,
            args.output,
            args.format,
            lead_filter=f,
            vcard_version=args.vcard_version,
            progress=_progress_printer("exporting"),
        )
    print(f"exported {_counted(count, 'lead', 'leads')} to {args.output}")
    return EXIT_OK


def cmd_merge_db(args: argparse.Namespace) -> int:
    from leaddesk.core.services.dbmerge import merge_database

    with _open_db(args, writes=not args.dry_run) as db:
        report = merge_database(db, args.other, dry_run=args.dry_run, progress=_progress_printer("merging"))
    for line in report.lines():
        print(line)
    print(("dry run: " if args.dry_run else "") + report.summary())
    if report.safety_copy is not None:
        print(f"your database as it was before: {report.safety_copy}")
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    """The reports window's figures as JSON or a short text summary (default: the last 12 months)."""
    from leaddesk.core.reports import Mode, Preset, ReportQuery, compute_report, preset_period, to_json
    from leaddesk.core.tz import user_timezone, zone

    with _open_db(args) as db:
        tz = args.tz or user_timezone(db)
        today = datetime.now(zone(tz)).date()
        start, end = preset_period(Preset.LAST_12_MONTHS, today)
        query = ReportQuery(
            start=date.fromisoformat(args.date_from) if args.date_from else start,
            end=date.fromisoformat(args.date_to) if args.date_to else end,
            mode=Mode(args.mode),
            tz=tz,
            source=args.source or "",
            tag=args.tag or "",
            owner=args.owner or "",
        )
        report = compute_report(db, query)
    data = to_json(report)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return EXIT_OK
    print(f"{data['period']['from']} – {data['period']['to']} ({data['mode']}, {tz})")
    for row in data["funnel"]:
        share = "" if row["pct_of_first"] is None else f"  {row['pct_of_first']:.1f} % of the first"
        print(f"  {row['stage']:<5} {row['count']:>8}{share}")
    value = data["mql_value"]
    if value["value"] is not None:
        print(
            f"an MQL is worth {value['conversion_rate']:.1f} % × {value['average_won_value'] or 0:,.2f}"
            f" = {value['value']:,.2f} {data['currency']} ({value['outcomes']} outcomes"
            f"{', uncertain' if value['uncertain'] else ''})"
        )
    return EXIT_OK


def cmd_delete(args: argparse.Namespace) -> int:
    from leaddesk.core.services.trash import TRASH_DAYS, delete_leads, lead_ids_of

    with _open_db(args) as db:
        moved = delete_leads(db, lead_ids_of(db, args.leads))
    print(
        f"moved {_counted(len(moved), 'lead', 'leads')} to the trash; "
        "'leaddesk trash --restore UID' brings them back "
        f"(kept {TRASH_DAYS} days)"
    )
    return EXIT_OK


def cmd_trash(args: argparse.Namespace) -> int:
    from leaddesk.core.services.trash import empty_trash, lead_ids_of, list_trash, restore_leads

    with _open_db(args) as db:
        if args.restore:
            restored = restore_leads(db, lead_ids_of(db, args.restore))
            print(f"restored {_counted(len(restored), 'lead', 'leads')}")
            return EXIT_OK
        if args.empty:
            print(f"removed {_counted(empty_trash(db), 'lead', 'leads')} from the trash for good")
            return EXIT_OK
        rows = list_trash(db)
    if args.json:
        print(json.dumps([r.__dict__ for r in rows], ensure_ascii=False, default=_json_default, indent=1))
    else:
        for r in rows:
            print(f"{r.uid}  {r.deleted_at:%Y-%m-%d %H:%M}  {r.stage:<5} {r.display_name}  {r.company}")
    return EXIT_OK


def cmd_timezone(args: argparse.Namespace) -> int:
    from leaddesk.core.services.tasks import set_user_timezone, user_timezone

    with _open_db(args) as db:
        if args.zone:
            set_user_timezone(db, args.zone)
        print(user_timezone(db))
    return EXIT_OK


def cmd_users(args: argparse.Namespace) -> int:
    """The team's user list: list, add, rename (the owner of their leads too), deactivate."""
    from leaddesk.core import people, who

    with _open_db(args) as db:
        action = args.users_action
        if action == "add":
            people.add_user(db, args.name, initials=args.initials or "", email=args.email or "")
        elif action == "rename":
            changes = people.rename_user(db, args.old, args.new)
            print(
                f"renamed; {' '.join(args.new.split())} now owns "
                f"{_counted(len(changes.updated), 'lead', 'leads')}"
            )
            return EXIT_OK
        elif action == "deactivate":
            people.deactivate_user(db, args.name)
        users = people.list_users(db, include_inactive=action != "list" or args.all)
    me = who.current().casefold()
    if action == "list" and args.json:
        rows = [{**u.__dict__, "current": u.name.casefold() == me} for u in users]
        print(json.dumps(rows, default=_json_default, ensure_ascii=False, indent=2))
        return EXIT_OK
    for u in users:
        mark = "*" if u.name.casefold() == me else " "
        state = "" if u.active else "  (inactive)"
        print(f"{mark} {u.name:<30} {u.initials:<8} {u.email}{state}".rstrip())
    return EXIT_OK


def cmd_erase(args: argparse.Namespace) -> int:
    """Erase people for good (Art. 17); asks unless --yes, and says what stays."""
    from leaddesk.core.privacy.erase import erase_leads, preview, scrub_local_copies
    from leaddesk.core.services.trash import lead_ids_of

    with _open_db(args) as db:
        ids = lead_ids_of(db, args.leads)
        if not ids:
            print("leaddesk: no such lead", file=sys.stderr)
            return EXIT_ERROR
        for lead_id in ids:
            seen = preview(db, lead_id)
            print(
                f"erase {seen.name or seen.masked} (lead {lead_id}, {seen.stage}) for good: every personal "
                f"detail and text goes; stays anonymously: "
                f"{_counted(seen.stage_changes, 'stage change', 'stage changes')}, "
                f"{_counted(seen.activities, 'activity date', 'activity dates')}, the value"
                + (
                    f"; {_counted(seen.merged_records, 'merged record is', 'merged records are')} erased too"
                    if seen.merged_records
                    else ""
                )
            )
        if not args.yes:
            if not sys.stdin.isatty():
                print("leaddesk: nothing erased; confirm with --yes", file=sys.stderr)
                return EXIT_USAGE
            if input("Type 'erase' to erase for good: ").strip() != "erase":
                print("nothing erased")
                return EXIT_OK
        result = erase_leads(db, ids, actor=_user())
        scrubbed = scrub_local_copies(db)
    print(result.summary())
    if scrubbed:
        print(f"erased from {_counted(scrubbed, 'safety copy', 'safety copies')} beside the database too")
    return EXIT_OK


def cmd_subject_access(args: argparse.Namespace) -> int:
    """Everything held about one person (Art. 15) as JSON and PDF."""
    from leaddesk.core.services.trash import lead_ids_of

    target = Path(args.output)
    with _open_db(args) as db:
        ids = lead_ids_of(db, [args.lead])
        if not ids:
            print("leaddesk: no such lead", file=sys.stderr)
            return EXIT_ERROR
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtWidgets import QApplication

        from leaddesk.ui.privacy import export_subject_access

        app = QApplication.instance() or QApplication([])  # Qt's PDF writer needs fonts
        files = export_subject_access(db, ids[0], target, language=args.lang_out, actor=_user())
        del app
    print("written: " + ", ".join(str(p) for p in files))
    return EXIT_OK


def cmd_audit(args: argparse.Namespace) -> int:
    """The data-protection log (erasures, access exports, consent changes, restores)."""
    from leaddesk.core.privacy import audit

    with _open_db(args) as db:
        rows = audit.entries(db, kind=args.kind, limit=args.limit)
    if args.format == "text":
        for r in rows:
            print(f"{r.at:%Y-%m-%d %H:%M}  {r.kind:<14} {r.subject:<12} {r.actor}  {r.detail}")
        return EXIT_OK
    text = audit.export(rows, args.format)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_retention(args: argparse.Namespace) -> int:
    """Leads due for erasure under the retention settings; erases nothing (use 'erase')."""
    from dataclasses import asdict, replace

    from leaddesk.core.privacy.retention import due_for_erasure, load_settings, save_settings

    with _open_db(args) as db:
        if args.set:
            changes: dict[str, int | None] = {}
            for item in args.set:
                key, _, value = item.partition("=")
                if key not in asdict(load_settings(db)):
                    raise ValueError(f"unknown retention setting {key!r}")
                changes[key] = None if value.strip().lower() in ("", "off", "none") else int(value)
            save_settings(db, replace(load_settings(db), **changes))
        if args.show_settings or args.set:
            for key, value in asdict(load_settings(db)).items():
                print(f"{key} = {'off' if value is None else value}")
            return EXIT_OK
        due = due_for_erasure(db)
    if args.json:
        print(json.dumps([d.__dict__ for d in due], ensure_ascii=False, default=_json_default, indent=1))
    else:
        for d in due:
            print(
                f"{d.uid}  {d.stage:<5} {d.category:<10} last touch {d.last_touch:%Y-%m-%d}"
                f"  {d.name}  {d.company}"
            )
        print(
            f"{_counted(len(due), 'lead', 'leads')} due for erasure; "
            "'leaddesk erase UID…' erases after you checked them"
        )
    return EXIT_OK


def _user() -> str:
    """Who is acting (``--as``, ``LEADDESK_USER``, this machine's choice, the login name)."""
    from leaddesk.core import who

    return who.current()


# Options of the window's start; a command line of only these opens the window (no command).
_WINDOW_OPTIONS = frozenset({"--data-dir", "--lang", "--as"})


def _opens_window(argv: Sequence[str] | None) -> bool:
    """Whether ``argv`` is only the window's options (no command, no --help, nothing abbreviated):
    then the ~40 commands' parsers are not built (issue 18: ~5 ms of every start)."""
    args = list(sys.argv[1:] if argv is None else argv)
    i = 0
    while i < len(args):
        name, eq, _value = args[i].partition("=")
        if name not in _WINDOW_OPTIONS:
            return False
        i += 1 if eq else 2
    return True


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The command line; without ``commands`` only the window's options (see :func:`_opens_window`)."""
    parser = argparse.ArgumentParser(prog="leaddesk", description="LeadDesk: the offline lead desk.")
    parser.add_argument("--version", action="version", version=f"LeadDesk {__version__}")
    parser.add_argument(
        "--selftest",
        action="store_true",
        help="check this installation on a temporary database (import, search, rescore, board) and exit",
    )
    parser.add_argument("--data-dir", help="folder of the LeadDesk database (default: your user data folder)")
    parser.add_argument(
        "--lang",
        choices=("de", "en"),
        help="language of the window and of the messages of import (default: system; LEADDESK_LANG)",
    )
    as_help = "who is working: the name stage history and audit entries carry (default: LEADDESK_USER, "
    as_help += "the name chosen in Settings on this computer, else your login name)"
    parser.add_argument("--as", dest="as_user", metavar="USER", help=as_help)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    if not commands:
        return parser

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--data-dir", default=argparse.SUPPRESS, help="folder of the LeadDesk database")
        p.add_argument("--as", dest="as_user", metavar="USER", default=argparse.SUPPRESS, help=as_help)

    def add(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        common(p)
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
    p.add_argument("--no-consent", action="store_true", help="only leads without a valid consent")
    p.add_argument(
        "--consent-older-than", type=int, metavar="MONTHS", help="only leads whose consent is older than this"
    )

    add("check", cmd_check, "check the database's integrity")

    p = add("demo", cmd_demo, "add realistic demo leads")
    p.add_argument("--leads", type=int, default=500, help="how many leads (default 500)")
    p.add_argument("--seed", type=int, default=None, help="random seed for repeatable data")

    p = add("scan-card", cmd_scan_card, "read business-card pictures (QR code or OCR) and print the fields")
    p.add_argument("files", nargs="+", metavar="IMAGE", help="photo or scan of a card (JPEG, PNG, …)")
    p.add_argument("--save", action="store_true", help="also save each card as a lead with its picture")
    p.add_argument("--source", help="with --save: event or source, e.g. 'Messe Stuttgart 2026'")
    p.add_argument("--tags", help="with --save: comma-separated tags")
    p.add_argument("--keep-duplicates", action="store_true", help="with --save: save possible duplicates too")

    add("quick-entry", cmd_quick_entry, "open only the quick-entry window (trade-fair mode)")

    p = add("rescore", cmd_rescore, "recompute every lead's score from the scoring rules")
    p.add_argument("--import-rules", metavar="FILE", help="first replace rules and settings from a JSON file")
    p.add_argument("--export-rules", metavar="FILE", help="only write rules and settings to a JSON file")
    p.add_argument("--defaults", action="store_true", help="install the default rules if none were set up")

    p = add("backup", cmd_backup, "write a consistent, verified copy of the database")
    p.add_argument("-o", "--output", help="file or folder to write (default: the backups folder)")
    p.add_argument("--list", action="store_true", help="list the backups, newest first, numbered for restore")

    p = add("restore", cmd_restore, "replace the database with a backup (the current one is kept aside)")
    p.add_argument("file", nargs="?", help="a backup file, or its number from 'leaddesk backup --list'")
    p.add_argument("--latest", action="store_true", help="the newest backup that passes its check")

    p = add("followups", cmd_followups, "list follow-ups due today or overdue")
    p.add_argument("--tz", help="time zone deciding where today ends (default: the user's setting)")
    p.add_argument("--json", action="store_true", help="print a JSON array")

    p = add("import", cmd_import, "import leads from vCard (.vcf) or CSV files as one undoable batch")
    p.add_argument("files", nargs="+", metavar="FILE", help="vCard or CSV files")
    p.add_argument(
        "--dry-run", action="store_true", help="only report what would happen: new, duplicates, errors"
    )
    p.add_argument("--source", help="source for leads whose file names none (default: Import <file name>)")
    p.add_argument(
        "--on-duplicate",
        choices=("skip", "update", "merge"),
        default="merge",
        help="existing lead found: skip, update (overwrite) or merge (fill empty fields; default)",
    )
    p.add_argument(
        "--skip-errors", action="store_true", help="import the valid records even if others have errors"
    )
    p.add_argument("--map", action="append", metavar="HEADER=FIELD", help="map a CSV column to a lead field")

    p = add("undo-import", cmd_undo_import, "take a whole import back")
    p.add_argument("batch", type=int, help="the import's number (printed by leaddesk import)")
    p.add_argument("--force", action="store_true", help="keep leads edited since the import, undo the rest")

    p = add("export", cmd_export, "export leads (all or filtered) as CSV, vCard or JSON")
    p.add_argument("--format", choices=("csv", "excel", "xlsx", "vcf", "json"), required=True)
    p.add_argument("-o", "--output", required=True, help="file to write")
    p.add_argument("--vcard-version", choices=("4.0", "3.0"), default="4.0")
    p.add_argument("--stage", action="append", help="only this stage; repeatable")
    p.add_argument("--search", help="only leads matching this search")
    p.add_argument("--source", help="only leads from this source")
    p.add_argument("--tag", help="only leads with this tag")

    p = add("report", cmd_report, "funnel, time in stage, handover, sources, lost reasons and MQL value")
    p.add_argument(
        "--from", dest="date_from", metavar="DATE", help="first day, YYYY-MM-DD (default: 12 months ago)"
    )
    p.add_argument("--to", dest="date_to", metavar="DATE", help="last day, YYYY-MM-DD (default: today)")
    p.add_argument(
        "--mode", choices=("cohort", "period"), default="cohort", help="funnel mode (default cohort)"
    )
    p.add_argument("--source", help="only leads from this source or trade fair")
    p.add_argument("--tag", help="only leads with this tag")
    p.add_argument("--owner", help="only leads of this owner")
    p.add_argument("--tz", help="time zone of the period's days (default: the user's setting)")
    p.add_argument("--json", action="store_true", help="print every figure as JSON")

    p = add(
        "merge-db", cmd_merge_db, "merge another LeadDesk database (e.g. a trade-fair laptop) into this one"
    )
    p.add_argument("other", metavar="OTHER_FILE", help="the other leaddesk database file")
    p.add_argument("--dry-run", action="store_true", help="only report what would be added, merged and left")

    p = add("timezone", cmd_timezone, "show or set the time zone that decides where your day begins")
    p.add_argument("zone", nargs="?", help="an IANA name, e.g. Europe/Berlin (default: the machine's zone)")

    p = add("delete", cmd_delete, "move leads to the trash (restorable for 30 days)")
    p.add_argument("leads", nargs="+", metavar="UID", help="a lead's uid (or number, as 'list' prints it)")

    p = add("trash", cmd_trash, "list the trash, restore leads from it or empty it")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--restore", nargs="+", metavar="UID", help="bring these leads back")
    group.add_argument("--empty", action="store_true", help="remove everything in the trash for good")
    p.add_argument("--json", action="store_true", help="print the list as JSON")

    p = add("erase", cmd_erase, "erase people for good (GDPR Art. 17); anonymous figures stay")
    p.add_argument("leads", nargs="+", metavar="UID", help="a lead's uid (or number, as 'list' prints it)")
    p.add_argument("--yes", action="store_true", help="do not ask")

    p = add("subject-access", cmd_subject_access, "write everything held about one person (GDPR Art. 15)")
    p.add_argument("lead", metavar="UID", help="the lead's uid (or number)")
    p.add_argument("-o", "--output", required=True, help="file name; FILE.json and FILE.pdf are written")
    p.add_argument("--lang", dest="lang_out", choices=("de", "en"), default="de", help="language of the PDF")

    p = add("retention", cmd_retention, "list the leads due for erasure under the retention settings")
    p.add_argument("--json", action="store_true", help="print the list as JSON")
    p.add_argument(
        "--settings", dest="show_settings", action="store_true", help="show the retention settings"
    )
    p.add_argument(
        "--set",
        action="append",
        metavar="KEY=VALUE",
        help="change a setting: lost_months, no_consent_months, inactive_months, won_years, backup_days"
        " (a number, or 'off')",
    )

    p = add("users", cmd_users, "the team's users: list, add, rename, deactivate")
    actions = p.add_subparsers(dest="users_action", metavar="ACTION", required=True)
    u = actions.add_parser("list", help="list the users (* marks who is working)")
    u.add_argument("--all", action="store_true", help="deactivated users too")
    u.add_argument("--json", action="store_true", help="print a JSON array")
    u = actions.add_parser("add", help="add a user")
    u.add_argument("name", metavar="NAME")
    u.add_argument("--initials", metavar="X", help="initials (default: from the name, Anna Berger → AB)")
    u.add_argument("--email", metavar="E", help="email address")
    u = actions.add_parser("rename", help="rename a user, and the owner of their leads with them")
    u.add_argument("old", metavar="OLD")
    u.add_argument("new", metavar="NEW")
    u = actions.add_parser("deactivate", help="a user who left: kept on their leads and in history")
    u.add_argument("name", metavar="NAME")
    for u in actions.choices.values():
        common(u)

    p = add("audit", cmd_audit, "show or export the data-protection log")
    p.add_argument("--kind", help="only this kind (erasure, access_export, consent, restore, …)")
    p.add_argument("--limit", type=int, help="at most this many entries, newest first")
    p.add_argument("--format", choices=("text", "csv", "json"), default="text")
    p.add_argument("-o", "--output", help="write to this file instead of the screen")

    from leaddesk.cli_server import add_server_commands  # server init/check/password, migrate-to

    add_server_commands(sub, add)
    return parser


def run_selftest(args: argparse.Namespace) -> int:
    """``leaddesk --selftest``: the steps of leaddesk/selftest.py; never touches the user's data."""
    from leaddesk.selftest import run

    return run()


def run_gui(args: argparse.Namespace) -> int:
    from leaddesk.ui.app import run

    return run(data_dir=args.data_dir, lang=args.lang)


def _database_name(args: argparse.Namespace) -> str:
    """The database file a command works on, for messages."""
    from leaddesk.core import paths

    return str(paths.database_file(paths.data_dir(args.data_dir)))


def main(argv: Sequence[str] | None = None) -> int:
    from leaddesk.core.perf import pause_gc_for_start, resume_gc

    pause_gc_for_start()  # the window's start turns it on again (leaddesk.ui.app), a command here
    try:
        return _main(argv)
    finally:
        resume_gc()


def _main(argv: Sequence[str] | None) -> int:
    from sqlalchemy.exc import DBAPIError

    from leaddesk.core.db import describe_operational_error
    from leaddesk.core.errors import LeadDeskError
    from leaddesk.core.perf import resume_gc

    parser = build_parser(commands=not _opens_window(argv))
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is not None or args.selftest:
        resume_gc()  # only the window's start runs without the collector
    if args.as_user:
        from leaddesk.core import who

        who.use(args.as_user)  # --as: this process only (beats LEADDESK_USER and the machine's choice)
    try:
        if args.selftest:
            return run_selftest(args)
        if handler is None:
            return run_gui(args)
        _install_language(args)  # the window installs its own; a command needs it here
        return handler(args)
    except LeadDeskError as exc:
        print(f"leaddesk: {_error(exc)}", file=sys.stderr)
        return EXIT_ERROR
    except DBAPIError as exc:  # locked by another program, disk full …: one line, no traceback
        print(f"leaddesk: {describe_operational_error(exc, _database_name(args))}", file=sys.stderr)
        return EXIT_ERROR
    except sqlite3.DatabaseError as exc:  # the driver's cursor used directly (bulk reads): damage
        wrapped = DBAPIError(None, None, exc)
        print(f"leaddesk: {describe_operational_error(wrapped, _database_name(args))}", file=sys.stderr)
        return EXIT_ERROR
    except ValueError as exc:
        print(f"leaddesk: {_error(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader went away (``leaddesk list --json | head``): not an error worth a message.
        # Python would complain again when flushing stdout at exit, so point it at /dev/null.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERROR
    except OSError as exc:
        print(f"leaddesk: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("leaddesk: interrupted; nothing was half-written", file=sys.stderr)
        return 130
    finally:
        _uninstall_language()
        if getattr(args, "as_user", None):
            from leaddesk.core import who

            who.use(None)


if __name__ == "__main__":
    raise SystemExit(main())
