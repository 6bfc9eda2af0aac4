"""Valid inputs for every API operation, used by the authorization matrix.

Each operation that takes path parameters or a body needs an entry here: a new endpoint without
one fails the matrix, so no operation escapes the permission check. A factory runs once per persona
and may create what the call consumes (a department to delete, a person to off-board). Targets lie
inside every persona's data scope, so "allowed" means 2xx; scope refusals have their own tests.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import count
from typing import Any

from django.utils import timezone

from officium.accounts.models import User
from officium.core import permissions
from officium.org import services as org
from officium.org.models import Department, Employee
from officium.org.services import imports

_serial = count(1)
_months = count(1)  # its own counter: other examples may take many serials, months must stay in the past


@dataclass(frozen=True)
class Example:
    path_params: dict[str, Any] = field(default_factory=dict)
    body: Any = None
    query: dict[str, Any] = field(default_factory=dict)
    # A multipart upload: (file name, content).
    upload: tuple[str, bytes] | None = None


@dataclass(frozen=True)
class World:
    people: dict[str, User]
    staff: dict[str, Employee]
    departments: dict[str, Department]
    actor: User | None = None


Factory = Callable[[World], Example]


def _past_month() -> str:
    """A different month of the past at each call (each can be closed once): from 2000-01 on, counted
    apart from `_serial`, which other examples advance (after 300-odd calls it reached the future)."""
    serial = next(_months)
    return f"{2000 + serial // 12}-{serial % 12 + 1:02d}"


def _closed_month(world: World) -> str:
    from officium.attendance.services import periods

    month = _past_month()
    periods.lock(actor=world.people["hr"], month=datetime.date.fromisoformat(f"{month}-01"))
    return month


def _notification_id(world: World) -> Any:
    """A notification of the caller's own (anyone else's would be 404)."""
    from officium.notifications.services import Draft, notify

    user = world.actor or world.people["employee_b"]
    draft = Draft(recipient_id=user.pk, kind="approval_todo", source="approvals", title=lambda: "矩阵")
    return notify(event_id=uuid.uuid4(), drafts=[draft])[0].pk


def _robot_body() -> dict[str, Any]:
    return {"name": f"群{next(_serial)}", "provider": "wecom", "webhook_url": "https://qyapi.weixin.qq.com/hook"}


def _robot_id(world: World) -> Any:
    from officium.notifications import services

    return services.robot_create(actor=world.people["admin"], **_robot_body()).pk


def _fresh_department(world: World) -> Department:
    return org.department_create(actor=None, name=f"临时部门{next(_serial)}", parent_id=world.departments["rd"].pk)


def _fresh_employee(world: World) -> Employee:
    n = next(_serial)
    return org.employee_create(
        actor=None, employee_number=f"X{n:05d}", name=f"临时员工{n}", department_id=world.departments["fe"].pk
    )


def _fresh_role_id(world: World) -> Any:
    return org.role_create(actor=None, key=f"matrix-{next(_serial)}", name="Matrix", permission_codes=[]).pk


def _fresh_position_id(world: World) -> Any:
    return org.position_create(actor=None, code=f"MX{next(_serial)}", name="Matrix").pk


def _grant_id(world: World) -> Any:
    return org.role_grant(actor=None, user=world.people["employee_b"], role_key="finance").pk


def _employee(world: World) -> Any:
    return world.staff["employee"].pk


def _employees_csv() -> bytes:
    return f"工号,姓名,部门\nI{next(_serial):05d},导入员工,RD-FE\n".encode()


def _departments_csv() -> bytes:
    return f"部门编码,部门名称,上级部门编码\nIMP{next(_serial)},导入部门,RD\n".encode()


def _import_id(world: World, kind: str) -> Any:
    """An import uploaded by the persona when they may import, else by the administrator."""
    code = {"departments": "org.department.manage", "employees": "org.employee.manage"}[kind]
    owner = world.actor if permissions.has_permission(world.actor, code) else world.people["admin"]
    content = _departments_csv() if kind == "departments" else _employees_csv()
    return imports.import_check(actor=owner, kind=kind, file_name="sheet.csv", content=content).pk


# --- approvals ---------------------------------------------------------------------------------------------
SIMPLE_FORM = {"fields": [{"id": "reason", "type": "text", "label": "事由", "required": True}]}


def _me(world: World) -> Employee:
    """The acting persona's employee record (anonymous calls borrow employee_b's objects)."""
    user = world.actor or world.people["employee_b"]
    return Employee.objects.get(user=user)


def _template(world: World, approver: Employee | None = None) -> Any:
    from officium.approvals.services import templates

    approver = approver or world.staff["manager"]
    template = templates.template_create(
        actor=None,
        key=f"matrix-{next(_serial)}",
        name="矩阵审批",
        form=SIMPLE_FORM,
        flow={
            "nodes": [
                {"id": "n1", "type": "approver", "approvers": [{"type": "members", "employees": [str(approver.pk)]}]}
            ]
        },
        admin_ids=[_me(world).user_id],
    )
    templates.template_publish(actor=None, template_id=template.pk)
    return template


def _instance(world: World, *, approver: Employee | None = None, submitter: Employee | None = None) -> Any:
    from officium.approvals.services import instances

    submitter = submitter or _me(world)
    template = _template(
        world, approver or (world.staff["manager"] if submitter != world.staff["manager"] else world.staff["hr"])
    )
    return instances.instance_submit(actor=submitter.user, template_id=template.pk, form_data={"reason": "矩阵"})


def _my_task(world: World) -> Any:
    from officium.approvals.models import Task

    me = _me(world)
    submitter = world.staff["employee_b"] if me != world.staff["employee_b"] else world.staff["employee"]
    instance = _instance(world, approver=me, submitter=submitter)
    return Task.objects.get(instance=instance, assignee=me).pk


def _returned_instance(world: World) -> Any:
    from officium.approvals.models import Task
    from officium.approvals.services import tasks

    me = _me(world)
    other = world.staff["manager"] if me != world.staff["manager"] else world.staff["hr"]
    instance = _instance(world, approver=other, submitter=me)
    task = Task.objects.get(instance=instance, assignee=other)
    tasks.task_return(actor=other.user, task_id=task.pk, to="submitter")
    return instance.pk


def _delegation_id(world: World) -> Any:
    from officium.approvals.services import delegations

    me = _me(world)
    other = world.staff["admin"] if me != world.staff["admin"] else world.staff["hr"]
    now = timezone.now()
    return delegations.delegation_create(
        actor=me.user, delegate_id=other.pk, starts_at=now, ends_at=now + datetime.timedelta(days=1)
    ).pk


def _attachment_id(world: World) -> Any:
    from officium.approvals.services import attachments

    return attachments.attachment_upload(actor=_me(world).user, name="发票.txt", content=b"invoice").pk


def _someone_else(world: World) -> str:
    me = _me(world)
    return str((world.staff["auditor"] if me != world.staff["auditor"] else world.staff["security"]).pk)


def _today() -> str:
    return timezone.localdate().isoformat()


APPROVAL_EXAMPLES: dict[str, Factory] = {
    "create_template": lambda w: Example(
        body={"key": f"tpl-{next(_serial)}", "name": "新模板", "form": SIMPLE_FORM, "flow": {"nodes": []}}
    ),
    "install_builtin_templates": lambda w: Example(),
    "get_template": lambda w: Example(path_params={"template_id": _template(w).pk}),
    "update_template": lambda w: Example(path_params={"template_id": _template(w).pk}, body={"name": "改名"}),
    "publish_template": lambda w: Example(path_params={"template_id": _template(w).pk}),
    "get_submission_form": lambda w: Example(path_params={"template_id": _template(w).pk}),
    "preview_route": lambda w: Example(
        path_params={"template_id": _template(w).pk}, body={"form_data": {"reason": "预览"}}
    ),
    "submit_instance": lambda w: Example(body={"template_id": str(_template(w).pk), "form_data": {"reason": "提交"}}),
    "get_instance": lambda w: Example(path_params={"instance_id": _instance(w).pk}),
    "resubmit_instance": lambda w: Example(
        path_params={"instance_id": _returned_instance(w)}, body={"form_data": {"reason": "重提"}}
    ),
    "withdraw_instance": lambda w: Example(path_params={"instance_id": _instance(w).pk}, body={"reason": "不需要了"}),
    "urge_instance": lambda w: Example(path_params={"instance_id": _instance(w).pk}),
    "comment_instance": lambda w: Example(path_params={"instance_id": _instance(w).pk}, body={"text": "请尽快"}),
    "copy_instance": lambda w: Example(
        path_params={"instance_id": _instance(w).pk}, body={"employee_ids": [_someone_else(w)]}
    ),
    "terminate_instance": lambda w: Example(path_params={"instance_id": _instance(w).pk}, body={"reason": "作废"}),
    "batch_approve_tasks": lambda w: Example(body={"task_ids": [str(_my_task(w))]}),
    "approve_task": lambda w: Example(path_params={"task_id": _my_task(w)}, body={"comment": "同意"}),
    "reject_task": lambda w: Example(path_params={"task_id": _my_task(w)}, body={"comment": "不同意"}),
    "return_task": lambda w: Example(path_params={"task_id": _my_task(w)}, body={"to": "submitter"}),
    "transfer_task": lambda w: Example(path_params={"task_id": _my_task(w)}, body={"to": _someone_else(w)}),
    "add_sign_task": lambda w: Example(
        path_params={"task_id": _my_task(w)}, body={"employee_ids": [_someone_else(w)], "position": "after"}
    ),
    "reassign_task": lambda w: Example(path_params={"task_id": _my_task(w)}, body={"to": _someone_else(w)}),
    "create_delegation": lambda w: Example(
        body={
            "delegate_id": str(_fresh_employee(w).pk),
            "starts_at": timezone.now().isoformat(),
            "ends_at": (timezone.now() + datetime.timedelta(days=2)).isoformat(),
        }
    ),
    "revoke_delegation": lambda w: Example(path_params={"delegation_id": _delegation_id(w)}),
    "upload_attachment": lambda w: Example(upload=("说明.txt", b"hello")),
    "download_attachment": lambda w: Example(path_params={"attachment_id": _attachment_id(w)}),
    "get_instance_pdf": lambda w: Example(path_params={"instance_id": _instance(w).pk}),
    "get_instance_print": lambda w: Example(path_params={"instance_id": _instance(w).pk}),
    "export_template_instances": lambda w: Example(
        path_params={"template_id": _instance(w).template_id}, query={"since": _today(), "until": _today()}
    ),
    "get_approval_statistics": lambda w: Example(query={"since": _today(), "until": _today()}),
}


# --- attendance --------------------------------------------------------------------------------------------
def _attendance_group(world: World) -> Any:
    """One group for the whole organisation, without places: everyone may punch without a location."""
    from officium.attendance.models import AttendanceGroup
    from officium.attendance.services import groups

    existing = AttendanceGroup.objects.filter(name="矩阵考勤", is_active=True).first()
    if existing is not None:
        return existing.pk
    return groups.group_create(
        actor=world.people["admin"], name="矩阵考勤", department_ids=[world.departments["root"].pk]
    ).pk


def _punch(world: World) -> dict[str, Any]:
    _attendance_group(world)
    return {"id": str(uuid.uuid4()), "device_time": timezone.now().isoformat(), "clock_skew_ms": 0}


def _photo_consent(world: World) -> None:
    from officium.attendance.services import punches

    if world.actor is not None:
        punches.consent_set(actor=world.actor, purpose="photo", granted=True)


def _punch_to_review(world: World) -> Any:
    """An offline punch of employee_b's with an unknown clock skew (needs review)."""
    from officium.attendance.services import punches

    _attendance_group(world)
    item = punches.PunchIn(id=uuid.uuid4(), device_time=timezone.now())
    return punches.punch(actor=world.people["employee_b"], item=item, source="offline").punch.pk


