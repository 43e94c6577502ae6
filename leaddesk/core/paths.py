"""Where LeadDesk keeps its data: one module decides, everything else asks it."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

DB_FILE_NAME = "leaddesk.sqlite3"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir`` beats ``LEADDESK_DATA_DIR`` beats the platform's user data dir."""
    if override:
        path = Path(override)
    elif os.environ.get("LEADDESK_DATA_DIR"):
        path = Path(os.environ["LEADDESK_DATA_DIR"])
    else:
        path = Path(platformdirs.user_data_dir("LeadDesk", appauthor=False))
    return path.expanduser()


def database_url(data_directory: Path) -> str:
    """``LEADDESK_DATABASE_URL`` if set (a shared server later), else the SQLite file in the data dir."""
    url = os.environ.get("LEADDESK_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{data_directory / DB_FILE_NAME}"
