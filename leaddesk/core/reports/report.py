"""One report: every section for one query, as frozen plain values, and its JSON form."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from leaddesk.core.db import Database
from leaddesk.core.reports.data import ReportData, ReportSource
from leaddesk.core.reports.funnel import Funnel, funnel
from leaddesk.core.reports.lost import LostRow, lost_reasons
from leaddesk.core.reports.query import ReportQuery
from leaddesk.core.reports.scope import make_scope
from leaddesk.core.reports.scoring_check import ScoringCheck, scoring_check
from leaddesk.core.reports.settings import fair_names_in, handover_days_in, source_costs_in, working_days_in
from leaddesk.core.reports.sources import SourceRow, sources
from leaddesk.core.reports.timing import Handover, Timing, handover, time_in_stage
from leaddesk.core.reports.value import MqlValue, mql_value


@dataclass(frozen=True)
class Report:
    query: ReportQuery
    home_currency: str
    cohort_size: int
    funnel: Funnel
    timing: Timing
    handover: Handover
    sources: tuple[SourceRow, ...]
    lost_reasons: tuple[LostRow, ...]
    mql_value: MqlValue
    mql_value_by_source: tuple[MqlValue, ...]
    scoring_check: ScoringCheck
    #: Milliseconds per section (what the benchmark reads); not part of the figures.
    timings_ms: dict[str, float] = field(default_factory=dict, compare=False)


def compute(conn: Connection, data: ReportData, query: ReportQuery) -> Report:
    """Every section of the report from loaded facts (only the period funnel reads the database)."""
    spent: dict[str, float] = {}

    def timed(name: str, fn: Any, *args: Any) -> Any:
        start = time.perf_counter()
        out = fn(*args)
        spent[name] = (time.perf_counter() - start) * 1000
        return out

    scope = timed("scope", make_scope, conn, data, query)
    threshold = query.handover_days if query.handover_days is not None else handover_days_in(conn)
    working = query.working_days or working_days_in(conn)
    costs = source_costs_in(conn)
    overall, per_source = timed("mql_value", mql_value, data, scope)
    return Report(
        query=query,
        home_currency=data.home_currency,
        cohort_size=len(scope.cohort),
        funnel=timed("funnel", funnel, data, scope),
        timing=timed("time_in_stage", time_in_stage, data, scope),
        handover=timed("handover", handover, data, scope, threshold, working),
        sources=timed("sources", sources, data, scope, costs, fair_names_in(conn)),
        lost_reasons=timed("lost_reasons", lost_reasons, data, scope),
        mql_value=overall,
        mql_value_by_source=per_source,
        scoring_check=timed("scoring_check", scoring_check, data, scope),
        timings_ms=spent,
    )


def compute_report(db: Database, query: ReportQuery) -> Report:
    """Read the facts and compute every section (the CLI's path; the window keeps a ReportSource)."""
    source = ReportSource(db)
    try:
        data = source.data(query.now)
        with source.connection() as conn:
            return compute(conn, data, query)
    finally:
        source.close()


def _r(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def to_json(report: Report) -> dict[str, Any]:
    """The report as JSON-ready values (``leaddesk report --json``); lead ids are left out."""
    q = report.query
    f = report.funnel
    v = report.mql_value
    sc = report.scoring_check
    return {
        "period": {"from": q.start.isoformat(), "to": q.end.isoformat(), "tz": q.tz},
        "mode": str(q.mode),
        "filters": {"source": q.source, "tag": q.tag, "owner": q.owner},
        "currency": report.home_currency,
        "cohort_size": report.cohort_size,
        "funnel": [
            {
                "stage": r.stage,
                "count": r.count,
                "pct_of_previous": _r(r.pct_of_previous),
                "pct_of_first": _r(r.pct_of_first),
                "skipped": r.skipped,
            }
            for r in f.rows
        ],
        "funnel_notes": {"backward": f.backward, "recycled": f.recycled, "open_or_created": f.open},
        "time_in_stage": {
            s.stage: {
                "median_days": _r(s.median_days),
                "p75_days": _r(s.p75_days),
                "leads": s.leads,
                "still_in": s.still_in,
            }
            for s in report.timing.stages
        },
        "velocity": {
            "median_days": _r(report.timing.velocity_median_days),
            "p75_days": _r(report.timing.velocity_p75_days),
            "leads": report.timing.velocity_leads,
        },
        "handover": {
            "median_hours": _r(report.handover.median_hours),
            "p75_hours": _r(report.handover.p75_hours),
            "waiting_over_threshold": report.handover.waiting_over_threshold,
            "threshold_working_days": report.handover.threshold_days,
            "mqls": report.handover.mqls,
            "answered": report.handover.answered,
            "still_waiting": report.handover.still_waiting,
        },
        "sources": [
            {
                "source": s.source,
                "is_fair": s.is_fair,
                "leads": s.leads,
                "mql": s.mql,
                "sql": s.sql,
                "won": s.won,
                "won_value": _r(s.won_value),
                "conversion": _r(s.conversion),
                "cost": s.cost,
                "cost_per_lead": _r(s.cost_per_lead),
            }
            for s in report.sources
        ],
        "lost_reasons": [
            {"reason": r.reason, "from_stage": r.from_stage, "count": r.count, "value": _r(r.value)}
            for r in report.lost_reasons
        ],
        "mql_value": _value_json(v),
        "mql_value_by_source": [_value_json(s) for s in report.mql_value_by_source],
        "scoring_check": {
            "outcomes": sc.outcomes,
            "score_from_current": sc.from_current,
            "bands": [
                {"band": b.band, "outcomes": b.outcomes, "won": b.won, "conversion": _r(b.conversion)}
                for b in sc.bands
            ],
            "rules": [
                {
                    "rule": r.rule,
                    "hit": r.hit,
                    "hit_won": r.hit_won,
                    "miss": r.miss,
                    "miss_won": r.miss_won,
                    "conversion_hit": _r(r.conversion_hit),
                    "conversion_miss": _r(r.conversion_miss),
                    "lift": _r(r.lift),
                }
                for r in sc.rules
            ],
        },
    }


def _value_json(v: MqlValue) -> dict[str, Any]:
    return {
        "source": v.source,
        "mqls": v.mqls,
        "outcomes": v.outcomes,
        "won": v.won,
        "conversion_rate": _r(v.conversion_rate),
        "average_won_value": _r(v.average_won_value),
        "value": _r(v.value),
        "uncertain": v.uncertain,
    }
