"""Settings dialog, saved filters, the "today" banner, F1 and Help, as a user meets them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from leaddesk.core.preferences import Fair, read_preferences
from leaddesk.core.reports.settings import handover_days, source_costs
from leaddesk.core.services.query import LeadFilter
from leaddesk.core.services.saved_filters import list_saved_filters, save_filter
from leaddesk.core.services.tasks import complete_task, create_task, user_timezone
from leaddesk.ui import prefs


@pytest.fixture(autouse=True)
def _fresh_settings() -> Any:
    """The UI's copy of the settings is per process: back to the defaults after each test."""
    yield
    prefs.reset()


@pytest.fixture
def features(window: Any) -> Any:
    from leaddesk.ui import features as features_module

    installed = features_module.Features(window)
    window.features = installed
    yield installed
    for widget in list(installed._open.values()):
        widget.close()
    dialog = getattr(window, "settings_dialog", None)
    if dialog is not None:
        import shiboken6

        if shiboken6.isValid(dialog):
            dialog.close()


def board_ids(window: Any) -> set[int]:
    out: set[int] = set()
    for column in window.board.columns.values():
        out |= set(column.view.column_model().ids)
    return out


def settle(qtbot: Any, window: Any) -> None:
    qtbot.waitUntil(lambda: not window.ops.busy, timeout=5000)
    QApplication.processEvents()


# --- settings -------------------------------------------------------------------------------
def test_settings_round_trip_reaches_another_window(
    db: Any, window: Any, features: Any, qtbot: Any, add_lead: Any
) -> None:
    from leaddesk.ui.settings_dialog import SettingsDialog

    add_lead("Berg", source="Website", tags="Premium", owner="Eva")
    QTest.keySequence(window, QKeySequence("Ctrl+,"))
    dialog = window.settings_dialog
    assert dialog.isVisible()
    other = SettingsDialog(db, window)  # another open window showing the settings
    qtbot.addWidget(other)
    pages = [dialog.nav.item(i).text() for i in range(dialog.nav.count())]
    assert pages == [
        "General",
        "Follow-ups",
        "Sources and trade fairs",
        "Tags",
        "Lost reasons",
        "People",
        "Backups",
        "Database",
    ]
    qtbot.waitUntil(lambda: dialog.sources.table.rowCount() == 1)  # "Website", read off the GUI thread
    dialog.general.currency.setCurrentText("CHF")
    dialog.general.timezone.setCurrentText("Europe/Zurich")
    dialog.show_page("follow_ups")
    dialog.follow_ups.delay.setValue(3)
    dialog.follow_ups.days[4].setChecked(False)  # no Fridays
    dialog.follow_ups.handover.setValue(5)
    dialog.show_page("sources")
    dialog.sources.add("Messe Stuttgart 2026")
    assert dialog.sources.current_name() == "Messe Stuttgart 2026"
    dialog.sources.is_fair.setChecked(True)
    dialog.sources.start.setDate(QDate(2026, 3, 10))
    dialog.sources.end.setDate(QDate(2026, 3, 13))
    dialog.sources.cost.setValue(12500)
    dialog.show_page("tags")
    dialog.tags.add("Messe")
    dialog.show_page("lost_reasons")
    dialog.lost.add("Zu weit weg")
    QTest.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=5000)

    stored = read_preferences(db)
    assert (stored.currency, stored.timezone, stored.follow_up_days) == ("CHF", "Europe/Zurich", 3)
    assert stored.working_days == (0, 1, 2, 3)
    assert stored.fairs == {"Messe Stuttgart 2026": Fair(date(2026, 3, 10), date(2026, 3, 13))}
    assert stored.tags == ("Messe",) and stored.lost_reasons == ("Zu weit weg",)
    assert user_timezone(db) == "Europe/Zurich" and handover_days(db) == 5
    assert source_costs(db) == {"Messe Stuttgart 2026": 12500.0}
    # the other window followed the change signal
    qtbot.waitUntil(lambda: other.general.currency.currentText() == "CHF", timeout=5000)
    assert other.follow_ups.delay.value() == 3 and not other.follow_ups.days[4].isChecked()
    # and so does the rest of the app: a new lead's follow-up, "next working day", the lost reasons
    assert prefs.current().follow_up_days == 3
    editor = window.open_editor(None)
    assert editor.follow_up_date.date() == QDate.currentDate().addDays(3)
    editor.done(0)
    assert window.save_lead(None, {"last_name": "Neu"}, None).currency == "CHF"  # the home currency
    assert prefs.next_working_day(date(2026, 12, 3)) == date(2026, 12, 7)  # Thursday → Monday
    from leaddesk.ui.dialogs import ReasonDialog

    reasons = ReasonDialog("Berg", "lead", "lost", window)
    assert "Zu weit weg" in [b.text() for b in reasons.choices.buttons()]
    reasons.choose("Zu weit weg")
    assert reasons.reason() == "Zu weit weg"
    reasons.deleteLater()


