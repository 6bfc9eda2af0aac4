// Names for the shapes that the pages use, taken from the generated paths so that renaming a schema
// component on the server never breaks the front end; only a changed shape does.
import type { paths } from "./schema";

/** The JSON body of a generated response or request body type. */
export type Json<R> = R extends { content: { "application/json": infer T } } ? T : never;
type Body<Op> = Op extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

export type Meta = Json<paths["/api/v1/meta"]["get"]["responses"][200]>;
export type Me = Json<paths["/api/v1/me"]["get"]["responses"][200]>;
export type MePatch = NonNullable<paths["/api/v1/me"]["patch"]["requestBody"]>["content"]["application/json"];
export type AuditPage = Json<paths["/api/v1/audit/events"]["get"]["responses"][200]>;
export type AuditEvent = AuditPage["items"][number];
export type AuditVerification = Json<paths["/api/v1/audit/verify"]["post"]["responses"][200]>;
export type SystemStatus = Json<paths["/api/v1/system/status"]["get"]["responses"][200]>;

// Contacts (通讯录): what every colleague may see of another.
export type ContactPage = Json<paths["/api/v1/contacts"]["get"]["responses"][200]>;
export type Contact = ContactPage["items"][number];
export type ContactDetail = Json<paths["/api/v1/contacts/{employee_id}"]["get"]["responses"][200]>;

// The organisation.
export type Department = Json<paths["/api/v1/org/departments"]["get"]["responses"][200]>[number];
export type DepartmentDetail = Json<paths["/api/v1/org/departments/{department_id}"]["get"]["responses"][200]>;
export type DepartmentCreate = Body<paths["/api/v1/org/departments"]["post"]>;
export type DepartmentPatch = Body<paths["/api/v1/org/departments/{department_id}"]["patch"]>;
export type Position = Json<paths["/api/v1/org/positions"]["get"]["responses"][200]>[number];
export type EmployeePage = Json<paths["/api/v1/org/employees"]["get"]["responses"][200]>;
export type Employee = EmployeePage["items"][number];
export type EmployeeListQuery = NonNullable<paths["/api/v1/org/employees"]["get"]["parameters"]["query"]>;
export type EmployeeCreate = Body<paths["/api/v1/org/employees"]["post"]>;
export type EmployeePatch = Body<paths["/api/v1/org/employees/{employee_id}"]["patch"]>;
export type EmployeeBulk = Body<paths["/api/v1/org/employees/bulk"]["post"]>;
export type Supervisors = Json<paths["/api/v1/org/employees/{employee_id}/supervisors"]["get"]["responses"][200]>;
export type PersonRef = Supervisors["employee"];
export type Role = Json<paths["/api/v1/org/roles"]["get"]["responses"][200]>[number];
export type RoleCreate = Body<paths["/api/v1/org/roles"]["post"]>;
export type RolePatch = Body<paths["/api/v1/org/roles/{role_id}"]["patch"]>;
export type PermissionLabel = Json<paths["/api/v1/org/permissions"]["get"]["responses"][200]>[number];
export type Grant = Json<paths["/api/v1/org/grants"]["get"]["responses"][200]>[number];
export type GrantCreate = Body<paths["/api/v1/org/grants"]["post"]>;
export type GrantScope = NonNullable<GrantCreate["scope"]>;
export type OrgSettings = Json<paths["/api/v1/org/settings"]["get"]["responses"][200]>;
export type OrgImport = Json<paths["/api/v1/org/imports/employees/{import_id}"]["get"]["responses"][200]>;
export type ImportKind = OrgImport["kind"];

/** Every cursor-paginated list answers with this shape. */
export interface CursorPage<T> {
  items: T[];
  next_cursor: string | null;
}

// Operations: backups made and restores (or drills) run.
export type BackupPage = Json<paths["/api/v1/ops/backups"]["get"]["responses"][200]>;
export type BackupRecord = BackupPage["items"][number];
export type RestorePage = Json<paths["/api/v1/ops/restores"]["get"]["responses"][200]>;
export type RestoreRecord = RestorePage["items"][number];
