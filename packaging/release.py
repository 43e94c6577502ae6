"""Release archive and release checks around the one-folder build (``make package`` first).

    python packaging/release.py archive   # dist/LeadDesk -> dist/LeadDesk-<version>-linux-<arch>.tar.gz
    python packaging/release.py check     # size budget, metadata, install into a scratch home, --selftest
    python packaging/release.py nsis      # compile packaging/windows/leaddesk.nsi against a stub payload
    python packaging/release.py path      # print the archive's path for this version

``make release-check`` runs all three (``.ci/run`` calls it). The archive holds the app folder, the
menu entry, hicolor icons rendered from ``resources/icons/leaddesk.svg``, AppStream metainfo and
``install.sh``/``uninstall.sh`` (``~/.local``, no root). Loaded by path in tests (like ``datas.py``).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "de.leaddesk.LeadDesk"
DIST = ROOT / "dist"
RESOURCES = ROOT / "resources"
ICON_MASTER = RESOURCES / "icons" / "leaddesk.svg"
DESKTOP_FILE = RESOURCES / "linux" / f"{APP_ID}.desktop"
METAINFO_FILE = RESOURCES / "linux" / f"{APP_ID}.metainfo.xml"
LINUX_SCRIPTS = ROOT / "packaging" / "linux"
NSIS_SCRIPT = ROOT / "packaging" / "windows" / "leaddesk.nsi"
#: hicolor sizes a menu, a dock and a software centre ask for.
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
#: The Linux release archive (.tar.gz) may not grow past this (issue 18).
ARCHIVE_BUDGET_MB = 70


def version() -> str:
    """``leaddesk.__version__`` read from the source (no import: works without the dependencies)."""
    text = (ROOT / "leaddesk" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', text, flags=re.MULTILINE)
    if found is None:
        raise RuntimeError("leaddesk/__init__.py has no __version__")
    return found.group(1)


def archive_name(ver: str | None = None) -> str:
    machine = {"amd64": "x86_64", "arm64": "aarch64"}.get(platform.machine().lower(), platform.machine())
    return f"LeadDesk-{ver or version()}-linux-{machine}"


def render_icons(svg: Path, hicolor: Path, sizes: tuple[int, ...] = ICON_SIZES) -> list[Path]:
    """PNG icons of every size (and the SVG as scalable) in a hicolor tree, drawn by Qt's SVG renderer."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer
    from PySide6.QtWidgets import QApplication

    # A widgets application, not a QGuiApplication: pytest-qt's later tests reuse whatever exists.
    _app = QApplication.instance() or QApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise RuntimeError(f"{svg}: not a valid SVG")
    written: list[Path] = []
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target), "PNG"):
            raise RuntimeError(f"could not write {target}")
        written.append(target)
    scalable = hicolor / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(svg, scalable)
    written.append(scalable)
    return written


def stage(dist: Path, folder: Path) -> Path:
    """The archive's content in ``folder``: LeadDesk/, share/, install.sh, uninstall.sh, CHANGELOG.md."""
    if not (dist / "leaddesk").is_file():
        raise FileNotFoundError(f"{dist}/leaddesk missing: run `make package` first")
    shutil.copytree(dist, folder / "LeadDesk", symlinks=True)
    share = folder / "share"
    (share / "applications").mkdir(parents=True)
    shutil.copyfile(DESKTOP_FILE, share / "applications" / DESKTOP_FILE.name)
    (share / "metainfo").mkdir()
    shutil.copyfile(METAINFO_FILE, share / "metainfo" / METAINFO_FILE.name)
    render_icons(ICON_MASTER, share / "icons" / "hicolor")
    for script in ("install.sh", "uninstall.sh"):
        shutil.copyfile(LINUX_SCRIPTS / script, folder / script)
        (folder / script).chmod(0o755)
    shutil.copyfile(ROOT / "CHANGELOG.md", folder / "CHANGELOG.md")
    return folder


