"""Who may do what with documents: permission codes, and the policy that turns grants into a level.

A person's level on a document comes from the nearest level of the tree — the document, then its
folders from the nearest up, then the space — that has at least one grant matching them (themselves,
one of their departments or its parent departments, one of their roles, or everyone); the highest of
those grants wins. So a grant deeper in the tree overrides what is inherited, up or down ("none"
takes access away). The owner of a personal space always manages it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from officium.core.permissions import define
from officium.documents.models import Document, Folder, Grant, Space
from officium.org.models import Employee, RoleGrant

SPACE_MANAGE = define("documents.space.manage", _("Create company and department document spaces"))

NONE, VIEW, COMMENT, EDIT, MANAGE = "none", "view", "comment", "edit", "manage"
RANK = {NONE: 0, VIEW: 1, COMMENT: 2, EDIT: 3, MANAGE: 4}


def at_least(level: str, wanted: str) -> bool:
    return RANK[level] >= RANK[wanted]


@dataclass(frozen=True)
class Who:
    """What grants can match a person: their id, departments (with the parents) and roles."""

    user_id: Any
    department_ids: frozenset[UUID] = field(default_factory=frozenset)
    role_ids: frozenset[UUID] = field(default_factory=frozenset)

    def matches(self, grant: Grant) -> bool:
        if grant.principal == Grant.Principal.EVERYONE:
            return True
        if grant.principal == Grant.Principal.USER:
            return bool(grant.user_id == self.user_id)
        if grant.principal == Grant.Principal.DEPARTMENT:
            return grant.department_id in self.department_ids
        return grant.role_id in self.role_ids


def who(user: Any) -> Who:
    """Three small queries; an anonymous or inactive user matches nothing."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Who(user_id=None)
    employee = Employee.objects.filter(user=user).exclude(status="resigned").select_related("main_department").first()
    department_ids: set[UUID] = set()
    if employee is not None:
        paths = [employee.main_department.path, *list(employee.secondary_departments.values_list("path", flat=True))]
        for path in paths:
            department_ids.update(UUID(hex=part) for part in path.strip("/").split("/") if part)
    role_ids = frozenset(RoleGrant.objects.filter(user=user).values_list("role_id", flat=True))
    return Who(user_id=user.pk, department_ids=frozenset(department_ids), role_ids=role_ids)


def _folder_uuid_chain(folder: Folder | None) -> list[UUID]:
    """Folder ids from the given folder up to the top."""
    if folder is None:
        return []
    return [UUID(hex=part) for part in reversed(folder.folder_ids)]


class Access:
    """Levels of one person on many objects, from one query of the grants that could apply."""

    def __init__(self, user: Any, *, person: Who | None = None) -> None:
        self.user = user
        self.person = person or who(user)
        self._space_grants: dict[UUID, list[Grant]] = {}
        self._folder_grants: dict[UUID, list[Grant]] = {}
        self._document_grants: dict[UUID, list[Grant]] = {}
        self._loaded: set[tuple[str, UUID]] = set()

    def _load(self, spaces: Iterable[UUID], folders: Iterable[UUID], documents: Iterable[UUID]) -> None:
        wanted = {("s", i) for i in spaces} | {("f", i) for i in folders} | {("d", i) for i in documents}
        missing = wanted - self._loaded
        if not missing:
            return
        self._loaded |= missing
        condition = Q(pk__in=[])
        for kind, column in (("s", "space_id__in"), ("f", "folder_id__in"), ("d", "document_id__in")):
            ids = [i for k, i in missing if k == kind]
            if ids:
                condition |= Q(**{column: ids})
        for kind, index in (("s", self._space_grants), ("f", self._folder_grants), ("d", self._document_grants)):
            for k, i in missing:
                if k == kind:
                    index.setdefault(i, [])
        for grant in Grant.objects.filter(condition):
            if grant.space_id is not None:
                self._space_grants[grant.space_id].append(grant)
            elif grant.folder_id is not None:
                self._folder_grants[grant.folder_id].append(grant)
            elif grant.document_id is not None:
                self._document_grants[grant.document_id].append(grant)

    def _decide(self, space: Space, chain: list[list[Grant]]) -> str:
        if space.kind == Space.Kind.PERSONAL and space.owner_id == self.person.user_id and self.person.user_id:
            return MANAGE
        if self.person.user_id is None:
            return NONE
        for grants in chain:
            matching = [grant.level for grant in grants if self.person.matches(grant)]
            if matching:
                return max(matching, key=RANK.__getitem__)
        return NONE

    def prepare(self, documents: Iterable[Document] = (), folders: Iterable[Folder] = ()) -> None:
        """Load the grants for these objects at once (call before asking about many of them)."""
        documents, folders = list(documents), list(folders)
        folder_ids = {i for d in documents for i in _folder_uuid_chain(d.folder)}
        folder_ids |= {i for f in folders for i in _folder_uuid_chain(f)}
        spaces = {d.space_id for d in documents} | {f.space_id for f in folders}
        self._load(spaces, folder_ids, [d.pk for d in documents])

    def prepare_spaces(self, spaces: Iterable[Space]) -> None:
        self._load([space.pk for space in spaces], [], [])

    def space_level(self, space: Space) -> str:
        self._load([space.pk], [], [])
        return self._decide(space, [self._space_grants[space.pk]])

    def folder_level(self, folder: Folder) -> str:
        chain_ids = _folder_uuid_chain(folder)
        self._load([folder.space_id], chain_ids, [])
        chain = [self._folder_grants[i] for i in chain_ids] + [self._space_grants[folder.space_id]]
        return self._decide(folder.space, chain)

    def container_level(self, space: Space, folder: Folder | None) -> str:
        return self.folder_level(folder) if folder is not None else self.space_level(space)

    def document_level(self, document: Document) -> str:
        chain_ids = _folder_uuid_chain(document.folder)
        self._load([document.space_id], chain_ids, [document.pk])
        chain = [self._document_grants[document.pk]]
        chain += [self._folder_grants[i] for i in chain_ids]
        chain.append(self._space_grants[document.space_id])
        return self._decide(document.space, chain)

    def directly_named_on(self, document: Document) -> bool:
        """A grant for this person by name on the document or one of its folders (for "shared with me")."""
        self.prepare([document])
        grants = self._document_grants[document.pk] + [
            g for i in _folder_uuid_chain(document.folder) for g in self._folder_grants[i]
        ]
        return any(g.principal == Grant.Principal.USER and g.user_id == self.person.user_id for g in grants)
