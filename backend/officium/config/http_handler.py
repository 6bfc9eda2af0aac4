"""Django over ASGI, served the way WSGI serves it: one request, one pooled thread, one hop.

Django's own ASGI handler runs the middleware chain in async mode and gives every request a new
thread (ThreadSensitiveContext). Each synchronous middleware and the view are entered and left
through the event loop — seven hops per API request here — and starting the request's thread makes
the loop wait until the new thread gets the GIL. Measured under 100 concurrent approvers on two
cores: the loop spent about three quarters of its time starting threads, and request threads held
pooled database connections while they waited for the loop, so the pool ran dry (ADR 0015).

Here the middleware chain is synchronous and runs, with the view, in one call on a fixed pool of
threads; the database connections go back to the pool before the answer is handed to the loop.
Websockets do not come through here (Channels serves them).
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import AsyncIterator, Iterator
from contextlib import closing
from typing import Any

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core import signals
from django.core.exceptions import RequestAborted
from django.core.handlers.asgi import ASGIHandler, get_script_prefix
from django.db import close_old_connections
from django.http import FileResponse, HttpResponseBase
from django.urls import set_script_prefix

Scope = dict[str, Any]


class PooledThreadASGIHandler(ASGIHandler):
    def __init__(self) -> None:
        super(ASGIHandler, self).__init__()
        self.load_middleware(is_async=False)
        self.executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=settings.OFFICIUM_HTTP_THREADS, thread_name_prefix="officium-http"
        )

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            raise ValueError(f"this handler serves HTTP, not {scope['type']}")
        try:
            body_file = await self.read_body(receive)
        except RequestAborted:
            return
        response = await self._in_thread(self._respond, scope, body_file)
        if response.streaming and not response.is_async:
            # A file or an export: read chunk by chunk in the pool, never all of it into memory.
            response.streaming_content = self._chunks_from_pool(iter(response.streaming_content))
        try:
            await self.send_response(response, send)
        finally:
            if response.streaming:
                await self._in_thread(response.close)

    async def _chunks_from_pool(self, chunks: Iterator[bytes]) -> AsyncIterator[bytes]:
        while (chunk := await self._in_thread(next, chunks, None)) is not None:
            yield chunk

    async def _in_thread(self, function: Any, *args: Any) -> Any:
        return await sync_to_async(function, thread_sensitive=False, executor=self.executor)(*args)

    def _respond(self, scope: Scope, body_file: Any) -> HttpResponseBase:
        """Everything Django does for one request, in this thread; a streamed body is closed later."""
        with closing(body_file):
            set_script_prefix(get_script_prefix(scope))
            signals.request_started.send(sender=self.__class__, scope=scope)
            try:
                request, error_response = self.create_request(scope, body_file)
                response = self.get_response(request) if request is not None else error_response
                assert response is not None  # create_request gives a request or the response to send
                response._handler_class = self.__class__  # type: ignore[attr-defined]
                if isinstance(response, FileResponse):
                    response.block_size = self.chunk_size  # the server chunks the body itself
                if not response.streaming:
                    response.close()  # the body is in memory: request_finished, connections back to the pool
                return response
            finally:
                close_old_connections()
