// The employee form's model, and the request bodies made from it: everything for a new person,
// only what changed for an existing one (PATCH is partial; null clears the optional fields).
import type { Employee, EmployeeCreate, EmployeePatch } from "@/api/types";

import type { PickedPerson } from "./people";

export type Gender = "" | "female" | "male";
export type EditableStatus = "active" | "probation";

export interface EmployeeForm {
  name: string;
  employee_number: string;
  username: string;
  department_id: string | null;
  secondary_department_ids: string[];
  position_ids: string[];
  job_title: string;
  supervisor: PickedPerson | null;
  mobile: string;
  email: string;
  gender: Gender;
  hire_date: string | null;
  first_work_date: string | null;
  status: EditableStatus;
}

export function emptyForm(departmentId: string | null = null): EmployeeForm {
  return {
    name: "",
    employee_number: "",
    username: "",
    department_id: departmentId,
    secondary_department_ids: [],
    position_ids: [],
    job_title: "",
    supervisor: null,
    mobile: "",
    email: "",
    gender: "",
    hire_date: null,
    first_work_date: null,
    status: "active",
  };
}

function asGender(value: string): Gender {
  return value === "female" || value === "male" ? value : "";
}

export function formFromEmployee(employee: Employee): EmployeeForm {
  return {
    name: employee.name,
    employee_number: employee.employee_number,
    username: employee.username,
    department_id: employee.department.id,
    secondary_department_ids: employee.secondary_departments.map((d) => d.id),
    position_ids: employee.positions.map((p) => p.id),
    job_title: employee.job_title,
    supervisor: employee.supervisor ? { ...employee.supervisor } : null,
    mobile: employee.mobile ?? "",
    email: employee.email,
    gender: asGender(employee.gender),
    hire_date: employee.hire_date ?? null,
    first_work_date: employee.first_work_date ?? null,
    status: employee.status === "probation" ? "probation" : "active",
  };
}

export type FormProblem = "name" | "employee_number" | "department_id";

/** The fields a person must fill in before the form is sent. */
export function missingFields(form: EmployeeForm): FormProblem[] {
  const missing: FormProblem[] = [];
  if (!form.name.trim()) missing.push("name");
  if (!form.employee_number.trim()) missing.push("employee_number");
  if (!form.department_id) missing.push("department_id");
  return missing;
}

export function createBody(form: EmployeeForm): EmployeeCreate {
  if (!form.department_id) throw new Error("department is required");
  const body: EmployeeCreate = {
    name: form.name.trim(),
    employee_number: form.employee_number.trim(),
    department_id: form.department_id,
    job_title: form.job_title.trim(),
    position_ids: form.position_ids,
    secondary_department_ids: form.secondary_department_ids,
    email: form.email.trim(),
    gender: form.gender,
    status: form.status,
    mobile: form.mobile.trim() || null,
    hire_date: form.hire_date,
    first_work_date: form.first_work_date,
    supervisor_id: form.supervisor?.id ?? null,
  };
  if (form.username.trim()) body.username = form.username.trim();
  return body;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Only the fields that differ from the record; an empty object means "nothing to save". */
export function patchBody(original: Employee, form: EmployeeForm): EmployeePatch {
  const before = formFromEmployee(original);
  const patch: EmployeePatch = {};
  if (form.name.trim() !== before.name) patch.name = form.name.trim();
  if (form.employee_number.trim() !== before.employee_number) patch.employee_number = form.employee_number.trim();
  if (form.department_id && form.department_id !== before.department_id) patch.department_id = form.department_id;
  if (!sameSet(form.secondary_department_ids, before.secondary_department_ids)) {
    patch.secondary_department_ids = form.secondary_department_ids;
  }
  if (!sameSet(form.position_ids, before.position_ids)) patch.position_ids = form.position_ids;
  if (form.job_title.trim() !== before.job_title) patch.job_title = form.job_title.trim();
  if ((form.supervisor?.id ?? null) !== (before.supervisor?.id ?? null)) patch.supervisor_id = form.supervisor?.id ?? null;
  if (form.mobile.trim() !== before.mobile) patch.mobile = form.mobile.trim() || null;
  if (form.email.trim() !== before.email) patch.email = form.email.trim() || null;
  if (form.gender !== before.gender) patch.gender = form.gender;
  if (form.hire_date !== before.hire_date) patch.hire_date = form.hire_date;
  if (form.first_work_date !== before.first_work_date) patch.first_work_date = form.first_work_date;
  if (form.status !== before.status) patch.status = form.status;
  return patch;
}

/** Which form field a problem code belongs to, so that the message shows next to it. */
export function fieldForCode(code: string): keyof EmployeeForm | null {
  switch (code) {
    case "employee_number_taken":
    case "invalid_employee_number":
      return "employee_number";
    case "invalid_name":
      return "name";
    case "supervisor_cycle":
    case "invalid_supervisor":
      return "supervisor";
    case "department_not_found":
    case "outside_data_scope":
      return "department_id";
    default:
      return null;
  }
}
