"""Writes to the libraries: spaces, folders, documents, the trash, stars, visits and access grants.

Each use case checks the actor's level (an object they may not see is "not found"), locks what it
changes, writes the audit row in the same transaction and publishes events on commit.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone

from officium.core import audit, permissions
from officium.core.errors import Conflict, PermissionDenied, ValidationFailed
from officium.core.events import publish
from officium.documents import selectors
from officium.documents.events import DocumentAccessChanged, DocumentShared
from officium.documents.models import MAX_FOLDER_DEPTH, Document, Folder, Grant, Space, Star, Visit, grant_keys
from officium.documents.permissions import EDIT, MANAGE, SPACE_MANAGE, VIEW, at_least
from officium.org.models import Department, Role

User = Any


def _require_level(level: str, wanted: str) -> None:
    """The object is visible (the selector checked) but the actor's level is too low: 403."""
    if not at_least(level, wanted):
        raise PermissionDenied(code="document_permission_denied")


def _access_changed(space_id: UUID, reason: str) -> None:
    publish(DocumentAccessChanged(space_id=space_id, reason=reason))


# --- spaces --------------------------------------------------------------------------------------------
def space_personal(*, actor: User) -> Space:
    """The actor's personal space, made on first use."""
    existing = Space.objects.filter(kind=Space.Kind.PERSONAL, owner=actor).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            space = Space.objects.create(kind=Space.Kind.PERSONAL, name=actor.get_username(), owner=actor)
            audit.record(action="documents.space.create", actor=actor, target=space, changes={"kind": "personal"})
    except IntegrityError:
        return Space.objects.get(kind=Space.Kind.PERSONAL, owner=actor)
    return space


def space_create(*, actor: User, kind: str, name: str, department_id: UUID | None = None) -> Space:
    """A company or department space: everyone views a company space, a department's members (with
    sub-departments) edit theirs, and the creator manages it; grants change that later."""
    permissions.require(actor, SPACE_MANAGE)
    if kind not in (Space.Kind.COMPANY, Space.Kind.DEPARTMENT):
        raise ValidationFailed("A space is a company or a department space.", code="space_kind_invalid")
    department = None
    if kind == Space.Kind.DEPARTMENT:
        department = (
            Department.objects.filter(pk=department_id, status=Department.Status.ACTIVE).first()
            if department_id is not None
            else None
        )
        if department is None:
            raise ValidationFailed("No such department.", code="department_not_found")
    with transaction.atomic():
        if department is not None and Space.objects.filter(kind=kind, department=department).exists():
            raise Conflict("The department has a space already.", code="space_exists")
        space = Space.objects.create(kind=kind, name=name.strip(), department=department)
        if department is not None:
            _grant_create(
                space=space, principal=Grant.Principal.DEPARTMENT, department=department, level=EDIT, by=actor
            )
        else:
            _grant_create(space=space, principal=Grant.Principal.EVERYONE, level=VIEW, by=actor)
        _grant_create(space=space, principal=Grant.Principal.USER, user=actor, level=MANAGE, by=actor)
        audit.record(
            action="documents.space.create",
            actor=actor,
            target=space,
            changes={"kind": kind, "name": space.name, "department": str(department_id or "")},
        )
    return space


def space_rename(*, actor: User, space_id: UUID, name: str) -> Space:
    with transaction.atomic():
        space, level = selectors.space(actor=actor, space_id=space_id)
        _require_level(level, MANAGE)
        space = Space.objects.select_for_update().get(pk=space.pk)
        before = space.name
        space.name = name.strip()
        space.save(update_fields=["name"])
        audit.record(action="documents.space.rename", actor=actor, target=space, changes={"name": [before, space.name]})
    return space


# --- folders -------------------------------------------------------------------------------------------
def _container(actor: User, space_id: UUID, folder_id: UUID | None) -> tuple[Space, Folder | None, str]:
    if folder_id is None:
        space, level = selectors.space(actor=actor, space_id=space_id)
        return space, None, level
    folder, level = selectors.folder(actor=actor, folder_id=folder_id)
    if folder.space_id != space_id:
        raise selectors.FolderNotFound()
    return folder.space, folder, level


