"""The demo company loaded by `officium demo` (and `make run`), and the first administrator.

About 200 people in a group company four levels deep, generated from a fixed seed so that tests
and screenshots see the same company every time. The demo logins share one password generated for
this installation and kept in the data directory (`demo-logins.json`, mode 0600): there are no
default credentials, not even for the demo. Everybody else has an account that cannot sign in.
"""

from __future__ import annotations

import datetime
import json
import os
import random
import secrets
import stat
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction

from officium.accounts import services as accounts
from officium.accounts.models import User
from officium.approvals import builtin
from officium.approvals.services import builtins
from officium.attendance.services import calendar, shifts
from officium.attendance.services import groups as attendance
from officium.leave import services as leave
from officium.org import roles
from officium.org import services as org
from officium.org.models import Department, Employee

LOGINS_FILE = "demo-logins.json"
EMAIL_DOMAIN = "demo.officium.local"
SEED = 20261125


@dataclass(frozen=True)
class Unit:
    """A department of the demo tree: its name, code, size (people besides the head) and children."""

    name: str
    code: str
    size: int = 0
    children: tuple[Unit, ...] = ()
    job: str = "专员"
    head_title: str = ""


TREE = Unit(
    "Officium 示例集团",
    "HQ",
    2,
    (
        Unit("总裁办", "HQ-CEO", 4, job="助理"),
        Unit("人力资源部", "HQ-HR", 6, job="人事专员"),
        Unit("财务部", "HQ-FIN", 6, job="会计", head_title="财务总监"),
        Unit("信息技术部", "HQ-IT", 5, job="运维工程师"),
        Unit(
            "上海分公司",
            "SH",
            2,
            (
                Unit(
                    "销售部",
                    "SH-SALES",
                    2,
                    (
                        Unit("华东销售一组", "SH-SALES-1", 15, job="销售代表"),
                        Unit("华东销售二组", "SH-SALES-2", 14, job="销售代表"),
                    ),
                    job="销售经理",
                ),
                Unit("市场部", "SH-MKT", 11, job="市场专员"),
                Unit("客户服务部", "SH-CS", 13, job="客服专员"),
            ),
            job="副总经理",
        ),
        Unit(
            "北京研发中心",
            "BJ",
            1,
            (
                Unit(
                    "平台研发部",
                    "BJ-PLAT",
                    1,
                    (
                        Unit("后端组", "BJ-PLAT-BE", 15, job="后端工程师"),
                        Unit("前端组", "BJ-PLAT-FE", 10, job="前端工程师"),
                        Unit("测试组", "BJ-PLAT-QA", 7, job="测试工程师"),
                    ),
                    job="技术经理",
                ),
                Unit(
                    "产品设计部",
                    "BJ-PROD",
                    1,
                    (
                        Unit("产品组", "BJ-PROD-PM", 6, job="产品经理"),
                        Unit("设计组", "BJ-PROD-UX", 5, job="设计师"),
                    ),
                ),
            ),
            job="研发总监",
        ),
        Unit(
            "深圳分公司",
            "SZ",
            2,
            (
                Unit("运营部", "SZ-OPS", 2, (Unit("华南运营组", "SZ-OPS-1", 11, job="运营专员"),), job="运营经理"),
                Unit(
                    "仓储物流部",
                    "SZ-LOG",
                    1,
                    (
                        Unit("一号仓", "SZ-LOG-1", 11, job="仓管员"),
                        Unit("二号仓", "SZ-LOG-2", 10, job="仓管员"),
                    ),
                ),
                Unit("行政部", "SZ-ADM", 6, job="行政专员"),
            ),
            job="副总经理",
        ),
    ),
)

POSITIONS = (
    ("GM", "总经理"),
    ("MGR", "部门经理"),
    ("LEAD", "组长"),
    ("ENG", "工程师"),
    ("SALES", "销售"),
    ("ACC", "会计"),
    ("HRBP", "人事"),
    ("STAFF", "职员"),
)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    name: str
    phone: str
    department_code: str
    roles: tuple[str, ...]
    job_title: str
    staff: bool = False
    head: bool = False
    grant_scopes: dict[str, str] = field(default_factory=dict)


