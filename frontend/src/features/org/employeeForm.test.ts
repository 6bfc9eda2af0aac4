import { describe, expect, it } from "vitest";

import type { Employee } from "@/api/types";

import { createBody, emptyForm, fieldForCode, formFromEmployee, missingFields, patchBody } from "./employeeForm";

const lina: Employee = {
  id: "e-lina",
  user_id: "u-lina",
  employee_number: "E0105",
  name: "李娜",
  name_pinyin: "lina",
  username: "lina",
  mobile: "+8613800000004",
  email: "lina@demo.officium.local",
  gender: "",
  hire_date: "2016-01-27",
  first_work_date: null,
  status: "active",
  resigned_on: null,
  department: { id: "fe", name: "前端组" },
  secondary_departments: [{ id: "ux", name: "设计组" }],
  positions: [{ id: "staff", name: "职员" }],
  job_title: "前端工程师",
  supervisor: null,
  effective_supervisor: { id: "e-ding", name: "丁杰", job_title: "组长" },
};

describe("the employee form", () => {
  it("asks for name, number and department", () => {
    expect(missingFields(emptyForm())).toEqual(["name", "employee_number", "department_id"]);
    expect(missingFields({ ...emptyForm("fe"), name: " 王五 ", employee_number: "E9001" })).toEqual([]);
  });

  it("creates with trimmed values and nulls for empty optional fields", () => {
    const form = { ...emptyForm("fe"), name: " 欧阳明 ", employee_number: " E9001 ", job_title: " 前端工程师 " };
    expect(createBody(form)).toEqual({
      name: "欧阳明",
      employee_number: "E9001",
      department_id: "fe",
      job_title: "前端工程师",
      position_ids: [],
      secondary_department_ids: [],
      email: "",
      gender: "",
      status: "active",
      mobile: null,
      hire_date: null,
      first_work_date: null,
      supervisor_id: null,
    });
    expect(createBody({ ...form, username: " oym " }).username).toBe("oym");
  });

  it("patches nothing when nothing changed", () => {
    expect(patchBody(lina, formFromEmployee(lina))).toEqual({});
  });

  it("patches only what changed, clearing with null", () => {
    const form = formFromEmployee(lina);
    form.mobile = "";
    form.hire_date = null;
    form.supervisor = { id: "e-zw", name: "张伟" };
    form.position_ids = ["staff", "eng"];
    form.secondary_department_ids = [];
    form.status = "probation";
    expect(patchBody(lina, form)).toEqual({
      mobile: null,
      hire_date: null,
      supervisor_id: "e-zw",
      position_ids: ["staff", "eng"],
      secondary_department_ids: [],
      status: "probation",
    });
  });

  it("does not see a reordered list of positions as a change", () => {
    const record = { ...lina, positions: [{ id: "a", name: "A" }, { id: "b", name: "B" }] };
    const form = formFromEmployee(record);
    form.position_ids = ["b", "a"];
    expect(patchBody(record, form)).toEqual({});
  });

  it("puts conflicts next to the field they concern", () => {
    expect(fieldForCode("employee_number_taken")).toBe("employee_number");
    expect(fieldForCode("supervisor_cycle")).toBe("supervisor");
    expect(fieldForCode("account_exists")).toBeNull();
  });
});
