"""Reactions to documents' own events: open editors re-check their access when it may have changed."""

from __future__ import annotations

from officium.core import realtime
from officium.core.events import subscribe
from officium.documents.events import DocumentAccessChanged


@subscribe(DocumentAccessChanged)
def recheck_open_editors(event: DocumentAccessChanged) -> None:
    realtime.group_send(f"documents.space.{event.space_id.hex}", {"type": "access.changed"})
