"""Rescoring behaviour: each rule kind, decay over simulated time, caps, thresholds, adjustments."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from leaddesk.core.db import Database
from leaddesk.core.errors import ValidationError
from leaddesk.core.models import Lead, ScoreAdjustment, StageChange
from leaddesk.core.scoring import (
    RescoreCancelled,
    Settings,
    explain,
    refresh_decay,
    rescore_all,
    save_rules,
    save_settings,
    validate_rule,
)
from leaddesk.core.services.leads import create_lead, get_lead, move_stage, stage_history, update_lead
from leaddesk.core.services.rescoring import accept_suggestion, add_adjustment, rescore_one
from leaddesk.core.stages import SCORE_REACHED, SUGGESTION_ACCEPTED, reason_text
from leaddesk.core.text import Text

from .helpers import NOW, add_activities, add_lead, add_leads, add_qualifications, lead_row


def rule(**data: Any) -> Any:
    data.setdefault("group", "fit")
    return validate_rule(data)


def score_of(db: Database, lead_id: int) -> tuple[int, int, int, int, str, str]:
    v = get_lead(db, lead_id)
    return v.fit_score, v.engagement_score, v.manual_score, v.score, v.score_flag, v.stage


def setup(db: Database, rules: list[Any], **settings: Any) -> None:
    save_rules(db, rules)
    save_settings(db, Settings(**({"total_min": None, "total_max": None} | settings)))


def test_free_mail_rule_and_negative_points(db: Database) -> None:
    setup(db, [rule(field="email", operator="is_freemail", points=-10)])
    free = add_lead(db, email="Jana@GMX.de")
    work = add_lead(db, email="jana@acme.de")
    rescore_all(db, now=NOW)
    assert score_of(db, free)[3] == -10
    assert score_of(db, work)[3] == 0
    assert [(line.name, line.points) for line in explain(db, free, NOW).lines] == [
        ("Email address is freemail", -10)
    ]


def test_text_and_number_operators(db: Database) -> None:
    setup(
        db,
        [
            rule(field="title", operator="contains", value=["geschäftsführ", "inhaber"], points=1),
            rule(field="industry", operator="one_of", value=["IT", "Handel"], points=2),
            rule(field="company", operator="starts_with", value="Müller", points=4),
            rule(field="city", operator="is_empty", points=8),
            rule(field="company_size", operator="between", value={"min": 10, "max": 249}, points=16),
            rule(field="bant.need_status", operator="equals", value="confirmed", points=32),
            rule(field="value", operator="at_least", value=5000, points=64),
        ],
    )
    a = add_lead(
        db, title="GESCHÄFTSFÜHRER", industry="it", company="müller GmbH", company_size=10, value=5000
    )
    b = add_lead(db, title="Azubi", industry="Bau", company="Huber Müller", city="Ulm", company_size=250)
    add_qualifications(db, [{"lead_id": b, "need_status": "confirmed"}])
    rescore_all(db, now=NOW)
    assert score_of(db, a)[0] == 1 + 2 + 4 + 8 + 16 + 64
    assert score_of(db, b)[0] == 32


def test_activity_count_within_days(db: Database) -> None:
    setup(
        db,
        [
            rule(
                group="engagement",
                field="activity.webinar",
                operator="happened",
                min_count=2,
                within_days=30,
                points=20,
            )
        ],
    )
    two_recent, one_recent, one_old = add_leads(db, [lead_row(), lead_row(), lead_row()])
    add_activities(
        db,
        [
            {"lead_id": two_recent, "kind": "webinar", "at": NOW - timedelta(days=5)},
            {"lead_id": two_recent, "kind": "webinar", "at": NOW - timedelta(days=20)},
            {"lead_id": two_recent, "kind": "call", "at": NOW - timedelta(days=1)},
            {"lead_id": one_recent, "kind": "webinar", "at": NOW - timedelta(days=2)},
            {"lead_id": one_recent, "kind": "webinar", "at": NOW + timedelta(days=3)},  # future: not yet
            {"lead_id": one_old, "kind": "webinar", "at": NOW - timedelta(days=2)},
            {"lead_id": one_old, "kind": "webinar", "at": NOW - timedelta(days=31)},
        ],
    )
    rescore_all(db, now=NOW)
    assert [score_of(db, i)[1] for i in (two_recent, one_recent, one_old)] == [20, 0, 0]
    # The window closes when the older webinar turns 30 days old (day 10 from now).
    line = explain(db, two_recent, NOW).lines[0]
    assert line.expires_at == NOW - timedelta(days=20) + timedelta(days=30)
    rescore_all(db, now=NOW + timedelta(days=10, seconds=1))
    assert score_of(db, two_recent)[1] == 0


def test_linear_and_half_life_decay_over_simulated_time(db: Database) -> None:
    setup(
        db,
        [
            rule(group="engagement", field="activity.booth_visit", operator="happened", points=30,
                 decay_mode="linear", decay_days=90),
            rule(group="engagement", field="activity.quote_request", operator="happened", points=40,
                 decay_mode="half_life", decay_days=30),
        ],
    )  # fmt: skip
    lead = add_lead(db)
    add_activities(
        db,
        [
            {"lead_id": lead, "kind": "booth_visit", "at": NOW},
            {"lead_id": lead, "kind": "quote_request", "at": NOW},
        ],
    )
    expected = {0: (30, 40), 30: (20, 20), 45: (15, 14), 60: (10, 10), 89: (0, 5), 90: (0, 5), 200: (0, 0)}
    for day, (linear, half) in expected.items():
        now = NOW + timedelta(days=day, hours=1)
        rescore_all(db, now=now)
        e = explain(db, lead, now)
        points = {line.name.split()[0]: line.points for line in e.lines}
        assert (points.get("Booth", 0), points.get("Quote", 0)) == (linear, half), day
        assert score_of(db, lead)[1] == linear + half
    first = explain(db, lead, NOW)
    ends = {line.name.split()[0]: line.expires_at for line in first.lines}
    assert ends["Booth"] == NOW + timedelta(days=90)
    # 40 · 0.5^(a/30) rounds to 0 once a > 30·log2(80) ≈ 189.7 days.
    assert ends["Quote"] == NOW + timedelta(days=190)


def test_decayed_halves_round_away_from_zero_on_every_path(db: Database) -> None:
    """x.5 points round away from zero, as SQLite's ROUND; PostgreSQL computes decay in float8,
    whose own ROUND rounds half to even (2.5 → 2), so the engines could drift apart here."""
    kinds = ("booth_visit", "quote_request", "webinar", "download")
    setup(
        db,
        [  # linear 5 · 5/10 = 2.5, half-life 5 · 0.5^(1/1) = 2.5, and both negative
            rule(group="engagement", field=f"activity.{kinds[0]}", operator="happened", points=5,
                 decay_mode="linear", decay_days=10),
            rule(group="engagement", field=f"activity.{kinds[1]}", operator="happened", points=-5,
                 decay_mode="linear", decay_days=10),
            rule(group="engagement", field=f"activity.{kinds[2]}", operator="happened", points=5,
                 decay_mode="half_life", decay_days=1),
            rule(group="engagement", field=f"activity.{kinds[3]}", operator="happened", points=-5,
                 decay_mode="half_life", decay_days=1),
        ],
    )  # fmt: skip
    ages = {kinds[0]: 5, kinds[1]: 5, kinds[2]: 1, kinds[3]: 1}
    leads = {kind: add_lead(db) for kind in kinds}
    add_activities(
        db, [{"lead_id": leads[k], "kind": k, "at": NOW - timedelta(days=ages[k], hours=1)} for k in kinds]
    )
    expected = {kinds[0]: 3, kinds[1]: -3, kinds[2]: 3, kinds[3]: -3}
    rescore_all(db, now=NOW)
    assert {k: score_of(db, i)[1] for k, i in leads.items()} == expected
    assert {k: explain(db, i, NOW).engagement for k, i in leads.items()} == expected
    assert {k: rescore_one(db, i, NOW).engagement for k, i in leads.items()} == expected


def test_refresh_decay_is_due_daily_and_only_touches_due_leads(db: Database) -> None:
    setup(db, [rule(group="engagement", field="activity.webinar", operator="happened", points=10,
                    decay_mode="linear", decay_days=10)])  # fmt: skip
    fading, steady = add_leads(db, [lead_row(), lead_row()])
    add_activities(db, [{"lead_id": fading, "kind": "webinar", "at": NOW}])
    rescore_all(db, now=NOW)
    assert score_of(db, fading)[1] == 10
    assert get_lead(db, steady).score == 0
    report = refresh_decay(db, NOW + timedelta(days=5, hours=1))
    assert report is not None and report.leads == 1  # only the fading lead was due
    assert score_of(db, fading)[1] == 5
    assert refresh_decay(db, NOW + timedelta(days=5, hours=2)) is None  # not due again yet
    refresh_decay(db, NOW + timedelta(days=11))
    assert score_of(db, fading)[1] == 0


def test_caps_and_total_bounds(db: Database) -> None:
    rules = [
        rule(field="title", operator="is_set", points=40),
        rule(field="company", operator="is_set", points=40),
        rule(group="engagement", field="activity.any", operator="happened", points=50),
        rule(field="email", operator="is_freemail", points=-70),
    ]
    setup(db, rules, fit_cap=60, engagement_cap=30, total_min=0, total_max=100)
    capped = add_lead(db, title="CEO", company="ACME")
    floor = add_lead(db, email="x@gmail.com")
    add_activities(db, [{"lead_id": capped, "kind": "call", "at": NOW}])
    rescore_all(db, now=NOW)
    assert score_of(db, capped)[:4] == (60, 30, 0, 90)
    assert score_of(db, floor)[:4] == (-70, 0, 0, 0)  # caps limit gains; the total is bounded at 0
    e = explain(db, capped, NOW)
    assert (e.fit_raw, e.fit, e.fit_capped, e.engagement_raw, e.engagement) == (80, 60, True, 50, 30)
    save_settings(db, Settings(fit_cap=60, engagement_cap=30, total_min=0, total_max=80))
    rescore_all(db, now=NOW)
    assert score_of(db, capped)[3] == 80


def test_suggest_mode_flags_and_accept(db: Database) -> None:
    setup(db, [rule(field="title", operator="is_set", points=60)], mql_threshold=50, sql_threshold=80)
    lead = add_lead(db, title="CEO")
    rescore_all(db, now=NOW)
    assert score_of(db, lead)[4:] == ("mql", "lead")  # suggested, not moved
    moved = accept_suggestion(db, lead, actor="Eva", now=NOW)
    assert (moved.lead.stage, moved.lead.score_flag, moved.from_stage) == ("mql", "", "lead")
    last = stage_history(db, lead)[-1]
    assert (last.to_stage, last.actor, last.actor_kind) == ("mql", "Eva", "user")
    assert reason_text(last.reason) == Text(SUGGESTION_ACCEPTED, score="60")
    with pytest.raises(ValidationError, match="no score suggestion"):
        accept_suggestion(db, lead)


def test_move_mode_moves_forward_with_rule_as_actor_and_never_back(db: Database) -> None:
    setup(db, [rule(field="title", operator="is_set", points=90)], mql_threshold=50, sql_threshold=80,
          mode="move")  # fmt: skip
    a, b, won = add_leads(
        db, [lead_row(title="CEO"), lead_row(title="CEO", stage="mql"), lead_row(stage="won")]
    )
    report = rescore_all(db, now=NOW)
    assert report.moved == 2
    assert score_of(db, a)[5] == "sql" and score_of(db, b)[5] == "sql"
    hist = [(h.from_stage, h.to_stage, h.actor, h.actor_kind) for h in stage_history(db, a)]
    assert hist == [("lead", "mql", "Scoring", "rule"), ("mql", "sql", "Scoring", "rule")]
    assert stage_history(db, b)[-1].reason == "Score 90 reached the SQL threshold (80)"
    # Written in SQL for many leads, read back as the message it is (the UI translates it).
    found = reason_text(stage_history(db, b)[-1].reason)
    assert isinstance(found, Text) and found.template == SCORE_REACHED
    assert found.values == {"score": "90", "stage": "SQL", "threshold": "80"}
    # Now the score falls: the lead stays in SQL and is only flagged.
    save_rules(db, [rule(field="title", operator="is_set", points=10)])
    rescore_all(db, now=NOW)
    assert score_of(db, a)[3:] == (10, "below_sql", "sql")
    assert score_of(db, won)[4:] == ("", "won")


def test_move_mode_single_lead_via_services(db: Database) -> None:
    setup(db, [rule(field="title", operator="contains", value="chef", points=55)], mode="move")
    view, _ = create_lead(db, {"last_name": "Koch", "title": "Sous"})
    assert (view.score, view.stage) == (0, "lead")
    view, _ = update_lead(db, view.id, {"title": "Küchenchef"}, expected_version=view.version)
    assert (view.score, view.stage) == (55, "mql")  # moved in the same transaction as the edit
    assert stage_history(db, view.id)[-1].actor_kind == "rule"
    # One lead's rescore writes the same words as the bulk statement.
    assert stage_history(db, view.id)[-1].reason == "Score 55 reached the MQL threshold (50)"
    view, _ = update_lead(db, view.id, {"title": "Sous"}, expected_version=view.version)
    assert (view.score, view.stage, view.score_flag) == (0, "mql", "below_mql")


def test_user_may_move_back_and_score_does_not_push_forward_in_suggest_mode(db: Database) -> None:
    setup(db, [rule(field="title", operator="is_set", points=60)])
    lead = add_lead(db, title="CEO", stage="mql")
    move_stage(db, lead, "lead", reason="too early")
    rescore_one(db, lead, NOW)
    assert score_of(db, lead)[4:] == ("mql", "lead")


def test_manual_adjustment_requires_reason_and_is_audited(db: Database) -> None:
    setup(db, [rule(field="title", operator="is_set", points=10)])
    lead = add_lead(db, title="CEO")
    for reason in ("", "   "):
        with pytest.raises(ValidationError, match="needs a reason"):
            add_adjustment(db, lead, 5, reason, who="Eva")
    with pytest.raises(ValidationError, match="0 points"):
        add_adjustment(db, lead, 0, "nothing")
    adj, score = add_adjustment(db, lead, 15, " Met at Hannover Messe ", who="Eva", now=NOW)
    assert (score.manual, score.score) == (15, 25)
    add_adjustment(db, lead, -5, "Budget only next year", who="Tom", now=NOW + timedelta(hours=1))
    assert score_of(db, lead)[2:4] == (10, 20)
    assert (adj.reason, adj.who, adj.at) == ("Met at Hannover Messe", "Eva", NOW)
    e = explain(db, lead, NOW)
    assert [(a.points, a.reason, a.who) for a in e.adjustments] == [
        (15, "Met at Hannover Messe", "Eva"),
        (-5, "Budget only next year", "Tom"),
    ]
    rescore_all(db, now=NOW)  # bulk keeps the manual part
    assert score_of(db, lead)[3] == 20
    with db.session() as s:
        assert len(s.execute(select(ScoreAdjustment)).all()) == 2


def test_rescore_all_reports_progress_and_cancel_rolls_back(db: Database) -> None:
    setup(db, [rule(field="title", operator="is_set", points=10)])
    ids = add_leads(db, [lead_row(title="CEO") for _ in range(50)])
    seen: list[tuple[int, int]] = []

    def cancel_midway(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 20

    with pytest.raises(RescoreCancelled):
        rescore_all(db, now=NOW, progress=cancel_midway, chunk=10)
    assert all(get_lead(db, i).score == 0 for i in ids)  # nothing half-written
    assert seen[0] == (0, 50)
    seen.clear()
    report = rescore_all(db, now=NOW, progress=lambda d, t: seen.append((d, t)) is None, chunk=10)
    assert (report.leads, report.changed) == (50, 50)
    assert seen[-1] == (50, 50) and len(seen) == 6


def test_create_lead_is_scored_and_erased_leads_are_skipped(db: Database) -> None:
    setup(db, [rule(field="company", operator="contains", value="gmbh", points=7)])
    view, _ = create_lead(db, {"company": "Beispiel GmbH"})
    assert view.score == 7 and view.fit_score == 7
    with db.transaction() as s:
        lead = s.get(Lead, view.id)
        assert lead is not None
        lead.erased = True
    save_rules(db, [rule(field="company", operator="contains", value="gmbh", points=9)])
    assert rescore_all(db, now=NOW).leads == 0
    with db.session() as s:
        assert s.execute(select(StageChange).where(StageChange.lead_id == view.id)).first() is not None


def test_save_and_rescore_is_all_or_nothing(db: Database) -> None:
    from leaddesk.core.scoring import load_rules, load_settings, save_and_rescore

    setup(db, [rule(field="title", operator="is_set", points=10)])
    lead = add_lead(db, title="CEO")
    rescore_all(db, now=NOW)
    new_rules = [rule(field="title", operator="is_set", points=60)]
    with pytest.raises(RescoreCancelled):
        save_and_rescore(
            db, new_rules, Settings(mql_threshold=30, sql_threshold=90), progress=lambda d, t: False
        )
    assert load_rules(db)[0].points == 10 and load_settings(db).mql_threshold == 50
    assert score_of(db, lead)[3] == 10
    saved, report = save_and_rescore(db, new_rules, Settings(mql_threshold=30, sql_threshold=90), now=NOW)
    assert saved[0].id is not None and report.changed == 1
    assert score_of(db, lead)[3:5] == (60, "mql")


def test_rescore_one_announces_the_lead_only_when_its_score_changed(db: Database) -> None:
    lead = add_lead(db, title="CEO")
    setup(db, [rule(field="title", operator="contains", value="ceo", points=20)])
    heard: list[Any] = []
    db.add_listener(heard.append)
    first = rescore_one(db, lead, NOW)
    assert first.changed and first.score == 20
    assert [c.updated for c in heard] == [frozenset({lead})]
    again = rescore_one(db, lead, NOW)
    assert not again.changed and again.score == 20
    assert len(heard) == 1  # nothing changed, nobody is told
