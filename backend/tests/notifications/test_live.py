"""A new notification reaches the recipient's open apps at once, as a refetch hint without content."""

from __future__ import annotations

from typing import Any

import pytest
from channels.db import database_sync_to_async as sync_to_async

from ..approvals.conftest import Company, approver, members, submit
from ..websocket import connect, session_cookie

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NOTIFICATIONS = {"type": "changed", "topics": ["notifications"]}


async def test_the_approver_hears_of_a_new_notification_and_nobody_else(company: Company, make_template: Any) -> None:
    template = await sync_to_async(make_template)([approver("n", members(company["lead"]))])
    sockets = {}
    for key in ("lead", "dev2"):
        sockets[key] = connect(await sync_to_async(lambda key=key: session_cookie(company[key].user))())
        connected, _ = await sockets[key].connect()
        assert connected
        assert (await sockets[key].receive_json_from())["type"] == "hello"

    await sync_to_async(submit)(template, company["dev1"])
    heard = [await sockets["lead"].receive_json_from(timeout=3) for _ in range(2)]
    assert sorted(message["topics"][0] for message in heard) == ["approvals.inbox", "notifications"]
    assert NOTIFICATIONS in heard
    assert await sockets["dev2"].receive_nothing(timeout=0.3)
    for socket in sockets.values():
        await socket.disconnect()
