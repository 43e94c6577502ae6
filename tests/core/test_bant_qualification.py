"""Verdict rule, BANT saving with history, drafts and end_call as one transaction."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from leaddesk.core.db import Database
from leaddesk.core.errors import ConflictError, NotFoundError, ValidationError
from leaddesk.core.models import Activity, CallDraft, QualificationChange, Task
from leaddesk.core.services.activities import (
    CALL,
    EMAIL,
    KINDS,
    MEETING,
    add_activity,
    list_activities,
    update_activity,
)
from leaddesk.core.services.leads import create_lead, get_lead
from leaddesk.core.services.merge import merge_leads
from leaddesk.core.services.qualification import (
    CONFIRMED,
    NO_FIT,
    PARTIAL,
    SCORING_FIELDS,
    SECTIONS,
    STATUSES,
    UNKNOWN,
    BantData,
    FollowUp,
    StoredBant,
    VerdictRule,
    discard_draft,
    end_call,
    get_qualification,
    get_rule,
    history,
    load_draft,
    load_qualification,
    pending_drafts,
    rebase,
    save_draft,
    save_qualification,
    scoring_values,
    set_rule,
    verdict,
)


def bant(
    budget: str = UNKNOWN, authority: str = UNKNOWN, need: str = UNKNOWN, timing: str = UNKNOWN
) -> BantData:
    return BantData(budget_status=budget, authority_status=authority, need_status=need, timing_status=timing)


def test_default_rule_over_every_status_combination() -> None:
    """Need confirmed + ≥2 of the others confirmed → SQL; any no-fit → Lost; else nothing."""
    for combo in itertools.product(STATUSES, repeat=4):
        data = bant(*combo)
        result = verdict(data)
        status = dict(zip(SECTIONS, combo, strict=True))
        others = sum(status[s] == CONFIRMED for s in ("budget", "authority", "timing"))
        if NO_FIT in combo:
            assert result.suggestion == "lost", combo
            assert result.no_fit == tuple(s for s in SECTIONS if status[s] == NO_FIT)
            assert result.reason
        elif status["need"] == CONFIRMED and others >= 2:
            assert result.suggestion == "sql", combo
        else:
            assert result.suggestion == "", combo
            assert result.missing, combo


@pytest.mark.parametrize(
    ("data", "suggestion"),
    [
        (bant(CONFIRMED, CONFIRMED, CONFIRMED, CONFIRMED), "sql"),
        (bant(CONFIRMED, CONFIRMED, CONFIRMED, UNKNOWN), "sql"),
        (bant(CONFIRMED, UNKNOWN, CONFIRMED, CONFIRMED), "sql"),
        (bant(CONFIRMED, CONFIRMED, PARTIAL, CONFIRMED), ""),  # Need only partly known
        (bant(CONFIRMED, PARTIAL, CONFIRMED, PARTIAL), ""),  # only one other confirmed
        (bant(CONFIRMED, CONFIRMED, CONFIRMED, NO_FIT), "lost"),  # a no-fit beats SQL
        (bant(NO_FIT, UNKNOWN, UNKNOWN, UNKNOWN), "lost"),
    ],
)
def test_default_rule_examples(data: BantData, suggestion: str) -> None:
    assert verdict(data).suggestion == suggestion


def test_lost_reason_is_prefilled_from_the_sections_and_notes() -> None:
    data = replace(bant(NO_FIT, CONFIRMED, CONFIRMED, NO_FIT), budget_notes="Kein Budget vor 2028")
    result = verdict(data)
    assert result.reason == "No budget; Timing does not fit — Kein Budget vor 2028"


def test_configured_rule(db: Database) -> None:
    strict = VerdictRule(required=("need", "budget"), min_others=2, no_fit_means_lost=False)
    set_rule(db, strict)
    assert get_rule(db) == strict
    assert verdict(bant(UNKNOWN, CONFIRMED, CONFIRMED, CONFIRMED), strict).suggestion == ""
    assert verdict(bant(CONFIRMED, CONFIRMED, CONFIRMED, CONFIRMED), strict).suggestion == "sql"
    # Without "no fit means lost" a no-fit only blocks SQL.
    assert verdict(bant(CONFIRMED, CONFIRMED, CONFIRMED, NO_FIT), strict).suggestion == ""
    assert verdict(bant(NO_FIT, UNKNOWN, UNKNOWN, UNKNOWN), strict).suggestion == ""
    lenient = VerdictRule(required=("need",), min_others=0)
    assert verdict(bant(need=CONFIRMED), lenient).suggestion == "sql"
    with pytest.raises(ValidationError):
        VerdictRule(required=("money",))
    with pytest.raises(ValidationError):
        VerdictRule(min_others=4)


def _lead(db: Database) -> int:
    return create_lead(db, {"first_name": "Jürgen", "last_name": "Weiß", "company": "Weiß Metallbau GmbH"})[
        0
    ].id


def test_bant_validation() -> None:
    with pytest.raises(ValidationError) as err:
        BantData.from_dict(
            {"budget_status": "maybe", "need_priority": 9, "timing_target": "soon", "budget_amount": "-5"}
        )
    assert set(err.value.errors) == {"budget_status", "need_priority", "timing_target", "budget_amount"}
    ok = BantData.from_dict(
        {
            "budget_amount": "12.500,5".replace(".", ""),
            "timing_target": "2027-q1",
            "budget_currency": "chf",
            "x": 1,
        }
    )
    assert ok.budget_amount == 12500.5 and ok.timing_target == "2027-Q1" and ok.budget_currency == "CHF"


def test_save_keeps_counters_and_history(db: Database) -> None:
    lead = _lead(db)
    assert get_qualification(db, lead) == BantData()
    assert save_qualification(db, lead, BantData()) == []
    first = replace(bant(need=CONFIRMED, budget=PARTIAL), need_pain="Lieferzeiten zu lang", need_priority=4)
    changes = save_qualification(db, lead, first, who="anna")
    assert [c.field for c in changes] == ["budget_status", "need_status", "need_pain", "need_priority"]
    view = get_lead(db, lead)
    assert view.bant_confirmed == 1 and view.has_qualification
    assert get_qualification(db, lead) == first
    rows = history(db, lead)
    assert [(h.field, h.old_value, h.new_value, h.activity_id) for h in rows][-1] == (
        "need_priority",
        "",
        "4",
        None,
    )


def test_activities_timeline(db: Database) -> None:
    lead = _lead(db)
    before = get_lead(db, lead).updated_at
    a = add_activity(db, lead, EMAIL, subject="Angebot geschickt", at=datetime(2026, 11, 20, 9, tzinfo=UTC))
    b = add_activity(db, lead, CALL, duration_s=300, outcome="not_reached")
    add_activity(db, lead, MEETING, duration_s=3600)
    assert get_lead(db, lead).updated_at > before
    assert [x.id for x in list_activities(db, lead)][-1] == a.id
    assert list_activities(db, lead, limit=1)[0].kind == MEETING
    fixed = update_activity(db, b.id, {"notes": " Mailbox ", "outcome": "follow_up"})
    assert fixed.notes == "Mailbox" and fixed.outcome == "follow_up"
    assert len(KINDS) == 9
    for bad in ({"kind": "fax"}, {"duration_s": -1}, {"outcome": "maybe"}):
        with pytest.raises(ValidationError):
            add_activity(db, lead, **({"kind": CALL} | bad))
    with pytest.raises(ValidationError):
        add_activity(db, lead, EMAIL, outcome="qualified")
    with pytest.raises(ValidationError):
        add_activity(db, lead, "note", at=datetime(2026, 1, 1))
    with pytest.raises(NotFoundError):
        add_activity(db, 999, CALL)
    with pytest.raises(ValidationError):
        update_activity(db, a.id, {"lead_id": 3})


def test_drafts_round_trip(db: Database) -> None:
    lead = _lead(db)
    draft = save_draft(db, lead, {"bant": {"need_pain": "a"}, "elapsed_s": 3})
    assert save_draft(db, lead, {"bant": {"need_pain": "ab"}, "elapsed_s": 9}, draft_id=draft) == draft
    found = pending_drafts(db)
    assert [d.id for d in found] == [draft]
    assert found[0].lead_name == "Jürgen Weiß (Weiß Metallbau GmbH)"
    assert load_draft(db, draft).data == {"bant": {"need_pain": "ab"}, "elapsed_s": 9}
    assert pending_drafts(db, lead_id=lead + 1) == []
    discard_draft(db, draft)
    assert pending_drafts(db) == []
    with pytest.raises(NotFoundError):
        load_draft(db, draft)
    # A draft id that vanished (discarded elsewhere) starts a new draft rather than losing the save.
    again = save_draft(db, lead, {"elapsed_s": 1}, draft_id=draft)
    assert [d.data for d in pending_drafts(db) if d.id == again] == [{"elapsed_s": 1}]


def test_end_call_is_one_transaction(db: Database) -> None:
    lead = _lead(db)
    save_qualification(db, lead, bant(budget=PARTIAL))
    draft = save_draft(db, lead, {"x": 1})
    data = replace(
        bant(CONFIRMED, CONFIRMED, CONFIRMED, PARTIAL),
        budget_amount=25000,
        authority_people="Frau Berg (Einkauf)",
        need_pain="Ausschuss zu hoch",
        need_priority=5,
    )
    started = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    result = end_call(
        db,
        lead,
        data,
        outcome="qualified",
        duration_s=754,
        started_at=started,
        notes="gutes Gespräch",
        who="anna",
        follow_up=FollowUp(date(2026, 11, 30), "Angebot senden"),
        draft_id=draft,
        tz="Europe/Berlin",
    )
    assert result.verdict.suggestion == "sql"
    assert (
        result.activity.kind == CALL and result.activity.duration_s == 754 and result.activity.at == started
    )
    assert "Budget, Authority, Need" in result.activity.subject
    assert result.task is not None and result.task.activity_id == result.activity.id
    assert {c.field for c in result.changes} == {
        "budget_status",
        "budget_amount",
        "authority_status",
        "authority_people",
        "need_status",
        "need_pain",
        "need_priority",
        "timing_status",
    }
    assert pending_drafts(db) == []
    view = get_lead(db, lead)
    assert view.bant_confirmed == 3 and view.next_follow_up == result.task.due_at
    in_call = [h for h in history(db, lead) if h.activity_id == result.activity.id]
    assert len(in_call) == 8 and in_call[0].call_outcome == "qualified" and in_call[0].call_duration_s == 754

    # A failing part (an unknown outcome, a bad follow-up) leaves nothing behind.
    def counts() -> tuple[int, ...]:
        with db.session() as s:
            return tuple(
                s.execute(select(func.count()).select_from(t)).scalar_one()
                for t in (Activity, QualificationChange, Task, CallDraft)
            )

    draft = save_draft(db, lead, {})
    before = counts()
    with pytest.raises(ValidationError):
        end_call(db, lead, bant(), outcome="great", duration_s=1, draft_id=draft)
    with pytest.raises(ValidationError):
        end_call(
            db,
            lead,
            bant(),
            outcome="qualified",
            duration_s=1,
            draft_id=draft,
            follow_up=FollowUp(date.today(), " "),
        )
    assert counts() == before
    assert get_qualification(db, lead) == result.qualification


def test_scoring_values_follow_the_qualification(db: Database) -> None:
    lead = _lead(db)
    with db.session() as session:
        empty = scoring_values(session, lead)
    assert (
        set(empty) == set(SCORING_FIELDS) and empty["bant_confirmed"] == 0 and empty["need_status"] == UNKNOWN
    )
    save_qualification(db, lead, replace(bant(need=CONFIRMED, budget=CONFIRMED), need_priority=4))
    with db.session() as session:
        values = scoring_values(session, lead)
    assert values["bant_confirmed"] == 2 == get_lead(db, lead).bant_confirmed and values["need_priority"] == 4


def _changes(db: Database, lead: int) -> int:
    with db.session() as s:
        return s.execute(
            select(func.count()).select_from(QualificationChange).where(QualificationChange.lead_id == lead)
        ).scalar_one()


def test_stale_version_is_refused_and_nothing_is_written(db: Database) -> None:
    """Regression: the editor's BANT tab, opened before a call, reverted what the call stored."""
    lead = _lead(db)
    opened = load_qualification(db, lead)  # the editor's tab, before the call
    assert opened.data == BantData() and opened.version == 0
    end_call(db, lead, bant(need=CONFIRMED), outcome="qualified", duration_s=60)
    stored, written = load_qualification(db, lead), _changes(db, lead)
    assert stored.version == 1
    with pytest.raises(ConflictError) as err:
        save_qualification(db, lead, bant(budget=PARTIAL), expected_version=opened.version)
    assert (err.value.expected, err.value.actual) == (0, 1)
    assert str(err.value).startswith(f"lead {lead} was changed elsewhere") and "nothing was saved" in str(
        err.value
    )
    assert load_qualification(db, lead) == stored and _changes(db, lead) == written
    assert get_lead(db, lead).bant_confirmed == 1
    # Reloaded (as the tab does after a conflict), the same edit saves and keeps the call's answer.
    again = replace(stored.data, budget_status=PARTIAL)
    assert [c.field for c in save_qualification(db, lead, again, expected_version=stored.version)] == [
        "budget_status"
    ]
    assert load_qualification(db, lead) == StoredBant(again, 2)


