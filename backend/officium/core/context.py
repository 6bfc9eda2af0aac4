"""Who is acting, from where, in which request: read by the audit log and the log formatter."""

from __future__ import annotations

import logging
import re
import uuid
from contextvars import ContextVar
from dataclasses import dataclass

REQUEST_ID_PATTERN = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


@dataclass(frozen=True)
class RequestContext:
    request_id: str
    ip: str | None = None
    user_agent: str = ""


_current: ContextVar[RequestContext | None] = ContextVar("officium_request_context", default=None)


def current() -> RequestContext | None:
    return _current.get()


def activate(context: RequestContext) -> object:
    return _current.set(context)


def deactivate(token: object) -> None:
    _current.reset(token)  # type: ignore[arg-type]


def new_request_id(proposed: str | None = None) -> str:
    """Keep a well-formed id from an upstream proxy, else make one."""
    if proposed and REQUEST_ID_PATTERN.match(proposed):
        return proposed
    return uuid.uuid4().hex


class RequestContextLogFilter(logging.Filter):
    """Adds `request_id` to every log record ("-" outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        context = _current.get()
        record.request_id = context.request_id if context else "-"
        return True
