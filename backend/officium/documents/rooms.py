"""Rooms: one in-memory Yjs document per open document and process, shared by its connections.

How a room avoids the defects of the reference building blocks (see ADR 0026):
- it is created under a per-document lock, so two first connections share one loaded room;
- an update is applied to the room's document, written to the update log by the room's writer (in
  batches), and only then sent to the other connections and to the other processes;
- each connection has its own outgoing queue and sender, so a failed or slow send touches no one else,
  and the writer never sends;
- a connection gets no broadcast before the reply to its sync step 1 (they wait in its queue);
- presence is one table per room: states only from client ids a connection owns, with the name and
  colour of the signed-in user put in by the server, forwarded when changed, at most once a second;
- when the last connection leaves, the room stays a while, then drains its writer, writes a snapshot
  and only then closes.
Rooms of one document in several processes share updates and presence through the channel layer.
"""

from __future__ import annotations

import asyncio
import logging
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol
from uuid import UUID, uuid4

from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings
from pycrdt import Doc, YSyncMessageType, merge_updates

from officium.core import metrics
from officium.documents import protocol, storage
from officium.documents.protocol import AwarenessEntry

logger = logging.getLogger(__name__)

WRITE_BATCH = 50
COMPACT_AFTER_UPDATES = 500
COMPACT_AFTER_BYTES = 1024 * 1024
PRESENCE_RENEWAL_SECONDS = 15.0  # forward an unchanged state this often: clients drop states after 30 s
MAX_CLIENT_IDS_PER_CONNECTION = 4
EMPTY_UPDATE = b"\x00\x00"


class RoomFull(Exception):
    pass


class DocumentTooLarge(Exception):
    pass


class Connection(Protocol):
    """What a room needs of a connection (the consumer)."""

    connection_id: str
    display_name: str
    color: str

    def enqueue(self, frame: bytes) -> None: ...


@dataclass
class Presence:
    clock: int
    state: dict[str, Any] | None
    owner: str  # a connection id, or "remote:<process>" for a client on another process
    forwarded_at: float = 0.0
    dirty: bool = False


def room_group(document_id: UUID) -> str:
    return f"documents.room.{document_id.hex}"


