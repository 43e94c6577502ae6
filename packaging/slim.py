"""Keeping the frozen bundle lean: unused Qt plugins and catalogues out, debug info stripped.

Loaded by ``leaddesk.spec`` by path (like ``datas.py``) and unit-tested in ``tests/packaging``; no
PyInstaller import here, so the functions take what they need from the spec as arguments.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath

# Qt's own catalogues (qtbase_xx.qm etc.) are shipped only for the languages LeadDesk offers.
LANGUAGES: tuple[str, ...] = ("de", "en")

# Qt plugins LeadDesk never loads on a desktop (paths below PySide6/Qt/plugins). Kept: xcb, wayland,
# offscreen/minimal, xdg-desktop-portal theme, input contexts (dead keys, IBus), image formats, SVG icons.
# Dropped: embedded/VNC platforms and evdev/TUIO input (they pull in QtNetwork and Kerberos), and the
# GTK3 theme, whose GTK libraries are not bundled anyway (it would load the system's GTK against our glib).
DROP_QT_PLUGINS: tuple[str, ...] = (
    "platforms/*qeglfs*",
    "platforms/*qlinuxfb*",
    "platforms/*qminimalegl*",
    "platforms/*qvkkhrdisplay*",
    "platforms/*qvnc*",
    "egldeviceintegrations/*",
    "generic/*",
    "platformthemes/*qgtk3*",
)

Binary = tuple[str, str, str]  # PyInstaller TOC entry: (name in bundle, source path, type)


def dropped_qt_plugin(dest_name: str) -> bool:
    """True for a bundle path of a Qt plugin listed in ``DROP_QT_PLUGINS``."""
    parts = PurePosixPath(dest_name.replace("\\", "/")).parts
    if "plugins" not in parts:
        return False
    below = "/".join(parts[parts.index("plugins") + 1 :])
    return any(fnmatch(below, pattern) for pattern in DROP_QT_PLUGINS)


def prune_binaries(
    binaries: Iterable[Binary], imports: Callable[[str], Iterable[str]]
) -> tuple[list[Binary], list[str]]:
    """Drop the unwanted Qt plugins and the libraries only they needed; returns (kept, dropped names).

    ``imports(source)`` gives the library file names a binary links (transitively, as ``ldd`` does).
    A library goes only if no kept binary needs it, so nothing a kept module links can disappear.
    """
    entries = list(binaries)
    cache: dict[str, set[str]] = {}

    def needs(entry: Binary) -> set[str]:
        if entry[1] not in cache:
            cache[entry[1]] = {PurePosixPath(name).name for name in imports(entry[1])}
        return cache[entry[1]]

    plugins = [e for e in entries if dropped_qt_plugin(e[0])]
    only_theirs = set().union(*(needs(e) for e in plugins)) if plugins else set()
    kept = [e for e in entries if not dropped_qt_plugin(e[0])]
    while True:  # an orphan may itself be what kept another library alive
        still_needed = set().union(*(needs(e) for e in kept)) if kept else set()
        orphans = {e for e in kept if PurePosixPath(e[0]).name in only_theirs - still_needed}
        if not orphans:
            break
        kept = [e for e in kept if e not in orphans]
    gone = sorted(e[0] for e in entries if e not in kept)
    return kept, gone


def keep_qt_translation(dest_name: str) -> bool:
    """False for Qt ``.qm`` catalogues of languages LeadDesk does not offer (about 1 MB each)."""
    name = Path(dest_name).name
    if "/translations/" not in dest_name.replace("\\", "/") or not name.endswith(".qm"):
        return True
    if "leaddesk/resources" in dest_name.replace("\\", "/"):
        return True
    stem = name[: -len(".qm")]
    lang = stem.split("_", 1)[1] if "_" in stem else ""
    return lang[:2] in LANGUAGES


def strip_debug(binaries: Iterable[Binary], workdir: Path) -> tuple[list[Binary], int]:
    """Binaries with debug info replaced by stripped copies in ``workdir``; returns (entries, bytes saved).

    Some wheels and pyenv's libpython carry DWARF info (about 48 MB here) that no user needs. Only files
    that shrink are replaced; ``strip --strip-debug`` keeps the symbol tables, unlike PyInstaller's
    ``strip=True`` (a full strip of every file). Linux with GNU strip only; elsewhere nothing changes.
    """
    entries = list(binaries)
    tool = shutil.which("strip")
    if tool is None or not sys.platform.startswith("linux"):
        return entries, 0
    workdir.mkdir(parents=True, exist_ok=True)
    out: list[Binary] = []
    saved = 0
    for dest, source, kind in entries:
        target = workdir / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
        done = subprocess.run([tool, "--strip-debug", str(target)], capture_output=True, check=False)
        before, after = Path(source).stat().st_size, target.stat().st_size
        if done.returncode == 0 and after < before - 16 * 1024:
            out.append((dest, str(target), kind))
            saved += before - after
        else:  # not ELF, nothing to strip, or strip refused: ship the original untouched
            target.unlink()
            out.append((dest, source, kind))
    return out, saved
