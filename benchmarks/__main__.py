"""Build a database of N demo leads, run every ``bench_*.py`` module on it, print a table, write JSON.

Each module exposes ``run(ctx: Context) -> dict[str, float]`` (milliseconds, medians) and may
expose ``TARGETS: dict[str, float]`` with the issue's limits in the same unit, and ``UNITS`` for
rows measured in something else (MB, a ratio).
"""

from __future__ import annotations

import argparse
import importlib
import json
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
    args = parser.parse_args(argv)

    from leaddesk.core.db import Database
    from leaddesk.core.demo import build_demo

    modules = discover(args.only)
    results: dict[str, dict[str, Any]] = {}
    tmp = Path(tempfile.mkdtemp(prefix="leaddesk-bench-"))
    reference = {"value": reference_ms(), "target": None, "unit": "ms"}
    try:
        data_dir = tmp / "data"
        db = Database.open_data_dir(data_dir)
        start = time.perf_counter()
        build_demo(db, leads=args.leads, seed=args.seed)
        results["demo build"] = {
            "value": (time.perf_counter() - start) * 1000,
            "target": 20_000.0,
            "unit": "ms",
        }
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
        shutil.rmtree(tmp, ignore_errors=True)
    # How fast the machine was at start and end (see reference_ms): read the figures beside it.
    results["host reference: fixed Python work, at start"] = reference
    reference_end = {"value": reference_ms(), "target": None, "unit": "ms"}
    results["host reference: fixed Python work, at end"] = reference_end

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
    return 0


def _fmt(value: float, unit: str = "ms") -> str:
    if unit != "ms":
        return f"{value:.2f} {unit}"
    return f"{value / 1000:.2f} s" if value >= 1000 else f"{value:.2f} ms"


if __name__ == "__main__":
    raise SystemExit(main())
