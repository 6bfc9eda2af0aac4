"""org-queries: the organisation lookups later modules lean on, at 10,000 people in 1,000 departments.

Each database runs in a child process (`python -m bench.org_queries --child sqlite|postgresql`) that
migrates a scratch database, generates the organisation, and times, through the API where people use
them: contacts search, the N-th supervisor, subtree members; beside a primary-key fetch as the
baseline. Query counts are taken at the shallowest and the deepest department to show whether any
lookup grows with depth.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

EMPLOYEES = 10_000
DEPARTMENTS = 1_000
DEPTH = 6
QUICK_EMPLOYEES = 2_000
QUICK_DEPARTMENTS = 200


def run(*, quick: bool) -> dict[str, Any]:
    from bench.server import scratch_postgres

    runs = [_child("sqlite", None, quick)]
    with scratch_postgres(f"officium_bench_org_{os.getpid()}") as url:
        runs.append(_child("postgresql", url, quick))
    for figures in runs:
        print(
            f"{figures['database']:>10}: contacts search p95 {figures['contacts_search_p95_ms']} ms, "
            f"supervisor p95 {figures['supervisor_lookup_p95_ms']} ms, "
            f"subtree p95 {figures['subtree_members_p95_ms']} ms, "
            f"pk baseline p95 {figures['baseline_pk_p95_ms']} ms, max queries {figures['max_queries_per_lookup']}",
            flush=True,
        )
    return {
        "targets": {"contacts_search_p95_ms": 30, "queries_grow_with_depth": False},
        "baseline": "Employee fetched by primary key in the same process, same run",
        "runs": runs,
    }


def _child(database: str, url: str | None, quick: bool) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OFFICIUM_") and k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        OFFICIUM_ENVIRONMENT="development",
        OFFICIUM_DEBUG="false",
        OFFICIUM_DATA_DIR=tempfile.mkdtemp(prefix="officium-bench-org-"),
    )
    if url:
        env["OFFICIUM_DATABASE_URL"] = url
    command = [sys.executable, "-m", "bench.org_queries", "--child", database, *(["--quick"] if quick else [])]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"org-queries on {database} failed:\n{result.stderr[-4000:]}")
    figures: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


# --- inside the child process --------------------------------------------------------------------
def _p95(samples: list[float]) -> float:
    return round(statistics.quantiles(samples, n=20)[-1], 3)


def _timed(call: Callable[[], Any], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def _child_main(database: str, quick: bool) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "officium.config.settings.development")
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.org_data import build_organisation
    from officium.org import selectors
    from officium.org.models import Department, Employee

    call_command("migrate", verbosity=0, interactive=False)
    people, departments = (QUICK_EMPLOYEES, QUICK_DEPARTMENTS) if quick else (EMPLOYEES, DEPARTMENTS)
    started = time.perf_counter()
    viewer = build_organisation(employees=people, departments=departments, depth=DEPTH)
    build_seconds = round(time.perf_counter() - started, 1)

    client = Client(HTTP_HOST="localhost")
    client.force_login(viewer)
    deepest = Department.objects.order_by("-depth").first()
    shallow = Department.objects.filter(depth=1).first()
    assert deepest is not None
    assert shallow is not None
    deep_person = Employee.objects.filter(main_department=deepest).first()
    shallow_person = Employee.objects.filter(main_department=shallow).first()
    assert deep_person is not None
    assert shallow_person is not None
    sample_ids = list(Employee.objects.values_list("id", flat=True)[:200])
    queries = ["zh", "wang", "lj", "E01", "139", "刘", "zhangwei", "chen"]
    repeat = 60 if quick else 200

    def search(index: list[int] = [0]) -> None:  # noqa: B006  (a counter shared across calls)
        index[0] += 1
        response = client.get("/api/v1/contacts", {"q": queries[index[0] % len(queries)], "limit": 20})
        assert response.status_code == 200

    def supervisor_chain(person: Employee) -> Callable[[], Any]:
        return lambda: client.get(f"/api/v1/org/employees/{person.pk}/supervisors", {"levels": DEPTH})

    def subtree(department: Department) -> Callable[[], Any]:
        return lambda: client.get("/api/v1/org/employees", {"department": str(department.pk), "limit": 50})

    def pk_fetch(index: list[int] = [0]) -> None:  # noqa: B006
        index[0] += 1
        Employee.objects.get(pk=sample_ids[index[0] % len(sample_ids)])

    for warm in (search, supervisor_chain(deep_person), subtree(shallow), pk_fetch):
        warm()
    counts: dict[str, dict[str, int]] = {}
    for name, shallow_call, deep_call in (
        ("supervisor_lookup", supervisor_chain(shallow_person), supervisor_chain(deep_person)),
        ("subtree_members", subtree(shallow), subtree(deepest)),
        ("contacts_search", search, search),
        ("department_head", lambda: selectors.department_head(shallow), lambda: selectors.department_head(deepest)),
    ):
        measured = {}
        for label, call in (("shallow", shallow_call), ("deep", deep_call)):
            with CaptureQueriesContext(connection) as captured:
                call()
            measured[label] = len(captured.captured_queries)
        counts[name] = measured
    figures = {
        "database": database,
        "employees": Employee.objects.count(),
        "departments": Department.objects.count(),
        "depth": DEPTH,
        "build_seconds": build_seconds,
        "contacts_search_p95_ms": _p95(_timed(search, repeat)),
        "supervisor_lookup_p95_ms": _p95(_timed(supervisor_chain(deep_person), repeat)),
        "subtree_members_p95_ms": _p95(_timed(subtree(shallow), repeat)),
        "baseline_pk_p95_ms": _p95(_timed(pk_fetch, repeat)),
        "max_queries_per_lookup": max(max(c.values()) for c in counts.values()),
        "queries_by_depth": counts,
        "queries_grow_with_depth": any(c["deep"] > c["shallow"] for c in counts.values()),
    }
    print(json.dumps(figures), flush=True)


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--child":
        _child_main(sys.argv[2], "--quick" in sys.argv)
