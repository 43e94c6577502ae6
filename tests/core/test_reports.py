"""Reports on small hand-built histories; every expected figure is worked out by hand in the comments.

The calendar: 1 December 2026 is a Tuesday, so 5 November is a Thursday, 8 November a Sunday,
20 November a Friday. Europe/Berlin is UTC+1 in November.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from leaddesk.core.models import Activity, Lead, LeadScore, StageChange
from leaddesk.core.reports import Mode, ReportQuery, compute_report, to_json
from leaddesk.core.reports.query import Preset, preset_period
from leaddesk.core.reports.settings import (
    DEFAULT_HANDOVER_DAYS,
    handover_days,
    set_handover_days,
    set_source_cost,
)
from leaddesk.core.reports.timing import add_working_days, percentile
from leaddesk.core.scoring import save_rules, validate_rule

NOW = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
NOVEMBER = {"start": date(2026, 11, 1), "end": date(2026, 11, 30), "tz": "Europe/Berlin", "now": NOW}


def t(day: int, hour: int = 10, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=UTC)


def add_lead(
    db,
    name: str,
    created: datetime,
    moves: list[tuple[str, datetime, str]],
    *,
    source: str = "",
    value: float = 0.0,
    tags: str = "",
    owner: str = "",
) -> int:
    """A lead with its creation move and ``moves`` (to_stage, at, reason); its stage is the last one."""
    with db.transaction() as s:
        stage = moves[-1][0] if moves else "lead"
        lead = Lead(
            last_name=name,
            created_at=created,
            source=source,
            value=value,
            tags=tags,
            owner=owner,
            stage=stage,
        )
        s.add(lead)
        s.flush()
        s.add(StageChange(lead_id=lead.id, from_stage=None, to_stage="lead", at=created))
        previous = "lead"
        for to_stage, at, reason in moves:
            s.add(StageChange(lead_id=lead.id, from_stage=previous, to_stage=to_stage, at=at, reason=reason))
            previous = to_stage
        if stage == "lost":
            lead.lost_reason = moves[-1][2]
        assert lead.id is not None
        return lead.id


def add_activity(db, lead_id: int, kind: str, at: datetime) -> None:
    with db.transaction() as s:
        s.add(Activity(lead_id=lead_id, kind=kind, at=at))


@pytest.fixture
def november(db):
    """Five leads created in November (Berlin) and one just outside, as described in each line."""
    ids = {}
    # A: Lead 3 Nov → MQL 5 Nov (2 d) → SQL 10 Nov (5 d) → Won 20 Nov (10 d); velocity 17 d. A fair lead.
    ids["A"] = add_lead(
        db,
        "A",
        t(3),
        [("mql", t(5), "Score 62 reached the MQL threshold (50)"), ("sql", t(10), ""), ("won", t(20), "")],
        source="Messe Stuttgart",
        value=1000,
        tags="VIP",
    )
    # B: skips MQL (Lead → SQL after 3 d), goes back to MQL 8 Nov (a Sunday), lost from MQL 12 Nov.
    ids["B"] = add_lead(
        db,
        "B",
        t(4),
        [("sql", t(7), ""), ("mql", t(8), "back"), ("lost", t(12), "no_budget")],
        source="Website",
        value=500,
        owner="Anna",
    )
    # C: lost from Lead after 1 d, recycled 15 Nov, MQL 20 Nov (a Friday), still an MQL.
    ids["C"] = add_lead(
        db,
        "C",
        t(7),
        [("lost", t(8), "no_response"), ("lead", t(15), "recycled"), ("mql", t(20), "")],
        source="Website",
        value=300,
    )
    # D: created 30 Nov 23:30 UTC = 1 Dec 00:30 in Berlin: December, not November.
    ids["D"] = add_lead(db, "D", datetime(2026, 11, 30, 23, 30, tzinfo=UTC), [], source="Website")
    # E: created 31 Oct 23:30 UTC = 1 Nov 00:30 in Berlin: November. Still a lead.
    ids["E"] = add_lead(db, "E", datetime(2026, 10, 31, 23, 30, tzinfo=UTC), [], source="Website")
    # F: skips MQL (Lead → SQL after 4 d), still in SQL.
    ids["F"] = add_lead(db, "F", t(10), [("sql", t(14), "")], source="Messe Stuttgart", value=2000)
    # Sales answers: A 6 h after MQL; B's call before MQL does not count, a download is no sales
    # activity, its e-mail 11 Nov 12:00 UTC comes after the deadline; C is never answered.
    add_activity(db, ids["A"], "call", t(5, 16))
    add_activity(db, ids["B"], "call", t(6))
    add_activity(db, ids["B"], "download", t(9))
    add_activity(db, ids["B"], "email", t(11, 12))
    return ids


def test_cohort_funnel_counts_skips_backward_moves_and_recycled_leads(db, november) -> None:
    report = compute_report(db, ReportQuery(**NOVEMBER))
    rows = {r.stage: r for r in report.funnel.rows}
    ids = november
    # Cohort: A, B, C, E, F (D is December in Berlin, E is November).
    assert set(rows["lead"].ids) == {ids[k] for k in "ABCEF"} and rows["lead"].count == 5
    # MQL: A, B (went back into MQL), C, and F which skipped MQL on its way to SQL.
    assert set(rows["mql"].ids) == {ids[k] for k in "ABCF"} and rows["mql"].skipped == 1
    assert rows["mql"].pct_of_previous == pytest.approx(80.0) and rows["mql"].pct_of_first == pytest.approx(
        80.0
    )
    # SQL: A, B, F → 3 of 4 MQLs, 3 of 5 leads.
    assert set(rows["sql"].ids) == {ids[k] for k in "ABF"}
    assert rows["sql"].pct_of_previous == pytest.approx(75.0) and rows["sql"].pct_of_first == pytest.approx(
        60.0
    )
    # Won: A → 1 of 3, 1 of 5.
    assert rows["won"].ids == (ids["A"],)
    assert rows["won"].pct_of_previous == pytest.approx(100 / 3) and rows[
        "won"
    ].pct_of_first == pytest.approx(20.0)
    # Lost: B and C (C although recycled); compared with all leads only.
    assert set(rows["lost"].ids) == {ids["B"], ids["C"]}
    assert rows["lost"].pct_of_previous is None and rows["lost"].pct_of_first == pytest.approx(40.0)
    assert report.funnel.backward == 1  # B
    assert report.funnel.recycled == 1  # C
    assert report.funnel.open == 3  # C (MQL), E (Lead), F (SQL)


def test_period_funnel_counts_every_move_in_the_period(db, november) -> None:
    report = compute_report(db, ReportQuery(**NOVEMBER, mode=Mode.PERIOD))
    rows = {r.stage: r for r in report.funnel.rows}
    # Into Lead: the creations of A, B, C, E, F (D's at 23:30 UTC on 30 Nov is December) + C recycled.
    assert rows["lead"].count == 6
    assert report.funnel.open == 5  # created in the period
    # Into MQL: A (5th), B (8th, backward), C (20th); into SQL: A, B and F, the last two skipping MQL.
    assert rows["mql"].count == 3 and rows["mql"].pct_of_previous == pytest.approx(50.0)
    assert (
        rows["sql"].count == 3
        and rows["sql"].skipped == 2
        and rows["sql"].pct_of_previous == pytest.approx(100.0)
    )
    assert rows["won"].count == 1 and rows["won"].pct_of_first == pytest.approx(100 / 6)
    assert rows["lost"].count == 2 and rows["lost"].pct_of_first == pytest.approx(100 / 3)
    assert report.funnel.backward == 1 and report.funnel.recycled == 1
    assert set(rows["sql"].ids) == {november[k] for k in "ABF"}


def test_time_in_stage_and_velocity(db, november) -> None:
    timing = compute_report(db, ReportQuery(**NOVEMBER)).timing
    stages = {s.stage: s for s in timing.stages}
    # Lead: A 2 d, B 3 d (to SQL), C 1 d (to Lost), F 4 d; E still a lead. Sorted 1, 2, 3, 4:
    # median between 2 and 3 = 2.5; 75th percentile at position 2.25 = 3 + 0.25 × 1 = 3.25.
    assert (stages["lead"].median_days, stages["lead"].p75_days) == (pytest.approx(2.5), pytest.approx(3.25))
    assert (stages["lead"].leads, stages["lead"].still_in) == (4, 1)
    # MQL: A 5 d (to SQL), B 4 d (8 → 12 Nov, to Lost); C still an MQL. Median 4.5, p75 4.75.
    assert (stages["mql"].median_days, stages["mql"].p75_days) == (pytest.approx(4.5), pytest.approx(4.75))
    assert (stages["mql"].leads, stages["mql"].still_in) == (2, 1)
    # SQL: A 10 d (to Won), B 5 d (7 → 12 Nov, to Lost); F still in SQL. Median 7.5, p75 8.75.
    assert (stages["sql"].median_days, stages["sql"].p75_days) == (pytest.approx(7.5), pytest.approx(8.75))
    assert stages["sql"].still_in == 1
    # Velocity: A, created 3 Nov, won 20 Nov.
    assert (timing.velocity_median_days, timing.velocity_leads) == (pytest.approx(17.0), 1)


def test_handover_counts_working_days_in_the_users_zone(db, november) -> None:
    h = compute_report(db, ReportQuery(**NOVEMBER)).handover
    # MQLs reached in November: A (Thu 5th), B (Sun 8th), C (Fri 20th); F skipped MQL.
    assert (h.mqls, h.answered, h.still_waiting) == (3, 2, 1)
    # A answered after 6 h; B on Wed 11th 12:00 UTC, 74 h after Sunday 10:00 → median 40 h, p75 57 h.
    assert h.median_hours == pytest.approx(40.0) and h.p75_hours == pytest.approx(57.0)
    # B's two working days start Monday 0:00 and end Wednesday 0:00 Berlin: late. C was never
    # answered and its deadline (Tue 24th) has passed. A was in time.
    assert h.waiting_over_threshold == 2 and set(h.over_ids) == {november["B"], november["C"]}
    # With 3 working days B (Thu 12th 0:00) is in time; C (Wed 25th) still waits too long.
    h3 = compute_report(db, ReportQuery(**NOVEMBER, handover_days=3)).handover
    assert h3.over_ids == (november["C"],)


def test_sources_fairs_cost_per_lead_and_lost_reasons(db, november) -> None:
    set_source_cost(db, "Messe Stuttgart", 400.0)
    report = compute_report(db, ReportQuery(**NOVEMBER))
    rows = {r.source: r for r in report.sources}
    fair = rows["Messe Stuttgart"]
    # A and F: both passed MQL and SQL, A won 1,000 €; 400 € over 2 leads = 200 € a lead.
    assert (fair.is_fair, fair.leads, fair.mql, fair.sql, fair.won) == (True, 2, 2, 2, 1)
    assert (fair.won_value, fair.conversion, fair.cost_per_lead) == (1000.0, 50.0, 200.0)
    web = rows["Website"]
    # B, C, E: MQL B and C, SQL B, nothing won.
    assert (web.is_fair, web.leads, web.mql, web.sql, web.won, web.conversion) == (False, 3, 2, 1, 0, 0.0)
    lost = {(r.reason, r.from_stage): (r.count, r.value) for r in report.lost_reasons}
    assert lost == {("no_budget", "mql"): (1, 500.0), ("no_response", "lead"): (1, 300.0)}


def test_mql_value_is_rate_times_average_with_its_basis(db, november) -> None:
    report = compute_report(db, ReportQuery(**NOVEMBER))
    v = report.mql_value
    # MQLs A, B, C, F; known outcomes A (won) and B (lost): 50 % × 1,000 € = 500 €, on 2 outcomes.
    assert (v.mqls, v.outcomes, v.won) == (4, 2, 1)
    assert (v.conversion_rate, v.average_won_value, v.value) == (50.0, 1000.0, 500.0)
    assert v.uncertain
    by_source = {s.source: s for s in report.mql_value_by_source}
    assert by_source["Messe Stuttgart"].value == 1000.0  # 100 % × 1,000 €
    assert by_source["Website"].value == 0.0 and by_source["Website"].average_won_value is None
    data = to_json(report)["mql_value"]
    assert data == {
        "source": "",
        "mqls": 4,
        "outcomes": 2,
        "won": 1,
        "conversion_rate": 50.0,
        "average_won_value": 1000.0,
        "value": 500.0,
        "uncertain": True,
    }


def test_scoring_check_bands_and_rule_lift(db, november) -> None:
    save_rules(
        db,
        [
            validate_rule(
                {
                    "name": "Fair lead",
                    "group": "fit",
                    "field": "source",
                    "operator": "equals",
                    "value": "Messe Stuttgart",
                    "points": 10,
                }
            )
        ],
    )
    with db.transaction() as s:
        s.add(LeadScore(lead_id=november["B"], score=35))
    check = compute_report(db, ReportQuery(**NOVEMBER)).scoring_check
    bands = {b.band: (b.outcomes, b.won, b.conversion) for b in check.bands}
    # A's move into MQL recorded score 62 (band 60–79, won); B was moved by hand, its current 35
    # stands in (band 20–39, lost).
    assert bands["60–79"] == (1, 1, 100.0) and bands["20–39"] == (1, 0, 0.0) and bands["0–19"] == (0, 0, None)
    assert (check.outcomes, check.from_current) == (2, 1)
    (rule,) = check.rules
    # The rule hits A (won) and not B (lost): 100 % vs 0 %, a lift that cannot be divided out.
    assert (rule.rule, rule.hit, rule.hit_won, rule.miss, rule.miss_won) == ("Fair lead", 1, 1, 1, 0)
    assert (rule.conversion_hit, rule.conversion_miss, rule.lift) == (100.0, 0.0, None)


def test_filters_narrow_every_section(db, november) -> None:
    report = compute_report(db, ReportQuery(**NOVEMBER, tag="vip"))
    assert [r.count for r in report.funnel.rows] == [1, 1, 1, 1, 0]  # A only
    assert report.handover.mqls == 1
    report = compute_report(db, ReportQuery(**NOVEMBER, owner="Anna"))
    assert report.funnel.rows[0].ids == (november["B"],)
    assert [r.reason for r in report.lost_reasons] == ["no_budget"]
    period = compute_report(db, ReportQuery(**NOVEMBER, source="Messe Stuttgart", mode=Mode.PERIOD))
    assert [r.count for r in period.funnel.rows] == [2, 1, 2, 1, 0]  # A and F's moves


def test_empty_period_and_empty_database(db, november) -> None:
    empty = ReportQuery(start=date(2025, 1, 1), end=date(2025, 1, 31), tz="Europe/Berlin", now=NOW)
    for mode in Mode:
        report = compute_report(db, ReportQuery(**{**empty.__dict__, "mode": mode}))
        assert [r.count for r in report.funnel.rows] == [0, 0, 0, 0, 0]
        assert all(r.pct_of_first is None and r.pct_of_previous is None for r in report.funnel.rows)
        assert report.sources == () and report.lost_reasons == ()
        assert report.mql_value.value is None and report.mql_value.uncertain
        assert report.timing.stages[0].median_days is None and report.handover.median_hours is None
        to_json(report)  # serialisable without figures


def test_one_lead_only(db) -> None:
    lead = add_lead(db, "Solo", t(2), [("mql", t(3), ""), ("lost", t(5), "other")], value=50)
    report = compute_report(db, ReportQuery(**NOVEMBER))
    assert [r.count for r in report.funnel.rows] == [1, 1, 0, 0, 1]
    assert report.funnel.rows[1].pct_of_previous == 100.0 and report.funnel.rows[2].pct_of_previous == 0.0
    assert report.funnel.rows[3].pct_of_previous is None  # nothing reached SQL: no share of nothing
    assert report.timing.stages[1].median_days == 2.0  # MQL 3 → 5 Nov
    assert report.mql_value.conversion_rate == 0.0 and report.mql_value.value == 0.0
    assert report.handover.over_ids == (lead,)  # never answered


def test_a_month_ends_where_the_users_zone_says(db) -> None:
    # 30 Nov 23:30 UTC: December in Berlin, November in New York (18:30) and in UTC.
    add_lead(db, "Late", datetime(2026, 11, 30, 23, 30, tzinfo=UTC), [])
    counts = {
        tz: compute_report(db, ReportQuery(**{**NOVEMBER, "tz": tz})).cohort_size
        for tz in ("Europe/Berlin", "America/New_York", "UTC")
    }
    assert counts == {"Europe/Berlin": 0, "America/New_York": 1, "UTC": 1}
    december = ReportQuery(start=date(2026, 12, 1), end=date(2026, 12, 31), tz="Europe/Berlin", now=NOW)
    assert compute_report(db, december).cohort_size == 1


def test_working_days_and_percentiles() -> None:
    day = 86400.0
    thursday_day = (date(2026, 11, 5) - date(1970, 1, 1)).days
    thursday = thursday_day * day + 3600  # 5 Nov 2026 01:00
    assert add_working_days(thursday, 2) == thursday + 4 * day  # → Monday
    assert add_working_days(thursday, 1) == thursday + day  # → Friday
    saturday = thursday + 2 * day
    assert add_working_days(saturday, 1) == (thursday_day + 5) * day  # Monday 0:00 + 1 → Tuesday 0:00
    assert add_working_days(thursday, 5) == thursday + 7 * day
    assert percentile([], 0.5) is None and percentile([3.0], 0.75) == 3.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5


def test_working_days_follow_the_teams_week() -> None:
    day = 86400.0
    friday = ((date(2026, 11, 6) - date(1970, 1, 1)).days) * day + 10 * 3600  # 6 Nov 2026 10:00
    six_days = (0, 1, 2, 3, 4, 5)
    assert add_working_days(friday, 1, six_days) == friday + day  # Saturday counts
    assert add_working_days(friday, 2, six_days) == friday + 3 * day  # → Monday
    assert add_working_days(friday, 6, six_days) == friday + 7 * day  # a whole week of six days
    tue_to_sat = (1, 2, 3, 4, 5)
    monday = friday + 3 * day
    # Monday is a day off: counting starts Tuesday 0:00, one working day later is Wednesday 0:00.
    assert add_working_days(monday, 1, tue_to_sat) == (monday // day + 2) * day
    assert add_working_days(friday, 2) == add_working_days(friday, 2, (0, 1, 2, 3, 4)) == friday + 4 * day


def test_handover_counts_the_working_days_set_in_the_settings(db) -> None:
    """An MQL reached on Friday morning, never answered, looked at on Tuesday at 9:00 in Berlin:
    within two working days for a Monday-to-Friday team, late for a team that works Saturdays."""
    from leaddesk.core.preferences import write_preferences

    lead = add_lead(db, "Friday", t(6, 8), [("mql", t(6, 9), "")])  # 10:00 in Berlin
    query = ReportQuery(**{**NOVEMBER, "now": datetime(2026, 11, 10, 8, 0, tzinfo=UTC)}, handover_days=2)
    assert compute_report(db, query).handover.over_ids == ()
    write_preferences(db, working_days=(0, 1, 2, 3, 4, 5))
    assert compute_report(db, query).handover.over_ids == (lead,)
    week = dataclasses.replace(query, working_days=(0, 1, 2, 3, 4))  # as asked, not as set
    assert compute_report(db, week).handover.over_ids == ()


def test_settings_and_presets(db) -> None:
    assert handover_days(db) == DEFAULT_HANDOVER_DAYS
    set_handover_days(db, 3)
    assert handover_days(db) == 3
    today = date(2026, 12, 4)
    assert preset_period(Preset.THIS_MONTH, today) == (date(2026, 12, 1), today)
    assert preset_period(Preset.LAST_MONTH, today) == (date(2026, 11, 1), date(2026, 11, 30))
    assert preset_period(Preset.THIS_QUARTER, today) == (date(2026, 10, 1), today)
    assert preset_period(Preset.LAST_12_MONTHS, today) == (date(2026, 1, 1), today)
    assert preset_period(Preset.LAST_12_MONTHS, date(2026, 3, 9)) == (date(2025, 4, 1), date(2026, 3, 9))


def test_the_window_source_reads_again_only_after_a_change(db, november) -> None:
    from leaddesk.core.reports import ReportSource

    source = ReportSource(db)
    try:
        first = source.data(NOW)
        assert source.data(NOW) is first
        add_lead(db, "New", t(25), [])
        again = source.data(NOW)
        assert again is not first and len(again) == len(first) + 1
    finally:
        source.close()
    with db.session() as s:
        assert len(s.execute(select(Lead.id)).all()) == 7


def test_a_report_selection_limits_the_board_to_exactly_its_leads(db, november) -> None:
    from leaddesk.core.services.board import matching_ids
    from leaddesk.core.services.query import LeadFilter, lead_ids

    chosen = frozenset({november["A"], november["B"], november["F"]})
    assert matching_ids(db, LeadFilter(ids=chosen)) == set(chosen)
    assert matching_ids(db, LeadFilter(ids=chosen, source="Messe Stuttgart")) == {
        november["A"],
        november["F"],
    }
    assert matching_ids(db, LeadFilter(ids=frozenset())) == set()
    assert set(lead_ids(db, LeadFilter(ids=chosen))) == set(chosen)
    assert not LeadFilter(ids=chosen).is_empty
    # More ids than SQLite takes parameters by default (32,766; a year's cohort, say).
    many = chosen | frozenset(range(10_000, 50_000))
    assert set(lead_ids(db, LeadFilter(ids=many, source="Messe Stuttgart"))) == {november["A"], november["F"]}


def test_move_kinds_from_sql_match_the_python_rule(db, november) -> None:
    from leaddesk.core.reports.data import STAGE_INDEX, ReportSource, move_kind

    source = ReportSource(db)
    try:
        data = source.data(NOW)
    finally:
        source.close()
    with db.session() as s:
        moves = s.execute(select(StageChange.from_stage, StageChange.to_stage).order_by(StageChange.at)).all()
    assert sorted(zip(data.m_to, data.m_kind, strict=True)) == sorted(
        (STAGE_INDEX[to], move_kind(frm, to)) for frm, to in moves
    )