def test_refused_setting_is_said_in_the_dialog(db: Any, window: Any, features: Any, qtbot: Any) -> None:
    dialog = window.open_settings()
    dialog.general.timezone.setCurrentText("Mars/Olympus")
    dialog.apply()
    qtbot.waitUntil(lambda: "Mars/Olympus" in dialog.status.text(), timeout=5000)
    assert user_timezone(db) != "Mars/Olympus" and dialog.isVisible()


def test_language_is_kept_for_the_next_start(window: Any, features: Any, qtbot: Any) -> None:
    dialog = window.open_settings()
    dialog.general.language.setCurrentIndex(dialog.general.language.findData("de"))
    dialog.apply()
    assert prefs.stored_language() == "de"
    assert "starts again" in dialog.status.text()


def test_data_folder_and_backups_pages_open_the_folders(
    db: Any, window: Any, features: Any, monkeypatch: Any
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog = window.open_settings()
    page = dialog.show_page("data")
    page.open_button.click()
    assert opened[-1].toLocalFile() == str(db.file.parent)
    dialog.show_page("backups").open_button.click()
    assert opened[-1].toLocalFile() == str(db.file.parent / "backups")


def test_a_registered_page_replaces_the_owners_list(window: Any, features: Any) -> None:
    from PySide6.QtWidgets import QLabel

    from leaddesk.ui import settings_dialog

    settings_dialog.register_page("owners", lambda: "People", lambda dialog: QLabel("people", dialog))
    try:
        dialog = settings_dialog.SettingsDialog(window.db, window)
        page = dialog.show_page("owners")
        assert isinstance(page, QLabel) and dialog.nav.currentItem().text() == "People"
        extra = dialog.add_page("Database", lambda d: QLabel("db", d))
        assert dialog.stack.indexOf(extra) == dialog.nav.count() - 1
        dialog.deleteLater()
    finally:
        settings_dialog._REGISTERED.pop("owners")


# --- saved filters and several-values filters ------------------------------------------------
def test_saved_filters_round_trip_in_the_side_list(
    db: Any, add_lead: Any, window: Any, features: Any, qtbot: Any, questions: Any
) -> None:
    a = add_lead("A", source="Messe Stuttgart 2026", stage="mql")
    b = add_lead("B", source="Website", stage="mql")
    add_lead("C", source="Empfehlung")
    window.board.reload()
    window.refresh_choices()
    bar = window.filters
    qtbot.waitUntil(lambda: bar.source.findData("Website") >= 0)
    panel = window.saved_filters
    window.saved_filters_dock.show()
    bar.source.set_checked(["Messe Stuttgart 2026", "Website"])
    bar.stage.set_checked(["mql"])
    assert board_ids(window) == {a.id, b.id}
    panel.save_current("My hot MQLs")
    qtbot.waitUntil(lambda: panel.list.count() == 1, timeout=5000)
    bar.clear()
    assert len(board_ids(window)) == 3
    QTest.mouseClick(
        panel.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=panel.list.visualItemRect(panel.list.item(0)).center(),
    )
    assert board_ids(window) == {a.id, b.id}
    assert bar.source.checked() == ["Messe Stuttgart 2026", "Website"] and bar.stage.checked() == ["mql"]
    assert bar.source.summary() == "Messe Stuttgart 2026 +1"
    # a filter saved elsewhere (another window, another person on the database) appears
    save_filter(db, "Empfehlungen", LeadFilter(source="Empfehlung"))
    qtbot.waitUntil(lambda: panel.list.count() == 2, timeout=5000)
    # rename, then delete: asked, named, harmless default
    panel.list.setCurrentRow(1)
    panel.rename_current("Hot MQLs")
    qtbot.waitUntil(
        lambda: panel.list.item(0).text() == "Empfehlungen" and panel.list.item(1).text() == "Hot MQLs"
    )
    panel.list.setCurrentRow(1)
    panel.delete_current()
    assert questions.asked and "Hot MQLs" in questions.asked[-1] and questions.defaults[-1] == "Cancel"
    qtbot.waitUntil(lambda: panel.list.count() == 1, timeout=5000)
    assert [v.name for v in list_saved_filters(db)] == ["Empfehlungen"]


def test_check_combo_ticks_several_with_clicks(db: Any, add_lead: Any, window: Any, qtbot: Any) -> None:
    a = add_lead("A", tags="Premium")
    b = add_lead("B", tags="Maschinenbau")
    add_lead("C", tags="Ärzte")
    window.board.reload()
    window.refresh_choices()
    combo = window.filters.tag
    qtbot.waitUntil(lambda: combo.count() == 4)
    combo.showPopup()
    view = combo.view()
    assert view.viewport().width() > view.fontMetrics().horizontalAdvance("Maschinenbau") + 20  # not elided
    for value in ("Premium", "Maschinenbau"):
        rect = view.visualRect(combo.model().index(combo.findData(value), 0))
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.isVisible()  # the list stays open for the next tick
    assert set(combo.checked()) == {"Premium", "Maschinenbau"}
    assert board_ids(window) == {a.id, b.id}
    rect = view.visualRect(combo.model().index(0, 0))  # "All tags"
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert combo.checked() == [] and len(board_ids(window)) == 3
    window.filters.follow_up.setCurrentIndex(window.filters.NONE)
    assert window.filters.current_filter().no_follow_up


def test_filter_labels_are_not_clipped_at_1024_px_in_german(
    german: Any, db: Any, add_lead: Any, qtbot: Any
) -> None:
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    from leaddesk.ui.main_window import MainWindow

    add_lead("A")
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.resize(1024, 700)
    win.show()
    qtbot.waitExposed(win)
    assert win.width() <= 1024
    bar = win.filters
    assert bar.tag.any_label == "Alle Schlagwörter"
    for combo in (bar.source, bar.tag, bar.owner, bar.stage):
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        room = combo.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
        )
        assert combo.fontMetrics().horizontalAdvance(combo.any_label) <= room.width(), combo.any_label
        assert combo.geometry().right() <= bar.width()
    assert bar.clear_button.geometry().right() <= bar.width()
    win.close()


