"""HTTP API of documents: spaces, folders, documents, the trash, stars and access grants."""

from typing import Any
from uuid import UUID

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Status
from ninja.pagination import paginate

from officium.core import permissions
from officium.core.api_base import Router, actor, requires
from officium.core.pagination import KeysetPagination
from officium.documents import selectors, services
from officium.documents.api.schemas import (
    BrowseFilter,
    DocumentGrantFilter,
    DocumentGrantIn,
    DocumentGrantOut,
    DocumentIn,
    DocumentOut,
    DocumentPatch,
    FolderIn,
    FolderOut,
    FolderPatch,
    ItemsOut,
    SpaceIn,
    SpaceOut,
    SpacePatch,
    TrashOut,
)
from officium.documents.models import Document, Folder, Grant, Space, Star, Visit
from officium.documents.permissions import SPACE_MANAGE, Access
from officium.documents.selectors import Seen

router = Router(tags=["documents"])
AUTHENTICATED = permissions.AUTHENTICATED


def _space(space: Space, level: str) -> dict[str, Any]:
    return {
        "id": space.pk,
        "kind": space.kind,
        "name": space.name,
        "department_id": space.department_id,
        "my_level": level,
    }


def _folder(folder: Folder, level: str) -> dict[str, Any]:
    return {
        "id": folder.pk,
        "space_id": folder.space_id,
        "parent_id": folder.parent_id,
        "name": folder.name,
        "my_level": level,
        "trashed_at": folder.trashed_at,
    }


def _document(seen: Seen) -> dict[str, Any]:
    document = seen.document
    return {
        "id": document.pk,
        "space_id": document.space_id,
        "folder_id": document.folder_id,
        "title": document.title,
        "created_by": {
            "id": document.created_by_id,
            "display_name": getattr(document.created_by, "display_name", "") or document.created_by.get_username(),
        },
        "created_at": document.created_at,
        "updated_at": document.updated_at,
        "my_level": seen.level,
        "starred": seen.starred,
        "content_size": document.content_size,
        "storage_problem": document.storage_problem,
        "trashed_at": document.trashed_at,
    }


def _grant(grant: Grant) -> dict[str, Any]:
    target = "space" if grant.space_id else "folder" if grant.folder_id else "document"
    name = ""
    if grant.user is not None:
        name = getattr(grant.user, "display_name", "") or grant.user.get_username()
    elif grant.department is not None:
        name = grant.department.name
    elif grant.role is not None:
        name = grant.role.name
    return {
        "id": grant.pk,
        "target": target,
        "target_id": grant.space_id or grant.folder_id or grant.document_id,
        "principal": grant.principal,
        "principal_id": grant.user_id or grant.department_id or grant.role_id,
        "principal_name": name,
        "level": grant.level,
        "granted_at": grant.granted_at,
    }


def _documents(rows: list[Document], request: HttpRequest) -> list[dict[str, Any]]:
    return [_document(seen) for seen in selectors.present(actor(request), rows)]


def _linked(rows: list[Visit] | list[Star], request: HttpRequest) -> list[dict[str, Any]]:
    return [_document(seen) for seen in selectors.present_links(actor(request), rows)]


# --- spaces ----------------------------------------------------------------------------------------------
@router.get("/spaces", response=list[SpaceOut], summary="The spaces I can open (my personal space first)")
@requires(AUTHENTICATED)
def list_document_spaces(request: HttpRequest) -> list[dict[str, Any]]:
    services.space_personal(actor=actor(request))
    return [_space(space, level) for space, level in selectors.spaces(actor=actor(request))]


@router.post("/spaces", response={201: SpaceOut}, summary="Create a company or department space")
@requires(SPACE_MANAGE)
def create_document_space(request: HttpRequest, payload: SpaceIn) -> Status[Any]:
    space = services.space_create(actor=actor(request), **payload.model_dump())
    return Status(201, _space(space, "manage"))


@router.patch("/spaces/{space_id}", response=SpaceOut, summary="Rename a space (managers)")
@requires(AUTHENTICATED)
def rename_document_space(request: HttpRequest, space_id: UUID, payload: SpacePatch) -> dict[str, Any]:
    space = services.space_rename(actor=actor(request), space_id=space_id, name=payload.name)
    return _space(space, "manage")


