"""The benchmark runner: `python -m bench NAME [--quick]`, `python -m bench --all`, `python -m bench --list`."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

from bench.machine import describe_machine

RESULTS_DIR = Path(__file__).resolve().parent / "results"
# Benchmark name → module in this package exposing `run(quick: bool) -> dict`.
BENCHMARKS = {
    "api-baseline": "bench.api_baseline",
    "approval-throughput": "bench.approval_throughput",
    "backup-restore": "bench.backup_restore",
    "org-queries": "bench.org_queries",
    "punch-peak": "bench.punch_peak",
    "pwa-size": "bench.pwa_size",
}


def run_one(name: str, quick: bool) -> Path:
    module = importlib.import_module(BENCHMARKS[name])
    print(f"== {name}{' (quick)' if quick else ''}", flush=True)
    figures = module.run(quick=quick)
    result = {"benchmark": name, "quick": quick, "machine": describe_machine(), **figures}
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path}", flush=True)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("name", nargs="?", choices=sorted(BENCHMARKS), help="the benchmark to run")
    parser.add_argument("--all", action="store_true", help="run every benchmark")
    parser.add_argument("--list", action="store_true", help="list the benchmarks")
    parser.add_argument("--quick", action="store_true", help="a reduced run (about two minutes) with the same keys")
    args = parser.parse_args(argv)
    if args.list:
        print("\n".join(sorted(BENCHMARKS)))
        return 0
    names = sorted(BENCHMARKS) if args.all else [args.name] if args.name else []
    if not names:
        parser.error("name a benchmark or pass --all")
    for name in names:
        run_one(name, args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())