def build_archive(dist: Path = DIST / "LeadDesk", out: Path = DIST) -> Path:
    """dist/LeadDesk-<version>-linux-<arch>.tar.gz; unpacks into one folder of the same name."""
    name = archive_name()
    with tempfile.TemporaryDirectory(prefix="leaddesk-release-") as tmp:
        folder = stage(dist, Path(tmp) / name)
        target = out / f"{name}.tar.gz"
        out.mkdir(parents=True, exist_ok=True)
        with tarfile.open(target, "w:gz", compresslevel=9) as tar:
            tar.add(folder, arcname=name)
    print(f"release: {target.name}: {target.stat().st_size / 1e6:.1f} MB (budget {ARCHIVE_BUDGET_MB} MB)")
    return target


def _run(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, check=False, **kwargs)  # type: ignore[call-overload]


def check_metadata(desktop: Path = DESKTOP_FILE, metainfo: Path = METAINFO_FILE) -> list[str]:
    """Problems ``desktop-file-validate`` and ``appstreamcli validate`` find (tools must exist)."""
    problems: list[str] = []
    for tool, cmd in (
        ("desktop-file-validate", ["desktop-file-validate", str(desktop)]),
        ("appstreamcli", ["appstreamcli", "validate", "--no-net", "--explain", str(metainfo)]),
    ):
        if shutil.which(tool) is None:
            problems.append(f"{tool} is not installed")
            continue
        done = _run(cmd)
        if done.returncode != 0 or (tool == "desktop-file-validate" and done.stdout.strip()):
            problems.append(f"{tool}: {(done.stdout + done.stderr).strip()}")
        else:
            print(f"release: {tool} {Path(cmd[-1]).name}: valid")
    return problems


def check_install(archive: Path) -> list[str]:
    """Unpack, install.sh into a scratch HOME, run the installed app's --version and --selftest, uninstall."""
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="leaddesk-install-") as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        with tarfile.open(archive) as tar:
            tar.extractall(tmp, filter="tar")
        folder = Path(tmp) / archive.name.removesuffix(".tar.gz")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "LEADDESK_"))}
        env.update(HOME=str(home), QT_QPA_PLATFORM="offscreen")
        done = _run(["sh", str(folder / "install.sh")], env=env)
        print(done.stdout.strip())
        if done.returncode != 0:
            return [f"install.sh failed: {done.stderr.strip()}"]
        installed = home / ".local" / "lib" / "leaddesk" / "leaddesk"
        entry = home / ".local" / "share" / "applications" / f"{APP_ID}.desktop"
        icon = home / ".local" / "share" / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png"
        for path in (installed, entry, icon, home / ".local" / "bin" / "leaddesk"):
            if not path.exists():
                problems.append(f"install.sh did not create {path.relative_to(home)}")
        if entry.exists() and f'Exec="{installed}"' not in entry.read_text(encoding="utf-8"):
            problems.append("the installed menu entry does not start the installed program")
        if shutil.which("desktop-file-validate") and entry.exists():
            valid = _run(["desktop-file-validate", str(entry)])
            if valid.returncode or valid.stdout.strip():
                problems.append(f"installed menu entry: {valid.stdout.strip()}")
        ver = _run([str(home / ".local" / "bin" / "leaddesk"), "--version"], env=env)
        if ver.stdout.strip() != f"LeadDesk {version()}":
            problems.append(f"installed --version printed {ver.stdout.strip()!r} {ver.stderr.strip()}")
        started = time.perf_counter()
        selftest = _run([str(installed), "--selftest"], env=env, timeout=180)
        for line in selftest.stdout.strip().splitlines():
            print(f"frozen: {line}")
        print(f"frozen: --selftest exit {selftest.returncode} in {time.perf_counter() - started:.1f} s")
        if selftest.returncode != 0:
            problems.append(f"frozen --selftest failed: {selftest.stdout.strip().splitlines()[-1:]}")
        gone = _run(["sh", str(home / ".local" / "lib" / "leaddesk" / "uninstall.sh")], env=env)
        left = sorted(str(p.relative_to(home)) for p in home.rglob(f"*{APP_ID}*"))
        left += [
            str(p.relative_to(home))
            for p in (home / ".local" / "lib" / "leaddesk", home / ".local" / "bin" / "leaddesk")
            if p.exists() or p.is_symlink()
        ]
        if gone.returncode != 0 or left:
            problems.append(f"uninstall.sh left {left} ({gone.stderr.strip()})")
        else:
            print("release: install.sh, the installed app and uninstall.sh work in a scratch home")
    return problems


