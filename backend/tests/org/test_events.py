"""The organisation announces joiners, leavers, moves, reporting-line and department changes durably."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from officium.core import outbox
from officium.core.models import OutboxMessage
from officium.org import services as org

from . import org_event_handlers

pytestmark = pytest.mark.django_db


def _announced() -> list[tuple[str, dict[str, Any]]]:
    """The events delivered to this test's handlers (other apps' handlers get their own rows)."""
    rows = OutboxMessage.objects.order_by("created_at", "id").values_list("payload", flat=True)
    mine = org_event_handlers.__name__
    return [(row["event"]["name"], row["event"]["data"]) for row in rows if row["handler"].startswith(mine)]


def test_every_org_change_is_written_to_the_outbox_in_its_transaction(org_tree: dict[str, Any]) -> None:
    OutboxMessage.objects.all().delete()
    head = org.employee_create(actor=None, employee_number="V1", name="头", department_id=org_tree["rd"].pk)
    member = org.employee_create(actor=None, employee_number="V2", name="员", department_id=org_tree["rd"].pk)
    org.department_set_heads(actor=None, department_id=org_tree["rd"].pk, employee_ids=[head.pk])
    org.employee_update(actor=None, employee_id=member.pk, department_id=org_tree["fe"].pk)
    org.employee_resign(actor=None, employee_id=member.pk, resigned_on=datetime.date(2026, 12, 1))
    names = [name for name, _ in _announced()]
    assert names == [
        "org.employee_joined",
        "org.employee_joined",
        "org.supervisor_changed",
        "org.department_changed",
        "org.employee_moved",
        "org.supervisor_changed",
        "org.employee_left",
    ]
    events = dict(_announced())
    assert events["org.employee_left"] == {
        **events["org.employee_left"],
        "employee_id": str(member.pk),
        "successor_id": str(head.pk),
    }


def test_the_relay_delivers_them_to_the_handlers(org_tree: dict[str, Any]) -> None:
    outbox.relay()  # what the fixture announced
    org_event_handlers.seen.clear()
    employee = org.employee_create(actor=None, employee_number="V3", name="新", department_id=org_tree["fe"].pk)
    outbox.relay()
    assert not OutboxMessage.objects.exclude(status=OutboxMessage.Status.DONE).exists()
    [joined] = org_event_handlers.seen
    assert (joined.name, joined.employee_id, joined.department_id) == (  # type: ignore[attr-defined]
        "org.employee_joined",
        employee.pk,
        org_tree["fe"].pk,
    )
