"""The y-websocket wire format, parsed strictly: every length is checked, nothing is left over.

A frame is one message: varuint type (0 sync, 1 awareness, 3 query awareness), then for sync a varuint
step (0 step 1 = state vector, 1 step 2 = missing updates, 2 update) and a length-prefixed payload, for
awareness a length-prefixed awareness update: varuint count, then per client varuint id, varuint
clock and a length-prefixed UTF-8 JSON state ("null" when the client left).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pycrdt import YMessageType, YSyncMessageType, write_var_uint

MESSAGE_QUERY_AWARENESS = 3
MAX_VARUINT_BYTES = 8  # 56 bits: more than any length or Yjs client id needs
MAX_AWARENESS_STATE_BYTES = 16 * 1024


class MalformedFrame(ValueError):
    pass


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.at = 0

    def varuint(self) -> int:
        value = shift = 0
        for _ in range(MAX_VARUINT_BYTES):
            if self.at >= len(self.data):
                raise MalformedFrame("the frame ends inside a number")
            byte = self.data[self.at]
            self.at += 1
            value |= (byte & 0x7F) << shift
            if byte < 0x80:
                return value
            shift += 7
        raise MalformedFrame("a number is too long")

    def payload(self) -> bytes:
        length = self.varuint()
        if self.at + length > len(self.data):
            raise MalformedFrame("a payload runs past the end of the frame")
        chunk = self.data[self.at : self.at + length]
        self.at += length
        return chunk

    def end(self) -> None:
        if self.at != len(self.data):
            raise MalformedFrame("bytes left over after the message")


@dataclass(frozen=True)
class SyncMessage:
    step: int  # YSyncMessageType
    payload: bytes


@dataclass(frozen=True)
class AwarenessEntry:
    client_id: int
    clock: int
    state: dict[str, Any] | None  # None: the client is gone


@dataclass(frozen=True)
class AwarenessMessage:
    entries: tuple[AwarenessEntry, ...]


@dataclass(frozen=True)
class QueryAwareness:
    pass


Message = SyncMessage | AwarenessMessage | QueryAwareness


def parse(frame: bytes) -> Message:
    reader = _Reader(frame)
    kind = reader.varuint()
    message: Message
    if kind == YMessageType.SYNC:
        step = reader.varuint()
        if step not in (YSyncMessageType.SYNC_STEP1, YSyncMessageType.SYNC_STEP2, YSyncMessageType.SYNC_UPDATE):
            raise MalformedFrame(f"unknown sync step {step}")
        message = SyncMessage(step, reader.payload())
    elif kind == YMessageType.AWARENESS:
        message = AwarenessMessage(parse_awareness(reader.payload()))
    elif kind == MESSAGE_QUERY_AWARENESS:
        message = QueryAwareness()
    else:
        raise MalformedFrame(f"unknown message type {kind}")
    reader.end()
    return message


def parse_awareness(data: bytes) -> tuple[AwarenessEntry, ...]:
    reader = _Reader(data)
    count = reader.varuint()
    if count > 1000:
        raise MalformedFrame("too many awareness entries")
    entries = []
    for _ in range(count):
        client_id = reader.varuint()
        clock = reader.varuint()
        raw = reader.payload()
        if len(raw) > MAX_AWARENESS_STATE_BYTES:
            raise MalformedFrame("an awareness state is too large")
        try:
            state = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise MalformedFrame("an awareness state is not JSON") from None
        if state is not None and not isinstance(state, dict):
            raise MalformedFrame("an awareness state is not an object")
        entries.append(AwarenessEntry(client_id, clock, state))
    reader.end()
    return tuple(entries)


def _payload(data: bytes) -> bytes:
    return write_var_uint(len(data)) + data


def sync_frame(step: int, payload: bytes) -> bytes:
    return bytes([YMessageType.SYNC]) + write_var_uint(step) + _payload(payload)


def awareness_update(entries: list[AwarenessEntry]) -> bytes:
    parts = [write_var_uint(len(entries))]
    for entry in entries:
        state = json.dumps(entry.state, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        parts += [write_var_uint(entry.client_id), write_var_uint(entry.clock), _payload(state)]
    return b"".join(parts)


def awareness_frame(entries: list[AwarenessEntry]) -> bytes:
    return bytes([YMessageType.AWARENESS]) + _payload(awareness_update(entries))
