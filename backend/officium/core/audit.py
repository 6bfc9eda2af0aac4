"""The audit log: one hash-chained row per audited action, written in the caller's transaction."""

from __future__ import annotations

import hashlib
import ipaddress
import json
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from officium.core import bulk, context, permissions
from officium.core.context import RequestContext
from officium.core.models import AuditChainHead, AuditEvent

GENESIS_HASH = "0" * 64
MASK = "***"
SENSITIVE_KEYS = frozenset(
    {
        "password",
        "current_password",
        "new_password",
        "password1",
        "password2",
        "token",
        "secret",
        "api_key",
        "client_secret",
        "otp",
        "totp",
        "recovery_codes",
        "id_number",
        "bank_account",
        "salary",
    }
)
SENSITIVE_FRAGMENTS = ("password", "secret", "token")


def is_sensitive(key: str) -> bool:
    lowered = key.lower()
    return lowered in SENSITIVE_KEYS or any(fragment in lowered for fragment in SENSITIVE_FRAGMENTS)


def mask(value: Any) -> Any:
    """A copy of `value` with the values of sensitive keys replaced, at any depth."""
    if isinstance(value, Mapping):
        return {str(k): MASK if is_sensitive(str(k)) else mask(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [mask(item) for item in value]
    return value


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for every field whose value changed."""
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def update_fields(
    instance: models.Model,
    wanted: Mapping[str, Any],
    *,
    action: str,
    actor: Any,
    touch: Sequence[str] = (),
) -> dict[str, list[Any]]:
    """Set the fields that differ, save only them (plus `touch`, e.g. `updated_at`) and audit the
    change; returns {field: [old, new]}, empty when nothing changed (then nothing is written)."""
    before = {field: getattr(instance, field) for field in wanted}
    changes = diff(before, {**before, **wanted})
    if changes:
        for field in changes:
            setattr(instance, field, wanted[field])
        instance.save(update_fields=[*changes, *touch])
        record(action=action, actor=actor, target=instance, changes=changes)
    return changes


def _canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def _normalise_ip(ip: str | None) -> str | None:
    if not ip:
        return None
    try:
        return ipaddress.ip_address(ip).compressed
    except ValueError:
        return None


def compute_hash(event: AuditEvent) -> str:
    """SHA-256 over the previous hash and every recorded field of the row (not its id)."""
    material = {
        "prev_hash": event.prev_hash,
        "occurred_at": event.occurred_at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor_id": str(event.actor_id) if event.actor_id else None,
        "actor_label": event.actor_label,
        "ip": event.ip,
        "user_agent": event.user_agent,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "changes": event.changes,
        "result": event.result,
        "reason": event.reason,
        "request_id": event.request_id,
    }
    return hashlib.sha256(_canonical_json(material).encode("utf-8")).hexdigest()


def actor_label(actor: Any) -> str:
    if actor is None:
        return ""
    label = getattr(actor, "name", "") or getattr(actor, "get_username", lambda: "")()
    return str(label)[:200]


@dataclass(frozen=True, kw_only=True)
class Entry:
    """One audited action, for `record_many`. `request` is the request it came from (default: the current one)."""

    action: str
    actor: Any = None
    target: models.Model | None = None
    object_type: str = ""
    object_id: str = ""
    changes: Mapping[str, Any] | None = None
    result: str = AuditEvent.Result.SUCCESS
    reason: str = ""
    request: RequestContext | None = None


def record(
    *,
    action: str,
    actor: Any = None,
    target: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    changes: Mapping[str, Any] | None = None,
    result: str = AuditEvent.Result.SUCCESS,
    reason: str = "",
) -> AuditEvent:
    """Append one audit row. Call it inside the transaction of the change: if it fails, so does the change."""
    entry = Entry(
        action=action,
        actor=actor,
        target=target,
        object_type=object_type,
        object_id=object_id,
        changes=changes,
        result=result,
        reason=reason,
    )
    return record_many([entry])[0]


def record_many(entries: Sequence[Entry]) -> list[AuditEvent]:
    """Append one audit row per entry, in order, on one chain, in one INSERT (a batch of punches)."""
    now = timezone.now()
    # No savepoint: an audit write that fails must fail the caller's whole transaction anyway.
    with transaction.atomic(savepoint=False):
        head = _lock_a_chain_head()
        events = []
        for entry in entries:
            event = _event(entry, now)
            event.chain, event.prev_hash = head.pk, head.last_hash
            event.hash = head.last_hash = compute_hash(event)
            events.append(event)
        bulk.insert(events)
        head.last_event_id = events[-1].id
        head.save(update_fields=["last_hash", "last_event_id"])
    return events


def _event(entry: Entry, occurred_at: datetime) -> AuditEvent:
    object_type, object_id = entry.object_type, entry.object_id
    if entry.target is not None:
        object_type = object_type or entry.target._meta.label_lower
        object_id = object_id or str(entry.target.pk)
    request_context = entry.request or context.current()
    return AuditEvent(
        occurred_at=occurred_at,
        actor=entry.actor if getattr(entry.actor, "pk", None) else None,
        actor_label=actor_label(entry.actor),
        ip=_normalise_ip(request_context.ip) if request_context else None,
        user_agent=request_context.user_agent if request_context else "",
        action=entry.action,
        object_type=object_type,
        object_id=str(object_id)[:100],
        # Round-trip through JSON so that the hashed value is exactly what the database returns.
        changes=json.loads(_canonical_json(mask(dict(entry.changes or {})))),
        result=entry.result,
        reason=entry.reason[:200],
        request_id=request_context.request_id if request_context else "",
    )


def _lock_a_chain_head() -> AuditChainHead:
    """A chain head no other transaction holds (PostgreSQL skips locked rows); if every head is
    held, wait for one. A head this transaction already holds counts as free. SQLite has one writer
    at a time, so it always takes the first."""
    free = AuditChainHead.objects.select_for_update(skip_locked=True).order_by("pk").first()
    if free is not None:
        return free
    heads = list(AuditChainHead.objects.values_list("pk", flat=True))
    return AuditChainHead.objects.select_for_update().get(pk=random.choice(heads))  # noqa: S311  (spreading waiters, not secrecy)


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    first_broken_id: int | None
    reason: str = ""


def search(
    *, viewer: Any, action: str = "", actor_id: Any = None, object_type: str = "", object_id: str = ""
) -> models.QuerySet[AuditEvent]:
    """Audit rows matching every given filter; only for holders of audit.event.view."""
    permissions.require(viewer, permissions.AUDIT_EVENT_VIEW)
    events = AuditEvent.objects.all()
    if action:
        events = events.filter(action=action)
    if actor_id:
        events = events.filter(actor_id=actor_id)
    if object_type:
        events = events.filter(object_type=object_type)
    if object_id:
        events = events.filter(object_id=object_id)
    return events


def verify_chain(*, viewer: Any = None, chunk_size: int = 2000, using: str = "default") -> ChainReport:
    """Recompute every chain from its first row; report the first row whose link or content is wrong.

    `viewer=None` is the operator at the command line; people need audit.event.view. `using` names
    another database (a restore drill verifies its scratch copy).
    """
    if viewer is not None:
        permissions.require(viewer, permissions.AUDIT_EVENT_VIEW)
    expected_prev: dict[int, str] = {}
    checked = 0
    for event in AuditEvent.objects.using(using).order_by("id").iterator(chunk_size=chunk_size):
        checked += 1
        if event.prev_hash != expected_prev.get(event.chain, GENESIS_HASH):
            return ChainReport(False, checked, event.id, "link to the previous row is broken")
        if compute_hash(event) != event.hash:
            return ChainReport(False, checked, event.id, "row content does not match its hash")
        expected_prev[event.chain] = event.hash
    for head in AuditChainHead.objects.using(using).order_by("pk"):
        if head.last_hash != expected_prev.get(head.pk, GENESIS_HASH):
            # Rows were removed from the end of this chain: its head still remembers the newest hash.
            return ChainReport(False, checked, head.last_event_id, "newest rows are missing")
    return ChainReport(True, checked, None)