def folder_create(*, actor: User, space_id: UUID, name: str, parent_id: UUID | None = None) -> Folder:
    space, parent, level = _container(actor, space_id, parent_id)
    _require_level(level, EDIT)
    if parent is not None and len(parent.folder_ids) >= MAX_FOLDER_DEPTH:
        raise ValidationFailed("Folders are nested too deep.", code="folder_too_deep")
    with transaction.atomic():
        folder = Folder(space=space, parent=parent, name=name.strip(), created_by=actor)
        folder.path = f"{parent.path if parent else '/'}{folder.pk.hex}/"
        folder.save(force_insert=True)
        audit.record(
            action="documents.folder.create",
            actor=actor,
            target=folder,
            changes={"name": folder.name, "space": str(space.pk), "parent": str(parent_id or "")},
        )
    return folder


def folder_update(
    *, actor: User, folder_id: UUID, name: str | None = None, parent_id: UUID | None = None, to_top: bool = False
) -> Folder:
    """Rename, or move under another folder of the same space (`to_top` moves it to the space's top)."""
    folder, level = selectors.folder(actor=actor, folder_id=folder_id)
    _require_level(level, EDIT)
    changes: dict[str, Any] = {}
    with transaction.atomic():
        folder = Folder.objects.select_for_update().select_related("space").get(pk=folder.pk)
        if name is not None and name.strip() != folder.name:
            changes["name"] = [folder.name, name.strip()]
            folder.name = name.strip()
            folder.save(update_fields=["name"])
        if parent_id is not None or to_top:
            new_parent = None
            if parent_id is not None:
                _space, new_parent, target_level = _container(actor, folder.space_id, parent_id)
                _require_level(target_level, EDIT)
                if new_parent is not None and new_parent.path.startswith(folder.path):
                    raise ValidationFailed("A folder cannot move into itself.", code="folder_move_cycle")
            old_path = folder.path
            new_path = f"{new_parent.path if new_parent else '/'}{folder.pk.hex}/"
            depth_below = max(
                (
                    len(p.strip("/").split("/"))
                    for p in Folder.objects.filter(path__startswith=old_path).values_list("path", flat=True)
                ),
                default=0,
            ) - len(folder.folder_ids)
            if len(new_path.strip("/").split("/")) + depth_below > MAX_FOLDER_DEPTH:
                raise ValidationFailed("Folders are nested too deep.", code="folder_too_deep")
            changes["parent"] = [str(folder.parent_id or ""), str(parent_id or "")]
            folder.parent = new_parent
            folder.save(update_fields=["parent"])
            Folder.objects.filter(path__startswith=old_path).update(
                path=Concat(Value(new_path), Substr("path", len(old_path) + 1))
            )
            folder.refresh_from_db(fields=["path"])
            _access_changed(folder.space_id, "folder_moved")
        if changes:
            audit.record(action="documents.folder.update", actor=actor, target=folder, changes=changes)
    return folder


def folder_trash(*, actor: User, folder_id: UUID) -> Folder:
    folder, level = selectors.folder(actor=actor, folder_id=folder_id)
    _require_level(level, MANAGE)
    with transaction.atomic():
        folder = Folder.objects.select_for_update().get(pk=folder.pk)
        folder.trashed_at, folder.trashed_by = timezone.now(), actor
        folder.save(update_fields=["trashed_at", "trashed_by"])
        audit.record(action="documents.folder.trash", actor=actor, target=folder)
        _access_changed(folder.space_id, "folder_trashed")
    return folder


def folder_restore(*, actor: User, folder_id: UUID) -> Folder:
    folder, level = selectors.folder(actor=actor, folder_id=folder_id, trashed=True)
    _require_level(level, MANAGE)
    if folder.trashed_at is None:
        raise Conflict("A folder above this one is in the trash: restore that one.", code="parent_in_trash")
    with transaction.atomic():
        folder = Folder.objects.select_for_update().get(pk=folder.pk)
        folder.trashed_at, folder.trashed_by = None, None
        folder.save(update_fields=["trashed_at", "trashed_by"])
        audit.record(action="documents.folder.restore", actor=actor, target=folder)
    return folder


def folder_purge(*, actor: User, folder_id: UUID) -> None:
    """Delete a trashed folder for good, with every folder and document in it."""
    folder, level = selectors.folder(actor=actor, folder_id=folder_id, trashed=True)
    _require_level(level, MANAGE)
    with transaction.atomic():
        subtree = Folder.objects.filter(path__startswith=folder.path)
        documents = Document.objects.filter(folder__in=subtree)
        count = documents.count()
        documents.delete()
        for each in sorted(subtree, key=lambda f: -len(f.path)):
            each.delete()
        audit.record(
            action="documents.folder.purge",
            actor=actor,
            object_type="documents.folder",
            object_id=str(folder.pk),
            changes={"name": folder.name, "documents": count},
        )
        _access_changed(folder.space_id, "folder_purged")


