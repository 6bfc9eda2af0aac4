"""Public events of documents."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar
from uuid import UUID

from officium.core.events import Event


@dataclass(frozen=True, kw_only=True)
class DocumentShared(Event):
    """A grant was given or changed. `target` is space, folder or document; `principal` is user,
    department, role or everyone (then `principal_id` is None)."""

    name: ClassVar[str] = "documents.document_shared"
    space_id: UUID
    target: str
    target_id: UUID
    principal: str
    principal_id: UUID | None
    level: str
    by_user_id: UUID | None


@dataclass(frozen=True, kw_only=True)
class DocumentAccessChanged(Event):
    """Who may do what in the space may have changed (a grant removed or changed, something moved,
    trashed or purged): open editors re-check their access."""

    name: ClassVar[str] = "documents.access_changed"
    space_id: UUID
    reason: str
