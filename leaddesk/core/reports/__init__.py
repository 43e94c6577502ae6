"""Reports computed from the stage history: funnel, timing, handover, sources, lost reasons, MQL value.

No Qt here. ``compute_report(db, query)`` answers one query; the reports window keeps a
``ReportSource`` so that a new period or filter is answered from facts already read.

The names below load their module on first use: the settings (``reports.settings``) are read
at every start through the preferences, and importing the whole package then cost ~30 ms
before the board's first paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from leaddesk.core.lazy import lazy_exports

if TYPE_CHECKING:
    from leaddesk.core.reports.data import ReportData, ReportSource
    from leaddesk.core.reports.query import Mode, Preset, ReportQuery, preset_period
    from leaddesk.core.reports.report import Report, compute, compute_report, to_json

_HOMES = {
    "ReportData": "data",
    "ReportSource": "data",
    "Mode": "query",
    "Preset": "query",
    "ReportQuery": "query",
    "preset_period": "query",
    "Report": "report",
    "compute": "report",
    "compute_report": "report",
    "to_json": "report",
}

__all__ = [
    "Mode",
    "Preset",
    "Report",
    "ReportData",
    "ReportQuery",
    "ReportSource",
    "compute",
    "compute_report",
    "preset_period",
    "to_json",
]


__getattr__ = lazy_exports(__name__, _HOMES)
