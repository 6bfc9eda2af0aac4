"""Error reporting to Sentry or a Sentry-compatible service (GlitchTip, self-hosted Sentry).

Only errors are sent (no performance traces), without personal data: no cookies, no request bodies,
no user e-mail or IP address — the report names the user by id and the request by its request id.
"""

from __future__ import annotations

from typing import Any

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration
from sentry_sdk.types import Event

import officium


def _with_request_id(event: Event, hint: dict[str, Any]) -> Event:
    from officium.core import context

    current = context.current()
    if current is not None:
        event.setdefault("tags", {})["request_id"] = current.request_id
    return event


def start(dsn: str, *, environment: str) -> None:
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=f"officium@{officium.__version__}",
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        traces_sample_rate=0.0,
        before_send=_with_request_id,
    )
