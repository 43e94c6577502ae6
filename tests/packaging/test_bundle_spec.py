"""The PyInstaller spec without building: its data list, its wiring and the bundle-slimming helpers.

A real build takes a minute (``make package`` + ``packaging/smoke.py``); these checks make a moved
resource, a new migration folder or a broken spec fail in ``make test`` instead of in a release.
"""

from __future__ import annotations

import configparser
import ctypes
import importlib.util
import shutil
import sys
import sysconfig
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
DESKTOP = ROOT / "resources" / "linux" / "de.leaddesk.LeadDesk.desktop"


def load(name: str) -> ModuleType:
    """packaging/<name>.py by path, as the spec does (``packaging`` is also a PyPI package name)."""
    spec = importlib.util.spec_from_file_location(f"leaddesk_packaging_{name}", PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


datas_mod = load("datas")
slim = load("slim")


def shipped() -> dict[str, Path]:
    """Bundle path (folder/name) of every data file -> its source."""
    return {f"{dest}/{Path(src).name}": Path(src) for src, dest in datas_mod.datas()}


def test_every_data_source_exists_inside_the_repository() -> None:
    pairs = datas_mod.datas()
    assert pairs
    for src, dest in pairs:
        path = Path(src)
        assert path.is_file(), src
        assert path.is_relative_to(ROOT), src
        assert not dest.startswith("/"), dest


def test_a_glob_that_matches_nothing_stops_the_build(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="matches no file"):
        datas_mod.datas(tmp_path)


def test_files_the_app_loads_at_run_time_are_shipped_where_it_looks() -> None:
    from leaddesk.core.db import MIGRATIONS_DIR
    from leaddesk.ui.i18n import SUPPORTED, resource_path

    package = ROOT / "leaddesk"
    files = shipped()

    def bundle_path(path: Path) -> str:
        return path.resolve().relative_to(package.parent).as_posix()

    assert bundle_path(resource_path("leaddesk.svg")) in files
    for lang in SUPPORTED:
        assert bundle_path(resource_path("translations", f"leaddesk_{lang}.qm")) in files
    migrations = [MIGRATIONS_DIR / "env.py", *sorted((MIGRATIONS_DIR / "versions").glob("*.py"))]
    assert len(migrations) > 1
    for script in migrations:
        assert bundle_path(script) in files, f"{script.name}: Alembic loads it by path, the bundle lacks it"


def test_package_data_of_the_wheel_is_in_the_bundle_too() -> None:
    """A resource added to pyproject's package-data for installs must not be missing from the frozen app."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    package_data: dict[str, list[str]] = config["tool"]["setuptools"]["package-data"]
    files = shipped()
    checked = 0
    for package, patterns in package_data.items():
        folder = ROOT.joinpath(*package.split("."))
        for pattern in patterns:
            for path in folder.glob(pattern):
                if path.name == "py.typed" or not path.is_file():
                    continue  # a typing marker: no use at run time
                assert path.relative_to(ROOT).as_posix() in files, f"{path} is package data but not bundled"
                checked += 1
    assert checked >= 4


class _Recorder:
    """Stands in for PyInstaller's Analysis/PYZ/EXE/COLLECT: keeps the arguments the spec passes."""

    calls: dict[str, tuple[tuple[Any, ...], dict[str, Any]]]

    def __init__(self) -> None:
        self.calls = {}

    def factory(self, kind: str) -> Any:
        recorder = self

        class Target:
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                recorder.calls[kind] = (args, kwargs)
                self.datas = [*kwargs.get("datas", []), ("PySide6/Qt/translations/qtbase_fr.qm", "x", "DATA")]
                self.binaries: list[tuple[str, str, str]] = []
                self.pure: list[Any] = []
                self.scripts: list[Any] = []

        return Target


def test_the_spec_builds_from_the_data_module(tmp_path: Path) -> None:
    recorder = _Recorder()
    namespace: dict[str, Any] = {
        "SPECPATH": str(PACKAGING),
        "workpath": str(tmp_path),
        **{kind: recorder.factory(kind) for kind in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")},
    }
    source = (PACKAGING / "leaddesk.spec").read_text(encoding="utf-8")
    exec(compile(source, "leaddesk.spec", "exec"), namespace)

    (script,), analysis = recorder.calls["Analysis"]
    assert Path(script[0]).is_file()
    assert Path(script[0]).read_text(encoding="utf-8").count("leaddesk.cli") == 1
    assert sorted(analysis["datas"]) == sorted(datas_mod.datas())
    assert set(datas_mod.HIDDEN_IMPORTS) <= set(analysis["hiddenimports"])
    assert "PySide6.QtWidgets" not in analysis["excludes"]
    assert all(not entry[0].endswith("qtbase_fr.qm") for entry in namespace["a"].datas)
    assert recorder.calls["EXE"][1]["name"] == "leaddesk"
    assert recorder.calls["COLLECT"][1]["name"] == "LeadDesk"


def test_excludes_spare_every_module_the_app_imports() -> None:
    used = {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "sqlite3", "PIL", "zxingcpp", "alembic"}
    for line in (ROOT / "leaddesk").rglob("*.py"):
        text = line.read_text(encoding="utf-8")
        used |= {m for m in datas_mod.EXCLUDES if f"import {m}" in text or f"from {m} " in text}
    assert not used & set(datas_mod.EXCLUDES)


@pytest.mark.parametrize(
    ("dest", "dropped"),
    [
        ("PySide6/Qt/plugins/platforms/libqvnc.so", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", True),
        ("PySide6/Qt/plugins/generic/libqevdevmouseplugin.so", True),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", True),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", False),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", False),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", False),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so", False),
        ("PySide6\\Qt\\plugins\\platforms\\qvnc.dll", True),
        ("libvnc.so", False),
    ],
)
def test_dropped_qt_plugins(dest: str, dropped: bool) -> None:
    assert slim.dropped_qt_plugin(dest) is dropped


def test_prune_drops_a_plugin_and_only_the_libraries_nothing_else_links() -> None:
    graph = {
        "/src/qvnc.so": ["libQt6Network.so.6", "libkrb5.so.3", "libQt6Gui.so.6"],
        "/src/libQt6Network.so.6": ["libkrb5.so.3"],
        "/src/libkrb5.so.3": [],
        "/src/qxcb.so": ["libQt6Gui.so.6"],
        "/src/libQt6Gui.so.6": [],
        "/src/libssl.so.3": [],  # loaded by nothing here (e.g. through ctypes): must stay
    }
    entries = [
        ("PySide6/Qt/plugins/platforms/libqvnc.so", "/src/qvnc.so", "BINARY"),
        ("PySide6/Qt/lib/libQt6Network.so.6", "/src/libQt6Network.so.6", "BINARY"),
        ("libkrb5.so.3", "/src/libkrb5.so.3", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/src/qxcb.so", "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/src/libQt6Gui.so.6", "BINARY"),
        ("libssl.so.3", "/src/libssl.so.3", "BINARY"),
    ]
    kept, gone = slim.prune_binaries(entries, lambda source: graph[source])
    assert [e[0] for e in kept] == [
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "libssl.so.3",
    ]
    assert gone == sorted(e[0] for e in entries[:3])


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/translations/qtbase_de.qm", True),
        ("PySide6/Qt/translations/qt_en.qm", True),
        ("PySide6/Qt/translations/qtbase_fr.qm", False),
        ("PySide6/Qt/translations/qt_help_zh_CN.qm", False),
        ("leaddesk/resources/translations/leaddesk_de.qm", True),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
    ],
)
def test_qt_catalogues_only_for_our_languages(dest: str, kept: bool) -> None:
    assert slim.keep_qt_translation(dest) is kept