class Room:
    def __init__(self, document_id: UUID) -> None:
        self.document_id = document_id
        self.token = uuid4().hex  # this process's room, in channel-layer messages
        self.doc: Doc[Any] = Doc()
        self.size = 0
        self.connections: dict[str, Connection] = {}
        self.synced: dict[str, bool] = {}
        self.held: dict[str, list[bytes]] = {}
        self.presence: dict[int, Presence] = {}
        self._pending: list[tuple[bytes, str]] = []
        self._wake = asyncio.Event()
        self._idle_since: float | None = None
        self._writing = False
        self._compacting: asyncio.Task[None] | None = None
        self._tail_updates = 0
        self._tail_bytes = 0
        self._last_presence_flush = 0.0
        self._presence_timer: asyncio.TimerHandle | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self._layer = get_channel_layer()
        self._channel = ""
        self.closed = False

    # --- life cycle ---------------------------------------------------------------------------------
    async def start(self) -> None:
        loaded = await database_sync_to_async(storage.load)(self.document_id)
        self.doc.apply_update(loaded.state)
        self.size = len(loaded.state)
        self._tail_updates, self._tail_bytes = loaded.tail_updates, loaded.tail_bytes
        self._tasks.append(asyncio.create_task(self._writer(), name=f"room-writer-{self.document_id}"))
        if self._layer is not None:
            self._channel = await self._layer.new_channel()
            await self._layer.group_add(room_group(self.document_id), self._channel)
            self._tasks.append(asyncio.create_task(self._remote_reader(), name=f"room-reader-{self.document_id}"))

    async def close(self) -> None:
        """Write everything pending and a snapshot, then stop."""
        self.closed = True
        await self.drain()
        if self._compacting is not None:
            await asyncio.shield(self._compacting)
        if self._tail_updates:
            await database_sync_to_async(storage.compact)(self.document_id)
        if self._layer is not None and self._channel:
            await self._layer.group_discard(room_group(self.document_id), self._channel)
        if self._presence_timer is not None:
            self._presence_timer.cancel()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def drain(self) -> None:
        while self._pending or self._writing:
            await asyncio.sleep(0.01)

    # --- connections --------------------------------------------------------------------------------
    def add(self, connection: Connection) -> None:
        """Queue the server's sync step 1 and the current presence for a new connection; broadcasts
        wait until the connection's own sync step 1 has been answered."""
        if len(self.connections) >= settings.DOCUMENTS_MAX_CLIENTS:
            raise RoomFull()
        key = connection.connection_id
        self.connections[key] = connection
        self.synced[key] = False
        self.held[key] = []
        self._idle_since = None
        connection.enqueue(protocol.sync_frame(YSyncMessageType.SYNC_STEP1, self.doc.get_state()))
        states = self._presence_entries(lambda p: p.state is not None)
        if states:
            connection.enqueue(protocol.awareness_frame(states))

    def remove(self, connection: Connection) -> None:
        key = connection.connection_id
        self.connections.pop(key, None)
        self.synced.pop(key, None)
        self.held.pop(key, None)
        gone = [client for client, p in self.presence.items() if p.owner == key]
        if gone:
            entries = []
            for client in gone:
                presence = self.presence.pop(client)
                entries.append(AwarenessEntry(client, presence.clock + 1, None))
            self._send_presence(entries)
        if not self.connections:
            self._idle_since = time.monotonic()

    def idle_for(self) -> float:
        return 0.0 if self._idle_since is None else time.monotonic() - self._idle_since

    def _send(self, frame: bytes, *, exclude: str | None = None) -> None:
        for key, connection in list(self.connections.items()):
            if key == exclude:
                continue
            if self.synced.get(key):
                connection.enqueue(frame)
            else:
                self.held[key].append(frame)

    # --- sync ---------------------------------------------------------------------------------------
    def answer_step1(self, connection: Connection, state_vector: bytes) -> None:
        """Reply with what the client lacks, then release what was held for it (no await between)."""
        reply = self.doc.get_update(state_vector)  # ValueError for a malformed state vector
        key = connection.connection_id
        connection.enqueue(protocol.sync_frame(YSyncMessageType.SYNC_STEP2, reply))
        for frame in self.held.get(key, []):
            connection.enqueue(frame)
        self.held[key] = []
        self.synced[key] = True

    def submit(self, connection: Connection, update: bytes) -> None:
        """Apply an editor's update now (a malformed one raises ValueError and changes nothing);
        it is sent to the others once it is in the log."""
        if update == EMPTY_UPDATE:
            return
        if self.size + len(update) > settings.DOCUMENTS_MAX_BYTES:
            raise DocumentTooLarge()
        self.doc.apply_update(update)
        self.size += len(update)
        self._pending.append((update, connection.connection_id))
        self._wake.set()

    async def _writer(self) -> None:
        backoff = 0.1
        while True:
            await self._wake.wait()
            self._wake.clear()
            while self._pending:
                batch = self._pending[:WRITE_BATCH]
                updates = [update for update, _origin in batch]
                self._writing = True
                try:
                    await database_sync_to_async(storage.append)(self.document_id, updates)
                except Exception:
                    # Kept in memory and retried: nothing is sent before it is stored.
                    logger.exception("document %s: writing %d updates failed; retrying", self.document_id, len(batch))
                    self._writing = False
                    await asyncio.sleep(backoff)
                    backoff = min(backoff * 2, 5.0)
                    continue
                backoff = 0.1
                del self._pending[: len(batch)]
                # One frame per batch, to everyone (as the reference server does, the sender included:
                # Yjs ignores what it has); alone, an update skips its sender.
                merged = updates[0] if len(updates) == 1 else merge_updates(*updates)
                self._send(
                    protocol.sync_frame(YSyncMessageType.SYNC_UPDATE, merged),
                    exclude=batch[0][1] if len(batch) == 1 else None,
                )
                self._tail_updates += 1
                self._tail_bytes += len(merged)
                await self._publish_remote("room.update", merged)
                self._writing = False
                due = self._tail_updates >= COMPACT_AFTER_UPDATES or self._tail_bytes >= COMPACT_AFTER_BYTES
                if due and self._compacting is None:
                    self._compacting = asyncio.create_task(self._compact())

    async def _compact(self) -> None:
        try:
            snapshot = await database_sync_to_async(storage.compact)(self.document_id)
            if snapshot is not None:
                self._tail_updates = self._tail_bytes = 0
        except Exception:
            logger.exception("document %s: compaction failed", self.document_id)
        finally:
            self._compacting = None

    # --- other processes ----------------------------------------------------------------------------
    async def _publish_remote(self, kind: str, data: bytes) -> None:
        if self._layer is None:
            return
        try:
            await self._layer.group_send(
                room_group(self.document_id), {"type": kind, "origin": self.token, "data": data}
            )
        except Exception:
            logger.exception("document %s: could not share with other processes", self.document_id)

    async def _remote_reader(self) -> None:
        assert self._layer is not None
        while True:
            message = await self._layer.receive(self._channel)
            if message.get("origin") == self.token:
                continue
            try:
                if message.get("type") == "room.update":
                    update = bytes(message["data"])
                    self.doc.apply_update(update)
                    self.size += len(update)
                    self._send(protocol.sync_frame(YSyncMessageType.SYNC_UPDATE, update))
                elif message.get("type") == "room.awareness":
                    entries = protocol.parse_awareness(bytes(message["data"]))
                    owner = f"remote:{message['origin']}"
                    for entry in entries:
                        if entry.state is None:
                            self.presence.pop(entry.client_id, None)
                        else:
                            self.presence[entry.client_id] = Presence(entry.clock, entry.state, owner)
                    self._send(protocol.awareness_frame(list(entries)))
            except (ValueError, KeyError):
                logger.exception("document %s: a message from another process was unreadable", self.document_id)

    # --- presence -----------------------------------------------------------------------------------
    def awareness(self, connection: Connection, entries: tuple[AwarenessEntry, ...]) -> None:
        key = connection.connection_id
        now = time.monotonic()
        changed = []
        for entry in entries:
            current = self.presence.get(entry.client_id)
            if current is not None and current.owner != key:
                continue  # another connection's client id: not this one's to speak for
            if current is None:
                owned = sum(1 for p in self.presence.values() if p.owner == key)
                if owned >= MAX_CLIENT_IDS_PER_CONNECTION or entry.state is None:
                    continue
            if current is not None and entry.clock < current.clock:
                continue
            if entry.state is None:
                assert current is not None
                del self.presence[entry.client_id]
                changed.append(AwarenessEntry(entry.client_id, entry.clock, None))
                continue
            state = {**entry.state, "user": {"name": connection.display_name, "color": connection.color}}
            if current is None:
                current = self.presence[entry.client_id] = Presence(entry.clock, state, key)
                current.dirty = True
            else:
                if state != current.state or now - current.forwarded_at >= PRESENCE_RENEWAL_SECONDS:
                    current.dirty = True
                current.clock, current.state = entry.clock, state
        if changed:
            self._send_presence(changed)
        if any(p.dirty for p in self.presence.values()):
            self._schedule_presence_flush()

    def answer_query(self, connection: Connection) -> None:
        states = self._presence_entries(lambda p: p.state is not None)
        if states:
            connection.enqueue(protocol.awareness_frame(states))

    def _presence_entries(self, keep: Callable[[Presence], bool]) -> list[AwarenessEntry]:
        return [AwarenessEntry(client, p.clock, p.state) for client, p in self.presence.items() if keep(p)]

    def _schedule_presence_flush(self) -> None:
        if self._presence_timer is not None:
            return
        interval = settings.DOCUMENTS_PRESENCE_INTERVAL
        wait = max(0.0, self._last_presence_flush + interval - time.monotonic())
        self._presence_timer = asyncio.get_running_loop().call_later(wait, self._flush_presence)

    def _flush_presence(self) -> None:
        self._presence_timer = None
        self._last_presence_flush = now = time.monotonic()
        entries = []
        for client, presence in self.presence.items():
            if presence.dirty:
                presence.dirty, presence.forwarded_at = False, now
                entries.append(AwarenessEntry(client, presence.clock, presence.state))
        if entries:
            self._send_presence(entries)

    def _send_presence(self, entries: list[AwarenessEntry]) -> None:
        self._send(protocol.awareness_frame(entries))
        self._tasks.append(
            asyncio.create_task(self._publish_remote("room.awareness", protocol.awareness_update(entries)))
        )
        self._tasks = [task for task in self._tasks if not task.done()]


