"""The operations layer: one write lane, a separate read lane, results on the GUI thread, cancel,
and one change signal for every commit, whoever wrote."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtCore import QThread

from leaddesk.core.changes import Changes
from leaddesk.core.db import Database
from leaddesk.core.errors import Cancelled
from leaddesk.core.services.leads import create_lead, move_stage
from leaddesk.ui.ops import Op, operations, read_lane, write_lane


def test_writes_run_off_the_gui_thread_one_at_a_time(qtbot: Any, db: Database) -> None:
    ops = operations(db)
    seen: list[tuple[str, bool]] = []
    running = threading.Semaphore(1)
    done: list[Any] = []

    def work(name: str) -> Any:
        def fn(_op: Op) -> str:
            assert running.acquire(blocking=False), "two writes ran at once"
            try:
                seen.append((name, threading.current_thread() is threading.main_thread()))
                return name
            finally:
                running.release()

        return fn

    def on_done(result: Any) -> None:
        done.append((result, QThread.currentThread() is ops.thread()))

    with qtbot.waitSignal(ops.busy_changed, timeout=5000, check_params_cb=lambda busy: not busy):
        for name in "abc":
            ops.write(work(name), done=on_done)
    assert [s[0] for s in seen] == ["a", "b", "c"]
    assert not any(on_main for _n, on_main in seen)
    assert done == [("a", True), ("b", True), ("c", True)]
    assert not ops.busy


def test_errors_and_cancel_reach_the_gui(qtbot: Any, db: Database) -> None:
    ops = operations(db)
    errors: list[BaseException] = []
    progress: list[tuple[int, int]] = []
    started = threading.Event()
    proceed = threading.Event()

    def fn(op: Op) -> None:
        started.set()
        proceed.wait(5)
        if not op.report(1, 2):
            raise Cancelled("cancelled by user")

    with qtbot.waitSignal(ops.busy_changed, timeout=5000, check_params_cb=lambda busy: not busy):
        op = ops.write(
            fn, failed=lambda exc, _trace: errors.append(exc), progress=lambda d, t: progress.append((d, t))
        )
        assert started.wait(5)
        op.cancel()
        proceed.set()
    assert [type(e) for e in errors] == [Cancelled]
    assert progress == [(1, 2)]


def test_a_read_does_not_wait_behind_a_long_write(qtbot: Any, db: Database) -> None:
    ops = operations(db)
    release = threading.Event()
    order: list[str] = []

    def long_write(_op: Op) -> None:
        order.append("write starts")
        release.wait(10)
        order.append("write ends")

    ops.write(long_write)
    qtbot.waitUntil(lambda: order == ["write starts"])
    read_done: list[str] = []
    ops.read(lambda _op: "choices", done=read_done.append)
    qtbot.waitUntil(lambda: read_done == ["choices"], timeout=5000)
    assert order == ["write starts"]  # the read came back while the write still ran
    assert write_lane() is not read_lane()
    release.set()
    qtbot.waitUntil(lambda: order[-1] == "write ends")
    ops.wait_idle()


def test_every_long_write_shares_the_one_write_lane(qtbot: Any, db: Database) -> None:
    """Two long write transactions on separate threads would fail after SQLite's busy timeout."""
    from leaddesk.ui.imports.jobs import BackgroundJob

    order: list[str] = []
    release = threading.Event()

    def import_job(_progress: Any) -> None:
        order.append("import starts")
        release.wait(10)
        order.append("import ends")

    job = BackgroundJob(db, import_job)
    job.start()
    qtbot.waitUntil(lambda: order == ["import starts"])
    operations(db).write(lambda _op: order.append("rescore"))
    operations(db).write(lambda _op: order.append("board write"))
    assert write_lane().activeThreadCount() == 1  # the others wait behind the import
    release.set()
    qtbot.waitUntil(lambda: len(order) == 4)
    assert order == ["import starts", "import ends", "rescore", "board write"]


def test_one_change_signal_per_commit_whoever_wrote(qtbot: Any, db: Database) -> None:
    """A write on the GUI thread arrives at once; one on a lane arrives queued on the GUI thread."""
    ops = operations(db)
    got: list[tuple[Changes, bool]] = []
    ops.changed.connect(lambda c: got.append((c, QThread.currentThread() is ops.thread())))
    view, _ = create_lead(db, {"last_name": "Direkt"})  # a service called straight from the GUI thread
    assert got == [(Changes(created=frozenset({view.id})), True)]
    ops.write(lambda _op: move_stage(db, view.id, "mql"))
    qtbot.waitUntil(lambda: len(got) == 2)
    changes, on_gui = got[1]
    assert on_gui and changes.moved == {view.id} and not changes.created
    ops.wait_idle()


def test_a_rolled_back_write_signals_nothing(qtbot: Any, db: Database) -> None:
    from leaddesk.core.errors import ValidationError

    got: list[Changes] = []
    operations(db).changed.connect(got.append)
    view, _ = create_lead(db, {"last_name": "Eins"})
    got.clear()
    with pytest.raises(ValidationError):
        move_stage(db, view.id, "lost")  # needs a reason: refused, nothing written
    assert got == []
