"""The list view and the bulk actions, as a user drives them: switch, sort, choose columns, filter, open,
select several leads and change them at once, undo."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMenu

from leaddesk.core.services.lead_table import TABLE_COLUMNS
from leaddesk.core.services.leads import get_lead, stage_history, update_lead
from leaddesk.core.services.tasks import list_tasks
from leaddesk.ui.board.model import LEAD_ID_ROLE
from leaddesk.ui.listview import bulk as bulk_ui


def shown_list(window: Any) -> Any:
    window.act_show_list = window.list_page.act_show_list
    window.list_page.act_show_list.trigger()
    view = window.list_page.list
    assert window.list_page.stack.currentWidget() is view
    return view


def column(view: Any, name: str) -> list[str]:
    model = view.lead_model
    c = TABLE_COLUMNS.index(name)
    return [model.index(r, c).data() for r in range(model.rowCount())]


def plain(texts: list[str]) -> list[str]:
    """Questions as the English catalogue reads them ("3 leads"): before the lead engineer
    regenerates the catalogues, new plural strings still show their source form "3 lead(s)"."""
    return [t.replace("lead(s)", "leads") for t in texts]


def row_ids(view: Any) -> list[int]:
    return list(view.lead_model.ids)


def click_header(qtbot: Any, view: Any, name: str) -> None:
    """A mouse click on the header of column ``name``, as a user sorts."""
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(TABLE_COLUMNS.index(name)) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def select(view: Any, ids: list[int]) -> None:
    view.select_ids(ids)
    assert sorted(view.selected_ids()) == sorted(ids)


@pytest.fixture
def five(add_lead: Any) -> list[Any]:
    return [
        add_lead("Zeller", first_name="Anna", company="Ölwerk", value=500, owner="Bernd", tags="Messe"),
        add_lead("Adler", first_name="Bea", company="bau AG", value=9000),
        add_lead("Müller", first_name="Carl", company="Atlas", value=100, city="Ulm"),
        add_lead("Berg", first_name="Dora", company="Zement", value=2500, stage="mql"),
        add_lead("Huber", first_name="Emil", company="", value=0),
    ]


def test_ctrl_2_shows_every_lead_and_ctrl_1_the_board(five: list[Any], window: Any, qtbot: Any) -> None:
    view = shown_list(window)
    assert view.lead_model.rowCount() == 5
    assert view.isVisible() and not window.board.isVisible()
    keys = {a.shortcut().toString() for a in window.menus["view"].actions()}
    assert {"Ctrl+1", "Ctrl+2"} <= keys
    window.list_page.act_show_board.trigger()
    assert window.board.isVisible() and not view.isVisible()


def test_clicking_a_header_sorts_by_that_column(five: list[Any], window: Any, qtbot: Any) -> None:
    view = shown_list(window)
    click_header(qtbot, view, "last_name")
    first = column(view, "last_name")
    assert first in (sorted(first, key=str.casefold), sorted(first, key=str.casefold, reverse=True))
    view.sortByColumn(TABLE_COLUMNS.index("company"), Qt.SortOrder.AscendingOrder)
    assert column(view, "company") == ["Atlas", "bau AG", "Ölwerk", "Zement", ""]  # folded; empty last
    view.sortByColumn(TABLE_COLUMNS.index("value"), Qt.SortOrder.DescendingOrder)
    assert [get_lead(view.db, i).value for i in row_ids(view)] == [9000, 2500, 500, 100, 0]


def count_order_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The columns the list model reads its order by, from now on (one entry per read)."""
    from leaddesk.ui.listview import model as list_model

    reads: list[str] = []
    real = list_model.sorted_ids

    def counted(db: Any, f: Any, column: str = "last_name", **kw: Any) -> list[int]:
        reads.append(column)
        return real(db, f, column, **kw)

    monkeypatch.setattr(list_model, "sorted_ids", counted)
    return reads


