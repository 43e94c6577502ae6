"""Colleagues see each other's work live (issue 16, PostgreSQL): a real second process writes.

The window here runs on PostgreSQL (the other UI tests keep SQLite); the colleague is a child
process (tests/live_child.py) on the same database. Its commit reaches this window only
through PostgreSQL's announcement, never through this process's own change signal.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from leaddesk.core.services.leads import get_lead
from leaddesk.ui.ops import operations
from tests import live_child

#: The promise: a colleague's change shows within a second of its commit.
WITHIN_MS = 1000


@pytest.fixture
def db_engine() -> str:
    """This module's windows run on the test cluster's PostgreSQL."""
    return "postgresql"


@pytest.fixture
def url(db: Any) -> str:
    return str(db.engine.url.render_as_string(hide_password=False))


@pytest.fixture
def listening(db: Any, window: Any) -> Any:
    """The window's live feed, listening before the colleague writes."""
    feed = operations(db).live
    assert feed is not None, "no live feed on PostgreSQL"
    assert feed.wait_ready()
    return feed


def column_ids(window: Any, stage: str) -> list[int]:
    return list(window.board.models[stage].ids)


def test_a_colleagues_move_shows_on_the_board(
    db: Any, add_lead: Any, window: Any, listening: Any, url: str, qtbot: Any
) -> None:
    lead = add_lead("Kollegin", company="Live AG")
    window.board.reload()
    assert lead.id in column_ids(window, "lead")
    colleague = live_child.start(url, "move", lead.id, "mql")
    live_child.go(colleague)
    assert live_child.outcome(colleague)["outcome"] == "won"  # committed now
    qtbot.waitUntil(lambda: lead.id in column_ids(window, "mql"), timeout=WITHIN_MS)
    assert lead.id not in column_ids(window, "lead")


def test_a_colleagues_edit_shows_in_the_open_editor(
    db: Any, add_lead: Any, window: Any, listening: Any, url: str, qtbot: Any
) -> None:
    lead = add_lead("Offen", company="Alt GmbH")
    window.board.reload()
    editor = window.open_editor(lead.id)
    colleague = live_child.start(url, "edit", lead.id, "company", "Neu GmbH")
    live_child.go(colleague)
    assert live_child.outcome(colleague)["outcome"] == "won"
    qtbot.waitUntil(lambda: editor.widgets["company"].text() == "Neu GmbH", timeout=WITHIN_MS)
    assert editor.lead.version == get_lead(db, lead.id).version  # Save now is no false conflict


@pytest.mark.parametrize("order", ["same moment", "theirs first", "mine first"])
def test_editing_one_lead_at_once_one_wins_the_other_is_asked(
    db: Any, add_lead: Any, window: Any, listening: Any, url: str, monkeypatch: Any, qtbot: Any, order: str
) -> None:
    """Both read version v and change the company. Whoever commits second is refused: the window
    shows the conflict dialog (its exec is all that is mocked), the colleague's process gets
    ConflictError. "theirs first" lets the colleague's change reach the open editor before Save:
    the live update must not quietly take the new version over a field typed here."""
    lead = add_lead("Zugleich", company="Start GmbH")
    window.board.reload()
    editor = window.open_editor(lead.id)
    editor.widgets["company"].setText("Meine GmbH")
    asked: list[str] = []

    def shown(box: QMessageBox) -> int:  # the conflict dialog, answered "Keep editing"
        asked.append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", shown)
    colleague = live_child.start(url, "edit", lead.id, "company", "Ihre GmbH")
    if order == "mine first":
        mine_saved = editor.save()
        live_child.go(colleague)
        theirs = live_child.outcome(colleague)
    elif order == "theirs first":
        with qtbot.waitSignal(operations(db).changed, timeout=WITHIN_MS):
            live_child.go(colleague)
            theirs = live_child.outcome(colleague)
        assert editor.widgets["company"].text() == "Meine GmbH"
        mine_saved = editor.save()
    else:
        live_child.go(colleague)
        mine_saved = editor.save()  # at the same moment as the colleague's save
        theirs = live_child.outcome(colleague)
    theirs_saved = theirs["outcome"] == "won"
    assert mine_saved != theirs_saved, "exactly one save wins"
    stored = get_lead(db, lead.id)
    assert stored.version == lead.version + 1  # one write, the other refused: nothing lost
    if mine_saved:
        assert stored.company == "Meine GmbH" and asked == []
    else:
        assert stored.company == "Ihre GmbH" and len(asked) == 1
        assert editor.isVisible() and editor.widgets["company"].text() == "Meine GmbH"  # kept


def test_a_colleagues_edit_shows_in_the_list(
    db: Any, add_lead: Any, window: Any, listening: Any, url: str, qtbot: Any
) -> None:
    from tests.ui.test_listview import column, shown_list

    lead = add_lead("Liste", company="Alt GmbH")
    view = shown_list(window)
    qtbot.waitUntil(lambda: "Alt GmbH" in column(view, "company"), timeout=5000)
    colleague = live_child.start(url, "edit", lead.id, "company", "Neu GmbH")
    live_child.go(colleague)
    assert live_child.outcome(colleague)["outcome"] == "won"
    qtbot.waitUntil(lambda: column(view, "company") == ["Neu GmbH"], timeout=WITHIN_MS)
