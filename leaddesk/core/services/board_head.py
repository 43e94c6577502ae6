"""The board's first screenful: the first cards of each column plus every column's count and sums.

Reading the whole board snapshot (``load_board``: 100,000 ids, positions and values into Python
dicts) costs 115–300 ms; the first paint shows only a screenful of cards per column. This reads
those through the covering index ``ix_lead_board`` (a ``LIMIT`` per stage), and the exact
headers — count and value per stage from the same index, the few leads not in euros through
``ix_lead_currency_other`` — in ~30 ms, so the app can paint first and read the rest after.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select

from leaddesk.core.db import Database, driver_rows
from leaddesk.core.models import Lead
from leaddesk.core.services.board import HOME_CURRENCY, BoardSnapshot, currency_code
from leaddesk.core.stages import ALL_STAGES


@dataclass
class BoardHead:
    """``snapshot`` holds the first cards of each stage; counts and sums are the whole columns'."""

    snapshot: BoardSnapshot
    counts: dict[str, int] = field(default_factory=dict)
    #: Summed value per stage and currency, euros always present (as ``BoardSnapshot.sums``).
    sums: dict[str, dict[str, float]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def load_board_head(db: Database, per_stage: int) -> BoardHead:
    """The first ``per_stage`` cards of every stage in board order, and each column's totals."""
    snap = BoardSnapshot(ids={s.value: [] for s in ALL_STAGES})
    head = BoardHead(snap)
    # The table's columns, not the ORM class's: read before the app's first paint, an ORM statement
    # would set up every mapper first (~10 ms; issue 18). The SQL is the same.
    lead = Lead.__table__.c  # type: ignore[attr-defined]
    live = lead.erased.is_(False)
    with db.engine.connect() as conn:
        for stage in ALL_STAGES:
            stmt = (
                select(lead.id, lead.position, lead.value, lead.currency)
                .where(live, lead.stage == stage.value)
                .order_by(lead.position, lead.id)
                .limit(per_stage)
            )
            for lead_id, position, value, currency in driver_rows(conn, stmt):
                snap.ids[stage.value].append(lead_id)
                snap.position[lead_id] = position
                snap.stage[lead_id] = stage.value
                snap.set_value(lead_id, value, currency or "")
        totals = select(lead.stage, func.count(), func.sum(lead.value)).where(live).group_by(lead.stage)
        for stage_value, count, total in driver_rows(conn, totals):
            head.counts[stage_value] = int(count)
            head.sums[stage_value] = {HOME_CURRENCY: float(total or 0.0)}
        foreign = (
            select(lead.stage, lead.currency, func.sum(lead.value))
            .where(live, lead.currency != HOME_CURRENCY)
            .group_by(lead.stage, lead.currency)
        )
        for stage_value, currency, total in driver_rows(conn, foreign):
            code = currency_code(currency)
            if code == HOME_CURRENCY:  # "eur", " EUR ": euros already
                continue
            sums = head.sums[stage_value]
            sums[HOME_CURRENCY] -= float(total or 0.0)
            sums[code] = sums.get(code, 0.0) + float(total or 0.0)
    return head
