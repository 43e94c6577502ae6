"""Where LeadDesk keeps its data: one module decides, everything else asks it.

Database URLs are built with SQLAlchemy's ``URL.create`` from the path, never by string
formatting: a folder named ``jürgen``, ``a#b;c`` or ``what?`` must name that folder, not a
URL query or an escape sequence.

Privacy: the data folder is 0700 and every file LeadDesk writes there (database, its WAL and
SHM, backups, card images) 0600, set on creation and repaired on opening (POSIX only).
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

import platformdirs
from sqlalchemy.engine import URL, make_url

DB_FILE_NAME = "leaddesk.sqlite3"
#: Permissions of the data folder and of the files in it.
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir`` beats ``LEADDESK_DATA_DIR`` beats the platform's user data dir."""
    if override:
        path = Path(override)
    elif os.environ.get("LEADDESK_DATA_DIR"):
        path = Path(os.environ["LEADDESK_DATA_DIR"])
    else:
        path = Path(platformdirs.user_data_dir("LeadDesk", appauthor=False))
    return path.expanduser()


def config_dir() -> Path:
    """This machine's LeadDesk settings folder (beside ``window.ini``): what belongs to a person's
    computer, not to the shared database. ``LEADDESK_CONFIG_DIR`` overrides it."""
    if os.environ.get("LEADDESK_CONFIG_DIR"):
        return Path(os.environ["LEADDESK_CONFIG_DIR"]).expanduser()
    return Path(platformdirs.user_config_dir("LeadDesk", appauthor=False))


def sqlite_url(file: str | os.PathLike[str]) -> URL:
    """The SQLAlchemy URL of a SQLite file, whatever characters its path holds."""
    return URL.create("sqlite", database=os.fspath(file))


def database_url(data_directory: Path) -> URL:
    """``LEADDESK_DATABASE_URL`` if set (a shared server later), else the SQLite file in the data dir."""
    url = os.environ.get("LEADDESK_DATABASE_URL")
    if url:
        return make_url(url)
    return sqlite_url(data_directory / DB_FILE_NAME)


def database_file(data_directory: Path) -> Path:
    """The SQLite file of a data folder (for messages and file operations)."""
    url = database_url(data_directory)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database)
    return data_directory / DB_FILE_NAME


def make_private_dir(folder: Path) -> None:
    """Create ``folder`` (and parents) and make it 0700 if it is ours; never fails on a foreign one."""
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    _chmod(folder, PRIVATE_DIR_MODE)


def make_private_file(file: Path) -> None:
    """Create ``file`` empty with 0600 if missing, else repair its mode to 0600.

    SQLite gives a database's WAL and SHM the database file's mode, so a database created
    this way never has a readable log either.
    """
    try:
        fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        _chmod(file, PRIVATE_FILE_MODE)
    else:
        os.close(fd)


def repair_private(file: Path) -> None:
    """0600 for ``file`` if it exists (WAL, SHM, a backup), quietly."""
    _chmod(file, PRIVATE_FILE_MODE)


def _chmod(path: Path, mode: int) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):  # missing, or another user's file: nothing to repair
        if stat.S_IMODE(path.stat().st_mode) != mode:
            path.chmod(mode)
