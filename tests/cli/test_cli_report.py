"""``leaddesk report --json``: the documented keys, and an MQL value that matches the database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from leaddesk.cli import main
from leaddesk.core.db import Database


def _direct_mql_value(data_dir: Path, source: str | None = None) -> tuple[float, float, float, int]:
    """MQL→Won rate and average won value straight from the tables, over all time."""
    db = Database.open_data_dir(data_dir)
    try:
        with db.engine.connect() as conn:
            where = "NOT l.erased" + (" AND l.source = :source" if source else "")
            rows = conn.exec_driver_sql(
                f"""SELECT l.stage, l.value, l.currency FROM lead l WHERE {where} AND (
                      l.stage IN ('mql', 'sql', 'won')
                      OR EXISTS (SELECT 1 FROM stagechange h WHERE h.lead_id = l.id
                                 AND h.to_stage IN ('mql', 'sql', 'won')))""".replace(
                    ":source", "%s" if conn.dialect.name == "postgresql" else "?"
                ),
                (source,) if source else (),
            ).fetchall()
    finally:
        db.close()
    won = [value for stage, value, currency in rows if stage == "won" and currency == "EUR"]
    outcomes = sum(1 for stage, _v, _c in rows if stage in ("won", "lost"))
    rate = sum(1 for stage, _v, _c in rows if stage == "won") / outcomes
    average = sum(won) / len(won)
    return rate, average, rate * average, outcomes


def test_report_json_mql_value_is_rate_times_average_from_the_database(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(data_dir), "demo", "--leads", "600", "--seed", "4"]) == 0
    capsys.readouterr()
    period = ["--from", "2000-01-01", "--to", "2100-12-31"]
    assert main(["--data-dir", str(data_dir), "report", *period, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {
        "funnel",
        "time_in_stage",
        "handover",
        "sources",
        "lost_reasons",
        "mql_value",
        "scoring_check",
    } <= set(data)
    assert [r["stage"] for r in data["funnel"]] == ["lead", "mql", "sql", "won", "lost"]
    assert data["funnel"][0]["count"] == 600
    assert set(data["funnel"][1]) >= {"stage", "count", "pct_of_previous", "pct_of_first"}
    assert set(data["time_in_stage"]["mql"]) >= {"median_days", "p75_days"}
    assert set(data["handover"]) >= {"median_hours", "waiting_over_threshold"}
    assert set(data["sources"][0]) >= {"source", "leads", "mql", "sql", "won", "won_value", "conversion"}
    rate, average, value, outcomes = _direct_mql_value(data_dir)
    v = data["mql_value"]
    assert v["outcomes"] == outcomes
    assert v["conversion_rate"] == pytest.approx(100 * rate, abs=0.005)
    assert v["average_won_value"] == pytest.approx(average, abs=0.005)
    assert v["value"] == pytest.approx(value, abs=0.005)

    source = data["sources"][0]["source"]
    assert main(["--data-dir", str(data_dir), "report", *period, "--source", source, "--json"]) == 0
    narrowed = json.loads(capsys.readouterr().out)
    assert narrowed["funnel"][0]["count"] == data["sources"][0]["leads"]
    _rate, _average, value, _outcomes = _direct_mql_value(data_dir, source)
    assert narrowed["mql_value"]["value"] == pytest.approx(value, abs=0.005)


def test_report_period_mode_and_bad_dates(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(data_dir), "report", "--mode", "period", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["mode"] == "period"
    assert main(["--data-dir", str(data_dir), "report", "--from", "2026-12-01", "--to", "2026-11-01"]) == 1
    assert "ends before it starts" in capsys.readouterr().err
    assert main(["--data-dir", str(data_dir), "report", "--from", "1.12.2026"]) == 2
