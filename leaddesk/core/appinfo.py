"""Which LeadDesk versions wrote this database: kept in ``AppSetting`` beside the data.

The schema's own version is Alembic's revision; this records the application's release
(``leaddesk.__version__``) that created the database and the last one that opened it, so a
support question ("which version wrote this file?") is answered by the file itself.
"""

from __future__ import annotations

import json

from leaddesk import __version__
from leaddesk.core.db import Database
from leaddesk.core.models import AppSetting

VERSION_KEY = "app_version"


def app_versions(db: Database) -> dict[str, str]:
    """``{"created_with": ..., "last_opened_with": ...}``; empty for a database never stamped."""
    with db.session() as session:
        row = session.get(AppSetting, VERSION_KEY)
    if row is None:
        return {}
    try:
        data = json.loads(row.value)
    except ValueError:
        return {}
    return {k: str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def stamp_app_version(db: Database, version: str = __version__) -> dict[str, str]:
    """Note that ``version`` opened the database (and created it, if nobody did before)."""
    before = app_versions(db)
    if before.get("last_opened_with") == version and before.get("created_with"):
        return before  # nothing to write: the common start costs one read
    after = {"created_with": before.get("created_with") or version, "last_opened_with": version}
    with db.transaction() as session:
        row = session.get(AppSetting, VERSION_KEY) or AppSetting(key=VERSION_KEY)
        row.value = json.dumps(after)
        session.add(row)
    return after
