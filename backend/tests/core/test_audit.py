"""The audit log: masked, append-only, hash-chained, written in the transaction of the change."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from officium.accounts import services as accounts
from officium.accounts.models import User
from officium.core import audit
from officium.core.models import AuditChainHead, AuditEvent

pytestmark = pytest.mark.django_db


def _drop_append_only_trigger() -> None:
    """What an intruder with database access would do first."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER core_auditevent_append_only ON core_auditevent")
        else:
            cursor.execute("DROP TRIGGER core_auditevent_append_only")


def _three_events() -> list[AuditEvent]:
    return [audit.record(action="tests.step", object_type="tests.thing", object_id=str(n)) for n in range(3)]


def test_each_row_links_to_the_previous_one_and_the_chain_verifies() -> None:
    before = AuditEvent.objects.count()
    first, second, third = _three_events()
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert {first.chain, second.chain, third.chain} == {1}  # one writer at a time takes the first free chain
    head = AuditChainHead.objects.get(pk=1)
    assert (head.last_event_id, head.last_hash) == (third.id, third.hash)
    assert audit.verify_chain() == audit.ChainReport(True, before + 3, None)


def test_there_are_thirty_two_chains_each_starting_at_the_genesis_hash() -> None:
    heads = AuditChainHead.objects.order_by("pk")
    assert [head.pk for head in heads] == list(range(1, 33))
    assert {head.last_hash for head in heads if head.pk > 1} == {audit.GENESIS_HASH}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_writer_does_not_wait_for_the_chain_another_transaction_holds() -> None:
    """PostgreSQL: the second writer takes chain 2 at once. SQLite has one writer at a time: the second
    writer waits for the first to commit and then extends chain 1."""
    written: list[AuditEvent] = []

    def second_writer() -> None:
        try:
            with transaction.atomic():
                written.append(audit.record(action="tests.second"))
        finally:
            connection.close()

    with transaction.atomic():
        first = audit.record(action="tests.first")
        thread = threading.Thread(target=second_writer)
        thread.start()
        thread.join(timeout=2)
        finished_while_first_open = not thread.is_alive()
    thread.join()
    second = written[0]
    if connection.vendor == "postgresql":
        assert (first.chain, second.chain, finished_while_first_open) == (1, 2, True)
        assert second.prev_hash == audit.GENESIS_HASH
    else:
        assert (first.chain, second.chain, finished_while_first_open) == (1, 1, False)
        assert second.prev_hash == first.hash
    assert audit.verify_chain().ok


def test_a_transaction_keeps_to_the_chain_it_holds() -> None:
    with transaction.atomic():
        events = [audit.record(action="tests.same_transaction", object_id=str(n)) for n in range(3)]
    assert [event.chain for event in events] == [1, 1, 1]
    assert [event.prev_hash for event in events[1:]] == [event.hash for event in events[:2]]


def test_sensitive_values_are_masked_at_any_depth() -> None:
    event = audit.record(
        action="tests.masking",
        changes={"password": ["old", "new"], "profile": {"salary": 30000, "name": "李娜"}, "api_token": "t"},
    )
    event.refresh_from_db()
    assert event.changes == {"password": "***", "profile": {"salary": "***", "name": "李娜"}, "api_token": "***"}


def test_rows_cannot_be_updated() -> None:
    event = audit.record(action="tests.immutable")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="tests.rewritten")


def test_a_rewritten_row_is_reported_as_the_first_broken_one() -> None:
    _first, second, _third = _three_events()
    _drop_append_only_trigger()
    AuditEvent.objects.filter(pk=second.pk).update(reason="nothing happened here")
    report = audit.verify_chain()
    assert (report.ok, report.first_broken_id, report.reason) == (
        False,
        second.id,
        "row content does not match its hash",
    )


def test_a_removed_row_breaks_the_link_of_the_next_one() -> None:
    _first, second, third = _three_events()
    AuditEvent.objects.filter(pk=second.pk).delete()
    report = audit.verify_chain()
    assert (report.ok, report.first_broken_id, report.reason) == (
        False,
        third.id,
        "link to the previous row is broken",
    )


