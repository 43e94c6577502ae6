"""Board service: making room in a column whose gap halving has used up."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import update

from leaddesk.core.db import positional
from leaddesk.core.errors import NotFoundError
from leaddesk.core.models import Lead
from leaddesk.core.services.board import ROOM_WINDOW, Room, make_room
from leaddesk.core.services.leads import create_lead


def _column(db: Any, positions: list[float], stage: str = "lead") -> list[int]:
    ids = []
    for n, position in enumerate(positions):
        lead = create_lead(db, {"last_name": f"L{n}"}, stage=stage)[0]
        with db.transaction() as s:
            s.execute(update(Lead).where(Lead.id == lead.id).values(position=position))
        ids.append(lead.id)
    return ids


def _stored(db: Any, stage: str = "lead") -> list[tuple[int, float, int]]:
    with db.engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.exec_driver_sql(
                positional(
                    conn, "SELECT id, position, version FROM lead WHERE stage = ? ORDER BY position, id"
                ),
                (stage,),
            )
        ]


def test_a_used_up_gap_is_spread_and_the_rest_of_the_column_stays(db: Any) -> None:
    crowded = [1.0 + n * 2.0**-50 for n in range(8)]  # eight cards halving has squeezed together
    far = [float(n) for n in range(100, 100 + 2 * ROOM_WINDOW + 10)]
    ids = _column(db, [*crowded, *far])
    before = _stored(db)
    room = make_room(db, "lead", ids[3])
    after = _stored(db)
    assert [r[0] for r in after] == [r[0] for r in before] == ids  # same order
    positions = [r[1] for r in after]
    assert all(a < b for a, b in pairwise(positions))
    middle = (after[3][1] + after[4][1]) / 2
    assert after[3][1] < middle < after[4][1]  # room under card 3 again
    assert [r[2] for r in after] == [r[2] for r in before]  # positions are no content: no versions
    assert set(room.moved) < set(ids) and ids[-1] not in room.moved  # far cards keep theirs
    assert {i: p for i, p, _v in after if i in room.moved} == room.moved
    assert all(p == q for (i, p, _), (_, q, _) in zip(after, before, strict=True) if i not in room.moved)


def test_ties_and_a_crowded_column_end_up_numbered_in_order(db: Any) -> None:
    ids = _column(db, [5.0] * 5)  # equal positions (e.g. from a merged database): order by id
    room = make_room(db, "lead", ids[2])
    assert [(r[0], r[1]) for r in _stored(db)] == [(i, float(n)) for n, i in enumerate(ids, start=1)]
    assert room.remap(5.0) in [1.0, 2.0, 3.0, 4.0, 5.0] and room.remap(4.0) < 1.0


def test_making_room_under_a_card_that_is_not_in_the_column_is_refused(db: Any) -> None:
    ids = _column(db, [1.0, 2.0])
    _column(db, [1.0], stage="mql")
    with pytest.raises(NotFoundError):
        make_room(db, "mql", ids[0])


def test_remap_moves_old_positions_with_the_spread_cards(db: Any) -> None:
    ids = _column(db, [0.0, *(1.0 + n * 2.0**-50 for n in range(4)), 1000.0, *range(2000, 2100)])
    room = make_room(db, "lead", ids[2])
    new = {i: p for i, p, _v in _stored(db)}
    old_between = 1.0 + 1.5 * 2.0**-50  # where an undo would put a card back: between cards 2 and 3
    assert new[ids[2]] < room.remap(old_between) < new[ids[3]]
    assert room.remap(5000.0) == 5000.0  # beyond the stretch: untouched


@given(
    st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=2, max_size=40).map(sorted),
    st.lists(st.floats(-2e6, 2e6, allow_nan=False), min_size=2, max_size=20).map(sorted),
)
def test_remap_keeps_the_order_of_any_positions(olds: list[float], probes: list[float]) -> None:
    news = [float(n) for n in range(len(olds))]
    room = Room({}, tuple(zip(olds, news, strict=True)))
    mapped = [room.remap(p) for p in probes]
    assert all(a <= b for a, b in pairwise(mapped))
