// The permission code that opens the attendance group administration.
export const GROUP_MANAGE_PERMISSION = "attendance.group.manage";
// The permission code that closes and reopens months of attendance (月结).
export const PERIOD_LOCK_PERMISSION = "attendance.period.lock";
// The permission code that opens the attendance reports (in the viewer's data scope).
export const REPORT_VIEW_PERMISSION = "attendance.report.view";
