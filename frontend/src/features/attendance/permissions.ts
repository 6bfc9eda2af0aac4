// The permission code that opens the attendance group administration.
export const GROUP_MANAGE_PERMISSION = "attendance.group.manage";
