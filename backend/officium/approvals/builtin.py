"""The built-in templates every company starts from (ready to publish, editable like any other).

Leave, overtime, business trip, outing and make-up punch are bound to attendance by the Attendance
issue; here they are plain approvals. Money thresholds name people through two *approval roles*
(财务总监, 总经理): custom roles without permissions that the installer creates when missing, so that
a company only has to grant them to the right people (DingTalk and Feishu call these 审批角色).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

FINANCE_DIRECTOR = "finance_director"
GENERAL_MANAGER = "general_manager"
APPROVAL_ROLES = {FINANCE_DIRECTOR: "财务总监", GENERAL_MANAGER: "总经理"}

EXPENSE_FINANCE_DIRECTOR_ABOVE = 5000
EXPENSE_GENERAL_MANAGER_ABOVE = 50000

LEAVE_TYPES = (
    ("annual", "年假"),
    ("personal", "事假"),
    ("sick", "病假"),
    ("compensatory", "调休"),
    ("marriage", "婚假"),
    ("maternity", "产假"),
    ("paternity", "陪产假"),
    ("bereavement", "丧假"),
)

EXPENSE_CATEGORIES = (
    ("travel", "差旅"),
    ("meal", "餐费"),
    ("transport", "交通"),
    ("office", "办公"),
    ("other", "其他"),
)


@dataclass(frozen=True)
class BuiltinTemplate:
    key: str
    name: str
    icon: str
    category: str
    description: str
    fields: list[dict[str, Any]]
    nodes: list[dict[str, Any]]
    settings: dict[str, Any] = field(default_factory=dict)


def _options(pairs: Sequence[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"value": value, "label": label} for value, label in pairs]


def _supervisor(node_id: str, name: str, level: int = 1, **options: Any) -> dict[str, Any]:
    return {
        "id": node_id,
        "type": "approver",
        "name": name,
        "approvers": [{"type": "supervisor", "level": level}],
        # Nobody at that level (the top of the tree): the template's administrators decide.
        "on_empty": {"action": "admin"},
        **options,
    }


def _role(node_id: str, name: str, role: str, **options: Any) -> dict[str, Any]:
    return {
        "id": node_id,
        "type": "approver",
        "name": name,
        "approvers": [{"type": "role", "role": role}],
        "mode": "any",
        "on_empty": {"action": "admin"},
        **options,
    }


def _above(group_id: str, condition: str, node: dict[str, Any]) -> dict[str, Any]:
    """A condition group that adds `node` when `condition` holds and goes straight on otherwise."""
    return {
        "id": group_id,
        "type": "condition",
        "name": node["name"],
        "branches": [
            {"id": f"{group_id}_yes", "name": condition, "condition": condition, "nodes": [node]},
            {"id": f"{group_id}_else", "name": "其他情况", "default": True, "nodes": []},
        ],
    }


def _cc_role(node_id: str, role: str, name: str) -> dict[str, Any]:
    return {"id": node_id, "type": "cc", "name": name, "recipients": [{"type": "role", "role": role}]}


REASON = {"id": "reason", "type": "textarea", "label": "事由", "required": True, "max_length": 1000}
ATTACHMENTS = {"id": "attachments", "type": "attachment", "label": "附件"}

BUILTIN_TEMPLATES: tuple[BuiltinTemplate, ...] = (
    BuiltinTemplate(
        key="leave",
        name="请假",
        icon="calendar-o",
        category="考勤休假",
        description="年假、事假、病假等各类请假。",
        fields=[
            {
                "id": "leave_type",
                "type": "select",
                "label": "请假类型",
                "required": True,
                "options": _options(LEAVE_TYPES),
            },
            {"id": "period", "type": "daterange", "label": "请假时间", "required": True, "unit": "half_day"},
            REASON,
            {
                "id": "certificate",
                "type": "image",
                "label": "病假证明",
                "required": True,
                "visible_if": "leave_type == 'sick'",
                "help": "病假请上传医院证明。",
            },
        ],
        nodes=[
            _supervisor("supervisor", "直属上级"),
            _above("long_leave", "period.duration > 3.0", _supervisor("second_level", "二级上级", level=2)),
            _cc_role("cc_hr", "hr", "抄送人事"),
        ],
    ),
    BuiltinTemplate(
        key="overtime",
        name="加班",
        icon="clock",
        category="考勤休假",
        description="加班申请，选择调休或加班费。",
        fields=[
            {"id": "period", "type": "daterange", "label": "加班时间", "required": True, "unit": "hour"},
            {
                "id": "compensation",
                "type": "select",
                "label": "补偿方式",
                "required": True,
                "options": _options((("time_off", "调休"), ("pay", "加班费"))),
            },
            REASON,
        ],
        nodes=[_supervisor("supervisor", "直属上级")],
    ),
    BuiltinTemplate(
        key="business_trip",
        name="出差",
        icon="logistics",
        category="考勤休假",
        description="出差行程、交通方式与预计费用。",
        fields=[
            {"id": "destination", "type": "text", "label": "出差地点", "required": True, "max_length": 100},
            {"id": "period", "type": "daterange", "label": "出差时间", "required": True, "unit": "day"},
            {
                "id": "transport",
                "type": "select",
                "label": "交通工具",
                "required": True,
                "options": _options((("train", "火车"), ("plane", "飞机"), ("car", "汽车"), ("other", "其他"))),
            },
            {"id": "budget", "type": "money", "label": "预计费用", "min": 0},
            REASON,
        ],
        nodes=[
            _supervisor("supervisor", "直属上级"),
            _above("long_trip", "period.duration > 5.0", _supervisor("second_level", "二级上级", level=2)),
        ],
    ),
    BuiltinTemplate(
        key="outing",
        name="外出",
        icon="location-o",
        category="考勤休假",
        description="工作时间外出办事。",
        fields=[
            {"id": "place", "type": "location", "label": "外出地点", "required": True},
            {"id": "period", "type": "daterange", "label": "外出时间", "required": True, "unit": "hour"},
            REASON,
        ],
        nodes=[_supervisor("supervisor", "直属上级")],
    ),
    BuiltinTemplate(
        key="make_up_punch",
        name="补卡",
        icon="records-o",
        category="考勤休假",
        description="忘记打卡时补卡。",
        fields=[
            {"id": "punch_at", "type": "datetime", "label": "补卡时间", "required": True},
            {
                "id": "punch_kind",
                "type": "select",
                "label": "补卡类型",
                "required": True,
                "options": _options((("in", "上班"), ("out", "下班"))),
            },
            REASON,
        ],
        nodes=[_supervisor("supervisor", "直属上级")],
    ),
    BuiltinTemplate(
        key="expense",
        name="费用报销",
        icon="balance-o",
        category="财务",
        description=(
            f"报销明细与发票；金额超过 {EXPENSE_FINANCE_DIRECTOR_ABOVE} 元需财务总监审批，"
            f"超过 {EXPENSE_GENERAL_MANAGER_ABOVE} 元再需总经理审批。"
        ),
        fields=[
            {"id": "serial", "type": "serial", "label": "报销单号", "prefix": "BX", "reset": "yearly"},
            REASON,
            {
                "id": "items",
                "type": "table",
                "label": "报销明细",
                "required": True,
                "columns": [
                    {
                        "id": "category",
                        "type": "select",
                        "label": "费用类型",
                        "required": True,
                        "options": _options(
                            (
                                ("travel", "差旅"),
                                ("meal", "餐费"),
                                ("transport", "交通"),
                                ("office", "办公"),
                                ("other", "其他"),
                            )
                        ),
                    },
                    {"id": "spent_on", "type": "date", "label": "发生日期", "required": True},
                    {"id": "amount", "type": "money", "label": "金额", "required": True, "min": 0.01},
                    {"id": "note", "type": "text", "label": "说明", "max_length": 200},
                ],
                "totals": ["amount"],
            },
            {"id": "total", "type": "formula", "label": "报销总额", "expression": "sum(items.map(r, r.amount))"},
            {"id": "invoices", "type": "image", "label": "发票照片", "multiple": True},
            ATTACHMENTS,
        ],
        nodes=[
            _supervisor("supervisor", "直属上级"),
            _above(
                "finance_check",
                f"total > {EXPENSE_FINANCE_DIRECTOR_ABOVE}.0",
                _role("finance_director", "财务总监", FINANCE_DIRECTOR),
            ),
            _above(
                "large_amount",
                f"total > {EXPENSE_GENERAL_MANAGER_ABOVE}.0",
                _role("general_manager", "总经理", GENERAL_MANAGER),
            ),
            _cc_role("cc_finance", "finance", "抄送财务"),
        ],
        settings={"reject": "to_submitter", "comment_required_on_reject": True},
    ),
    BuiltinTemplate(
        key="purchase",
        name="采购申请",
        icon="shopping-cart-o",
        category="行政",
        description="物品采购，按明细估算金额。",
        fields=[
            {"id": "serial", "type": "serial", "label": "采购单号", "prefix": "CG", "reset": "yearly"},
            REASON,
            {
                "id": "items",
                "type": "table",
                "label": "采购明细",
                "required": True,
                "columns": [
                    {"id": "name", "type": "text", "label": "物品名称", "required": True, "max_length": 100},
                    {"id": "quantity", "type": "number", "label": "数量", "required": True, "min": 1},
                    {"id": "unit_price", "type": "money", "label": "单价", "required": True, "min": 0},
                ],
            },
            {
                "id": "total",
                "type": "formula",
                "label": "预计总额",
                "expression": "sum(items.map(r, r.quantity * r.unit_price))",
            },
            {"id": "needed_by", "type": "date", "label": "期望到货日期"},
        ],
        nodes=[
            _supervisor("supervisor", "直属上级"),
            _above(
                "large_purchase",
                f"total > {EXPENSE_FINANCE_DIRECTOR_ABOVE}.0",
                _role("finance_director", "财务总监", FINANCE_DIRECTOR),
            ),
        ],
    ),
    BuiltinTemplate(
        key="seal",
        name="用印申请",
        icon="certificate",
        category="行政",
        description="公章、合同章等印章使用。",
        fields=[
            {
                "id": "seal_kind",
                "type": "select",
                "label": "印章类型",
                "required": True,
                "options": _options(
                    (("company", "公章"), ("contract", "合同专用章"), ("finance", "财务专用章"), ("legal", "法人章"))
                ),
            },
            {"id": "document", "type": "text", "label": "文件名称", "required": True, "max_length": 200},
            {"id": "copies", "type": "number", "label": "用印份数", "required": True, "min": 1, "max": 1000},
            {"id": "files", "type": "attachment", "label": "用印文件", "required": True},
            REASON,
        ],
        nodes=[
            _supervisor("supervisor", "直属上级"),
            {
                "id": "seal_keeper",
                "type": "handler",
                "name": "印章管理员",
                "approvers": [{"type": "role", "role": "hr"}],
                "mode": "any",
                "on_empty": {"action": "admin"},
            },
        ],
    ),
    BuiltinTemplate(
        key="contract",
        name="合同审批",
        icon="description",
        category="财务",
        description="合同签订前的业务、财务与管理层审批。",
        fields=[
            {"id": "serial", "type": "serial", "label": "合同编号", "prefix": "HT", "reset": "yearly"},
            {"id": "title", "type": "text", "label": "合同名称", "required": True, "max_length": 200},
            {"id": "counterparty", "type": "text", "label": "对方单位", "required": True, "max_length": 200},
            {"id": "amount", "type": "money", "label": "合同金额", "required": True, "min": 0},
            {"id": "term", "type": "daterange", "label": "合同期限", "unit": "day"},
            {"id": "files", "type": "attachment", "label": "合同文本", "required": True},
            {"id": "remarks", "type": "textarea", "label": "备注", "max_length": 1000},
        ],
        nodes=[
            _supervisor("supervisor", "直属上级"),
            _role("finance_director", "财务总监", FINANCE_DIRECTOR),
            _above(
                "large_contract",
                f"amount > {EXPENSE_GENERAL_MANAGER_ABOVE}.0",
                _role("general_manager", "总经理", GENERAL_MANAGER),
            ),
        ],
    ),
    BuiltinTemplate(
        key="general",
        name="通用审批",
        icon="orders-o",
        category="通用",
        description="其他事项的通用申请。",
        fields=[
            {"id": "title", "type": "text", "label": "申请事项", "required": True, "max_length": 200},
            {"id": "details", "type": "textarea", "label": "详细说明", "required": True, "max_length": 5000},
            ATTACHMENTS,
        ],
        nodes=[_supervisor("supervisor", "直属上级")],
    ),
)
