"""paused_gc: the collector is back on afterwards, survivors sit in the oldest generation, nothing leaks."""

from __future__ import annotations

import gc
import weakref

from leaddesk.core.perf import paused_gc


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


def test_survivors_move_to_the_oldest_generation_without_staying_frozen() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        kept = [[i] for i in range(1000)]
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert gc.get_count()[0] < 100  # no young-generation backlog to scan
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert all(id(x) in oldest for x in kept)


def test_cycles_made_during_the_pause_are_still_collected() -> None:
    with paused_gc():
        a, b = _Node(), _Node()
        a.other, b.other = b, a
        probe = weakref.ref(a)
        del a, b
    assert probe() is not None  # a cycle: only the collector frees it
    gc.collect()
    assert probe() is None


def test_nested_pauses_and_objects_frozen_by_others_are_left_alone() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with paused_gc():
            with paused_gc():
                pass
            assert not gc.isenabled()  # the inner pause does not switch the collector back on
        assert gc.isenabled() and gc.get_freeze_count() >= frozen > 0
    finally:
        gc.unfreeze()
