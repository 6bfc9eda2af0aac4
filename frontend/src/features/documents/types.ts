// Shapes of /api/v1/documents/, from the generated schema.
import type { components } from "@/api/schema";

type Schemas = components["schemas"];

export type Space = Schemas["SpaceOut"];
export type Folder = Schemas["FolderOut"];
export type DocumentItem = Schemas["DocumentOut"];
export type Items = Schemas["ItemsOut"];
export type Trash = Schemas["TrashOut"];
export type Grant = Schemas["DocumentGrantOut"];
export type GrantIn = Schemas["DocumentGrantIn"];
export type Level = DocumentItem["my_level"];
export type DocumentPage = Schemas["PagedDocumentOut"];
export type ListKind = "recent" | "starred" | "shared" | "mine";
