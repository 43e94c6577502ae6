"""Quick entry with the keyboard only: three cards, one a duplicate that is flagged and merged."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget
from sqlalchemy import select

from leaddesk.core.models import Activity, Attachment, Lead
from leaddesk.core.services.capture import load_session
from leaddesk.ui.capture.recent import RecentModel
from leaddesk.ui.quick_entry import QuickEntryWindow, open_quick_entry
from tests.cardrender import Line, qr_image, render_card


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def type_text(qtbot, text: str) -> None:
    """Key presses into the focused widget. QTest.keyClicks aborts on non-ASCII (qasciikey.cpp), so
    umlauts are sent as key events carrying their text, as a German keyboard layout delivers them."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(focused(), char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(focused(), QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def type_fields(qtbot, *texts: str) -> None:
    """Type each text into the focused field and Tab on (an empty text just Tabs past a field)."""
    for text in texts:
        type_text(qtbot, text)
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)


def enter(qtbot) -> None:
    qtbot.keyClick(focused(), Qt.Key.Key_Return)


@pytest.fixture
def window(qtbot, db) -> QuickEntryWindow:
    win = open_quick_entry(db)
    qtbot.addWidget(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is win.source_edit)
    return win


def leads(db) -> list[Lead]:
    with db.session() as s:
        return list(s.execute(select(Lead).order_by(Lead.id)).scalars())


