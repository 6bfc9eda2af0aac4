"""backup-restore: `officium backup` and a verified restore of a large company, beside pg_dump/pg_restore.

A child process fills a scratch PostgreSQL database: the organisation (10,000 people), a year of
approvals (26 per person, three tasks each) and a year of attendance (two punches per person per
working day), in bulk with SQL, and a hash-chained audit row per approval. Then, in the same process and the same run:

- backup: `backups.write` (a snapshot, pg_dump of it, row counts, media, manifest, checksums);
- restore: `restores.drill` (checks, a scratch database, pg_restore, verification of every table's
  count and the whole audit chain), the figure an operator waits for;
- baseline: `pg_dump --format=custom` of the same database, and `CREATE DATABASE` + `pg_restore` of
  that dump, alone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

PEOPLE, QUICK_PEOPLE = 10_000, 1_000
APPROVALS_PER_PERSON, TASKS_PER_APPROVAL = 26, 3
WORKING_DAYS = 250


def run(*, quick: bool) -> dict[str, Any]:
    from bench.server import scratch_postgres

    with scratch_postgres(f"officium_bench_backup_{os.getpid()}") as url, tempfile.TemporaryDirectory() as data:
        env = {k: v for k, v in os.environ.items() if not k.startswith("OFFICIUM_") and k != "DJANGO_SETTINGS_MODULE"}
        env.update(
            OFFICIUM_ENVIRONMENT="development",
            OFFICIUM_DEBUG="false",
            OFFICIUM_DATA_DIR=data,
            OFFICIUM_DATABASE_URL=url,
            OFFICIUM_BACKUP_SCHEDULE="off",
        )
        subprocess.run([sys.executable, "-m", "officium.cli", "migrate", "--verbosity", "0"], env=env, check=True)
        command = [sys.executable, "-m", "bench.backup_restore", "--child", *(["--quick"] if quick else [])]
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"backup-restore failed:\n{result.stderr[-4000:]}")
        figures: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    print(
        f"postgresql: backup {figures['backup_s']} s ({figures['size_mb']} MB) "
        f"vs pg_dump {figures['baseline_dump_s']} s; "
        f"verified restore {figures['restore_s']} s vs pg_restore {figures['baseline_restore_s']} s",
        flush=True,
    )
    return {
        "baseline": "pg_dump --format=custom alone, and CREATE DATABASE + pg_restore of that dump alone, same run",
        **figures,
    }


def _child_main(quick: bool) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "officium.config.settings.development")
    django.setup()
    from django.db import connection

    from bench import approval_data
    from officium.ops import backups, restores

    people = QUICK_PEOPLE if quick else PEOPLE
    started = time.perf_counter()
    approval_data.organisation(people)
    approval_data.history(people * APPROVALS_PER_PERSON * TASKS_PER_APPROVAL, TASKS_PER_APPROVAL, keep_clear=0)
    punches = _a_year_of_punches()
    _audit_history(people * APPROVALS_PER_PERSON)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    build_s = time.perf_counter() - started

    with tempfile.TemporaryDirectory() as work:
        directory = Path(work)
        began = time.perf_counter()
        written = backups.write(directory=directory, encrypt=False)
        backup_s = time.perf_counter() - began
        began = time.perf_counter()
        drill = restores.drill(written.path)
        restore_s = time.perf_counter() - began
        if not drill.ok:
            raise RuntimeError(f"the drill did not verify: {drill.detail}")
        baseline_dump_s, baseline_restore_s = _baseline(directory / "baseline.pgdump")
        size_mb = written.path.stat().st_size / 1e6
    print(
        json.dumps(
            {
                "database": "postgresql",
                "people": people,
                "rows": written.rows,
                "punches": punches,
                "backup_s": round(backup_s, 2),
                "restore_s": round(restore_s, 2),
                "size_mb": round(size_mb, 1),
                "baseline_dump_s": round(baseline_dump_s, 2),
                "baseline_restore_s": round(baseline_restore_s, 2),
                "restore_verified": drill.detail,
                "build_s": round(build_s, 1),
            }
        )
    )


def _a_year_of_punches() -> int:
    """Two punches a working day for everyone, a year back, written with INSERT … SELECT."""
    from django.db import connection

    from bench.approval_data import insert_select
    from officium.attendance.models import Punch

    punched_at = "d.day + CASE WHEN s.n = 0 THEN interval '8 hours 55 minutes' ELSE interval '18 hours 5 minutes' END"
    insert_select(
        Punch._meta.db_table,
        {
            "id": "gen_random_uuid()",
            "employee_id": "e.id",
            "group_id": "NULL",
            "punched_at": punched_at,
            "received_at": punched_at,
            "device_time": "NULL",
            "source": "'online'",
            "status": "'accepted'",
            "review_reasons": "'[]'::jsonb",
            "latitude": "31.230416",
            "longitude": "121.473701",
            "accuracy_m": "20",
            "datum": "'wgs84'",
            "place_id": "NULL",
            "distance_m": "35",
            "wifi_ssid": "''",
            "wifi_bssid": "''",
            "wifi_network_id": "NULL",
            "field_work": "false",
            "remark": "''",
            "photo_id": "NULL",
            "fingerprint": "md5(e.id::text || d.day::text || s.n::text) || md5(d.day::text)",
        },
        "FROM org_employee e "
        f"CROSS JOIN (SELECT now()::date - g * interval '1 day' AS day FROM generate_series(1, {WORKING_DAYS}) g) d "
        "CROSS JOIN (VALUES (0), (1)) AS s(n)",
        [field.column for field in Punch._meta.concrete_fields],
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {Punch._meta.db_table}")
        (count,) = cursor.fetchone()
    return int(count)


def _audit_history(events: int) -> None:
    """Hash-chained audit rows, one per approval (the chain is what a restore recomputes in full)."""
    from django.db import transaction

    from officium.core import audit

    chunk = 5_000
    for start in range(0, events, chunk):
        with transaction.atomic():
            audit.record_many(
                [
                    audit.Entry(action="approvals.task.approve", object_type="approvals.task", object_id=f"H{n}")
                    for n in range(start, min(start + chunk, events))
                ]
            )


def _baseline(dump: Path) -> tuple[float, float]:
    from django.db import connection

    from bench.server import scratch_postgres

    name = connection.settings_dict["NAME"]
    began = time.perf_counter()
    subprocess.run(["pg_dump", "--format=custom", "--file", str(dump), "--dbname", _url(name)], check=True)
    dump_s = time.perf_counter() - began
    began = time.perf_counter()
    with scratch_postgres(f"{name}_baseline") as url:
        subprocess.run(["pg_restore", "--no-owner", "--dbname", url, str(dump)], check=True)
        restore_s = time.perf_counter() - began
    return dump_s, restore_s


def _url(name: str) -> str:
    from bench.server import POSTGRES_ADMIN_URL

    return POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


if __name__ == "__main__" and "--child" in sys.argv:
    _child_main("--quick" in sys.argv)