def test_a_click_on_a_header_reads_the_order_once(
    five: list[Any], window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 100,000 leads one read of the order is most of the sort's time: never twice per click."""
    view = shown_list(window)
    reads = count_order_reads(monkeypatch)
    click_header(qtbot, view, "city")
    assert reads == ["city"]
    view.sortByColumn(TABLE_COLUMNS.index("value"), Qt.SortOrder.DescendingOrder)
    assert reads == ["city", "value"]


def test_a_long_list_sorts_on_the_read_lane_and_keeps_the_selection(
    five: list[Any], window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above ``SORT_IN_BACKGROUND`` rows the click returns at once; the new order follows."""
    from leaddesk.ui.listview import model as list_model

    monkeypatch.setattr(list_model, "SORT_IN_BACKGROUND", 2)
    view = shown_list(window)
    select(view, [five[1].id, five[3].id])
    reads = count_order_reads(monkeypatch)
    with qtbot.waitSignal(view.lead_model.sorted, timeout=5000):
        view.sortByColumn(TABLE_COLUMNS.index("value"), Qt.SortOrder.DescendingOrder)
        # The old rows are not painted again while the new order is read (each paint would
        # contend for Python's lock with the reading thread).
        assert not view.viewport().updatesEnabled()
    assert view.viewport().updatesEnabled()
    assert [get_lead(view.db, i).value for i in row_ids(view)] == [9000, 2500, 500, 100, 0]
    window.ops.wait_idle(5000)
    assert reads == ["value"]  # sortByColumn asks twice; one read
    assert sorted(view.selected_ids()) == sorted([five[1].id, five[3].id])


def test_a_background_sort_overtaken_by_a_change_is_dropped(
    db: Any, five: list[Any], window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from leaddesk.ui.listview import model as list_model

    monkeypatch.setattr(list_model, "SORT_IN_BACKGROUND", 2)
    view = shown_list(window)
    model = view.lead_model
    applied: list[list[int]] = []
    monkeypatch.setattr(model, "_apply_ids", lambda ids, order, forget=(): applied.append(ids))
    view.sortByColumn(TABLE_COLUMNS.index("city"), Qt.SortOrder.AscendingOrder)
    model.relayout()  # a change reads the ids (in the old order) before the sort arrives
    applied.clear()  # that read's own rows
    window.ops.wait_idle(5000)
    qtbot.wait(50)
    assert applied == [] and view.viewport().updatesEnabled()


def test_sorting_keeps_the_selection_on_the_same_leads(five: list[Any], window: Any) -> None:
    view = shown_list(window)
    select(view, [five[1].id, five[3].id])
    view.sortByColumn(TABLE_COLUMNS.index("value"), Qt.SortOrder.AscendingOrder)
    assert sorted(view.selected_ids()) == sorted([five[1].id, five[3].id])


def test_column_chooser_shows_hides_and_is_remembered(
    db: Any, five: list[Any], window: Any, qtbot: Any
) -> None:
    from leaddesk.ui.main_window import MainWindow

    view = shown_list(window)
    menu = view.column_menu(QPoint(5, 5))
    names = {a.data() for a in menu.actions() if a.data()}
    assert set(TABLE_COLUMNS) == names  # every field, score parts, last activity, days in stage
    email = next(a for a in menu.actions() if a.data() == "email")
    assert not email.isChecked()
    email.trigger()
    menu.close()
    assert "email" in view.visible_columns()
    city = next(a for a in view.column_menu(QPoint(5, 5)).actions() if a.data() == "city")
    city.trigger()
    assert "city" not in view.visible_columns()
    header = view.horizontalHeader()
    header.moveSection(header.visualIndex(TABLE_COLUMNS.index("email")), 0)
    header.resizeSection(TABLE_COLUMNS.index("company"), 321)
    view.sortByColumn(TABLE_COLUMNS.index("company"), Qt.SortOrder.DescendingOrder)
    window.close()

    again = MainWindow(db)
    qtbot.addWidget(again)
    other = again.list_page.list
    assert again.list_page.list_shown  # the page shown last time
    assert other.visible_columns()[0] == "email"
    assert "city" not in other.visible_columns()
    assert other.horizontalHeader().sectionSize(TABLE_COLUMNS.index("company")) == 321
    assert (other.lead_model.sort_column, other.lead_model.descending) == ("company", True)


def test_days_in_stage_and_last_activity_columns(db: Any, five: list[Any], window: Any) -> None:
    from leaddesk.core.services.activities import add_activity

    add_activity(db, five[2].id, "call", at=datetime(2026, 11, 2, 9, tzinfo=UTC))
    view = shown_list(window)
    for name in ("days_in_stage", "last_activity"):
        view.set_column_visible(name, True)
    row = view.lead_model.row_of(five[2].id)
    assert view.lead_model.index(row, TABLE_COLUMNS.index("days_in_stage")).data() == "0"
    from leaddesk.ui.zone import local_text

    shown = view.lead_model.index(row, TABLE_COLUMNS.index("last_activity")).data()
    assert shown == local_text(datetime(2026, 11, 2, 9, tzinfo=UTC))  # the user's date format and zone
    view.sortByColumn(TABLE_COLUMNS.index("last_activity"), Qt.SortOrder.DescendingOrder)
    assert row_ids(view)[0] == five[2].id


def test_ctrl_b_goes_from_the_search_field_to_the_leads_of_the_page_shown(
    five: list[Any], window: Any, qtbot: Any
) -> None:
    """Keyboard users type a search, then Ctrl+B: the list's row (or the board's card) has the focus."""
    view = shown_list(window)
    window.activateWindow()
    window.filters.search.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.filters.search)
    QTest.keyClick(window.filters.search, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is view and view.current_id() == row_ids(view)[0]
    window.list_page.act_show_board.trigger()
    window.filters.search.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.filters.search)
    QTest.keyClick(window.filters.search, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    focus = QApplication.focusWidget()
    assert focus in [column.view for column in window.board.columns.values()]
    assert focus.currentIndex().isValid()


def test_search_and_filters_narrow_board_and_list_alike(five: list[Any], window: Any, qtbot: Any) -> None:
    view = shown_list(window)
    window.filters.search.setText("Müller")
    assert row_ids(view) == [five[2].id]
    assert window.board.shown_count() == 1
    window.filters.search.clear()
    qtbot.waitUntil(lambda: window.filters.owner.findData("Bernd") >= 0)
    window.filters.owner.setCurrentIndex(window.filters.owner.findData("Bernd"))
    assert row_ids(view) == [five[0].id]
    window.filters.clear()
    assert len(row_ids(view)) == 5


def test_filter_changed_while_hidden_is_followed_when_shown(five: list[Any], window: Any) -> None:
    view = shown_list(window)
    window.list_page.act_show_board.trigger()
    window.filters.search.setText("Adler")
    window.list_page.act_show_list.trigger()
    assert row_ids(view) == [five[1].id]


def test_enter_and_double_click_open_the_editor(five: list[Any], window: Any, qtbot: Any) -> None:
    view = shown_list(window)
    view.setFocus()
    row = view.lead_model.row_of(five[3].id)
    view.setCurrentIndex(view.lead_model.index(row, TABLE_COLUMNS.index("last_name")))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.editor is not None and window.editor.lead.id == five[3].id
    window.editor.done(0)
    index = view.lead_model.index(view.lead_model.row_of(five[0].id), TABLE_COLUMNS.index("last_name"))
    view.doubleClicked.emit(index)  # what a double-click on the row sends (QTest's is unreliable offscreen)
    assert window.editor is not None and window.editor.lead.id == five[0].id


def test_an_edit_repaints_its_row_and_a_new_lead_joins(
    db: Any, five: list[Any], add_lead: Any, window: Any
) -> None:
    view = shown_list(window)
    select(view, [five[4].id])
    lead = get_lead(db, five[2].id)
    update_lead(db, five[2].id, {"company": "Atlas Neu"}, expected_version=lead.version)
    row = view.lead_model.row_of(five[2].id)
    assert view.lead_model.index(row, TABLE_COLUMNS.index("company")).data() == "Atlas Neu"
    fresh = add_lead("Neumann")
    assert fresh.id in row_ids(view)
    assert view.selected_ids() == [five[4].id]  # a new row keeps the selection where it was


# --- bulk actions -------------------------------------------------------------------------------
def test_bulk_move_asks_once_with_the_count_and_undoes_in_one_step(
    db: Any, five: list[Any], window: Any, questions: Any
) -> None:
    view = shown_list(window)
    ids = [five[0].id, five[1].id, five[2].id]
    select(view, ids)
    window.list_page.bulk.move(view.selected_ids(), "mql")
    assert plain(questions.asked) == ["Move 3 leads to MQL?"]
    assert questions.defaults == ["Cancel"]
    assert {get_lead(db, i).stage for i in ids} == {"mql"}
    assert window.board.undo_stack.count() == 1
    assert set(window.board.models["mql"].ids) >= set(ids)  # the board followed
    window.act_undo.trigger()
    assert {get_lead(db, i).stage for i in ids} == {"lead"}
    window.act_redo.trigger()
    assert {get_lead(db, i).stage for i in ids} == {"mql"}


def test_bulk_move_to_lost_asks_the_reason_once(
    db: Any, five: list[Any], window: Any, questions: Any, monkeypatch: Any
) -> None:
    asked: list[str] = []

    def reason(_parent: Any, label: str, _from: str, _to: str, _count: int) -> str:
        asked.append(label)
        return "no_budget"

    monkeypatch.setattr(bulk_ui, "ask_reason", reason)
    view = shown_list(window)
    view.selectAll()
    window.list_page.bulk.move(view.selected_ids(), "lost")
    assert plain(asked) == ["5 leads"]
    assert {get_lead(db, f.id).lost_reason for f in five} == {"no_budget"}
    assert stage_history(db, five[3].id)[-1].from_stage == "mql"
    window.act_undo.trigger()
    assert get_lead(db, five[3].id).stage == "mql"


def test_bulk_step_back_names_the_stage_left_only_when_all_leave_the_same(
    db: Any, five: list[Any], window: Any, questions: Any, monkeypatch: Any
) -> None:
    from leaddesk.ui.dialogs import ReasonDialog

    texts: list[str] = []

    def reason(parent: Any, label: str, from_stage: str, to_stage: str, count: int) -> str:
        dialog = ReasonDialog(label, from_stage, to_stage, parent, count=count)
        texts.append(dialog.findChildren(QLabel)[0].text())
        return "recheck"

    monkeypatch.setattr(bulk_ui, "ask_reason", reason)
    view = shown_list(window)
    window.list_page.bulk.move([five[0].id, five[1].id], "sql")
    window.list_page.bulk.move([five[0].id, five[1].id], "mql")
    assert plain(texts) == ["Why do 2 leads go back from SQL to MQL?"]
    window.list_page.bulk.move([five[0].id, five[1].id, five[2].id], "won")  # forward: no question
    window.list_page.bulk.move([five[2].id], "lead")  # from Won alone
    window.list_page.bulk.move([five[0].id, five[2].id, five[3].id], "lead")  # from Won and from MQL
    assert plain(texts)[2:] == ["Why do 3 leads go back to Lead?"]
    # One lead: "does … lead" once the catalogue has the plural forms, the source form before.
    assert texts[1] in (
        "Why does 1 lead go back from Won to Lead?",
        "Why do 1 lead(s) go back from Won to Lead?",
    )
    assert [get_lead(db, i).stage for i in (five[0].id, five[2].id, five[3].id)] == ["lead"] * 3
    assert view.lead_model.rowCount() == 5


def test_cancelled_question_changes_nothing(db: Any, five: list[Any], window: Any, questions: Any) -> None:
    questions.answer = False
    view = shown_list(window)
    view.selectAll()
    window.list_page.bulk.move(view.selected_ids(), "won")
    assert {get_lead(db, f.id).stage for f in five} == {"lead", "mql"}
    assert window.board.undo_stack.count() == 0


def test_bulk_owner_and_undo(db: Any, five: list[Any], window: Any, questions: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(bulk_ui, "ask_choice", lambda *_a: "Clara")
    view = shown_list(window)
    select(view, [five[1].id, five[2].id])
    window.list_page.bulk.set_owner(view.selected_ids())
    assert plain(questions.asked) == ["Give 2 leads to Clara?"]
    assert [get_lead(db, f.id).owner for f in five[:3]] == ["Bernd", "Clara", "Clara"]
    row = view.lead_model.row_of(five[1].id)
    assert view.lead_model.index(row, TABLE_COLUMNS.index("owner")).data() == "Clara"
    window.act_undo.trigger()
    assert [get_lead(db, f.id).owner for f in five[:3]] == ["Bernd", "", ""]


def test_bulk_tags_add_remove_and_undo(
    db: Any, five: list[Any], window: Any, questions: Any, monkeypatch: Any
) -> None:
    view = shown_list(window)
    select(view, [five[0].id, five[1].id])
    monkeypatch.setattr(bulk_ui, "ask_choice", lambda *_a: "VIP")
    window.list_page.bulk.change_tags(view.selected_ids(), add=True)
    assert [get_lead(db, f.id).tags for f in five[:2]] == ["Messe,VIP", "VIP"]
    monkeypatch.setattr(bulk_ui, "ask_choice", lambda *_a: "messe")
    window.list_page.bulk.change_tags(view.selected_ids(), add=False)
    assert plain(questions.asked)[-1] == "Remove the tag messe from 2 leads?"
    assert [get_lead(db, f.id).tags for f in five[:2]] == ["VIP", "VIP"]
    window.act_undo.trigger()
    window.act_undo.trigger()
    assert [get_lead(db, f.id).tags for f in five[:2]] == ["Messe", ""]


def test_bulk_follow_up_and_undo(
    db: Any, five: list[Any], window: Any, questions: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(bulk_ui, "ask_day", lambda _p: datetime(2027, 3, 10, 12, tzinfo=UTC))
    view = shown_list(window)
    select(view, [five[0].id, five[4].id])
    window.list_page.bulk.set_follow_up(view.selected_ids())
    assert plain(questions.asked)[0].startswith("Set the next follow-up of 2 leads to ")
    for lead in (five[0], five[4]):
        due = get_lead(db, lead.id).next_follow_up
        assert due is not None and due.year == 2027 and due.month == 3
    assert get_lead(db, five[1].id).next_follow_up is None
    window.act_undo.trigger()
    assert get_lead(db, five[0].id).next_follow_up is None
    assert list_tasks(db, five[0].id) == []


def test_bulk_no_follow_up_clears_it_and_undo_brings_it_back(
    db: Any, five: list[Any], window: Any, questions: Any, monkeypatch: Any
) -> None:
    view = shown_list(window)
    monkeypatch.setattr(bulk_ui, "ask_day", lambda _p: datetime(2027, 3, 10, 12, tzinfo=UTC))
    select(view, [five[0].id, five[4].id])
    window.list_page.bulk.set_follow_up(view.selected_ids())
    monkeypatch.setattr(bulk_ui, "ask_day", lambda _p: bulk_ui.NO_FOLLOW_UP)
    window.list_page.bulk.set_follow_up(view.selected_ids())
    assert plain(questions.asked)[-1].startswith("Clear the next follow-up of 2 leads?")
    assert [get_lead(db, f.id).next_follow_up for f in (five[0], five[4])] == [None, None]
    assert column(view, "next_follow_up")[view.lead_model.row_of(five[0].id)] == ""
    window.act_undo.trigger()
    assert all(get_lead(db, f.id).next_follow_up is not None for f in (five[0], five[4]))


def test_follow_up_dialog_offers_no_follow_up(qtbot: Any, monkeypatch: Any) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QPushButton

    def press() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        dialog.findChild(QPushButton, "noFollowUp").click()

    QTimer.singleShot(0, press)
    assert bulk_ui.ask_day(None) == bulk_ui.NO_FOLLOW_UP  # type: ignore[arg-type]


def test_bulk_export_writes_exactly_the_selection(
    db: Any, five: list[Any], window: Any, qtbot: Any, tmp_path: Path
) -> None:
    view = shown_list(window)
    select(view, [five[1].id, five[3].id])
    dialog = window.list_page.bulk.export(view.selected_ids())
    assert dialog.filter_radio.isChecked()
    target = tmp_path / "auswahl.csv"
    dialog.path_edit.setText(str(target))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.count is not None, timeout=10_000)
    text = target.read_text(encoding="utf-8-sig")
    assert dialog.count == 2 and "Adler" in text and "Berg" in text and "Zeller" not in text
    dialog.close()


def test_bulk_delete_via_del_goes_to_trash_and_one_undo_restores(
    db: Any, five: list[Any], window: Any, questions: Any, qtbot: Any
) -> None:
    view = shown_list(window)
    select(view, [five[0].id, five[2].id])
    view.setFocus()
    window.act_delete.trigger()  # Del
    assert plain(questions.asked) == [
        "Move 2 leads to the trash? You can restore them from File → Trash for 30 days, or undo with Ctrl+Z."
    ]
    assert len(row_ids(view)) == 3 and window.board.total == 3
    assert window.board.undo_stack.count() == 1
    window.act_undo.trigger()
    assert len(row_ids(view)) == 5 and window.board.total == 5


def test_list_context_menu_offers_the_bulk_actions(five: list[Any], window: Any) -> None:
    view = shown_list(window)
    select(view, [five[0].id, five[1].id])
    rect = view.visualRect(view.lead_model.index(view.lead_model.row_of(five[0].id), 0))
    menu = window.list_page.row_menu(rect.center())
    assert menu is not None
    texts = [a.text() for a in menu.actions()]
    assert {"Set owner…", "Add tag…", "Remove tag…", "Set follow-up…", "Export selection…"} <= set(texts)
    stages = menu.findChild(QMenu, "bulkStages")
    assert [a.text() for a in stages.actions()] == ["Lead", "MQL", "SQL", "Won", "Lost"]
    menu.close()


# --- the board: several cards, column order, actions that act ---------------------------------------
def card_rect(window: Any, stage: str, lead_id: int) -> Any:
    view = window.board.columns[stage].view
    return view.visualRect(window.board.models[stage].index(window.board.models[stage].row_of(lead_id), 0))


def click_card(
    window: Any, qtbot: Any, stage: str, lead_id: int, mod: Any = Qt.KeyboardModifier.NoModifier
) -> None:
    view = window.board.columns[stage].view
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, mod, card_rect(window, stage, lead_id).center()
    )


def test_board_ctrl_click_selects_several_and_moves_them_as_one_step(
    db: Any, five: list[Any], window: Any, qtbot: Any, questions: Any
) -> None:
    click_card(window, qtbot, "lead", five[0].id)
    click_card(window, qtbot, "lead", five[2].id, Qt.KeyboardModifier.ControlModifier)
    click_card(window, qtbot, "mql", five[3].id, Qt.KeyboardModifier.ControlModifier)
    assert sorted(window.board.selected_ids()) == sorted([five[0].id, five[2].id, five[3].id])
    source = window.board.models["lead"]
    mime = source.mimeData(
        [source.index(source.row_of(five[0].id), 0), source.index(source.row_of(five[2].id), 0)]
    )
    assert window.board.models["sql"].dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert plain(questions.asked) == ["Move 2 leads to SQL?"]
    assert {get_lead(db, five[0].id).stage, get_lead(db, five[2].id).stage} == {"sql"}
    window.board.undo_stack.undo()
    assert {get_lead(db, five[0].id).stage, get_lead(db, five[2].id).stage} == {"lead"}


def test_board_ctrl_a_selects_a_column_then_every_column(five: list[Any], window: Any, qtbot: Any) -> None:
    view = window.board.columns["lead"].view
    click_card(window, qtbot, "lead", five[0].id)
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert sorted(window.board.selected_ids()) == sorted(f.id for f in five if f.stage == "lead")
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert sorted(window.board.selected_ids()) == sorted(f.id for f in five)


def test_board_card_menu_offers_bulk_actions_for_several_cards(
    five: list[Any], window: Any, qtbot: Any
) -> None:
    click_card(window, qtbot, "lead", five[0].id)
    click_card(window, qtbot, "lead", five[1].id, Qt.KeyboardModifier.ControlModifier)
    menu = QMenu()
    for hook in window.card_menu_hooks:
        hook(menu, five[0].id)
    sub = menu.findChild(QMenu, "bulkMenu")
    assert sub is not None and sub.title() == "Selected leads (2)"


def test_a_plain_click_never_leaves_two_columns_selected(five: list[Any], window: Any, qtbot: Any) -> None:
    click_card(window, qtbot, "lead", five[0].id)
    click_card(window, qtbot, "mql", five[3].id)
    assert window.board.selected_ids() == [five[3].id]
    assert not window.board.columns["lead"].view.selectionModel().hasSelection()
    qtbot.keyClick(window.board.columns["mql"].view, Qt.Key.Key_Left)
    assert len(window.board.selected_ids()) == 1


def test_move_back_is_disabled_on_a_lead_card(five: list[Any], window: Any, qtbot: Any) -> None:
    click_card(window, qtbot, "lead", five[0].id)
    assert not window.act_prev.isEnabled()
    assert window.act_next.isEnabled()
    click_card(window, qtbot, "mql", five[3].id)
    assert window.act_prev.isEnabled()


def test_empty_board_disables_start_call_and_accept(db: Any, qtbot: Any) -> None:
    from leaddesk.ui import features
    from leaddesk.ui.main_window import MainWindow

    win = MainWindow(db)
    qtbot.addWidget(win)
    win.features = features.install(win)
    win.list_page.update_actions()
    assert not win.act_accept.isEnabled()
    assert not win.features.act_call.isEnabled()
    assert not win.act_prev.isEnabled()


def test_board_column_sorting_by_value_and_back_to_manual_is_remembered(
    db: Any, five: list[Any], window: Any, qtbot: Any
) -> None:
    from leaddesk.ui.main_window import MainWindow

    manual = list(window.board.models["lead"].ids)
    header = window.board.columns["lead"].header
    by_value = next(a for a in header.sort_menu.actions() if a.data() == "value")
    by_value.trigger()
    assert [get_lead(db, i).value for i in window.board.models["lead"].ids] == [9000, 500, 100, 0]
    lead = get_lead(db, five[4].id)
    update_lead(db, five[4].id, {"value": 20000}, expected_version=lead.version)
    assert window.board.models["lead"].ids[0] == five[4].id  # an edit re-places the card by its key
    again = MainWindow(db)
    qtbot.addWidget(again)
    again.board.reload()
    assert again.board.sorting.mode("lead") == "value"
    assert again.board.models["lead"].ids[0] == five[4].id
    again.board.set_column_sort("lead", "manual")
    assert list(again.board.models["lead"].ids) == manual
    qtbot.waitUntil(lambda: not window.ops.busy, timeout=10_000)  # closing asks while a write runs


@pytest.mark.parametrize("mode", ["score", "last_activity", "follow_up"])
def test_board_column_sorts_by_each_key(db: Any, five: list[Any], window: Any, mode: str) -> None:
    from leaddesk.core.services.activities import add_activity

    lead = get_lead(db, five[2].id)
    update_lead(
        db, five[2].id, {"next_follow_up": datetime(2027, 1, 1, 9, tzinfo=UTC)}, expected_version=lead.version
    )
    add_activity(db, five[1].id, "call", at=datetime(2026, 11, 1, 9, tzinfo=UTC))
    window.board.set_column_sort("lead", mode)
    ids = window.board.models["lead"].ids
    if mode == "follow_up":
        assert ids[0] == five[2].id
    elif mode == "last_activity":
        assert ids[0] in (five[1].id, five[2].id)
    else:
        scores = [window.board.models["lead"].card_at(r).score for r in range(len(ids))]
        assert scores == sorted(scores, reverse=True)
    assert LEAD_ID_ROLE  # ids come from the model the view paints


def test_a_closed_window_no_longer_follows_the_database(db: Any, qtbot: Any, add_lead: Any) -> None:
    """The operations of a database outlive its windows: a change after a window was deleted
    must not reach that window's list page (it raised "Internal C++ object already deleted")."""
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent

    from leaddesk.ui.main_window import MainWindow

    first = MainWindow(db)
    first.show()
    stack = first.list_page.stack
    first.close()
    first.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(stack)
    add_lead("Neu")  # a committed write: the change signal fires with no window left
    qtbot.wait(50)
