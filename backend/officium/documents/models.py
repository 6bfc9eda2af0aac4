"""Documents: spaces, folders in a tree, documents, access grants, stars, visits and the Yjs update log."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from officium.core.ids import uuid7
from officium.org.models import Department, Role

MAX_FOLDER_DEPTH = 10
# "/<32 hex>" per level.
FOLDER_PATH_LENGTH = 33 * MAX_FOLDER_DEPTH


class Space(models.Model):
    """A library: the company's, a department's, or one person's."""

    class Kind(models.TextChoices):
        COMPANY = "company"
        DEPARTMENT = "department"
        PERSONAL = "personal"

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    name = models.CharField(max_length=100)
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner"], condition=Q(kind="personal"), name="documents_one_personal_space"
            ),
            models.UniqueConstraint(
                fields=["department"], condition=Q(kind="department"), name="documents_one_department_space"
            ),
            models.CheckConstraint(
                condition=(Q(kind="personal") & Q(owner__isnull=False) & Q(department__isnull=True))
                | (Q(kind="department") & Q(department__isnull=False) & Q(owner__isnull=True))
                | (Q(kind="company") & Q(department__isnull=True) & Q(owner__isnull=True)),
                name="documents_space_kind_fields",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Folder(models.Model):
    """A folder; `path` is the chain of folder ids from the space's root ("/<top>/…/<self>/")."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    space = models.ForeignKey(Space, on_delete=models.PROTECT, related_name="folders")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    name = models.CharField(max_length=100)
    path = models.CharField(max_length=FOLDER_PATH_LENGTH, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    trashed_at = models.DateTimeField(null=True, blank=True)
    trashed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["space", "parent"])]

    def __str__(self) -> str:
        return self.name

    @property
    def folder_ids(self) -> list[str]:
        """Hex ids from the top folder down to this one."""
        return [part for part in self.path.strip("/").split("/") if part]


class Document(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    space = models.ForeignKey(Space, on_delete=models.PROTECT, related_name="documents")
    folder = models.ForeignKey(Folder, null=True, blank=True, on_delete=models.PROTECT, related_name="documents")
    title = models.CharField(max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now_add=True)
    # Bytes of the encoded Yjs state at the last snapshot (the document size limit applies to it).
    content_size = models.PositiveIntegerField(default=0)
    trashed_at = models.DateTimeField(null=True, blank=True)
    trashed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Set when the stored update log could not be read in full; cleared by the next good snapshot.
    storage_problem = models.CharField(max_length=300, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["space", "folder"]),
            models.Index(fields=["created_by", "-updated_at"]),
        ]

    def __str__(self) -> str:
        return self.title


class Grant(models.Model):
    """A role on a space, a folder or a document for a person, a department (with its sub-departments),
    an organisation role or everyone. The nearest level with a grant that matches a person decides."""

    class Level(models.TextChoices):
        NONE = "none"  # an override that takes inherited access away
        VIEW = "view"
        COMMENT = "comment"
        EDIT = "edit"
        MANAGE = "manage"

    class Principal(models.TextChoices):
        USER = "user"
        DEPARTMENT = "department"
        ROLE = "role"
        EVERYONE = "everyone"

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    space = models.ForeignKey(Space, null=True, blank=True, on_delete=models.CASCADE, related_name="grants")
    folder = models.ForeignKey(Folder, null=True, blank=True, on_delete=models.CASCADE, related_name="grants")
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.CASCADE, related_name="grants")
    principal = models.CharField(max_length=12, choices=Principal.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    role = models.ForeignKey(Role, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    level = models.CharField(max_length=8, choices=Level.choices)
    # "<target kind>:<id>" and "<principal kind>:<id>": one grant per principal and object on every database.
    target_key = models.CharField(max_length=50)
    principal_key = models.CharField(max_length=50)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(space__isnull=False) & Q(folder__isnull=True) & Q(document__isnull=True))
                | (Q(space__isnull=True) & Q(folder__isnull=False) & Q(document__isnull=True))
                | (Q(space__isnull=True) & Q(folder__isnull=True) & Q(document__isnull=False)),
                name="documents_grant_one_target",
            ),
            models.CheckConstraint(
                condition=(
                    Q(principal="user") & Q(user__isnull=False) & Q(department__isnull=True) & Q(role__isnull=True)
                )
                | (
                    Q(principal="department")
                    & Q(user__isnull=True)
                    & Q(department__isnull=False)
                    & Q(role__isnull=True)
                )
                | (Q(principal="role") & Q(user__isnull=True) & Q(department__isnull=True) & Q(role__isnull=False))
                | (Q(principal="everyone") & Q(user__isnull=True) & Q(department__isnull=True) & Q(role__isnull=True)),
                name="documents_grant_one_principal",
            ),
            models.UniqueConstraint(fields=["target_key", "principal_key"], name="documents_grant_unique"),
        ]


def grant_keys(
    *,
    space: Any = None,
    folder: Any = None,
    document: Any = None,
    user: Any = None,
    department: Any = None,
    role: Any = None,
) -> dict[str, str]:
    """The two key columns of a grant for these objects."""
    target = next(f"{kind}:{obj.pk.hex}" for kind, obj in (("s", space), ("f", folder), ("d", document)) if obj)
    principal = next(
        (f"{kind}:{obj.pk.hex}" for kind, obj in (("u", user), ("g", department), ("r", role)) if obj), "everyone"
    )
    return {"target_key": target, "principal_key": principal}


class Star(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+")
    starred_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "document"], name="documents_star_unique")]


class Visit(models.Model):
    """The last time a person opened a document (for "recent")."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+")
    visited_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "document"], name="documents_visit_unique")]
        indexes = [models.Index(fields=["user", "-visited_at"])]


class Update(models.Model):
    """One batch of Yjs updates, merged, appended in the order the room applied them; never changed."""

    id = models.BigAutoField(primary_key=True)
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+")
    data = models.BinaryField()
    checksum = models.CharField(max_length=64)  # sha256 of data
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["document", "id"])]


class Snapshot(models.Model):
    """The full Yjs state of a document after every update up to `last_update_id` (compaction)."""

    id = models.BigAutoField(primary_key=True)
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+")
    data = models.BinaryField()
    checksum = models.CharField(max_length=64)
    last_update_id = models.BigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["document", "-id"])]