# --- today: badge and banner instead of a modal ---------------------------------------------
def test_today_is_a_badge_and_a_banner_not_a_modal(
    db: Any, add_lead: Any, window: Any, features: Any, qtbot: Any
) -> None:
    lead = add_lead("Berg")
    other = add_lead("Stein")
    yesterday = datetime.now(UTC) - timedelta(days=2)
    late = create_task(db, lead.id, yesterday)
    create_task(db, other.id, datetime.now(UTC).date(), all_day=True)
    window.board.reload()
    features.after_start()
    today = window.today
    qtbot.waitUntil(lambda: today.counts == (1, 1), timeout=5000)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert today.banner.isVisible()
    assert today.banner.text.text() == "Follow-ups due today: 1 · overdue: 1"
    assert today.badge is not None and today.badge.isVisible() and today.badge.text() == "2"
    # the count follows the change signal: a task done elsewhere
    complete_task(db, late.id)
    qtbot.waitUntil(lambda: today.counts == (0, 1), timeout=5000)
    assert today.badge.text() == "1" and "overdue: 0" in today.banner.text.text()
    # Show opens the follow-up list; × hides the banner, the badge stays
    today.banner.show_button.click()
    assert "follow_ups" in features._open
    today.banner.close_button.click()
    assert not today.banner.isVisible()
    create_task(db, lead.id, yesterday)
    qtbot.waitUntil(lambda: today.counts == (1, 1), timeout=5000)
    assert not today.banner.isVisible() and today.badge.text() == "2"


# --- help -----------------------------------------------------------------------------------
def test_f1_lists_the_real_shortcuts_of_the_window(window: Any, features: Any, qtbot: Any) -> None:
    from leaddesk.ui.help import ShortcutsDialog

    extra = QAction("Frobnicate", window)
    extra.setShortcut(QKeySequence("Ctrl+Alt+K"))
    window.addAction(extra)  # a new action appears without anyone editing a list
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(
        lambda: any(isinstance(w, ShortcutsDialog) and w.isVisible() for w in QApplication.topLevelWidgets())
    )
    dialog = next(
        w for w in QApplication.topLevelWidgets() if isinstance(w, ShortcutsDialog) and w.isVisible()
    )
    rows = {what: keys for _where, what, keys in dialog.rows}
    native = QKeySequence.SequenceFormat.NativeText
    assert rows["New lead…"] == QKeySequence(QKeySequence.StandardKey.New).toString(native)
    assert rows["Settings…"].startswith(QKeySequence("Ctrl+,").toString(native))
    assert rows["Follow-ups due…"] == "Ctrl+Shift+U"
    assert rows["Frobnicate"] == "Ctrl+Alt+K"
    assert "F1" in rows["Keyboard shortcuts"]
    assert ("Edit", "Settings…") in {(w, t) for w, t, _k in dialog.rows}
    dialog.filter.setText("frob")
    assert dialog.proxy.rowCount() == 1
    dialog.close()


def test_f1_in_another_window_lists_that_windows_shortcuts(window: Any, features: Any, qtbot: Any) -> None:
    from leaddesk.ui.help import collect_shortcuts

    follow_ups = features.show_follow_ups()
    keys = {what for _w, what, _k in collect_shortcuts(follow_ups)}
    assert "New lead…" not in keys


