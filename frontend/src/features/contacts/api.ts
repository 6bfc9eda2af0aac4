// The colleague directory.
import { api, unwrap } from "@/api/client";
import type { DirectoryPage } from "@/api/types";

export const DIRECTORY_PAGE_SIZE = 30;

export function fetchDirectoryPage(query: string, cursor: string | null): Promise<DirectoryPage> {
  return unwrap(
    api.GET("/api/v1/directory/users", {
      params: { query: { q: query || undefined, cursor: cursor ?? undefined, limit: DIRECTORY_PAGE_SIZE } },
    }),
  );
}
