"""LeadDesk's log: a rotating file in the platform's log folder, readable only by its owner.

The window and the CLI both log here; a crash dialog names this file instead of showing a
traceback. Personal data stays out of it: log what happened (ids, counts, exception types and
tracebacks of LeadDesk's code), never lead fields.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

import platformdirs

LOG_NAME = "leaddesk.log"
#: Five files of 1 MB: weeks of normal use, never a full disk.
MAX_BYTES = 1_000_000
BACKUPS = 4


def log_dir() -> Path:
    """``LEADDESK_LOG_DIR`` or the platform's user log folder (``~/.local/state/LeadDesk/log``)."""
    override = os.environ.get("LEADDESK_LOG_DIR")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_log_dir("LeadDesk", appauthor=False))


class _PrivateRotatingHandler(logging.handlers.RotatingFileHandler):
    """Every log file (the current one and each rotated one) is created 0600."""

    def _open(self):  # type: ignore[no-untyped-def]
        old = os.umask(0o077)
        try:
            return super()._open()
        finally:
            os.umask(old)


def setup_logging(level: int = logging.INFO) -> Path:
    """Send LeadDesk's log records to the rotating file (once per process); returns its path."""
    folder = log_dir()
    path = folder / LOG_NAME
    root = logging.getLogger("leaddesk")
    if any(isinstance(h, _PrivateRotatingHandler) for h in root.handlers):
        return path
    try:
        folder.mkdir(parents=True, exist_ok=True)
        folder.chmod(0o700)
        handler = _PrivateRotatingHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
        if path.exists():
            path.chmod(0o600)
    except OSError:
        return path  # a read-only home: LeadDesk runs on without a log file
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    return path
