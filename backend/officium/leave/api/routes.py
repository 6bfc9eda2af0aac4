"""HTTP API of leave: types, my balances and their history, administrators' view and adjustments."""

from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Status
from ninja.pagination import paginate

from officium.core import permissions
from officium.core.api_base import Router, actor, requires, sent_fields
from officium.core.pagination import KeysetPagination
from officium.leave import selectors, services
from officium.leave.api.schemas import AdjustmentIn, BalanceOut, EntryFilter, EntryOut, LeaveTypeOut, LeaveTypePatch
from officium.leave.models import BalanceEntry, LeaveType
from officium.leave.permissions import BALANCE_MANAGE
from officium.org import selectors as org
from officium.org.models import Employee

router = Router(tags=["leave"])
AUTHENTICATED = permissions.AUTHENTICATED
CENT = Decimal("0.01")


def _me(request: HttpRequest) -> Employee:
    return org.working_employee(actor(request))


def _type(kind: LeaveType) -> dict[str, Any]:
    return {
        "code": kind.code,
        "name": kind.name,
        "unit": kind.unit,
        "tracked": kind.tracked,
        "paid": kind.paid,
        "carry_over_max": _amount(kind.carry_over_max),
        "carry_over_months": kind.carry_over_months,
        "accrual": kind.accrual,
    }


def _amount(value: Decimal) -> Decimal:
    return value.quantize(CENT)


def _balances(employee: Employee) -> list[dict[str, Any]]:
    return [
        {
            "leave_type": _type(b.leave_type),
            "balance": _amount(b.balance),
            "granted": _amount(b.granted),
            "used": _amount(b.used),
        }
        for b in selectors.balances(employee)
    ]


def _entry(entry: BalanceEntry) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "leave_type": entry.leave_type_id,
        "kind": entry.kind,
        "amount": _amount(Decimal(entry.amount)),
        "effective_on": entry.effective_on,
        "expires_on": entry.expires_on,
        "reason": entry.reason,
        "settlement_days": None if entry.settlement_days is None else _amount(Decimal(entry.settlement_days)),
        "created_at": entry.created_at,
    }


@router.get("/types", response=list[LeaveTypeOut], summary="Types of leave")
@requires(AUTHENTICATED)
def list_leave_types(request: HttpRequest) -> list[dict[str, Any]]:
    return [_type(kind) for kind in selectors.types()]


@router.patch("/types/{code}", response=LeaveTypeOut, summary="Set how a type of leave carries over (HR)")
@requires(BALANCE_MANAGE)
def update_leave_type(request: HttpRequest, code: str, payload: LeaveTypePatch) -> dict[str, Any]:
    return _type(services.leave_type_update(actor=actor(request), code=code, **sent_fields(payload)))


@router.get("/me/balances", response=list[BalanceOut], summary="My balance of every type of leave")
@requires(AUTHENTICATED)
def my_balances(request: HttpRequest) -> list[dict[str, Any]]:
    return _balances(_me(request))


@router.get("/me/entries", response=list[EntryOut], summary="The history of my balances, newest first")
@requires(AUTHENTICATED)
@paginate(KeysetPagination, ordering=("-id",), present=lambda rows, request: [_entry(row) for row in rows])
def my_entries(request: HttpRequest, filters: Query[EntryFilter]) -> QuerySet[BalanceEntry]:
    return selectors.entries(_me(request), filters.leave_type)


@router.get("/employees/{employee_id}/balances", response=list[BalanceOut], summary="An employee's balances")
@requires(BALANCE_MANAGE)
def employee_balances(request: HttpRequest, employee_id: UUID) -> list[dict[str, Any]]:
    return _balances(selectors.employee_for_balances(actor=actor(request), employee_id=employee_id))


@router.get(
    "/employees/{employee_id}/entries",
    response=list[EntryOut],
    summary="The history of an employee's balances, newest first (with a leaver's settlement)",
)
@requires(BALANCE_MANAGE)
@paginate(KeysetPagination, ordering=("-id",), present=lambda rows, request: [_entry(row) for row in rows])
def employee_entries(request: HttpRequest, employee_id: UUID, filters: Query[EntryFilter]) -> QuerySet[BalanceEntry]:
    employee = selectors.employee_for_balances(actor=actor(request), employee_id=employee_id)
    return selectors.entries(employee, filters.leave_type)


@router.post(
    "/employees/{employee_id}/adjustments", response={201: EntryOut}, summary="Adjust a balance, with the reason"
)
@requires(BALANCE_MANAGE)
def adjust_balance(request: HttpRequest, employee_id: UUID, payload: AdjustmentIn) -> Status[Any]:
    entry = services.adjust(actor=actor(request), employee_id=employee_id, **payload.model_dump())
    return Status(201, _entry(entry))
