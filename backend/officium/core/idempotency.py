"""Idempotency-Key for unsafe API requests: a retried request gets the original answer, not a second effect.

- same key, same payload → the stored response (marked `Idempotent-Replayed: true`);
- same key, other payload → 422 `idempotency_key_reused`;
- same key while the first request still runs → 409 `idempotency_request_in_progress`.

The view and the stored response share one transaction, so a crash between commit and answer
replays the committed outcome. Keys are scoped to the signed-in user.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from officium.core.errors import problem_response
from officium.core.middleware import API_PREFIX
from officium.core.models import IdempotencyRecord

HEADER = "Idempotency-Key"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
MAX_KEY_LENGTH = 255
# A request that has not finished within this time is taken to have died with its process.
IN_FLIGHT_LEASE = timedelta(seconds=60)
MAX_STORED_BODY = 1024 * 1024


def fingerprint(request: HttpRequest) -> str:
    digest = hashlib.sha256()
    for part in (request.method or "", request.get_full_path(), request.content_type or ""):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    digest.update(request.body)
    return digest.hexdigest()


def _replay(record: IdempotencyRecord) -> HttpResponse:
    response = HttpResponse(
        bytes(record.response_body),
        status=record.response_status or 200,
        content_type=record.response_content_type or "application/json",
    )
    response["Idempotent-Replayed"] = "true"
    return response


class IdempotencyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = request.headers.get(HEADER)
        if (
            key is None
            or request.method not in UNSAFE_METHODS
            or not request.path.startswith(API_PREFIX)
            or not request.user.is_authenticated
        ):
            return self.get_response(request)
        if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
            return problem_response(
                status=400,
                code="invalid_idempotency_key",
                title="The Idempotency-Key header must be 1 to 255 printable characters",
            )
        return self._handle(request, request.user.pk, key)

    def _handle(self, request: HttpRequest, user_id: Any, key: str) -> HttpResponse:
        print_ = fingerprint(request)
        claimed = self._claim(user_id, key, print_)
        if isinstance(claimed, HttpResponse):
            return claimed
        with transaction.atomic():
            response = self.get_response(request)
            if response.status_code >= 500 or getattr(response, "streaming", False):
                # Nothing committed is worth replaying: let a retry run again.
                transaction.set_rollback(True)
            else:
                IdempotencyRecord.objects.filter(pk=claimed.pk).update(
                    state=IdempotencyRecord.State.COMPLETED,
                    response_status=response.status_code,
                    response_content_type=response.get("Content-Type", ""),
                    response_body=response.content[:MAX_STORED_BODY],
                )
                return response
        IdempotencyRecord.objects.filter(pk=claimed.pk, state=IdempotencyRecord.State.IN_FLIGHT).delete()
        return response

    def _claim(self, user_id: Any, key: str, print_: str) -> IdempotencyRecord | HttpResponse:
        """Insert the in-flight record (committed at once, so concurrent duplicates see it)."""
        now = timezone.now()
        try:
            with transaction.atomic():
                return IdempotencyRecord.objects.create(
                    user_id=user_id, key=key, fingerprint=print_, locked_until=now + IN_FLIGHT_LEASE
                )
        except IntegrityError:
            pass
        with transaction.atomic():
            record = IdempotencyRecord.objects.select_for_update().get(user_id=user_id, key=key)
            if record.fingerprint != print_:
                return problem_response(
                    status=422,
                    code="idempotency_key_reused",
                    title="This Idempotency-Key was used for a different request",
                )
            if record.state == IdempotencyRecord.State.COMPLETED:
                return _replay(record)
            if record.locked_until > now:
                return problem_response(
                    status=409,
                    code="idempotency_request_in_progress",
                    title="A request with this Idempotency-Key is still being processed",
                    headers={"Retry-After": "1"},
                )
            # The first attempt died without an answer: this retry takes over.
            record.locked_until = now + IN_FLIGHT_LEASE
            record.save(update_fields=["locked_until"])
            return record
