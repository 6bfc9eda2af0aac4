"""The co-editing endpoint /ws/documents/<id>/: the y-websocket protocol over our own rooms.

The socket is accepted first and then closed with a code the standard client understands (it stops
reconnecting on 4400–4499): 4401 not signed in, 4404 no such document (or not one the user may see),
4403 access taken away during the session, 4400 a malformed frame, 4413 a frame or the document too
large, 4503 too many people in the document. Viewers and commenters get the document and its
updates; their update frames are dropped.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from typing import Any
from uuid import UUID, uuid4

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from pycrdt import YSyncMessageType

from officium.core import metrics
from officium.documents import protocol, rooms, selectors, services
from officium.documents.permissions import EDIT, NONE, at_least

logger = logging.getLogger(__name__)

CLOSE_MALFORMED = 4400
CLOSE_NOT_AUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_NOT_FOUND = 4404
CLOSE_TOO_LARGE = 4413
CLOSE_OVER_CAPACITY = 4503
CLOSE_SLOW = 1013  # the client reconnects and syncs again
MAX_QUEUED_FRAMES = 5000

# Colours readable on white, for carets and names.
COLORS = ("#d4380d", "#d46b08", "#389e0d", "#08979c", "#1d39c4", "#531dab", "#c41d7f", "#0958d9")


def space_group(space_id: UUID) -> str:
    return f"documents.space.{space_id.hex}"


def color_for(user_id: Any) -> str:
    digest = hashlib.sha256(str(user_id).encode()).digest()
    return COLORS[digest[0] % len(COLORS)]


def _open(user: Any, document_id: UUID) -> tuple[str, UUID, str] | None:
    """The user's level, the document's space and the user's name; None if they may not see it."""
    try:
        seen = selectors.document(actor=user, document_id=document_id)
    except selectors.DocumentNotFound:
        return None
    services.document_visit(user=user, document_id=document_id)
    name = getattr(user, "display_name", "") or user.get_username()
    return seen.level, seen.document.space_id, name


class DocumentSyncConsumer(AsyncWebsocketConsumer):
    room: rooms.Room | None = None
    level: str = NONE
    document_id: UUID | None = None
    group: str = ""

    async def connect(self) -> None:
        self.connection_id = uuid4().hex
        self.display_name = ""
        self.color = ""
        self.closing = False
        self.outbox: asyncio.Queue[bytes | None] = asyncio.Queue()
        self.sender: asyncio.Task[None] | None = None
        await self.accept()
        user = self.scope.get("user")
        if user is None or not user.is_authenticated or not user.is_active:
            await self.close_with(CLOSE_NOT_AUTHENTICATED)
            return
        try:
            document_id = UUID(str(self.scope["url_route"]["kwargs"]["document_id"]))
        except ValueError:
            await self.close_with(CLOSE_NOT_FOUND)
            return
        opened = await database_sync_to_async(_open)(user, document_id)
        if opened is None:
            await self.close_with(CLOSE_NOT_FOUND)
            return
        self.level, space_id, self.display_name = opened
        self.color = color_for(user.pk)
        self.document_id = document_id
        self.group = space_group(space_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        self.sender = asyncio.create_task(self._send_loop())
        try:
            self.room = await rooms.registry().join(document_id, self)
            metrics.WEBSOCKETS.labels("documents").inc()
        except rooms.RoomFull:
            await self.close_with(CLOSE_OVER_CAPACITY)
        except Exception:
            logger.exception("document %s: the room could not open", document_id)
            await self.close_with(1011)

    def enqueue(self, frame: bytes) -> None:
        if self.closing:
            return
        if self.outbox.qsize() >= MAX_QUEUED_FRAMES:
            self.closing = True
            self.outbox.put_nowait(None)
            asyncio.get_running_loop().create_task(self.close(code=CLOSE_SLOW))
            return
        self.outbox.put_nowait(frame)

    async def _send_loop(self) -> None:
        while True:
            frame = await self.outbox.get()
            if frame is None:
                return
            try:
                await self.send(bytes_data=frame)
            except Exception:
                # The client went away: its disconnect cleans up; nobody else is affected.
                logger.debug("document %s: a send failed", self.document_id, exc_info=True)
                return

    async def close_with(self, code: int) -> None:
        if self.closing:
            return
        self.closing = True
        await self._leave()
        await self.close(code=code)

    async def _leave(self) -> None:
        room, self.room = self.room, None
        if room is not None:
            room.remove(self)
            metrics.WEBSOCKETS.labels("documents").dec()
        if self.sender is not None:
            self.outbox.put_nowait(None)
            self.sender = None
        if self.group:
            await self.channel_layer.group_discard(self.group, self.channel_name)
            self.group = ""

    async def disconnect(self, code: int) -> None:
        self.closing = True
        await self._leave()

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        room = self.room
        if room is None or self.closing:
            return
        if bytes_data is None:
            await self.close_with(CLOSE_MALFORMED)
            return
        if len(bytes_data) > settings.DOCUMENTS_MAX_FRAME_BYTES:
            await self.close_with(CLOSE_TOO_LARGE)
            return
        try:
            message = protocol.parse(bytes_data)
            if isinstance(message, protocol.SyncMessage):
                if message.step == YSyncMessageType.SYNC_STEP1:
                    room.answer_step1(self, message.payload)
                elif at_least(self.level, EDIT):
                    room.submit(self, message.payload)
                # A viewer's or commenter's step 2 and updates are dropped.
            elif isinstance(message, protocol.AwarenessMessage):
                room.awareness(self, message.entries)
            else:
                room.answer_query(self)
        except rooms.DocumentTooLarge:
            await self.close_with(CLOSE_TOO_LARGE)
        except ValueError:
            # MalformedFrame, or an update or state vector Yjs cannot decode: the room is unchanged.
            logger.info("document %s: malformed frame from %s", self.document_id, self.connection_id)
            await self.close_with(CLOSE_MALFORMED)

    async def access_changed(self, message: dict[str, Any]) -> None:
        """A grant, a move or the trash changed something in the space: check the level again."""
        if self.document_id is None or self.closing:
            return
        user = self.scope["user"]
        level = await database_sync_to_async(services.level_of)(user=user, document_id=self.document_id)
        if level == NONE:
            await self.close_with(CLOSE_FORBIDDEN)
        else:
            self.level = level
