"""Keyboard helpers for UI tests: type into whatever has focus, as a user would."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has keyboard focus"
    return widget


def type_into(text: str) -> None:
    """Type like a keyboard would; QTest's ASCII table has no umlauts, so those go as key events with text."""
    for ch in text:
        widget = focused()
        if ch.isascii():
            QTest.keyClick(widget, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def key(k: Qt.Key, mod: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focused(), k, mod)


TAB = Qt.Key.Key_Tab
CTRL = Qt.KeyboardModifier.ControlModifier

#: What ``fill_whole_form`` types, as the form's raw state afterwards (plus the call notes).
FILLED_STATE = {
    "budget_status": "partial",
    "budget_amount": "40000",
    "budget_currency": "EUR",
    "budget_approved": "no",
    "budget_notes": "Freigabe im Januar",
    "authority_status": "confirmed",
    "authority_is_decision_maker": "no",
    "authority_people": "Dr. Özdemir (CFO)",
    "authority_notes": "entscheidet im Gremium",
    "need_status": "confirmed",
    "need_pain": "Lieferzeiten zu lang",
    "need_priority": "4",
    "need_notes": "Kunden springen ab",
    "timing_status": "unknown",
    "timing_target": "2027-06-30",
    "timing_driver": "Werkshalle neu",
    "timing_notes": "noch offen",
}
FILLED_NOTES = "Gesprächspartnerin: Frau Jäger"


def fill_whole_form() -> None:
    """Every BANT field and the call notes, keyboard only, starting with focus on Budget's status."""
    type_into("p")
    key(TAB)
    type_into("40000")
    key(TAB)
    key(TAB)
    type_into("n")
    key(TAB)
    type_into("Freigabe im Januar")
    key(Qt.Key.Key_2, CTRL)
    type_into("c")
    key(TAB)
    type_into("n")
    key(TAB)
    type_into("Dr. Özdemir (CFO)")
    key(TAB)
    type_into("entscheidet im Gremium")
    key(Qt.Key.Key_3, CTRL)
    type_into("c")
    key(TAB)
    type_into("Lieferzeiten zu lang")
    key(TAB)
    type_into("4")
    key(TAB)
    type_into("Kunden springen ab")
    key(Qt.Key.Key_4, CTRL)
    key(TAB)
    type_into("2027-06-30")
    key(TAB)
    type_into("Werkshalle neu")
    key(TAB)
    type_into("noch offen")
    key(Qt.Key.Key_5, CTRL)
    type_into(FILLED_NOTES)