# --- the rooms of this process ---------------------------------------------------------------------
class Registry:
    """The rooms of one event loop, each created under its document's lock."""

    def __init__(self) -> None:
        self.rooms: dict[UUID, Room] = {}
        self.locks: dict[UUID, asyncio.Lock] = {}
        self.reaper: asyncio.Task[None] | None = None

    def lock(self, document_id: UUID) -> asyncio.Lock:
        return self.locks.setdefault(document_id, asyncio.Lock())

    async def join(self, document_id: UUID, connection: Connection) -> Room:
        async with self.lock(document_id):
            room = self.rooms.get(document_id)
            if room is None:
                room = Room(document_id)
                await room.start()
                self.rooms[document_id] = room
                metrics.DOCUMENT_ROOMS.inc()
            room.add(connection)
        if self.reaper is None or self.reaper.done():
            self.reaper = asyncio.create_task(self._reap())
        return room

    async def _reap(self) -> None:
        """Close rooms idle past the grace period (checked every second)."""
        while self.rooms:
            await asyncio.sleep(min(1.0, settings.DOCUMENTS_ROOM_IDLE_SECONDS))
            for document_id, room in list(self.rooms.items()):
                if room.connections or room.idle_for() < settings.DOCUMENTS_ROOM_IDLE_SECONDS:
                    continue
                async with self.lock(document_id):
                    if room.connections or self.rooms.get(document_id) is not room:
                        continue
                    try:
                        await room.close()
                    except Exception:
                        logger.exception("document %s: closing the room failed", document_id)
                    # The lock stays: a join waiting on it must not race one that made a new lock.
                    del self.rooms[document_id]
                    metrics.DOCUMENT_ROOMS.dec()

    async def close_all(self) -> None:
        for document_id, room in list(self.rooms.items()):
            async with self.lock(document_id):
                await room.close()
                if self.rooms.pop(document_id, None) is not None:
                    metrics.DOCUMENT_ROOMS.dec()
        if self.reaper is not None:
            self.reaper.cancel()


_registries: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Registry] = weakref.WeakKeyDictionary()


def registry() -> Registry:
    loop = asyncio.get_running_loop()
    if loop not in _registries:
        _registries[loop] = Registry()
    return _registries[loop]