def _place_id(world: World) -> Any:
    from officium.attendance.services import groups

    place = groups.place_create(
        actor=world.people["admin"],
        group_id=_attendance_group(world),
        name=f"地点{next(_serial)}",
        latitude=Decimal("39.983"),
        longitude=Decimal("116.307"),
        radius_m=300,
    )
    return place.pk


def _wifi_body() -> dict[str, str]:
    """A network with an access point of its own (examples run one after another in the same group)."""
    serial = next(_serial)
    return {
        "name": f"Wi-Fi {serial}",
        "ssid": "Officium",
        "bssid": f"AA:BB:CC:DD:{serial // 256 % 256:02X}:{serial % 256:02X}",
    }


def _wifi_id(world: World) -> Any:
    from officium.attendance.services import wifi

    network = wifi.wifi_create(actor=world.people["admin"], group_id=_fresh_attendance_group(world), **_wifi_body())
    return network.pk


ATTENDANCE_EXAMPLES: dict[str, Factory] = {
    "punch": lambda w: Example(body=_punch(w)),
    "punch_batch": lambda w: Example(body={"punches": [_punch(w)]}),
    "my_punches": lambda w: Example(query={"since": _today(), "until": _today()}),
    "set_consent": lambda w: Example(body={"purpose": "location", "granted": True}),
    "upload_photo": lambda w: (_photo_consent(w), Example(upload=("现场.jpg", b"\xff\xd8\xff\xe0photo")))[1],
    "create_group": lambda w: Example(body={"name": f"考勤组{next(_serial)}"}),
    "get_group": lambda w: Example(path_params={"group_id": _attendance_group(w)}),
    "update_group": lambda w: Example(
        path_params={"group_id": _attendance_group(w)}, body={"offline_max_skew_seconds": 90}
    ),
    "delete_group": lambda w: Example(path_params={"group_id": _fresh_attendance_group(w)}),
    "recompute_group": lambda w: Example(
        path_params={"group_id": _attendance_group(w)}, body={"since": _today(), "until": _today()}
    ),
    "create_place": lambda w: Example(
        path_params={"group_id": _attendance_group(w)},
        body={"name": f"地点{next(_serial)}", "latitude": "31.23", "longitude": "121.47", "radius_m": 200},
    ),
    "delete_place": lambda w: Example(path_params={"place_id": _place_id(w)}),
    "create_wifi_network": lambda w: Example(path_params={"group_id": _attendance_group(w)}, body=_wifi_body()),
    "delete_wifi_network": lambda w: Example(path_params={"wifi_id": _wifi_id(w)}),
    "my_days": lambda w: Example(query={"since": _today(), "until": _today()}),
    "get_calendar": lambda w: Example(query={"country": "CN", "year": 2026}),
    "monthly_report": lambda w: Example(query={"month": _today()[:7]}),
    "review_punch": lambda w: Example(path_params={"punch_id": _punch_to_review(w)}, body={"decision": "accepted"}),
    "export_monthly_report": lambda w: Example(query={"month": _today()[:7], "format": "csv"}),
    "daily_attendance_report": lambda w: Example(query={"since": _today(), "until": _today()}),
    "export_daily_report": lambda w: Example(query={"since": _today(), "until": _today(), "format": "csv"}),
    "department_attendance_report": lambda w: Example(query={"month": _today()[:7]}),
    "export_department_report": lambda w: Example(query={"month": _today()[:7]}),
    "attendance_daily_series": lambda w: Example(query={"month": _today()[:7]}),
    "set_calendar_day": lambda w: Example(
        path_params={"country": "CN", "date": "2026-12-31"}, body={"kind": "holiday", "name": "公司假日"}
    ),
    "seed_calendar": lambda w: Example(path_params={"country": "CN", "year": 2026}),
    "close_month": lambda w: Example(path_params={"month": _past_month()}),
    "update_leave_type": lambda w: Example(path_params={"code": "annual"}, body={"carry_over_months": 3}),
    "reopen_month": lambda w: Example(path_params={"month": _closed_month(w)}),
    "create_shift": lambda w: Example(
        body={"name": f"班次{next(_serial)}", "segments": [{"on": "09:00", "off": "18:00"}]}
    ),
    "update_shift": lambda w: Example(path_params={"shift_id": _shift_id(w)}, body={"on_window_minutes": 60}),
    "delete_shift": lambda w: Example(path_params={"shift_id": _shift_id(w)}),
    "get_roster": lambda w: Example(
        path_params={"group_id": _roster_group(w)[0]}, query={"since": _today(), "until": _today()}
    ),
    "set_roster": lambda w: Example(path_params={"group_id": (r := _roster_group(w))[0]}, body={"cells": [r[1]]}),
    "copy_roster_week": lambda w: Example(path_params={"group_id": _roster_group(w)[0]}, body=_weeks()),
    "export_roster": lambda w: Example(path_params={"group_id": _roster_group(w)[0]}, query={"month": _today()[:7]}),
    "import_roster": lambda w: Example(
        path_params={"group_id": (r := _roster_group(w))[0]}, upload=("排班.xlsx", _roster_sheet(r[2]))
    ),
}


