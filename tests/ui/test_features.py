"""The features built beside the board are reachable from the main window and keep the board true."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from leaddesk.core.models import utcnow
from leaddesk.core.scoring import install_defaults
from leaddesk.core.services.activities import WEBINAR, add_activity
from leaddesk.core.services.leads import move_stage, update_lead
from leaddesk.core.services.tasks import create_task
from tests.ui.keys import CTRL, key, type_into


@pytest.fixture
def features(window: Any) -> Any:
    from leaddesk.ui import features as features_module

    installed = features_module.Features(window)
    window.features = installed
    yield installed
    for widget in list(installed._open.values()):
        widget.close()


def menu_texts(window: Any, menu: str) -> list[str]:
    return [a.text().replace("&", "") for a in window.menus[menu].actions() if a.text()]


def test_every_feature_has_a_menu_entry(features: Any, window: Any) -> None:
    assert "Quick entry (trade fair)…" in menu_texts(window, "file")
    assert {"Export…", "Past imports…"} <= set(menu_texts(window, "file"))
    assert {"Follow-ups due…", "Find duplicates…", "Scoring rules…", "Qualification rule…"} <= set(
        menu_texts(window, "tools")
    )
    assert "Start discovery call" in menu_texts(window, "lead")


def test_editor_of_a_lead_shows_activities_bant_and_score(
    db: Any, add_lead: Any, window: Any, features: Any
) -> None:
    lead = add_lead("Berg", company="Berg GmbH")
    window.board.reload()
    editor = window.open_editor(lead.id)
    titles = [editor.tabs.tabText(i) for i in range(editor.tabs.count())]
    assert titles[-4:] == ["Activities", "BANT", "Score", "History"]
    editor.done(0)
    new_editor = window.open_editor(None)
    assert "Score" not in [new_editor.tabs.tabText(i) for i in range(new_editor.tabs.count())]
    new_editor.done(0)


def test_history_tab_shows_a_move_made_while_the_editor_is_open(
    db: Any, add_lead: Any, window: Any, features: Any
) -> None:
    lead = add_lead("Berg", company="Berg GmbH")
    window.board.reload()
    editor = window.open_editor(lead.id)
    tabs = editor.tabs
    history = tabs.widget(tabs.count() - 1)
    tabs.setCurrentWidget(history)
    assert history.model.rowCount() == 1 and history.model.index(0, 1).data() == "New in Lead"
    tabs.setCurrentIndex(0)
    move_stage(db, lead.id, "mql", actor="anna")  # on the board, say, with the editor still open
    tabs.setCurrentWidget(history)
    assert history.model.rowCount() == 2 and history.model.index(0, 1).data() == "Lead → MQL"
    editor.done(0)


def test_a_change_elsewhere_repaints_the_card(db: Any, add_lead: Any, window: Any, features: Any) -> None:
    install_defaults(db)
    lead = add_lead("Berg", company="Berg GmbH")
    window.board.reload()
    add_activity(db, lead.id, WEBINAR)  # the change signal repaints the card; nobody reloads
    card = window.board.models["lead"].cached(lead.id) or window.board._fetch_cards([lead.id])[lead.id]
    assert card.score > 0


def test_import_opens_the_wizard(db: Any, window: Any, features: Any, qtbot: Any) -> None:
    from leaddesk.ui.imports.wizard import ImportWizard

    window.act_import.trigger()
    wizards = [w for w in window.findChildren(ImportWizard) if w.isVisible()]
    assert len(wizards) == 1
    wizards[0].close()


def test_discovery_call_from_the_card_menu(
    db: Any, add_lead: Any, window: Any, features: Any, qtbot: Any
) -> None:
    from leaddesk.ui.call.window import open_call_for

    lead = add_lead("Kaya", company="Kaya AG")
    window.board.reload()
    menu = QMenu(window)
    features._extend_card_menu(menu, lead.id)
    [action] = [a for a in menu.actions() if a.text().replace("&", "") == "Start discovery call"]
    action.trigger()
    call = open_call_for(lead.id)
    assert call is not None and call.isVisible()
    call.hide()
    call.deleteLater()


def test_follow_ups_window_lists_what_is_due(db: Any, add_lead: Any, window: Any, features: Any) -> None:
    lead = add_lead("Roth")
    create_task(db, lead.id, utcnow() - timedelta(days=1), title="Angebot nachfassen")
    follow_ups = features.show_follow_ups()
    assert follow_ups.isVisible() and follow_ups.model.rowCount() == 1
    assert features.show_follow_ups() is follow_ups  # one window, brought forward again


def test_closing_a_lead_opened_from_the_follow_ups_returns_to_the_list(
    db: Any, add_lead: Any, window: Any, features: Any, qtbot: Any
) -> None:
    """Worked through by keyboard: Enter opens the lead, Esc closes it, and the next Enter must
    open the next follow-up, not the card selected on the board behind it."""
    for name in ("Roth", "Sommer"):
        create_task(db, add_lead(name).id, utcnow() - timedelta(days=1), title="Angebot nachfassen")
    window.board.reload()
    follow_ups = features.show_follow_ups()
    follow_ups.activateWindow()
    qtbot.waitUntil(follow_ups.isActiveWindow)
    follow_ups.view.setFocus()
    key(Qt.Key.Key_Return)
    editor = window.editor
    assert editor is not None and editor.lead.last_name == "Roth"
    qtbot.waitUntil(editor.isActiveWindow)
    key(Qt.Key.Key_Escape)
    assert not editor.isVisible()
    qtbot.waitUntil(follow_ups.isActiveWindow)
    assert follow_ups.view.hasFocus()


def test_feature_windows_open_once(window: Any, features: Any) -> None:
    first = features.open_rule_editor()
    assert features.open_rule_editor() is first
    quick = features.open_quick_entry()
    assert features.open_quick_entry() is quick and quick.isVisible()


def test_saving_a_rule_changes_the_badges_on_the_board(
    db: Any, qtbot: Any, window: Any, features: Any
) -> None:
    from tests.ui.scoring.test_scoring_ui import seed

    ids = seed(db)  # four managing directors at 50 points: "ready for MQL" under thresholds 40/70
    window.board.reload()
    model = window.board.models["lead"]
    qtbot.waitUntil(lambda: all(model.cached(i) is not None for i in ids[1:4]), timeout=5_000)
    assert {model.cached(i).score_flag for i in ids[1:4]} == {"mql"}
    editor = features.open_rule_editor()
    row = next(i for i, r in enumerate(editor.model.rules()) if r.field == "company_size")
    editor.select_row(row)
    with qtbot.waitSignal(editor.preview_updated, timeout=10_000):
        editor.form.points.setValue(40)
    with qtbot.waitSignal(editor.rules_saved, timeout=20_000):
        editor.save_button.click()

    def badges_changed() -> bool:
        cards = [model.cached(i) for i in ids[1:4]]
        return all(c is not None and c.score_flag == "sql" for c in cards)

    qtbot.waitUntil(badges_changed, timeout=5_000)
    assert all(model.cached(i).score >= 70 for i in ids[1:4])


def _tab(editor: Any, kind: type) -> Any:
    return next(
        editor.tabs.widget(i) for i in range(editor.tabs.count()) if isinstance(editor.tabs.widget(i), kind)
    )


def _open(window: Any, qtbot: Any, lead_id: int) -> Any:
    editor = window.open_editor(lead_id)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    return editor


def _editor_of_new_lead(add_lead: Any, window: Any, qtbot: Any) -> tuple[Any, Any]:
    lead = add_lead("Kraus", company="ACME")
    window.board.reload()
    return lead, _open(window, qtbot, lead.id)


def test_enter_in_a_tab_does_its_job_and_leaves_the_editor_open(
    db: Any, add_lead: Any, window: Any, features: Any, qtbot: Any
) -> None:
    from leaddesk.core.services.activities import list_activities
    from leaddesk.ui.activities import ActivityTimeline
    from leaddesk.ui.call.panel import QualificationPanel

    lead, editor = _editor_of_new_lead(add_lead, window, qtbot)
    timeline = _tab(editor, ActivityTimeline)
    editor.tabs.setCurrentWidget(timeline)
    timeline.text.setFocus()
    type_into("Rückruf vereinbart")
    key(Qt.Key.Key_Return)
    assert [a.notes for a in list_activities(db, lead.id)] == ["Rückruf vereinbart"]
    assert editor.isVisible()
    panel = _tab(editor, QualificationPanel)
    editor.tabs.setCurrentWidget(panel)
    amount = panel.form.widgets["budget_amount"]
    amount.setFocus()
    type_into("40000")
    key(Qt.Key.Key_Return)
    assert editor.isVisible() and panel.has_unsaved()  # the amount is still there, not dropped
    editor.done(0)


def test_ctrl_s_saves_the_bant_tab_too_and_esc_asks_first(
    db: Any, add_lead: Any, window: Any, features: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from leaddesk.core.services.qualification import get_qualification
    from leaddesk.ui.call.panel import QualificationPanel

    lead, editor = _editor_of_new_lead(add_lead, window, qtbot)
    panel = _tab(editor, QualificationPanel)
    editor.tabs.setCurrentWidget(panel)
    panel.form.focus_section("need")
    type_into("c")  # the first letter picks "confirmed"
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: asked.append(box.text()) or QMessageBox.StandardButton.Cancel
    )
    key(Qt.Key.Key_Escape)
    assert asked == ["Save your changes to this lead?"] and editor.isVisible()  # not dropped silently
    key(Qt.Key.Key_S, CTRL)
    assert get_qualification(db, lead.id).need_status == "confirmed"
    assert not editor.isVisible()


def test_a_move_from_the_editors_own_score_tab_is_no_conflict_on_save(
    db: Any, add_lead: Any, window: Any, features: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from leaddesk.core.services.leads import get_lead
    from leaddesk.ui.scoring.explain import ScoreExplainWidget

    install_defaults(db)
    lead, editor = _editor_of_new_lead(add_lead, window, qtbot)
    editor.widgets["title"].setText("Einkaufsleiter")  # typed, not saved yet
    score = _tab(editor, ScoreExplainWidget)
    score.points.setValue(90)
    score.reason.setText("Chef am Stand getroffen")
    score.add_button.click()
    score.accept_button.click()  # moves the lead: a new version
    assert get_lead(db, lead.id).stage != "lead"
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()) or 0)
    assert editor.save() and asked == []
    saved = get_lead(db, lead.id)
    assert saved.title == "Einkaufsleiter" and saved.stage != "lead"
    # A change to a field typed here, made elsewhere meanwhile, still asks.
    editor = _open(window, qtbot, lead.id)
    editor.widgets["company"].setText("ACME Europe")
    update_lead(db, lead.id, {"company": "ACME Holding"}, expected_version=saved.version)
    editor.save()
    assert asked == ["This lead was changed elsewhere while you edited it. Your changes are not saved yet."]
    editor.done(0)


def _end_call_with(features: Any, lead_id: int, statuses: dict[str, str]) -> None:
    call = features.start_call(lead_id)
    for section, value in statuses.items():
        combo = call.form.sections[section].status
        combo.setCurrentIndex(combo.findData(value))
    call.request_end()
    call.end_dialog.accept()
    call.result_dialog.reject()  # keep the stage


def _pick(panel: Any, section: str, value: str) -> None:
    combo = panel.form.sections[section].status
    combo.setCurrentIndex(combo.findData(value))


def test_bant_a_call_stored_survives_a_later_save_in_the_editor_tab(
    db: Any, add_lead: Any, window: Any, features: Any, qtbot: Any
) -> None:
    """The tab was filled before the call; saving it puts its edits on top of the call's."""
    from leaddesk.core.services.qualification import get_qualification, load_qualification
    from leaddesk.ui.call.panel import QualificationPanel

    lead, editor = _editor_of_new_lead(add_lead, window, qtbot)
    panel = _tab(editor, QualificationPanel)
    _end_call_with(features, lead.id, {"need": "confirmed"})  # Ctrl+Shift+D from the editor
    _pick(panel, "budget", "partial")
    assert panel.save()
    after = get_qualification(db, lead.id)
    assert (after.need_status, after.budget_status) == ("confirmed", "partial")
    assert panel.form.to_bant() == after and not panel.has_unsaved()
    assert load_qualification(db, lead.id).version == 2
    editor.done(0)


