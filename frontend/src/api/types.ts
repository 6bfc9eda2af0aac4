// Names for the shapes that the pages use, taken from the generated paths so that renaming a schema
// component on the server never breaks the front end; only a changed shape does.
import type { paths } from "./schema";

type Json<R> = R extends { content: { "application/json": infer T } } ? T : never;

export type Meta = Json<paths["/api/v1/meta"]["get"]["responses"][200]>;
export type Me = Json<paths["/api/v1/me"]["get"]["responses"][200]>;
export type MePatch = NonNullable<paths["/api/v1/me"]["patch"]["requestBody"]>["content"]["application/json"];
export type DirectoryPage = Json<paths["/api/v1/directory/users"]["get"]["responses"][200]>;
export type DirectoryUser = DirectoryPage["items"][number];
export type AuditPage = Json<paths["/api/v1/audit/events"]["get"]["responses"][200]>;
export type AuditEvent = AuditPage["items"][number];
export type AuditVerification = Json<paths["/api/v1/audit/verify"]["post"]["responses"][200]>;
export type SystemStatus = Json<paths["/api/v1/system/status"]["get"]["responses"][200]>;

/** Every cursor-paginated list answers with this shape. */
export interface CursorPage<T> {
  items: T[];
  next_cursor: string | null;
}
