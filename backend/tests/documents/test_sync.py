"""The co-editing endpoint: protocol, persistence before broadcast, presence, limits and access."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from channels.db import database_sync_to_async as in_thread
from prometheus_client import REGISTRY
from pycrdt import Doc, Text, YSyncMessageType

from officium.documents import protocol, rooms, services, storage
from officium.documents.models import Document, Snapshot, Update

from ..websocket import session_cookie
from .yclient import YClient

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest_asyncio.fixture(autouse=True)
async def quick_rooms(settings: Any) -> AsyncIterator[None]:
    settings.DOCUMENTS_ROOM_IDLE_SECONDS = 0.2
    settings.DOCUMENTS_PRESENCE_INTERVAL = 0.05
    yield
    await rooms.registry().close_all()


def _setup(people: dict[str, Any], level: str | None = "view") -> tuple[Any, dict[str, str]]:
    owner = people["employee"]
    space = services.space_personal(actor=owner)
    document = services.document_create(actor=owner, space_id=space.pk, title="协作")
    if level:
        services.grant_set(
            actor=owner,
            target="document",
            target_id=document.pk,
            principal="user",
            principal_id=people["employee_b"].pk,
            level=level,
        )
    cookies = {name: session_cookie(people[name]) for name in ("employee", "employee_b", "manager")}
    return document.pk, cookies


def _content(document_id: Any) -> str:
    doc: Doc[Any] = Doc()
    doc.apply_update(storage.load(document_id).state)
    return str(doc.get("content", type=Text))


async def test_two_editors_converge_and_an_update_is_stored_before_it_is_sent(people: dict[str, Any]) -> None:
    document_id, cookies = await in_thread(_setup)(people, "edit")
    lina, wang = YClient(document_id, cookies["employee"]), YClient(document_id, cookies["employee_b"])
    await lina.connect()
    await wang.connect()
    await lina.edit("你好")
    await wang.content_becomes("你好")
    # Received by the other editor, therefore already in the log.
    assert await in_thread(Update.objects.filter(document_id=document_id).count)() == 1
    await wang.edit("，世界")
    await lina.content_becomes("你好，世界")
    await lina.disconnect()
    await wang.disconnect()
    assert await in_thread(_content)(document_id) == "你好，世界"


async def test_two_first_connections_at_once_share_one_room_and_both_sync(people: dict[str, Any]) -> None:
    document_id, cookies = await in_thread(_setup)(people, "edit")
    await in_thread(storage.append)(document_id, [_update("已有内容")])
    lina, wang = YClient(document_id, cookies["employee"]), YClient(document_id, cookies["employee_b"])
    await asyncio.gather(lina.connect(), wang.connect())
    assert (str(lina.text), str(wang.text)) == ("已有内容", "已有内容")
    assert len(rooms.registry().rooms) == 1
    await lina.disconnect()
    await wang.disconnect()


def _update(text: str) -> bytes:
    doc: Doc[Any] = Doc()
    doc.get("content", type=Text).insert(0, text)
    return doc.get_update()


async def test_a_viewers_updates_are_dropped_but_they_follow_the_edits(people: dict[str, Any]) -> None:
    document_id, cookies = await in_thread(_setup)(people, "view")
    lina, viewer = YClient(document_id, cookies["employee"]), YClient(document_id, cookies["employee_b"])
    await lina.connect()
    await viewer.connect()
    await viewer.edit("不该保存")
    await viewer.send(protocol.sync_frame(YSyncMessageType.SYNC_STEP2, viewer.doc.get_update()))
    assert await lina.quiet()
    await lina.edit("正文")
    await viewer.until(lambda m: isinstance(m, protocol.SyncMessage) and m.step == YSyncMessageType.SYNC_UPDATE)
    assert sorted(str(viewer.text)) == sorted("不该保存正文")  # its own (unsaved) edit and Lina's
    await lina.disconnect()
    await viewer.disconnect()
    assert await in_thread(_content)(document_id) == "正文"


async def test_taking_access_away_closes_the_socket_with_4403(people: dict[str, Any]) -> None:
    document_id, cookies = await in_thread(_setup)(people, "edit")
    wang = YClient(document_id, cookies["employee_b"])
    await wang.connect()
    grant = await in_thread(
        lambda: services.grants_of(actor=people["employee"], target="document", target_id=document_id)[-1]
    )()
    await in_thread(services.grant_delete)(actor=people["employee"], grant_id=grant.pk)
    assert await wang.closed() == 4403


async def test_lowering_access_to_view_makes_the_editor_read_only(people: dict[str, Any]) -> None:
    document_id, cookies = await in_thread(_setup)(people, "edit")
    lina, wang = YClient(document_id, cookies["employee"]), YClient(document_id, cookies["employee_b"])
    await lina.connect()
    await wang.connect()
    await in_thread(services.grant_set)(
        actor=people["employee"],
        target="document",
        target_id=document_id,
        principal="user",
        principal_id=people["employee_b"].pk,
        level="view",
    )
    await asyncio.sleep(0.2)
    await wang.edit("只读")
    assert await lina.quiet()
    assert await in_thread(Update.objects.filter(document_id=document_id).count)() == 0
    await lina.disconnect()
    await wang.disconnect()


async def test_who_may_not_see_the_document_is_closed_with_4404_and_nobody_signed_in_with_4401(
    people: dict[str, Any],
) -> None:
    document_id, cookies = await in_thread(_setup)(people, None)
    stranger = YClient(document_id, cookies["manager"])
    await stranger.connect(sync=False)
    assert await stranger.closed() == 4404
    anonymous = YClient(document_id, "")
    await anonymous.connect(sync=False)
    assert await anonymous.closed() == 4401


@pytest.mark.parametrize(
    "frame",
    [b"\x00", b"\x07", b"\x00\x09\x01", b"\x00\x02\x05ab", b"\x00\x02\x03abc", b"\x01\x01\x05", b"\x00\x00\x00\xff"],
    ids=["truncated", "unknown-type", "unknown-step", "short-payload", "bad-update", "short-awareness", "trailing"],
)
async def test_a_malformed_frame_closes_that_socket_with_4400_and_the_room_carries_on(
    people: dict[str, Any], frame: bytes
) -> None:
    document_id, cookies = await in_thread(_setup)(people, "edit")
    lina, wang = YClient(document_id, cookies["employee"]), YClient(document_id, cookies["employee_b"])
    await lina.connect()
    await wang.connect()
    await wang.send(frame)
    assert await wang.closed() == 4400
    other = YClient(document_id, cookies["employee_b"])
    await other.connect()
    await lina.edit("照常")
    await other.content_becomes("照常")
    await lina.disconnect()
    await other.disconnect()


async def test_a_text_frame_is_malformed(people: dict[str, Any]) -> None:
    document_id, cookies = await in_thread(_setup)(people, "edit")
    lina = YClient(document_id, cookies["employee"])
    await lina.connect()
    await lina.socket.send_to(text_data="hello")
    assert await lina.closed() == 4400


async def test_limits_close_with_4413_and_4503(people: dict[str, Any], settings: Any) -> None:
    document_id, cookies = await in_thread(_setup)(people, "edit")
    settings.DOCUMENTS_MAX_FRAME_BYTES = 200
    settings.DOCUMENTS_MAX_BYTES = 400
    settings.DOCUMENTS_MAX_CLIENTS = 2
    lina, wang = YClient(document_id, cookies["employee"]), YClient(document_id, cookies["employee_b"])
    await lina.connect()
    await wang.connect()
    third = YClient(document_id, cookies["employee_b"])
    await third.connect(sync=False)
    assert await third.closed() == 4503

    await wang.send(protocol.sync_frame(YSyncMessageType.SYNC_UPDATE, b"\x00" * 300))
    assert await wang.closed() == 4413
    for _ in range(4):
        await lina.edit("字" * 30)
    assert await lina.closed() == 4413
    stored = await in_thread(_content)(document_id)
    assert stored == "字" * 30 * (len(stored) // 30)
    assert len(stored) < 120


async def test_presence_carries_the_servers_name_and_colour_and_no_one_speaks_for_another(
    people: dict[str, Any],
) -> None:
    document_id, cookies = await in_thread(_setup)(people, "view")
    lina, wang = YClient(document_id, cookies["employee"]), YClient(document_id, cookies["employee_b"])
    await lina.connect()
    await wang.connect()
    spoof = {"user": {"name": "老板", "color": "#000000"}, "cursor": None}
    await lina.send(protocol.awareness_frame([protocol.AwarenessEntry(111, 1, spoof)]))
    message = await wang.until(lambda m: isinstance(m, protocol.AwarenessMessage))
    assert isinstance(message, protocol.AwarenessMessage)
    [entry] = message.entries
    assert entry.client_id == 111
    assert entry.state is not None
    assert entry.state["user"]["name"] == "李娜"
    assert entry.state["user"]["color"].startswith("#")
    assert entry.state["user"]["color"] != "#000000"
    await lina.until(lambda m: isinstance(m, protocol.AwarenessMessage))  # her own, as the others see it
    # Wang may not change (or remove) Lina's client.
    await wang.send(protocol.awareness_frame([protocol.AwarenessEntry(111, 5, None)]))
    await wang.send(protocol.awareness_frame([protocol.AwarenessEntry(111, 6, {"user": {"name": "x"}})]))
    assert await lina.quiet()
    await lina.disconnect()
    gone = await wang.until(lambda m: isinstance(m, protocol.AwarenessMessage))
    assert isinstance(gone, protocol.AwarenessMessage)
    assert [(e.client_id, e.state) for e in gone.entries] == [(111, None)]
    await wang.disconnect()


async def test_an_unchanged_presence_is_not_forwarded_again(people: dict[str, Any]) -> None:
    document_id, cookies = await in_thread(_setup)(people, "view")
    lina, wang = YClient(document_id, cookies["employee"]), YClient(document_id, cookies["employee_b"])
    await lina.connect()
    await wang.connect()
    state = {"cursor": {"anchor": 1}}
    await lina.send(protocol.awareness_frame([protocol.AwarenessEntry(7, 1, state)]))
    await wang.until(lambda m: isinstance(m, protocol.AwarenessMessage))
    for clock in range(2, 6):
        await lina.send(protocol.awareness_frame([protocol.AwarenessEntry(7, clock, state)]))
    assert await wang.quiet(0.4)
    await lina.disconnect()
    await wang.disconnect()


async def test_a_burst_then_everyone_leaving_is_fully_stored_and_compacted(people: dict[str, Any]) -> None:
    document_id, cookies = await in_thread(_setup)(people, "edit")
    lina, wang = YClient(document_id, cookies["employee"]), YClient(document_id, cookies["employee_b"])
    await lina.connect()
    await wang.connect()
    for n in range(30):
        await (lina if n % 2 else wang).edit(str(n % 10))
    await lina.disconnect()
    await wang.disconnect()
    for _ in range(50):
        if not rooms.registry().rooms:
            break
        await asyncio.sleep(0.1)
    assert rooms.registry().rooms == {}
    assert len(await in_thread(_content)(document_id)) == 30
    assert await in_thread(Snapshot.objects.filter(document_id=document_id).count)() == 1
    again = YClient(document_id, cookies["employee"])
    await again.connect()
    assert len(str(again.text)) == 30
    await again.disconnect()


def _corrupt_last_update(document_id: Any) -> None:
    last = Update.objects.filter(document_id=document_id).order_by("-id").first()
    assert last is not None
    Update.objects.filter(pk=last.pk).update(data=b"\x01\x02garbage")


async def test_a_damaged_log_loads_what_is_intact_and_reports_the_problem(people: dict[str, Any]) -> None:
    document_id, _cookies = await in_thread(_setup)(people, "edit")
    await in_thread(storage.append)(document_id, [_update("快照内容")])
    await in_thread(storage.compact)(document_id)
    await in_thread(storage.append)(document_id, [_update("损坏的")])
    await in_thread(_corrupt_last_update)(document_id)

    loaded = await in_thread(storage.load)(document_id)
    assert len(loaded.problems) == 1
    assert loaded.problems[0].endswith("is damaged")
    assert await in_thread(_content)(document_id) == "快照内容"
    document = await in_thread(Document.objects.get)(pk=document_id)
    assert document.storage_problem.startswith("update ")


async def test_a_damaged_snapshot_falls_back_to_the_one_before(people: dict[str, Any]) -> None:
    document_id, _cookies = await in_thread(_setup)(people, "edit")
    await in_thread(storage.append)(document_id, [_update("一")])
    await in_thread(storage.compact)(document_id)
    await in_thread(storage.append)(document_id, [_update("二")])
    await in_thread(storage.compact)(document_id)
    newest = await in_thread(lambda: Snapshot.objects.filter(document_id=document_id).order_by("-id").first())()
    await in_thread(lambda: Snapshot.objects.filter(pk=newest.pk).update(data=b"broken"))()
    loaded = await in_thread(storage.load)(document_id)
    assert loaded.problems == [f"snapshot {newest.pk} is damaged"]
    doc: Doc[Any] = Doc()
    doc.apply_update(loaded.state)
    assert sorted(str(doc.get("content", type=Text))) == sorted("一二")


def _gauge(name: str, labels: dict[str, str] | None = None) -> float:
    return REGISTRY.get_sample_value(name, labels or {}) or 0.0


async def test_open_rooms_and_editors_are_reported_for_monitoring(people: dict[str, Any]) -> None:
    document_id, cookies = await in_thread(_setup)(people, "edit")
    rooms_before = _gauge("officium_document_rooms")
    sockets_before = _gauge("officium_websocket_connections", {"stream": "documents"})
    lina, wang = YClient(document_id, cookies["employee"]), YClient(document_id, cookies["employee_b"])
    await lina.connect()
    await wang.connect()
    assert _gauge("officium_document_rooms") - rooms_before == 1
    assert _gauge("officium_websocket_connections", {"stream": "documents"}) - sockets_before == 2
    await lina.disconnect()
    await wang.disconnect()
    assert _gauge("officium_websocket_connections", {"stream": "documents"}) == sockets_before
    await rooms.registry().close_all()
    assert _gauge("officium_document_rooms") == rooms_before