def test_the_same_bant_field_changed_in_a_call_and_the_tab_is_shown_not_overwritten(
    db: Any, add_lead: Any, window: Any, features: Any, qtbot: Any
) -> None:
    from leaddesk.core.services.qualification import get_qualification, load_qualification
    from leaddesk.ui.call.panel import QualificationPanel

    lead, editor = _editor_of_new_lead(add_lead, window, qtbot)
    panel = _tab(editor, QualificationPanel)
    _pick(panel, "timing", "partial")  # typed in the tab, not saved …
    _end_call_with(features, lead.id, {"need": "confirmed", "timing": "confirmed"})  # … the call differs
    _pick(panel, "budget", "partial")
    assert not editor.save()  # the editor stays open on the tab that needs a look
    assert editor.tabs.currentWidget() is panel and "Timing" in panel.message.text()
    assert get_qualification(db, lead.id).budget_status == "unknown"  # nothing written over the call
    expected = ("confirmed", "partial", "confirmed")
    shown = panel.form.to_bant()
    assert (shown.need_status, shown.budget_status, shown.timing_status) == expected
    assert panel.save()  # checked: save again
    after = get_qualification(db, lead.id)
    assert (after.need_status, after.budget_status, after.timing_status) == expected
    assert load_qualification(db, lead.id).version == 2
    editor.done(0)
