// The roster page's and the group kinds' texts in English (see roster.ts).
const rosterEn = {
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

export default rosterEn;
