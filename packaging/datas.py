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
)


def datas(root: Path = ROOT) -> list[tuple[str, str]]:
    """(source file, bundle folder) pairs; raises if a glob matches nothing, so a build cannot go silent."""
    pairs: list[tuple[str, str]] = []
    for pattern, dest in DATA_GLOBS:
        found = sorted(p for p in root.glob(pattern) if p.is_file())
        if not found:
            raise FileNotFoundError(f"packaging/datas.py: {pattern!r} matches no file under {root}")
        pairs.extend((str(path), dest) for path in found)
    return pairs