def _roster_group(world: World) -> tuple[Any, dict[str, Any], Employee]:
    """A new roster group with one new member: its id, a cell giving that member a shift today, the member."""
    from officium.attendance.services import groups

    member = _fresh_employee(world)
    group = groups.group_create(
        actor=world.people["admin"], name=f"排班考勤{next(_serial)}", kind="roster", employee_ids=[member.pk]
    )
    cell = {"employee_id": str(member.pk), "day": _today(), "shift_id": str(_shift_id(world))}
    return group.pk, cell, member


def _weeks() -> dict[str, str]:
    monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    return {"from_week": monday.isoformat(), "to_week": (monday + datetime.timedelta(days=7)).isoformat()}


def _roster_sheet(member: Employee) -> bytes:
    from officium.attendance import roster_sheets

    today = timezone.localdate()
    person = roster_sheets.SheetPerson(member.employee_number, member.name, {today: None})
    return roster_sheets.write([today], [person], [])


def _shift_id(world: World) -> Any:
    from officium.attendance.services import shifts

    return shifts.shift_create(
        actor=world.people["admin"], name=f"班次{next(_serial)}", segments=[{"on": "09:00", "off": "18:00"}]
    ).pk


def _fresh_attendance_group(world: World) -> Any:
    from officium.attendance.services import groups

    return groups.group_create(actor=world.people["admin"], name=f"临时考勤{next(_serial)}").pk


