"""The machine's time zone as an IANA name, the default of the user's zone (``tasks.user_timezone``).

One answer for the core, the CLI and the UI: "today", "overdue" and every date shown are
counted in the user's zone, which is this one unless the settings name another.
"""

from __future__ import annotations

import os
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

#: Used only when the machine names no zone that Python knows.
FALLBACK_TZ = "UTC"


def _known(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def system_timezone() -> str:
    """``$TZ`` if it names a zone, else the zone ``/etc/localtime`` links to, else UTC."""
    env = os.environ.get("TZ", "").strip().lstrip(":")
    if env and _known(env):
        return env
    try:
        target = Path("/etc/localtime").resolve(strict=True)
    except OSError:
        target = None
    if target is not None and "zoneinfo" in target.parts:
        name = "/".join(target.parts[target.parts.index("zoneinfo") + 1 :])
        if _known(name):
            return name
    try:
        name = Path("/etc/timezone").read_text(encoding="utf-8").strip()
    except OSError:
        name = ""
    return name if name and _known(name) else FALLBACK_TZ
