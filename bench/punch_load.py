"""The punch-peak load generator: a separate process, asyncio over keep-alive HTTP/1.1 connections.

    python -m bench.punch_load PLAN.json RESULT.json PROGRESS_FILE

PLAN holds the server's address, the concurrency and one entry per employee (session cookie, CSRF
token, location). Every employee punches once, as fast as the connections allow — the retry storm
just before 09:00, where the burst profile peaks. A punch's id is made once; a timeout, a dropped
connection or a 5xx is retried with the same id until the server answers 200 or 201. Progress
(punches answered) goes to PROGRESS_FILE so that the orchestrator can restart the server midway.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time
import uuid
from pathlib import Path
from typing import Any

TIMEOUT_S = 5.0
RETRY_PAUSE_S = 0.2
GIVE_UP_AFTER_S = 120.0


class Connection:
    """One keep-alive HTTP/1.1 connection; reconnects when the server went away."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, headers: dict[str, str], body: bytes) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        lines = [f"POST {path} HTTP/1.1", f"Host: {self.host}:{self.port}", f"Content-Length: {len(body)}"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        await self.writer.drain()
        assert self.reader is not None
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("closed")
        status = int(status_line.split()[1])
        length, close = 0, False
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            if name.lower() == "content-length":
                length = int(value)
            elif name.lower() == "connection" and value.strip().lower() == "close":
                close = True
        await self.reader.readexactly(length)
        if close:
            self.close()
        return status

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def _punch(connection: Connection, person: dict[str, Any], stats: dict[str, Any]) -> None:
    body = json.dumps(
        {
            "id": str(uuid.uuid4()),
            "latitude": person["latitude"],
            "longitude": person["longitude"],
            "accuracy_m": 15,
            "device_time": time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime()),
        }
    ).encode()
    headers = {
        "Cookie": person["cookie"],
        "X-CSRFToken": person["csrf"],
        "Content-Type": "application/json",
        "Origin": stats["origin"],
    }
    started = time.perf_counter()
    while time.perf_counter() - started < GIVE_UP_AFTER_S:
        try:
            status = await asyncio.wait_for(connection.post("/api/v1/attendance/punches", headers, body), TIMEOUT_S)
        except (OSError, TimeoutError, asyncio.IncompleteReadError, ValueError, IndexError):
            connection.close()
            stats["retries"] += 1
            await asyncio.sleep(RETRY_PAUSE_S)
            continue
        if status in (200, 201):
            stats["latencies_ms"].append((time.perf_counter() - started) * 1000)
            stats["acknowledged"].append(json.loads(body)["id"])
            stats["answers"][str(status)] = stats["answers"].get(str(status), 0) + 1
            return
        stats["answers"][str(status)] = stats["answers"].get(str(status), 0) + 1
        if status < 500 and status not in (408, 429):
            stats["refused"] += 1
            return
        stats["retries"] += 1
        await asyncio.sleep(RETRY_PAUSE_S)
    stats["given_up"] += 1


async def _run(plan: dict[str, Any], progress: Path) -> dict[str, Any]:
    people: list[dict[str, Any]] = plan["people"]
    stats: dict[str, Any] = {
        "latencies_ms": [],
        "acknowledged": [],
        "answers": {},
        "retries": 0,
        "refused": 0,
        "given_up": 0,
        "origin": f"http://{plan['host']}:{plan['port']}",
    }
    queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    for person in people:
        queue.put_nowait(person)

    async def worker() -> None:
        connection = Connection(plan["host"], plan["port"])
        while not queue.empty():
            await _punch(connection, queue.get_nowait(), stats)
        connection.close()

    async def report() -> None:
        while True:
            progress.write_text(str(len(stats["latencies_ms"])))
            await asyncio.sleep(0.1)

    reporter = asyncio.create_task(report())
    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(plan["concurrency"])))
    seconds = time.perf_counter() - began
    reporter.cancel()
    progress.write_text(str(len(stats["latencies_ms"])))
    stats.pop("origin")
    return {**stats, "seconds": seconds}


def main() -> None:
    plan_path, result_path, progress_path = (Path(arg) for arg in sys.argv[1:4])
    plan = json.loads(plan_path.read_text())
    result = asyncio.run(_run(plan, progress_path))
    usage = resource.getrusage(resource.RUSAGE_SELF)
    result["generator_cpu_s"] = round(usage.ru_utime + usage.ru_stime, 2)
    result_path.write_text(json.dumps(result))


if __name__ == "__main__":
    main()
