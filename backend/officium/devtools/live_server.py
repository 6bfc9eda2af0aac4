"""A throwaway `officium serve` with the demo company: for browser tests, benchmarks and screenshots.

    with live_server(demo_password="…") as server:
        httpx.get(f"{server.base_url}/api/v1/meta")

Each one gets a new data directory (so an embedded SQLite database) unless a database URL is given,
and never inherits OFFICIUM_* settings of the calling process: shared services stay untouched.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

REPO_DIR = Path(__file__).resolve().parents[3]
OFFICIUM = Path(sys.executable).with_name("officium")
# Away from a developer's `make run` on 8000.
PORT_RANGE = range(18100, 18999)
START_ATTEMPTS = 3
SERVING = "Officium is serving on"


class LiveServerError(RuntimeError):
    pass


@dataclass(frozen=True)
class LiveServer:
    base_url: str
    data_dir: Path
    log: Path
    # Stops the server and starts it again on the same port (a deploy, a crash): see `restart()`.
    _restart: Callable[[], None] = field(repr=False, compare=False, default=lambda: None)

    def restart(self) -> None:
        """Stop the server (SIGTERM, as systemd would) and serve again on the same port; returns when ready."""
        self._restart()


def _free_port() -> int:
    # Random order: two runs on one machine (a developer's and CI's) rarely pick the same port.
    for port in random.sample(PORT_RANGE, len(PORT_RANGE)):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise LiveServerError(f"no free port in {PORT_RANGE}")


def server_environment(data_dir: Path, database_url: str | None = None, **settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OFFICIUM_") and k != "DJANGO_SETTINGS_MODULE"}
    # Scheduled backups stay off: a test or benchmark server that copies its database meanwhile measures noise.
    env.update(
        OFFICIUM_DATA_DIR=str(data_dir),
        OFFICIUM_ENVIRONMENT="development",
        OFFICIUM_BACKUP_SCHEDULE="off",
        PYTHONUNBUFFERED="1",
    )
    if database_url:
        env["OFFICIUM_DATABASE_URL"] = database_url
    env.update({f"OFFICIUM_{name.upper()}": value for name, value in settings.items()})
    return env


def _wait_until_ready(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise LiveServerError(f"officium serve exited with {process.returncode}:\n{log.read_text()[-4000:]}")
        # Until our server has started, an answer could come from someone else's server on that port;
        # a server that failed to bind exits, which the poll above notices.
        if SERVING in log.read_text(errors="replace"):
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(url, timeout=2).status_code == 200 and process.poll() is None:
                    return
        time.sleep(0.25)
    raise LiveServerError(f"{url} did not answer 200 within {timeout} s:\n{log.read_text()[-4000:]}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextlib.contextmanager
def live_server(
    *,
    demo_password: str,
    database_url: str | None = None,
    serve_args: tuple[str, ...] = (),
    ready_path: str = "/readyz",
    timeout: float = 90,
    **settings: str,
) -> Iterator[LiveServer]:
    """Migrate, load the demo company, serve on a free port; stop and clean up afterwards."""
    data_dir = Path(tempfile.mkdtemp(prefix="officium-live-"))
    env = server_environment(data_dir, database_url, **settings)
    try:
        for command in (["migrate", "--verbosity", "0"], ["demo", "--password", demo_password]):
            subprocess.run([str(OFFICIUM), *command], env=env, cwd=REPO_DIR, check=True, capture_output=True)
        log = data_dir / "serve.log"

        def start(port: int) -> subprocess.Popen[bytes]:
            with log.open("ab") as output:
                process = subprocess.Popen(
                    [str(OFFICIUM), "serve", "--host", "127.0.0.1", "--port", str(port), *serve_args],
                    env=env,
                    cwd=REPO_DIR,
                    stdout=output,
                    stderr=subprocess.STDOUT,
                )
            try:
                _wait_until_ready(f"http://127.0.0.1:{port}{ready_path}", process, log, timeout)
            except LiveServerError:
                _stop(process)
                raise
            return process

        running: list[subprocess.Popen[bytes]] = []
        for _attempt in range(START_ATTEMPTS):
            port = _free_port()
            log.write_bytes(b"")
            try:
                running.append(start(port))
                break
            except LiveServerError:
                # Another process may take the port between the probe and the bind: try another.
                if "address already in use" not in log.read_text(errors="replace"):
                    raise
        else:
            raise LiveServerError(f"could not start on a free port:\n{log.read_text()[-4000:]}")

        def restart() -> None:
            _stop(running.pop())
            log.write_bytes(b"")
            running.append(start(port))

        try:
            yield LiveServer(base_url=f"http://127.0.0.1:{port}", data_dir=data_dir, log=log, _restart=restart)
        finally:
            for process in running:
                _stop(process)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