def check(archive: Path) -> int:
    size_mb = archive.stat().st_size / 1e6
    print(f"release: bundle size {size_mb:.1f} MB as .tar.gz (budget {ARCHIVE_BUDGET_MB} MB)")
    problems = [] if size_mb <= ARCHIVE_BUDGET_MB else [f"{archive.name}: {size_mb:.1f} MB > budget"]
    problems += check_metadata()
    problems += check_install(archive)
    for problem in problems:
        print(f"release check FAILED: {problem}", file=sys.stderr)
    print(f"release check: {'FAILED' if problems else 'passed'}")
    return 1 if problems else 0


def build_nsis(payload: Path | None = None, out: Path = DIST) -> Path:
    """Compile the Windows installer script with ``makensis``; a stub payload when no Windows build exists.

    On Windows the payload is ``dist\\LeadDesk`` from ``make package``; here a folder with a stand-in
    ``leaddesk.exe`` proves the script compiles (every path, page and uninstaller step is checked).
    """
    tool = shutil.which("makensis")
    if tool is None:
        raise FileNotFoundError("makensis missing: apt-get install nsis")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="leaddesk-nsis-") as tmp:
        if payload is None:
            payload = Path(tmp) / "LeadDesk"
            (payload / "_internal").mkdir(parents=True)
            (payload / "leaddesk.exe").write_bytes(b"MZ stub, not a program")
            (payload / "_internal" / "base_library.zip").write_bytes(b"stub")
        icon = Path(tmp) / "leaddesk.ico"
        write_ico(ICON_MASTER, icon)
        target = out / f"LeadDesk-{version()}-windows-setup.exe"
        done = _run(
            [
                tool,
                "-V2",
                "-NOCD",
                f"-DVERSION={version()}",
                f"-DPAYLOAD={payload}",
                f"-DICON={icon}",
                f"-DOUTFILE={target}",
                str(NSIS_SCRIPT),
            ],
            cwd=str(NSIS_SCRIPT.parent),
        )
        if done.returncode != 0:
            raise RuntimeError(f"makensis failed:\n{done.stdout}\n{done.stderr}")
    size_kb = target.stat().st_size / 1e3
    print(f"release: makensis compiled {NSIS_SCRIPT.name} -> {target.name} ({size_kb:.0f} kB)")
    return target


def write_ico(svg: Path, target: Path) -> Path:
    """A Windows .ico (16-256 px) from the SVG master, for the installer and the shortcut."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        pngs = render_icons(svg, Path(tmp), (16, 32, 48, 256))
        biggest = Image.open(pngs[-2])
        biggest.save(target, format="ICO", sizes=[(s, s) for s in (16, 32, 48, 256)])
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="packaging/release.py", description=__doc__)
    parser.add_argument("step", choices=("archive", "check", "nsis", "all", "path"))
    parser.add_argument("--dist", type=Path, default=DIST / "LeadDesk", help="the one-folder build")
    args = parser.parse_args(argv)
    archive = DIST / f"{archive_name()}.tar.gz"
    if args.step == "path":  # for make: where the archive of this version goes
        print(archive.relative_to(ROOT) if archive.is_relative_to(ROOT) else archive)
        return 0
    if args.step in ("archive", "all"):
        archive = build_archive(args.dist)
    status = 0
    if args.step in ("check", "all"):
        status |= check(archive)
    if args.step in ("nsis", "all"):
        build_nsis()
    return status


if __name__ == "__main__":
    raise SystemExit(main())
