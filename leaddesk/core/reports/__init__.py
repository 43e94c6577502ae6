"""Reports computed from the stage history: funnel, timing, handover, sources, lost reasons, MQL value.

No Qt here. ``compute_report(db, query)`` answers one query; the reports window keeps a
``ReportSource`` so that a new period or filter is answered from facts already read.

The names below load their module on first use: the settings (``reports.settings``) are read
at every start through the preferences, and importing the whole package then cost ~30 ms
before the board's first paint.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

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


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
