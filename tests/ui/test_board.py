"""What a user does on the board: drag cards, give reasons, undo, search, filter, use the keyboard."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import QApplication

from leaddesk.core.changes import Changes
from leaddesk.core.services.leads import get_lead, stage_history
from leaddesk.core.services.query import LeadFilter
from leaddesk.ui.board.model import LEAD_ID_ROLE


def drag(window: Any, lead_id: int, from_stage: str, to_stage: str, row: int = 0) -> bool:
    """Drag through the models' own drag-and-drop API (what the views call)."""
    source = window.board.models[from_stage]
    mime = source.mimeData([source.index(source.row_of(lead_id), 0)])
    return window.board.models[to_stage].dropMimeData(mime, Qt.DropAction.MoveAction, row, 0, QModelIndex())


def column_ids(window: Any, stage: str) -> list[int]:
    return list(window.board.models[stage].ids)


def test_drag_lead_to_mql_saves_and_records_history(db: Any, add_lead: Any, window: Any) -> None:
    anna = add_lead("Anna Schmidt", value=1200)
    add_lead("Bernd Weber", value=800)
    window.board.reload()
    assert window.board.columns["lead"].header.count == 2

    assert drag(window, anna.id, "lead", "mql")

    assert get_lead(db, anna.id).stage == "mql"
    assert [(c.from_stage, c.to_stage) for c in stage_history(db, anna.id)] == [
        (None, "lead"),
        ("lead", "mql"),
    ]
    assert column_ids(window, "mql") == [anna.id]
    assert anna.id not in column_ids(window, "lead")
    assert (window.board.columns["mql"].header.count, window.board.columns["mql"].header.value) == (1, 1200)
    assert window.board.columns["lead"].header.count == 1


