"""One version number: leaddesk/__init__.py, read by pyproject, --version, the database and the changelog."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from leaddesk import __version__
from leaddesk.cli import main
from leaddesk.core.appinfo import app_versions, stamp_app_version
from leaddesk.core.db import Database

ROOT = Path(__file__).resolve().parents[2]


def test_pyproject_takes_the_version_from_the_package() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in config["project"]
    assert "version" in config["project"]["dynamic"]
    assert config["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "leaddesk.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)


def test_the_changelog_names_this_version() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## \[?(\d+\.\d+\.\d+)", text, flags=re.MULTILINE)
    assert headings and headings[0] == __version__, "add a CHANGELOG.md section for the new version"


def test_version_flag(capsys) -> None:  # type: ignore[no-untyped-def]
    try:
        main(["--version"])
    except SystemExit as exc:
        assert exc.code == 0
    assert capsys.readouterr().out.strip() == f"LeadDesk {__version__}"


def test_the_database_records_which_release_created_and_last_opened_it(tmp_path: Path) -> None:
    db = Database.open_data_dir(tmp_path)
    try:
        assert app_versions(db) == {}
        assert stamp_app_version(db, "0.0.9") == {"created_with": "0.0.9", "last_opened_with": "0.0.9"}
        stamp_app_version(db)
        assert app_versions(db) == {"created_with": "0.0.9", "last_opened_with": __version__}
    finally:
        db.close()
    reopened = Database.open_data_dir(tmp_path)
    try:
        assert app_versions(reopened)["last_opened_with"] == __version__
    finally:
        reopened.close()