def test_matching_version_saves_and_counts_up(db: Database) -> None:
    lead = _lead(db)
    first = bant(budget=PARTIAL)
    save_qualification(db, lead, first, expected_version=0)  # no row yet: version 0
    assert load_qualification(db, lead).version == 1
    second = replace(first, need_status=CONFIRMED, need_pain="Ausschuss")
    changes = save_qualification(db, lead, second, expected_version=1)
    assert [c.field for c in changes] == ["need_status", "need_pain"]
    assert load_qualification(db, lead).data == second and load_qualification(db, lead).version == 2
    # Nothing changed: nothing written, the version stays (an open form is still current).
    assert save_qualification(db, lead, second, expected_version=2) == []
    assert load_qualification(db, lead).version == 2
    with pytest.raises(ConflictError):  # a form read before the row existed is stale now
        save_qualification(db, lead, second, expected_version=0)
    # Callers that pass no version keep the old behaviour (last write wins).
    save_qualification(db, lead, bant())
    assert load_qualification(db, lead) == StoredBant(bant(), 3)


def test_end_call_bumps_the_version(db: Database) -> None:
    lead = _lead(db)
    save_qualification(db, lead, bant(budget=PARTIAL))
    assert load_qualification(db, lead).version == 1
    end_call(db, lead, bant(budget=CONFIRMED, need=CONFIRMED), outcome="qualified", duration_s=90)
    assert load_qualification(db, lead).version == 2
    end_call(db, lead, bant(budget=CONFIRMED, need=NO_FIT), outcome="disqualified", duration_s=30)
    assert load_qualification(db, lead).version == 3


