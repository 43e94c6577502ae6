"""Where LeadDesk keeps its data: one module decides, everything else asks it.

Database URLs are built with SQLAlchemy's ``URL.create`` from the path, never by string
formatting: a folder named ``jürgen``, ``a#b;c`` or ``what?`` must name that folder, not a
URL query or an escape sequence.

Privacy: the data folder is 0700 and every file LeadDesk writes there (database, its WAL and
SHM, backups, card images) 0600, set on creation and repaired on opening (POSIX only).
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from pathlib import Path

import platformdirs
from sqlalchemy.engine import URL, make_url

DB_FILE_NAME = "leaddesk.sqlite3"
#: The office server this computer uses (Settings → Database), in :func:`config_dir`.
SERVER_FILE_NAME = "server.json"
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
    """``LEADDESK_DATABASE_URL`` if set, else the office server chosen on this computer
    (:func:`chosen_server`), else the SQLite file in the data folder."""
    url = os.environ.get("LEADDESK_DATABASE_URL")
    if url:
        return make_url(url)
    return chosen_server() or sqlite_url(data_directory / DB_FILE_NAME)


def server_file() -> Path:
    return config_dir() / SERVER_FILE_NAME


def chosen_server() -> URL | None:
    """The server database chosen in Settings → Database on this computer, or None (the file).

    A per-computer choice, like the window's size: the fair laptop keeps its own file while
    the office computers use the server. Unreadable or foreign content counts as no choice.
    """
    try:
        data = json.loads(server_file().read_text(encoding="utf-8"))
        url = make_url(data["url"]) if isinstance(data, dict) and isinstance(data.get("url"), str) else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return url if url is not None and url.get_backend_name() == "postgresql" else None


def choose_server(url: URL | None) -> None:
    """Use the server database ``url`` from the next start on (None: this computer's file again).

    The password is never written (it lives in the system keyring or libpq's ``.pgpass``); the
    file is private (0600) and replaced atomically. OSError when the folder cannot be written.
    """
    file = server_file()
    if url is None:
        with contextlib.suppress(FileNotFoundError):
            file.unlink()
        return
    make_private_dir(file.parent)
    tmp = file.with_suffix(".tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    make_private_file(tmp)
    # Rebuilt without the password (``URL.set(password=None)`` would keep it: None means "unchanged").
    bare = URL.create(
        url.drivername,
        username=url.username,
        host=url.host,
        port=url.port,
        database=url.database,
        query=url.query,
    )
    address = bare.render_as_string(hide_password=False)
    tmp.write_text(json.dumps({"url": address}, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, file)


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
