"""The demo company loaded by `officium demo` (and `make run`), and the first administrator.

Demo logins get one password generated for this installation and kept in the data directory
(`demo-logins.json`, mode 0600): there are no default credentials, not even for the demo.
"""

from __future__ import annotations

import json
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from officium.accounts import services as accounts
from officium.accounts.models import User
from officium.org import roles
from officium.org import services as org

LOGINS_FILE = "demo-logins.json"
EMAIL_DOMAIN = "demo.officium.local"


@dataclass(frozen=True)
class DemoPerson:
    username: str
    display_name: str
    phone: str
    roles: tuple[str, ...]
    staff: bool = False


PEOPLE = (
    DemoPerson("admin", "系统管理员", "+8613800000001", (roles.SYSTEM_ADMIN,), staff=True),
    DemoPerson("audit", "审计管理员", "+8613800000002", (roles.AUDIT_ADMIN,)),
    DemoPerson("security", "安全管理员", "+8613800000007", (roles.SECURITY_ADMIN,)),
    DemoPerson("zhangwei", "张伟", "+8613800000003", (roles.DEPARTMENT_MANAGER, roles.EMPLOYEE)),
    DemoPerson("lina", "李娜", "+8613800000004", (roles.EMPLOYEE,)),
    DemoPerson("wangfang", "王芳", "+8613800000005", (roles.EMPLOYEE,)),
    DemoPerson("liuyang", "刘洋", "+8613800000006", (roles.EMPLOYEE,)),
)


@dataclass(frozen=True)
class DemoLogins:
    password: str
    usernames: tuple[str, ...]
    created: bool


def _logins_path() -> Path:
    return Path(settings.DATA_DIR) / LOGINS_FILE


def _write_logins(password: str) -> None:
    path = _logins_path()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, stat.S_IRUSR | stat.S_IWUSR)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump({"password": password, "usernames": [p.username for p in PEOPLE]}, handle)


def load(*, password: str | None = None) -> DemoLogins:
    """Create the demo company the first time; later calls only report the logins."""
    usernames = tuple(person.username for person in PEOPLE)
    path = _logins_path()
    if User.objects.filter(username__in=usernames).exists():
        stored = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        return DemoLogins(password=stored.get("password", ""), usernames=usernames, created=False)
    password = password or secrets.token_urlsafe(12)
    with transaction.atomic():
        for person in PEOPLE:
            user = accounts.user_create(
                actor=None,
                username=person.username,
                password=password,
                display_name=person.display_name,
                email=f"{person.username}@{EMAIL_DOMAIN}",
                phone=person.phone,
                is_staff=person.staff,
                is_superuser=person.staff,
            )
            for role_key in person.roles:
                org.role_grant(actor=None, user=user, role_key=role_key)
    _write_logins(password)
    return DemoLogins(password=password, usernames=usernames, created=True)


def describe(logins: DemoLogins) -> str:
    lines = ["Demo company " + ("loaded." if logins.created else "already loaded.")]
    if logins.password:
        lines.append(f"Demo logins (password for all: {logins.password}):")
    else:
        lines.append(f"Demo logins (the password was set elsewhere; {LOGINS_FILE} is missing):")
    for person in PEOPLE:
        lines.append(f"  {person.username:10} {person.display_name}  {', '.join(person.roles)}  {person.phone}")
    return "\n".join(lines)


def create_administrator(
    *, username: str, password: str, email: str = "", phone: str | None = None, display_name: str = ""
) -> User:
    """The operator's first system administrator (Django admin access included)."""
    with transaction.atomic():
        user = accounts.user_create(
            actor=None,
            username=username,
            password=password,
            display_name=display_name,
            email=email,
            phone=phone,
            is_staff=True,
            is_superuser=True,
        )
        org.role_grant(actor=None, user=user, role_key=roles.SYSTEM_ADMIN)
    return user