def test_a_call_keeps_bant_saved_in_the_editor_while_it_ran(db: Database) -> None:
    """The call started from ``base``; the editor's tab saved need and timing meanwhile. Ending
    the call writes only what the call changed; where both changed a field, the call wins."""
    lead = _lead(db)
    base = get_qualification(db, lead)
    save_qualification(db, lead, bant(need=CONFIRMED, timing=PARTIAL))  # the editor, mid-call
    in_call = bant(budget=PARTIAL, timing=CONFIRMED)  # the call's form never saw the tab's save
    end_call(db, lead, in_call, outcome="follow_up", duration_s=60, base=base)
    after = get_qualification(db, lead)
    assert (after.budget_status, after.need_status, after.timing_status) == (PARTIAL, CONFIRMED, CONFIRMED)
    # Without a base (older callers) the form is written as it is.
    end_call(db, lead, bant(), outcome="follow_up", duration_s=5)
    assert get_qualification(db, lead).need_status == UNKNOWN


def test_merging_leads_moves_the_version_on(db: Database) -> None:
    """A form opened on the kept lead before a merge that brought BANT is stale afterwards."""
    keep, other = _lead(db), _lead(db)
    save_qualification(db, other, bant(need=CONFIRMED))
    empty = load_qualification(db, keep)  # no BANT yet: version 0; the merge moves the other's row
    merge_leads(db, keep, other)
    with pytest.raises(ConflictError):
        save_qualification(db, keep, bant(budget=PARTIAL), expected_version=empty.version)
    filled = load_qualification(db, keep)
    assert filled.data.need_status == CONFIRMED
    third = _lead(db)
    save_qualification(db, third, bant(timing=CONFIRMED))
    merge_leads(db, keep, third)  # both have BANT: the kept row is filled in and counts up
    after = load_qualification(db, keep)
    assert after.data.timing_status == CONFIRMED and after.version > filled.version
    with pytest.raises(ConflictError):
        save_qualification(db, keep, filled.data, expected_version=filled.version)


def test_rebase_keeps_both_sides_and_names_the_clashes() -> None:
    """After a conflict the form keeps the user's edits on top of what the call stored."""
    base = bant(budget=PARTIAL)
    mine = replace(base, budget_status=CONFIRMED, need_notes="eilt", timing_status=PARTIAL)
    theirs = replace(base, need_status=CONFIRMED, timing_status=CONFIRMED, budget_status=CONFIRMED)
    merged, clashes = rebase(base, mine, theirs)
    assert merged == replace(theirs, need_notes="eilt")  # budget: both set it to confirmed — no clash
    assert clashes == ("timing_status",)  # both changed it differently: the stored value stays
    assert rebase(base, base, theirs) == (theirs, ())
    assert rebase(base, mine, base) == (mine, ())
