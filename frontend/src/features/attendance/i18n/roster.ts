// Texts of the group kinds and the roster page (排班), loaded with the group and roster pages rather
// than with the app shell (the punch screen's first load stays small): `addRosterMessages` merges them
// into the app's messages when such a page is first opened.
// Both languages have the same keys (checked by roster.test.ts, as locales.test.ts does for the rest).
export const rosterEn = {
  attendance: {
    admin: {
      kind: "Kind",
      kinds: {
        fixed: "Fixed shift",
        roster: "Roster",
        free: "Free hours",
      },
      kindHint: {
        fixed: "Everyone works the group's shift on its workdays; holidays follow the calendar.",
        roster: "Each person's shift is planned day by day on the roster; the roster is the plan, holidays included.",
        free: "No shift: a workday with at least one punch counts as worked.",
      },
      rosterHint: "Plan who works which shift, a week at a time; copy a week or exchange a month as a spreadsheet.",
      editRoster: "Edit the roster",
    },
    roster: {
      title: "Roster",
      titleOf: "Roster · {name}",
      week: "Week",
      previous: "Previous week",
      next: "Next week",
      chooseMonth: "Go to a month",
      person: "Person",
      working: "Working",
      rest: "Rest day",
      restShort: "Rest",
      empty: "The group has no members yet",
      emptyHint: "Add departments or people to the group, then plan their shifts here.",
      notRoster: "This group is not a roster group: set its kind to Roster for this plan to count.",
      copyLastWeek: "Copy last week",
      copyConfirm: "Copy everyone's shifts of last week onto this week? This week's plan is replaced.",
      changed: "{count} cells changed",
      export: "Export {month}",
      import: "Import",
      importHint: "Export a month, fill in a shift's name or 休 for a rest day in each cell, then import the file. If any cell is wrong, nothing is saved.",
      fileName: "roster",
      problemsTitle: "Nothing was saved: {count} cells to correct",
      problems: {
        unknown_shift: "No shift is called “{value}”",
        not_a_member: "Not a member of this group",
        unknown_employee: "No employee has this number",
        employee_number_required: "Fill in the employee number",
        duplicate_employee: "This person appears twice",
        invalid_date: "Write the day as YYYY-MM-DD",
        duplicate_date: "This day appears twice",
      },
    },
    errors: {
      not_a_roster_group: "This group is not a roster group.",
      invalid_roster: "Some cells cannot be saved; nothing was.",
      too_many_cells: "Too many cells at once.",
      not_a_monday: "Weeks start on a Monday.",
      same_week: "Copy a week onto another week.",
      not_a_roster: "This is not a roster spreadsheet: export one and fill it in.",
    },
  },
};

export const rosterZhCN: typeof rosterEn = {
  attendance: {
    admin: {
      kind: "考勤类型",
      kinds: {
        fixed: "固定班制",
        roster: "排班制",
        free: "自由工时",
      },
      kindHint: {
        fixed: "所有成员在工作日上同一个班次，节假日按日历休息。",
        roster: "按天为每个人排班；以排班为准，节假日也不例外。",
        free: "不设班次：工作日只要打过一次卡即算出勤。",
      },
      rosterHint: "按周为每个人安排班次；可复制一周，或按月导出、导入 Excel。",
      editRoster: "编辑排班",
    },
    roster: {
      title: "排班",
      titleOf: "排班 · {name}",
      week: "周",
      previous: "上一周",
      next: "下一周",
      chooseMonth: "跳到某月",
      person: "成员",
      working: "上班人数",
      rest: "休息",
      restShort: "休",
      empty: "考勤组还没有成员",
      emptyHint: "先为考勤组添加部门或人员，再在这里排班。",
      notRoster: "此考勤组不是排班制：将考勤类型设为排班制后，排班才生效。",
      copyLastWeek: "复制上周",
      copyConfirm: "把上周每个人的班次复制到本周？本周已有的排班将被替换。",
      changed: "已修改 {count} 个格子",
      export: "导出 {month}",
      import: "导入",
      importHint: "导出一个月的排班表，在每个格子里填写班次名称，休息填“休”，再导入。只要有一个格子有误，就什么都不保存。",
      fileName: "排班",
      problemsTitle: "未保存：有 {count} 处需要更正",
      problems: {
        unknown_shift: "没有名为“{value}”的班次",
        not_a_member: "不是本考勤组的成员",
        unknown_employee: "没有这个工号的员工",
        employee_number_required: "请填写工号",
        duplicate_employee: "此人出现了两次",
        invalid_date: "日期请写成 YYYY-MM-DD",
        duplicate_date: "这一天出现了两次",
      },
    },
    errors: {
      not_a_roster_group: "此考勤组不是排班制。",
      invalid_roster: "部分格子无法保存，全部未保存。",
      too_many_cells: "一次修改的格子太多。",
      not_a_monday: "每周从周一开始。",
      same_week: "请复制到另一周。",
      not_a_roster: "这不是排班表：请先导出，再填写。",
    },
  },
};

const rosterMessages = { en: rosterEn, "zh-CN": rosterZhCN };
export default rosterMessages;

let merged = false;

/** Adds these texts to the app's messages (once). */
export function addRosterMessages(target: { mergeLocaleMessage: (locale: "en" | "zh-CN", message: never) => void }): void {
  if (merged) return;
  merged = true;
  target.mergeLocaleMessage("en", rosterEn as never);
  target.mergeLocaleMessage("zh-CN", rosterZhCN as never);
}
