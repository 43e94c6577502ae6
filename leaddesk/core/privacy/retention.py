"""Retention: which leads are due for erasure under the settings, proposed once a month.

A German SME may keep a lead's data only while it has a reason. The settings name, per
category, how long that reason lasts; :func:`due_for_erasure` lists the leads past it. Nothing
is erased here: the owner confirms the list (``erase_leads(..., reason="retention")``).

Categories (months are calendar months, counted from the lead's last touch: its newest
activity, stage change or its creation):

* ``lost_months`` — a Lost lead with no touch for that long (default 24);
* ``no_consent_months`` — an open lead (not Won) without a consent, or whose consent was
  withdrawn, with no touch for that long (default 6);
* ``inactive_months`` — any open lead with no touch for that long (off by default);
* ``backup_days`` — copies of the database kept beside it are removed after this many days,
  so no old copy keeps an erased person for ever (default 180);
* ``won_years`` — a Won customer, §257 HGB: business letters 6 years, booking records 10,
  counted from the end of the calendar year of the last touch (default 6): won on 10 March
  2020 → kept to 31 December 2026 → due from 1 January 2027.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from sqlalchemy import text
from sqlmodel import Session

from leaddesk.core.db import Database, SqlFlavor, driver_rows, sql_flavor, sql_time
from leaddesk.core.models import AppSetting, utcnow
from leaddesk.core.text import Text

SETTINGS_KEY = "privacy.retention"
LAST_PROPOSAL_KEY = "privacy.retention_last_proposal"


@dataclass(frozen=True)
class RetentionSettings:
    lost_months: int | None = 24
    no_consent_months: int | None = 6
    inactive_months: int | None = None
    won_years: int | None = 6
    #: Copies of the database beside it (safety copies, replaced files) older than this go.
    backup_days: int | None = 180


@dataclass(frozen=True)
class DueLead:
    """One lead past its retention period (no personal data beyond what the owner must see)."""

    lead_id: int
    uid: str
    name: str
    company: str
    stage: str
    category: str  # "lost", "no_consent", "inactive", "won"
    last_touch: datetime
    #: The category's period: calendar months, or whole years from the end of the year ("won").
    period: int

    @property
    def due_since(self) -> datetime:
        """The first moment the lead was due (computed on demand: a scan lists thousands)."""
        if self.category == "won":
            return won_due_from(self.last_touch, self.period)
        return months_before(self.last_touch, -self.period)

    def reason(self) -> Text:
        return _REASONS[self.category]


_REASONS = {
    "lost": Text("Lost, no activity within the retention period"),
    "no_consent": Text("no consent, no activity within the retention period"),
    "inactive": Text("no activity within the retention period"),
    "won": Text("customer: retention under §257 HGB ended"),
}


def load_settings(db_or_session: Database | Session) -> RetentionSettings:
    def read(session: Session) -> RetentionSettings:
        row = session.get(AppSetting, SETTINGS_KEY)
        if row is None:
            return RetentionSettings()
        data = json.loads(row.value) or {}
        known = RetentionSettings.__dataclass_fields__
        return RetentionSettings(**{k: v for k, v in data.items() if k in known})

    if isinstance(db_or_session, Database):
        with db_or_session.session() as session:
            return read(session)
    return read(db_or_session)


def save_settings(db: Database, settings: RetentionSettings) -> None:
    for name, value in asdict(settings).items():
        if value is not None and (not isinstance(value, int) or value < 1):
            raise ValueError(f"{name} must be a positive whole number or None")
    from leaddesk.core.changes import note

    with db.transaction() as session:
        session.merge(AppSetting(key=SETTINGS_KEY, value=json.dumps(asdict(settings))))
        note(session, settings=True)


def months_before(moment: datetime, months: int) -> datetime:
    """The same day ``months`` calendar months earlier (the last day of a shorter month)."""
    year, month = divmod(moment.month - 1 - months, 12)
    year += moment.year
    month += 1
    import calendar

    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def won_due_from(last_touch: datetime, years: int) -> datetime:
    """§257(5) HGB: the period starts at the end of the calendar year of the last touch."""
    return datetime(last_touch.year + years + 1, 1, 1, tzinfo=UTC)


def _last_touch(flavor: SqlFlavor) -> str:
    return flavor.greatest(
        "l.created_at",
        "coalesce((SELECT max(a.at) FROM activity a WHERE a.lead_id = l.id), l.created_at)",
        "coalesce((SELECT max(s.at) FROM stagechange s WHERE s.lead_id = l.id), l.created_at)",
    )


def due_for_erasure(db: Database, *, now: datetime | None = None) -> list[DueLead]:
    """Leads past their retention period on ``now`` (default: today), oldest touch first."""
    now = (now or utcnow()).astimezone(UTC)
    settings = load_settings(db)
    # Each category as (condition on the lead row, the moment its last touch must lie before).
    categories: list[tuple[str, str]] = []
    params: dict[str, object] = {}
    if settings.lost_months:
        categories.append(("l.stage = 'lost'", "lost_cut"))
        params["lost_cut"] = sql_time(months_before(now, settings.lost_months))
    if settings.no_consent_months:
        categories.append(
            (
                "l.stage != 'won' AND (l.consent_at IS NULL OR l.consent_withdrawn_at IS NOT NULL)",
                "consent_cut",
            )
        )
        params["consent_cut"] = sql_time(months_before(now, settings.no_consent_months))
    if settings.inactive_months:
        categories.append(("l.stage NOT IN ('won', 'lost')", "inactive_cut"))
        params["inactive_cut"] = sql_time(months_before(now, settings.inactive_months))
    if settings.won_years:
        # Due from 1 January of (year of last touch + years + 1): the touch lies before 1 January
        # of (this year - years).
        categories.append(("l.stage = 'won'", "won_cut"))
        params["won_cut"] = sql_time(datetime(now.year - settings.won_years, 1, 1, tzinfo=UTC))
    if not categories:
        return []
    # The latest cut among the categories a lead falls in (the earliest due): due when its last
    # touch lies before it, i.e. created before it with no activity or stage change since.
    # First the cheap test on the lead row (a category, created before its cut), then two index
    # searches for a later activity or stage change, then the last touch of the due ones only.
    flavor = sql_flavor(db.engine)
    rows = " OR ".join(f"({cond} AND l.created_at < {flavor.time_param(name)})" for cond, name in categories)
    cut = flavor.latest_when([(cond, flavor.time_param(name)) for cond, name in categories])
    sql = (
        "SELECT l.id, l.uid, l.first_name, l.last_name, l.company, l.stage,"
        f" l.consent_at IS NULL OR l.consent_withdrawn_at IS NOT NULL, {_last_touch(flavor)}"
        f" FROM lead l WHERE l.erased = {flavor.false} AND l.deleted_at IS NULL AND ({rows})"
        f" AND NOT EXISTS (SELECT 1 FROM activity a WHERE a.lead_id = l.id AND a.at >= {cut})"
        f" AND NOT EXISTS (SELECT 1 FROM stagechange s WHERE s.lead_id = l.id AND s.at >= {cut})"
    )
    out: list[DueLead] = []
    with db.engine.connect() as conn:
        found = driver_rows(conn, text(sql).bindparams(**params))
    # The category depends only on the stage and the consent: the applicable one with the
    # latest cut (the shortest period) is the one the lead is due under.
    chosen: dict[tuple[str, bool], tuple[str, int]] = {}
    for lead_id, uid, first, last, company, stage, no_consent, touched in found:
        key = (stage, bool(no_consent))
        if key not in chosen:
            chosen[key] = _category(stage, bool(no_consent), settings, params)
        category, period = chosen[key]
        touch = touched if isinstance(touched, datetime) else datetime.fromisoformat(touched)
        touch = touch.replace(tzinfo=UTC)
        out.append(DueLead(lead_id, uid, f"{first} {last}".strip(), company, stage, category, touch, period))
    out.sort(key=lambda d: (d.last_touch, d.lead_id))
    return out


def _category(
    stage: str, no_consent: bool, settings: RetentionSettings, cuts: dict[str, object]
) -> tuple[str, int]:
    """The rule a lead of this stage and consent is due under: the one with the latest cut."""
    rules: list[tuple[str, str, int]] = []
    if stage == "won" and settings.won_years:
        rules.append((str(cuts["won_cut"]), "won", settings.won_years))
    if stage == "lost" and settings.lost_months:
        rules.append((str(cuts["lost_cut"]), "lost", settings.lost_months))
    if no_consent and settings.no_consent_months and stage != "won":
        rules.append((str(cuts["consent_cut"]), "no_consent", settings.no_consent_months))
    if settings.inactive_months and stage not in ("won", "lost"):
        rules.append((str(cuts["inactive_cut"]), "inactive", settings.inactive_months))
    _cut, category, period = max(rules)
    return category, period


# --- the monthly proposal -----------------------------------------------------------------------


def proposal_due(db: Database, *, now: datetime | None = None) -> bool:
    """Whether this month's proposal has not been made yet."""
    now = (now or utcnow()).astimezone(UTC)
    with db.session() as session:
        row = session.get(AppSetting, LAST_PROPOSAL_KEY)
    if row is None:
        return True
    last = datetime.fromisoformat(json.loads(row.value))
    return (last.year, last.month) != (now.year, now.month)


def mark_proposed(db: Database, *, now: datetime | None = None) -> None:
    """Remember that this month's list was shown (whatever the owner chose)."""
    now = (now or utcnow()).astimezone(UTC)
    with db.transaction() as session:
        session.merge(AppSetting(key=LAST_PROPOSAL_KEY, value=json.dumps(now.isoformat())))


def monthly_proposal(db: Database, *, now: datetime | None = None) -> list[DueLead] | None:
    """The leads to propose this month, or None when this month's proposal was made already.

    Also removes copies of the database older than ``backup_days`` (the backup retention window).
    """
    if not proposal_due(db, now=now):
        return None
    days = load_settings(db).backup_days
    if days:
        from leaddesk.core.privacy.erase import expire_copies

        expire_copies(db, days, now=now)
    return due_for_erasure(db, now=now)
