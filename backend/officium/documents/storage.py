"""The stored content of a document: an append-only log of Yjs updates plus snapshots (compaction).

A document loads from its newest snapshot that reads back intact, plus every update logged after it.
Compaction is computed from storage, never from a room's memory: the snapshot is the merge of the
previous snapshot and the log up to a known id, so an update another process logged but this one has
not seen yet is never dropped. Two generations of snapshots are kept, with the updates the older one
needs, so that a damaged newest snapshot falls back to the one before without losing anything.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.db import transaction
from django.db.models import Count, Max, Sum
from django.db.models.functions import Length
from django.utils import timezone
from pycrdt import Doc, merge_updates

from officium.documents.models import Document, Snapshot, Update

logger = logging.getLogger(__name__)


def checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Loaded:
    state: bytes  # the whole document as one Yjs update
    last_update_id: int
    tail_updates: int  # updates logged after the snapshot used
    tail_bytes: int
    problems: list[str] = field(default_factory=list)


def _apply(doc: Doc[Any], data: bytes, stored_checksum: str) -> bool:
    if checksum(data) != stored_checksum:
        return False
    try:
        doc.apply_update(data)
    except ValueError:
        return False
    return True


def load(document_id: UUID) -> Loaded:
    """The document's content; damaged snapshots and updates are skipped, logged and reported in
    `problems` (and on the document, as `storage_problem`)."""
    doc: Doc[Any] = Doc()
    problems: list[str] = []
    base_id = 0
    for snapshot in Snapshot.objects.filter(document_id=document_id).order_by("-id"):
        candidate: Doc[Any] = Doc()
        if _apply(candidate, bytes(snapshot.data), snapshot.checksum):
            doc, base_id = candidate, snapshot.last_update_id
            break
        problems.append(f"snapshot {snapshot.pk} is damaged")
    tail_updates = tail_bytes = 0
    last_id = base_id
    for update in Update.objects.filter(document_id=document_id, id__gt=base_id).order_by("id").iterator():
        data = bytes(update.data)
        last_id = update.pk
        if _apply(doc, data, update.checksum):
            tail_updates += 1
            tail_bytes += len(data)
        else:
            problems.append(f"update {update.pk} is damaged")
    if problems:
        logger.error("document %s: stored content is damaged: %s", document_id, "; ".join(problems))
        Document.objects.filter(pk=document_id).update(storage_problem="; ".join(problems)[:300])
    return Loaded(doc.get_update(), last_id, tail_updates, tail_bytes, problems)


def append(document_id: UUID, updates: list[bytes]) -> int:
    """Log a batch of updates (merged into one row) in one transaction; returns the row's id."""
    data = updates[0] if len(updates) == 1 else merge_updates(*updates)
    with transaction.atomic():
        row = Update.objects.create(document_id=document_id, data=data, checksum=checksum(data))
        Document.objects.filter(pk=document_id).update(updated_at=timezone.now())
    return row.pk


def tail(document_id: UUID) -> tuple[int, int]:
    """How many updates, and bytes, were logged since the newest snapshot."""
    base = Snapshot.objects.filter(document_id=document_id).aggregate(last=Max("last_update_id"))["last"] or 0
    totals = Update.objects.filter(document_id=document_id, id__gt=base).aggregate(
        count=Count("id"), size=Sum(Length("data"))
    )
    return int(totals["count"] or 0), int(totals["size"] or 0)


def compact(document_id: UUID) -> Snapshot | None:
    """Write a snapshot of everything logged so far; drop what no kept snapshot needs. None when the
    log has nothing new or the document is gone."""
    with transaction.atomic():
        # One compaction per document at a time (another process may be compacting too).
        if Document.objects.select_for_update().filter(pk=document_id).first() is None:
            return None
        loaded = load(document_id)
        newest = Snapshot.objects.filter(document_id=document_id).order_by("-id").first()
        if newest is not None and loaded.last_update_id <= newest.last_update_id and not loaded.problems:
            return None
        snapshot = Snapshot.objects.create(
            document_id=document_id,
            data=loaded.state,
            checksum=checksum(loaded.state),
            last_update_id=loaded.last_update_id,
        )
        # Keep this snapshot and the one before it, and the updates after the older one.
        kept = list(Snapshot.objects.filter(document_id=document_id).order_by("-id")[:2])
        oldest_kept = kept[-1]
        Snapshot.objects.filter(document_id=document_id, id__lt=oldest_kept.pk).delete()
        if len(kept) == 2:
            Update.objects.filter(document_id=document_id, id__lte=oldest_kept.last_update_id).delete()
        fields: dict[str, int | str] = {"content_size": len(loaded.state)}
        if not loaded.problems:
            fields["storage_problem"] = ""
        Document.objects.filter(pk=document_id).update(**fields)
    return snapshot
