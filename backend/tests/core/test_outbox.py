"""The transactional outbox: written with the change, relayed at least once after commit."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any
from uuid import UUID

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from officium.core import outbox
from officium.core.models import OutboxMessage

pytestmark = pytest.mark.django_db

delivered: list[tuple[UUID, dict[str, Any]]] = []
behaviour: dict[str, Any] = {"fail": False}


@outbox.consumer("tests.ledger")
def deliver_to_ledger(message_id: UUID, payload: dict[str, Any]) -> None:
    if behaviour["fail"]:
        raise ConnectionError("ledger unreachable")
    delivered.append((message_id, payload))


@pytest.fixture(autouse=True)
def _reset() -> Iterator[None]:
    delivered.clear()
    behaviour["fail"] = False
    yield
    delivered.clear()


def test_a_rolled_back_transaction_leaves_nothing_to_send() -> None:
    with pytest.raises(ValueError, match="boom"), transaction.atomic():
        outbox.put("tests.ledger", {"n": 1})
        raise ValueError("boom")
    assert OutboxMessage.objects.count() == 0
    assert outbox.relay() == 0
    assert delivered == []


def test_commit_schedules_a_relay_that_delivers_and_marks_done(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        message = outbox.put("tests.ledger", {"n": 2})
    assert delivered == [(message.id, {"n": 2})]
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.DONE
    assert message.attempts == 1
    assert message.done_at is not None


def test_failures_back_off_and_end_in_the_dead_letter_state() -> None:
    behaviour["fail"] = True
    message = outbox.put("tests.ledger", {"n": 3})
    now = timezone.now()
    for attempt in range(1, outbox.MAX_ATTEMPTS + 1):
        with time_machine.travel(now + timedelta(days=attempt)):
            assert outbox.relay() == 1
        message.refresh_from_db()
        assert message.attempts == attempt
    assert message.status == OutboxMessage.Status.DEAD
    assert message.last_error == "ConnectionError: ledger unreachable"
    with time_machine.travel(now + timedelta(days=60)):
        assert outbox.relay() == 0
    assert delivered == []


def test_backoff_grows_exponentially_within_jitter_and_is_capped() -> None:
    for attempts, ceiling in [(1, 5), (2, 10), (3, 20), (10, 2560)]:
        delay = outbox.retry_delay(attempts).total_seconds()
        assert ceiling / 2 <= delay <= ceiling
    assert outbox.retry_delay(40).total_seconds() <= outbox.MAX_DELAY_SECONDS


def test_a_relay_that_died_after_claiming_is_replaced_once_the_lease_expires() -> None:
    message = outbox.put("tests.ledger", {"n": 4})
    claimed = outbox._claim(10)  # a relay claims the message, then its process is killed
    assert [m.id for m in claimed] == [message.id]
    assert outbox.relay() == 0  # leased: nobody else takes it meanwhile
    with time_machine.travel(timezone.now() + outbox.LEASE + timedelta(seconds=1)):
        assert outbox.relay() == 1
    assert delivered == [(message.id, {"n": 4})]
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxMessage.Status.DONE, 2)


def test_putting_a_message_without_a_consumer_is_a_programming_error() -> None:
    with pytest.raises(LookupError, match="no consumer for outbox topic 'nobody'"):
        outbox.put("nobody", {})
