"""Guard of the lean bundle: nothing LeadDesk imports may be excluded, and the archive keeps its budget.

``packaging/datas.py`` EXCLUDES keeps unused Qt modules and dependency extras out of the frozen app.
A wrong entry would only show as an ImportError on a user's machine, so two checks look for it here:
every import statement in ``leaddesk/`` (also those inside functions), and every module actually loaded
while the self-test's steps run (dependencies' own imports included).
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.test_bundle_spec import load

ROOT = Path(__file__).resolve().parents[2]
datas_mod = load("datas")
release = load("release")


def excluded_by(module: str, excludes: tuple[str, ...]) -> str | None:
    """The EXCLUDES entry that keeps ``module`` out of the bundle, if any."""
    for entry in excludes:
        if module == entry or module.startswith(entry + "."):
            return entry
    return None


def imports_in(path: Path) -> set[str]:
    """Absolute module names an import statement in ``path`` can load (``from a import b`` gives a, a.b)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def leaddesk_imports() -> dict[str, str]:
    """Module name -> first file under leaddesk/ importing it."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "leaddesk").rglob("*.py")):
        for name in imports_in(path):
            found.setdefault(name, path.relative_to(ROOT).as_posix())
    return found


def test_no_import_statement_of_leaddesk_names_an_excluded_module() -> None:
    imported = leaddesk_imports()
    assert {"PySide6.QtWidgets", "sqlmodel", "alembic", "phonenumbers", "zxingcpp"} <= set(imported)
    clashes = {
        f"{name} (in {where}) is excluded by {entry!r}"
        for name, where in imported.items()
        if (entry := excluded_by(name, tuple(datas_mod.EXCLUDES)))
    }
    assert not clashes, "packaging/datas.py EXCLUDES what LeadDesk imports: " + "; ".join(sorted(clashes))


def test_the_guard_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    source = tmp_path / "late.py"
    source.write_text("def f():\n    from PIL import ImageTk\n    import pygments.lexers\n", encoding="utf-8")
    names = imports_in(source)
    assert excluded_by("PIL.ImageTk", tuple(datas_mod.EXCLUDES)) == "PIL.ImageTk"
    assert {"PIL.ImageTk", "pygments.lexers"} <= names


PROBE = """
import json, sys
from leaddesk import selftest
code = selftest.run(open('/dev/null', 'w'))
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


@pytest.mark.slow
def test_modules_loaded_by_the_selftest_are_all_bundled(tmp_path: Path) -> None:
    """Every module the self-test's steps load (LeadDesk's and its dependencies') survives the excludes."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), TMPDIR=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=180, check=False
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["code"] == 0
    loaded: list[str] = report["modules"]
    assert "leaddesk.ui.main_window" in loaded and "alembic" in loaded
    clashes = sorted(
        f"{name} (excluded by {entry!r})"
        for name in loaded
        if (entry := excluded_by(name, tuple(datas_mod.EXCLUDES)))
        and entry not in datas_mod.OPTIONAL_AT_RUN_TIME
    )
    assert not clashes, "the app loads modules the bundle leaves out: " + "; ".join(clashes)


def test_optional_excludes_are_guarded_imports_in_their_dependency() -> None:
    """An entry of OPTIONAL_AT_RUN_TIME must really be excluded and imported under ``except ImportError``."""
    import importlib.util

    for module, where in datas_mod.OPTIONAL_AT_RUN_TIME.items():
        assert module in datas_mod.EXCLUDES
        importer = where.split()[0].rsplit(".", 1)[0]
        spec = importlib.util.find_spec(importer)
        assert spec is not None and spec.origin is not None
        assert "except ImportError" in Path(spec.origin).read_text(encoding="utf-8"), where


def test_budget_is_the_issues_figure() -> None:
    assert release.ARCHIVE_BUDGET_MB == 70


@pytest.mark.skipif(
    not os.environ.get("LEADDESK_RELEASE_ARCHIVE"),
    reason="needs a built release archive (make release-check sets LEADDESK_RELEASE_ARCHIVE)",
)
def test_release_archive_keeps_its_size_budget() -> None:
    archive = Path(os.environ["LEADDESK_RELEASE_ARCHIVE"])
    size_mb = archive.stat().st_size / 1e6
    assert size_mb <= release.ARCHIVE_BUDGET_MB, (
        f"{archive.name} is {size_mb:.1f} MB, over the {release.ARCHIVE_BUDGET_MB} MB budget: "
        "exclude or prune before it ships"
    )
