"""The `officium` command: serve, worker, migrate, upgrade, demo, createadmin, check, audit, backup, restore,
manage."""

from __future__ import annotations

import argparse
import getpass
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ENVIRONMENTS = {
    "production": "officium.config.settings.production",
    "development": "officium.config.settings.development",
    "test": "officium.config.settings.test",
}


class CommandFailed(Exception):
    """A command cannot do what was asked; the message tells the operator why."""


def setup_django() -> None:
    """Select the settings from OFFICIUM_ENVIRONMENT (default production) and start Django."""
    environment = os.environ.get("OFFICIUM_ENVIRONMENT", "production")
    if environment not in ENVIRONMENTS:
        raise CommandFailed(f"OFFICIUM_ENVIRONMENT must be one of {', '.join(ENVIRONMENTS)}, not {environment!r}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", ENVIRONMENTS[environment])
    import django

    from officium.config.env import ConfigError

    try:
        django.setup()
    except ConfigError as error:
        raise CommandFailed(f"configuration error: {error}") from None


# --- serve / worker -------------------------------------------------------------------------------
def cmd_serve(args: argparse.Namespace) -> int:
    setup_django()
    import uvicorn
    from django.conf import settings

    from officium.core import worker

    if args.workers > 1 and not settings.REDIS_URL:
        raise CommandFailed(
            "more than one server process needs OFFICIUM_REDIS_URL: they share the channel layer and cache"
        )
    refuse_a_newer_database()
    if args.workers > 1:
        _share_metrics_between_processes(Path(settings.DATA_DIR) / "metrics" / str(os.getpid()))
    worker_process: subprocess.Popen[bytes] | None = None
    if not args.no_worker:
        if settings.REDIS_URL:
            worker_process = subprocess.Popen([sys.executable, "-m", "officium.cli", "worker", "--exit-with-parent"])
        else:
            worker.start_embedded()
    print(f"Officium is serving on http://{_display_host(args.host)}:{args.port}/", flush=True)
    try:
        uvicorn.run(
            "officium.config.asgi:application",
            host=args.host,
            port=args.port,
            workers=args.workers,
            lifespan="on",
            proxy_headers=settings.TRUSTED_PROXY_COUNT > 0,
            forwarded_allow_ips=args.forwarded_allow_ips,
            log_level=args.log_level,
            access_log=args.access_log,
            timeout_graceful_shutdown=10,
            ws_max_size=1024 * 1024,
        )
    finally:
        if worker_process is not None:
            worker_process.terminate()
            worker_process.wait(timeout=30)
    return 0


def _share_metrics_between_processes(directory: Path) -> None:
    """Each server process writes its counters there; a scrape of any process sums them all."""
    import shutil

    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(directory)


def _display_host(host: str) -> str:
    return "localhost" if host in {"0.0.0.0", "127.0.0.1", "::"} else host  # noqa: S104


def cmd_worker(args: argparse.Namespace) -> int:
    setup_django()
    refuse_a_newer_database()
    from officium.core import worker

    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    if args.exit_with_parent:
        threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    print("Officium task worker started", flush=True)
    worker.run(stop)
    return 0


def _exit_with_parent(parent_pid: int) -> None:
    """`serve` may be killed by a signal before it can stop its worker: the worker notices and stops itself."""
    while os.getppid() == parent_pid:
        threading.Event().wait(1.0)
    os.kill(os.getpid(), signal.SIGTERM)


# --- database and data ------------------------------------------------------------------------------
def refuse_a_newer_database() -> None:
    from officium.ops import upgrades

    try:
        upgrades.refuse_a_newer_database()
    except upgrades.UpgradeError as error:
        raise CommandFailed(str(error)) from None


def cmd_migrate(args: argparse.Namespace) -> int:
    setup_django()
    refuse_a_newer_database()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=args.verbosity)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    setup_django()
    from officium import demo

    logins = demo.load(password=args.password)
    print(demo.describe(logins), flush=True)
    return 0