# --- documents -----------------------------------------------------------------------------------------
def document_create(*, actor: User, space_id: UUID, title: str, folder_id: UUID | None = None) -> Document:
    """A new, empty document; its creator manages it (a grant, so it shows where access comes from)."""
    space, folder, level = _container(actor, space_id, folder_id)
    _require_level(level, EDIT)
    with transaction.atomic():
        document = Document.objects.create(space=space, folder=folder, title=title.strip(), created_by=actor)
        if not (space.kind == Space.Kind.PERSONAL and space.owner_id == actor.pk):
            _grant_create(document=document, principal=Grant.Principal.USER, user=actor, level=MANAGE, by=actor)
        audit.record(
            action="documents.document.create",
            actor=actor,
            target=document,
            changes={"title": document.title, "space": str(space.pk), "folder": str(folder_id or "")},
        )
    return document


def document_update(
    *, actor: User, document_id: UUID, title: str | None = None, folder_id: UUID | None = None, to_top: bool = False
) -> Document:
    seen = selectors.document(actor=actor, document_id=document_id)
    _require_level(seen.level, EDIT)
    changes: dict[str, Any] = {}
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document_id)
        fields = []
        if title is not None and title.strip() != document.title:
            changes["title"] = [document.title, title.strip()]
            document.title = title.strip()
            fields.append("title")
        if folder_id is not None or to_top:
            _space, folder, level = _container(actor, document.space_id, folder_id)
            _require_level(level, EDIT)
            changes["folder"] = [str(document.folder_id or ""), str(folder_id or "")]
            document.folder = folder
            fields.append("folder")
            _access_changed(document.space_id, "document_moved")
        if fields:
            document.updated_at = timezone.now()
            document.save(update_fields=[*fields, "updated_at"])
            audit.record(action="documents.document.update", actor=actor, target=document, changes=changes)
    return selectors.document(actor=actor, document_id=document_id).document


def document_trash(*, actor: User, document_id: UUID) -> None:
    seen = selectors.document(actor=actor, document_id=document_id)
    _require_level(seen.level, MANAGE)
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document_id)
        document.trashed_at, document.trashed_by = timezone.now(), actor
        document.save(update_fields=["trashed_at", "trashed_by"])
        audit.record(action="documents.document.trash", actor=actor, target=document)
        _access_changed(document.space_id, "document_trashed")


def document_restore(*, actor: User, document_id: UUID) -> Document:
    seen = selectors.document(actor=actor, document_id=document_id, trashed=True)
    _require_level(seen.level, MANAGE)
    if seen.document.trashed_at is None:
        raise Conflict("Its folder is in the trash: restore the folder.", code="parent_in_trash")
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document_id)
        document.trashed_at, document.trashed_by = None, None
        document.save(update_fields=["trashed_at", "trashed_by"])
        audit.record(action="documents.document.restore", actor=actor, target=document)
    return document


def document_purge(*, actor: User, document_id: UUID) -> None:
    """Delete a trashed document for good, with its content and history."""
    seen = selectors.document(actor=actor, document_id=document_id, trashed=True)
    _require_level(seen.level, MANAGE)
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document_id)
        audit.record(
            action="documents.document.purge",
            actor=actor,
            object_type="documents.document",
            object_id=str(document.pk),
            changes={"title": document.title},
        )
        space_id = document.space_id
        document.delete()
        _access_changed(space_id, "document_purged")


def document_star(*, actor: User, document_id: UUID, starred: bool) -> None:
    selectors.document(actor=actor, document_id=document_id)
    if starred:
        Star.objects.get_or_create(user=actor, document_id=document_id)
    else:
        Star.objects.filter(user=actor, document_id=document_id).delete()


def document_visit(*, user: User, document_id: UUID) -> None:
    """Remember that the user opened the document now (for "recent"; not audited: it changes nothing)."""
    Visit.objects.update_or_create(user=user, document_id=document_id, defaults={"visited_at": timezone.now()})


