"""Hear what other LeadDesk processes commit to the same database (issue 16, team mode).

Every write transaction on PostgreSQL announces its :class:`~leaddesk.core.changes.Changes`
when it commits (:func:`leaddesk.core.db.announce_changes`, LISTEN/NOTIFY). A
:class:`Listener` holds a connection of its own that listens for those announcements;
:meth:`Listener.wait` blocks until some arrive and returns what *other* processes changed,
so an open board repaints a colleague's move within a second without polling the tables.

The listener never guesses: a connection that was lost may have missed announcements, so the
first wait after reconnecting says that everything changed (views reload once). SQLite has
no such channel (``Listener.active`` is False): there one computer works on one file, and
readers check ``data_version`` instead (leaddesk.core.reports.data.ReportSource).
"""

from __future__ import annotations

import logging
import time

from leaddesk.core.changes import EVERYTHING, NO_CHANGES, Changes, from_payload
from leaddesk.core.db import ChangeReceiver, ChannelLost, Database, announces_changes

log = logging.getLogger(__name__)

#: Shortest pause between attempts to reconnect a lost channel (doubles up to RETRY_MAX_S).
RETRY_MIN_S = 0.2
RETRY_MAX_S = 5.0


class Listener:
    """The other processes' committed Changes on ``db``; one thread uses it at a time.

    Connects on creation (and again after a loss); ``close()`` from the thread that waits.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self.active = announces_changes(db.engine)
        self._receiver: ChangeReceiver | None = None
        self._missed = False  # reconnected: announcements may have been lost meanwhile
        self._retry_at = 0.0
        self._retry_s = RETRY_MIN_S
        if self.active:
            self._connect()

    def _connect(self) -> bool:
        try:
            self._receiver = ChangeReceiver(self.db.engine)
        except ChannelLost as exc:
            log.warning("live updates: %s; trying again in %.1f s", exc, self._retry_s)
            self._retry_at = time.monotonic() + self._retry_s
            self._retry_s = min(self._retry_s * 2, RETRY_MAX_S)
            return False
        self._retry_s = RETRY_MIN_S
        return True

    def wait(self, timeout: float) -> Changes:
        """What other processes committed, waiting up to ``timeout`` seconds; empty if nothing.

        Announcements that arrived together come back as one Changes (one refresh per burst);
        this process's own (same :attr:`Database.origin`) are skipped, its listeners had them.
        """
        if not self.active:
            time.sleep(max(timeout, 0.0))
            return NO_CHANGES
        deadline = time.monotonic() + max(timeout, 0.0)
        heard = NO_CHANGES
        while True:
            if self._receiver is None:
                pause = self._retry_at - time.monotonic()
                if pause > 0:
                    time.sleep(min(pause, max(deadline - time.monotonic(), 0.0)))
                if time.monotonic() >= self._retry_at and self._connect():
                    self._missed = True
            if self._missed:
                self._missed = False
                return EVERYTHING
            if self._receiver is not None:
                try:
                    payloads = self._receiver.receive(max(deadline - time.monotonic(), 0.0))
                except ChannelLost as exc:
                    log.warning("live updates: %s; reconnecting", exc)
                    self._receiver.close()
                    self._receiver = None
                    self._retry_at = time.monotonic() + self._retry_s
                    continue
                for payload in payloads:
                    origin, changes = from_payload(payload)
                    if origin != self.db.origin:
                        heard = heard | changes
            if heard or time.monotonic() >= deadline:
                return heard

    def close(self) -> None:
        if self._receiver is not None:
            self._receiver.close()
            self._receiver = None
