"""The editor's preview shows what saving would store, without writing."""

from __future__ import annotations

from leaddesk.core.db import Database
from leaddesk.core.scoring import Settings, rescore_all, save_rules, save_settings, validate_rule
from leaddesk.core.scoring.preview import BUCKET_LABELS, bucket_of, preview

from .helpers import NOW, add_leads, lead_row


def test_preview_predicts_the_rescore_and_writes_nothing(db: Database) -> None:
    ceo = validate_rule(
        {"group": "fit", "field": "title", "operator": "equals", "value": "CEO", "points": 30}
    )
    save_rules(db, [ceo])
    save_settings(db, Settings(mql_threshold=40, sql_threshold=60))
    add_leads(db, [lead_row(title="CEO", company_size=50) for _ in range(3)] + [lead_row(title="Azubi")])
    rescore_all(db, now=NOW)
    size = validate_rule(
        {"group": "fit", "field": "company_size", "operator": "at_least", "value": 10, "points": 15}
    )
    result = preview(db, [ceo, size], Settings(mql_threshold=40, sql_threshold=60), focus=size, now=NOW)
    assert result.hits == 3
    assert (result.before.ready_mql, result.after.ready_mql, result.after.ready_sql) == (0, 3, 0)
    assert result.before.buckets[bucket_of(30)] == 3 and result.after.buckets[bucket_of(45)] == 3
    assert result.after.leads == 4 and sum(result.after.buckets) == 4
    # Lower thresholds in the candidate settings count as well.
    lower = preview(db, [ceo, size], Settings(mql_threshold=20, sql_threshold=45), now=NOW)
    assert (lower.hits, lower.after.ready_mql, lower.after.ready_sql) == (None, 0, 3)
    # Nothing was written: saving and rescoring gives the previewed figures.
    assert preview(db, [ceo], Settings(mql_threshold=40, sql_threshold=60), now=NOW).after == result.before
    save_rules(db, [ceo, size])
    rescore_all(db, now=NOW)
    assert (
        preview(db, [ceo, size], Settings(mql_threshold=40, sql_threshold=60), now=NOW).before == result.after
    )


def test_buckets() -> None:
    assert [bucket_of(s) for s in (-5, 0, 9, 10, 99, 100, 250)] == [0, 1, 1, 2, 10, 11, 11]
    assert len(BUCKET_LABELS) == 12
