"""Who is working at this computer: the name stage history, audit entries and new leads carry.

One place answers, in this order:

1. ``use(name)``: this process only (the CLI's ``--as NAME``);
2. the environment variable ``LEADDESK_USER``;
3. the name chosen once on this machine (``who.json`` in :func:`leaddesk.core.paths.config_dir`,
   written by :func:`choose`: a person's computer, not the shared database, remembers it);
4. the operating system's login name (what LeadDesk used before team mode).

No cache: the small file is read when asked (a few microseconds), so a choice made in one
window is what the next history entry names, in every window and thread.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
from pathlib import Path

from leaddesk.core import paths
from leaddesk.core.errors import LeadDeskError
from leaddesk.core.text import Text

ENV = "LEADDESK_USER"
FILE_NAME = "who.json"

#: ``--as NAME`` for this process (None: not given).
_override: str | None = None


def _clean(name: str | None) -> str:
    return " ".join((name or "").split())


def who_file() -> Path:
    return paths.config_dir() / FILE_NAME


def use(name: str | None) -> None:
    """Act as ``name`` in this process only (``--as``); None or "" ends it."""
    global _override
    _override = _clean(name) or None


def stored() -> str | None:
    """The name chosen on this machine, or None (never chosen, or the file unreadable)."""
    try:
        data = json.loads(who_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    name = _clean(data.get("user")) if isinstance(data, dict) and isinstance(data.get("user"), str) else ""
    return name or None


def chosen() -> str | None:
    """The name someone chose (``--as``, ``LEADDESK_USER``, this machine's choice), else None."""
    return _override or _clean(os.environ.get(ENV)) or stored()


def login_name() -> str:
    """The OS login name, "" where there is none (some sandboxes and services)."""
    try:
        return getpass.getuser()
    except Exception:
        return ""


def current() -> str:
    """Who is working: the chosen name, else the login name."""
    return chosen() or login_name()


def choose(name: str | None) -> None:
    """Remember ``name`` on this machine (None or "": forget the choice); replaced atomically."""
    file = who_file()
    name = _clean(name)
    try:
        if not name:
            with contextlib.suppress(FileNotFoundError):
                file.unlink()
            return
        file.parent.mkdir(parents=True, exist_ok=True)
        tmp = file.with_suffix(".tmp")
        tmp.write_text(json.dumps({"user": name}, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, file)
    except OSError as exc:
        raise LeadDeskError(
            Text("LeadDesk could not remember who is working ({reason})", reason=exc.strerror or str(exc))
        ) from exc


def user_actor(actor: str, kind: str = "user") -> str:
    """The actor of a history entry: as given, else (a person's own change) who is working."""
    return actor or (current() if kind == "user" else "")
