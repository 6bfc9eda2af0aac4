"""Reads of documents, always scoped to what the actor may see (anything else is "not found")."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db.models import Q, QuerySet

from officium.core.errors import NotFound
from officium.documents.models import Document, Folder, Grant, Space, Star, Visit
from officium.documents.permissions import MANAGE, NONE, VIEW, Access, at_least


class DocumentNotFound(NotFound):
    code = "document_not_found"


class FolderNotFound(NotFound):
    code = "folder_not_found"


class SpaceNotFound(NotFound):
    code = "space_not_found"


def _documents() -> QuerySet[Document]:
    return Document.objects.select_related("space", "folder", "created_by")


def _trashed_folder_ids(space_ids: Iterable[UUID]) -> set[str]:
    return {
        pk.hex
        for pk in Folder.objects.filter(space_id__in=set(space_ids), trashed_at__isnull=False).values_list(
            "pk", flat=True
        )
    }


def in_trash(document: Document, trashed_folders: set[str] | None = None) -> bool:
    """The document, or one of its folders, was moved to the trash."""
    if document.trashed_at is not None:
        return True
    if document.folder is None:
        return False
    trashed = trashed_folders if trashed_folders is not None else _trashed_folder_ids([document.space_id])
    return any(part in trashed for part in document.folder.folder_ids)


def folder_in_trash(folder: Folder) -> bool:
    return bool(set(folder.folder_ids) & _trashed_folder_ids([folder.space_id]))


@dataclass(frozen=True)
class Seen:
    """A document with the actor's level on it."""

    document: Document
    level: str
    starred: bool


def _visible(actor: Any, documents: list[Document], *, trashed: bool = False) -> list[Seen]:
    access = Access(actor)
    access.prepare(documents)
    trashed_folders = _trashed_folder_ids({d.space_id for d in documents})
    starred = set(Star.objects.filter(user=actor, document__in=documents).values_list("document_id", flat=True))
    seen = []
    for document in documents:
        level = access.document_level(document)
        if level == NONE or in_trash(document, trashed_folders) != trashed:
            continue
        seen.append(Seen(document, level, document.pk in starred))
    return seen


def present(actor: Any, rows: list[Document]) -> list[Seen]:
    return _visible(actor, rows)


def document(*, actor: Any, document_id: UUID, at_least_level: str = VIEW, trashed: bool = False) -> Seen:
    found = _documents().filter(pk=document_id).first()
    if found is None:
        raise DocumentNotFound()
    seen = _visible(actor, [found], trashed=trashed)
    if not seen or not at_least(seen[0].level, at_least_level):
        raise DocumentNotFound()
    return seen[0]


def folder(*, actor: Any, folder_id: UUID, trashed: bool = False) -> tuple[Folder, str]:
    found = Folder.objects.select_related("space").filter(pk=folder_id).first()
    if found is None or folder_in_trash(found) != trashed:
        raise FolderNotFound()
    level = Access(actor).folder_level(found)
    if level == NONE:
        raise FolderNotFound()
    return found, level


def spaces(*, actor: Any) -> list[tuple[Space, str]]:
    """Spaces the actor can see something at the top of: personal first, then department, company."""
    access = Access(actor)
    order = {Space.Kind.PERSONAL: 0, Space.Kind.DEPARTMENT: 1, Space.Kind.COMPANY: 2}
    candidates = list(
        Space.objects.filter(Q(kind=Space.Kind.PERSONAL, owner=actor) | ~Q(kind=Space.Kind.PERSONAL)).select_related(
            "department"
        )
    )
    access.prepare_spaces(candidates)
    result = []
    for space in candidates:
        level = access.space_level(space)
        if level != NONE:
            result.append((space, level))
    return sorted(result, key=lambda item: (order[Space.Kind(item[0].kind)], item[0].name))


def space(*, actor: Any, space_id: UUID) -> tuple[Space, str]:
    found = Space.objects.filter(pk=space_id).first()
    if found is None:
        raise SpaceNotFound()
    level = Access(actor).space_level(found)
    if level == NONE:
        raise SpaceNotFound()
    return found, level


