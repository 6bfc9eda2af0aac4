"""Load generation with wrk (Debian's package): requests/s and latency percentiles of one URL."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass

UNITS_TO_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@dataclass(frozen=True)
class LoadResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int


def _milliseconds(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s)", text)
    if not match:
        raise ValueError(f"unexpected wrk latency {text!r}")
    return float(match.group(1)) * UNITS_TO_MS[match.group(2)]


def parse_wrk(output: str) -> LoadResult:
    percentiles = dict(re.findall(r"^\s+(\d+)%\s+(\S+)$", output, flags=re.MULTILINE))
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", output, flags=re.MULTILINE)
    total = re.search(r"^\s+(\d+) requests in", output, flags=re.MULTILINE)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if not (rps and total and "50" in percentiles and "99" in percentiles):
        raise ValueError(f"could not read wrk's report:\n{output}")
    errors = int(non_2xx.group(1)) if non_2xx else 0
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return LoadResult(
        requests_per_second=float(rps.group(1)),
        p50_ms=_milliseconds(percentiles["50"]),
        p99_ms=_milliseconds(percentiles["99"]),
        requests=int(total.group(1)),
        errors=errors,
    )


def hammer(url: str, *, seconds: int, connections: int, headers: dict[str, str] | None = None) -> LoadResult:
    wrk = shutil.which("wrk")
    if wrk is None:
        raise RuntimeError("the benchmarks need wrk: `apt-get install wrk` (make bench installs it as root)")
    command = [wrk, "--latency", "-t", "1", "-c", str(connections), "-d", f"{seconds}s"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)
