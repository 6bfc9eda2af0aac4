"""A small y-websocket client on pycrdt for the consumer tests: connect, sync, edit, read frames."""

from __future__ import annotations

import asyncio
from typing import Any

from channels.testing import WebsocketCommunicator
from pycrdt import Doc, Text, YSyncMessageType

from officium.config.asgi import application
from officium.documents import protocol


class YClient:
    def __init__(self, document_id: Any, cookie: str) -> None:
        headers = [(b"origin", b"http://testserver"), (b"cookie", cookie.encode())]
        self.socket = WebsocketCommunicator(application, f"/ws/documents/{document_id}/", headers=headers)
        self.doc: Doc[Any] = Doc()
        self.text = self.doc.get("content", type=Text)
        self.closed_with: int | None = None
        self.awareness: list[protocol.AwarenessEntry] = []

    async def connect(self, *, sync: bool = True) -> None:
        connected, _ = await self.socket.connect()
        assert connected
        if sync:
            await self.send(protocol.sync_frame(YSyncMessageType.SYNC_STEP1, self.doc.get_state()))
            await self.until(lambda message: isinstance(message, protocol.SyncMessage) and message.step == 1)

    async def send(self, frame: bytes) -> None:
        await self.socket.send_to(bytes_data=frame)

    async def edit(self, text: str) -> bytes:
        """Append text and send the update; returns it."""
        before = self.doc.get_state()
        self.text += text
        update = self.doc.get_update(before)
        await self.send(protocol.sync_frame(YSyncMessageType.SYNC_UPDATE, update))
        return update

    async def receive(self, timeout: float = 3) -> protocol.Message | None:
        """The next frame, applied to the local document; None once the server has closed."""
        output = await self.socket.receive_output(timeout)
        if output["type"] == "websocket.close":
            self.closed_with = output.get("code", 1000)
            return None
        message = protocol.parse(output["bytes"])
        if isinstance(message, protocol.SyncMessage) and message.step != YSyncMessageType.SYNC_STEP1:
            self.doc.apply_update(message.payload)
        elif isinstance(message, protocol.AwarenessMessage):
            self.awareness.extend(message.entries)
        return message

    async def until(self, predicate: Any, timeout: float = 5) -> protocol.Message:
        async def wait() -> protocol.Message:
            while True:
                message = await self.receive(timeout)
                if message is None:
                    raise AssertionError(f"closed with {self.closed_with}")
                if predicate(message):
                    return message

        return await asyncio.wait_for(wait(), timeout)

    async def closed(self, timeout: float = 5) -> int:
        async def wait() -> int:
            while self.closed_with is None:
                await self.receive(timeout)
            return self.closed_with

        return await asyncio.wait_for(wait(), timeout)

    async def content_becomes(self, expected: str, timeout: float = 5) -> None:
        async def wait() -> None:
            while str(self.text) != expected:
                await self.receive(timeout)

        await asyncio.wait_for(wait(), timeout)

    async def quiet(self, seconds: float = 0.3) -> bool:
        return bool(await self.socket.receive_nothing(timeout=seconds))

    async def disconnect(self) -> None:
        await self.socket.disconnect()
