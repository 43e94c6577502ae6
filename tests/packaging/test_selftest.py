"""``leaddesk --selftest`` as a user (or the release check on the frozen app) runs it."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from leaddesk import selftest

ROOT = Path(__file__).resolve().parents[2]


def test_selftest_passes_from_the_source_install_and_leaves_no_data(tmp_path: Path) -> None:
    env = dict(
        os.environ, PYTHONPATH=str(ROOT), TMPDIR=str(tmp_path), LEADDESK_DATA_DIR=str(tmp_path / "user")
    )
    env.pop("QT_QPA_PLATFORM", None)  # the selftest chooses offscreen itself
    # A machine clock far west of the user's zone (Berlin): its "today" is Berlin's yesterday for
    # half of every day, as UTC's is from 23:00; the report step must count in the user's zone.
    env["TZ"] = "Etc/GMT+12"
    done = subprocess.run(
        [sys.executable, "-m", "leaddesk", "--selftest"], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("LeadDesk ") and lines[0].endswith("selftest")
    assert [line.split()[1] for line in lines[1:-1]] == [name for name, _ in selftest.STEPS]
    assert lines[-1].startswith(f"selftest passed: {len(selftest.STEPS)} steps")
    assert list(tmp_path.iterdir()) == []  # scratch database removed, the user's folder never created


def test_a_failing_step_is_named_in_one_line_and_the_rest_is_skipped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ran: list[str] = []

    def broken(t: selftest.SelfTest) -> str:
        raise RuntimeError("search found []\nexpected one")

    def later(t: selftest.SelfTest) -> str:
        ran.append("later")
        return ""

    steps = [*selftest.STEPS[:2], ("search", broken), ("later", later)]
    monkeypatch.setattr(selftest, "STEPS", steps)
    out = io.StringIO()
    assert selftest.run(out) == 1
    lines = out.getvalue().splitlines()
    assert lines[-1] == "selftest FAILED: search: search found [] expected one"
    assert [line.split()[1] for line in lines[1:-1]] == ["migration", "import"]
    assert ran == []
