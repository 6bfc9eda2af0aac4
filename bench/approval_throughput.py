"""approval-throughput: task completions per second and the inbox under a large history, on PostgreSQL.

One `officium serve` process over a scratch PostgreSQL database. A child process (`python -m
bench.approval_throughput --child URL`) fills the same database: a 10,000-person organisation,
1,000,000 historical tasks across them (inserted in bulk with SQL: the engine would take hours), and
two-step approvals waiting for 100 approvers. Then, against the server:

- completions: 100 approvers at once, each taking the first page of its inbox and approving what is
  there (the second step lands in another approver's inbox), for a fixed time;
- inbox: "pending for me", first page, for 200 people in turn: p95 latency;
- queries: the inbox's query count for a person with a short history and one with a long one;
- baseline: in the child, one row lock + update + insert through the ORM, in a loop (ops/s).
"""

from __future__ import annotations

import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any

PEOPLE, HISTORY, APPROVERS, WAITING_EACH = 10_000, 1_000_000, 100, 40
QUICK_PEOPLE, QUICK_HISTORY, QUICK_WAITING_EACH = 2_000, 100_000, 10
TASKS_PER_HISTORIC_INSTANCE = 10
INBOX_SAMPLES = 200
BASELINE_LOOPS = 500


def run(*, quick: bool) -> dict[str, Any]:
    from bench.server import running_server, scratch_postgres

    seconds = 5 if quick else 20
    with scratch_postgres(f"officium_bench_approvals_{os.getpid()}") as url, running_server(url) as server:
        prepared = _child(url, server.data_dir, quick)
        completions = _complete_tasks(server.base_url, prepared["approvers"], seconds)
        inbox_ms = _inbox_latencies(server.base_url, prepared["inbox_readers"])
    figures = {
        "database": "postgresql",
        "task_completions_per_s": round(completions["completed"] / completions["seconds"], 1),
        "inbox_p95_ms": round(statistics.quantiles(inbox_ms, n=20)[-1], 2),
        "inbox_p50_ms": round(statistics.median(inbox_ms), 2),
        "inbox_queries": prepared["inbox_queries"],
        "tasks_in_db": prepared["tasks_in_db"],
        "baseline_ops_per_s": prepared["baseline_ops_per_s"],
        "completions": completions,
        "people": prepared["people"],
        "build_seconds": prepared["build_seconds"],
    }
    print(
        f"postgresql: {figures['task_completions_per_s']} completions/s "
        f"(baseline lock+update+insert {figures['baseline_ops_per_s']} ops/s), "
        f"inbox p95 {figures['inbox_p95_ms']} ms over {figures['tasks_in_db']} tasks, "
        f"queries {figures['inbox_queries']}",
        flush=True,
    )
    return {
        "targets": {"task_completions_per_s": 200, "inbox_p95_ms": 50, "inbox_queries": "constant in tasks"},
        "load": {"approvers": APPROVERS, "seconds": seconds, "server_processes": 1, "flow": "two approver steps"},
        "baseline": "one row lock + update + insert through the ORM, one connection, same database, same run",
        **figures,
    }


