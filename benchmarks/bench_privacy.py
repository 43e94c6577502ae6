"""Data protection (issue 13): erasing one person among N leads, and the monthly retention scan."""

from __future__ import annotations

import random
from typing import Any

from sqlalchemy import func, select

from benchmarks.context import Context, median_ms
from leaddesk.core.models import Activity, Lead
from leaddesk.core.privacy.erase import erase_leads
from leaddesk.core.privacy.retention import due_for_erasure

TARGETS = {
    "erase one person (all steps, bytes wiped)": 1000.0,
    "retention scan (monthly proposal)": 200.0,
}


#: Measures bytes of the SQLite file: not run against a database server (``--database-url``).
SQLITE_ONLY = True


def run(ctx: Context) -> dict[str, float]:
    db = ctx.db
    rng = random.Random(ctx.seed)
    out: dict[str, float] = {}
    with db.session() as session:
        # People with a history: activities, stage changes, BANT — the most to scrub.
        ids = list(
            session.execute(
                select(Activity.lead_id)
                .join(Lead, Lead.id == Activity.lead_id)
                .where(Lead.erased.is_(False))
                .group_by(Activity.lead_id)
                .having(func.count() >= 3)
                .limit(500)
            ).scalars()
        )
    rng.shuffle(ids)
    people = iter(ids)
    repeat = max(3, min(ctx.repeat, 9))

    def erase_one() -> Any:
        return erase_leads(db, [next(people)], actor="bench")

    out["erase one person (all steps, bytes wiped)"] = median_ms(erase_one, repeat)

    def erase_without_wipe() -> Any:
        return erase_leads(db, [next(people)], actor="bench", wipe=False)

    out["erase one person, transaction only"] = median_ms(erase_without_wipe, repeat)
    due: list[Any] = []
    out["retention scan (monthly proposal)"] = median_ms(
        lambda: due.append(len(due_for_erasure(db))), ctx.repeat
    )
    print(f"   retention scan proposes {due[-1]:,} of {ctx.leads:,} leads", flush=True)
    return out