def cmd_createadmin(args: argparse.Namespace) -> int:
    setup_django()
    from officium import demo

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Password (again): ") != password:
            raise CommandFailed("the two passwords differ")
    from officium.core.errors import DomainError

    try:
        user = demo.create_administrator(
            username=args.username,
            password=password,
            email=args.email or "",
            phone=args.phone,
            display_name=args.display_name or "",
        )
    except DomainError as error:
        raise CommandFailed(f"{error.code}: {error.detail or error.title}") from None
    print(f"Created the system administrator {user.username}.", flush=True)
    return 0


# --- checks ------------------------------------------------------------------------------------------
def cmd_check(args: argparse.Namespace) -> int:
    """Configuration, pending migrations and connectivity; exits 1 when anything is wrong."""
    setup_django()
    from django.conf import settings
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from officium.core import health

    problems: list[str] = []
    try:
        call_command("check", deploy=settings.ENVIRONMENT == "production", fail_level="WARNING")
    except SystemCheckError as error:
        problems.append(f"configuration: {error}")
    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            problems.append(f"database: {len(pending)} migration(s) not applied; run `officium migrate`")
    except Exception as error:  # noqa: BLE001  (reported as a failed check)
        problems.append(f"database: {error}")
    parts = health.run_checks() if not problems else []
    for part in parts:
        if part.name == "worker" and args.no_worker:
            continue
        status = "ok" if part.ok else "FAILED"
        print(f"{part.name:15} {status} {part.detail}".rstrip())
        if not part.ok:
            problems.append(f"{part.name}: {part.detail}")
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    print("All checks passed." if not problems else f"{len(problems)} problem(s) found.")
    return 0 if not problems else 1


def cmd_audit_verify(args: argparse.Namespace) -> int:
    setup_django()
    from officium.core import audit

    report = audit.verify_chain()
    if report.ok:
        print(f"Audit chain intact: {report.checked} event(s) verified.")
        return 0
    print(f"Audit chain BROKEN at event {report.first_broken_id}: {report.reason}", file=sys.stderr)
    return 1


def cmd_upgrade(args: argparse.Namespace) -> int:
    setup_django()
    from officium.ops import upgrades
    from officium.ops.archive import ArchiveError

    try:
        done = upgrades.upgrade(back_up=not args.no_backup)
    except (upgrades.UpgradeError, ArchiveError) as error:
        raise CommandFailed(f"upgrade failed: {error}") from None
    if not done.applied:
        print(f"Already up to date; audit chain intact ({done.audit_events} events).")
        return 0
    print(f"Backup before upgrading: {done.backup}" if done.backup else "No backup was made.")
    print(f"Applied {len(done.applied)} migration(s); verified: none pending, audit chain intact", end=" ")
    print(f"({done.audit_events} events).")
    return 0


# --- backup / restore ------------------------------------------------------------------------------
def cmd_backup(args: argparse.Namespace) -> int:
    setup_django()
    from officium.ops import backups
    from officium.ops.archive import ArchiveError

    try:
        made = backups.make(directory=args.output, encrypt=not args.no_encrypt)
    except ArchiveError as error:
        raise CommandFailed(f"backup failed: {error}") from None
    backup = made.backup
    print(
        f"Backup written: {made.path} ({backup.size_bytes} bytes, {backup.rows} rows, {backup.files} files, "
        f"{'encrypted' if backup.encrypted else 'not encrypted'}, sha256 {backup.sha256}) in {backup.seconds:.1f} s"
    )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    setup_django()
    from officium.ops import restores
    from officium.ops.archive import ArchiveError

    path = Path(args.archive)
    if not args.drill and not args.yes:
        answer = input(
            f"This replaces ALL data of this installation with {path.name}. Stop every `officium serve` and "
            "`officium worker` first. Type 'restore' to go on: "
        )
        if answer.strip() != "restore":
            print("Nothing was changed.")
            return 1
    try:
        result = restores.drill(path) if args.drill else restores.restore(path)
    except ArchiveError as error:
        raise CommandFailed(f"{'drill' if args.drill else 'restore'} refused, nothing was changed: {error}") from None
    label = "Restore drill" if args.drill else "Restore"
    print(f"{label} {'verified' if result.ok else 'FAILED verification'}: {result.detail} ({result.seconds:.1f} s)")
    return 0 if result.ok else 1


