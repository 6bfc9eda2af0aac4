"""What every punch reads, kept in the cache: the directory of attendance groups, the employee's
consents and the closed months.

Entries are keyed by a token that a change replaces (at once, and again once it has committed), so an
entry can never be served stale: a reader that computed the old value stores it under an old token,
which nobody reads any more. The group directory is kept in each process's memory under its token
(`in_process`); it maps departments to groups, so a move or a reorganisation needs no signal. The
tokens are: every group, place or shift change; one employee's consents; the closed months.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import transaction

ENTRY_SECONDS = 60 * 60
GROUPS = "groups"
CLOSED_MONTHS = "closed-months"
_MISSING = object()


def _token(name: str) -> str:
    key = f"attendance:token:{name}"
    token = cache.get(key)
    if token is None:
        cache.add(key, uuid.uuid4().hex, None)
        token = cache.get(key) or uuid.uuid4().hex
    return str(token)


def changed(name: str) -> None:
    """What the token `name` covers changed: every entry under it is left behind, now (for the rest of
    this transaction) and again once it commits (for what others cached meanwhile from the old rows)."""

    def replace() -> None:
        cache.set(f"attendance:token:{name}", uuid.uuid4().hex, None)

    replace()
    transaction.on_commit(replace, robust=True)


def _remembered(name: str, key: str, compute: Callable[[], Any]) -> Any:
    full_key = f"attendance:{key}:{_token(name)}"
    found = cache.get(full_key, _MISSING)
    if found is not _MISSING:
        return found
    value = compute()
    cache.set(full_key, value, ENTRY_SECONDS)
    return value


_in_process: dict[str, tuple[str, Any]] = {}


def in_process(name: str, compute: Callable[[], Any]) -> Any:
    """A value kept in this process's memory while the token `name` stands: for large read-only
    values that every request needs whole (unpickling them from Redis at each read would cost more
    than reading the rows). Only the token is read from the shared cache."""
    token = _token(name)
    held = _in_process.get(name)
    if held is not None and held[0] == token:
        return held[1]
    value = compute()
    _in_process[name] = (token, value)
    return value


def consents_token(employee_id: uuid.UUID) -> str:
    return f"consents:{employee_id}"


def consents_of(employee_id: uuid.UUID, compute: Callable[[], set[str]]) -> set[str]:
    found: set[str] = _remembered(consents_token(employee_id), "consents", compute)
    return found


def closed_months(compute: Callable[[], set[datetime.date]]) -> set[datetime.date]:
    found: set[datetime.date] = _remembered(CLOSED_MONTHS, "closed-months", compute)
    return found