def children(*, actor: Any, space_id: UUID, folder_id: UUID | None) -> tuple[list[tuple[Folder, str]], list[Seen]]:
    """What the actor sees directly in the space's top level or in one folder."""
    if folder_id is not None:
        parent, _level = folder(actor=actor, folder_id=folder_id)
        if parent.space_id != space_id:
            raise FolderNotFound()
    else:
        space(actor=actor, space_id=space_id)
    folders = list(
        Folder.objects.select_related("space")
        .filter(space_id=space_id, trashed_at__isnull=True)
        .filter(**({"parent__isnull": True} if folder_id is None else {"parent_id": folder_id}))
        .order_by("name", "id")
    )
    access = Access(actor)
    access.prepare(folders=folders)
    visible_folders = [(f, level) for f in folders if (level := access.folder_level(f)) != NONE]
    in_place = _documents().filter(space_id=space_id)
    in_place = in_place.filter(folder__isnull=True) if folder_id is None else in_place.filter(folder_id=folder_id)
    documents = list(in_place.order_by("title", "id"))
    return visible_folders, _visible(actor, documents)


def mine(*, actor: Any) -> QuerySet[Document]:
    return _documents().filter(created_by=actor, trashed_at__isnull=True)


def shared_with_me(*, actor: Any) -> QuerySet[Document]:
    """Documents someone else created where a grant names the actor (on the document or a folder above)."""
    named = Grant.objects.filter(principal=Grant.Principal.USER, user=actor).exclude(level=NONE)
    folder_ids = list(named.filter(folder__isnull=False).values_list("folder__path", flat=True))
    condition = Q(pk__in=named.filter(document__isnull=False).values("document_id"))
    for path in folder_ids:
        condition |= Q(folder__path__startswith=path)
    return _documents().filter(condition, trashed_at__isnull=True).exclude(created_by=actor)


def shared_with_me_seen(*, actor: Any) -> list[Seen]:
    return _visible(actor, list(shared_with_me(actor=actor).order_by("-updated_at", "-id")))


def recent(*, actor: Any) -> QuerySet[Visit]:
    """The actor's visits, newest first is the caller's ordering; present them with `present_links`."""
    return Visit.objects.filter(user=actor, document__trashed_at__isnull=True).select_related(*_LINKED)


def starred(*, actor: Any) -> QuerySet[Star]:
    return Star.objects.filter(user=actor, document__trashed_at__isnull=True).select_related(*_LINKED)


_LINKED = ("document__space", "document__folder", "document__created_by")


def present_links(actor: Any, rows: list[Visit] | list[Star]) -> list[Seen]:
    return _visible(actor, [row.document for row in rows])


def trash(*, actor: Any) -> list[Seen]:
    """Documents in the trash that the actor manages."""
    candidates = list(_documents().filter(trashed_at__isnull=False).order_by("-trashed_at", "-id")[:500])
    return [seen for seen in _visible(actor, candidates, trashed=True) if at_least(seen.level, MANAGE)]


def trashed_folders(*, actor: Any) -> list[Folder]:
    candidates = list(Folder.objects.select_related("space").filter(trashed_at__isnull=False).order_by("-trashed_at"))
    access = Access(actor)
    access.prepare(folders=candidates)
    return [f for f in candidates if at_least(access.folder_level(f), MANAGE)]


def grants(*, target: Space | Folder | Document) -> QuerySet[Grant]:
    found = Grant.objects.select_related("user", "department", "role").order_by("granted_at", "id")
    if isinstance(target, Space):
        return found.filter(space=target)
    if isinstance(target, Folder):
        return found.filter(folder=target)
    return found.filter(document=target)


def level_for(user: Any, document_id: UUID) -> str:
    """The user's level on the document now ("none" when it is gone, trashed or not theirs to see)."""
    found = _documents().filter(pk=document_id).first()
    if found is None or in_trash(found):
        return NONE
    return Access(user).document_level(found)
