// One line that says whom an approver source names ("张伟、李娜", "2nd-level supervisor", …).
import { useI18n } from "vue-i18n";

import { useDepartmentsStore } from "@/features/org/store";

import type { ApproverSource, FormField } from "../model";
import { employeeName, positionName, roleName } from "../names";

export function useSourceText() {
  const { t } = useI18n();
  const departments = useDepartmentsStore();

  function fieldLabel(fields: readonly FormField[], path: string): string {
    const [head, column] = path.split(".");
    const field = fields.find((item) => item.id === head);
    const sub = column ? field?.columns?.find((item) => item.id === column) : undefined;
    return [field?.label ?? head, sub?.label ?? column].filter(Boolean).join(" · ");
  }

  function departmentText(source: ApproverSource, fields: readonly FormField[]): string {
    const target = source.department ?? "submitter";
    if (target === "submitter") return t("approvalDesigner.source.ofSubmitter");
    if (target.startsWith("field:")) return fieldLabel(fields, target.slice("field:".length));
    return departments.byId(target)?.name ?? target;
  }

  return function sourceText(source: ApproverSource, fields: readonly FormField[], nodeNames: Map<string, string>): string {
    switch (source.type) {
      case "members":
        return (source.employees ?? []).map(employeeName).join("、") || t("approvalDesigner.source.nobodyYet");
      case "role":
        return t("approvalDesigner.source.text.role", { name: source.role ? roleName(source.role) : "?" });
      case "position":
        return t("approvalDesigner.source.text.position", { name: source.position ? positionName(source.position) : "?" });
      case "supervisor":
        return t(source.from === "top" ? "approvalDesigner.source.text.supervisorTop" : "approvalDesigner.source.text.supervisor", {
          level: source.level ?? 1,
        });
      case "continuous_supervisors":
        return source.up_to_role
          ? t("approvalDesigner.source.text.continuousRole", { name: roleName(source.up_to_role) })
          : t("approvalDesigner.source.text.continuousLevel", { level: source.up_to_level ?? 1 });
      case "department_head":
        return t("approvalDesigner.source.text.departmentHead", { department: departmentText(source, fields) });
      case "submitter_selected":
        return t(source.multiple === false ? "approvalDesigner.source.text.selectedOne" : "approvalDesigner.source.text.selectedMany");
      case "form_field":
        return t("approvalDesigner.source.text.formField", { field: fieldLabel(fields, source.field ?? "") });
      case "submitter":
        return t("approvalDesigner.source.types.submitter");
      case "previous_approver":
        return t("approvalDesigner.source.text.previous", { node: nodeNames.get(source.node ?? "") ?? source.node ?? "?" });
    }
  };
}
