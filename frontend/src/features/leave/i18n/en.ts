// English texts of leave (the `leave` key of the app's messages).
// vue-i18n treats { } @ $ | as syntax: write {'@'} for a literal "@".
const leave = {
  title: "My leave",
  adminEntry: "Leave balances",
  quantity: "{amount} {unit}",
  unit: {
    day: "days",
    dayOne: "day",
    hour: "hours",
    hourOne: "hour",
  },
  kind: {
    grant: "Granted",
    use: "Used",
    expire: "Expired",
    adjust: "Adjusted",
    carry_over: "Carried over",
    reverse: "Given back",
  },
  balances: {
    title: "Balances",
    remaining: "Remaining",
    granted: "Granted {amount}",
    used: "Used {amount}",
    empty: "No types of leave are set up.",
    other: "Other leave",
    otherHint: "Taken this way, without a balance",
    usedValue: "Used {amount}",
    tapHint: "Tap a type of leave to see its history.",
  },
  history: {
    title: "History of {name}",
    empty: "Nothing has happened to this balance yet.",
    expires: "Expires {date}",
    close: "Close",
  },
  request: "Request leave",
  carryOver: {
    title: "Carry-over",
    hint: "When a grant expires, up to this much of what is left carries over, to be taken within the months set; the rest expires.",
    max: "Carry over at most ({unit})",
    months: "To be taken within (months)",
    saved: "Saved",
  },
  admin: {
    title: "Leave balances",
    intro: "Find a person to see their balances and adjust them.",
    search: "Find a person",
    pickTitle: "Whose leave?",
  },
  employee: {
    title: "Leave of {name}",
    fallbackTitle: "Leave balances",
    change: "Another person",
  },
  adjust: {
    title: "Adjust a balance",
    leaveType: "Type",
    direction: "Change",
    add: "Add",
    deduct: "Deduct",
    amount: "Amount",
    amountPlaceholder: "For example 2 or 0.5",
    reason: "Reason",
    reasonPlaceholder: "Why the balance changes (the person sees it)",
    submit: "Adjust",
    done: "Balance adjusted",
    noTracked: "No type of leave has a balance to adjust.",
    problems: {
      leaveType: "Choose the type of leave.",
      amount: "Enter an amount above 0 and at most 365, with at most two decimals.",
      reason: "Give the reason.",
      reasonTooLong: "The reason has at most 200 characters.",
    },
  },
  errors: {
    not_an_employee: "Leave balances are for employees.",
    reason_required: "Give the reason for the adjustment.",
    invalid_amount: "Adjust by an amount other than 0, of at most 365.",
    invalid_leave_type: "Only types of leave with a balance can be adjusted.",
    employee_not_found: "This employee does not exist (any more).",
  },
};

export type LeaveMessages = typeof leave;
export default leave;
