"""The database side of a backup: a consistent copy, row counts from the same snapshot, and restore.

SQLite copies through its online-backup API (a consistent page copy, while others write). PostgreSQL
exports a snapshot from a REPEATABLE READ transaction: the row counts and the audit chain heads are
read in it and `pg_dump --snapshot` dumps exactly that state, so the manifest describes the dump.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.utils import load_backend
from psycopg import sql

from officium.ops.archive import ArchiveError

SQLITE_MEMBER = "database.sqlite3"
POSTGRES_MEMBER = "database.pgdump"
AUDIT_HEADS = "core_auditchainhead"


@dataclass(frozen=True)
class Snapshot:
    vendor: str
    member: str
    path: Path
    tables: dict[str, int]
    migrations: dict[str, list[str]]
    audit_heads: dict[str, str]


def vendor(alias: str = "default") -> str:
    return connections[alias].vendor


def code_migrations() -> dict[str, list[str]]:
    """The migrations this version of Officium ships, per app."""
    return _grouped(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


def _grouped(keys: Any) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for app, name in sorted(keys):
        grouped.setdefault(app, []).append(name)
    return grouped


# --- taking the copy ----------------------------------------------------------------------------------------
def snapshot(work_dir: Path) -> Snapshot:
    if vendor() == "sqlite":
        return _sqlite_snapshot(work_dir / SQLITE_MEMBER)
    if vendor() == "postgresql":
        return _postgres_snapshot(work_dir / POSTGRES_MEMBER)
    raise ArchiveError(f"backups support SQLite and PostgreSQL, not {vendor()}")


def _sqlite_snapshot(target: Path) -> Snapshot:
    live = connections["default"]
    live.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        live.connection.backup(copy)
        cursor = copy.cursor()
        tables = [
            name
            for (name,) in cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            if not name.startswith("sqlite_")
        ]
        counts = {name: cursor.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in tables}  # noqa: S608  (names come from the catalogue)
        migrations = _grouped(cursor.execute("SELECT app, name FROM django_migrations"))
        heads = {str(chain): last for chain, last in cursor.execute(f"SELECT id, last_hash FROM {AUDIT_HEADS}")}  # noqa: S608
    finally:
        copy.close()
    return Snapshot("sqlite", SQLITE_MEMBER, target, counts, migrations, heads)


def _postgres_snapshot(target: Path) -> Snapshot:
    settings_dict = connections["default"].settings_dict
    with psycopg.connect(**_libpq(settings_dict)) as reader:
        reader.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        reader.read_only = True
        with reader.transaction():
            exported = reader.execute("SELECT pg_export_snapshot()").fetchone()
            assert exported is not None
            counts = _postgres_counts(reader)
            migrations = _grouped(reader.execute("SELECT app, name FROM django_migrations").fetchall())
            heads = {str(chain): last for chain, last in reader.execute(f"SELECT id, last_hash FROM {AUDIT_HEADS}")}  # noqa: S608
            dump = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={exported[0]}"]
            _run([*dump, "--file", str(target), "--dbname", settings_dict["NAME"]], settings_dict, "pg_dump")
    return Snapshot("postgresql", POSTGRES_MEMBER, target, counts, migrations, heads)


def _postgres_counts(connection: psycopg.Connection[Any]) -> dict[str, int]:
    tables = [
        name
        for (name,) in connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
        )
    ]
    counts = {}
    for name in tables:
        row = connection.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(name))).fetchone()
        assert row is not None
        counts[name] = int(row[0])
    return counts


def _libpq(settings_dict: dict[str, Any]) -> dict[str, Any]:
    params = {
        "dbname": settings_dict["NAME"],
        "user": settings_dict.get("USER") or None,
        "password": settings_dict.get("PASSWORD") or None,
        "host": settings_dict.get("HOST") or None,
        "port": settings_dict.get("PORT") or None,
        "autocommit": False,
    }
    return {key: value for key, value in params.items() if value is not None}


def _run(command: list[str], settings_dict: dict[str, Any], tool: str) -> None:
    if shutil.which(command[0]) is None:
        raise ArchiveError(f"{tool} is not installed: install the PostgreSQL client tools of the server's version")
    environment = {**os.environ}
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD")):
        if settings_dict.get(key):
            environment[variable] = str(settings_dict[key])
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise ArchiveError(f"{tool} failed: {result.stderr.strip()[-2000:]}")


# --- putting it back ----------------------------------------------------------------------------------------
def restore_into(alias: str, member_path: Path, member_vendor: str) -> None:
    """Replace the whole content of database `alias` with the archived copy."""
    target = connections[alias]
    if target.vendor != member_vendor:
        raise ArchiveError(f"this archive holds a {member_vendor} database; this installation uses {target.vendor}")
    if member_vendor == "sqlite":
        source = sqlite3.connect(member_path)
        try:
            target.ensure_connection()
            source.backup(target.connection)
        finally:
            source.close()
        return
    target.close()
    command = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction"]
    command += ["--exit-on-error", "--dbname", target.settings_dict["NAME"], str(member_path)]
    _run(command, target.settings_dict, "pg_restore")


def forget_connections(alias: str) -> None:
    """After a PostgreSQL restore, pooled connections may hold plans for the tables it replaced."""
    connection = connections[alias]
    connection.close()
    close_pool = getattr(connection, "close_pool", None)
    if close_pool is not None and connection.vendor == "postgresql":
        close_pool()


def counts(alias: str) -> dict[str, int]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        found = {}
        for name in sorted(tables):
            if name.startswith("sqlite_"):
                continue
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(name)}")  # noqa: S608  (catalogue names)
            found[name] = int(cursor.fetchone()[0])
    return found


def audit_heads(alias: str) -> dict[str, str]:
    with connections[alias].cursor() as cursor:
        cursor.execute(f"SELECT id, last_hash FROM {AUDIT_HEADS}")  # noqa: S608
        return {str(chain): last for chain, last in cursor.fetchall()}


@contextlib.contextmanager
def scratch(work_dir: Path) -> Iterator[str]:
    """A database of the same kind, empty, registered as a connection alias for the drill; removed after."""
    live = connections["default"].settings_dict
    alias = f"drill_{uuid.uuid4().hex[:12]}"
    settings_dict = {**live, "OPTIONS": {k: v for k, v in live.get("OPTIONS", {}).items() if k != "pool"}}
    if vendor() == "sqlite":
        settings_dict["NAME"] = str(work_dir / "drill.sqlite3")
    else:
        settings_dict["NAME"] = f"officium_{alias}"
        _create_postgres_database(live, settings_dict["NAME"])
    # A connection of this thread only, not a configured database: nothing else can route to it.
    connections[alias] = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, alias)
    try:
        yield alias
    finally:
        connections[alias].close()
        del connections[alias]
        if vendor() == "postgresql":
            _drop_postgres_database(live, settings_dict["NAME"])


def _create_postgres_database(live: dict[str, Any], name: str) -> None:
    try:
        with psycopg.connect(**{**_libpq(live), "autocommit": True}) as admin:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.Error as error:
        raise ArchiveError(
            f"the drill needs a scratch database and could not create one ({error}); "
            "grant CREATEDB to the database user"
        ) from None


def _drop_postgres_database(live: dict[str, Any], name: str) -> None:
    with psycopg.connect(**{**_libpq(live), "autocommit": True}) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
