"""A lead's stage history tab: every move newest first, with who and why, in the UI's language."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from leaddesk.core.models import StageChange
from leaddesk.core.services.leads import create_lead, move_stage
from leaddesk.ui.stage_history import StageHistoryView


def _rows(view: StageHistoryView) -> list[list[str]]:
    model = view.model
    return [[model.index(r, c).data() for c in range(4)] for r in range(model.rowCount())]


def _lead_with_history(db: Any) -> int:
    lead = create_lead(db, {"first_name": "Jana", "last_name": "Wolf", "company": "Wolf KG"}, actor="anna")[0]
    with db.transaction() as s:  # written as a scoring rule and an older import would have
        at = datetime(2026, 11, 2, 9, tzinfo=UTC)
        s.add(StageChange(lead_id=lead.id, from_stage="lead", to_stage="mql", at=at, actor="Scoring",
                          actor_kind="rule", reason="Score 55 reached the MQL threshold (50)"))  # fmt: skip
        s.add(StageChange(lead_id=lead.id, from_stage=None, to_stage="lead", at=at, actor="ben",
                          actor_kind="import", reason="Import messe.csv, Zeile 7"))  # fmt: skip
    move_stage(db, lead.id, "lost", reason="no_budget: erst 2027 wieder", actor="anna")
    return lead.id


def test_history_shows_every_move_newest_first(qtbot: Any, db: Any, qtmodeltester: Any, english: Any) -> None:
    view = StageHistoryView(db, _lead_with_history(db))
    qtbot.addWidget(view)
    qtmodeltester.check(view.model)
    rows = _rows(view)
    assert [r[1:] for r in rows[:1]] == [["Lead → Lost", "anna", "No budget: erst 2027 wieder"]]
    assert sorted(r[1:] for r in rows[1:]) == [
        ["Lead → MQL", "Scoring rules", "Score 55 reached the MQL threshold (50)"],
        ["New in Lead", "anna", ""],
        ["New in Lead", "ben (Import)", "Import messe.csv, line 7"],
    ]
    assert view.summary.text() == "2 stage changes"
    assert view.view.currentIndex().row() == 0


def test_history_in_german(qtbot: Any, db: Any, german: Any) -> None:
    view = StageHistoryView(db, _lead_with_history(db))
    qtbot.addWidget(view)
    rows = _rows(view)
    assert rows[0][1:] == ["Lead → Verloren", "anna", "Kein Budget: erst 2027 wieder"]
    texts = {r[3] for r in rows}
    assert "Punktzahl 55 hat die MQL-Schwelle (50) erreicht" in texts
    assert "Import messe.csv, Zeile 7" in texts
    assert view.summary.text() == "2 Phasenwechsel"
    header = [view.model.horizontalHeaderItem(c).text() for c in range(4)]
    assert header == ["Wann", "Wechsel", "Durch", "Grund"]


def test_an_empty_history_says_so(qtbot: Any, db: Any) -> None:
    view = StageHistoryView(db, 999)
    qtbot.addWidget(view)
    assert view.model.rowCount() == 0 and view.summary.text() == "No moves recorded."


def test_a_lead_never_moved_says_so_instead_of_zero_changes(qtbot: Any, db: Any, english: Any) -> None:
    lead = create_lead(db, {"first_name": "Nina", "last_name": "Neu", "company": "Neu GmbH"})[0]
    view = StageHistoryView(db, lead.id)
    qtbot.addWidget(view)
    assert [r[1] for r in _rows(view)] == ["New in Lead"]
    assert view.summary.text() == "Created in Lead, not moved since."
    move_stage(db, lead.id, "mql", actor="anna")
    view.reload()
    assert view.summary.text() == "1 stage change"  # the creation row is no change