def _child(url: str, data_dir: Path, quick: bool) -> dict[str, Any]:
    """Fill the database; the child shares the server's data directory (its secret key signs sessions)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OFFICIUM_") and k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        OFFICIUM_ENVIRONMENT="development",
        OFFICIUM_DEBUG="false",
        OFFICIUM_DATA_DIR=str(data_dir),
        OFFICIUM_DATABASE_URL=url,
    )
    command = [sys.executable, "-m", "bench.approval_throughput", "--child", *(["--quick"] if quick else [])]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"approval-throughput preparation failed:\n{result.stderr[-4000:]}")
    prepared: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return prepared


# --- against the server ----------------------------------------------------------------------------
class _Browser:
    """One signed-in person on one keep-alive connection."""

    def __init__(self, base_url: str, cookie: str, csrf: str) -> None:
        parsed = urllib.parse.urlsplit(base_url)
        self.connection = http.client.HTTPConnection(parsed.hostname or "127.0.0.1", parsed.port, timeout=60)
        self.headers = {"Cookie": cookie, "X-CSRFToken": csrf, "Content-Type": "application/json"}

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> tuple[int, Any]:
        data = json.dumps(body).encode() if body is not None else None
        self.connection.request(method, path, body=data, headers=self.headers)
        response = self.connection.getresponse()
        payload = response.read()
        return response.status, json.loads(payload) if payload else None


def _complete_tasks(base_url: str, approvers: list[dict[str, str]], seconds: int) -> dict[str, Any]:
    completed, refused, errors = [0], [0], []
    lock = threading.Lock()
    start = threading.Barrier(len(approvers) + 1)
    deadline = [0.0]

    def approver(signed_in: dict[str, str]) -> None:
        try:
            approve_until_deadline(signed_in)
        except Exception as error:  # noqa: BLE001  (a thread's failure must fail the benchmark, not vanish)
            errors.append(repr(error))

    def approve_until_deadline(signed_in: dict[str, str]) -> None:
        browser = _Browser(base_url, signed_in["cookie"], signed_in["csrf"])
        start.wait()
        while time.perf_counter() < deadline[0]:
            status, page = browser.call("GET", "/api/v1/approvals/inbox/pending?limit=20")
            if status != 200:
                errors.append(f"inbox {status}")
                return
            if not page["items"]:
                time.sleep(0.05)  # the next step has not reached me yet
                continue
            for item in page["items"]:
                if time.perf_counter() >= deadline[0]:
                    return
                task_id = item["task"]["id"]
                status, _ = browser.call("POST", f"/api/v1/approvals/tasks/{task_id}/approve", {"comment": ""})
                with lock:
                    if status == 200:
                        completed[0] += 1
                    elif status == 409:
                        refused[0] += 1
                    else:
                        errors.append(f"approve {status}")

    threads = [threading.Thread(target=approver, args=(signed_in,)) for signed_in in approvers]
    for thread in threads:
        thread.start()
    deadline[0] = time.perf_counter() + seconds
    began = time.perf_counter()
    start.wait()
    for thread in threads:
        thread.join()
    if errors:
        raise RuntimeError(f"{len(errors)} unexpected answers, e.g. {errors[:5]}")
    return {"completed": completed[0], "conflicts": refused[0], "seconds": round(time.perf_counter() - began, 2)}


def _inbox_latencies(base_url: str, readers: list[dict[str, str]]) -> list[float]:
    samples = []
    for signed_in in readers:
        browser = _Browser(base_url, signed_in["cookie"], signed_in["csrf"])
        browser.call("GET", "/api/v1/approvals/inbox/pending?limit=20")  # the connection, the session cache
        started = time.perf_counter()
        status, _ = browser.call("GET", "/api/v1/approvals/inbox/pending?limit=20")
        samples.append((time.perf_counter() - started) * 1000)
        if status != 200:
            raise RuntimeError(f"inbox answered {status}")
    return samples


# --- inside the child process ----------------------------------------------------------------------
def _child_main(quick: bool) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "officium.config.settings.development")
    django.setup()
    from bench import approval_data

    people, history, waiting = (
        (QUICK_PEOPLE, QUICK_HISTORY, QUICK_WAITING_EACH)
        if quick
        else (
            PEOPLE,
            HISTORY,
            WAITING_EACH,
        )
    )
    started = time.perf_counter()
    employees = approval_data.organisation(people)
    tasks_in_db = approval_data.history(history, TASKS_PER_HISTORIC_INSTANCE, keep_clear=APPROVERS)
    approvers = employees[:APPROVERS]
    approval_data.waiting_approvals(approvers, waiting)
    build_seconds = round(time.perf_counter() - started, 1)
    readers = random.Random(11).sample(employees[APPROVERS:], INBOX_SAMPLES)
    result = {
        "people": people,
        "tasks_in_db": tasks_in_db,
        "build_seconds": build_seconds,
        "inbox_queries": approval_data.inbox_query_counts(employees[APPROVERS:]),
        "baseline_ops_per_s": approval_data.baseline_ops_per_second(BASELINE_LOOPS),
        "approvers": [approval_data.sign_in(person) for person in approvers],
        "inbox_readers": [approval_data.sign_in(person) for person in readers],
    }
    print(json.dumps(result))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child_main("--quick" in sys.argv)