def test_drop_event_on_the_view_uses_cursor_position(db: Any, add_lead: Any, window: Any, qtbot: Any) -> None:
    """The view's own drop path: a QDropEvent on the MQL column's viewport, above its first card."""
    first = add_lead("Erste", stage="mql")
    mover = add_lead("Mover")
    window.board.reload()
    qtbot.wait(1)
    source = window.board.models["lead"]
    mime = source.mimeData([source.index(0, 0)])
    view = window.board.columns["mql"].view
    top = view.visualRect(view.model().index(0, 0)).top() + 2
    args = (Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    # Qt delivers a drop only to the widget that accepted the drag's enter and move events.
    for event in (QDragEnterEvent(QPoint(20, top), *args), QDragMoveEvent(QPoint(20, top), *args)):
        QApplication.sendEvent(view.viewport(), event)
        assert event.isAccepted()
    event = QDropEvent(QPointF(20, top), *args)
    QApplication.sendEvent(view.viewport(), event)
    assert event.isAccepted()
    assert column_ids(window, "mql") == [mover.id, first.id]
    assert get_lead(db, mover.id).stage == "mql"


def test_drag_to_lost_asks_for_reason_and_cancel_leaves_lead(db: Any, add_lead: Any, window: Any) -> None:
    lead = add_lead("Carla Neumann")
    window.board.reload()
    window.act_lost.setChecked(True)

    assert drag(window, lead.id, "lead", "lost")
    dialog = window.board.reason_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.reject()

    assert get_lead(db, lead.id).stage == "lead"
    assert column_ids(window, "lead") == [lead.id]
    assert column_ids(window, "lost") == []
    assert len(stage_history(db, lead.id)) == 1
    assert window.board.undo_stack.count() == 0


def test_lost_with_reason_then_undo_restores_stage_and_history(db: Any, add_lead: Any, window: Any) -> None:
    lead = add_lead("Dieter Roth", stage="mql")
    window.board.reload()
    window.act_lost.setChecked(True)

    drag(window, lead.id, "mql", "lost")
    dialog = window.board.reason_dialog
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()  # a reason is required
    dialog.choose("competitor")
    dialog.details.setText("went with a cheaper offer")
    dialog.accept()

    saved = get_lead(db, lead.id)
    assert (saved.stage, saved.lost_reason) == ("lost", "competitor: went with a cheaper offer")
    assert stage_history(db, lead.id)[-1].reason == "competitor: went with a cheaper offer"
    assert column_ids(window, "lost") == [lead.id]

    window.act_undo.trigger()
    restored = get_lead(db, lead.id)
    assert (restored.stage, restored.lost_reason) == ("mql", "")
    assert [c.to_stage for c in stage_history(db, lead.id)] == ["mql"]
    assert column_ids(window, "mql") == [lead.id] and column_ids(window, "lost") == []

    window.act_redo.trigger()
    assert get_lead(db, lead.id).stage == "lost"
    assert [c.to_stage for c in stage_history(db, lead.id)] == ["mql", "lost"]


def test_undo_of_forward_move_restores_stage_position_and_history(
    db: Any, add_lead: Any, window: Any
) -> None:
    a, b, c = add_lead("A"), add_lead("B"), add_lead("C")
    window.board.reload()
    drag(window, b.id, "lead", "mql")
    assert column_ids(window, "lead") == [a.id, c.id]
    assert window.tool_undo.isEnabled() and "Move B to MQL" in window.tool_undo.toolTip()
    window.tool_undo.trigger()
    assert column_ids(window, "lead") == [a.id, b.id, c.id]
    assert get_lead(db, b.id).stage == "lead"
    assert len(stage_history(db, b.id)) == 1


def test_backward_move_needs_a_reason(db: Any, add_lead: Any, window: Any) -> None:
    lead = add_lead("Eva Braun", stage="sql")
    window.board.reload()
    drag(window, lead.id, "sql", "mql")
    dialog = window.board.reason_dialog
    assert dialog is not None
    dialog.details.setText("budget moved to next year")
    dialog.accept()
    assert get_lead(db, lead.id).stage == "mql"
    assert stage_history(db, lead.id)[-1].reason == "budget moved to next year"


def test_reorder_within_a_column_is_saved(db: Any, add_lead: Any, window: Any) -> None:
    a, b, c = add_lead("A"), add_lead("B"), add_lead("C")
    window.board.reload()
    drag(window, c.id, "lead", "lead", row=0)
    assert column_ids(window, "lead") == [c.id, a.id, b.id]
    drag(window, a.id, "lead", "lead", row=3)  # after the last card
    assert column_ids(window, "lead") == [c.id, b.id, a.id]
    window.board.reload()
    assert column_ids(window, "lead") == [c.id, b.id, a.id]
    assert len(stage_history(db, c.id)) == 1  # reordering is not a stage change


def test_keyboard_selects_opens_and_moves(db: Any, add_lead: Any, window: Any, qtbot: Any) -> None:
    a = add_lead("Anna")
    b = add_lead("Bernd")
    window.board.reload()
    window.board.focus_board()
    view = window.board.columns["lead"].view
    assert view.currentIndex().data(LEAD_ID_ROLE) == a.id
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().data(LEAD_ID_ROLE) == b.id
    window.act_next.trigger()  # Ctrl+Right
    assert get_lead(db, b.id).stage == "mql"
    mql_view = window.board.columns["mql"].view
    assert mql_view.currentIndex().data(LEAD_ID_ROLE) == b.id
    qtbot.keyClick(mql_view, Qt.Key.Key_Return)
    assert window.editor is not None and window.editor.lead.id == b.id
    window.editor.done(0)
    window.act_prev.trigger()  # Ctrl+Left asks why
    assert window.board.reason_dialog is not None
    window.board.reason_dialog.reject()
    assert get_lead(db, b.id).stage == "mql"


def test_search_narrows_every_column(db: Any, add_lead: Any, window: Any, qtbot: Any) -> None:
    for stage in ("lead", "mql", "sql", "won"):
        add_lead(f"Müller {stage}", stage=stage, company="Kessler GmbH")
        add_lead(f"Schmidt {stage}", stage=stage, company="Bergmann AG")
    window.board.reload()
    search = window.filters.search
    window.act_find.trigger()
    assert window.focusWidget() is search
    for ch in "mül":  # real key events, one per keystroke (QTest.keyClicks asserts on "ü")
        QApplication.sendEvent(search, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch))
    assert search.text() == "mül"
    for stage in ("lead", "mql", "sql", "won"):
        ids = column_ids(window, stage)
        assert len(ids) == 1, stage
        assert get_lead(db, ids[0]).last_name == f"Müller {stage}"
        assert window.board.columns[stage].header.count == 1
    assert "4 of 8" in window.status_label.text()
    search.clear()
    assert all(len(column_ids(window, s)) == 2 for s in ("lead", "mql", "sql", "won"))


