"""Events and handlers that exist only for the event bus tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar
from uuid import UUID

from officium.core.events import Event, subscribe

received: list[tuple[str, UUID]] = []
failures_left: dict[str, int] = {}


@dataclass(frozen=True, kw_only=True)
class SomethingHappened(Event):
    name: ClassVar[str] = "tests.something_happened"
    subject: str
    amount: int = 0


@subscribe(SomethingHappened)
def first_handler(event: SomethingHappened) -> None:
    received.append(("first", event.event_id))


@subscribe(SomethingHappened)
def flaky_handler(event: SomethingHappened) -> None:
    if failures_left.get(event.subject, 0) > 0:
        failures_left[event.subject] -= 1
        raise RuntimeError(f"{event.subject} is not ready yet")
    received.append(("flaky", event.event_id))
