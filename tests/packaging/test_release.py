"""The release archive's parts without a real build: metadata, icons, install.sh and uninstall.sh.

A stand-in program (a shell script named ``leaddesk``) takes the frozen app's place, so installing
into a scratch home and removing again runs in ``make test``; ``make release-check`` repeats it with
the real bundle and its ``--selftest``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tarfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from leaddesk import __version__
from tests.packaging.test_bundle_spec import load

release = load("release")
needs_sh = pytest.mark.skipif(shutil.which("sh") is None, reason="POSIX shell")


def test_metainfo_names_the_app_id_the_menu_entry_and_this_release() -> None:
    root = ET.parse(release.METAINFO_FILE).getroot()
    assert root.findtext("id") == release.APP_ID
    assert root.findtext("launchable") == release.DESKTOP_FILE.name
    assert root.findtext("icon") == release.APP_ID
    versions = [r.get("version") for r in root.iter("release")]
    assert versions and versions[0] == __version__, "add a <release> for the new version"
    assert release.version() == __version__


@pytest.mark.skipif(
    not (shutil.which("desktop-file-validate") and shutil.which("appstreamcli")),
    reason="apt-get install desktop-file-utils appstream",
)
def test_desktop_entry_and_metainfo_validate() -> None:
    assert release.check_metadata() == []


def test_icons_are_rendered_in_every_hicolor_size(tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    written = release.render_icons(release.ICON_MASTER, tmp_path)
    for size in release.ICON_SIZES:
        image = QImage(str(tmp_path / f"{size}x{size}" / "apps" / f"{release.APP_ID}.png"))
        assert (image.width(), image.height()) == (size, size)
        centre = image.pixelColor(size // 2, size - size // 8)
        assert centre.alpha() == 255, "the icon's body is opaque"
        assert image.pixelColor(0, 0).alpha() < 255, "rounded corners stay transparent"
    assert (tmp_path / "scalable" / "apps" / f"{release.APP_ID}.svg").is_file()
    assert len(written) == len(release.ICON_SIZES) + 1


def fake_dist(tmp_path: Path) -> Path:
    dist = tmp_path / "dist" / "LeadDesk"
    (dist / "_internal").mkdir(parents=True)
    program = dist / "leaddesk"
    program.write_text(f'#!/bin/sh\necho "LeadDesk {__version__}"\n', encoding="utf-8")
    program.chmod(0o755)
    return dist


@needs_sh
def test_install_and_uninstall_for_one_user_without_root(tmp_path: Path) -> None:
    folder = release.stage(fake_dist(tmp_path), tmp_path / "unpacked")
    home = tmp_path / "home"
    home.mkdir()
    (home / ".local" / "share" / "LeadDesk").mkdir(parents=True)
    (home / ".local" / "share" / "LeadDesk" / "leaddesk.sqlite3").write_text("the user's leads")
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")} | {"HOME": str(home)}

    done = subprocess.run(["sh", str(folder / "install.sh")], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert f"LeadDesk {__version__} installed" in done.stdout
    lib = home / ".local" / "lib" / "leaddesk"
    entry = (home / ".local" / "share" / "applications" / f"{release.APP_ID}.desktop").read_text()
    assert re.search(rf'^Exec="{re.escape(str(lib))}/leaddesk"$', entry, flags=re.MULTILINE)
    assert (home / ".local" / "bin" / "leaddesk").resolve() == (lib / "leaddesk").resolve()
    hicolor = home / ".local" / "share" / "icons" / "hicolor"
    assert (hicolor / "256x256" / "apps" / f"{release.APP_ID}.png").is_file()
    assert (home / ".local" / "share" / "metainfo" / f"{release.APP_ID}.metainfo.xml").is_file()
    ran = subprocess.run([str(home / ".local" / "bin" / "leaddesk")], capture_output=True, text=True)
    assert ran.stdout.strip() == f"LeadDesk {__version__}"

    again = subprocess.run(["sh", str(folder / "install.sh")], env=env, capture_output=True, text=True)
    assert again.returncode == 0, "installing over an installed version updates it"

    gone = subprocess.run(["sh", str(lib / "uninstall.sh")], env=env, capture_output=True, text=True)
    assert gone.returncode == 0, gone.stderr
    assert "Your leads are still in" in gone.stdout
    assert not lib.exists() and not (home / ".local" / "bin" / "leaddesk").is_symlink()
    assert list(home.rglob(f"*{release.APP_ID}*")) == []
    assert (home / ".local" / "share" / "LeadDesk" / "leaddesk.sqlite3").read_text() == "the user's leads"


def test_archive_unpacks_into_one_versioned_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = release.build_archive(fake_dist(tmp_path), tmp_path / "out")
    assert archive.name == f"{release.archive_name()}.tar.gz"
    assert __version__ in archive.name
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        mode = tar.getmember(f"{release.archive_name()}/install.sh").mode
    assert {n.split("/")[0] for n in names} == {release.archive_name()}
    assert f"{release.archive_name()}/LeadDesk/leaddesk" in names
    assert mode & 0o111


@pytest.mark.skipif(shutil.which("makensis") is None, reason="apt-get install nsis")
def test_windows_installer_script_compiles(tmp_path: Path) -> None:
    setup = release.build_nsis(out=tmp_path)
    assert setup.name == f"LeadDesk-{__version__}-windows-setup.exe"
    assert setup.read_bytes()[:2] == b"MZ"
