"""Upgrades: `officium upgrade` backs up, migrates and verifies; no command runs on a newer schema.

A database migrated by a newer Officium holds migrations this version does not know. Serving it
would run old code on a new schema, so `serve`, `worker`, `migrate` and `upgrade` refuse it and say
which version to run instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

from officium.core import audit
from officium.ops import backups, database
from officium.ops.models import Backup


class UpgradeError(Exception):
    """The upgrade cannot start or did not verify; the message says what to do."""


def unknown_applied_migrations() -> list[str]:
    """Migrations recorded in the database that this version does not ship (a newer version ran)."""
    if not MigrationRecorder(connection).has_table():
        return []
    known = {(app, name) for app, names in database.code_migrations().items() for name in names}
    applied = MigrationRecorder(connection).applied_migrations()
    return sorted(f"{app}.{name}" for app, name in applied if (app, name) not in known)


def refuse_a_newer_database() -> None:
    unknown = unknown_applied_migrations()
    if unknown:
        shown = ", ".join(unknown[:5]) + (" …" if len(unknown) > 5 else "")
        raise UpgradeError(
            f"this database was migrated by a newer Officium ({len(unknown)} unknown migration(s): {shown}). "
            "Run that version, or restore a backup made by this one."
        )


def pending_migrations() -> list[str]:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]


@dataclass(frozen=True)
class Upgraded:
    applied: list[str]
    backup: Path | None
    audit_events: int


def upgrade(*, back_up: bool = True) -> Upgraded:
    """Back up (unless told not to), apply the pending migrations, verify the result."""
    refuse_a_newer_database()
    pending = pending_migrations()
    if not pending:
        return Upgraded([], None, audit.verify_chain().checked)
    # The record of backups may not exist before migrating (an upgrade from a version without it):
    # the archive is written first and recorded once the schema is current.
    written = backups.write() if back_up and _has_schema() else None
    try:
        call_command("migrate", interactive=False, verbosity=0)
    except Exception as error:
        restore_hint = (
            f" Reinstall the previous version and restore {written.path} with `officium restore`." if written else ""
        )
        raise UpgradeError(f"the migrations failed: {error}.{restore_hint}") from error
    left = pending_migrations()
    if left:
        raise UpgradeError(f"after migrating, {len(left)} migration(s) are still pending: {', '.join(left[:5])}")
    chain = audit.verify_chain()
    if not chain.ok:
        raise UpgradeError(f"after migrating, the audit chain is broken at event {chain.first_broken_id}")
    if written is not None:
        backups.record(written, trigger=Backup.Trigger.UPGRADE)
    return Upgraded(pending, written.path if written else None, chain.checked)


def _has_schema() -> bool:
    """A database with no tables yet (a first install) has nothing to back up."""
    return "core_auditchainhead" in connection.introspection.table_names()