@router.get("/spaces/{space_id}/items", response=ItemsOut, summary="Folders and documents at one level of a space")
@requires(AUTHENTICATED)
def browse_document_space(request: HttpRequest, space_id: UUID, filters: Query[BrowseFilter]) -> dict[str, Any]:
    user = actor(request)
    space, space_level = selectors.space(actor=user, space_id=space_id)
    folders, documents = selectors.children(actor=user, space_id=space_id, folder_id=filters.folder_id)
    folder_out, path = None, []
    if filters.folder_id is not None:
        folder, level = selectors.folder(actor=user, folder_id=filters.folder_id)
        folder_out = _folder(folder, level)
        ids = [UUID(hex=part) for part in folder.folder_ids]
        names = dict(Folder.objects.filter(pk__in=ids).values_list("pk", "name"))
        path = [{"id": i, "name": names[i]} for i in ids if i in names]
    return {
        "space": _space(space, space_level if space_level != "none" else "view"),
        "folder": folder_out,
        "path": path,
        "folders": [_folder(f, level) for f, level in folders],
        "documents": [_document(seen) for seen in documents],
    }


# --- folders ---------------------------------------------------------------------------------------------
@router.post("/folders", response={201: FolderOut}, summary="Create a folder (editors of the place)")
@requires(AUTHENTICATED)
def create_document_folder(request: HttpRequest, payload: FolderIn) -> Status[Any]:
    folder = services.folder_create(actor=actor(request), **payload.model_dump())
    return Status(201, _folder(folder, Access(actor(request)).folder_level(folder)))


@router.patch("/folders/{folder_id}", response=FolderOut, summary="Rename or move a folder")
@requires(AUTHENTICATED)
def update_document_folder(request: HttpRequest, folder_id: UUID, payload: FolderPatch) -> dict[str, Any]:
    folder = services.folder_update(actor=actor(request), folder_id=folder_id, **payload.model_dump())
    return _folder(folder, Access(actor(request)).folder_level(folder))


@router.delete("/folders/{folder_id}", response={204: None}, summary="Move a folder to the trash (managers)")
@requires(AUTHENTICATED)
def trash_document_folder(request: HttpRequest, folder_id: UUID) -> Status[None]:
    services.folder_trash(actor=actor(request), folder_id=folder_id)
    return Status(204, None)


@router.post("/folders/{folder_id}/restore", response=FolderOut, summary="Restore a folder from the trash")
@requires(AUTHENTICATED)
def restore_document_folder(request: HttpRequest, folder_id: UUID) -> dict[str, Any]:
    folder = services.folder_restore(actor=actor(request), folder_id=folder_id)
    return _folder(folder, Access(actor(request)).folder_level(folder))


@router.delete("/folders/{folder_id}/purge", response={204: None}, summary="Delete a trashed folder for good")
@requires(AUTHENTICATED)
def purge_document_folder(request: HttpRequest, folder_id: UUID) -> Status[None]:
    services.folder_purge(actor=actor(request), folder_id=folder_id)
    return Status(204, None)


# --- lists -----------------------------------------------------------------------------------------------
@router.get("/mine", response=list[DocumentOut], summary="Documents I created, last changed first")
@requires(AUTHENTICATED)
@paginate(KeysetPagination, ordering=("-updated_at", "-id"), present=_documents)
def my_documents(request: HttpRequest) -> QuerySet[Document]:
    return selectors.mine(actor=actor(request))


@router.get("/shared", response=list[DocumentOut], summary="Documents others shared with me by name")
@requires(AUTHENTICATED)
@paginate(KeysetPagination, ordering=("-updated_at", "-id"), present=_documents)
def shared_documents(request: HttpRequest) -> QuerySet[Document]:
    return selectors.shared_with_me(actor=actor(request))


@router.get("/recent", response=list[DocumentOut], summary="Documents I opened, latest first")
@requires(AUTHENTICATED)
@paginate(KeysetPagination, ordering=("-visited_at", "-id"), present=_linked)
def recent_documents(request: HttpRequest) -> QuerySet[Visit]:
    return selectors.recent(actor=actor(request))


@router.get("/starred", response=list[DocumentOut], summary="Documents I starred, latest first")
@requires(AUTHENTICATED)
@paginate(KeysetPagination, ordering=("-starred_at", "-id"), present=_linked)
def starred_documents(request: HttpRequest) -> QuerySet[Star]:
    return selectors.starred(actor=actor(request))


