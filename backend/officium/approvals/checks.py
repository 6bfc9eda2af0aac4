"""Checks other apps attach to a template: a leave request beyond the balance, one overlapping an
approved request, one in a month whose attendance is closed.

They run when a request is submitted or resubmitted and again each time an approver approves, inside
the same transaction as the action. A check refuses by raising a `DomainError`; its problem+json
reaches the person and nothing of the action is kept.

    @check_requests("leave")
    def leave_within_balance(request: RequestCheck) -> None: ...
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal
from uuid import UUID

from officium.org.models import Employee


@dataclass(frozen=True)
class RequestCheck:
    template_key: str
    submitter: Employee
    form_data: Mapping[str, Any]
    instance_id: UUID
    stage: Literal["submit", "approve"]


Check = Callable[[RequestCheck], None]

_checks: dict[str, dict[str, Check]] = {}


def check_requests(*template_keys: str) -> Callable[[Check], Check]:
    """Register a module-level function to check every request of these templates."""

    def register(check: Check) -> Check:
        for key in template_keys:
            _checks.setdefault(key, {})[f"{check.__module__}.{check.__qualname__}"] = check
        return check

    return register


def run(request: RequestCheck) -> None:
    for check in _checks.get(request.template_key, {}).values():
        check(request)
