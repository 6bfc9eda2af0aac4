"""Many rows in one statement: COPY on PostgreSQL, bulk_create elsewhere; all or none of them."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from officium.core import bulk
from officium.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _event(n: int, **fields: object) -> AuditEvent:
    values: dict[str, object] = {
        "occurred_at": timezone.make_aware(datetime.datetime(2026, 11, 26, 9, 0, n)),
        "action": "tests.bulk",
        "object_id": str(n),
        "changes": {"n": n, "text": "打卡 'quoted' \\ \t tab", "list": [1, None]},
        "ip": "2001:db8::1",
        "prev_hash": "0" * 64,
        "hash": uuid.uuid4().hex * 2,
    }
    values.update(fields)
    return AuditEvent(**values)


def test_rows_go_in_with_their_values_and_come_back_with_ascending_ids() -> None:
    events = [_event(n) for n in range(3)]
    bulk.insert(events)
    assert all(event.pk is not None and not event._state.adding for event in events)
    assert [e.pk for e in events] == sorted(e.pk for e in events)
    stored = {e.pk: e for e in AuditEvent.objects.filter(action="tests.bulk")}
    for event in events:
        row = stored[event.pk]
        assert (row.occurred_at, row.object_id, row.changes, row.ip, row.hash) == (
            event.occurred_at,
            event.object_id,
            event.changes,
            "2001:db8::1",
            event.hash,
        )


def test_a_row_breaking_a_constraint_keeps_every_row_out() -> None:
    taken = _event(0)
    bulk.insert([taken])
    with pytest.raises(IntegrityError), transaction.atomic():
        bulk.insert([_event(1), _event(2, hash=taken.hash)])  # the hash is unique
    assert list(AuditEvent.objects.filter(action="tests.bulk").values_list("object_id", flat=True)) == ["0"]


def test_nothing_to_insert_is_no_statement(django_assert_num_queries: DjangoAssertNumQueries) -> None:
    with django_assert_num_queries(0):
        bulk.insert([])
