// The permission codes the organisation's pages ask for (from the API's x-permission).
export const DEPARTMENT_MANAGE_PERMISSION = "org.department.manage";
export const EMPLOYEE_VIEW_PERMISSION = "org.employee.view";
export const EMPLOYEE_MANAGE_PERMISSION = "org.employee.manage";
export const ROLE_MANAGE_PERMISSION = "org.role.manage";
export const SETTINGS_MANAGE_PERMISSION = "org.settings.manage";
