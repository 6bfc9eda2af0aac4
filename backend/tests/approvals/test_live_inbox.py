"""Inbox counts are live: whoever an approval concerns hears `approvals.inbox` after each change commits."""

from __future__ import annotations

from typing import Any

import pytest
from channels.db import database_sync_to_async as sync_to_async

from officium.approvals.services import instances as instance_services

from ..websocket import connect, session_cookie
from .conftest import Company, approve, approver, members, submit

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

INBOX = {"type": "changed", "topics": ["approvals.inbox"]}
# The notification centre tells people of the same changes on a topic of its own; this test is about
# the inbox hints and passes over those.
NOTIFICATIONS = {"type": "changed", "topics": ["notifications"]}


async def _next_hint(socket: Any) -> Any:
    while (message := await socket.receive_json_from(timeout=3)) == NOTIFICATIONS:
        pass
    return message


async def _nothing_else(socket: Any) -> bool:
    while not await socket.receive_nothing(timeout=0.3):
        assert await socket.receive_json_from() == NOTIFICATIONS
    return True


async def _listen(person: Any) -> Any:
    socket = connect(await sync_to_async(lambda: session_cookie(person.user))())
    connected, _ = await socket.connect()
    assert connected
    assert (await socket.receive_json_from())["type"] == "hello"
    return socket


async def test_approvers_submitters_and_copied_people_hear_their_inbox_change(
    company: Company, make_template: Any
) -> None:
    cc = {"id": "cc", "type": "cc", "recipients": [members(company["gm"])]}
    template = await sync_to_async(make_template)([approver("n", members(company["lead"])), cc])
    lead, gm, dev1, dev2 = [await _listen(company[key]) for key in ("lead", "gm", "dev1", "dev2")]

    instance = await sync_to_async(submit)(template, company["dev1"])
    assert await _next_hint(lead) == INBOX  # a task for the lead
    assert await _next_hint(dev1) == INBOX  # the submitted box

    await sync_to_async(approve)(instance, company["lead"])
    assert await _next_hint(lead) == INBOX  # one fewer pending
    assert await _next_hint(dev1) == INBOX  # approved
    assert await _next_hint(gm) == INBOX  # copied at the end

    await sync_to_async(instance_services.copies_mark_read)(company["gm"], instance)
    assert await _next_hint(gm) == INBOX  # one fewer unread copy
    await sync_to_async(instance_services.copies_mark_read)(company["gm"], instance)
    assert await _nothing_else(gm)  # nothing changed the second time

    assert await _nothing_else(dev2)  # not concerned
    for socket in (lead, gm, dev1, dev2):
        await socket.disconnect()