def _documents_actor(world: World) -> User:
    return world.actor or world.people["employee"]


def _personal_space(world: World) -> Any:
    from officium.documents import services as documents

    return documents.space_personal(actor=_documents_actor(world)).pk


def _document_id(world: World, *, trashed: bool = False) -> Any:
    from officium.documents import services as documents

    author = _documents_actor(world)
    document = documents.document_create(actor=author, space_id=_personal_space(world), title=f"文档{next(_serial)}")
    if trashed:
        documents.document_trash(actor=author, document_id=document.pk)
    return document.pk


def _folder_id(world: World, *, trashed: bool = False) -> Any:
    from officium.documents import services as documents

    author = _documents_actor(world)
    folder = documents.folder_create(actor=author, space_id=_personal_space(world), name=f"文件夹{next(_serial)}")
    if trashed:
        documents.folder_trash(actor=author, folder_id=folder.pk)
    return folder.pk


def _document_grant_id(world: World) -> Any:
    from officium.documents import services as documents

    return documents.grant_set(
        actor=_documents_actor(world),
        target="document",
        target_id=_document_id(world),
        principal="user",
        principal_id=world.people["employee_b"].pk,
        level="view",
    ).pk


DOCUMENT_EXAMPLES: dict[str, Factory] = {
    "create_document_space": lambda w: Example(
        body={"kind": "department", "name": "部门文档", "department_id": str(_fresh_department(w).pk)}
    ),
    "rename_document_space": lambda w: Example(path_params={"space_id": _personal_space(w)}, body={"name": "我的"}),
    "browse_document_space": lambda w: Example(path_params={"space_id": _personal_space(w)}),
    "create_document_folder": lambda w: Example(body={"space_id": str(_personal_space(w)), "name": "资料"}),
    "update_document_folder": lambda w: Example(path_params={"folder_id": _folder_id(w)}, body={"name": "改名"}),
    "trash_document_folder": lambda w: Example(path_params={"folder_id": _folder_id(w)}),
    "restore_document_folder": lambda w: Example(path_params={"folder_id": _folder_id(w, trashed=True)}),
    "purge_document_folder": lambda w: Example(path_params={"folder_id": _folder_id(w, trashed=True)}),
    "list_document_grants": lambda w: Example(query={"target": "document", "target_id": str(_document_id(w))}),
    "set_document_grant": lambda w: Example(
        body={
            "target": "document",
            "target_id": str(_document_id(w)),
            "principal": "department",
            "principal_id": str(w.departments["fe"].pk),
            "level": "comment",
        }
    ),
    "delete_document_grant": lambda w: Example(path_params={"grant_id": _document_grant_id(w)}),
    "create_document": lambda w: Example(body={"space_id": str(_personal_space(w)), "title": "周报"}),
    "get_document": lambda w: Example(path_params={"document_id": _document_id(w)}),
    "update_document": lambda w: Example(path_params={"document_id": _document_id(w)}, body={"title": "新标题"}),
    "trash_document": lambda w: Example(path_params={"document_id": _document_id(w)}),
    "restore_document": lambda w: Example(path_params={"document_id": _document_id(w, trashed=True)}),
    "purge_document": lambda w: Example(path_params={"document_id": _document_id(w, trashed=True)}),
    "star_document": lambda w: Example(path_params={"document_id": _document_id(w)}),
    "unstar_document": lambda w: Example(path_params={"document_id": _document_id(w)}),
}

