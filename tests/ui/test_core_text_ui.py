"""Core messages in a German UI: tr_core/error_text, and the dialogs that show them."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from leaddesk.core.db import Database
from leaddesk.core.errors import ConflictError, NotFoundError, ValidationError
from leaddesk.core.scoring import validate_rule
from leaddesk.core.text import Text
from leaddesk.ui import i18n
from leaddesk.ui.i18n import error_text, rule_field_labels, tr_core


def test_tr_core_translates_template_and_nested_values(german: None) -> None:
    assert tr_core(Text("a manual score change needs a reason")) == (
        "Eine manuelle Punkteänderung braucht eine Begründung"
    )
    conflict = ConflictError(Text("lead {id}", id=12), 3, 4)
    assert error_text(conflict) == (
        "Lead 12 wurde inzwischen an anderer Stelle geändert "
        "(Sie haben Version 3 bearbeitet, jetzt ist es Version 4); nichts wurde gespeichert"
    )
    # A German decimal comma for a float; quoted user input stays as typed.
    assert tr_core(Text("the minimum {low} is above the maximum {high}", low=2.5, high=1)) == (
        "Das Minimum 2,5 liegt über dem Maximum 1"
    )
    assert tr_core(Text("{value!r} is not a number", value="zehn")) == "'zehn' ist keine Zahl"


def test_tr_core_falls_back_to_english(german: None, monkeypatch: pytest.MonkeyPatch) -> None:
    assert tr_core("some plain message from a module not converted yet") == (
        "some plain message from a module not converted yet"
    )
    assert tr_core("") == ""
    assert tr_core(Text("no translation for {x}", x=1)) == "no translation for 1"
    # A translation whose placeholder was mistyped must not break the dialog: English instead.
    monkeypatch.setattr(i18n.QCoreApplication, "translate", lambda ctx, s, *a: "{wrong} Platzhalter")
    assert tr_core(Text("lead {id} does not exist", id=5)) == "lead 5 does not exist"


def test_validation_errors_name_fields_in_german(german: None) -> None:
    with pytest.raises(ValidationError) as info:
        validate_rule(
            {"group": "fit", "field": "company_size", "operator": "contains", "value": "x", "points": 5}
        )
    shown = error_text(info.value, rule_field_labels())
    assert shown.startswith("Bedingung: 'contains' passt nicht zu Firmengröße")
    assert "does not apply" not in shown
    # Unknown keys (a rules file's name) are shown as they are.
    assert error_text(ValidationError({"rules.json": Text('needs a "rules" list')})) == (
        "rules.json: braucht eine Liste „rules“"
    )
    # Not ours (a driver's message may hold SQL and a lead's data, a bug): a calm sentence, and the
    # details go to the log.
    shown = error_text(RuntimeError("disk I/O error [SQL: UPDATE lead SET email='anna@example.org']"))
    assert shown.startswith("Etwas ist schiefgegangen") and "SQL" not in shown and "anna" not in shown


def test_rule_editor_shows_a_bad_range_in_german(german: None, qtbot: Any, db: Database) -> None:
    from tests.ui.scoring.test_scoring_ui import editor_with_a_bad_range

    editor = editor_with_a_bad_range(qtbot, db)
    assert editor.form.error.text() == "Wert: Das Minimum 300 liegt über dem Maximum 249"


def test_score_adjustment_on_a_vanished_lead_says_so_in_german(
    german: None, qtbot: Any, db: Database
) -> None:
    from leaddesk.ui.scoring.explain import ScoreExplainWidget
    from tests.ui.scoring.test_scoring_ui import NOW, seed

    ids = seed(db)
    widget = ScoreExplainWidget(db, ids[0], now=lambda: NOW)
    qtbot.addWidget(widget)
    with db.engine.begin() as conn:  # erased in another window meanwhile
        conn.execute(text("UPDATE lead SET erased = 1 WHERE id = :i"), {"i": ids[0]})
    widget.points.setValue(10)
    qtbot.keyClicks(widget.reason, "Messe Stuttgart")  # QTest.keyClicks aborts on umlauts
    widget.add_button.click()
    assert widget.error.text() == f"Lead {ids[0]} gibt es nicht"


def test_quick_entry_speaks_german(german: None, qtbot: Any, db: Database) -> None:
    from leaddesk.ui.quick_entry import open_quick_entry

    win = open_quick_entry(db)
    qtbot.addWidget(win)
    win.fields["email"].setText("anna@example.com")
    win.save_and_next()
    assert win.card.message.text() == "Eine Karte braucht einen Namen oder eine Firma."
    exc = NotFoundError(Text("lead {id} does not exist", id=9))
    win.card.show_error(exc)
    assert win.card.message.text() == "Lead 9 gibt es nicht"


def test_lead_fields_and_import_problems_read_german(german: None, tmp_path: Any) -> None:
    """The editor's field reasons and the import report's problems, as a German user sees them."""
    from leaddesk.core.errors import NEEDS_NAME_OR_COMPANY
    from leaddesk.core.importers import ImportFormatError, parse_file
    from leaddesk.core.services.imports import plan_import
    from leaddesk.core.services.leads import clean_fields

    with pytest.raises(ValidationError) as bad:
        clean_fields({"first_name": "Eva", "company_size": "viele", "email": "eva@"})
    shown = error_text(bad.value)
    assert "'viele' ist keine Mitarbeiterzahl" in shown
    assert "'eva@' ist keine gültige E-Mail-Adresse" in shown
    with pytest.raises(ValidationError) as nameless:
        clean_fields({"city": "Ulm"})
    assert nameless.value.errors["last_name"] == NEEDS_NAME_OR_COMPANY
    with pytest.raises(ImportFormatError) as empty:
        parse_file(b"   ", "leer.csv")
    assert error_text(empty.value) == "leer.csv: Die Datei ist leer"
    db = Database.open(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    try:
        plan = plan_import(db, [("messe.csv", b"Vorname;Nachname;Firma;E-Mail\nTom;;;\n;;;x@y\n")])
        problems = [tr_core(issue.message) for row in plan.rows for issue in row.issues]
        assert "Ein Lead braucht einen Namen oder eine Firma" in problems
        assert any(p.startswith("'x@y' ist keine gültige E-Mail-Adresse") for p in problems), problems
        assert all(p.endswith("in den Notizen aufbewahrt") for p in problems if "x@y" in p)
    finally:
        db.close()
