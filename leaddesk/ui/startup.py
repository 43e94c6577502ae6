"""What the app's start leaves until after the board's first paint (issue 18, "start fast").

SQLite's quick check reads the whole file (~0.3 s at 100,000 leads, more on a busy machine):
on a large database it runs on the read lane right after the first paint instead of before
it. Until it has answered, the start writes nothing (the default rules and the version stamp
wait for it, and the day's backup is itself verified); damage found then turns the database
read-only and shows the same banner a damaged database gets when found on opening.
A small file (a new database, tests) is still checked before the window opens: it costs
little, and the first-run page writes at once.

The board of the app's window paints from the first cards of each column (exact counts and
sums in the headers) and reads the whole snapshot after the paint (:func:`load_board_for_window`).
Until that read is done (~0.1-0.3 s), ``Board.total`` counts only the cards read so far.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from leaddesk.core import paths
from leaddesk.core.db import Database

if TYPE_CHECKING:
    from leaddesk.core.services.board import BoardSnapshot
    from leaddesk.ui.board.board import Board
    from leaddesk.ui.main_window import MainWindow

# Files up to this size are quick-checked before the first paint (a few ms); larger ones after it.
CHECK_BEFORE_PAINT_BYTES = 16 * 1024 * 1024


def check_after_paint(data_dir: str | Path | None) -> bool:
    """Whether the database of ``data_dir`` is large enough to have its quick check deferred."""
    try:
        return paths.database_file(paths.data_dir(data_dir)).stat().st_size > CHECK_BEFORE_PAINT_BYTES
    except OSError:  # no file yet: a new database is empty and cheap to check
        return False


def open_database(data_dir: str | Path | None) -> tuple[Database, bool]:
    """Open the database for the window; True when its quick check still has to run."""
    deferred = check_after_paint(data_dir)
    return Database.open_data_dir(data_dir, check=not deferred), deferred


def prepare(db: Database) -> None:
    """The start's small writes: default rules for a new database, which release opened it."""
    from leaddesk.core.appinfo import stamp_app_version
    from leaddesk.core.scoring import install_defaults

    if not db.read_only:
        install_defaults(db)  # a new database starts with the default rule set
        stamp_app_version(db)  # which release created / last opened this file


def check_later(window: MainWindow) -> None:
    """Once the board is painted: the quick check on the read lane, then :func:`prepare`."""
    from PySide6.QtCore import QTimer

    db = window.db

    def done(problems: tuple[str, ...]) -> None:
        if problems:
            _damage_found(window)
        else:
            prepare(db)

    def start() -> None:
        window.ops.read(lambda _op: db.check_damage(), done=done, failed=window._read_failed, owner=window)

    if window.board.total:
        window.board.first_painted.connect(lambda: QTimer.singleShot(0, start))
    else:
        QTimer.singleShot(0, start)


def _damage_found(window: MainWindow) -> None:
    """The check found damage: the same read-only banner above the board as when found on opening."""
    banner = window._damage_banner()
    page = window.board.parentWidget()
    if banner is None or page is None:
        return
    window.damage_banner = banner
    layout: Any = page.layout()
    layout.insertWidget(0, banner)  # above the filter bar, as MainWindow puts it


# --- what is hidden at start: built after the paint (leaddesk.ui.later) -----------------------------

_hidden_later = False


def build_hidden_later() -> None:
    """The app's start: the next main window builds what it does not show (the list page, the
    entries of some menus) right after its first paint, or sooner at the user's first key or click."""
    global _hidden_later
    _hidden_later = True


def take_hidden_later() -> bool:
    """For the window being built: whether :func:`build_hidden_later` was asked (once)."""
    global _hidden_later
    asked, _hidden_later = _hidden_later, False
    return asked


# --- the board: a screenful first, the rest after the paint -----------------------------------------

# Cards read per column before the first paint: more than a tall screen shows at 100 %.
HEAD_ROWS = 100

_head_first = False
_early: _EarlyHead | None = None


