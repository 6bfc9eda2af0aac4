"""A large generated organisation for benchmarks, inserted in bulk (the services would audit each row,
which is right for people and needlessly slow for ten thousand generated ones)."""

from __future__ import annotations

import random
from typing import Any

from django.db import connection

from officium.accounts import services as accounts
from officium.accounts.models import User
from officium.demo import GIVEN, SURNAMES
from officium.org import roles
from officium.org import services as org
from officium.org.models import Department, DepartmentHead, Employee
from officium.org.pinyin import full_and_initials
from officium.org.services import reporting
from officium.org.services.employees import search_text

SEED = 7


def _level_sizes(total: int, depth: int) -> list[int]:
    """How many departments on each level: a root, then growing by a constant factor."""
    factor = 1.0
    while sum(round(factor**level) for level in range(depth)) < total:
        factor += 0.01
    sizes = [max(1, round(factor**level)) for level in range(depth)]
    sizes[-1] -= sum(sizes) - total
    return sizes


def build_organisation(*, employees: int, departments: int, depth: int) -> Any:
    """Create the tree, the people and their heads; returns a viewer who may see everything."""
    rng = random.Random(SEED)
    created: list[list[Department]] = []
    serial = 0
    for level, size in enumerate(_level_sizes(departments, depth)):
        row = []
        for _ in range(size):
            serial += 1
            parent = rng.choice(created[level - 1]) if level else None
            department = Department(name=f"部门{serial}", code=f"D{serial:05d}", parent=parent, depth=level)
            department.path = (parent.path if parent else "/") + f"{department.pk.hex}/"
            row.append(department)
        created.append(row)
    all_departments = [d for row in created for d in row]
    Department.objects.bulk_create(all_departments, batch_size=500)

    users, people = [], []
    for n in range(employees):
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        user = User(username=f"u{n:05d}", display_name=name, phone=f"+86139{n:08d}", email=f"u{n}@bench.test")
        user.set_unusable_password()
        employee = Employee(
            user=user,
            employee_number=f"E{n:05d}",
            name=name,
            main_department=rng.choice(all_departments),
        )
        employee.name_pinyin, employee.pinyin_initials = full_and_initials(name)
        employee.search_text = search_text(employee, user.phone)
        users.append(user)
        people.append(employee)
    User.objects.bulk_create(users, batch_size=1000)
    for employee, user in zip(people, users, strict=True):
        employee.user_id = user.pk
    Employee.objects.bulk_create(people, batch_size=1000)

    heads, seen = [], set()
    for employee in people:
        if employee.main_department_id not in seen:
            seen.add(employee.main_department_id)
            heads.append(DepartmentHead(department_id=employee.main_department_id, employee=employee))
    DepartmentHead.objects.bulk_create(heads, batch_size=1000)
    reporting.recompute()

    if connection.vendor == "postgresql":
        # Fresh statistics, as autovacuum would have them on a database that grew over time.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    viewer = accounts.user_create(actor=None, username="bench-viewer", password=None, display_name="Bench")
    org.role_grant(actor=None, user=viewer, role_key=roles.SYSTEM_ADMIN)
    return viewer
