"""Shapes of the documents API."""

from typing import Literal
from uuid import UUID

from ninja import Field, Schema

from officium.core.api_base import IsoDateTime, Strict

Level = Literal["view", "comment", "edit", "manage"]
GrantLevel = Literal["none", "view", "comment", "edit", "manage"]
Target = Literal["space", "folder", "document"]
Principal = Literal["user", "department", "role", "everyone"]


class SpaceOut(Schema):
    id: UUID
    kind: Literal["company", "department", "personal"]
    name: str
    department_id: UUID | None
    my_level: Level


class SpaceIn(Strict):
    kind: Literal["company", "department"]
    name: str = Field(min_length=1, max_length=100)
    department_id: UUID | None = None


class SpacePatch(Strict):
    name: str = Field(min_length=1, max_length=100)


class FolderOut(Schema):
    id: UUID
    space_id: UUID
    parent_id: UUID | None
    name: str
    my_level: Level
    trashed_at: IsoDateTime | None


class FolderIn(Strict):
    space_id: UUID
    parent_id: UUID | None = Field(None, description="omit for the space's top level")
    name: str = Field(min_length=1, max_length=100)


class FolderPatch(Strict):
    name: str | None = Field(None, min_length=1, max_length=100)
    parent_id: UUID | None = Field(None, description="move under this folder of the same space")
    to_top: bool = Field(False, description="move to the space's top level")


class DocumentPersonOut(Schema):
    id: UUID
    display_name: str


class DocumentOut(Schema):
    id: UUID
    space_id: UUID
    folder_id: UUID | None
    title: str
    created_by: DocumentPersonOut
    created_at: IsoDateTime
    updated_at: IsoDateTime
    my_level: Level
    starred: bool
    content_size: int = Field(description="bytes of the stored Yjs state at the last snapshot")
    storage_problem: str = Field(description="set when part of the stored history could not be read")
    trashed_at: IsoDateTime | None


class DocumentIn(Strict):
    space_id: UUID
    folder_id: UUID | None = None
    title: str = Field(min_length=1, max_length=200)


class DocumentPatch(Strict):
    title: str | None = Field(None, min_length=1, max_length=200)
    folder_id: UUID | None = Field(None, description="move into this folder of the same space")
    to_top: bool = Field(False, description="move to the space's top level")


class BrowseFilter(Schema):
    folder_id: UUID | None = None


class Crumb(Schema):
    id: UUID
    name: str


class ItemsOut(Schema):
    space: SpaceOut
    folder: FolderOut | None
    path: list[Crumb] = Field(description="folders from the top down to the one shown")
    folders: list[FolderOut]
    documents: list[DocumentOut]


class TrashOut(Schema):
    documents: list[DocumentOut]
    folders: list[FolderOut]


class DocumentGrantFilter(Schema):
    target: Target
    target_id: UUID


class DocumentGrantIn(Strict):
    target: Target
    target_id: UUID
    principal: Principal
    principal_id: UUID | None = Field(None, description="the user, department or role; none for everyone")
    level: GrantLevel = Field(description="none takes away what is inherited from above")


class DocumentGrantOut(Schema):
    id: UUID
    target: Target
    target_id: UUID
    principal: Principal
    principal_id: UUID | None
    principal_name: str
    level: GrantLevel
    granted_at: IsoDateTime
