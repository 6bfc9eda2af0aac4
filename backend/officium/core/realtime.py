"""The per-user event stream at /ws/: tells a signed-in user's open apps what to refetch.

Messages are small JSON objects, for example {"type": "changed", "topics": ["me"]}; the stream never
carries the data itself, so a message can never leak what the user may not read.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import threading
from typing import Any

from asgiref.sync import async_to_sync
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from channels.layers import get_channel_layer
from django.db import transaction

from officium.core import metrics

logger = logging.getLogger(__name__)

CLOSE_NOT_AUTHENTICATED = 4401

# The event loop of the ASGI server in this process, recorded at start-up. Code running in another
# thread of the process (the embedded task worker) hands channel-layer calls to it, because the
# in-memory channel layer belongs to that loop.
_server_loop: asyncio.AbstractEventLoop | None = None
_server_thread: int | None = None


def record_server_loop(loop: asyncio.AbstractEventLoop) -> None:
    global _server_loop, _server_thread
    _server_loop = loop
    _server_thread = threading.get_ident()


EVERYONE = "everyone"


def user_group(user_id: Any) -> str:
    return f"user.{user_id}"


def broadcast(message: dict[str, Any]) -> None:
    """Deliver `message` to every open socket (for changes everyone's apps show, like the org tree)."""
    layer = get_channel_layer()
    if layer is not None:
        _run_on_server_loop(layer.group_send(EVERYONE, {"type": "user.event", "event": message}))


def group_send(group: str, message: dict[str, Any]) -> None:
    """Deliver a channel-layer message to every consumer in `group` (now, not on commit)."""
    layer = get_channel_layer()
    if layer is not None:
        _run_on_server_loop(layer.group_send(group, message))


def send_to_user(user_id: Any, message: dict[str, Any]) -> None:
    """Deliver `message` to every open socket of the user (now, not on commit)."""
    layer = get_channel_layer()
    if layer is None:
        return
    _run_on_server_loop(layer.group_send(user_group(user_id), {"type": "user.event", "event": message}))


def _run_on_server_loop(coroutine: Any) -> None:
    """Hand the send to the server's loop without waiting for it: a request thread must not hold its
    database connection while the loop is busy. Sends from one thread keep their order (FIFO)."""
    loop = _server_loop
    if loop is not None and loop.is_running() and threading.get_ident() != _server_thread:
        asyncio.run_coroutine_threadsafe(coroutine, loop).add_done_callback(_log_failure)
    else:
        async_to_sync(_await)(coroutine)


def _log_failure(future: concurrent.futures.Future[Any]) -> None:
    if not future.cancelled() and future.exception() is not None:
        logger.warning("a realtime message could not be sent", exc_info=future.exception())


async def _await(coroutine: Any) -> None:
    await coroutine


def changed_on_commit(user_id: Any, *topics: str) -> None:
    """After the transaction commits, tell the user's apps to refetch `topics`."""
    message = {"type": "changed", "topics": list(topics)}
    transaction.on_commit(lambda: send_to_user(user_id, message), robust=True)


def disconnect_on_commit(user_id: Any) -> None:
    """After the transaction commits, close every open socket of the user (4401)."""

    def close_sockets() -> None:
        layer = get_channel_layer()
        if layer is not None:
            _run_on_server_loop(layer.group_send(user_group(user_id), {"type": "user.disconnect"}))

    transaction.on_commit(close_sockets, robust=True)


class UserEventsConsumer(AsyncJsonWebsocketConsumer):
    group: str = ""

    async def connect(self) -> None:
        user = self.scope.get("user")
        await self.accept()
        if user is None or not user.is_authenticated or not user.is_active:
            # Accept first so that the client sees the reason as a close code.
            await self.close(code=CLOSE_NOT_AUTHENTICATED)
            return
        self.group = user_group(user.pk)
        metrics.WEBSOCKETS.labels("events").inc()
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.channel_layer.group_add(EVERYONE, self.channel_name)
        await self.send_json({"type": "hello", "user_id": str(user.pk)})

    async def disconnect(self, code: int) -> None:
        if self.group:
            metrics.WEBSOCKETS.labels("events").dec()
            await self.channel_layer.group_discard(self.group, self.channel_name)
            await self.channel_layer.group_discard(EVERYONE, self.channel_name)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        if isinstance(content, dict) and content.get("type") == "ping":
            await self.send_json({"type": "pong"})

    async def user_event(self, message: dict[str, Any]) -> None:
        await self.send_json(message["event"])

    async def user_disconnect(self, message: dict[str, Any]) -> None:
        await self.close(code=CLOSE_NOT_AUTHENTICATED)
