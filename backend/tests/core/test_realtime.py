"""The per-user event stream at /ws/: session-authenticated, origin-checked, refresh hints after commit."""

from __future__ import annotations

from typing import Any

import pytest
from channels.db import database_sync_to_async as sync_to_async

from officium.accounts import services as accounts
from officium.core import realtime

from ..websocket import connect, session_cookie

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


async def test_a_signed_in_user_is_greeted_and_hears_about_their_changes(make_user: Any) -> None:
    lina = await sync_to_async(make_user)("lina")
    communicator = connect(await sync_to_async(session_cookie)(lina))
    connected, _ = await communicator.connect()
    assert connected
    assert await communicator.receive_json_from() == {"type": "hello", "user_id": str(lina.pk)}

    await sync_to_async(accounts.profile_update)(actor=lina, user=lina, display_name="李娜")
    assert await communicator.receive_json_from(timeout=3) == {"type": "changed", "topics": ["me"]}

    await communicator.send_json_to({"type": "ping"})
    assert await communicator.receive_json_from() == {"type": "pong"}
    await communicator.disconnect()


async def test_messages_reach_only_their_user(make_user: Any) -> None:
    lina = await sync_to_async(make_user)("lina")
    wang = await sync_to_async(make_user)("wangfang")
    lina_socket = connect(await sync_to_async(session_cookie)(lina))
    wang_socket = connect(await sync_to_async(session_cookie)(wang))
    await lina_socket.connect()
    await wang_socket.connect()
    await lina_socket.receive_json_from()
    await wang_socket.receive_json_from()
    await sync_to_async(realtime.send_to_user)(wang.pk, {"type": "changed", "topics": ["x"]})
    assert await wang_socket.receive_json_from(timeout=3) == {"type": "changed", "topics": ["x"]}
    assert await lina_socket.receive_nothing(timeout=0.3)
    await lina_socket.disconnect()
    await wang_socket.disconnect()


async def test_without_a_session_the_socket_is_closed_with_4401() -> None:
    communicator = connect()
    connected, _ = await communicator.connect()
    assert connected
    assert await communicator.receive_output() == {"type": "websocket.close", "code": 4401}


async def test_a_foreign_origin_is_refused(make_user: Any) -> None:
    lina = await sync_to_async(make_user)("lina")
    communicator = connect(await sync_to_async(session_cookie)(lina), origin="https://evil.example")
    connected, _ = await communicator.connect()
    assert not connected