LOGINS = (
    DemoLogin("admin", "系统管理员", "+8613800000001", "HQ-IT", (roles.SYSTEM_ADMIN,), "系统管理员", staff=True),
    DemoLogin("audit", "审计管理员", "+8613800000002", "HQ-IT", (roles.AUDIT_ADMIN,), "审计管理员"),
    DemoLogin("security", "安全管理员", "+8613800000007", "HQ-IT", (roles.SECURITY_ADMIN,), "安全管理员"),
    DemoLogin(
        "zhangwei",
        "张伟",
        "+8613800000003",
        "BJ-PLAT",
        (roles.DEPARTMENT_MANAGER, roles.EMPLOYEE),
        "技术经理",
        head=True,
    ),
    DemoLogin("lina", "李娜", "+8613800000004", "BJ-PLAT-FE", (roles.EMPLOYEE,), "前端工程师"),
    DemoLogin("wangfang", "王芳", "+8613800000005", "HQ-HR", (roles.HR, roles.EMPLOYEE), "人事经理", head=True),
    DemoLogin("liuyang", "刘洋", "+8613800000006", "HQ-FIN", (roles.FINANCE, roles.EMPLOYEE), "会计"),
)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建红晶文斌宇浩凯欣婷雪琳晨思佳怡梓轩涵博瑶嘉俊"


@dataclass(frozen=True)
class DemoLogins:
    password: str
    usernames: tuple[str, ...]
    created: bool


def _logins_path() -> Path:
    return Path(settings.DATA_DIR) / LOGINS_FILE


def _write_logins(password: str) -> None:
    fd = os.open(_logins_path(), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, stat.S_IRUSR | stat.S_IWUSR)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump({"password": password, "usernames": [login.username for login in LOGINS]}, handle)


class _People:
    """Deterministic names, numbers and dates for the generated employees."""

    def __init__(self) -> None:
        self.random = random.Random(SEED)
        self.used_names = {login.name for login in LOGINS}
        self.counter = 100

    def name(self) -> str:
        while True:
            given = "".join(self.random.choice(GIVEN) for _ in range(self.random.choice((1, 2, 2))))
            candidate = self.random.choice(SURNAMES) + given
            if candidate not in self.used_names:
                self.used_names.add(candidate)
                return candidate

    def number(self) -> str:
        self.counter += 1
        return f"E{self.counter:04d}"

    def phone(self) -> str:
        return f"+86139{self.counter:04d}{self.random.randrange(10_000):04d}"

    def dates(self) -> tuple[datetime.date, datetime.date]:
        hired = datetime.date(2012, 1, 1) + datetime.timedelta(days=self.random.randrange(14 * 365))
        started = hired - datetime.timedelta(days=365 * self.random.randrange(0, 12))
        return hired, started


def load(*, password: str | None = None) -> DemoLogins:
    """Create the demo company the first time; later calls only report the logins."""
    usernames = tuple(login.username for login in LOGINS)
    if User.objects.filter(username__in=usernames).exists():
        stored = json.loads(_logins_path().read_text(encoding="utf-8")) if _logins_path().exists() else {}
        return DemoLogins(password=stored.get("password", ""), usernames=usernames, created=False)
    password = password or secrets.token_urlsafe(12)
    with transaction.atomic():
        _build(password)
    _write_logins(password)
    return DemoLogins(password=password, usernames=usernames, created=True)


def _build(password: str) -> None:
    positions = {code: org.position_create(actor=None, code=code, name=name) for code, name in POSITIONS}
    departments: dict[str, Department] = {}

    def create_tree(unit: Unit, parent: Department | None) -> None:
        departments[unit.code] = org.department_create(
            actor=None, name=unit.name, code=unit.code, parent_id=parent.pk if parent else None
        )
        for child in unit.children:
            create_tree(child, departments[unit.code])

    create_tree(TREE, None)
    people = _People()
    heads: dict[str, Employee] = {}
    hashed = User(username="-")
    hashed.set_password(password)

    for login in LOGINS:
        hired, started = people.dates()
        employee = org.employee_create(
            actor=None,
            employee_number=people.number(),
            name=login.name,
            department_id=departments[login.department_code].pk,
            mobile=login.phone,
            email=f"{login.username}@{EMAIL_DOMAIN}",
            username=login.username,
            hire_date=hired,
            first_work_date=started,
            job_title=login.job_title,
            position_ids=[positions["MGR" if login.head else "STAFF"].pk],
        )
        User.objects.filter(pk=employee.user_id).update(
            password=hashed.password, is_staff=login.staff, is_superuser=login.staff
        )
        for role_key in login.roles:
            org.role_grant(actor=None, user=employee.user, role_key=role_key)
        if login.head:
            heads[login.department_code] = employee

    def staff(unit: Unit) -> None:
        for index in range(unit.size + (0 if unit.code in heads else 1)):
            hired, started = people.dates()
            lead = index == 0 and unit.code not in heads
            employee = org.employee_create(
                actor=None,
                employee_number=people.number(),
                name=people.name(),
                department_id=departments[unit.code].pk,
                mobile=people.phone(),
                gender=people.random.choice(("female", "male")),
                hire_date=hired,
                first_work_date=started,
                status="probation" if hired.year >= 2026 else "active",
                job_title=_title(unit) if lead else unit.job,
                position_ids=[positions[_position(unit, lead)].pk],
            )
            if lead:
                heads[unit.code] = employee
                org.role_grant(actor=None, user=employee.user, role_key=roles.DEPARTMENT_MANAGER)
        for child in unit.children:
            staff(child)

    staff(TREE)
    for code, head in heads.items():
        org.department_set_heads(actor=None, department_id=departments[code].pk, employee_ids=[head.pk])
    # Two part-time memberships and one explicit reporting line, as real companies have.
    _extras(departments)
    _approvals(heads, hashed.password)
    _attendance(departments)
    # This year's statutory annual leave now, as the daily job would grant it.
    leave.grant_annual_leave_to_everyone(datetime.date.today().year)


