"""Reports computed from the stage history: funnel, timing, handover, sources, lost reasons, MQL value.

No Qt here. ``compute_report(db, query)`` answers one query; the reports window keeps a
``ReportSource`` so that a new period or filter is answered from facts already read.
"""

from __future__ import annotations

from leaddesk.core.reports.data import ReportData, ReportSource
from leaddesk.core.reports.query import Mode, Preset, ReportQuery, preset_period
from leaddesk.core.reports.report import Report, compute, compute_report, to_json

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
