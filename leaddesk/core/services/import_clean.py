"""Validating one record of an import file: the values a new lead would get, and what is wrong.

The dry run's first pass (see leaddesk/core/services/imports.py): every record gets the same
shapes the editor stores (``clean_fields``), phones read in the contact's own country, a named
stage, file dates. Reads nothing from the database, so the apply's re-check keeps its results.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from leaddesk.core.errors import ValidationError
from leaddesk.core.importers import Issue, Record
from leaddesk.core.importers.base import label_of
from leaddesk.core.services.leads import EDITABLE_FIELDS, clean_fields
from leaddesk.core.stages import stage_from_name
from leaddesk.core.text import Text
from leaddesk.core.tz import system_timezone
from leaddesk.core.validation import DEFAULT_REGION, normalize_phone, region_for_country

_EDITABLE = frozenset(EDITABLE_FIELDS)
#: Uids longer than this (the column's width) are replaced by fresh ones, with a warning.
UID_MAX = 255


def _phones(rec: Record, data: dict[str, Any], region: str, issues: list[Issue]) -> dict[str, str]:
    """Phone and mobile in E.164, read as dialled in the contact's own country (else ``region``).

    Taken out of ``data`` before ``clean_fields`` (which would read them as German numbers
    again). A number phonenumbers does not know as valid there is kept, with a warning that
    names the field: "(905) 555-1234" on a card from the United States is +1 905…, not +49 905….
    """
    out: dict[str, str] = {}
    if "phone" not in data and "mobile" not in data:
        return out
    country = data.get("country")
    here = (region_for_country(country) if country else "") or region or DEFAULT_REGION
    for key in ("phone", "mobile"):
        raw = data.pop(key, None)
        if raw is None:
            continue
        raw = raw.strip() if type(raw) is str else str(raw).strip()
        result = normalize_phone(raw, here)
        out[key] = result[0]
        if result[2] or not result[3]:
            issues.append(_phone_warning(rec.line, key, raw, here, result))
    return out


def _phone_warning(line: int, key: str, raw: str, region: str, result: Any) -> Issue:
    """Why a number is kept as typed, or stored but not known as valid where it was read."""
    if result.warning:
        return Issue(line, key, result.warning, "warning")
    if raw.startswith(("+", "00")):  # it names its own country: the contact's region played no part
        why = Text(
            "{raw!r} is not a valid phone number; stored as {value}, please check",
            raw=raw,
            value=result.value,
        )
    else:
        why = Text(
            "{raw!r} is not a valid number in {region}; stored as {value}, please check",
            raw=raw,
            region=region,
            value=result.value,
        )
    return Issue(line, key, why, "warning")


def clean_record(
    rec: Record, source: str, region: str = DEFAULT_REGION
) -> tuple[dict[str, Any], list[Issue]]:
    """Validated values; an invalid e-mail is kept in the notes (with a warning) rather than lost."""
    given = rec.values
    data: dict[str, Any] = (
        dict(given) if _EDITABLE.issuperset(given) else {k: v for k, v in given.items() if k in _EDITABLE}
    )
    data["notes"] = rec.notes_with_extra()
    if source and not data.get("source"):
        data["source"] = source
    issues = list(rec.issues)
    if len(rec.uid) > UID_MAX:
        issues.append(
            Issue(
                rec.line,
                "uid",
                Text("the uid is longer than {max} characters; a new one is given", max=UID_MAX),
                "warning",
            )
        )
    phones = _phones(rec, data, region, issues)
    stage = _stage_of(rec, issues)
    for key in ("next_follow_up", "consent_at"):
        if isinstance(data.get(key), str):
            try:
                moment = _file_moment(data[key])
            except ValueError:
                issues.append(
                    Issue(
                        rec.line, key, Text("{value!r} is not a date (expected YYYY-MM-DD)", value=data[key])
                    )
                )
                return {}, issues
            data[key] = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    try:
        clean = clean_fields(data)
    except ValidationError as exc:
        if "email" in exc.errors and data.get("email"):
            bad = data.pop("email")
            data["notes"] = "\n".join(
                x for x in [data["notes"], f"{label_of('email')} (invalid): {bad}"] if x
            )
            kept = Text("{reason}; kept in the notes", reason=exc.errors["email"])
            issues.append(Issue(rec.line, "email", kept, "warning"))
        other = {k: v for k, v in exc.errors.items() if k != "email"}
        if other:
            issues.extend(Issue(rec.line, k, v) for k, v in other.items())
            return {}, issues
        try:
            clean = clean_fields(data)
        except ValidationError as exc2:
            issues.extend(Issue(rec.line, k, v) for k, v in exc2.errors.items())
            return {}, issues
    issues.extend(Issue(rec.line, k, v, "warning") for k, v in clean.warnings.items())
    if phones:
        clean.values.update(phones)
    if stage:
        clean.values["stage"] = stage
    return clean.values, issues


def _stage_of(rec: Record, issues: list[Issue]) -> str:
    """The stage a row names (a "Phase"/"stage" column), "" for none; an unknown name is a warning."""
    named = (rec.values.get("stage") or "").strip()
    if not named:
        return ""
    stage = stage_from_name(named)
    if stage is None:
        issues.append(
            Issue(
                rec.line, "stage", Text("unknown stage {stage!r}; imported as a lead", stage=named), "warning"
            )
        )
        return ""
    return stage.value


def _file_moment(text: str) -> datetime:
    """A date or time as files write it: ISO 8601, or German "TT.MM.JJJJ" (Excel) as local midnight."""
    german = re.fullmatch(r"\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*", text)
    if german is None:
        return datetime.fromisoformat(text)
    day, month, year = (int(x) for x in german.groups())
    return datetime(year, month, day, tzinfo=ZoneInfo(system_timezone()))
