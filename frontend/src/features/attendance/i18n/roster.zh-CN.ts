// The roster page's and the group kinds' texts in Chinese (see roster.ts).
import type rosterEn from "./roster.en";

const rosterZhCN: typeof rosterEn = {
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

export default rosterZhCN;