def _extension_with_debug_info() -> Path | None:
    folder = Path(sysconfig.get_config_var("DESTSHARED") or sys.base_prefix)  # the stdlib's lib-dynload
    for path in sorted(folder.glob("*.so")):
        if b".debug_info" in path.read_bytes():
            return path
    return None


@pytest.mark.skipif(not sys.platform.startswith("linux") or not shutil.which("strip"), reason="GNU strip")
def test_strip_debug_shrinks_copies_that_still_load(tmp_path: Path) -> None:
    extension = _extension_with_debug_info()
    if extension is None:
        pytest.skip("this Python's extension modules carry no debug info")
    text = tmp_path / "notes.txt"
    text.write_text("not a binary", encoding="utf-8")
    entries = [
        (f"lib-dynload/{extension.name}", str(extension), "EXTENSION"),
        ("notes.txt", str(text), "DATA"),
    ]
    out, saved = slim.strip_debug(entries, tmp_path / "stripped")
    (dest, stripped, kind), unchanged = out
    assert (dest, kind) == (f"lib-dynload/{extension.name}", "EXTENSION")
    assert Path(stripped).is_relative_to(tmp_path / "stripped")
    assert saved == extension.stat().st_size - Path(stripped).stat().st_size > 0
    assert b".debug_info" not in Path(stripped).read_bytes()
    ctypes.CDLL(stripped)  # still a loadable library (its Python symbols come from this process)
    assert unchanged == ("notes.txt", str(text), "DATA")
    assert extension.read_bytes().count(b".debug_info")  # the original is untouched


def read_desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_is_german_too_and_points_at_real_files() -> None:
    entry = read_desktop_entry()
    for key in ("Name", "Comment", "GenericName", "Keywords"):
        assert entry.get(f"{key}[de]"), f"{key}[de] missing"
    assert entry["Comment[de]"] != entry["Comment"]
    assert entry["Icon"] == DESKTOP.name.removesuffix(".desktop"), "hicolor icons are named after the app id"
    master = ROOT / "resources" / "icons" / "leaddesk.svg"
    assert master.read_bytes() == (ROOT / "leaddesk" / "resources" / "leaddesk.svg").read_bytes(), (
        "the window icon (leaddesk/resources) is a copy of the master in resources/icons"
    )
    assert "leaddesk.svg" in {Path(p).name for p, _ in datas_mod.datas()}
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["gui-scripts"]
    assert entry["Exec"].split()[0] in scripts
    assert entry["Terminal"] == "false"


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None, reason="apt-get install desktop-file-utils"
)
def test_desktop_entry_validates() -> None:
    import subprocess

    done = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout
