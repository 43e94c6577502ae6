"""Rule validation, the free-mail list, defaults and the JSON round trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from leaddesk.core.db import Database
from leaddesk.core.errors import ValidationError
from leaddesk.core.scoring import (
    DEFAULT_SETTINGS,
    default_rules,
    export_rules,
    import_rules,
    install_defaults,
    is_freemail,
    load_rules,
    load_settings,
    rules_from_json,
    rules_to_json,
    save_rules,
    validate_rule,
    validate_settings,
)
from leaddesk.core.scoring.rules import fold

BASE = {"name": "Size", "group": "fit", "field": "company_size", "operator": "at_least", "value": 10}


def test_valid_rule_is_normalised() -> None:
    rule = validate_rule(BASE | {"points": "15"})
    assert rule.points == 15 and rule.value == 10 and rule.enabled


@pytest.mark.parametrize(
    ("change", "key", "words"),
    [
        ({"field": "titel"}, "field", "unknown field 'titel'"),
        ({"operator": "like"}, "operator", "unknown operator 'like'"),
        ({"operator": "contains", "value": "x"}, "operator", "does not apply to Company size"),
        ({"points": "ten"}, "points", "'ten' is not a whole number"),
        ({"points": None}, "points", "not a whole number"),
        ({"points": True}, "points", "not a whole number"),
        ({"points": 5000}, "points", "between -1000 and 1000"),
        ({"value": "many"}, "value", "is a number; 'many' is not"),
        ({"group": "vibes"}, "group", "not a group"),
        ({"colour": "red"}, "colour", "unknown rule attribute"),
        ({"decay_mode": "linear", "decay_days": 30}, "decay_mode", "only activity rules fade"),
        ({"operator": "between", "value": {"min": 50, "max": 10}}, "value", "above the maximum"),
    ],
)
def test_invalid_rules_are_refused_with_a_clear_message(change: dict, key: str, words: str) -> None:
    with pytest.raises(ValidationError) as err:
        validate_rule(BASE | {"points": 5} | change)
    assert key in err.value.errors
    assert words in err.value.errors[key]


def test_activity_rules_belong_to_engagement() -> None:
    data = {"group": "fit", "field": "activity.webinar", "operator": "happened", "points": 5}
    with pytest.raises(ValidationError, match="engagement"):
        validate_rule(data)
    rule = validate_rule(data | {"group": "engagement", "decay_mode": "half_life", "decay_days": 30})
    assert rule.activity_kind == "webinar" and rule.decays
    with pytest.raises(ValidationError, match="decay needs"):
        validate_rule(data | {"group": "engagement", "decay_mode": "linear", "decay_days": 0})


def test_free_mail_list() -> None:
    for address in ("max@gmail.com", "X@GMX.DE", "a@web.de", "b@t-online.de", "c@outlook.com", "d@yahoo.de"):
        assert is_freemail(address), address
    assert not is_freemail("info@mueller-maschinenbau.de")


def test_fold_matches_sqlite_lower_plus_umlauts() -> None:
    assert fold("GESCHÄFTSFÜHRER Öl") == "geschäftsführer öl"
    assert fold("ÉCOLE") == "École"  # like SQLite: only A–Z and the German umlauts fold


def test_defaults_are_valid_and_cover_the_brief() -> None:
    rules = default_rules()
    fields = {r.field for r in rules}
    assert {"title", "company_size", "industry", "country", "email"} <= fields
    assert {"activity.download", "activity.webinar", "activity.booth_visit"} <= fields
    assert any(r.points < 0 and r.operator == "is_freemail" for r in rules)
    assert all(r.decay_days == 90 for r in rules if r.decays)


def test_install_defaults_only_once(db: Database) -> None:
    assert install_defaults(db)
    save_rules(db, load_rules(db)[:2])
    assert not install_defaults(db)
    assert len(load_rules(db)) == 2
    assert load_settings(db).mql_threshold == DEFAULT_SETTINGS.mql_threshold


def test_json_round_trip(db: Database, tmp_path: Path) -> None:
    install_defaults(db)
    before = load_rules(db)
    path = tmp_path / "rules.json"
    export_rules(db, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "leaddesk-score-rules" and len(data["rules"]) == len(before)
    save_rules(db, [])
    imported = import_rules(db, path)
    assert imported == before  # equality ignores ids and positions
    assert load_rules(db) == before
    again, settings = rules_from_json(rules_to_json(before, DEFAULT_SETTINGS))
    assert again == before and settings == DEFAULT_SETTINGS


def test_bad_import_names_file_rule_and_field_and_changes_nothing(db: Database, tmp_path: Path) -> None:
    install_defaults(db)
    before = load_rules(db)
    bad = {
        "format": "leaddesk-score-rules",
        "rules": [
            {
                "name": "ok",
                "group": "fit",
                "field": "title",
                "operator": "equals",
                "value": "CEO",
                "points": 5,
            },
            {
                "name": "Typo",
                "group": "fit",
                "field": "titel",
                "operator": "equals",
                "value": "x",
                "points": 1,
            },
        ],
    }
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        import_rules(db, path)
    assert "bad.json: rule 2 (Typo) field" in err.value.errors
    assert load_rules(db) == before
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValidationError, match="line 1"):
        import_rules(db, path)


def test_settings_validation() -> None:
    with pytest.raises(ValidationError, match="above the MQL"):
        validate_settings({"mql_threshold": 80, "sql_threshold": 50})
    with pytest.raises(ValidationError, match="not a mode"):
        validate_settings({"mode": "auto"})
    with pytest.raises(ValidationError, match="0 or more"):
        validate_settings({"fit_cap": -1})
    assert validate_settings({"fit_cap": "", "mode": "move"}).fit_cap is None


def test_rules_and_settings_read_in_one_statement_equal_the_two_reads(db: Database) -> None:
    from datetime import UTC, datetime

    from leaddesk.core.scoring.store import (
        Settings,
        get_rules,
        get_rules_and_settings,
        get_settings,
        save_settings,
    )

    def both() -> tuple[object, object]:
        with db.engine.connect() as conn:
            together = get_rules_and_settings(conn)
            assert together == (get_rules(conn), get_settings(conn))
            return together

    with db.engine.begin() as conn:  # an empty database: no rules, no settings row
        conn.exec_driver_sql("DELETE FROM scorerule")
        conn.exec_driver_sql("DELETE FROM scoresettings")
    assert both() == ([], Settings())
    save_settings(db, Settings(mql_threshold=30, sql_threshold=60, fit_cap=25, mode="move"))
    assert both()[0] == []
    save_rules(db, [validate_rule({"group": "fit", "field": "title", "operator": "contains", "value": v,
                                   "points": p}) for v, p in (("ceo", 20), ("inhaber", 15))])  # fmt: skip
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE scoresettings SET last_decay_refresh = '2026-11-23 12:00:00.000000'")
    rules, settings = both()
    assert [r.value for r in rules] == ["ceo", "inhaber"]
    assert settings.fit_cap == 25 and settings.last_decay_refresh == datetime(2026, 11, 23, 12, tzinfo=UTC)
