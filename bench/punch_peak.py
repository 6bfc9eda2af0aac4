"""punch-peak: every employee punches at once against one `officium serve`, with one restart midway.

The morning peak at its worst: the retry storm just before 09:00 (product/attendance.md), here as
every employee punching as fast as a separate load-generator process (`bench.punch_load`, asyncio,
keep-alive connections) can send. Clients retry timeouts and errors with the same punch id. When 40 %
of the punches are answered the server is restarted (SIGTERM, then started again on the same port).
Afterwards the database is counted: every acknowledged punch must be there once (lost 0), and no
employee may have more than one punch (duplicated 0). The baseline in the same run: plain INSERTs of
the same rows through the database driver, one transaction each. PostgreSQL, then SQLite.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

PEOPLE, QUICK_PEOPLE = 10_000, 2_000
CONCURRENCY = 100
RESTART_AT = 0.4
BASELINE_ROWS = 2_000


def run(*, quick: bool) -> dict[str, Any]:
    from bench.server import scratch_postgres

    people = QUICK_PEOPLE if quick else PEOPLE
    with scratch_postgres(f"officium_bench_punch_{os.getpid()}") as url:
        postgres = _measure(url, people)
    sqlite = _measure(None, people)
    print(
        f"postgresql: {postgres['punches_per_s']} punches/s, p50 {postgres['p50_ms']} ms, p99 {postgres['p99_ms']} ms, "
        f"lost {postgres['lost']}, duplicated {postgres['duplicated']} "
        f"(baseline {postgres['baseline_inserts_per_s']} inserts/s); sqlite: {sqlite['punches_per_s']} punches/s",
        flush=True,
    )
    return {
        "targets": {"punches_per_s": 1000, "p99_ms": 200, "lost": 0, "duplicated": 0},
        "load": {
            "employees": people,
            "concurrency": CONCURRENCY,
            "profile": "every employee at once (the 08:59 retry storm), retries with the same id",
            "server_processes": 1,
            "restart_after_answered": RESTART_AT,
        },
        "baseline": "plain INSERTs of punch rows through the driver, one transaction each, same database, same run",
        **postgres,
        "sqlite": sqlite,
    }


def _measure(database_url: str | None, people: int) -> dict[str, Any]:
    from bench.server import running_server

    with running_server(database_url) as server, tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        prepared = _child(server.data_dir, database_url, ["prepare", str(people), str(work / "plan.json")])
        plan = json.loads((work / "plan.json").read_text())
        host, port = server.base_url.removeprefix("http://").split(":")
        plan.update(host=host, port=int(port), concurrency=CONCURRENCY)
        (work / "plan.json").write_text(json.dumps(plan))
        progress = work / "progress"
        progress.write_text("0")
        generator = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bench.punch_load",
                str(work / "plan.json"),
                str(work / "result.json"),
                str(progress),
            ]
        )
        restarted_at = None
        while generator.poll() is None:
            answered = int(progress.read_text() or 0)
            if restarted_at is None and answered >= RESTART_AT * people:
                restarted_at = answered
                server.restart()
            time.sleep(0.05)
        if generator.returncode != 0:
            raise RuntimeError("the load generator failed")
        load = json.loads((work / "result.json").read_text())
        # Ten thousand ids are too many for a command line: the child reads them from a file.
        (work / "acknowledged.json").write_text(json.dumps(load["acknowledged"]))
        counted = _child(server.data_dir, database_url, ["count", str(work / "acknowledged.json")])
    latencies = load["latencies_ms"]
    return {
        "database": "postgresql" if database_url else "sqlite",
        "punches_per_s": round(len(latencies) / load["seconds"], 1),
        "p50_ms": round(statistics.median(latencies), 1),
        "p99_ms": round(statistics.quantiles(latencies, n=100)[-1], 1),
        "lost": counted["lost"] + load["given_up"],
        "duplicated": counted["duplicated"],
        "baseline_inserts_per_s": prepared["baseline_inserts_per_s"],
        "generator_cpu_s": load["generator_cpu_s"],
        "seconds": round(load["seconds"], 1),
        "answers": load["answers"],
        "retries": load["retries"],
        "refused": load["refused"],
        "restarted_after": restarted_at,
        "punches_in_db": counted["punches"],
    }


def _child(data_dir: Path, database_url: str | None, arguments: list[str]) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OFFICIUM_") and k != "DJANGO_SETTINGS_MODULE"}
    env.update(OFFICIUM_ENVIRONMENT="development", OFFICIUM_DEBUG="false", OFFICIUM_DATA_DIR=str(data_dir))
    if database_url:
        env["OFFICIUM_DATABASE_URL"] = database_url
    command = [sys.executable, "-m", "bench.punch_peak", "--child", *arguments]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"punch-peak {arguments[0]} failed:\n{result.stderr[-4000:]}")
    answer: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return answer


# --- inside the child process ----------------------------------------------------------------------------
def _child_main(arguments: list[str]) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "officium.config.settings.development")
    django.setup()
    from bench import punch_data

    if arguments[0] == "prepare":
        employees = punch_data.organisation(int(arguments[1]))
        punch_data.attendance_group(employees)
        Path(arguments[2]).write_text(json.dumps({"people": punch_data.sessions(employees)}))
        print(json.dumps({"baseline_inserts_per_s": punch_data.baseline_inserts_per_second(BASELINE_ROWS)}))
    else:
        from django.db.models import Count

        from officium.attendance.models import Punch

        acknowledged = set(json.loads(Path(arguments[1]).read_text()))
        stored = {str(pk) for pk in Punch.objects.values_list("id", flat=True)}
        per_employee = Punch.objects.values("employee").annotate(n=Count("id")).filter(n__gt=1)
        print(
            json.dumps(
                {
                    "lost": len(acknowledged - stored),
                    "duplicated": sum(row["n"] - 1 for row in per_employee),
                    "punches": len(stored),
                }
            )
        )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child_main(sys.argv[2:])
