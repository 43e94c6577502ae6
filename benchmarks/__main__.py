"""Build a database of N demo leads, run every ``bench_*.py`` module on it, print a table, write JSON.

Each module exposes ``run(ctx: Context) -> dict[str, float]`` (milliseconds, medians) and may
expose ``TARGETS: dict[str, float]`` with the issue's limits in the same unit, and ``UNITS`` for
rows measured in something else (MB, a ratio).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import pkgutil
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.context import Context, reference_ms


def discover(only: list[str] | None) -> list[Any]:
    names = sorted(
        m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if m.name.startswith("bench_")
    )
    if only:
        names = [n for n in names if any(o in n for o in only)]
    return [importlib.import_module(f"benchmarks.{n}") for n in names]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--leads", type=int, default=100_000, help="demo leads in the database (default 100000)"
    )
    parser.add_argument("--repeat", type=int, default=15, help="runs per measurement (median reported)")
    parser.add_argument(
        "--only", action="append", help="run only modules whose name contains this; repeatable"
    )
    parser.add_argument("--out", default="benchmarks/results/latest.json", help="JSON file to write")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("LEADDESK_DATABASE_URL"),
        help="also run on this EMPTY PostgreSQL database (postgresql+psycopg://…), side by side with "
        "SQLite; default: $LEADDESK_DATABASE_URL",
    )
    args = parser.parse_args(argv)
    os.environ.pop("LEADDESK_DATABASE_URL", None)  # the SQLite run first

    modules = discover(args.only)
    reference = {"value": reference_ms(), "target": None, "unit": "ms"}
    results = _run_engine(args, modules, None)
    if args.database_url:
        on_server = [m for m in modules if not getattr(m, "SQLITE_ONLY", False)]
        server = _run_engine(args, on_server, args.database_url)
        # Issue 16: each figure on the server within 2x of SQLite's (card move also <= 20 ms).
        for name, r in server.items():
            base = results.get(name)
            if base is not None and r.get("unit", "ms") == "ms" and base["value"]:
                r["target"] = 2 * base["value"]
            results[f"{name} [postgresql]"] = r
    # How fast the machine was at start and end (see reference_ms): read the figures beside it.
    results["host reference: fixed Python work, at start"] = reference
    reference_end = {"value": reference_ms(), "target": None, "unit": "ms"}
    results["host reference: fixed Python work, at end"] = reference_end
    _report(args, results)
    return 0


def _run_engine(args: argparse.Namespace, modules: list[Any], url: str | None) -> dict[str, dict[str, Any]]:
    """Every module on one engine: the SQLite file in a scratch folder, or the (empty) server at ``url``."""
    from leaddesk.core.db import Database
    from leaddesk.core.demo import build_demo

    results: dict[str, dict[str, Any]] = {}
    tmp = Path(tempfile.mkdtemp(prefix="leaddesk-bench-"))
    try:
        data_dir = tmp / "data"
        if url:
            os.environ["LEADDESK_DATABASE_URL"] = url  # subprocesses (CLI, app start) use it too
        db = Database.open_data_dir(data_dir)
        if url:
            with db.engine.connect() as conn:
                if conn.exec_driver_sql("SELECT count(*) FROM lead").scalar():
                    db.close()
                    raise SystemExit("--database-url must name an empty LeadDesk database")
        start = time.perf_counter()
        build_demo(db, leads=args.leads, seed=args.seed)
        results["demo build"] = {
            "value": (time.perf_counter() - start) * 1000,
            "target": 20_000.0,
            "unit": "ms",
        }
        if db.file is not None:
            with db.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        ctx = Context(db=db, data_dir=data_dir, leads=args.leads, tmp=tmp, repeat=args.repeat, seed=args.seed)
        for module in modules:
            print(f"… {module.__name__}", file=sys.stderr, flush=True)
            targets: dict[str, float] = getattr(module, "TARGETS", {})
            units: dict[str, str] = getattr(module, "UNITS", {})
            for name, value in module.run(ctx).items():
                results[name] = {"value": value, "target": targets.get(name), "unit": units.get(name, "ms")}
        db.close()
    finally:
        os.environ.pop("LEADDESK_DATABASE_URL", None)
        shutil.rmtree(tmp, ignore_errors=True)
    return results


def _report(args: argparse.Namespace, results: dict[str, dict[str, Any]]) -> None:

    width = max(len(n) for n in results) + 2
    print(
        f"LeadDesk benchmarks — {args.leads:,} leads, median of {args.repeat} runs, "
        f"Python {platform.python_version()}"
    )
    print(f"{'measurement':<{width}}{'median':>12}{'target':>12}  ok")
    for name, r in results.items():
        target = r["target"]
        ok = "" if target is None else ("yes" if r["value"] <= target else "NO")
        unit = r.get("unit", "ms")
        target_text = "" if target is None else _fmt(target, unit)
        print(f"{name:<{width}}{_fmt(r['value'], unit):>12}{target_text:>12}  {ok}")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    meta = {"leads": args.leads, "repeat": args.repeat, "python": platform.python_version(), "unit": "ms"}
    out.write_text(json.dumps({"meta": meta, "results": results}, indent=2), encoding="utf-8")
    print(f"written to {out}")


def _fmt(value: float, unit: str = "ms") -> str:
    if unit != "ms":
        return f"{value:.2f} {unit}"
    return f"{value / 1000:.2f} s" if value >= 1000 else f"{value:.2f} ms"


if __name__ == "__main__":
    raise SystemExit(main())
