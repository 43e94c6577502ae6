"""The write lane: one worker thread, results and errors back on the GUI thread, cancel."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QThread

from leaddesk.ui.writer import Job, WriteLane, write_pool


def test_jobs_run_off_the_gui_thread_one_at_a_time(qtbot: Any) -> None:
    lane = WriteLane()
    seen: list[tuple[str, bool]] = []
    running = threading.Semaphore(1)
    done: list[Any] = []

    def work(name: str) -> Any:
        def fn(job: Job) -> str:
            assert running.acquire(blocking=False), "two jobs ran at once"
            try:
                seen.append((name, threading.current_thread() is threading.main_thread()))
                return name
            finally:
                running.release()

        return fn

    def on_done(result: Any) -> None:
        done.append((result, QThread.currentThread() is lane.thread()))

    with qtbot.waitSignal(lane.busy_changed, timeout=5000, check_params_cb=lambda busy: not busy):
        for name in "abc":
            lane.submit(work(name), on_done, lambda exc, tb: None)
    assert [s[0] for s in seen] == ["a", "b", "c"]
    assert not any(on_main for _n, on_main in seen)
    assert done == [("a", True), ("b", True), ("c", True)]
    assert not lane.busy


def test_errors_and_cancel_reach_the_gui(qtbot: Any) -> None:
    lane = WriteLane()
    errors: list[str] = []
    progress: list[tuple[int, int]] = []
    started = threading.Event()
    proceed = threading.Event()

    def fn(job: Job) -> None:
        started.set()
        proceed.wait(5)
        if not job.report(1, 2):
            raise RuntimeError("cancelled by user")

    with qtbot.waitSignal(lane.busy_changed, timeout=5000, check_params_cb=lambda busy: not busy):
        job = lane.submit(
            fn,
            lambda r: None,
            lambda exc, tb: errors.append(str(exc)),
            on_progress=lambda d, t: progress.append((d, t)),
        )
        assert started.wait(5)
        job.cancel()
        proceed.set()
    assert errors == ["cancelled by user"]
    assert progress == [(1, 2)]


def test_imports_rescoring_and_board_jobs_share_one_write_lane(qtbot: Any) -> None:
    """Two long write transactions on separate threads would fail after SQLite's busy timeout."""
    from leaddesk.ui.imports.jobs import BackgroundJob
    from leaddesk.ui.scoring import tasks

    order: list[str] = []
    release = threading.Event()

    def import_job(_progress: Any) -> None:
        order.append("import starts")
        release.wait(10)
        order.append("import ends")

    job = BackgroundJob(import_job)
    job.start()
    qtbot.waitUntil(lambda: order == ["import starts"])
    task = tasks.start(tasks.Task(lambda _report: order.append("rescore")), write=True)  # kept alive
    lane = WriteLane()
    lane.submit(lambda _job: order.append("board write"), on_done=lambda _r: None, on_error=print)
    assert write_pool().activeThreadCount() == 1  # the others wait behind the import
    release.set()
    qtbot.waitUntil(lambda: len(order) == 4)
    assert order == ["import starts", "import ends", "rescore", "board write"]
    assert not task.cancelled