def test_three_cards_by_keyboard_third_is_flagged_duplicate(qtbot, db, window: QuickEntryWindow) -> None:
    # Fair day: event and tags once, Enter goes to the first card.
    type_fields(qtbot, "Messe Stuttgart 2026")
    type_text(qtbot, "Halle 4, Maschinenbau")
    enter(qtbot)
    assert focused() is window.fields["first_name"]

    # Card 1. Tab order: first, last, company, title, e-mail, website, phone, mobile.
    type_fields(
        qtbot, "Jürgen", "Weiß", "Müller & Söhne GmbH", "Geschäftsführer", "j.weiss@mueller-soehne.de"
    )
    type_fields(qtbot, "", "0711 1234567")
    enter(qtbot)
    assert len(leads(db)) == 1
    assert focused() is window.fields["first_name"] and window.values()["last_name"] == ""

    # Card 2 with a phone that cannot be read: a warning, but it is saved.
    type_fields(qtbot, "Anna", "Berg", "Berg Consulting", "", "anna@berg.example", "", "ruft zurück")
    enter(qtbot)
    assert len(leads(db)) == 2
    assert window.card.message.property("kind") == "warning"
    assert leads(db)[1].phone == "ruft zurück"

    # Card 3: the same person again, e-mail in other case, now with a mobile number.
    type_fields(qtbot, "Jürgen", "Weiss", "", "", "J.Weiss@Mueller-Soehne.de", "", "", "0171 2345678")
    qtbot.waitUntil(lambda: window.duplicates.isVisible(), timeout=2000)
    assert "Weiß" in window.duplicates.list.item(0).text()
    assert window.duplicates.title.text().startswith("<b>Possible duplicate")
    enter(qtbot)  # Enter alone does not create a second Jürgen
    assert len(leads(db)) == 2
    assert "Merge" in window.card.message.text()

    qtbot.keyClick(focused(), Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    rows = leads(db)
    assert len(rows) == 2
    juergen = rows[0]
    assert juergen.mobile == "+491712345678"  # filled from the card
    assert juergen.last_name == "Weiß" and juergen.email == "j.weiss@mueller-soehne.de"  # not overwritten
    assert juergen.source == "Messe Stuttgart 2026" and juergen.tags == "Halle 4,Maschinenbau"
    assert juergen.version == 2
    with db.session() as s:
        visits = s.execute(select(Activity.lead_id).where(Activity.kind == "booth_visit")).scalars().all()
    assert sorted(visits) == [juergen.id, juergen.id, rows[1].id]

    assert window.recent_model.rowCount() == 2  # Jürgen's row shows the merge
    assert window.recent_model.entry(0).action == "merged"
    assert "2" in window.count_label.text() and "3" in window.count_label.text()
    assert load_session(db).source == "Messe Stuttgart 2026"


def test_the_same_card_typed_twice_is_flagged(qtbot, db, window: QuickEntryWindow) -> None:
    enter(qtbot)
    for _ in range(2):
        type_fields(qtbot, "Eva", "Roth", "Roth GmbH", "", "eva@roth.example")
        enter(qtbot)  # no waiting: Enter checks at once when the debounced check has not run yet
    assert len(leads(db)) == 1 and window.duplicates.isVisible()


def test_merge_asks_where_card_and_lead_disagree(qtbot, db, window: QuickEntryWindow) -> None:
    enter(qtbot)
    type_fields(qtbot, "Karl", "Huber", "Huber AG", "", "k.huber@huber.example", "", "089 1234567")
    enter(qtbot)
    type_fields(qtbot, "Karl", "Huber", "Huber AG", "Einkauf", "k.huber@huber.example", "", "089 7654321")
    qtbot.waitUntil(lambda: window.duplicates.isVisible(), timeout=2000)

    def answer() -> None:  # the person reads the differences and presses Enter: keep the lead's values
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and "089 7654321" not in dialog.findChild(QLabel, "qt_msgbox_label").text()
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)
    qtbot.keyClick(focused(), Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    (lead,) = leads(db)
    assert lead.phone == "+49891234567" and lead.title == "Einkauf"


def test_correct_a_recent_card_with_version(qtbot, db, window: QuickEntryWindow) -> None:
    enter(qtbot)
    type_fields(qtbot, "Lena", "Schäfer", "Schäfer KG")
    enter(qtbot)
    qtbot.keyClick(focused(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert focused() is window.recent_view
    qtbot.keyClick(focused(), Qt.Key.Key_Down)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert window.card.edit_banner.isVisible()
    assert window.fields["company"].text() == "Schäfer KG"
    type_fields(qtbot, "", "", "")  # Tab to the title
    type_text(qtbot, "Einkauf")
    enter(qtbot)
    (lead,) = leads(db)
    assert lead.title == "Einkauf" and lead.version == 2
    assert not window.card.edit_banner.isVisible()


def test_qr_card_picture_prefills_and_is_kept(qtbot, db, window: QuickEntryWindow, tmp_path: Path) -> None:
    mecard = "MECARD:N:Öztürk,Ayşe;ORG:Bäckerei Öztürk e.K.;TEL:+4930123456;EMAIL:ayse@example.de;;"
    path = tmp_path / "card.png"
    render_card([Line("Bäckerei Öztürk", 40, True)], qr=qr_image(mecard)).save(path)
    with qtbot.waitSignal(window.scan_finished, timeout=10_000):
        window.scan_file(path)
    assert window.values()["last_name"] == "Öztürk" and window.values()["company"] == "Bäckerei Öztürk e.K."
    assert "QR" in window.picture.status.text()
    enter(qtbot)
    (lead,) = leads(db)
    assert lead.phone == "+4930123456"
    with db.session() as s:
        (attachment,) = s.execute(select(Attachment)).scalars().all()
    assert attachment.lead_id == lead.id and attachment.mime == "image/jpeg"
    assert attachment.data[:2] == b"\xff\xd8" and attachment.file_name == "card.jpg"


def test_missing_ocr_says_what_to_install(qtbot, db, window: QuickEntryWindow, tmp_path, monkeypatch) -> None:
    import pytesseract

    from leaddesk.core.cardscan import ocr

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    ocr.ocr_status.cache_clear()
    try:
        path = tmp_path / "plain.png"
        render_card([Line("Nur Text, kein QR", 40)]).save(path)
        with qtbot.waitSignal(window.scan_finished, timeout=10_000):
            window.scan_file(path)
        assert "tesseract-ocr tesseract-ocr-deu" in window.picture.status.text()
        # Everything else still works: the card is typed and saved with its picture.
        window.fields["first_name"].setFocus()
        type_fields(qtbot, "Nur", "Text")
        enter(qtbot)
        assert len(leads(db)) == 1
        with db.session() as s:
            assert s.execute(select(Attachment)).first() is not None
    finally:
        ocr.ocr_status.cache_clear()


def test_escape_clears_and_alt_r_restores(qtbot, window: QuickEntryWindow) -> None:
    enter(qtbot)
    type_fields(qtbot, "Karl", "Huber")
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert window.values()["first_name"] == ""
    qtbot.keyClick(focused(), Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert window.values()["first_name"] == "Karl" and window.values()["last_name"] == "Huber"


def test_recent_model_is_a_valid_qt_model(qtmodeltester, db) -> None:
    from leaddesk.core.services.capture import save_card
    from leaddesk.ui.capture.recent import RecentEntry

    model = RecentModel()
    for name in ("Eins", "Zwei"):
        lead, _ = save_card(db, {"last_name": name})
        model.put(RecentEntry(lead, "new", lead.created_at))
    qtmodeltester.check(model)
    assert model.index(0, 1).data() == "Zwei"


def test_dropped_photo_is_read_off_the_ui_thread(qtbot, db, window: QuickEntryWindow, tmp_path: Path) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    from leaddesk.core.cardscan import ocr_status
    from tests.cardrender import GERMAN_CARD, photo_of

    if not ocr_status().available:
        pytest.skip(
            "Tesseract OCR is not installed; install tesseract-ocr tesseract-ocr-deu tesseract-ocr-eng"
        )
    path = tmp_path / "IMG_2041.jpg"
    photo_of(render_card(GERMAN_CARD), angle=3).save(path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    drop = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.scan_finished, timeout=20_000):
        window.dropEvent(drop)
        assert window.picture.busy.isVisible()  # the window is free while the card is read
    assert not window.picture.busy.isVisible()
    values = window.values()
    assert (values["first_name"], values["last_name"]) == ("Jürgen", "Weiß")
    assert values["company"] == "Müller & Söhne Maschinenbau GmbH" and values["mobile"] == "+49 171 2345678"
    assert "check every field" in window.picture.status.text()
    enter(qtbot)  # the person confirms
    (lead,) = leads(db)
    assert lead.mobile == "+491712345678" and lead.city == "Stuttgart"
    with db.session() as s:
        (attachment,) = s.execute(select(Attachment)).scalars().all()
    assert attachment.lead_id == lead.id and attachment.file_name == "IMG_2041.jpg"


def test_open_hands_the_lead_to_the_main_window(qtbot, db) -> None:
    opened: list[int] = []
    win = QuickEntryWindow(db, open_lead=opened.append)
    qtbot.addWidget(win)
    win.show()
    win.set_values({"last_name": "Berg", "email": "anna@berg.example"})
    win.save_and_next()
    win.set_values({"first_name": "Anna", "email": "ANNA@berg.example"})
    win.check_duplicates()
    win.open_match()
    assert opened == [leads(db)[0].id]


def test_correcting_keeps_multiline_notes(qtbot, db, window: QuickEntryWindow) -> None:
    from leaddesk.core.services.leads import create_lead

    lead, _ = create_lead(db, {"last_name": "Huber", "notes": "Stand 4\nwill Angebot"})
    window.edit_lead(lead.id)
    assert window.fields["notes"].text() == "Stand 4 · will Angebot"
    window.fields["title"].setFocus()
    type_text(qtbot, "Einkauf")
    enter(qtbot)
    (saved,) = leads(db)
    assert saved.title == "Einkauf" and saved.notes == "Stand 4\nwill Angebot"


# --- a correction never drops the card being typed ---------------------------------------------


def card_one_then_half_of_card_two(qtbot, db) -> None:
    """Lena's card is saved; Jonas's card is half typed when the rep spots a typo on Lena's."""
    enter(qtbot)  # from the event field to the first card
    type_fields(qtbot, "Lena", "Schäfer", "Schäfer KG")
    enter(qtbot)
    assert len(leads(db)) == 1
    type_fields(qtbot, "Jonas", "Weber", "Weber GmbH", "")
    type_text(qtbot, "jonas@weber.example")


def open_first_recent_card(qtbot) -> None:
    qtbot.keyClick(focused(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(focused(), Qt.Key.Key_Down)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)


def test_cancelled_correction_offers_the_half_typed_card_back(qtbot, db, window: QuickEntryWindow) -> None:
    card_one_then_half_of_card_two(qtbot, db)
    open_first_recent_card(qtbot)
    assert window.card.edit_banner.isVisible() and window.values()["last_name"] == "Schäfer"
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)  # never mind the correction
    assert not window.card.edit_banner.isVisible() and window.card.restore_button.isVisible()
    qtbot.keyClick(focused(), Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    values = window.values()
    assert (values["first_name"], values["last_name"], values["email"]) == (
        "Jonas",
        "Weber",
        "jonas@weber.example",
    )
    assert not window.card.restore_button.isVisible()


def test_finished_correction_offers_the_half_typed_card_back(qtbot, db, window: QuickEntryWindow) -> None:
    card_one_then_half_of_card_two(qtbot, db)
    open_first_recent_card(qtbot)
    type_fields(qtbot, "", "", "")  # Tab to the title
    type_text(qtbot, "Einkauf")
    enter(qtbot)  # the correction is saved
    assert leads(db)[0].title == "Einkauf" and window.values()["last_name"] == ""
    assert window.card.restore_button.isVisible()
    qtbot.keyClick(focused(), Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert window.values()["last_name"] == "Weber" and window.values()["title"] == ""


def test_open_existing_then_correct_shows_the_restore_button(qtbot, db, window: QuickEntryWindow) -> None:
    from leaddesk.core.services.leads import create_lead

    create_lead(db, {"first_name": "Anna", "last_name": "Berg", "email": "anna@berg.example"})
    enter(qtbot)
    type_fields(qtbot, "Anna", "Berg", "Berg AG", "", "anna@berg.example", "")
    type_text(qtbot, "0711 1234567")
    qtbot.waitUntil(lambda: window.duplicates.isVisible(), timeout=2000)
    qtbot.keyClick(focused(), Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)  # open the existing lead
    assert window.card.edit_banner.isVisible()
    window.fields["title"].setFocus()
    type_text(qtbot, "CFO")
    enter(qtbot)
    assert leads(db)[0].title == "CFO"
    assert window.card.restore_button.isVisible()
    window.card.restore_button.click()
    assert window.values()["company"] == "Berg AG" and window.values()["phone"] == "0711 1234567"


# --- closing never drops a typed card silently ------------------------------------------------


def close_question(qtbot) -> QMessageBox:
    """The Save / Discard / Cancel question the person sees (window-modal, so nothing blocks)."""
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox), timeout=2000)
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox)
    return box


def answer(qtbot, box: QMessageBox, choice: str) -> None:
    """Enter takes the default (Save), Esc cancels, Discard is clicked."""
    if choice == "save":
        qtbot.keyClick(box, Qt.Key.Key_Return)
    elif choice == "cancel":
        qtbot.keyClick(box, Qt.Key.Key_Escape)
    else:
        box.button(QMessageBox.StandardButton.Discard).click()
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=2000)


@pytest.mark.parametrize(
    ("choice", "still_open", "saved"),
    [("cancel", True, 0), ("discard", False, 0), ("save", False, 1)],
)
def test_closing_with_a_typed_card_asks_first(
    qtbot, db, window: QuickEntryWindow, choice: str, still_open: bool, saved: int
) -> None:
    enter(qtbot)
    type_fields(qtbot, "Jonas", "Weber", "Weber GmbH")
    assert window.close() is False  # the title bar's close button
    box = close_question(qtbot)
    assert box.text() == "Save the card you typed?"
    answer(qtbot, box, choice)
    assert window.isVisible() is still_open
    assert len(leads(db)) == saved
    if still_open:
        assert window.values()["last_name"] == "Weber"


def test_save_on_close_keeps_the_window_when_the_card_cannot_be_saved(
    qtbot, db, window: QuickEntryWindow
) -> None:
    enter(qtbot)
    type_fields(qtbot, "", "", "", "")  # Tab to the e-mail
    type_text(qtbot, "jonas@weber.example")
    window.close()
    answer(qtbot, close_question(qtbot), "save")
    assert window.isVisible() and not leads(db)
    assert window.card.message.text() == "A card needs a name or a company."
    assert window.values()["email"] == "jonas@weber.example"


def test_closing_during_a_correction_asks_for_it_and_the_card_set_aside(
    qtbot, db, window: QuickEntryWindow
) -> None:
    card_one_then_half_of_card_two(qtbot, db)
    open_first_recent_card(qtbot)
    type_fields(qtbot, "", "", "")
    type_text(qtbot, "Einkauf")
    window.close()
    box = close_question(qtbot)
    assert box.text() == "Save your correction to Lena Schäfer?"
    answer(qtbot, box, "save")
    assert leads(db)[0].title == "Einkauf"
    box = close_question(qtbot)  # then Jonas's half-typed card, put aside for the correction
    assert box.text() == "Save the card you typed?"
    answer(qtbot, box, "cancel")
    assert window.isVisible() and not window.card.edit_banner.isVisible()
    assert window.values()["last_name"] == "Weber" and len(leads(db)) == 1


def test_closing_without_anything_typed_does_not_ask(qtbot, db, window: QuickEntryWindow) -> None:
    enter(qtbot)
    type_fields(qtbot, "Lena", "Schäfer")
    enter(qtbot)
    open_first_recent_card(qtbot)  # a correction without changes loses nothing either
    assert window.card.edit_banner.isVisible()
    assert window.close() is True
    assert QApplication.activeModalWidget() is None


@pytest.fixture
def main_window(qtbot, db):
    """The main window with its features, as the app starts it (no start-up offers)."""
    from leaddesk.ui.features import Features
    from leaddesk.ui.main_window import MainWindow

    win = MainWindow(db)
    win.show()
    qtbot.waitExposed(win)
    win.features = Features(win)
    yield win
    win.close()
    win.deleteLater()


@pytest.mark.parametrize(("choice", "quit_", "saved"), [("save", True, 1), ("cancel", False, 0)])
def test_quitting_the_app_asks_about_the_card_in_quick_entry(
    qtbot, db, main_window, choice: str, quit_: bool, saved: int
) -> None:
    quick = main_window.features.open_quick_entry()
    quick.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is quick.source_edit)
    enter(qtbot)
    type_fields(qtbot, "Jonas", "Weber", "Weber GmbH")
    assert main_window.close() is False  # Ctrl+Q waits for the answer
    box = close_question(qtbot)
    assert box.parentWidget() is quick
    answer(qtbot, box, choice)
    assert main_window.isVisible() is not quit_
    assert (shiboken6.isValid(quick) and quick.isVisible()) is not quit_  # closed and deleted on quit
    assert len(leads(db)) == saved


def test_a_scanned_title_is_saved_with_the_card_and_not_kept_for_the_next(qtbot, db, window) -> None:
    scanned = {"salutation": "ms", "academic_title": "Dr.", "first_name": "Anna", "last_name": "Berg"}
    window.set_values(scanned)  # as a card scan fills the form
    window.save_and_next()
    window.set_values({"first_name": "Jonas", "last_name": "Roth"})
    window.save_and_next()
    saved = {lead.last_name: (lead.salutation, lead.academic_title) for lead in leads(db)}
    assert saved == {"Berg": ("ms", "Dr."), "Roth": ("", "")}
