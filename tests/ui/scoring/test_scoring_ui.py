"""pytest-qt: the rule editor's live preview and save, and the lead's score breakdown."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from leaddesk.core.db import Database
from leaddesk.core.scoring import (
    Settings,
    default_rules,
    load_rules,
    rescore_all,
    rules_to_json,
    save_rules,
    save_settings,
    validate_rule,
)
from leaddesk.core.services.leads import get_lead, stage_history
from leaddesk.core.services.rescoring import accept_suggestion
from leaddesk.ui import ops
from leaddesk.ui.scoring import rule_editor
from leaddesk.ui.scoring.explain import ScoreExplainWidget
from leaddesk.ui.scoring.rule_editor import RuleEditor
from leaddesk.ui.scoring.rule_table import RuleTableModel, describe
from tests.core.scoring.helpers import NOW, add_activities, add_leads, lead_row


@pytest.fixture(autouse=True)
def _drain_workers() -> Iterator[None]:
    yield
    ops.wait_all()


def seed(db: Database) -> list[int]:
    save_rules(db, default_rules())
    save_settings(db, Settings(mql_threshold=40, sql_threshold=70, total_min=0, total_max=100))
    ids = add_leads(
        db,
        [lead_row(title="Geschäftsführer", company_size=50, industry="IT", country="DE") for _ in range(4)]
        + [lead_row(title="Praktikant", email="p@gmx.de") for _ in range(3)],
    )
    add_activities(db, [{"lead_id": ids[0], "kind": "webinar", "at": NOW}])
    rescore_all(db, now=NOW)
    return ids


def make_editor(qtbot: QtBot, db: Database) -> RuleEditor:
    editor = RuleEditor(db, now=lambda: NOW)
    qtbot.addWidget(editor)
    with qtbot.waitSignal(editor.preview_updated, timeout=10_000):
        editor.show()
    return editor


def test_rule_model_passes_qt_model_checks(qtmodeltester, db: Database) -> None:  # type: ignore[no-untyped-def]
    model = RuleTableModel(default_rules())
    qtmodeltester.check(model)
    model.move_rule(0, 2)
    model.remove_rule(1)
    qtmodeltester.check(model)


def test_editing_a_rule_updates_the_preview_and_saving_rescores(qtbot: QtBot, db: Database) -> None:
    ids = seed(db)
    before = {i: get_lead(db, i) for i in ids}
    assert {v.score_flag for v in before.values()} == {"mql", ""}  # 50 points fit: ready for MQL
    editor = make_editor(qtbot, db)
    row = next(i for i, r in enumerate(editor.model.rules()) if r.field == "company_size")
    editor.select_row(row)
    with qtbot.waitSignal(editor.preview_updated, timeout=10_000) as blocker:
        editor.form.points.setValue(40)  # company size 10–249 now gives 40 instead of 15
    preview = blocker.args[0]
    assert preview.hits == 4
    assert (preview.before.ready_mql, preview.before.ready_sql) == (4, 0)
    assert (preview.after.ready_mql, preview.after.ready_sql) == (0, 4)
    assert "→ 4" in editor.ready_label.text()
    assert editor.model.rule(row).points == 40
    # Nothing is written before Save.
    assert get_lead(db, ids[0]).score == before[ids[0]].score
    with qtbot.waitSignal(editor.rules_saved, timeout=20_000) as saved:
        editor.save_button.click()
    assert saved.args[0].changed == 4
    after = {i: get_lead(db, i) for i in ids}
    for i in ids[:4]:
        assert after[i].score == before[i].score + 25
        assert (before[i].score_flag, after[i].score_flag) == ("mql", "sql")  # the board's badge changes
    for i in ids[4:]:
        assert after[i] == before[i]
    assert next(r for r in load_rules(db) if r.field == "company_size").points == 40


def editor_with_a_bad_range(qtbot: QtBot, db: Database) -> RuleEditor:
    """The rule editor after typing a minimum company size of 300, above the rule's maximum 249."""
    seed(db)
    editor = make_editor(qtbot, db)
    row = next(i for i, r in enumerate(editor.model.rules()) if r.field == "company_size")
    editor.select_row(row)
    editor.form.low.setText("300")
    editor.form.low.textEdited.emit("300")
    return editor


