// Names for the approval API's shapes (from the generated schema) and for the form definitions that
// the server keeps as free JSON (`form.fields`), typed here as forms.py defines them.
import type { paths } from "@/api/schema";
import type { Json } from "@/api/types";

export type TemplateSummary = Json<paths["/api/v1/approvals/available"]["get"]["responses"][200]>[number];
export type SubmissionForm = Json<paths["/api/v1/approvals/available/{template_id}"]["get"]["responses"][200]>;
export type PreviewStep = Json<paths["/api/v1/approvals/available/{template_id}/preview"]["post"]["responses"][200]>[number];
export type Instance = Json<paths["/api/v1/approvals/instances/{instance_id}"]["get"]["responses"][200]>;
export type InboxPage = Json<paths["/api/v1/approvals/inbox/pending"]["get"]["responses"][200]>;
export type InboxItem = InboxPage["items"][number];
export type InboxFilter = NonNullable<paths["/api/v1/approvals/inbox/pending"]["get"]["parameters"]["query"]>;
export type InboxCounts = Json<paths["/api/v1/approvals/inbox/counts"]["get"]["responses"][200]>;
export type Task = Instance["tasks"][number];
export type TimelineEvent = Instance["timeline"][number];
export type MyActions = Instance["actions"];
export type InstanceStatus = Instance["status"];
export type Attachment = Json<paths["/api/v1/approvals/attachments"]["post"]["responses"][201]>;
export type BatchResult = Json<paths["/api/v1/approvals/tasks/batch-approve"]["post"]["responses"][200]>;
export type PersonRef = { id: string; name: string };

/** The actions that open a sheet on the approval page (urge and resubmit do not). */
export type DialogAction = "approve" | "reject" | "return" | "transfer" | "add_sign" | "comment" | "cc" | "withdraw" | "terminate";

export type Box = "pending" | "done" | "cc" | "submitted";
export const BOXES: readonly Box[] = ["pending", "done", "cc", "submitted"];

export type FieldType =
  | "text"
  | "textarea"
  | "number"
  | "money"
  | "select"
  | "multiselect"
  | "date"
  | "datetime"
  | "daterange"
  | "person"
  | "department"
  | "attachment"
  | "image"
  | "table"
  | "formula"
  | "serial"
  | "related"
  | "location"
  | "phone"
  | "id_number"
  | "description";

export interface FieldOption {
  value: string;
  label: string;
}

/** One widget of a form definition (forms.py): the options each type understands. */
export interface FieldSpec {
  id: string;
  type: FieldType;
  label: string;
  required?: boolean;
  help?: string;
  placeholder?: string;
  options?: FieldOption[];
  columns?: FieldSpec[];
  totals?: string[];
  min_rows?: number;
  max_rows?: number;
  expression?: string;
  decimals?: number;
  currency?: string;
  unit?: "day" | "half_day" | "hour";
  multiple?: boolean;
  max_items?: number;
  min?: number;
  max?: number;
  min_length?: number;
  max_length?: number;
  pattern?: string;
  pattern_message?: string;
  visible_if?: string;
  prefix?: string;
  text?: string;
}

export type FieldPermission = "hidden" | "read" | "edit";
export type FormValues = Record<string, unknown>;
export type TableRow = Record<string, unknown>;

/** The halves of a day in a half-day range: 上午 and 下午. */
export type DayHalf = "am" | "pm";

export interface DateRangeValue {
  start: string;
  end: string;
  /** Half-day ranges only: which half of the start day it begins with, and of the end day it ends with. */
  start_half?: DayHalf;
  end_half?: DayHalf;
  duration?: number;
}

export interface LocationValue {
  lat: number;
  lng: number;
  address?: string;
}

export function fieldsOf(form: { fields?: unknown } | Record<string, unknown>): FieldSpec[] {
  const fields = (form as { fields?: unknown }).fields;
  return Array.isArray(fields) ? (fields as FieldSpec[]) : [];
}
