"""Leave: the types of leave and the balance ledger (entries are added, never changed)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from officium.core.ids import uuid7
from officium.org.models import Employee


class LeaveType(models.Model):
    """年假, 事假, 病假 … Codes match the options of the built-in leave approval template."""

    class Unit(models.TextChoices):
        DAY = "day"
        HALF_DAY = "half_day"
        HOUR = "hour"

    code = models.SlugField(max_length=30, primary_key=True)
    name = models.CharField(max_length=50)
    unit = models.CharField(max_length=10, choices=Unit.choices, default=Unit.DAY)
    # Tracked types are granted and used through the ledger; the others (事假, 病假) are only counted.
    tracked = models.BooleanField(default=False)
    paid = models.BooleanField(default=True)

    class Accrual(models.TextChoices):
        YEARLY = "yearly"  # the year's days at once, on 1 January (or on joining)
        MONTHLY = "monthly"  # a twelfth at the start of each month (按月发放)

    # How the statutory grant (annual leave) is given.
    accrual = models.CharField(max_length=10, choices=Accrual.choices, default=Accrual.YEARLY)
    # What is left of an expiring grant may be carried over (结转): at most this much, for this long.
    carry_over_max = models.DecimalField(max_digits=5, decimal_places=2, default=0)
    carry_over_months = models.PositiveSmallIntegerField(default=3)
    order = models.PositiveSmallIntegerField(default=0)

    def __str__(self) -> str:
        return self.name


class BalanceEntry(models.Model):
    """One movement of a balance: positive adds (grant, carry-over, reversal), negative takes (use, expiry)."""

    class Kind(models.TextChoices):
        GRANT = "grant"
        USE = "use"
        EXPIRE = "expire"
        ADJUST = "adjust"
        CARRY_OVER = "carry_over"
        REVERSE = "reverse"  # a used leave revoked

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    leave_type = models.ForeignKey(LeaveType, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    amount = models.DecimalField(max_digits=7, decimal_places=2)  # in the type's unit
    effective_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True)
    # What makes the entry unique where it must happen once: "2026" for a yearly grant, an approval id.
    source = models.CharField(max_length=64, blank=True)
    reason = models.CharField(max_length=200, blank=True)
    # A leaver's settlement (离职折算): the year's annual leave owed to them, to be paid out (300 %).
    settlement_days = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["employee", "leave_type", "effective_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "leave_type", "kind", "source"],
                condition=~Q(source=""),
                name="leave_entry_once_per_source",
            )
        ]
