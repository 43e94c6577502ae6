"""Search and filters as the board and ``leaddesk list`` use them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from leaddesk.core.services.leads import create_lead, move_stage
from leaddesk.core.services.query import (
    LeadFilter,
    all_tags,
    distinct_values,
    end_of_today,
    lead_ids,
    list_leads,
    list_leads_json,
    stage_totals,
)
from leaddesk.core.services.tasks import set_user_timezone


@pytest.fixture
def sample(db):
    def add(**fields):
        return create_lead(db, fields)[0].id

    ids = {
        "mueller": add(
            first_name="Jürgen",
            last_name="Müller",
            company="Müller GmbH",
            city="München",
            source="Website",
            value=100,
        ),
        "muller": add(
            first_name="Anna", last_name="Muller", company="Acme Inc.", city="Köln", tags="VIP,Messe"
        ),
        "schmidt": add(first_name="Eva", last_name="Schmidt", company="Kessler AG", owner="Tobias", value=50),
        "mail": add(last_name="Weber", email="weber@gmx.de", notes="Wants a quote for Stuttgart"),
    }
    move_stage(db, ids["schmidt"], "mql")
    return ids


def test_search_is_prefix_and_ignores_case_and_accents(db, sample) -> None:
    assert set(lead_ids(db, LeadFilter(search="mül"))) == {sample["mueller"], sample["muller"]}
    # Typed without the umlaut, as on a foreign keyboard: still found (and Muller, by its prefix)
    assert set(lead_ids(db, LeadFilter(search="MUEL"))) == {sample["mueller"], sample["muller"]}
    assert lead_ids(db, LeadFilter(search="kess")) == [sample["schmidt"]]


def test_search_needs_every_word(db, sample) -> None:
    assert lead_ids(db, LeadFilter(search="müller münch")) == [sample["mueller"]]
    assert lead_ids(db, LeadFilter(search="müller köln")) == [sample["muller"]]


def test_search_covers_email_and_notes_and_survives_odd_input(db, sample) -> None:
    assert lead_ids(db, LeadFilter(search="gmx")) == [sample["mail"]]
    assert lead_ids(db, LeadFilter(search="stuttg")) == [sample["mail"]]
    for weird in ('"', "AND", "*", "-", "NOT OR", "(", "müller\"'*"):
        lead_ids(db, LeadFilter(search=weird))  # no FTS syntax error leaks out


def test_search_index_follows_edits(db, sample) -> None:
    from leaddesk.core.services.leads import get_lead, update_lead

    lead = get_lead(db, sample["schmidt"])
    update_lead(db, lead.id, {"last_name": "Schneider"}, expected_version=lead.version)
    assert lead_ids(db, LeadFilter(search="schmidt")) == []
    assert lead_ids(db, LeadFilter(search="schnei")) == [lead.id]


def test_filters(db, sample) -> None:
    assert lead_ids(db, LeadFilter(stages=("mql",))) == [sample["schmidt"]]
    assert lead_ids(db, LeadFilter(source="Website")) == [sample["mueller"]]
    assert lead_ids(db, LeadFilter(tag="vip")) == [sample["muller"]]
    assert lead_ids(db, LeadFilter(tag="VI")) == []
    assert lead_ids(db, LeadFilter(owner="Tobias")) == [sample["schmidt"]]
    assert lead_ids(db, LeadFilter(stages=("lead",), search="mül", source="Website")) == [sample["mueller"]]


def test_score_range(db, sample) -> None:
    from sqlalchemy import update

    from leaddesk.core.models import LeadScore

    with db.transaction() as s:
        s.execute(update(LeadScore).where(LeadScore.lead_id == sample["muller"]).values(score=60))
    assert lead_ids(db, LeadFilter(score_min=50)) == [sample["muller"]]
    assert sample["muller"] not in lead_ids(db, LeadFilter(score_max=59))


def test_follow_up_due_uses_the_users_day(db) -> None:
    # 23:30 in Berlin on 23 Nov is 22:30 UTC; a follow-up at 23:45 Berlin time is due "today".
    set_user_timezone(db, "Europe/Berlin")  # the follow-up dates below are days in Berlin
    now = datetime(2026, 11, 23, 22, 30, tzinfo=UTC)
    due_tonight = create_lead(
        db, {"last_name": "A", "next_follow_up": datetime(2026, 11, 23, 22, 45, tzinfo=UTC)}
    )
    tomorrow = create_lead(
        db, {"last_name": "B", "next_follow_up": datetime(2026, 11, 23, 23, 15, tzinfo=UTC)}
    )
    overdue = create_lead(db, {"last_name": "C", "next_follow_up": now - timedelta(days=3)})
    create_lead(db, {"last_name": "D"})
    due = lead_ids(db, LeadFilter(follow_up_due=True, now=now, tz="Europe/Berlin"))
    assert set(due) == {due_tonight[0].id, overdue[0].id}
    assert tomorrow[0].id not in due
    # In New York it is still the afternoon of the 23rd: 23:15 UTC is also today there.
    due_ny = lead_ids(db, LeadFilter(follow_up_due=True, now=now, tz="America/New_York"))
    assert tomorrow[0].id in due_ny


def test_end_of_today_handles_dst_change() -> None:
    # 25 Oct 2026: clocks in Berlin go back; the day has 25 hours.
    now = datetime(2026, 10, 25, 1, 0, tzinfo=UTC)
    assert end_of_today(now, "Europe/Berlin") == datetime(2026, 10, 25, 23, 0, tzinfo=UTC)


def test_totals_and_choices(db, sample) -> None:
    totals = stage_totals(db, LeadFilter())
    assert totals["lead"].count == 3 and totals["lead"].value == 100
    assert totals["mql"].count == 1 and totals["mql"].value == 50
    assert distinct_values(db, "source") == ["Website"]
    assert all_tags(db) == ["Messe", "VIP"]


def test_json_rows_match_orm_rows(db, sample) -> None:
    fast = list_leads_json(db, LeadFilter())
    slow = list_leads(db, LeadFilter())
    assert [r["id"] for r in fast] == [r["id"] for r in slow]
    for a, b in zip(fast, slow, strict=True):
        assert a["created_at"] == b["created_at"].isoformat()
        assert {k: v for k, v in a.items() if not k.endswith("_at") and k != "next_follow_up"} == {
            k: v for k, v in b.items() if not k.endswith("_at") and k != "next_follow_up"
        }


def test_a_lead_not_scored_yet_reads_as_zero_points(db) -> None:
    """Bulk writers insert leads first and score them after; readers meanwhile see 0, not None."""
    from sqlalchemy import insert

    from leaddesk.core.models import Lead
    from leaddesk.core.services.query import list_leads_json, rows_by_id

    with db.engine.begin() as conn:  # Core insert: no service, so no rescore and no score row
        lead_id = conn.execute(
            insert(Lead).returning(Lead.id),
            [Lead(first_name="Ida", last_name="Roth").model_dump(exclude={"id"})],
        ).scalar_one()
    row = next(r for r in list_leads_json(db, LeadFilter()) if r["id"] == lead_id)
    assert (row["score"], row["fit_score"], row["score_flag"]) == (0, 0, "")
    assert rows_by_id(db, [lead_id], ("score", "score_flag"))[lead_id]["score"] == 0
    assert lead_id in lead_ids(db, LeadFilter(score_max=0))
    assert lead_id not in lead_ids(db, LeadFilter(score_min=1))


def test_tag_filter_folds_umlauts_and_other_non_ascii_letters(db) -> None:
    """SQLite's lower() folds A–Z only: "Ärzte" must still match "ärzte", "ÄRZTE", and so on."""

    def add(tags: str) -> int:
        return create_lead(db, {"last_name": tags, "tags": tags})[0].id

    aerzte = add("Ärzte,Messe")
    aerzte_lower = add("ärzte")
    aerzte_upper = add("Handwerk,ÄRZTE")
    add("ÄRZTE-Netz")  # another tag that merely starts the same
    oesterreich = add("ÖSTERREICH")
    strasse, strasse_upper = add("Straße"), add("STRASSE")  # one tag to str.casefold
    odd = add("a_b%c")
    add("axbyc")  # LIKE wildcards in a tag are plain characters

    assert "Ärzte" in all_tags(db)
    for spelling in ("Ärzte", "ärzte", "ÄRZTE", " äRzTe "):
        assert set(lead_ids(db, LeadFilter(tag=spelling))) == {aerzte, aerzte_lower, aerzte_upper}
    assert lead_ids(db, LeadFilter(tag="Österreich")) == [oesterreich]
    assert lead_ids(db, LeadFilter(tag="österreich")) == [oesterreich]
    assert lead_ids(db, LeadFilter(tag="Öster")) == []
    assert set(lead_ids(db, LeadFilter(tag="straße"))) == {strasse, strasse_upper}
    assert lead_ids(db, LeadFilter(tag="Messe")) == [aerzte]
    assert lead_ids(db, LeadFilter(tag="A_B%C")) == [odd]
    # The JSON export path (``leaddesk export --tag``) shares the clause.
    assert [r["id"] for r in list_leads_json(db, LeadFilter(tag="ärzte"))] == lead_ids(
        db, LeadFilter(tag="ärzte")
    )


def test_board_sums_keep_currencies_apart(db) -> None:
    """The board snapshot sums per currency; a foreign currency read in any spelling counts once."""
    from leaddesk.core.services.board import load_board

    chf = create_lead(db, {"last_name": "Huber", "value": 10000, "currency": "CHF"})[0].id
    eur = create_lead(db, {"last_name": "Maier", "value": 5000, "currency": "EUR"})[0].id
    other = create_lead(db, {"last_name": "Kurz", "value": 250})[0].id
    snap = load_board(db)
    assert snap.currency == {chf: "CHF"}
    assert snap.sums([chf, eur, other]) == {"EUR": 5250, "CHF": 10000}
    assert snap.sums([eur]) == {"EUR": 5000}
    snap.set_value(other, 300, " usd ")
    snap.set_value(chf, 10000, "")  # back to euros
    assert snap.sums([chf, eur, other]) == {"EUR": 15000, "USD": 300}
