// Shapes of /api/v1/leave/, from the generated schema.
import type { components } from "@/api/schema";

type Schemas = components["schemas"];

export type LeaveType = Schemas["LeaveTypeOut"];
export type LeaveUnit = LeaveType["unit"];
export type Balance = Schemas["BalanceOut"];
export type Entry = Schemas["EntryOut"];
export type EntryKind = Entry["kind"];
export type EntryPage = Schemas["PagedEntryOut"];
export type Adjustment = Schemas["AdjustmentIn"];
export type LeaveTypePatch = Schemas["LeaveTypePatch"];
