"""A small typed event bus: apps publish frozen dataclasses; handlers run as tasks after commit.

An app declares its public events in `events.py` and reacts to other apps' events in `handlers.py`:

    @dataclass(frozen=True, kw_only=True)
    class ProfileUpdated(Event):
        name: ClassVar[str] = "accounts.profile_updated"
        user_id: UUID

    @subscribe(ProfileUpdated)
    def push_profile_change(event: ProfileUpdated) -> None: ...

`publish(event)` enqueues one task per handler once the surrounding transaction commits (never for
a rollback); a handler that fails is logged and not retried. `publish(event, durable=True)` writes
one outbox row per handler in the transaction instead: the relay runs each handler until it succeeds,
with backoff, even across a crash. Handlers may therefore run more than once and must be idempotent
(`event.event_id` is stable across retries).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Any, ClassVar
from uuid import UUID

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from pydantic import TypeAdapter

from officium.core.ids import uuid7

logger = logging.getLogger(__name__)

EVENT_TOPIC = "events"


@dataclass(frozen=True, kw_only=True)
class Event:
    """Base of every event. Subclasses set `name` ("<app>.<what_happened>") and add typed fields."""

    name: ClassVar[str] = ""
    event_id: UUID = field(default_factory=uuid7)
    occurred_at: datetime = field(default_factory=timezone.now)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not cls.name:
            raise TypeError(f"{cls.__qualname__} must set a `name` class variable")
        if cls.name in _event_types and _event_types[cls.name] is not cls:
            raise TypeError(f"two events are named {cls.name!r}")
        _event_types[cls.name] = cls


Handler = Callable[[Any], None]

_event_types: dict[str, type[Event]] = {}
_handlers: dict[str, dict[str, Handler]] = {}


def handler_path(handler: Handler) -> str:
    return f"{handler.__module__}.{handler.__qualname__}"


def subscribe[E: Event](event_type: type[E]) -> Callable[[Callable[[E], None]], Callable[[E], None]]:
    """Register a module-level function to run (as a task) for every `event_type` published."""

    def register(handler: Callable[[E], None]) -> Callable[[E], None]:
        _handlers.setdefault(event_type.name, {})[handler_path(handler)] = handler
        return handler

    return register


def handlers_for(event_name: str) -> dict[str, Handler]:
    return dict(_handlers.get(event_name, {}))


_adapters: dict[str, TypeAdapter[Any]] = {}


def _adapter(event_type: type[Event]) -> TypeAdapter[Any]:
    if event_type.name not in _adapters:
        _adapters[event_type.name] = TypeAdapter(event_type)
    return _adapters[event_type.name]


def to_payload(event: Event) -> dict[str, Any]:
    data: dict[str, Any] = _adapter(type(event)).dump_python(event, mode="json")
    return {"name": event.name, "data": data}


def from_payload(payload: dict[str, Any]) -> Event:
    try:
        event_type = _event_types[payload["name"]]
    except KeyError:
        raise LookupError(f"unknown event {payload.get('name')!r}") from None
    event: Event = _adapter(event_type).validate_python(payload["data"])
    return event


def publish(event: Event, *, durable: bool = False) -> None:
    """Dispatch `event` to its handlers when the current transaction commits."""
    payload = to_payload(event)
    if durable:
        from officium.core import outbox

        # One row per handler: a failing handler is retried alone, with backoff, until it succeeds.
        for path in handlers_for(event.name):
            outbox.put(EVENT_TOPIC, {"handler": path, "event": payload})
    else:
        transaction.on_commit(partial(dispatch, payload), robust=True)


def dispatch(payload: dict[str, Any]) -> None:
    """Enqueue one task per subscribed handler."""
    from officium.core.tasks import run_event_handler

    for path in handlers_for(payload["name"]):
        run_event_handler.enqueue(handler=path, payload=payload)


def run_handler(path: str, payload: dict[str, Any]) -> None:
    event = from_payload(payload)
    handler = handlers_for(event.name).get(path)
    if handler is None:
        # Only registered handlers run: a queue entry must never name arbitrary code.
        raise LookupError(f"{path} does not handle {event.name}")
    handler(event)


def load_handlers() -> None:
    """Import `events`, `handlers` and `tasks` of every Officium app so that subscriptions and periodic
    jobs exist at start-up, in the web process and in a worker alike."""
    for app_config in apps.get_app_configs():
        if not app_config.name.startswith("officium."):
            continue
        for module in ("events", "handlers", "tasks"):
            try:
                importlib.import_module(f"{app_config.name}.{module}")
            except ModuleNotFoundError as error:
                if error.name != f"{app_config.name}.{module}":
                    raise
