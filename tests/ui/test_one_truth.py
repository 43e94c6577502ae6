"""One truth across windows: every way a lead can change reaches the board (cards, column counts
and sums), the status bar and a search at once, through the operations layer's change signal —
without reopening or reloading anything. Undo and redo follow the same path."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QStyleOptionViewItem

from leaddesk.core.db import Database
from leaddesk.core.models import LeadScore
from leaddesk.core.scoring import Settings, install_defaults, save_rules, save_settings, validate_rule
from leaddesk.core.services.activities import add_activity
from leaddesk.core.services.imports import apply_import, plan_import, undo_import
from leaddesk.core.services.leads import create_lead, get_lead, stage_history
from leaddesk.core.services.query import LeadFilter
from leaddesk.core.services.trash import list_trash
from leaddesk.ui.ops import operations

from .test_board import column_ids


def shows(window: Any, lead_id: int, stage: str, *, search: str = "") -> bool:
    """The lead is a card of ``stage``, counted in its header, in the status bar and found by a search."""
    board = window.board
    if lead_id not in column_ids(window, stage):
        return False
    if board.columns[stage].header.count != len(board.models[stage].ids):
        return False
    total = board.total
    if not window.status_label.text().startswith(f"{total:,}".replace(",", ".")) and str(total) not in (
        window.status_label.text()
    ):
        return False
    if search:
        before = board.filter
        board.set_filter(LeadFilter(search=search))
        found = lead_id in column_ids(window, stage)
        board.set_filter(before)
        return found
    return True


def gone(window: Any, lead_id: int) -> bool:
    return all(lead_id not in m.ids for m in window.board.models.values())


def header(window: Any, stage: str) -> tuple[int, dict[str, float]]:
    h = window.board.columns[stage].header
    return h.count, dict(h.sums)


@pytest.fixture
def features(window: Any) -> Any:
    from leaddesk.ui import features as features_module

    installed = features_module.Features(window)
    window.features = installed
    yield installed
    for widget in list(installed._open.values()):
        widget.close()


def test_quick_entry_save_is_on_the_board_at_once(window: Any, features: Any, qtbot: Any) -> None:
    quick = features.open_quick_entry()
    assert window.board.total == 0
    quick.fields["first_name"].setText("Quirin")
    quick.fields["last_name"].setText("Schnell")
    quick.fields["company"].setText("Messebau Schnell GmbH")
    assert quick.save_and_next()
    lead_id = window.board.models["lead"].ids[-1]
    assert shows(window, lead_id, "lead", search="Schnell")
    assert window.pages.currentWidget() is not window.first_run  # the first-run page gave way
    assert "1" in window.status_label.text()


def test_card_scan_save_is_on_the_board(
    window: Any, features: Any, qtbot: Any, tmp_path: Path, db: Database
) -> None:
    from tests.cardrender import Line, qr_image, render_card

    quick = features.open_quick_entry()
    path = tmp_path / "card.png"
    mecard = "MECARD:N:Öztürk,Ayşe;ORG:Bäckerei Öztürk e.K.;EMAIL:ayse@example.de;;"
    render_card([Line("Bäckerei Öztürk", 40, True)], qr=qr_image(mecard)).save(path)
    with qtbot.waitSignal(quick.scan_finished, timeout=10_000):
        quick.scan_file(path)
    assert quick.save_and_next()
    lead_id = window.board.models["lead"].ids[-1]
    assert get_lead(db, lead_id).company == "Bäckerei Öztürk e.K."
    assert shows(window, lead_id, "lead", search="Öztürk")


def test_call_end_with_a_stage_move(window: Any, features: Any, add_lead: Any, db: Database) -> None:
    lead = add_lead("Kaya", company="Kaya AG")
    call = features.start_call(lead.id)
    for section in ("budget", "authority", "need", "timing"):
        combo = call.form.sections[section].status
        combo.setCurrentIndex(combo.findData("confirmed"))
    call.request_end()
    call.end_dialog.accept()
    assert call.result_dialog.confirm is not None  # "Move to SQL"
    call.result_dialog.confirm.click()
    assert get_lead(db, lead.id).stage == "sql"
    assert shows(window, lead.id, "sql") and gone_from(window, lead.id, "lead")
    # The card knows its stage: Ctrl+← from SQL asks for a reason to go back to MQL (a label, no id).
    window.board.select_lead(lead.id, "sql")
    window.board.columns["sql"].view.setFocus()
    window.board.move_selected(-1)
    dialog = window.board.reason_dialog
    assert dialog is not None and "from SQL to MQL" in _texts(dialog)  # labels, not the ids "sql"/"mql"
    dialog.reject()


def gone_from(window: Any, lead_id: int, stage: str) -> bool:
    return lead_id not in column_ids(window, stage)


def _texts(widget: Any) -> str:
    from PySide6.QtWidgets import QLabel

    return " ".join(label.text() for label in widget.findChildren(QLabel))


def test_editor_save_new_and_edit_with_undo_and_redo(window: Any, db: Database) -> None:
    editor = window.open_editor(None)
    editor.widgets["last_name"].setText("Neumann")
    editor.widgets["value"].setValue(5000)
    assert editor.save()
    lead_id = window.board.models["lead"].ids[-1]
    assert shows(window, lead_id, "lead", search="Neumann") and header(window, "lead") == (1, {"EUR": 5000})
    editor = window.open_editor(lead_id)
    editor.widgets["value"].setValue(7000)
    assert editor.save()
    assert header(window, "lead") == (1, {"EUR": 7000})
    window.act_undo.trigger()
    assert header(window, "lead") == (1, {"EUR": 5000})
    window.act_redo.trigger()
    assert header(window, "lead") == (1, {"EUR": 7000})


def test_import_and_its_undo(window: Any, db: Database, qtbot: Any) -> None:
    rows = "Vorname;Nachname;Firma\n" + "".join(f"Ina{i};Import{i};Firma {i}\n" for i in range(30))
    result = apply_import(db, plan_import(db, [("messe.csv", rows.encode())]))
    assert window.board.total == 30 and header(window, "lead")[0] == 30
    assert shows(window, window.board.models["lead"].ids[0], "lead", search="Import0")
    undo_import(db, result.batch_id)
    assert window.board.total == 0 and header(window, "lead")[0] == 0


def test_import_on_the_write_lane_reaches_the_board(window: Any, db: Database, qtbot: Any) -> None:
    rows = "Vorname;Nachname\n" + "".join(f"A{i};B{i}\n" for i in range(5))
    plan = plan_import(db, [("a.csv", rows.encode())])
    done: list[Any] = []
    operations(db).write(lambda _op: apply_import(db, plan), done=done.append)
    qtbot.waitUntil(lambda: bool(done) and window.board.total == 5, timeout=10_000)


def test_database_merge(window: Any, db: Database, data_dir: Path, tmp_path: Path) -> None:
    from leaddesk.core.services.dbmerge import merge_database

    other = Database.open_data_dir(tmp_path / "laptop")
    create_lead(other, {"last_name": "Messelaptop", "company": "Fair GmbH"})
    other_file = other.file
    other.close()
    merge_database(db, str(other_file))
    [lead_id] = window.board.models["lead"].ids
    assert shows(window, lead_id, "lead", search="Messelaptop")


def test_score_threshold_move(window: Any, db: Database, add_lead: Any) -> None:
    install_defaults(db)
    rule = validate_rule(
        {"group": "engagement", "field": "activity.webinar", "operator": "happened", "points": 60}
    )
    save_rules(db, [rule])
    save_settings(db, Settings(mql_threshold=50, sql_threshold=80, mode="move"))
    lead = add_lead("Webinar")
    assert shows(window, lead.id, "lead")
    add_activity(db, lead.id, "webinar")  # the score reaches 60: moved to MQL in the same transaction
    assert get_lead(db, lead.id).stage == "mql"
    assert shows(window, lead.id, "mql") and gone_from(window, lead.id, "lead")


def _ready(db: Database, lead_id: int) -> None:
    """Scoring says "ready for SQL", written and announced as a rescore of this lead would be
    (leaddesk/core/services/rescoring.py): open windows learn of it from the change signal."""
    from sqlalchemy import update

    from leaddesk.core.changes import note

    with db.transaction() as session:
        session.execute(
            update(LeadScore).where(LeadScore.lead_id == lead_id).values(score=85, score_flag="sql")
        )
        note(session, updated=[lead_id])


def test_accepting_a_suggestion_by_clicking_the_pill_then_undo_and_redo(
    window: Any, db: Database, add_lead: Any, qtbot: Any
) -> None:
    lead = add_lead("Pille", company="Pillen AG")
    _ready(db, lead.id)
    window.board.reload()
    view = window.board.columns["lead"].view
    qtbot.waitUntil(lambda: window.board.models["lead"].cached(lead.id) is not None)
    index = window.board.models["lead"].index(0, 0)
    opt = QStyleOptionViewItem()
    view.initViewItemOption(opt)
    opt.rect = view.visualRect(index)
    pill = window.board.delegate.pill_rect(opt, window.board.models["lead"].cached(lead.id))
    assert pill is not None
    QTest.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pill.center()
    )
    assert get_lead(db, lead.id).stage == "sql"
    assert shows(window, lead.id, "sql")
    assert stage_history(db, lead.id)[-1].actor_kind == "user"
    window.act_undo.trigger()
    assert get_lead(db, lead.id).stage == "lead" and shows(window, lead.id, "lead")
    window.act_redo.trigger()
    assert get_lead(db, lead.id).stage == "sql" and shows(window, lead.id, "sql")


def test_accepting_from_the_score_tab_is_the_same_undoable_path(
    window: Any, features: Any, db: Database, add_lead: Any
) -> None:
    from leaddesk.ui.scoring.explain import ScoreExplainWidget

    lead = add_lead("Tab")
    _ready(db, lead.id)
    editor = window.open_editor(lead.id)
    score = next(
        editor.tabs.widget(i)
        for i in range(editor.tabs.count())
        if isinstance(editor.tabs.widget(i), ScoreExplainWidget)
    )
    score.refresh()
    score.accept_button.click()
    assert get_lead(db, lead.id).stage == "sql" and shows(window, lead.id, "sql")
    assert not score.accept_button.isVisibleTo(score)  # the tab followed the change
    editor.done(0)
    window.act_undo.trigger()
    assert get_lead(db, lead.id).stage == "lead" and shows(window, lead.id, "lead")


def test_delete_asks_then_undo_redo_and_restore_from_the_trash(
    window: Any, db: Database, add_lead: Any, questions: Any
) -> None:
    lead = add_lead("Weg", company="Weg GmbH", value=900)
    assert header(window, "lead") == (1, {"EUR": 900})
    window.board.select_lead(lead.id, "lead")
    questions.answer = False
    window.act_delete.trigger()  # Del: asks, Cancel is the default
    assert questions.defaults == ["Cancel"] and "Weg" in questions.asked[0]
    assert shows(window, lead.id, "lead")
    questions.answer = True
    window.act_delete.trigger()
    assert gone(window, lead.id) and header(window, "lead") == (0, {"EUR": 0})
    assert [t.id for t in list_trash(db)] == [lead.id]
    window.act_undo.trigger()
    assert shows(window, lead.id, "lead", search="Weg") and header(window, "lead") == (1, {"EUR": 900})
    window.act_redo.trigger()
    assert gone(window, lead.id)
    trash = window.open_trash()
    assert trash.model.rows[0].id == lead.id
    trash.view.selectRow(0)
    trash.restore()
    assert shows(window, lead.id, "lead", search="Weg")
    assert trash.model.rows == []  # the trash window followed too


@pytest.mark.parametrize("zone", ["UTC", "America/New_York", "Asia/Tokyo"])
def test_a_follow_up_shows_the_same_day_everywhere(
    zone: str, monkeypatch: pytest.MonkeyPatch, db: Database, qtbot: Any, data_dir: Path, capsys: Any
) -> None:
    """The machine's zone decides: card, follow-up list, call result and ``leaddesk followups``."""
    import json
    import time

    from PySide6.QtCore import QDate, QLocale

    from leaddesk.cli import main
    from leaddesk.ui import features as features_module
    from leaddesk.ui.board.delegate import local_date
    from leaddesk.ui.followups import FollowUpList
    from leaddesk.ui.main_window import MainWindow

    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        lead = create_lead(db, {"last_name": "Zeitzone"})[0]
        window = MainWindow(db)
        qtbot.addWidget(window)
        features = features_module.Features(window)
        today = date.today()  # the machine's day in ``zone``
        call = features.start_call(lead.id)
        call.request_end()
        call.end_dialog.due_date.setDate(QDate(today.year, today.month, today.day))
        call.end_dialog.accept()
        summary = _texts(call.result_dialog)
        call.result_dialog.reject()
        long_day = QLocale().toString(
            QDate(today.year, today.month, today.day), QLocale.FormatType.LongFormat
        )
        assert long_day in summary  # the call's result
        card = window.board._fetch_cards([lead.id])[lead.id]
        shown = local_date(card.next_follow_up)
        assert (shown.year(), shown.month(), shown.day()) == (today.year, today.month, today.day)  # the card
        follow_ups = FollowUpList(db)
        qtbot.addWidget(follow_ups)
        [row] = follow_ups.model.rows
        assert row.task.lead_id == lead.id and row.task.due_day(zone) == today  # the follow-up list
        assert main(["--data-dir", str(data_dir), "followups", "--json"]) == 0
        [printed] = json.loads(capsys.readouterr().out)
        assert printed["due"] == today.isoformat()  # the CLI
        features.window.close()
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_a_large_import_is_placed_in_board_order_without_reading_the_board_again(
    window: Any, db: Database, add_lead: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from leaddesk.core.services import board as board_service
    from leaddesk.ui.board import board as board_module
    from leaddesk.ui.board.placing import PLACE_ONE_BY_ONE

    for name in ("Erster", "Zweiter"):
        add_lead(name)
    reads: list[int] = []
    monkeypatch.setattr(
        board_module, "load_board", lambda db_: reads.append(1) or board_service.load_board(db_)
    )
    rows = "Vorname;Nachname\n" + "".join(f"V{i};N{i}\n" for i in range(PLACE_ONE_BY_ONE + 100))
    result = apply_import(db, plan_import(db, [("viele.csv", rows.encode())]))
    assert reads == []  # placed from the change, not by a reload
    fresh = board_service.load_board(db)
    assert window.board.snapshot.ids["lead"] == fresh.ids["lead"] == column_ids(window, "lead")
    assert header(window, "lead")[0] == len(fresh.ids["lead"])
    undo_import(db, result.batch_id)
    assert len(column_ids(window, "lead")) == 2


def test_undo_of_an_edit_takes_back_the_promotion_it_earned(window: Any, db: Database, add_lead: Any) -> None:
    rule = validate_rule(
        {"group": "fit", "field": "title", "operator": "contains", "value": "chef", "points": 60}
    )
    save_rules(db, [rule])
    save_settings(db, Settings(mql_threshold=50, sql_threshold=80, mode="move"))
    lead = add_lead("Koch", title="Sous")
    editor = window.open_editor(lead.id)
    editor.widgets["title"].setText("Küchenchef")
    assert editor.save()
    assert get_lead(db, lead.id).stage == "mql" and shows(window, lead.id, "mql")
    window.act_undo.trigger()
    back = get_lead(db, lead.id)
    assert (back.title, back.stage) == ("Sous", "lead") and shows(window, lead.id, "lead")
    assert [m.to_stage for m in stage_history(db, lead.id)] == ["lead"]  # the rule's move is gone too
    window.act_redo.trigger()
    assert get_lead(db, lead.id).stage == "mql" and shows(window, lead.id, "mql")
    window.act_undo.trigger()
    assert get_lead(db, lead.id).stage == "lead"


def test_a_move_while_another_process_writes_waits_off_the_gui_thread(
    window: Any, db: Database, add_lead: Any, qtbot: Any, data_dir: Path
) -> None:
    """The board does not freeze for the busy timeout: the move gives up on the GUI thread at once,
    the status bar says it waits, and it is saved on the write lane when the lock is free."""
    import sqlite3
    import time

    from leaddesk.core.db import QUICK_BUSY_TIMEOUT_MS

    lead = add_lead("Wartend")
    other = sqlite3.connect(db.file, isolation_level=None)  # another process's writer, say
    other.execute("BEGIN IMMEDIATE")
    try:
        start = time.perf_counter()
        window.board.request_move(lead.id, "lead", "mql", -1)
        assert (time.perf_counter() - start) * 1000 < QUICK_BUSY_TIMEOUT_MS + 1500  # not 5 s
        qtbot.waitUntil(lambda: "Another LeadDesk process is writing" in window.statusBar().currentMessage())
        assert get_lead(db, lead.id).stage == "lead"
    finally:
        other.execute("COMMIT")
        other.close()
    qtbot.waitUntil(lambda: get_lead(db, lead.id).stage == "mql", timeout=10_000)
    qtbot.waitUntil(lambda: shows(window, lead.id, "mql"))
    window.act_undo.trigger()  # the waited-for move is an undo step like any other
    assert get_lead(db, lead.id).stage == "lead"


def test_do_not_contact_shows_on_the_card_at_once(
    window: Any, db: Database, add_lead: Any, qtbot: Any
) -> None:
    from leaddesk.core.privacy.consent import set_do_not_contact

    lead = add_lead("Ruhe", company="Ruhe GmbH")
    model = window.board.models["lead"]
    qtbot.waitUntil(lambda: model.cached(lead.id) is not None)
    assert not model.cached(lead.id).do_not_contact
    set_do_not_contact(db, lead.id, True)  # in the editor's Consent tab, say
    card = model.card_at(model.row_of(lead.id))
    assert card is not None and card.do_not_contact
    window.board.columns["lead"].view.viewport().grab()  # painted with its red marker, no error
