// Calls to /api/v1/documents/: spaces, folders, documents, the trash, stars and sharing.
import { api, unwrap } from "@/api/client";

import type { DocumentItem, DocumentPage, Folder, Grant, GrantIn, Items, ListKind, Space, Trash } from "./types";

export const PAGE_SIZE = 30;

export function fetchSpaces(): Promise<Space[]> {
  return unwrap(api.GET("/api/v1/documents/spaces"));
}

export function fetchItems(spaceId: string, folderId: string | null): Promise<Items> {
  return unwrap(
    api.GET("/api/v1/documents/spaces/{space_id}/items", {
      params: { path: { space_id: spaceId }, query: { folder_id: folderId ?? undefined } },
    }),
  );
}

export function fetchList(kind: ListKind, cursor: string | null): Promise<DocumentPage> {
  const query = { query: { cursor: cursor ?? undefined, limit: PAGE_SIZE } };
  if (kind === "recent") return unwrap(api.GET("/api/v1/documents/recent", { params: query }));
  if (kind === "starred") return unwrap(api.GET("/api/v1/documents/starred", { params: query }));
  if (kind === "shared") return unwrap(api.GET("/api/v1/documents/shared", { params: query }));
  return unwrap(api.GET("/api/v1/documents/mine", { params: query }));
}

export function fetchTrash(): Promise<Trash> {
  return unwrap(api.GET("/api/v1/documents/trash"));
}

export function fetchDocument(documentId: string): Promise<DocumentItem> {
  return unwrap(api.GET("/api/v1/documents/{document_id}", { params: { path: { document_id: documentId } } }));
}

export function createDocument(spaceId: string, folderId: string | null, title: string): Promise<DocumentItem> {
  return unwrap(api.POST("/api/v1/documents", { body: { space_id: spaceId, folder_id: folderId, title } }));
}

export function createFolder(spaceId: string, parentId: string | null, name: string): Promise<Folder> {
  return unwrap(api.POST("/api/v1/documents/folders", { body: { space_id: spaceId, parent_id: parentId, name } }));
}

export function renameDocument(documentId: string, title: string): Promise<DocumentItem> {
  return unwrap(
    api.PATCH("/api/v1/documents/{document_id}", { params: { path: { document_id: documentId } }, body: { title, to_top: false } }),
  );
}

export function renameFolder(folderId: string, name: string): Promise<Folder> {
  return unwrap(
    api.PATCH("/api/v1/documents/folders/{folder_id}", { params: { path: { folder_id: folderId } }, body: { name, to_top: false } }),
  );
}

export function trashDocument(documentId: string): Promise<unknown> {
  return unwrap(api.DELETE("/api/v1/documents/{document_id}", { params: { path: { document_id: documentId } } }));
}

export function trashFolder(folderId: string): Promise<unknown> {
  return unwrap(api.DELETE("/api/v1/documents/folders/{folder_id}", { params: { path: { folder_id: folderId } } }));
}

export function restoreDocument(documentId: string): Promise<DocumentItem> {
  return unwrap(
    api.POST("/api/v1/documents/{document_id}/restore", { params: { path: { document_id: documentId } } }),
  );
}

export function restoreFolder(folderId: string): Promise<Folder> {
  return unwrap(
    api.POST("/api/v1/documents/folders/{folder_id}/restore", { params: { path: { folder_id: folderId } } }),
  );
}

export function purgeDocument(documentId: string): Promise<unknown> {
  return unwrap(
    api.DELETE("/api/v1/documents/{document_id}/purge", { params: { path: { document_id: documentId } } }),
  );
}

export function purgeFolder(folderId: string): Promise<unknown> {
  return unwrap(
    api.DELETE("/api/v1/documents/folders/{folder_id}/purge", { params: { path: { folder_id: folderId } } }),
  );
}

export function setStar(documentId: string, starred: boolean): Promise<unknown> {
  const options = { params: { path: { document_id: documentId } } };
  return unwrap(
    starred
      ? api.PUT("/api/v1/documents/{document_id}/star", options)
      : api.DELETE("/api/v1/documents/{document_id}/star", options),
  );
}

export function fetchGrants(target: GrantIn["target"], targetId: string): Promise<Grant[]> {
  return unwrap(api.GET("/api/v1/documents/grants", { params: { query: { target, target_id: targetId } } }));
}

export function setGrant(body: GrantIn): Promise<Grant> {
  return unwrap(api.POST("/api/v1/documents/grants", { body }));
}

export function deleteGrant(grantId: string): Promise<unknown> {
  return unwrap(api.DELETE("/api/v1/documents/grants/{grant_id}", { params: { path: { grant_id: grantId } } }));
}