def test_filters_by_source_score_and_due(db: Any, add_lead: Any, window: Any, qtbot: Any) -> None:
    from datetime import UTC, datetime, timedelta

    past = datetime.now(UTC) - timedelta(days=2)
    add_lead("Messe", source="Messe Stuttgart 2026", tags="Messe, Premium")
    web = add_lead("Web", source="Website", next_follow_up=past)
    window.board.reload()
    window.refresh_choices()  # read off the GUI thread
    bar = window.filters
    qtbot.waitUntil(lambda: bar.source.findData("Website") >= 0)
    bar.source.setCurrentIndex(bar.source.findData("Website"))
    assert column_ids(window, "lead") == [web.id]
    bar.clear()
    bar.tag.setCurrentIndex(bar.tag.findData("Premium"))
    assert len(column_ids(window, "lead")) == 1 and column_ids(window, "lead") != [web.id]
    bar.clear()
    bar.due.setChecked(True)
    assert column_ids(window, "lead") == [web.id]
    bar.clear()
    window.board.set_filter(LeadFilter(score_min=1))
    assert column_ids(window, "lead") == []


def test_move_is_shown_in_a_filtered_board(db: Any, add_lead: Any, window: Any) -> None:
    a = add_lead("Müller")
    add_lead("Schmidt")
    window.board.reload()
    window.filters.search.setText("müller")
    drag(window, a.id, "lead", "mql")
    assert column_ids(window, "mql") == [a.id]
    window.filters.search.clear()
    assert column_ids(window, "mql") == [a.id]
    assert len(column_ids(window, "lead")) == 1


def test_column_models_pass_qtmodeltester(db: Any, add_lead: Any, window: Any, qtmodeltester: Any) -> None:
    for i in range(30):
        add_lead(f"Lead {i}", company=f"Firma {i}", stage="lead" if i % 2 else "mql", value=i * 100)
    window.board.reload()
    for stage in ("lead", "mql", "sql"):
        qtmodeltester.check(window.board.models[stage], force_py=True)


def test_first_run_page_until_the_first_lead(db: Any, window: Any) -> None:
    assert window.pages.currentWidget() is window.first_run
    assert window.first_run.demo_button.isVisible() and window.first_run.import_button.isVisible()
    editor = window.open_editor(None)
    editor.widgets["last_name"].setText("Erster Kontakt")
    assert editor.save()
    assert window.pages.currentWidget() is not window.first_run
    assert window.board.columns["lead"].header.count == 1


def test_accept_score_suggestion_moves_to_suggested_stage(db: Any, add_lead: Any, window: Any) -> None:
    from sqlalchemy import update

    from leaddesk.core.models import LeadScore

    lead = add_lead("Bereit")
    with db.transaction() as session:
        session.execute(
            update(LeadScore).where(LeadScore.lead_id == lead.id).values(score=85, score_flag="sql")
        )
    window.board.reload()  # no card painted or cached yet: as when accepted from the editor
    editor = window.open_editor(lead.id)
    assert editor.accept_button is not None and "SQL" in editor.accept_button.text()
    editor.accept_button.click()
    assert get_lead(db, lead.id).stage == "sql"
    assert column_ids(window, "sql") == [lead.id]


def test_arrows_cross_columns_and_lost_works_while_hidden(
    db: Any, add_lead: Any, window: Any, qtbot: Any
) -> None:
    a = add_lead("Links")
    b = add_lead("Rechts", stage="mql")
    window.board.reload()
    window.board.focus_board()
    qtbot.keyClick(window.board.columns["lead"].view, Qt.Key.Key_Right)
    mql = window.board.columns["mql"].view
    assert mql.currentIndex().data(LEAD_ID_ROLE) == b.id
    qtbot.keyClick(mql, Qt.Key.Key_Left)
    lead_view = window.board.columns["lead"].view
    assert lead_view.currentIndex().data(LEAD_ID_ROLE) == a.id
    assert not window.board.lost_visible
    window.act_to_lost.trigger()
    window.board.reason_dialog.choose("no_need")
    window.board.reason_dialog.accept()
    assert get_lead(db, a.id).stage == "lost"
    assert window.board.columns["lost"].header.count == 1


