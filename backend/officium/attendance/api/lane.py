"""The punch lane (ADR 0022): `POST /api/v1/attendance/punches` at the morning peak.

At 08:59 everyone punches at once. Through Django's request cycle each punch cost a dozen queries
(session, user, employee, group, consents, the id, the row, the audit chain) and the middleware
chain, one request after another. The lane takes the ordinary punch — a signed-in employee's JSON
body that passes the checks Django would make (`core.fast_http.admit`) and the schema — straight
from the ASGI server, and records the punches that arrived meanwhile as one batch: one thread hop,
a few queries and one transaction for the whole batch (`services.punches.record_punches`).

Anything else goes to Django unchanged, its body replayed: no session or an expired one, a failed
CSRF or origin check, an invalid body, a punch refused for a reason, a retry under an
Idempotency-Key. Django answers those as it always does, so every refusal keeps its one
implementation and the lane only ever answers 201 (recorded) or 200 (recorded before).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime
import json
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone
from pydantic import ValidationError

from officium.attendance.api.routes import punch_answer, punch_item
from officium.attendance.api.schemas import PunchIn
from officium.attendance.models import Punch
from officium.attendance.services import punches
from officium.core import fast_http
from officium.core.middleware import contains_nul
from officium.org import selectors as org

logger = logging.getLogger(__name__)

PATH = "/api/v1/attendance/punches"
MAX_BODY_BYTES = 64 * 1024  # a punch is a few hundred bytes; anything larger is Django's to judge
MAX_BATCH = 500
WRITERS = 2
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
Answer = tuple[Message, bytes] | None  # the response start and body; None: Django answers


@dataclass(frozen=True)
class Admitted:
    """A punch the lane may record, with the request's checks passed and the time it arrived."""

    admission: fast_http.Admission
    item: punches.PunchIn
    received_at: datetime.datetime


class PunchLane:
    """ASGI middleware in front of Django for the punch endpoint."""

    def __init__(self, app: Callable[[Message, Receive, Send], Awaitable[None]]) -> None:
        self.app = app
        self.waiting: list[tuple[Admitted, asyncio.Future[Answer]]] = []
        self.writers: set[asyncio.Task[None]] = set()
        # Two batches in flight: one is computed while the other waits for the database. Each batch is
        # as large as the wait for the previous one made it.
        self.executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=WRITERS, thread_name_prefix="officium-punch-lane"
        )

    async def __call__(self, scope: Message, receive: Receive, send: Send) -> None:
        if not (scope["type"] == "http" and scope["method"] == "POST" and scope["path"] == PATH):
            await self.app(scope, receive, send)
            return
        if not settings.OFFICIUM_PUNCH_LANE:
            await self.app(scope, receive, send)
            return
        chunks, complete = await _read_body(receive)
        admitted = admit(scope, _body(chunks)) if complete else None
        answer = await self._through_batch(admitted) if admitted is not None else None
        if answer is None:
            await self.app(scope, _replaying(chunks, receive), send)
            return
        start, body = answer
        await send(start)
        await send({"type": "http.response.body", "body": body})

    async def _through_batch(self, admitted: Admitted) -> Answer:
        answer: asyncio.Future[Answer] = asyncio.get_running_loop().create_future()
        self.waiting.append((admitted, answer))
        if len(self.writers) < WRITERS:
            writer = asyncio.create_task(self._write_batches())
            self.writers.add(writer)
            writer.add_done_callback(self.writers.discard)
        return await answer

    async def _write_batches(self) -> None:
        """While punches wait: take them all (up to MAX_BATCH) and record them in the lane's thread."""
        loop = asyncio.get_running_loop()
        while self.waiting:
            batch, self.waiting = self.waiting[:MAX_BATCH], self.waiting[MAX_BATCH:]
            try:
                answers = await loop.run_in_executor(self.executor, _answer_in_lane_thread, [a for a, _ in batch])
            except Exception:
                # Django answers each one: it records the punch, finds it recorded, or says what is wrong.
                logger.exception("the punch lane could not record a batch of %d", len(batch))
                answers = [None] * len(batch)
            for (_, future), answer in zip(batch, answers, strict=True):
                if not future.done():
                    future.set_result(answer)


def admit(scope: Message, body: bytes) -> Admitted | None:
    """The punch, if the lane may record it; None hands the request to Django."""
    headers = fast_http.headers_of(scope)
    admission = fast_http.admit(scope, headers)
    if admission is None:
        return None
    try:
        parsed = json.loads(body)
        payload = PunchIn.model_validate(parsed)
    except (ValueError, ValidationError):
        return None
    if contains_nul(parsed):
        return None
    return Admitted(admission, punch_item(payload), timezone.now())


def _answer_in_lane_thread(batch: Sequence[Admitted]) -> list[Answer]:
    """As a request would: stale connections closed before, connections back to the pool after."""
    close_old_connections()
    try:
        return answer_batch(batch)
    finally:
        close_old_connections()


def answer_batch(batch: Sequence[Admitted]) -> list[Answer]:
    """Record a batch of admitted punches; each answers 201/200, or None for Django to answer."""
    users = fast_http.session_users({admitted.admission.session_key for admitted in batch})
    employees = org.working_employees(users.values())
    requests: dict[int, punches.PunchRequest] = {}  # by position in the batch
    for position, admitted in enumerate(batch):
        user = users.get(admitted.admission.session_key)
        employee = employees.get(user.pk) if user is not None else None
        if employee is not None:  # else not signed in, or not an employee: Django says so
            requests[position] = punches.PunchRequest(
                actor=user,
                employee=employee,
                item=admitted.item,
                source=Punch.Source.ONLINE,
                received_at=admitted.received_at,
                request=admitted.admission.request,
            )
    answers: list[Answer] = [None] * len(batch)
    outcomes = punches.record_punches(list(requests.values())) if requests else []
    for (position, request), outcome in zip(requests.items(), outcomes, strict=True):
        if isinstance(outcome, punches.Outcome):
            status, content = punch_answer(outcome)
            body = fast_http.dumps(content)  # the shape of PunchAnswer (the tests compare both roads)
            answers[position] = (fast_http.json_answer(batch[position].admission, request.actor, status, body), body)
    return answers


async def _read_body(receive: Receive) -> tuple[list[Message], bool]:
    """The request's body messages, up to MAX_BODY_BYTES; complete is False when it is longer (or the
    client left), and the rest stays unread for Django."""
    messages: list[Message] = []
    size = 0
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            return messages, False
        size += len(message.get("body", b""))
        if not message.get("more_body", False):
            return messages, size <= MAX_BODY_BYTES
        if size > MAX_BODY_BYTES:
            return messages, False


def _body(messages: Sequence[Message]) -> bytes:
    return b"".join(message.get("body", b"") for message in messages)


def _replaying(messages: list[Message], receive: Receive) -> Receive:
    """`receive` for Django: the messages the lane read first, then the rest from the server."""
    pending = list(messages)

    async def replay() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replay
