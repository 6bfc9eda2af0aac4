// Calls to /api/v1/leave/: my balances and their history, and HR's view and adjustments of anyone's.
import { api, unwrap } from "@/api/client";

import type { Adjustment, Balance, Entry, EntryPage, LeaveType, LeaveTypePatch } from "./types";

export const ENTRIES_PAGE_SIZE = 30;

export function fetchLeaveTypes(): Promise<LeaveType[]> {
  return unwrap(api.GET("/api/v1/leave/types"));
}

/** HR: how much of an expiring grant of this type carries over (结转), and for how long. */
export function updateLeaveType(code: string, body: LeaveTypePatch): Promise<LeaveType> {
  return unwrap(api.PATCH("/api/v1/leave/types/{code}", { params: { path: { code } }, body }));
}

export function fetchMyBalances(): Promise<Balance[]> {
  return unwrap(api.GET("/api/v1/leave/me/balances"));
}

/** My history of one type of leave, newest first, a page at a time. */
export function fetchMyEntries(leaveType: string, cursor: string | null): Promise<EntryPage> {
  return unwrap(
    api.GET("/api/v1/leave/me/entries", {
      params: { query: { leave_type: leaveType, cursor: cursor ?? undefined, limit: ENTRIES_PAGE_SIZE } },
    }),
  );
}

export function fetchEmployeeBalances(employeeId: string): Promise<Balance[]> {
  return unwrap(
    api.GET("/api/v1/leave/employees/{employee_id}/balances", { params: { path: { employee_id: employeeId } } }),
  );
}

/** HR: an employee's history of one type of leave (a leaver's settlement included), a page at a time. */
export function fetchEmployeeEntries(employeeId: string, leaveType: string, cursor: string | null): Promise<EntryPage> {
  return unwrap(
    api.GET("/api/v1/leave/employees/{employee_id}/entries", {
      params: {
        path: { employee_id: employeeId },
        query: { leave_type: leaveType, cursor: cursor ?? undefined, limit: ENTRIES_PAGE_SIZE },
      },
    }),
  );
}

export function adjustBalance(employeeId: string, body: Adjustment): Promise<Entry> {
  return unwrap(
    api.POST("/api/v1/leave/employees/{employee_id}/adjustments", {
      params: { path: { employee_id: employeeId } },
      body,
    }),
  );
}