IMPORT_STEPS = (("get", "", None), ("apply", "", {"only_valid": False}), ("download", "_errors", None))

EXAMPLES: dict[str, Factory] = {
    "update_me": lambda w: Example(body={"display_name": "Matrix"}),
    "verify_audit_chain": lambda w: Example(),
    # departments
    "get_department": lambda w: Example(path_params={"department_id": w.departments["fe"].pk}),
    "create_department": lambda w: Example(
        body={"name": f"新部门{next(_serial)}", "parent_id": str(w.departments["rd"].pk)}
    ),
    "update_department": lambda w: Example(path_params={"department_id": w.departments["fe"].pk}, body={"order": 0}),
    "delete_department": lambda w: Example(path_params={"department_id": _fresh_department(w).pk}),
    "move_department": lambda w: Example(
        path_params={"department_id": _fresh_department(w).pk}, body={"parent_id": str(w.departments["fe"].pk)}
    ),
    "set_department_heads": lambda w: Example(
        path_params={"department_id": w.departments["fe"].pk}, body={"employee_ids": [str(w.staff["employee"].pk)]}
    ),
    "dissolve_department": lambda w: Example(
        path_params={"department_id": _fresh_department(w).pk}, body={"move_members_to": str(w.departments["rd"].pk)}
    ),
    # positions
    "create_position": lambda w: Example(body={"code": f"MP{next(_serial)}", "name": "岗位"}),
    "update_position": lambda w: Example(path_params={"position_id": _fresh_position_id(w)}, body={"name": "新岗位"}),
    "delete_position": lambda w: Example(path_params={"position_id": _fresh_position_id(w)}),
    # employees
    "get_employee": lambda w: Example(path_params={"employee_id": _employee(w)}),
    "get_supervisors": lambda w: Example(path_params={"employee_id": _employee(w)}, query={"levels": 3}),
    "update_employee": lambda w: Example(path_params={"employee_id": _employee(w)}, body={"job_title": "工程师"}),
    "create_employee": lambda w: Example(
        body={
            "employee_number": f"N{next(_serial):05d}",
            "name": "新同事",
            "department_id": str(w.departments["fe"].pk),
        }
    ),
    "resign_employee": lambda w: Example(
        path_params={"employee_id": _fresh_employee(w).pk}, body={"resigned_on": "2026-11-30"}
    ),
    "bulk_update_employees": lambda w: Example(
        body={"employee_ids": [str(w.staff["employee_b"].pk)], "status": "active"}
    ),
    "get_contact": lambda w: Example(path_params={"employee_id": _employee(w)}),
    # roles and grants
    "create_role": lambda w: Example(body={"key": f"custom-{next(_serial)}", "name": "自定义", "permission_codes": []}),
    "update_role": lambda w: Example(path_params={"role_id": _fresh_role_id(w)}, body={"name": "改名"}),
    "delete_role": lambda w: Example(path_params={"role_id": _fresh_role_id(w)}),
    "create_grant": lambda w: Example(body={"user_id": str(w.people["employee_b"].pk), "role_key": "employee"}),
    "delete_grant": lambda w: Example(path_params={"grant_id": _grant_id(w)}),
    "update_org_settings": lambda w: Example(body={"mask_phone_numbers": False}),
    # spreadsheets
    "check_department_import": lambda w: Example(upload=("departments.csv", _departments_csv())),
    "check_employee_import": lambda w: Example(upload=("employees.csv", _employees_csv())),
    **{
        f"{verb}_{kind.removesuffix('s')}_import{suffix}": (
            lambda w, kind=kind, body=body: Example(path_params={"import_id": _import_id(w, kind)}, body=body)
        )
        for kind in ("departments", "employees")
        for verb, suffix, body in IMPORT_STEPS
    },
    **APPROVAL_EXAMPLES,
    **ATTENDANCE_EXAMPLES,
    **DOCUMENT_EXAMPLES,
    # leave
    "employee_balances": lambda w: Example(path_params={"employee_id": _employee(w)}),
    "employee_entries": lambda w: Example(path_params={"employee_id": _employee(w)}),
    "adjust_balance": lambda w: Example(
        path_params={"employee_id": _employee(w)}, body={"leave_type": "annual", "amount": "1", "reason": "矩阵"}
    ),
    # notifications
    "mark_notification_read": lambda w: Example(path_params={"notification_id": _notification_id(w)}),
    "mark_all_notifications_read": lambda w: Example(body={"source": "approvals"}),
    "update_notification_preferences": lambda w: Example(
        body={"kinds": [{"kind": "approval_todo", "channels": {"email": True}}], "email_digest": False}
    ),
    "create_robot": lambda w: Example(body=_robot_body()),
    "update_robot": lambda w: Example(path_params={"robot_id": _robot_id(w)}, body={"is_active": False}),
    "delete_robot": lambda w: Example(path_params={"robot_id": _robot_id(w)}),
    "subscribe_push": lambda w: Example(
        body={
            "endpoint": f"https://push.example.test/{next(_serial)}",
            "keys": {"p256dh": "B" + "A" * 86, "auth": "AAAAAAAAAAAAAAAAAAAAAA"},
        }
    ),
    "unsubscribe_push": lambda w: Example(body={"endpoint": "https://push.example.test/none"}),
}
