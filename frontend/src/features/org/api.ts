// Calls to /api/v1/org/: the tree, positions, employee records, roles and grants, settings.
import { api, unwrap } from "@/api/client";
import type {
  Department,
  DepartmentCreate,
  DepartmentDetail,
  DepartmentPatch,
  Employee,
  EmployeeBulk,
  EmployeeCreate,
  EmployeePage,
  EmployeePatch,
  Grant,
  GrantCreate,
  OrgSettings,
  PermissionLabel,
  Position,
  Role,
  RoleCreate,
  RolePatch,
  Supervisors,
} from "@/api/types";

import { employeeQuery, type EmployeeFilters } from "./filters";

export const EMPLOYEES_PAGE_SIZE = 50;

// --- departments ---------------------------------------------------------------------------------
export function fetchDepartments(): Promise<Department[]> {
  return unwrap(api.GET("/api/v1/org/departments"));
}

export function createDepartment(body: DepartmentCreate): Promise<DepartmentDetail> {
  return unwrap(api.POST("/api/v1/org/departments", { body }));
}

export function updateDepartment(id: string, body: DepartmentPatch): Promise<DepartmentDetail> {
  return unwrap(api.PATCH("/api/v1/org/departments/{department_id}", { params: { path: { department_id: id } }, body }));
}

export function moveDepartment(id: string, parentId: string | null): Promise<DepartmentDetail> {
  return unwrap(
    api.POST("/api/v1/org/departments/{department_id}/move", {
      params: { path: { department_id: id } },
      body: { parent_id: parentId },
    }),
  );
}

export function setDepartmentHeads(id: string, employeeIds: string[]): Promise<DepartmentDetail> {
  return unwrap(
    api.PUT("/api/v1/org/departments/{department_id}/heads", {
      params: { path: { department_id: id } },
      body: { employee_ids: employeeIds },
    }),
  );
}

export function dissolveDepartment(id: string, moveMembersTo: string): Promise<unknown> {
  return unwrap(
    api.POST("/api/v1/org/departments/{department_id}/dissolve", {
      params: { path: { department_id: id } },
      body: { move_members_to: moveMembersTo },
    }),
  );
}

export function deleteDepartment(id: string): Promise<unknown> {
  return unwrap(api.DELETE("/api/v1/org/departments/{department_id}", { params: { path: { department_id: id } } }));
}

// --- positions -----------------------------------------------------------------------------------
export function fetchPositions(): Promise<Position[]> {
  return unwrap(api.GET("/api/v1/org/positions"));
}

// --- employees -----------------------------------------------------------------------------------
export function fetchEmployeesPage(filters: EmployeeFilters, cursor: string | null): Promise<EmployeePage> {
  return unwrap(api.GET("/api/v1/org/employees", { params: { query: employeeQuery(filters, cursor, EMPLOYEES_PAGE_SIZE) } }));
}

export function fetchEmployee(id: string): Promise<Employee> {
  return unwrap(api.GET("/api/v1/org/employees/{employee_id}", { params: { path: { employee_id: id } } }));
}

export function fetchSupervisors(id: string, levels = 5): Promise<Supervisors> {
  return unwrap(
    api.GET("/api/v1/org/employees/{employee_id}/supervisors", {
      params: { path: { employee_id: id }, query: { levels } },
    }),
  );
}

export function createEmployee(body: EmployeeCreate): Promise<Employee> {
  return unwrap(api.POST("/api/v1/org/employees", { body }));
}

export function updateEmployee(id: string, body: EmployeePatch): Promise<Employee> {
  return unwrap(api.PATCH("/api/v1/org/employees/{employee_id}", { params: { path: { employee_id: id } }, body }));
}

export function resignEmployee(id: string, resignedOn: string, successorId: string | null): Promise<Employee> {
  return unwrap(
    api.POST("/api/v1/org/employees/{employee_id}/resign", {
      params: { path: { employee_id: id } },
      body: { resigned_on: resignedOn, successor_id: successorId },
    }),
  );
}

export function bulkUpdateEmployees(body: EmployeeBulk): Promise<Employee[]> {
  return unwrap(api.POST("/api/v1/org/employees/bulk", { body }));
}

// --- roles and grants ----------------------------------------------------------------------------
export function fetchRoles(): Promise<Role[]> {
  return unwrap(api.GET("/api/v1/org/roles"));
}

export function fetchPermissionLabels(): Promise<PermissionLabel[]> {
  return unwrap(api.GET("/api/v1/org/permissions"));
}

export function createRole(body: RoleCreate): Promise<Role> {
  return unwrap(api.POST("/api/v1/org/roles", { body }));
}

export function updateRole(id: string, body: RolePatch): Promise<Role> {
  return unwrap(api.PATCH("/api/v1/org/roles/{role_id}", { params: { path: { role_id: id } }, body }));
}

export function deleteRole(id: string): Promise<unknown> {
  return unwrap(api.DELETE("/api/v1/org/roles/{role_id}", { params: { path: { role_id: id } } }));
}

export function fetchGrants(roleKey?: string): Promise<Grant[]> {
  return unwrap(api.GET("/api/v1/org/grants", { params: { query: { role: roleKey || undefined } } }));
}

export function createGrant(body: GrantCreate): Promise<Grant> {
  return unwrap(api.POST("/api/v1/org/grants", { body }));
}

export function revokeGrant(id: string): Promise<unknown> {
  return unwrap(api.DELETE("/api/v1/org/grants/{grant_id}", { params: { path: { grant_id: id } } }));
}

// --- settings ------------------------------------------------------------------------------------
export function fetchOrgSettings(): Promise<OrgSettings> {
  return unwrap(api.GET("/api/v1/org/settings"));
}

export function updateOrgSettings(body: OrgSettings): Promise<OrgSettings> {
  return unwrap(api.PATCH("/api/v1/org/settings", { body }));
}