def test_removing_the_newest_row_of_another_chain_is_noticed_through_its_head() -> None:
    event = AuditEvent(occurred_at=timezone.now(), action="tests.chain_two", chain=2, prev_hash=audit.GENESIS_HASH)
    event.hash = audit.compute_hash(event)
    event.save(force_insert=True)
    AuditChainHead.objects.filter(pk=2).update(last_hash=event.hash, last_event_id=event.id)
    assert audit.verify_chain().ok
    AuditEvent.objects.filter(pk=event.pk).delete()
    report = audit.verify_chain()
    assert (report.ok, report.first_broken_id, report.reason) == (False, event.id, "newest rows are missing")


def test_removing_the_newest_rows_is_noticed_through_the_chain_head() -> None:
    _first, second, third = _three_events()
    AuditEvent.objects.filter(pk__in=[second.pk, third.pk]).delete()
    report = audit.verify_chain()
    assert (report.ok, report.first_broken_id, report.reason) == (False, third.id, "newest rows are missing")


def test_when_the_audit_write_fails_the_change_is_not_saved(make_user: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    user = make_user("lina", display_name="Lina")

    def broken(event: AuditEvent) -> str:
        raise DatabaseError("audit storage unavailable")

    monkeypatch.setattr(audit, "compute_hash", broken)
    with pytest.raises(DatabaseError):
        accounts.profile_update(actor=user, user=user, display_name="Someone else")
    user.refresh_from_db()
    assert user.display_name == "Lina"


def test_diff_lists_only_changed_fields() -> None:
    assert audit.diff({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": 4}) == {"b": [2, 3], "c": [None, 4]}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_writers_keep_one_valid_chain() -> None:
    writers, per_writer = 4, 10
    barrier = threading.Barrier(writers)
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            barrier.wait()
            for i in range(per_writer):
                with transaction.atomic():
                    audit.record(action="tests.concurrent", object_id=f"{n}-{i}")
        except BaseException as error:  # noqa: BLE001  (collected and asserted below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert AuditEvent.objects.filter(action="tests.concurrent").count() == writers * per_writer
    report = audit.verify_chain()
    assert report.ok, report
    links = list(AuditEvent.objects.values_list("chain", "prev_hash"))
    assert len(set(links)) == len(links)  # no chain forks: each row has its own predecessor


def test_the_actor_is_recorded_with_a_name_snapshot(make_user: Any) -> None:
    user: User = make_user("wangfang", display_name="王芳")
    event = audit.record(action="tests.actor", actor=user, target=user)
    assert (event.actor_id, event.actor_label, event.object_type, event.object_id) == (
        user.pk,
        "王芳",
        "accounts.user",
        str(user.pk),
    )


def test_a_batch_is_one_run_of_the_chain_each_row_with_its_own_request() -> None:
    from officium.core.context import RequestContext

    first = audit.record(action="tests.before", object_type="tests.thing", object_id="0")
    batch = audit.record_many(
        [
            audit.Entry(
                action="tests.batch",
                object_type="tests.thing",
                object_id=str(n),
                changes={"n": n, "password": "hunter2"},
                request=RequestContext(request_id=f"request-{n:04d}", ip="10.0.0.1", user_agent=f"agent {n}"),
            )
            for n in range(1, 4)
        ]
    )
    stored = list(AuditEvent.objects.filter(action="tests.batch").order_by("id"))
    assert [event.id for event in stored] == [event.id for event in batch]
    assert [event.id for event in batch] == sorted(event.id for event in batch)
    assert batch[0].id > first.id
    assert [event.prev_hash for event in stored] == [first.hash, batch[0].hash, batch[1].hash]
    assert [(e.request_id, e.ip, e.user_agent, e.changes) for e in stored] == [
        (f"request-{n:04d}", "10.0.0.1", f"agent {n}", {"n": n, "password": "***"}) for n in range(1, 4)
    ]
    head = AuditChainHead.objects.get(pk=first.chain)
    assert (head.last_event_id, head.last_hash) == (batch[-1].id, batch[-1].hash)
    assert audit.verify_chain().ok