def paint_head_first(db: Database | None = None) -> None:
    """The app's start (not a window opened by code or a test): the next :func:`load_board_for_window`
    paints the first cards of each column and reads the rest of the board after that paint.

    With ``db`` those first cards are read right away on a thread of their own, while the window's
    modules load and its widgets are built: SQLite counts and sums 100,000 leads (~10 ms) without
    holding Python's lock, so that read costs the start almost nothing.
    """
    global _head_first, _early
    _head_first = True
    if db is not None:
        _early = _EarlyHead(db)


class _EarlyHead:
    """:func:`paint_head_first`'s read on its own thread; :meth:`take` waits for it."""

    def __init__(self, db: Database) -> None:
        import threading

        from leaddesk.core.services.board import score_thresholds
        from leaddesk.core.services.board_head import load_board_head

        self.db = db
        # Imported here, on the GUI thread, not while the window's modules load there.
        self._read = lambda: (load_board_head(db, HEAD_ROWS), score_thresholds(db))
        self._result: tuple[Any, tuple[int, int]] | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="leaddesk-board-head", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._result = self._read()
        except BaseException as exc:  # raised again on the GUI thread, as if read there
            self._error = exc

    def take(self) -> tuple[Any, tuple[int, int]]:
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._result is not None
        return self._result


def load_board_for_window(board: Board) -> None:
    """The main window's first board read: whole at once, or head first after :func:`paint_head_first`.

    Head first: the first ``HEAD_ROWS`` cards of each column and the exact counts and sums in the
    headers before the paint (~30 ms at 100,000 leads); the whole snapshot (ids, positions and
    values of every lead) on the read lane right after it, then every column shows all its cards
    under the filter typed meanwhile. A write seen while that read ran reads the board again,
    so no change is lost between the two reads.
    """
    global _head_first, _early
    early, _early = _early, None
    if not _head_first:
        board.reload()
        return
    _head_first = False
    from leaddesk.core.errors import LeadDeskError
    from leaddesk.core.services.board import HOME_CURRENCY, score_thresholds
    from leaddesk.core.services.board_head import load_board_head
    from leaddesk.core.stages import Stage

    try:
        if early is not None and early.db is board.db:
            head, thresholds = early.take()
        else:
            head, thresholds = load_board_head(board.db, HEAD_ROWS), score_thresholds(board.db)
        board.delegate.mql_threshold, board.delegate.sql_threshold = thresholds
    except LeadDeskError:
        board.reload()  # says what is wrong and shows what it can, as always
        return
    if not head.total:
        board.reload()  # nothing to paint: the first-run page, no deferred read
        return
    board.snapshot = head.snapshot
    for stage, model in board.models.items():
        model.forget()
        model.set_ids(list(head.snapshot.ids.get(stage, [])))
        sums = head.sums.get(stage, {HOME_CURRENCY: 0.0})
        board.columns[stage].header.set_totals(head.counts.get(stage, 0), sums)
    board.lost_strip.set_count(head.counts.get(Stage.LOST.value, 0))
    board.counts_changed.emit(head.total, head.total)
    board.first_painted.connect(lambda: _read_rest(board))


def _read_rest(board: Board) -> None:
    """After the first paint: the whole board on the read lane, then every card in every column."""
    from PySide6.QtCore import QTimer

    from leaddesk.core.services.board import load_board

    db = board.db
    writes: list[object] = []

    def seen(changes: object) -> None:
        writes.append(changes)

    def done(snapshot: BoardSnapshot) -> None:
        board.ops.changed.disconnect(seen)
        if writes:  # a write landed while we read: its cards may be missing from the snapshot
            board.reload()
            return
        board.snapshot = snapshot
        board.set_filter(board.filter)  # all cards, under the filter the user may have typed already

    def failed(exc: BaseException, _trace: str) -> None:
        board.ops.changed.disconnect(seen)
        board.reload()  # reads again on the GUI thread and reports what is wrong

    def start() -> None:
        board.ops.changed.connect(seen)
        board.ops.read(lambda _op: load_board(db), done=done, failed=failed, owner=board)

    QTimer.singleShot(0, start)