def test_where_is_my_data_opens_the_data_folder(
    db: Any, window: Any, features: Any, monkeypatch: Any
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    action = next(a for a in window.menus["help"].actions() if a.text() == "&Where is my data?")
    action.trigger()
    assert [u.toLocalFile() for u in opened] == [str(db.file.parent)]
    assert str(db.file.parent) in window.statusBar().currentMessage()
    assert window.menus["help"].actions()[-1] is window.act_about


def test_about_names_version_and_database(db: Any, window: Any, features: Any) -> None:
    from leaddesk import __version__

    window.act_about.trigger()
    box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
    assert __version__ in box.text() and str(db.file) in box.text()
    box.close()


def test_sources_and_tags_from_settings_are_offered_before_any_lead_has_them(
    db: Any, add_lead: Any, window: Any, features: Any, qtbot: Any
) -> None:
    from leaddesk.core.preferences import write_preferences

    add_lead("A", source="Website", tags="Premium")
    window.refresh_choices()
    qtbot.waitUntil(lambda: window.filters.source.findData("Website") >= 0)
    write_preferences(db, sources=("Messe Stuttgart 2026",), tags=("Neukunde", "premium"))
    qtbot.waitUntil(lambda: window.filters.source.findData("Messe Stuttgart 2026") >= 0, timeout=5000)
    tags = [window.filters.tag.itemData(i) for i in range(1, window.filters.tag.count())]
    assert tags == ["Neukunde", "Premium"]  # "premium" is the leads' "Premium" already
    editor = window.open_editor(None)
    combo = editor.widgets["source"]
    assert "Messe Stuttgart 2026" in [combo.itemText(i) for i in range(combo.count())]
    editor.done(0)


def test_f1_in_the_lead_editor_lists_the_editors_shortcuts(
    db: Any, add_lead: Any, window: Any, features: Any, qtbot: Any
) -> None:
    from leaddesk.ui.help import ShortcutsDialog

    lead = add_lead("Berg")
    window.board.reload()
    editor = window.open_editor(lead.id)
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    QTest.keyClick(QApplication.focusWidget() or editor, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: bool(editor.findChildren(ShortcutsDialog)))
    dialog = editor.findChildren(ShortcutsDialog)[0]
    rows = {what: keys for _where, what, keys in dialog.rows}
    assert rows["Start discovery call"] == "Ctrl+Shift+D"
    assert "New lead…" not in rows
    dialog.close()
    editor.done(0)


def test_renaming_a_tag_in_settings_changes_every_lead_and_ctrl_z_takes_it_back(
    db: Any, add_lead: Any, window: Any, features: Any, qtbot: Any, questions: Any
) -> None:
    from leaddesk.core.services.leads import get_lead

    leads = [add_lead("A", tags="Messe,VIP"), add_lead("B", tags="vip"), add_lead("C", tags="Kunde")]
    QTest.keySequence(window, QKeySequence("Ctrl+,"))
    dialog = window.settings_dialog
    page = dialog.show_page("tags")
    qtbot.waitUntil(lambda: bool(page.fixed))
    row = [page.list.item(i).text() for i in range(page.list.count())].index("VIP")
    page.list.setCurrentRow(row)
    assert page.rename_button.isEnabled()
    page.rename_current("Premium")
    assert [q.replace("lead(s)", "leads") for q in questions.asked] == [
        "Rename the tag VIP to Premium on 2 leads?"
    ]
    assert questions.defaults == ["Cancel"]
    assert [get_lead(db, lead.id).tags for lead in leads] == ["Messe,Premium", "Premium", "Kunde"]
    assert "Premium" in [page.list.item(i).text() for i in range(page.list.count())]
    qtbot.waitUntil(lambda: window.filters.tag.findData("Premium") >= 0, timeout=5000)  # the board follows
    window.act_undo.trigger()
    assert [get_lead(db, lead.id).tags for lead in leads] == ["Messe,VIP", "vip", "Kunde"]


def test_a_cancelled_tag_rename_changes_nothing(
    db: Any, add_lead: Any, window: Any, features: Any, qtbot: Any, questions: Any
) -> None:
    from leaddesk.core.services.leads import get_lead

    lead = add_lead("A", tags="VIP")
    questions.answer = False
    QTest.keySequence(window, QKeySequence("Ctrl+,"))
    page = window.settings_dialog.show_page("tags")
    qtbot.waitUntil(lambda: bool(page.fixed))
    page.list.setCurrentRow(0)
    page.rename_current("Premium")
    assert get_lead(db, lead.id).tags == "VIP"
    assert [page.list.item(i).text() for i in range(page.list.count())] == ["VIP"]
