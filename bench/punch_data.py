"""Data for punch-peak: a large organisation in one attendance group with one clock-in place, every
employee's location consent, and a signed-in session per employee (written straight to the session
store: ten thousand logins through the login page would measure the password hasher, not punching).
"""

from __future__ import annotations

import random
import time
from decimal import Decimal
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db import connection
from django.middleware.csrf import CSRF_SECRET_LENGTH
from django.utils import timezone
from django.utils.crypto import get_random_string

from bench.org_data import build_organisation
from officium.accounts.models import User
from officium.attendance.models import Consent
from officium.attendance.services import groups
from officium.org.models import Employee

PLACE = (Decimal("31.230416"), Decimal("121.473701"))
RADIUS_M = 500


def organisation(people: int) -> list[Employee]:
    build_organisation(employees=people, departments=max(people // 10, 10), depth=6)
    return list(Employee.objects.filter(user__username__startswith="u").order_by("employee_number"))


def attendance_group(employees: list[Employee]) -> None:
    administrator = User.objects.get(username="admin")
    group = groups.group_create(
        actor=administrator, name="压测考勤", employee_ids=[employee.pk for employee in employees]
    )
    groups.place_create(
        actor=administrator,
        group_id=group.pk,
        name="上海总部",
        latitude=PLACE[0],
        longitude=PLACE[1],
        radius_m=RADIUS_M,
    )
    now = timezone.now()
    Consent.objects.bulk_create(
        [Consent(employee=employee, purpose="location", granted_at=now) for employee in employees], batch_size=2000
    )


def sessions(employees: list[Employee]) -> list[dict[str, Any]]:
    """A session, a CSRF secret and a spot within 100 m of the office, per employee."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    backend = settings.AUTHENTICATION_BACKENDS[0]
    users = {user.pk: user for user in User.objects.filter(pk__in=[e.user_id for e in employees])}
    spots = random.Random(5)
    people = []
    for employee in employees:
        user = users[employee.user_id]
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = backend
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        csrf = get_random_string(CSRF_SECRET_LENGTH)
        north = spots.uniform(-90, 90) / 111_195
        people.append(
            {
                "cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}; {settings.CSRF_COOKIE_NAME}={csrf}",
                "csrf": csrf,
                "latitude": f"{PLACE[0] + Decimal(f'{north:.6f}')}",
                "longitude": f"{PLACE[1]}",
            }
        )
    return people


def baseline_inserts_per_second(rows: int) -> float:
    """Plain INSERTs of punch-shaped rows, one transaction each, on the same database: the floor."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE bench_punch_copy AS SELECT * FROM attendance_punch WHERE false")
        employee_id = Employee.objects.values_list("pk", flat=True).first().hex  # both databases take hex
        started = time.perf_counter()
        for _ in range(rows):
            cursor.execute(
                "INSERT INTO bench_punch_copy (id, employee_id, punched_at, received_at, source, status, "
                "review_reasons, latitude, longitude, accuracy_m, datum, field_work, remark, fingerprint) "
                "VALUES (%s, %s, %s, %s, 'online', 'accepted', %s, %s, %s, 15, 'wgs84', false, '', %s)",
                [
                    get_random_string(32, "0123456789abcdef"),
                    employee_id,
                    timezone.now(),
                    timezone.now(),
                    "[]",
                    PLACE[0],
                    PLACE[1],
                    "f" * 64,
                ],
            )
        seconds = time.perf_counter() - started
        cursor.execute("DROP TABLE bench_punch_copy")
    return round(rows / seconds, 1)
