"""Shapes of the leave API."""

from decimal import Decimal
from typing import Literal
from uuid import UUID

from ninja import Field, Schema

from officium.core.api_base import IsoDate, IsoDateTime, Strict


class LeaveTypeOut(Schema):
    code: str
    name: str
    unit: Literal["day", "half_day", "hour"]
    tracked: bool = Field(description="Has a balance (granted and used through the ledger)")
    paid: bool
    carry_over_max: Decimal = Field(description="At most this much of an expiring grant is carried over (结转)")
    carry_over_months: int = Field(description="… and may be taken this many months after the grant expired")
    accrual: Literal["yearly", "monthly"] = Field(
        description="Statutory annual leave: the year's days at once, or a twelfth each month (按月发放)"
    )


class LeaveTypePatch(Strict):
    carry_over_max: Decimal | None = Field(None, ge=0, le=365, decimal_places=2)
    carry_over_months: int | None = Field(None, ge=1, le=12)
    accrual: Literal["yearly", "monthly"] | None = None


class BalanceOut(Schema):
    leave_type: LeaveTypeOut
    balance: Decimal
    granted: Decimal
    used: Decimal


class EntryOut(Schema):
    id: UUID
    leave_type: str
    kind: Literal["grant", "use", "expire", "adjust", "carry_over", "reverse"]
    amount: Decimal
    effective_on: IsoDate
    expires_on: IsoDate | None
    reason: str
    settlement_days: Decimal | None = Field(
        description="A leaver's settlement (离职折算): the year's unused annual leave owed, to be paid at 300 %"
    )
    created_at: IsoDateTime


class EntryFilter(Schema):
    leave_type: str | None = None


class AdjustmentIn(Strict):
    leave_type: str
    amount: Decimal = Field(description="Positive adds, negative takes; in the type's unit")
    reason: str = Field(max_length=200)
