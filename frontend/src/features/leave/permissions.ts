// The permission code that shows and adjusts other people's leave balances (HR).
export const BALANCE_MANAGE_PERMISSION = "leave.balance.manage";