def _grant_create(*, principal: str, level: str, by: User, **objects: Any) -> Grant:
    return Grant.objects.create(principal=principal, level=level, granted_by=by, **objects, **grant_keys(**objects))


# --- grants --------------------------------------------------------------------------------------------
TARGETS = ("space", "folder", "document")


def _target(actor: User, target: str, target_id: UUID) -> tuple[Space | Folder | Document, UUID, str]:
    """The object and its space, if the actor manages it."""
    if target == "space":
        space, level = selectors.space(actor=actor, space_id=target_id)
        _require_level(level, MANAGE)
        return space, space.pk, level
    if target == "folder":
        folder, level = selectors.folder(actor=actor, folder_id=target_id)
        _require_level(level, MANAGE)
        return folder, folder.space_id, level
    seen = selectors.document(actor=actor, document_id=target_id)
    _require_level(seen.level, MANAGE)
    return seen.document, seen.document.space_id, seen.level


def grants_of(*, actor: User, target: str, target_id: UUID) -> list[Grant]:
    """Who has what on an object: for those who manage it."""
    obj, _space_id, _level = _target(actor, target, target_id)
    return list(selectors.grants(target=obj))


def grant_set(
    *, actor: User, target: str, target_id: UUID, principal: str, principal_id: UUID | None, level: str
) -> Grant:
    """Give (or change) one principal's level on a space, folder or document."""
    obj, space_id, _level = _target(actor, target, target_id)
    if level not in Grant.Level.values:
        raise ValidationFailed("Unknown level.", code="grant_level_invalid")
    who: dict[str, Any] = {}
    if principal != Grant.Principal.EVERYONE and principal_id is None:
        raise ValidationFailed("Say whom the grant is for.", code="principal_not_found")
    if principal == Grant.Principal.USER:
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.filter(pk=str(principal_id), is_active=True).first()
        if user is None:
            raise ValidationFailed("No such person.", code="principal_not_found")
        who["user"] = user
    elif principal == Grant.Principal.DEPARTMENT:
        department = Department.objects.filter(pk=str(principal_id), status=Department.Status.ACTIVE).first()
        if department is None:
            raise ValidationFailed("No such department.", code="principal_not_found")
        who["department"] = department
    elif principal == Grant.Principal.ROLE:
        role = Role.objects.filter(pk=str(principal_id)).first()
        if role is None:
            raise ValidationFailed("No such role.", code="principal_not_found")
        who["role"] = role
    elif principal != Grant.Principal.EVERYONE:
        raise ValidationFailed("Unknown kind of principal.", code="principal_invalid")
    with transaction.atomic():
        grant = Grant.objects.select_for_update().filter(**{target: obj}, principal=principal, **who).first()
        before = grant.level if grant else None
        if grant is None:
            grant = _grant_create(**{target: obj}, principal=principal, level=level, by=actor, **who)
        elif grant.level != level:
            grant.level, grant.granted_by = level, actor
            grant.save(update_fields=["level", "granted_by"])
        audit.record(
            action="documents.grant.set",
            actor=actor,
            target=grant,
            changes={
                "target": target,
                "target_id": str(target_id),
                "principal": principal,
                "principal_id": str(principal_id or ""),
                "level": [before, level],
            },
        )
        publish(
            DocumentShared(
                space_id=space_id,
                target=target,
                target_id=target_id,
                principal=principal,
                principal_id=principal_id,
                level=level,
                by_user_id=actor.pk,
            )
        )
        _access_changed(space_id, "grant_set")
    return grant


def grant_delete(*, actor: User, grant_id: UUID) -> None:
    grant = Grant.objects.filter(pk=grant_id).first()
    if grant is None:
        raise selectors.DocumentNotFound(code="grant_not_found")
    target = "space" if grant.space_id else "folder" if grant.folder_id else "document"
    target_id = grant.space_id or grant.folder_id or grant.document_id
    assert target_id is not None
    _obj, space_id, _level = _target(actor, target, target_id)
    with transaction.atomic():
        audit.record(
            action="documents.grant.delete",
            actor=actor,
            target=grant,
            changes={"target": target, "target_id": str(target_id), "principal": grant.principal, "level": grant.level},
        )
        grant.delete()
        _access_changed(space_id, "grant_removed")


def level_of(*, user: User, document_id: UUID) -> str:
    """The user's level on a document now (for the sync endpoint)."""
    return selectors.level_for(user, document_id)