@router.get("/trash", response=TrashOut, summary="What is in the trash that I manage (the newest 500)")
@requires(AUTHENTICATED)
def list_document_trash(request: HttpRequest) -> dict[str, Any]:
    user = actor(request)
    folders = selectors.trashed_folders(actor=user)
    return {
        "documents": [_document(seen) for seen in selectors.trash(actor=user)],
        "folders": [_folder(folder, "manage") for folder in folders],
    }


# --- grants ----------------------------------------------------------------------------------------------
@router.get(
    "/grants", response=list[DocumentGrantOut], summary="Who has what on a space, folder or document (managers)"
)
@requires(AUTHENTICATED)
def list_document_grants(request: HttpRequest, filters: Query[DocumentGrantFilter]) -> list[dict[str, Any]]:
    grants = services.grants_of(actor=actor(request), target=filters.target, target_id=filters.target_id)
    return [_grant(grant) for grant in grants]


@router.post("/grants", response=DocumentGrantOut, summary="Give or change someone's level (share)")
@requires(AUTHENTICATED)
def set_document_grant(request: HttpRequest, payload: DocumentGrantIn) -> dict[str, Any]:
    grant = services.grant_set(actor=actor(request), **payload.model_dump())
    return _grant(Grant.objects.select_related("user", "department", "role").get(pk=grant.pk))


@router.delete("/grants/{grant_id}", response={204: None}, summary="Remove a grant")
@requires(AUTHENTICATED)
def delete_document_grant(request: HttpRequest, grant_id: UUID) -> Status[None]:
    services.grant_delete(actor=actor(request), grant_id=grant_id)
    return Status(204, None)


# --- documents -------------------------------------------------------------------------------------------
@router.post("", response={201: DocumentOut}, summary="Create an empty document")
@requires(AUTHENTICATED)
def create_document(request: HttpRequest, payload: DocumentIn) -> Status[Any]:
    document = services.document_create(actor=actor(request), **payload.model_dump())
    return Status(201, _document(selectors.document(actor=actor(request), document_id=document.pk)))


@router.get("/{document_id}", response=DocumentOut, summary="One document")
@requires(AUTHENTICATED)
def get_document(request: HttpRequest, document_id: UUID) -> dict[str, Any]:
    return _document(selectors.document(actor=actor(request), document_id=document_id))


@router.patch("/{document_id}", response=DocumentOut, summary="Rename or move a document")
@requires(AUTHENTICATED)
def update_document(request: HttpRequest, document_id: UUID, payload: DocumentPatch) -> dict[str, Any]:
    services.document_update(actor=actor(request), document_id=document_id, **payload.model_dump())
    return _document(selectors.document(actor=actor(request), document_id=document_id))


@router.delete("/{document_id}", response={204: None}, summary="Move a document to the trash (managers)")
@requires(AUTHENTICATED)
def trash_document(request: HttpRequest, document_id: UUID) -> Status[None]:
    services.document_trash(actor=actor(request), document_id=document_id)
    return Status(204, None)


@router.post("/{document_id}/restore", response=DocumentOut, summary="Restore a document from the trash")
@requires(AUTHENTICATED)
def restore_document(request: HttpRequest, document_id: UUID) -> dict[str, Any]:
    services.document_restore(actor=actor(request), document_id=document_id)
    return _document(selectors.document(actor=actor(request), document_id=document_id))


@router.delete("/{document_id}/purge", response={204: None}, summary="Delete a trashed document for good")
@requires(AUTHENTICATED)
def purge_document(request: HttpRequest, document_id: UUID) -> Status[None]:
    services.document_purge(actor=actor(request), document_id=document_id)
    return Status(204, None)


@router.put("/{document_id}/star", response={204: None}, summary="Star a document")
@requires(AUTHENTICATED)
def star_document(request: HttpRequest, document_id: UUID) -> Status[None]:
    services.document_star(actor=actor(request), document_id=document_id, starred=True)
    return Status(204, None)


@router.delete("/{document_id}/star", response={204: None}, summary="Unstar a document")
@requires(AUTHENTICATED)
def unstar_document(request: HttpRequest, document_id: UUID) -> Status[None]:
    services.document_star(actor=actor(request), document_id=document_id, starred=False)
    return Status(204, None)