def test_collapsed_lost_strip_takes_drops_and_opens_the_column(
    db: Any, add_lead: Any, window: Any, qtbot: Any
) -> None:
    lead = add_lead("Weg")
    window.board.reload()
    strip = window.board.lost_strip
    assert strip.isVisible() and not window.board.lost_visible
    source = window.board.models["lead"]
    mime = source.mimeData([source.index(0, 0)])
    args = (Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(QPoint(5, 50), *args)
    QApplication.sendEvent(strip, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(5, 50), *args)
    QApplication.sendEvent(strip, drop)
    dialog = window.board.reason_dialog
    assert dialog is not None
    dialog.choose("no_response")
    dialog.accept()
    assert get_lead(db, lead.id).stage == "lost"
    assert "1" in strip.label()
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton)
    assert window.board.lost_visible and not strip.isVisible()
    assert column_ids(window, "lost") == [lead.id]


def test_one_card_moved_and_edited_several_times_undoes_and_redoes_all_the_way(
    db: Any, add_lead: Any, window: Any, monkeypatch: Any
) -> None:
    """Every undo gives the lead a new version; the command before it must expect that one,
    or the second Ctrl+Z of the same card reported "changed elsewhere" (a false conflict)."""
    errors: list[str] = []
    monkeypatch.setattr(window.board, "report_error", errors.append)
    a, b, c = add_lead("A"), add_lead("B"), add_lead("C", company="Alt GmbH")
    window.board.reload()
    states = [(column_ids(window, "lead"), column_ids(window, "mql"), "Alt GmbH")]
    drag(window, c.id, "lead", "lead", row=0)
    states.append((column_ids(window, "lead"), column_ids(window, "mql"), "Alt GmbH"))
    window.save_lead(c.id, {"company": "Neu GmbH"}, get_lead(db, c.id).version)  # the editor's save
    states.append((column_ids(window, "lead"), column_ids(window, "mql"), "Neu GmbH"))
    drag(window, c.id, "lead", "mql")
    states.append((column_ids(window, "lead"), column_ids(window, "mql"), "Neu GmbH"))
    drag(window, a.id, "lead", "lead", row=2)  # another lead in between
    states.append((column_ids(window, "lead"), column_ids(window, "mql"), "Neu GmbH"))
    stack = window.board.undo_stack

    def state() -> tuple[list[int], list[int], str]:
        return column_ids(window, "lead"), column_ids(window, "mql"), get_lead(db, c.id).company

    for expected in reversed(states[:-1]):
        stack.undo()
        assert state() == expected, errors
    for expected in states[1:]:
        stack.redo()
        assert state() == expected, errors
    assert errors == [] and b.id in column_ids(window, "lead")


def test_many_drops_into_the_same_gap_keep_their_place(
    db: Any, add_lead: Any, window: Any, monkeypatch: Any
) -> None:
    """Each drop takes the middle of its neighbours' positions; once halving has used up the gap
    (~50 drops), the cards around it are spread again instead of two sharing a position."""
    errors: list[str] = []
    monkeypatch.setattr(window.board, "report_error", errors.append)
    top, bottom = add_lead("Top"), add_lead("Bottom")
    movers = [add_lead(f"Mover {i}") for i in range(70)]
    window.board.reload()
    before: list[list[int]] = []  # the column before each move, to check every undo against
    for n, mover in enumerate(movers):
        before.append(column_ids(window, "lead"))
        assert drag(window, mover.id, "lead", "lead", row=1)  # right under the top card
        assert column_ids(window, "lead")[:2] == [top.id, mover.id]
        if n == 45:  # one card from the crowded stretch goes to the end (its undo restores a
            before.append(column_ids(window, "lead"))  # position inside what gets spread later)
            assert drag(window, movers[44].id, "lead", "lead", row=-1)
    order = column_ids(window, "lead")
    assert order[:2] == [top.id, movers[-1].id] and order[-2:] == [bottom.id, movers[44].id]
    window.board.reload()  # and so it is stored
    assert column_ids(window, "lead") == order
    with db.engine.connect() as conn:
        positions = [p for (p,) in conn.exec_driver_sql("SELECT position FROM lead WHERE stage = 'lead'")]
    assert len(set(positions)) == len(positions)
    # Undo goes back step by step, also over moves made before the cards were spread.
    for expected in reversed(before):
        window.board.undo_stack.undo()
        assert column_ids(window, "lead") == expected
    window.board.reload()
    assert column_ids(window, "lead") == [top.id, bottom.id, *(m.id for m in movers)] and errors == []


