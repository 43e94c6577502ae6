"""Rules and settings in the database, and their portable JSON form.

Reads go through Core (a handful of rows, no ORM identity map), so the single-lead
rescore stays within its few-millisecond budget inside other services' transactions.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, CursorResult, delete, insert, literal, select, true, update
from sqlmodel import Session, col

from leaddesk.core.changes import note
from leaddesk.core.db import Database, as_utc
from leaddesk.core.errors import ValidationError
from leaddesk.core.models import ScoreRule, ScoreSettings
from leaddesk.core.scoring.compile import Limits
from leaddesk.core.scoring.rules import Rule, rule_from_row, rule_to_row, validate_rules
from leaddesk.core.text import Text

JSON_FORMAT = "leaddesk-score-rules"
JSON_VERSION = 1
MODES = ("suggest", "move")

Conn = Session | Connection


@dataclass(frozen=True)
class Settings:
    """Thresholds, caps, bounds and mode. ``mode``: "suggest" flags the card, "move" moves it."""

    mql_threshold: int = 50
    sql_threshold: int = 80
    fit_cap: int | None = None
    engagement_cap: int | None = None
    total_min: int | None = 0
    total_max: int | None = 100
    mode: str = "suggest"
    last_decay_refresh: datetime | None = None

    @property
    def limits(self) -> Limits:
        return Limits(self.fit_cap, self.engagement_cap, self.total_min, self.total_max)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        del data["last_decay_refresh"]
        return data


def validate_settings(data: Mapping[str, Any]) -> Settings:
    """Settings from loose data; ValidationError names every bad value."""
    errors: dict[str, str] = {}
    base = Settings()
    values: dict[str, Any] = {}
    known = set(Settings.__dataclass_fields__)
    for key in sorted(set(data) - known):
        errors[key] = Text("unknown setting")
    for key in ("mql_threshold", "sql_threshold", "fit_cap", "engagement_cap", "total_min", "total_max"):
        raw = data.get(key, getattr(base, key))
        optional = key not in ("mql_threshold", "sql_threshold")
        if raw is None or raw == "":
            if optional:
                values[key] = None
            else:
                errors[key] = Text("a threshold is required")
            continue
        if isinstance(raw, bool) or not isinstance(raw, int | float | str):
            errors[key] = Text("{value!r} is not a whole number", value=raw)
            continue
        try:
            number = int(raw) if not isinstance(raw, str) else int(raw.strip())
        except ValueError:
            errors[key] = Text("{value!r} is not a whole number", value=raw)
            continue
        if key.endswith("_cap") and number < 0:
            errors[key] = Text("a cap is the most a group may add, so 0 or more")
        values[key] = number
    mode = data.get("mode", base.mode)
    if mode not in MODES:
        errors["mode"] = Text("{mode!r} is not a mode (valid: suggest, move)", mode=mode)
    if not errors:
        if values["mql_threshold"] >= values["sql_threshold"]:
            errors["sql_threshold"] = Text("the SQL threshold must be above the MQL threshold")
        low, high = values["total_min"], values["total_max"]
        if low is not None and high is not None and low > high:
            errors["total_max"] = Text("the highest total must not be below the lowest")
    if errors:
        raise ValidationError(errors)
    last = data.get("last_decay_refresh")
    return Settings(**values, mode=str(mode), last_decay_refresh=last if isinstance(last, datetime) else None)


def get_settings(conn: Conn) -> Settings:
    row = conn.execute(select(ScoreSettings).where(col(ScoreSettings.id) == 1)).first()
    if row is None:
        return Settings()
    s = row[0] if isinstance(row[0], ScoreSettings) else row
    return _settings_of({name: getattr(s, name) for name in _SETTINGS_FIELDS})


_SETTINGS_FIELDS = (
    "mql_threshold",
    "sql_threshold",
    "fit_cap",
    "engagement_cap",
    "total_min",
    "total_max",
    "mode",
    "last_decay_refresh",
)


def _settings_of(values: Mapping[str, Any]) -> Settings:
    return Settings(
        **{k: values[k] for k in _SETTINGS_FIELDS[:-1]},
        last_decay_refresh=as_utc(values["last_decay_refresh"]),
    )


def get_rules_and_settings(conn: Conn) -> tuple[list[Rule], Settings]:
    """``get_rules`` and ``get_settings`` in one statement (a one-lead rescore and an explanation
    read both; on a server every statement is a round trip)."""
    rule_columns = list(ScoreRule.__table__.columns)  # type: ignore[attr-defined]
    settings_columns = [c.label(f"s_{c.name}") for c in ScoreSettings.__table__.columns]  # type: ignore[attr-defined]
    one = select(literal(1).label("one")).subquery()
    rows = (
        conn.execute(
            select(*settings_columns, *rule_columns)
            .select_from(
                one.outerjoin(ScoreSettings, col(ScoreSettings.id) == 1).outerjoin(ScoreRule, true())
            )
            .order_by(col(ScoreRule.position), col(ScoreRule.id))
        )
        .mappings()
        .all()
    )
    first = rows[0]  # the one row of ``one`` at least
    settings = (
        Settings() if first["s_id"] is None else _settings_of({k: first[f"s_{k}"] for k in _SETTINGS_FIELDS})
    )
    rules = [
        rule_from_row({c.name: row[c.name] for c in rule_columns}) for row in rows if row["id"] is not None
    ]
    return rules, settings


def put_settings(conn: Conn, settings: Settings) -> None:
    """Write the single settings row (validated again: callers may build Settings by hand)."""
    note(conn, settings=True)
    checked = validate_settings(asdict(settings))
    values = asdict(checked)
    exists = conn.execute(select(col(ScoreSettings.id)).where(col(ScoreSettings.id) == 1)).first()
    if exists:
        conn.execute(update(ScoreSettings).where(col(ScoreSettings.id) == 1).values(**values))
    else:
        conn.execute(insert(ScoreSettings).values(id=1, **values))


def save_settings(db: Database, settings: Settings) -> None:
    with db.transaction() as session:
        put_settings(session, settings)


def load_settings(db: Database) -> Settings:
    with db.engine.connect() as conn:
        return get_settings(conn)


def get_rules(conn: Conn) -> list[Rule]:
    """All rules in their order (disabled ones too: the editor shows them)."""
    cols = [c for c in ScoreRule.__table__.columns]  # type: ignore[attr-defined]
    rows = conn.execute(select(*cols).order_by(col(ScoreRule.position), col(ScoreRule.id))).mappings()
    return [rule_from_row(dict(row)) for row in rows]


def load_rules(db: Database) -> list[Rule]:
    with db.engine.connect() as conn:
        return get_rules(conn)


def put_rules(conn: Conn, rules: Sequence[Rule]) -> list[Rule]:
    """Make the table hold exactly ``rules`` in this order: update by id, insert new, delete the rest."""
    note(conn, rules=True)
    existing = set(conn.execute(select(col(ScoreRule.id))).scalars())
    keep: set[int] = set()
    saved: list[Rule] = []
    for position, rule in enumerate(rules, start=1):
        row = rule_to_row(replace(rule, position=position))
        rule_id = row.pop("id")
        if rule_id is not None and rule_id in existing:
            conn.execute(update(ScoreRule).where(col(ScoreRule.id) == rule_id).values(**row))
        else:
            result = conn.execute(insert(ScoreRule).values(**row))
            assert isinstance(result, CursorResult) and result.inserted_primary_key is not None  # an INSERT's
            rule_id = result.inserted_primary_key[0]
        keep.add(rule_id)
        saved.append(replace(rule, id=rule_id, position=position))
    gone = existing - keep
    if gone:
        conn.execute(delete(ScoreRule).where(col(ScoreRule.id).in_(gone)))
    return saved


def save_rules(db: Database, rules: Sequence[Rule]) -> list[Rule]:
    with db.transaction() as session:
        return put_rules(session, rules)


# --- JSON -----------------------------------------------------------------------------------------


def rules_to_json(rules: Sequence[Rule], settings: Settings | None = None) -> str:
    data: dict[str, Any] = {"format": JSON_FORMAT, "version": JSON_VERSION}
    if settings is not None:
        data["settings"] = settings.to_dict()
    data["rules"] = [r.to_dict() for r in rules]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def rules_from_json(text: str, *, source: str = "rules file") -> tuple[list[Rule], Settings | None]:
    """Parse and validate a rules file; errors name the file, the rule and the field."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            {
                source: Text(
                    "not valid JSON (line {line}, column {column}): {detail}",
                    line=exc.lineno,
                    column=exc.colno,
                    detail=exc.msg,
                )
            }
        ) from None
    if isinstance(data, list):  # a bare list of rules is accepted too
        data = {"format": JSON_FORMAT, "rules": data}
    if not isinstance(data, dict) or data.get("format") != JSON_FORMAT:
        raise ValidationError(
            {source: Text('not a LeadDesk rules file (expected "format": "{format}")', format=JSON_FORMAT)}
        )
    if int(data.get("version", 1)) > JSON_VERSION:
        raise ValidationError({source: Text("written by a newer LeadDesk; please update to import it")})
    if not isinstance(data.get("rules"), list):
        raise ValidationError({source: Text('needs a "rules" list')})
    try:
        rules = validate_rules(data["rules"])
        settings = validate_settings(data["settings"]) if "settings" in data else None
    except ValidationError as exc:
        raise ValidationError({f"{source}: {k}": v for k, v in exc.errors.items()}) from None
    return rules, settings


def export_rules(db: Database, path: Path) -> None:
    with db.engine.connect() as conn:
        text = rules_to_json(get_rules(conn), get_settings(conn))
    path.write_text(text, encoding="utf-8")


def import_rules(db: Database, path: Path, *, with_settings: bool = True) -> list[Rule]:
    """Replace the rule set (and settings, when the file has them) from a JSON file, all or nothing."""
    rules, settings = rules_from_json(path.read_text(encoding="utf-8"), source=path.name)
    with db.transaction() as session:
        if settings is not None and with_settings:
            current = get_settings(session)
            put_settings(session, replace(settings, last_decay_refresh=current.last_decay_refresh))
        return put_rules(session, [replace(r, id=None) for r in rules])