def _title(unit: Unit) -> str:
    if unit.head_title:
        return unit.head_title
    if unit.code in ("HQ", "SH", "BJ", "SZ"):
        return "总经理" if unit.code == "HQ" else unit.job
    return "组长" if unit.code.count("-") >= 2 else "经理"


def _position(unit: Unit, lead: bool) -> str:
    if lead:
        return "GM" if "-" not in unit.code else ("LEAD" if unit.code.count("-") >= 2 else "MGR")
    if "工程师" in unit.job:
        return "ENG"
    if "销售" in unit.job:
        return "SALES"
    return {"会计": "ACC", "人事专员": "HRBP"}.get(unit.job, "STAFF")


def _extras(departments: dict[str, Department]) -> None:
    lina = Employee.objects.get(user__username="lina")
    org.employee_update(actor=None, employee_id=lina.pk, secondary_department_ids=[departments["BJ-PROD-UX"].pk])
    liuyang = Employee.objects.get(user__username="liuyang")
    finance_head = Employee.objects.filter(headships__department=departments["HQ-FIN"]).first()
    if finance_head is not None:
        org.employee_update(actor=None, employee_id=liuyang.pk, supervisor_id=finance_head.pk)


# Heads who approve money in the built-in flows; they sign in like the demo logins.
APPROVAL_HEADS = {"HQ-FIN": builtin.FINANCE_DIRECTOR, "HQ": builtin.GENERAL_MANAGER}


def _approvals(heads: dict[str, Employee], password_hash: str) -> None:
    """The built-in templates, published, with the finance director and general manager named."""
    administrator = User.objects.get(username="admin")
    builtins.install(actor=None, publish=True, admin_ids=[administrator.pk])
    for code, role_key in APPROVAL_HEADS.items():
        head = heads[code]
        org.role_grant(actor=None, user=head.user, role_key=role_key)
        User.objects.filter(pk=head.user_id).update(password=password_hash)


# The demo's clock-in places (WGS-84): Beijing R&D in Zhongguancun, the Shanghai office at People's Square.
DEMO_PLACES = (
    ("北京研发中心", "BJ", Decimal("39.983000"), Decimal("116.307000")),
    ("上海总部", "SH", Decimal("31.230416"), Decimal("121.473701")),
)


def _attendance(departments: dict[str, Department]) -> None:
    """One attendance group for the whole company: 09:00–18:00 on weekdays, a 300 m fence at each office."""
    administrator = User.objects.get(username="admin")
    standard = shifts.shift_create(actor=administrator, name="标准班", segments=[{"on": "09:00", "off": "18:00"}])
    group = attendance.group_create(
        actor=administrator,
        name="集团考勤",
        department_ids=[departments["HQ"].pk],
        shift_id=standard.pk,
        late_grace_minutes=5,
    )
    calendar.seed_countries_in_use(datetime.date.today())
    for name, _code, latitude, longitude in DEMO_PLACES:
        attendance.place_create(
            actor=administrator, group_id=group.pk, name=name, latitude=latitude, longitude=longitude, radius_m=300
        )


def approval_heads() -> list[Employee]:
    return list(
        Employee.objects.filter(headships__department__code__in=APPROVAL_HEADS)
        .select_related("user", "main_department")
        .order_by("employee_number")
    )


def describe(logins: DemoLogins) -> str:
    lines = ["Demo company " + ("loaded." if logins.created else "already loaded.")]
    if logins.password:
        lines.append(f"Demo logins (password for all: {logins.password}):")
    else:
        lines.append(f"Demo logins (the password was set elsewhere; {LOGINS_FILE} is missing):")
    for login in LOGINS:
        lines.append(f"  {login.username:10} {login.name}  {', '.join(login.roles)}  {login.phone}")
    for head in approval_heads():
        lines.append(f"  {head.user.username:10} {head.name}  {head.job_title}  {head.user.phone}")
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
