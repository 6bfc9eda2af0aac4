// Names for the attendance shapes, taken from the generated paths (see src/api/types.ts).
import type { components, paths } from "@/api/schema";
import type { Json } from "@/api/types";

type Body<Op> = Op extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

export type Today = Json<paths["/api/v1/attendance/me/today"]["get"]["responses"][200]>;
export type GroupPolicy = NonNullable<Today["group"]>;
export type FieldWorkPolicy = GroupPolicy["field_work"];
export type GroupKind = GroupPolicy["kind"];
export type Place = Today["places"][number];
export type Punch = Today["punches"][number];
export type ConsentPurpose = Today["consents"][number];
export type PunchPayload = components["schemas"]["PunchIn"];
export type PunchAnswer = components["schemas"]["PunchAnswer"];
export type BatchItem = components["schemas"]["BatchItemOut"];
export type Photo = components["schemas"]["PhotoOut"];

export type Group = Json<paths["/api/v1/attendance/groups/{group_id}"]["get"]["responses"][200]>;
export type GroupCreate = Body<paths["/api/v1/attendance/groups"]["post"]>;
export type GroupPatch = Body<paths["/api/v1/attendance/groups/{group_id}"]["patch"]>;
export type PlaceCreate = Body<paths["/api/v1/attendance/groups/{group_id}/places"]["post"]>;
export type WifiNetwork = Today["wifi_networks"][number];
export type WifiCreate = Body<paths["/api/v1/attendance/groups/{group_id}/wifi"]["post"]>;

export type Day = Json<paths["/api/v1/attendance/me/days"]["get"]["responses"][200]>[number];
export type DayStatus = Day["status"];
export type Slot = Day["slots"][number];
export type SlotResult = Slot["result"];

export type ClosedMonth = Json<paths["/api/v1/attendance/periods"]["get"]["responses"][200]>[number];

export type Shift = Json<paths["/api/v1/attendance/shifts"]["get"]["responses"][200]>[number];
export type Segment = Shift["segments"][number];
export type Rest = NonNullable<Shift["rest"]>;
export type ShiftCreate = Body<paths["/api/v1/attendance/shifts"]["post"]>;
export type ShiftPatch = Body<paths["/api/v1/attendance/shifts/{shift_id}"]["patch"]>;

export type MonthReportRow = Json<paths["/api/v1/attendance/reports/monthly"]["get"]["responses"][200]>[number];
export type DailyReportRow = Json<paths["/api/v1/attendance/reports/daily"]["get"]["responses"][200]>[number];
export type ReportSlot = DailyReportRow["slots"][number];
export type DepartmentReport = Json<paths["/api/v1/attendance/reports/departments"]["get"]["responses"][200]>;
export type DepartmentReportRow = DepartmentReport["total"];
export type SeriesDay = Json<paths["/api/v1/attendance/reports/daily-series"]["get"]["responses"][200]>[number];
export type OvertimeHours = MonthReportRow["overtime"];
export type Roster = Json<paths["/api/v1/attendance/groups/{group_id}/roster"]["get"]["responses"][200]>;
export type RosterShift = Roster["shifts"][number];
export type RosterMember = Roster["members"][number];
export type RosterCell = Body<paths["/api/v1/attendance/groups/{group_id}/roster"]["put"]>["cells"][number];
