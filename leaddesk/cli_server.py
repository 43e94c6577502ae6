"""``leaddesk server init|check|password`` and ``leaddesk migrate-to``: an office PostgreSQL server.

Registered from :func:`leaddesk.cli.build_parser`. What PostgreSQL answers is interpreted in
:mod:`leaddesk.core.db` (``check_server``, ``init_server``, ``store_password``); this module only
prints one line per result and turns the problem class into the exit code scripts can test.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from leaddesk.cli import EXIT_ERROR, EXIT_OK, EXIT_USAGE, Handler, _say

#: ``leaddesk server check`` (and ``init``): one exit code per class of problem.
EXIT_CODES = {
    "unreachable": 3,
    "login": 4,
    "no_database": 5,
    "too_old": 6,
    "extension": 7,
    "no_schema": 8,
    "older_schema": 9,
    "newer_schema": 10,
    "privileges": 12,
}
#: ``leaddesk migrate-to``: the copy reads back different from the source.
EXIT_MISMATCH = 11


def _url(args: argparse.Namespace) -> str:
    url = args.url or os.environ.get("LEADDESK_DATABASE_URL", "")
    if not url:
        raise ValueError(
            "name the server database: postgresql://user@host/database (or set LEADDESK_DATABASE_URL)"
        )
    return str(url)


def _problem(exc: Any) -> int:
    print(f"leaddesk: {_say(exc.check.message)}", file=sys.stderr)
    return EXIT_CODES.get(exc.problem, EXIT_ERROR)


def cmd_server_check(args: argparse.Namespace) -> int:
    from leaddesk.core.db import check_server

    found = check_server(_url(args))
    if found.problem:
        print(f"leaddesk: {_say(found.message)}", file=sys.stderr)
        return EXIT_CODES[found.problem]
    print(_say(found.message))
    return EXIT_OK


def cmd_server_init(args: argparse.Namespace) -> int:
    from leaddesk.core.db import ServerCheckError, init_server, server_label, server_url

    url = server_url(_url(args))
    try:
        before, result = init_server(url)
    except ServerCheckError as exc:
        return _problem(exc)
    where = server_label(url)
    made = f"; created the extensions {', '.join(before.missing)}" if before.missing else ""
    if result.from_revision is None:
        print(f"{where}: LeadDesk schema created ({result.to_revision}){made}")
    elif result.from_revision != result.to_revision:
        print(f"{where}: LeadDesk schema upgraded from {result.from_revision} to {result.to_revision}{made}")
    else:
        print(f"{where}: LeadDesk schema already up to date ({result.to_revision}){made}")
    return EXIT_OK


def cmd_server_password(args: argparse.Namespace) -> int:
    """Ask for the password (or read one line with --stdin) and keep it in the system keyring."""
    import getpass

    from leaddesk.core.db import store_password

    url = _url(args)
    ask = "PostgreSQL password: "
    password = sys.stdin.readline().rstrip("\r\n") if args.stdin else getpass.getpass(ask)
    if not password:
        print("leaddesk: no password given; nothing was stored", file=sys.stderr)
        return EXIT_USAGE
    label = store_password(url, password)
    print(f"the password for {label} is in the system keyring (LeadDesk's settings hold none)")
    return EXIT_OK


def cmd_migrate_to(args: argparse.Namespace) -> int:
    from leaddesk.core import paths
    from leaddesk.core.db import ServerCheckError
    from leaddesk.core.services.dbcopy import CHUNK_ROWS, move_to_server

    source = args.source or str(paths.database_file(paths.data_dir(args.data_dir)))

    def progress(table: str, done: int, total: int) -> None:
        if total > CHUNK_ROWS and done:
            print(f"copying {table}: {done:,}/{total:,}", file=sys.stderr, flush=True)

    try:
        report = move_to_server(source, _url(args), progress=progress)
    except ServerCheckError as exc:
        return _problem(exc)
    for line in report.lines():
        print(line)
    print(_say(report.summary()))
    return EXIT_OK if report.equal else EXIT_MISMATCH


def add_server_commands(sub: Any, add: Any) -> None:
    """The ``server`` and ``migrate-to`` commands (``add`` is build_parser's helper)."""
    url_help = "postgresql://user@host/database (default: LEADDESK_DATABASE_URL)"
    server = add("server", _needs_action, "set up and check a shared PostgreSQL server for the office")
    actions = server.add_subparsers(dest="server_command", metavar="ACTION")

    def action(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        p = actions.add_parser(name, help=help_text, description=help_text)
        p.add_argument("url", nargs="?", metavar="URL", help=url_help)
        p.set_defaults(handler=handler)
        return p

    action("init", cmd_server_init, "create or upgrade LeadDesk's tables on the server database")
    action("check", cmd_server_check, "say in one line whether LeadDesk can use the server database")
    p = action("password", cmd_server_password, "keep the server password in the system keyring")
    p.add_argument("--stdin", action="store_true", help="read the password from the first line of stdin")

    p = add("migrate-to", cmd_migrate_to, "copy this LeadDesk database into an empty server database")
    p.add_argument("url", nargs="?", metavar="URL", help=url_help)
    p.add_argument("--from", dest="source", metavar="FILE", help="the SQLite file (default: your database)")


def _needs_action(args: argparse.Namespace) -> int:
    raise ValueError("say what to do: leaddesk server init|check|password URL")
