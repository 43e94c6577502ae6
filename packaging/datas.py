"""What the frozen LeadDesk needs besides its Python modules: one list, read by the spec and by a test.

Kept apart from ``leaddesk.spec`` so that ``tests/packaging`` can check every entry against the tree
(a moved resource then breaks a unit test, not a release). Plain Python without PyInstaller imports;
the spec loads it by path because the directory name ``packaging`` clashes with the PyPI package.

Run-time file loads this covers:
- ``leaddesk/resources/leaddesk.svg`` (window icon) and ``translations/*.qm`` via ``importlib.resources``;
- the Alembic scripts (``env.py``, ``versions/*.py``): Alembic executes them from ``MIGRATIONS_DIR`` by path.
Not files: the free-mail list is a module, zxing-cpp is a compiled extension PyInstaller finds by
itself, Tesseract is an external program looked up on PATH.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (glob relative to ROOT, destination folder inside the bundle). Every glob must match at least one file.
DATA_GLOBS: tuple[tuple[str, str], ...] = (
    ("leaddesk/resources/*.svg", "leaddesk/resources"),
    ("leaddesk/resources/translations/*.qm", "leaddesk/resources/translations"),
    ("leaddesk/core/migrations/env.py", "leaddesk/core/migrations"),
    ("leaddesk/core/migrations/versions/*.py", "leaddesk/core/migrations/versions"),
)

# Modules only the migration scripts import (PyInstaller never sees them: they ship as data).
HIDDEN_IMPORTS: tuple[str, ...] = (
    "alembic.op",
    "alembic.context",
    "alembic.ddl.sqlite",
    "sqlalchemy.dialects.sqlite",
)

# Never imported by LeadDesk, yet reachable through optional imports of its dependencies.
EXCLUDES: tuple[str, ...] = (
    "tkinter",
    "hypothesis",  # test-only; pydantic.v1 names it as a plugin
    "pytest",
    "_pytest",
    "unittest",
    "pydoc",
    "doctest",
    "numpy",
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtPdf",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtDBus",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtPrintSupport",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtHelp",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtQuick3D",
    "PySide6.QtVirtualKeyboard",
    "PySide6.QtMultimedia",
    "PySide6.QtCharts",
    "PySide6.QtDataVisualization",
    "PySide6.Qt3DCore",
    # Type-checker plug-ins of SQLAlchemy and pydantic drag in mypy and its parser (~4 MB).
    "mypy",
    "ast_serialize",
    "sqlalchemy.ext.mypy",
    "pydantic.mypy",
    # Mako (Alembic's templates) formats its error pages with Pygments if present (~4.5 MB).
    "pygments",
    # Pillow: AVIF (libavif, ~5 MB) and Tk are never read or shown; JPEG/PNG/WebP/TIFF stay.
    "PIL._avif",
    "PIL._imagingtk",
    "PIL.ImageTk",
    # phonenumbers: LeadDesk parses, validates and formats; the geocoder, carrier and time-zone
    # tables (~18 MB of source) are only for phonenumbers.geocoder/carrier/timezone. Of the geodata
    # package only ``locale`` is used (country names → region, leaddesk/core/validation.py).
    "phonenumbers.geocoder",
    *(f"phonenumbers.geodata.data{i}" for i in range(64)),
    "phonenumbers.carrier",
    "phonenumbers.carrierdata",
    "phonenumbers.timezone",
    "phonenumbers.tzdata",
    # email-validator checks deliverability (DNS) only when asked; LeadDesk never asks (offline).
    "email_validator.deliverability",
    "dns",
    # psycopg's bundled libpq with its own OpenSSL and Kerberos (~9 MB): the frozen app reaches a
    # PostgreSQL server (team mode) through psycopg's pure-Python layer and the system's libpq
    # (Debian/Ubuntu: libpq5), as the README says under "Where your data lives"; SQLite needs neither.
    "psycopg_binary",
    # Interactive-terminal modules.
    "readline",
    "curses",
)


#: Excluded modules that a dependency imports at run time inside ``try: ... except ImportError`` and
#: works without: module -> where that guarded import is. tests/packaging lets only these through
#: when the self-test's run loads an excluded module; the frozen ``--selftest`` proves the fallback.
OPTIONAL_AT_RUN_TIME: dict[str, str] = {
    "pygments": "mako.exceptions._install_highlighting (falls back to plain HTML escaping)",
}


def datas(root: Path = ROOT) -> list[tuple[str, str]]:
    """(source file, bundle folder) pairs; raises if a glob matches nothing, so a build cannot go silent."""
    pairs: list[tuple[str, str]] = []
    for pattern, dest in DATA_GLOBS:
        found = sorted(p for p in root.glob(pattern) if p.is_file())
        if not found:
            raise FileNotFoundError(f"packaging/datas.py: {pattern!r} matches no file under {root}")
        pairs.extend((str(path), dest) for path in found)
    return pairs