def cmd_manage(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["officium manage", *args.arguments])
    return 0


# --- the parser ----------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="officium",
        description="Officium: self-hosted office automation. Configuration comes from OFFICIUM_* "
        "environment variables (see docs/configuration.md).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, handler: Callable[[argparse.Namespace], int], help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        return sub

    serve = add("serve", cmd_serve, "Serve the web app, the API and websockets, with the task worker.")
    serve.add_argument("--host", default=os.environ.get("OFFICIUM_HOST", "127.0.0.1"), help="address to bind")
    serve.add_argument(
        "--port", type=int, default=int(os.environ.get("OFFICIUM_PORT", "8000")), help="port (OFFICIUM_PORT)"
    )
    serve.add_argument("--workers", type=int, default=1, help="server processes (more than 1 needs Redis)")
    serve.add_argument("--no-worker", action="store_true", help="do not run a task worker with the server")
    serve.add_argument(
        "--forwarded-allow-ips", default="127.0.0.1", help="proxies whose X-Forwarded-* headers are trusted"
    )
    serve.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    serve.add_argument("--access-log", action="store_true", help="log every request (nginx usually does)")

    worker = add("worker", cmd_worker, "Run the background task worker (and periodic jobs) in the foreground.")
    worker.add_argument("--exit-with-parent", action="store_true", help="stop when the parent process ends")

    migrate = add("migrate", cmd_migrate, "Create or update the database schema.")
    migrate.add_argument("--verbosity", type=int, default=1, choices=[0, 1, 2, 3])

    demo = add("demo", cmd_demo, "Load the demo company once and print its logins.")
    demo.add_argument("--password", help="password for every demo login (default: generated once)")

    admin = add("createadmin", cmd_createadmin, "Create a system administrator account.")
    admin.add_argument("--username", required=True)
    admin.add_argument("--email")
    admin.add_argument("--phone", help="mobile number, e.g. +8613800000000")
    admin.add_argument("--display-name")
    admin.add_argument("--password-stdin", action="store_true", help="read the password from standard input")

    check = add("check", cmd_check, "Check configuration, pending migrations and connectivity.")
    check.add_argument("--no-worker", action="store_true", help="do not require a running task worker")

    audit = add("audit", lambda _: 2, "Audit log tools.")
    audit_commands = audit.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    verify = audit_commands.add_parser(
        "verify", help="Verify the hash chain; report the first broken event.", description="Verify the audit chain."
    )
    verify.set_defaults(handler=cmd_audit_verify)

    upgrade = add("upgrade", cmd_upgrade, "Back up, apply the new version's migrations and verify the result.")
    upgrade.add_argument("--no-backup", action="store_true", help="skip the backup (you made one yourself)")

    backup = add("backup", cmd_backup, "Write a consistent backup archive of the database and the media files.")
    backup.add_argument("--output", help="directory for the archive (default OFFICIUM_BACKUP_DIR)")
    backup.add_argument("--no-encrypt", action="store_true", help="do not encrypt even if OFFICIUM_BACKUP_KEY is set")

    restore = add(
        "restore", cmd_restore, "Check an archive, restore it and verify every row, file and the audit chain."
    )
    restore.add_argument("archive", help="the archive written by `officium backup`")
    restore.add_argument(
        "--drill", action="store_true", help="restore into a scratch database, verify and record the drill only"
    )
    restore.add_argument("--yes", action="store_true", help="do not ask before replacing the live data")

    manage = add("manage", cmd_manage, "Run a Django management command (e.g. `officium manage shell`).")
    manage.add_argument("arguments", nargs=argparse.REMAINDER)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args: Any = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except CommandFailed as error:
        print(f"officium {args.command}: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
