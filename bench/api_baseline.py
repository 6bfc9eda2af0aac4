"""api-baseline: an authenticated GET /api/v1/me under concurrent load, beside /healthz as the ceiling.

Both URLs are served by the same `officium serve` process in the same run, so `ratio`
(me_rps / ceiling_rps) says what session, permission and database work cost, whatever the machine.
"""

from __future__ import annotations

import os
from typing import Any

from bench.load import LoadResult, hammer
from bench.server import running_server, scratch_postgres, session_cookie

CONNECTIONS = 16


def _measure(database: str, database_url: str | None, seconds: int) -> dict[str, Any]:
    with running_server(database_url) as server:
        cookie = session_cookie(server.base_url, "lina")
        me_url, ceiling_url = f"{server.base_url}/api/v1/me", f"{server.base_url}/healthz"
        hammer(me_url, seconds=2, connections=CONNECTIONS, headers={"Cookie": cookie})  # warm-up
        ceiling = hammer(ceiling_url, seconds=seconds, connections=CONNECTIONS)
        me = hammer(me_url, seconds=seconds, connections=CONNECTIONS, headers={"Cookie": cookie})
    for name, result in (("/api/v1/me", me), ("/healthz", ceiling)):
        if result.errors:
            raise RuntimeError(f"{name} answered {result.errors} errors under load on {database}")
    return _figures(database, me, ceiling)


def _figures(database: str, me: LoadResult, ceiling: LoadResult) -> dict[str, Any]:
    return {
        "database": database,
        "me_rps": round(me.requests_per_second, 1),
        "me_p50_ms": round(me.p50_ms, 2),
        "me_p99_ms": round(me.p99_ms, 2),
        "ceiling_rps": round(ceiling.requests_per_second, 1),
        "ceiling_p99_ms": round(ceiling.p99_ms, 2),
        "ratio": round(me.requests_per_second / ceiling.requests_per_second, 3),
        "requests": me.requests + ceiling.requests,
    }


def run(*, quick: bool) -> dict[str, Any]:
    seconds = 5 if quick else 20
    runs = [_measure("sqlite", None, seconds)]
    with scratch_postgres(f"officium_bench_{os.getpid()}") as url:
        runs.append(_measure("postgresql", url, seconds))
    for figures in runs:
        print(
            f"{figures['database']:>10}: /api/v1/me {figures['me_rps']} req/s (p99 {figures['me_p99_ms']} ms), "
            f"/healthz {figures['ceiling_rps']} req/s, ratio {figures['ratio']}",
            flush=True,
        )
    return {
        "load": {"tool": "wrk", "threads": 1, "connections": CONNECTIONS, "seconds": seconds, "server_processes": 1},
        "baseline": "/healthz on the same server in the same run (no database, no session)",
        "runs": runs,
    }
