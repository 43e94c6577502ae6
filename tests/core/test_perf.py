"""paused_gc: the collector is back on afterwards, survivors sit in the oldest generation, nothing leaks."""

from __future__ import annotations

import argparse
import gc
import weakref
from pathlib import Path

import pytest

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


def test_the_start_pause_ends_once_and_leaves_a_pause_of_someone_else_alone() -> None:
    from leaddesk.core.perf import pause_gc_for_start, resume_gc

    pause_gc_for_start()
    assert not gc.isenabled()
    kept = [[i] for i in range(1000)]
    resume_gc()
    assert gc.isenabled() and gc.get_freeze_count() == 0
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert all(id(x) in oldest for x in kept)
    gc.disable()  # someone else's pause: neither call turns the collector back on
    try:
        pause_gc_for_start()
        resume_gc()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_command_runs_with_the_collector_and_leaves_it_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``leaddesk.cli.main`` pauses the collector for the window's start only: a command has it."""
    from leaddesk import cli

    seen: list[bool] = []
    build = cli.build_parser

    def with_probe(**kwargs: bool) -> argparse.ArgumentParser:
        parser = build(**kwargs)
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        sub.add_parser("probe").set_defaults(handler=lambda _args: seen.append(gc.isenabled()) or 0)
        return parser

    monkeypatch.setattr(cli, "build_parser", with_probe)
    assert cli.main(["--data-dir", str(tmp_path), "probe"]) == 0
    assert seen == [True] and gc.isenabled()
