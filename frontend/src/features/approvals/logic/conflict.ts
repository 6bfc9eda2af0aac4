// Why an action came back 409: the task (or the approval) moved on before the action arrived, e.g.
// another approver of an any-one step was faster, or the submitter withdrew while we were offline.
import type { OutboxEntry } from "./outbox";

export interface NamedTranslator {
  t: (key: string, named?: Record<string, unknown>) => string;
  te: (key: string) => boolean;
}

export function conflictText(entry: OutboxEntry, { t, te }: NamedTranslator): string {
  const answer = entry.answer;
  if (!answer) return t("common.error.generic");
  const taskState = answer.state && te(`approvals.taskStatus.${answer.state}`) ? t(`approvals.taskStatus.${answer.state}`) : "";
  const instanceKey = `approvals.status.${answer.instanceStatus ?? answer.state ?? ""}`;
  const instanceState = te(instanceKey) ? t(instanceKey) : "";
  if (answer.code === "task_not_pending" && taskState) {
    return instanceState
      ? t("approvals.outbox.taskMovedOn", { state: taskState, instance: instanceState })
      : t("approvals.outbox.taskMovedOnShort", { state: taskState });
  }
  if (answer.code === "instance_finished" && instanceState) return t("approvals.outbox.instanceClosed", { instance: instanceState });
  return answer.detail || t("common.error.generic");
}
