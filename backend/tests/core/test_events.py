"""The event bus: publish on commit, handlers as tasks, durable events through the outbox."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from officium.core import events, outbox
from officium.core.models import OutboxMessage

from .sample_events import SomethingHappened, failures_left, received

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clean_records() -> Iterator[None]:
    received.clear()
    failures_left.clear()
    yield
    received.clear()
    failures_left.clear()


def test_an_event_round_trips_through_its_json_payload() -> None:
    event = SomethingHappened(subject="order-1", amount=3)
    payload = events.to_payload(event)
    assert payload["name"] == "tests.something_happened"
    assert payload["data"]["subject"] == "order-1"
    assert isinstance(payload["data"]["event_id"], str)
    assert events.from_payload(payload) == event


def test_handlers_run_after_commit_and_not_before(django_capture_on_commit_callbacks: Any) -> None:
    event = SomethingHappened(subject="a")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        events.publish(event)
        assert received == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert sorted(received) == [("first", event.event_id), ("flaky", event.event_id)]


def test_nothing_is_dispatched_when_the_transaction_rolls_back(django_capture_on_commit_callbacks: Any) -> None:
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        events.publish(SomethingHappened(subject="b"))
        raise RuntimeError("the use case failed")
    assert callbacks == []
    assert received == []


def test_a_durable_event_writes_one_outbox_row_per_handler_in_the_transaction() -> None:
    event = SomethingHappened(subject="c")
    with transaction.atomic():
        events.publish(event, durable=True)
    rows = list(OutboxMessage.objects.order_by("created_at").values_list("topic", "payload"))
    assert [topic for topic, _ in rows] == ["events", "events"]
    assert sorted(payload["handler"] for _, payload in rows) == [
        "tests.core.sample_events.first_handler",
        "tests.core.sample_events.flaky_handler",
    ]
    assert received == []


def test_a_failing_durable_handler_is_retried_alone_until_it_succeeds() -> None:
    event = SomethingHappened(subject="d")
    failures_left["d"] = 1
    events.publish(event, durable=True)
    assert outbox.relay() == 2
    assert received == [("first", event.event_id)]
    flaky = OutboxMessage.objects.get(payload__handler="tests.core.sample_events.flaky_handler")
    assert (flaky.status, flaky.attempts) == (OutboxMessage.Status.PENDING, 1)
    assert flaky.last_error == "RuntimeError: d is not ready yet"
    assert flaky.available_at > timezone.now()

    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        assert outbox.relay() == 1
    assert received == [("first", event.event_id), ("flaky", event.event_id)]
    flaky.refresh_from_db()
    assert (flaky.status, flaky.attempts) == (OutboxMessage.Status.DONE, 2)


def test_a_queue_entry_cannot_name_code_that_is_not_a_registered_handler() -> None:
    payload = events.to_payload(SomethingHappened(subject="e"))
    with pytest.raises(LookupError, match=r"os\.system does not handle tests\.something_happened"):
        events.run_handler("os.system", payload)
    with pytest.raises(LookupError, match="unknown event 'nope'"):
        events.from_payload({"name": "nope", "data": {}})


def test_event_names_are_unique() -> None:
    with pytest.raises(TypeError, match=r"two events are named 'tests\.something_happened'"):

        class Again(events.Event):
            name = "tests.something_happened"
