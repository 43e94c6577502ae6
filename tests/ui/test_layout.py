"""Window geometry and state are remembered, and ignored when saved by another layout version."""

from __future__ import annotations

from typing import Any

from leaddesk.ui import main_window
from leaddesk.ui.main_window import MainWindow, settings_file


def test_geometry_and_lost_toggle_survive_a_restart(db: Any, qtbot: Any) -> None:
    first = MainWindow(db)
    qtbot.addWidget(first)
    first.resize(700, 500)  # within the offscreen screen (800x600): restoreGeometry clamps
    first.act_lost.setChecked(True)
    first.save_layout()
    assert settings_file().exists()

    second = MainWindow(db)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (700, 500)
    assert second.act_lost.isChecked() and second.board.lost_visible


def test_state_of_another_version_is_not_restored(db: Any, qtbot: Any, monkeypatch: Any) -> None:
    first = MainWindow(db)
    qtbot.addWidget(first)
    first.resize(700, 500)
    first.act_lost.setChecked(True)
    first.save_layout()
    monkeypatch.setattr(main_window, "STATE_VERSION", main_window.STATE_VERSION + 1)
    second = MainWindow(db)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (1280, 800)
    assert not second.act_lost.isChecked()
