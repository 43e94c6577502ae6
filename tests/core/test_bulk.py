"""Bulk actions on a selection: one transaction each, what they change, and their undo."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leaddesk.core.errors import ConflictError, ValidationError
from leaddesk.core.services.bulk import (
    _with_tags,
    bulk_move,
    bulk_set_follow_up,
    bulk_set_owner,
    bulk_tags,
    needs_reason,
    rename_tag,
    undo_bulk,
)
from leaddesk.core.services.leads import create_lead, get_lead, stage_history, update_lead
from leaddesk.core.services.tasks import create_task, list_tasks


def _leads(db: Any, n: int, **fields: Any) -> list[int]:
    return [create_lead(db, {"last_name": f"Lead {i}", **fields})[0].id for i in range(n)]


def test_bulk_move_writes_history_and_undo_takes_it_back(db: Any) -> None:
    ids = _leads(db, 5)
    result = bulk_move(db, ids[:3], "mql", actor="anna")
    assert result.count == 3
    assert [get_lead(db, i).stage for i in ids] == ["mql"] * 3 + ["lead"] * 2
    history = stage_history(db, ids[0])
    assert [(h.from_stage, h.to_stage, h.actor) for h in history][-1] == ("lead", "mql", "anna")
    positions = [get_lead(db, i).position for i in ids[:3]]
    assert positions == sorted(positions) and len(set(positions)) == 3  # their order kept, no ties
    undo_bulk(db, result)
    assert [get_lead(db, i).stage for i in ids] == ["lead"] * 5
    assert [h.to_stage for h in stage_history(db, ids[0])] == ["lead"]


def test_bulk_move_back_or_to_lost_needs_one_reason(db: Any) -> None:
    ids = _leads(db, 3)
    bulk_move(db, ids, "sql")
    assert needs_reason(db, ids, "mql")
    assert not needs_reason(db, ids, "won")
    with pytest.raises(ValidationError):
        bulk_move(db, ids, "lost")
    result = bulk_move(db, ids, "lost", reason="no_budget")
    assert {get_lead(db, i).lost_reason for i in ids} == {"no_budget"}
    assert {stage_history(db, i)[-1].reason for i in ids} == {"no_budget"}
    undo_bulk(db, result)
    assert {get_lead(db, i).stage for i in ids} == {"sql"}
    assert {get_lead(db, i).lost_reason for i in ids} == {""}


def test_bulk_move_puts_the_leads_after_the_column_in_stage_then_board_order(db: Any) -> None:
    """One UPDATE places them all: after the last card of the column, ordered by (stage, position,
    id) as they stood; only leads leaving Lost drop their lost reason."""
    won = _leads(db, 1)[0]
    bulk_move(db, [won], "won")
    sql_a, sql_b, lost, mql = _leads(db, 4)
    bulk_move(db, [sql_b, sql_a], "sql")  # keeps their creation order: a before b
    bulk_move(db, [lost], "lost", reason="no_budget")
    bulk_move(db, [mql], "mql")
    top = get_lead(db, won).position

    result = bulk_move(db, [sql_a, sql_b, lost, mql], "won", reason="came back")

    assert sorted(result.ids) == sorted([sql_a, sql_b, lost, mql])
    placed = sorted((get_lead(db, i).position, i) for i in result.ids)
    assert [i for _p, i in placed] == [lost, mql, sql_a, sql_b]  # "lost" < "mql" < "sql"
    assert [p for p, _i in placed] == [top + 1, top + 2, top + 3, top + 4]
    assert get_lead(db, lost).lost_reason == ""
    assert {get_lead(db, i).stage for i in result.ids} == {"won"}
    undo_bulk(db, result)
    assert get_lead(db, lost).lost_reason == "no_budget" and get_lead(db, lost).stage == "lost"


def test_leads_already_in_the_stage_are_left_alone(db: Any) -> None:
    ids = _leads(db, 2)
    bulk_move(db, ids[:1], "mql")
    version = get_lead(db, ids[0]).version
    result = bulk_move(db, ids, "mql")
    assert result.ids == (ids[1],)
    assert get_lead(db, ids[0]).version == version


def test_undo_is_refused_when_a_lead_changed_since(db: Any) -> None:
    ids = _leads(db, 2)
    result = bulk_set_owner(db, ids, "Anna")
    lead = get_lead(db, ids[1])
    update_lead(db, ids[1], {"city": "Ulm"}, expected_version=lead.version)
    with pytest.raises(ConflictError):
        undo_bulk(db, result)
    assert {get_lead(db, i).owner for i in ids} == {"Anna"}  # nothing was taken back


def test_owner_and_undo(db: Any) -> None:
    ids = _leads(db, 3, owner="Bernd")
    result = bulk_set_owner(db, ids[:2], "Anna")
    assert [get_lead(db, i).owner for i in ids] == ["Anna", "Anna", "Bernd"]
    undo_bulk(db, result)
    assert {get_lead(db, i).owner for i in ids} == {"Bernd"}


def test_tags_add_and_remove_and_undo(db: Any) -> None:
    ids = _leads(db, 2, tags="Messe,VIP")
    result = bulk_tags(db, ids, add=["Stuttgart 2026"], remove=["vip"])
    assert {get_lead(db, i).tags for i in ids} == {"Messe,Stuttgart 2026"}
    undo_bulk(db, result)
    assert {get_lead(db, i).tags for i in ids} == {"Messe,VIP"}
    with pytest.raises(ValidationError):
        bulk_tags(db, ids)


@given(
    st.lists(st.sampled_from(["a", "A", "b", "Messe", "messe", "ß"]), max_size=5),
    st.lists(st.sampled_from(["a", "b", "Neu"]), max_size=3),
    st.lists(st.sampled_from(["A", "messe"]), max_size=2),
)
def test_tag_sets_never_repeat_and_removed_tags_are_gone(
    stored: list[str], add: list[str], remove: list[str]
) -> None:
    out = _with_tags(",".join(stored), add, remove).split(",")
    folded = [t.casefold() for t in out if t]
    assert len(folded) == len(set(folded))
    assert not {t.casefold() for t in remove} & set(folded)
    assert {t.casefold() for t in add} - {t.casefold() for t in remove} <= set(folded)


def test_follow_up_moves_earliest_task_or_makes_one_and_undo_restores(db: Any) -> None:
    ids = _leads(db, 2)
    early = datetime(2027, 1, 5, 9, tzinfo=UTC)
    lead = get_lead(db, ids[0])
    update_lead(db, ids[0], {"next_follow_up": early}, expected_version=lead.version)
    before = get_lead(db, ids[0]).next_follow_up
    result = bulk_set_follow_up(db, ids, datetime(2027, 2, 1, 12, tzinfo=UTC))
    after = [get_lead(db, i).next_follow_up for i in ids]
    assert all(a is not None and a.date().isoformat() in ("2027-02-01", "2027-01-31") for a in after)
    assert len(list_tasks(db, ids[0], include_done=False)) == 1  # moved, not added
    assert len(list_tasks(db, ids[1], include_done=False)) == 1
    undo_bulk(db, result)
    assert get_lead(db, ids[0]).next_follow_up == before
    assert get_lead(db, ids[1]).next_follow_up is None
    assert list_tasks(db, ids[1]) == []


def test_clearing_the_follow_up_closes_each_earliest_task_and_undo_opens_it_again(db: Any) -> None:
    ids = _leads(db, 3)
    first, later = datetime(2027, 1, 5, 9, tzinfo=UTC), datetime(2027, 3, 1, 9, tzinfo=UTC)
    bulk_set_follow_up(db, ids[:2], first)
    create_task(db, ids[1], later, title="Angebot nachfassen")  # a second, later task on lead 2
    result = bulk_set_follow_up(db, ids, None)
    assert get_lead(db, ids[0]).next_follow_up is None
    assert get_lead(db, ids[1]).next_follow_up.date() == later.date()  # the next open task takes its place
    assert get_lead(db, ids[2]).next_follow_up is None  # had none: nothing to close, nothing made
    assert [t.done for t in list_tasks(db, ids[0])] == [True]
    assert list_tasks(db, ids[2]) == []
    undo_bulk(db, result)
    assert [get_lead(db, i).next_follow_up is not None for i in ids] == [True, True, False]
    assert get_lead(db, ids[1]).next_follow_up.date() <= first.date()
    assert not any(t.done for t in list_tasks(db, ids[0]) + list_tasks(db, ids[1]))


def test_renaming_a_tag_changes_it_on_every_lead_in_place_and_undo_restores(db: Any) -> None:
    ids = [
        create_lead(db, {"last_name": name, "tags": tags})[0].id
        for name, tags in (("A", "Messe,VIP"), ("B", "vip,messe 2026"), ("C", "Kunde"), ("D", "VIP,Premium"))
    ]
    result = rename_tag(db, " vip ", "Premium")
    assert [get_lead(db, i).tags for i in ids] == ["Messe,Premium", "Premium,messe 2026", "Kunde", "Premium"]
    assert sorted(result.ids) == [ids[0], ids[1], ids[3]]
    undo_bulk(db, result)
    assert [get_lead(db, i).tags for i in ids] == ["Messe,VIP", "vip,messe 2026", "Kunde", "VIP,Premium"]
    assert rename_tag(db, "nowhere", "Neu").ids == ()
    with pytest.raises(ValidationError):
        rename_tag(db, "VIP", "a,b")
