"""Scoring rules as data: what a rule may look at, how it compares, and how it is checked.

A rule is validated once, when it enters the system (editor, JSON import, database
load), so the SQL compiler in ``compile.py`` can trust every value it receives. Every
refusal names the rule field and the reason, in words a business owner understands.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from typing import Any

from leaddesk.core.activity_kinds import KIND_LABELS
from leaddesk.core.errors import ValidationError
from leaddesk.core.text import Text


class Group(StrEnum):
    FIT = "fit"  # who they are
    ENGAGEMENT = "engagement"  # what they did


class Kind(StrEnum):
    """What sort of value a rule field holds; decides the operators that make sense."""

    TEXT = "text"
    NUMBER = "number"
    EMAIL = "email"
    ACTIVITY = "activity"


@dataclass(frozen=True)
class FieldSpec:
    """One field a rule may read: ``sql`` is its expression over ``l`` (lead) / ``q`` (BANT)."""

    name: str
    kind: Kind
    sql: str
    label: str
    needs_bant: bool = False


def _lead(name: str, kind: Kind, label: str) -> FieldSpec:
    return FieldSpec(name, kind, f"l.{name}", label)


def _bant(name: str, kind: Kind, label: str, default: str | None = "unknown") -> FieldSpec:
    column = name.removeprefix("bant.")
    sql = f"COALESCE(q.{column}, '{default}')" if default is not None else f"q.{column}"
    return FieldSpec(name, kind, sql, label, needs_bant=True)


#: Activity kinds engagement rules can count, as field ``activity.<kind>`` ("any" counts every kind).
ACTIVITY_KINDS: dict[str, str] = {**KIND_LABELS, "any": Text("Any activity")}

_FIELD_LIST: tuple[FieldSpec, ...] = (
    _lead("title", Kind.TEXT, Text("Job title")),
    _lead("company", Kind.TEXT, Text("Company")),
    _lead("industry", Kind.TEXT, Text("Industry")),
    _lead("country", Kind.TEXT, Text("Country")),
    _lead("city", Kind.TEXT, Text("City")),
    _lead("postal_code", Kind.TEXT, Text("Postal code")),
    _lead("source", Kind.TEXT, Text("Source")),
    _lead("tags", Kind.TEXT, Text("Tags")),
    _lead("owner", Kind.TEXT, Text("Owner")),
    _lead("first_name", Kind.TEXT, Text("First name")),
    _lead("last_name", Kind.TEXT, Text("Last name")),
    _lead("website", Kind.TEXT, Text("Website")),
    _lead("phone", Kind.TEXT, Text("Phone")),
    _lead("mobile", Kind.TEXT, Text("Mobile")),
    _lead("currency", Kind.TEXT, Text("Currency")),
    FieldSpec("email", Kind.EMAIL, "l.email_lower", Text("Email address")),
    FieldSpec(
        "email_domain",
        Kind.EMAIL,
        "substr(l.email_lower, instr(l.email_lower, '@') + 1)",
        Text("Email domain"),
    ),
    _lead("company_size", Kind.NUMBER, Text("Company size (employees)")),
    _lead("value", Kind.NUMBER, Text("Deal value")),
    _lead("bant_confirmed", Kind.NUMBER, Text("BANT sections confirmed (0–4)")),
    _bant("bant.budget_status", Kind.TEXT, Text("BANT: budget status")),
    _bant("bant.budget_approved", Kind.TEXT, Text("BANT: budget approved")),
    _bant("bant.budget_amount", Kind.NUMBER, Text("BANT: budget amount"), default=None),
    _bant("bant.authority_status", Kind.TEXT, Text("BANT: authority status")),
    _bant("bant.authority_is_decision_maker", Kind.TEXT, Text("BANT: is decision maker")),
    _bant("bant.need_status", Kind.TEXT, Text("BANT: need status")),
    _bant("bant.need_priority", Kind.NUMBER, Text("BANT: need priority"), default=None),
    _bant("bant.timing_status", Kind.TEXT, Text("BANT: timing status")),
    _bant("bant.timing_target", Kind.TEXT, Text("BANT: timing target"), default=""),
    *(FieldSpec(f"activity.{k}", Kind.ACTIVITY, "", label) for k, label in ACTIVITY_KINDS.items()),
)
FIELDS: dict[str, FieldSpec] = {f.name: f for f in _FIELD_LIST}

#: Operators and the field kinds they apply to.
OPERATORS: dict[str, tuple[Kind, ...]] = {
    "equals": (Kind.TEXT, Kind.EMAIL, Kind.NUMBER),
    "not_equals": (Kind.TEXT, Kind.EMAIL, Kind.NUMBER),
    "one_of": (Kind.TEXT, Kind.EMAIL, Kind.NUMBER),
    "contains": (Kind.TEXT, Kind.EMAIL),
    "starts_with": (Kind.TEXT, Kind.EMAIL),
    "is_empty": (Kind.TEXT, Kind.EMAIL, Kind.NUMBER),
    "is_set": (Kind.TEXT, Kind.EMAIL, Kind.NUMBER),
    "between": (Kind.NUMBER,),
    "at_least": (Kind.NUMBER,),
    "at_most": (Kind.NUMBER,),
    "is_freemail": (Kind.EMAIL,),
    "happened": (Kind.ACTIVITY,),
}
NO_VALUE_OPERATORS = frozenset({"is_empty", "is_set", "is_freemail", "happened"})

DECAY_MODES = ("none", "linear", "half_life")
MAX_POINTS = 1000
MAX_DAYS = 3650


@dataclass(frozen=True)
class Rule:
    """One validated rule. ``value`` is plain JSON data (str, number, list or min/max dict).

    Decay (engagement only): ``linear`` — points fall in equal daily steps to zero after
    ``decay_days``; ``half_life`` — points halve every ``decay_days``. Age counts whole
    days since the most recent matching activity.
    """

    name: str
    group: str
    field: str
    operator: str
    value: Any = None
    points: int = 0
    min_count: int = 1
    within_days: int | None = None
    decay_mode: str = "none"
    decay_days: int | None = None
    enabled: bool = True
    # dataclasses.field: to a type checker, the attribute ``field`` above hides the bare name here.
    id: int | None = dataclasses.field(default=None, compare=False)
    position: int = dataclasses.field(default=0, compare=False)

    @property
    def spec(self) -> FieldSpec:
        return FIELDS[self.field]

    @property
    def is_activity(self) -> bool:
        return self.operator == "happened"

    @property
    def activity_kind(self) -> str:
        """The activity kind an activity rule counts ("any" for all)."""
        return self.field.removeprefix("activity.")

    @property
    def decays(self) -> bool:
        return self.decay_mode != "none"

    @property
    def zero_after_days(self) -> int | None:
        """Whole days of age from which decayed points have rounded down to 0 (None: never)."""
        if self.decay_mode == "linear":
            return self.decay_days
        if self.decay_mode == "half_life" and self.decay_days:
            if self.points == 0:
                return 0
            # round(p · 0.5^(a/h)) = 0  ⇔  0.5^(a/h) < 1/(2|p|)  ⇔  a > h · log2(2|p|)
            return math.floor(self.decay_days * math.log2(2 * abs(self.points))) + 1
        return None

    def to_dict(self) -> dict[str, Any]:
        """The portable form (JSON export): no database id or position."""
        data = asdict(self)
        del data["id"], data["position"]
        return data


def fold(text: str) -> str:
    """Case folding that SQL can reproduce exactly: ASCII lower plus the German umlauts.

    SQLite's ``lower()`` only folds A–Z; ``compile.fold_sql`` adds Ä/Ö/Ü so that
    "GESCHÄFTSFÜHRER" matches "Geschäftsführer" in both the bulk and the explain path.
    """
    out = text.replace("Ä", "ä").replace("Ö", "ö").replace("Ü", "ü")
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in out)


def _int(value: Any, what: str, errors: dict[str, str], key: str) -> int | None:
    if isinstance(value, bool) or value is None:
        errors[key] = Text("{value!r} is not a whole number ({what})", value=value, what=what)
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            pass
    errors[key] = Text("{value!r} is not a whole number ({what})", value=value, what=what)
    return None


def _number(value: Any) -> float | int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and math.isfinite(value):
        return value
    return None


def _check_value(spec: FieldSpec, operator: str, value: Any, errors: dict[str, str]) -> Any:
    """The value in its canonical shape for ``operator``, or an entry in ``errors``."""
    if operator in NO_VALUE_OPERATORS:
        return None
    if operator == "between":
        if not isinstance(value, Mapping) or set(value) - {"min", "max"}:
            errors["value"] = Text('needs {{"min": number, "max": number}} (either may be left out)')
            return None
        low, high = value.get("min"), value.get("max")
        if low is None and high is None:
            errors["value"] = Text("a range needs a minimum, a maximum or both")
            return None
        for bound in (low, high):
            if bound is not None and _number(bound) is None:
                errors["value"] = Text("{value!r} is not a number", value=bound)
                return None
        if low is not None and high is not None and low > high:
            errors["value"] = Text("the minimum {low} is above the maximum {high}", low=low, high=high)
            return None
        return {"min": low, "max": high}
    items = value if isinstance(value, list) else [value]
    if operator == "one_of" and (not isinstance(value, list) or not value):
        errors["value"] = Text("one_of needs a non-empty list of values")
        return None
    if operator in ("contains", "starts_with") and isinstance(value, list) and not value:
        errors["value"] = Text("{operator} needs a text or a non-empty list of texts", operator=operator)
        return None
    if operator in ("equals", "not_equals", "at_least", "at_most") and isinstance(value, list):
        errors["value"] = Text("{operator} compares with a single value, not a list", operator=operator)
        return None
    if spec.kind is Kind.NUMBER:
        numbers = [_number(v) for v in items]
        if any(n is None for n in numbers):
            errors["value"] = Text("{label} is a number; {value!r} is not", label=spec.label, value=value)
            return None
        return numbers if isinstance(value, list) else numbers[0]
    texts = []
    for item in items:
        if not isinstance(item, str | int | float) or isinstance(item, bool):
            errors["value"] = Text("{value!r} is not a text", value=item)
            return None
        text = str(item).strip()
        if not text:
            errors["value"] = Text("an empty text matches everything or nothing; use is_empty / is_set")
            return None
        texts.append(text)
    return texts if isinstance(value, list) else texts[0]


def validate_rule(data: Mapping[str, Any]) -> Rule:
    """A ``Rule`` from loose data (editor, JSON, database); ValidationError names every problem."""
    errors: dict[str, str] = {}
    known = {f.name for f in Rule.__dataclass_fields__.values()}
    for key in sorted(set(data) - known):
        errors[key] = Text("unknown rule attribute")
    name = str(data.get("name") or "").strip()
    group = str(data.get("group") or "")
    if group not in {g.value for g in Group}:
        errors["group"] = Text("{group!r} is not a group (valid: fit, engagement)", group=group)
    field_name = str(data.get("field") or "").strip()
    spec = FIELDS.get(field_name)
    if spec is None:
        errors["field"] = Text(
            "unknown field {field!r} (valid: {valid})", field=field_name, valid=", ".join(FIELDS)
        )
    operator = str(data.get("operator") or "").strip()
    if operator not in OPERATORS:
        errors["operator"] = Text(
            "unknown operator {operator!r} (valid: {valid})", operator=operator, valid=", ".join(OPERATORS)
        )
    elif spec is not None and spec.kind not in OPERATORS[operator]:
        valid = ", ".join(op for op, kinds in OPERATORS.items() if spec.kind in kinds)
        errors["operator"] = Text(
            "{operator!r} does not apply to {label} (valid: {valid})",
            operator=operator,
            label=spec.label,
            valid=valid,
        )
    points = _int(data.get("points"), Text("points"), errors, "points")
    if points is not None and abs(points) > MAX_POINTS:
        errors["points"] = Text("points must be between -{max} and {max}", max=MAX_POINTS)
    min_count = _int(data.get("min_count", 1), Text("times"), errors, "min_count")
    if min_count is not None and not 1 <= min_count <= 1000:
        errors["min_count"] = Text("at least 1 time (and at most 1000)")
    within_days = data.get("within_days")
    if within_days is not None:
        within_days = _int(within_days, Text("days"), errors, "within_days")
        if within_days is not None and not 1 <= within_days <= MAX_DAYS:
            errors["within_days"] = Text("within 1 to {max} days", max=MAX_DAYS)
    decay_mode = str(data.get("decay_mode") or "none")
    decay_days = data.get("decay_days")
    if decay_mode not in DECAY_MODES:
        errors["decay_mode"] = Text(
            "{mode!r} is not a decay (valid: {valid})", mode=decay_mode, valid=", ".join(DECAY_MODES)
        )
    elif decay_mode != "none":
        decay_days = _int(decay_days, Text("days"), errors, "decay_days")
        if decay_days is not None and not 1 <= decay_days <= MAX_DAYS:
            errors["decay_days"] = Text("decay needs 1 to {max} days", max=MAX_DAYS)
    else:
        decay_days = None
    value: Any = None
    if spec is not None and operator in OPERATORS and "operator" not in errors:
        value = _check_value(spec, operator, data.get("value"), errors)
        is_activity = spec.kind is Kind.ACTIVITY
        if is_activity and group == Group.FIT:
            errors["group"] = Text("activities are engagement (what they did), not fit")
        if decay_mode != "none" and not is_activity:
            errors["decay_mode"] = Text("only activity rules fade over time")
        if not is_activity and (within_days is not None or (min_count or 1) != 1):
            errors["within_days"] = Text("'times' and 'within days' only apply to activity rules")
    enabled = data.get("enabled", True)
    if not isinstance(enabled, bool):
        errors["enabled"] = Text("{value!r} is not true or false", value=enabled)
    if errors:
        raise ValidationError(errors)
    return Rule(
        name=name or default_name(field_name, operator),
        group=group,
        field=field_name,
        operator=operator,
        value=value,
        points=points or 0,
        min_count=min_count or 1,
        within_days=within_days,
        decay_mode=decay_mode,
        decay_days=decay_days,
        enabled=enabled,
        id=data.get("id"),
        position=int(data.get("position") or 0),
    )


def default_name(field_name: str, operator: str) -> str:
    spec = FIELDS.get(field_name)
    label = spec.label if spec else field_name
    return f"{label} {operator.replace('_', ' ')}"


def validate_rules(items: Iterable[Mapping[str, Any]]) -> list[Rule]:
    """Validate a list; the error says which rule (number and name) is wrong."""
    rules: list[Rule] = []
    errors: dict[str, str] = {}
    for index, item in enumerate(items, start=1):
        if not isinstance(item, Mapping):
            errors[f"rule {index}"] = Text("is not an object")
            continue
        try:
            rules.append(replace(validate_rule(item), position=index))
        except ValidationError as exc:
            label = f"rule {index}" + (f" ({item.get('name')})" if item.get("name") else "")
            for key, reason in exc.errors.items():
                errors[f"{label} {key}"] = reason
    if errors:
        raise ValidationError(errors)
    return rules


def rule_from_row(row: Mapping[str, Any]) -> Rule:
    """A rule as stored in the ``scorerule`` table (value held as JSON text)."""
    return _rule_from_items(tuple(sorted(row.items())))


@functools.lru_cache(maxsize=512)
def _rule_from_items(items: tuple[tuple[str, Any], ...]) -> Rule:
    # Every single-lead rescore reads the rules; validating unchanged rows again was a
    # third of its time. Rules are immutable, so a cached one is safe to share.
    data = dict(items)
    data["value"] = json.loads(data.get("value") or "null")
    return validate_rule(data)


def rule_to_row(rule: Rule) -> dict[str, Any]:
    data = asdict(rule)
    data["value"] = json.dumps(rule.value, ensure_ascii=False)
    return data
