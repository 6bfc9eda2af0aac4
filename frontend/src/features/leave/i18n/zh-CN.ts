// 假期的中文文案（应用消息中的 `leave` 键），键须与 en.ts 完全一致。
import type { LeaveMessages } from "./en";

const leave: LeaveMessages = {
  title: "我的假期",
  adminEntry: "假期余额管理",
  quantity: "{amount} {unit}",
  unit: {
    day: "天",
    dayOne: "天",
    hour: "小时",
    hourOne: "小时",
  },
  kind: {
    grant: "发放",
    use: "使用",
    expire: "过期",
    adjust: "调整",
    carry_over: "结转",
    reverse: "撤销",
  },
  balances: {
    title: "假期余额",
    remaining: "剩余",
    granted: "累计发放 {amount}",
    used: "已用 {amount}",
    empty: "尚未设置假期类型。",
    other: "其他假期",
    otherHint: "按实际请假计算，没有余额",
    usedValue: "已用 {amount}",
    tapHint: "点按假期类型查看明细。",
  },
  history: {
    title: "{name}明细",
    empty: "该假期暂无变动记录。",
    expires: "{date} 过期",
    close: "关闭",
  },
  request: "请假",
  carryOver: {
    title: "结转规则",
    hint: "假期到期时，剩余部分最多结转这么多，须在设定的月数内休完；其余作废。",
    max: "最多结转（{unit}）",
    months: "结转后有效期（月）",
    saved: "已保存",
  },
  admin: {
    title: "假期余额管理",
    intro: "查找员工，查看并调整其假期余额。",
    search: "查找员工",
    pickTitle: "查看谁的假期？",
  },
  employee: {
    title: "{name}的假期",
    fallbackTitle: "假期余额",
    change: "换一位员工",
  },
  adjust: {
    title: "调整余额",
    leaveType: "假期类型",
    direction: "调整方式",
    add: "增加",
    deduct: "扣减",
    amount: "数量",
    amountPlaceholder: "例如 2 或 0.5",
    reason: "调整原因",
    reasonPlaceholder: "说明调整原因（员工可见）",
    submit: "确认调整",
    done: "余额已调整",
    noTracked: "没有可调整余额的假期类型。",
    problems: {
      leaveType: "请选择假期类型。",
      amount: "请输入大于 0、不超过 365 的数量，最多两位小数。",
      reason: "请填写调整原因。",
      reasonTooLong: "调整原因最多 200 个字。",
    },
  },
  errors: {
    not_an_employee: "只有员工才有假期余额。",
    reason_required: "请填写调整原因。",
    invalid_amount: "调整数量不能为 0，且不超过 365。",
    invalid_leave_type: "只能调整有余额的假期类型。",
    employee_not_found: "该员工不存在或已被删除。",
  },
};

export default leave;
