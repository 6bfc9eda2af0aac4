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
    created_at: IsoDateTime


class EntryFilter(Schema):
    leave_type: str | None = None


class AdjustmentIn(Strict):
    leave_type: str
    amount: Decimal = Field(description="Positive adds, negative takes; in the type's unit")
    reason: str = Field(max_length=200)
