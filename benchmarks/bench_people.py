"""Team mode's people (issue 16 part 5): renaming a user renames the owner on their leads.

The demo gives a quarter of the leads to each of four owners; renaming one of them rewrites
that quarter (owner, version) and rescores it, in one transaction. Runs alternate the name
back and forth, so every run renames the same leads.
"""

from __future__ import annotations

import contextlib

from benchmarks.context import Context, median_ms
from leaddesk.core import people
from leaddesk.core.errors import ValidationError

OWNER = "Anna Berger"
OTHER = "Anna Berger-Schmidt"


def run(ctx: Context) -> dict[str, float]:
    db = ctx.db
    for name in ("Anna Berger", "Tobias Klein", "Sabine Roth", "Mehmet Kaya"):
        with contextlib.suppress(ValidationError):  # made by the upgrade already (an older database)
            people.add_user(db, name)
    names = [OWNER, OTHER]
    renamed: list[int] = []

    def rename() -> None:
        changes = people.rename_user(db, names[0], names[1])
        renamed.append(len(changes.updated))
        names.reverse()

    out = {
        "rename a user (their leads follow, rescored)": median_ms(rename, max(3, ctx.repeat // 2)),
        "list users": median_ms(lambda: people.list_users(db), ctx.repeat),
    }
    out["leads renamed per run"] = float(renamed[-1])
    return out


UNITS = {"leads renamed per run": "leads"}