def test_invalid_rule_blocks_save_with_a_message(qtbot: QtBot, db: Database) -> None:
    editor = editor_with_a_bad_range(qtbot, db)
    assert "above the maximum" in editor.form.error.text()
    with qtbot.waitSignal(editor.save_failed, timeout=5_000):
        editor.save_button.click()
    assert "problems" in editor.status.text()


def test_add_disable_reorder_and_cancel(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = seed(db)
    editor = make_editor(qtbot, db)
    count = editor.model.rowCount()
    editor.select_row(0)
    editor.add_rule()
    assert editor.model.rowCount() == count + 1 and editor.current_row() == 1
    editor.move_rule(-1)
    assert editor.current_row() == 0 and editor.model.rule(0).name == "New rule"
    first = editor.model.index(1, 0)
    editor.model.setData(first, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert not editor.model.rule(1).enabled
    editor.remove_rule()
    assert editor.model.rowCount() == count
    # Cancelling the rescore keeps every score and the stored rules.
    scores = {i: get_lead(db, i).score for i in ids}
    cancelled = threading.Event()
    real_save = rule_editor.save_and_rescore

    def save_after_cancel(*args: Any, **kwargs: Any) -> Any:
        cancelled.wait(10)  # the worker starts only once Cancel was pressed
        return real_save(*args, **kwargs)

    monkeypatch.setattr(rule_editor, "save_and_rescore", save_after_cancel)
    editor.save()
    editor.cancel_save()
    cancelled.set()
    with qtbot.waitSignal(editor.save_failed, timeout=20_000):
        pass
    assert "nothing was saved" in editor.status.text()
    assert {i: get_lead(db, i).score for i in ids} == scores
    assert all(r.enabled for r in load_rules(db))
    # Import puts a file's rules into the editor (saved only on Save).
    path = tmp_path / "rules.json"
    rule = validate_rule({"group": "fit", "field": "city", "operator": "equals", "value": "Ulm", "points": 3})
    path.write_text(rules_to_json([rule]), encoding="utf-8")
    assert editor.load_rules_file(path)
    assert editor.model.rules() == [rule] and describe(rule) == "City is Ulm"


def test_explain_widget_shows_breakdown_and_audits_adjustments(qtbot: QtBot, db: Database) -> None:
    ids = seed(db)
    widget = ScoreExplainWidget(db, ids[0], now=lambda: NOW)
    qtbot.addWidget(widget)
    reasons = [widget.model.index(r, 0).data() for r in range(widget.model.rowCount())]
    assert "Webinar attended" in reasons and "Company size 10–249 (Mittelstand)" in reasons
    webinar = reasons.index("Webinar attended")
    assert widget.model.index(webinar, 1).data() == "+15"
    assert widget.model.index(webinar, 2).data()  # when the webinar points are gone
    assert "Score 65" in widget.summary.text()
    assert widget.suggestion.isVisibleTo(widget) and widget.accept_button.isVisibleTo(widget)
    # No reason, no adjustment.
    widget.points.setValue(-20)
    assert not widget.add_button.isEnabled()
    qtbot.keyClicks(widget.reason, "Budget frozen until Q3")
    assert widget.add_button.isEnabled()
    with qtbot.waitSignal(widget.score_changed):
        widget.add_button.click()
    assert get_lead(db, ids[0]).manual_score == -20
    last = widget.model.index(widget.model.rowCount() - 1, 0).data()
    assert last == "Budget frozen until Q3"
    assert "manual -20" in widget.summary.text()
    # Accepting a suggestion is one click, handed to the board's one undoable path
    # (tests/ui/test_one_truth.py follows it to the board, the history and undo).
    widget.set_lead(ids[1])
    with qtbot.waitSignal(widget.accept_requested) as accepted:
        widget.accept_button.click()
    assert accepted.args == [ids[1]]
    accept_suggestion(db, ids[1])
    qtbot.waitUntil(lambda: not widget.accept_button.isVisibleTo(widget))  # the change signal refreshed it
    assert stage_history(db, ids[1])[-1].actor_kind == "user"


def test_decay_refresher_runs_at_start_and_when_a_day_passed(qtbot: QtBot, db: Database) -> None:
    from datetime import timedelta

    from leaddesk.ui.scoring.decay import DecayRefresher

    ids = seed(db)  # lead 0 has a webinar at NOW: 15 points fading linearly over 90 days
    assert get_lead(db, ids[0]).engagement_score == 15
    clock = [NOW + timedelta(days=45, hours=1)]
    refresher = DecayRefresher(db, now=lambda: clock[0])
    with qtbot.waitSignal(refresher.refreshed, timeout=10_000) as blocker:
        refresher.start()
    assert blocker.args[0].leads == 1  # only the lead whose points were due to fade
    assert get_lead(db, ids[0]).engagement_score == 8  # 15 · 45/90 = 7.5 → 8
    refresher.check()  # an hour later: not due again
    ops.wait_all()
    qtbot.wait(10)
    clock[0] += timedelta(days=1)
    with qtbot.waitSignal(refresher.refreshed, timeout=10_000):
        refresher.check()
    assert get_lead(db, ids[0]).engagement_score == 7
    refresher.stop()


@pytest.mark.parametrize(
    ("typed", "in_german", "in_english"),
    [("10000", 10000, 10000), ("1.500", 1500, 1.5), ("1.500,50", 1500.5, "1.500,50"), ("2,5", 2.5, 2.5),
     ("1.5", 1.5, 1.5), ("inf", "inf", "inf"), ("Maschinenbau", "Maschinenbau", "Maschinenbau")],
)  # fmt: skip
def test_numbers_are_read_as_the_user_types_them(
    qtbot: QtBot, request: pytest.FixtureRequest, typed: str, in_german: Any, in_english: Any
) -> None:
    from leaddesk.ui.scoring.rule_form import _number

    request.getfixturevalue("english")
    assert _number(typed) == in_english
    request.getfixturevalue("german")
    assert _number(typed) == in_german


def test_changing_the_points_of_a_rule_keeps_its_value_in_german(
    qtbot: QtBot, db: Database, german: Any
) -> None:
    """The form showed 10000 as "10.000" and read it back as 10: "deal value at least 10"."""
    rule = validate_rule(
        {
            "name": "Großauftrag",
            "group": "fit",
            "field": "value",
            "operator": "at_least",
            "value": 10000,
            "points": 20,
        }
    )
    save_rules(db, [rule])
    editor = RuleEditor(db)
    qtbot.addWidget(editor)
    editor.show()
    editor.select_row(0)
    assert editor.form.value.text() == "10000"
    editor.form.points.setValue(25)  # only the points change
    assert (editor.model.rule(0).points, editor.model.rule(0).value) == (25, 10000)


def test_closing_the_editor_with_changes_asks_save_discard_or_cancel(qtbot: QtBot, db: Database) -> None:
    from PySide6.QtWidgets import QMessageBox

    seed(db)
    editor = make_editor(qtbot, db)
    editor.close()  # nothing changed: closes without a question
    assert not editor.isVisible() and editor.close_question is None
    editor = make_editor(qtbot, db)
    editor.select_row(0)
    editor.add_rule()
    editor.reject()  # Esc
    box = editor.close_question
    assert box is not None and editor.isVisible()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Save)
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert editor.isVisible() and editor.has_unsaved()  # Cancel keeps editing
    editor.close()
    with qtbot.waitSignal(editor.rules_saved, timeout=20_000):
        editor.close_question.button(QMessageBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not editor.isVisible())
    assert len(load_rules(db)) == editor.model.rowCount()  # saved, then closed
    editor = make_editor(qtbot, db)
    editor.remove_rule()
    editor.close()
    editor.close_question.button(QMessageBox.StandardButton.Discard).click()
    assert not editor.isVisible() and len(load_rules(db)) == editor.model.rowCount() + 1  # nothing saved