def test_column_sums_are_per_currency_and_follow_moves(
    db: Any, add_lead: Any, window: Any, german: Any
) -> None:
    """A 10,000 CHF lead and a 5,000 EUR lead are "5.000 € + 10.000 CHF", not "15.000 €"."""
    from PySide6.QtCore import QLocale

    from leaddesk.core.services.leads import update_lead
    from leaddesk.ui.board.delegate import money

    loc = QLocale()
    huber = add_lead("Huber", company="Huber AG", value=10000, currency="CHF")
    add_lead("Maier", company="Maier GmbH", value=5000, currency="EUR")
    window.board.reload()
    header = window.board.columns["lead"].header
    assert header.sums == {"EUR": 5000, "CHF": 10000} and header.value == 5000
    assert header.totals.text() == f"2 Leads · {money(5000, 'EUR', loc)} + {money(10000, 'CHF', loc)}"

    assert drag(window, huber.id, "lead", "mql")  # the totals move with the card, no reload
    mql = window.board.columns["mql"].header
    assert header.totals.text() == f"1 Lead · {money(5000, 'EUR', loc)}"
    assert mql.totals.text() == f"1 Lead · {money(10000, 'CHF', loc)}" and mql.value == 0
    window.board.undo_stack.undo()
    assert header.sums == {"EUR": 5000, "CHF": 10000} and mql.sums == {"EUR": 0}

    # An edit of the currency alone regroups the sums.
    update_lead(db, huber.id, {"currency": "EUR"}, expected_version=get_lead(db, huber.id).version)
    assert header.sums == {"EUR": 15000}

    # Many currencies: two amounts in the header, all of them in its tooltip.
    add_lead("Smith", value=700, currency="USD")
    add_lead("Nowak", value=900, currency="PLN")
    add_lead("Berg", value=300, currency="CHF")
    window.board.reload()
    amounts = [
        money(15000, "EUR", loc),
        money(300, "CHF", loc),
        money(900, "PLN", loc),
        money(700, "USD", loc),
    ]
    assert header.totals.text() == f"5 Leads · {amounts[0]} + {amounts[1]} + …"
    assert header.totals.toolTip() == f"5 Leads · {' + '.join(amounts)}"


def test_column_totals_adjusted_by_each_move_equal_a_fresh_count(
    window: Any, db: Any, add_lead: Any, elsewhere: Any
) -> None:
    """A move adjusts the two headers by the moved card (CardPlacing.update_totals) instead of summing
    the column again: after moves, undos, a filter, edits and a colleague's change they still
    show what summing every shown card gives."""
    from leaddesk.core.services.leads import update_lead

    leads = [
        add_lead(f"Summe {i}", value=value, currency=currency)
        for i, (value, currency) in enumerate(
            [(1200.5, "EUR"), (0.0, "EUR"), (99.99, "CHF"), (10000, "CHF"), (333.33, "EUR"), (7.1, "USD")]
        )
    ]
    window.board.reload()
    board = window.board

    def assert_fresh() -> None:
        for stage, column in board.columns.items():
            ids = board.models[stage].ids
            fresh = board.snapshot.sums(ids)
            shown = column.header.sums
            assert column.header.count == len(ids), stage
            assert set(shown) == {c for c, v in fresh.items() if c == "EUR" or v}, stage
            assert all(abs(shown[c] - fresh[c]) < 0.005 for c in shown), (stage, shown, fresh)

    for lead in leads:
        assert drag(window, lead.id, "lead", "mql")
        assert_fresh()
    board.undo_stack.undo()  # the USD lead goes back
    board.undo_stack.undo()
    assert_fresh()
    board.set_filter(LeadFilter(search="Summe"))
    assert drag(window, leads[0].id, "mql", "sql")
    assert_fresh()
    update_lead(db, leads[3].id, {"value": 250.25}, expected_version=get_lead(db, leads[3].id).version)
    assert_fresh()
    board.set_filter(LeadFilter())
    update_lead(
        elsewhere, leads[2].id, {"currency": "EUR"}, expected_version=get_lead(db, leads[2].id).version
    )
    board.apply_changes(Changes(updated=frozenset({leads[2].id})))  # as the live feed delivers it
    assert_fresh()
    assert board.columns["mql"].header.sums.get("CHF", 0) == 250.25
