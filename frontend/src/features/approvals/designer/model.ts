// The shapes the designers edit: the draft's form, flow, settings and who may submit, as the server
// validates them (approvals/forms.py, flows.py, services/templates.py). The API types them as free
// dicts, so the designer owns these definitions.

export const FIELD_TYPES = [
  "text",
  "textarea",
  "number",
  "money",
  "select",
  "multiselect",
  "date",
  "datetime",
  "daterange",
  "person",
  "department",
  "attachment",
  "image",
  "table",
  "formula",
  "serial",
  "related",
  "location",
  "phone",
  "id_number",
  "description",
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Kinds a detail table's columns may have (a table never nests another one). */
export type ColumnType = Exclude<FieldType, "table">;

export interface ChoiceOption {
  value: string;
  label: string;
}

/** One condition row of the visual builder (stored next to the CEL it compiles to). */
export interface ConditionRule {
  subject: string; // a field id, or submitter.department / submitter.role / submitter.position
  op: string;
  value: string | string[];
}

export interface ConditionRules {
  join: "and" | "or";
  rules: ConditionRule[];
}

export interface FormField {
  id: string;
  type: FieldType;
  label: string;
  required?: boolean;
  help?: string;
  placeholder?: string;
  printable?: boolean;
  // text
  min_length?: number;
  max_length?: number;
  pattern?: string;
  pattern_message?: string;
  // number, money
  min?: number;
  max?: number;
  decimals?: number;
  currency?: string;
  // choices
  options?: ChoiceOption[];
  // references
  multiple?: boolean;
  max_items?: number;
  // daterange
  unit?: "day" | "half_day" | "hour";
  // table
  columns?: FormField[];
  totals?: string[];
  min_rows?: number;
  max_rows?: number;
  // formula
  expression?: string;
  // serial
  prefix?: string;
  reset?: "yearly" | "monthly" | "daily";
  digits?: number;
  // description
  text?: string;
  // display condition
  visible_if?: string;
  visible_if_rules?: ConditionRules;
}

export interface FormDefinition {
  fields: FormField[];
}

export const NODE_KINDS = ["approver", "handler", "cc", "condition", "parallel"] as const;
export type NodeKind = (typeof NODE_KINDS)[number];
export type TaskKind = "approver" | "handler";
export type GroupKind = "condition" | "parallel";

export const SOURCE_TYPES = [
  "members",
  "role",
  "position",
  "supervisor",
  "continuous_supervisors",
  "department_head",
  "submitter_selected",
  "form_field",
  "submitter",
  "previous_approver",
] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

export interface ApproverSource {
  type: SourceType;
  employees?: string[]; // members
  role?: string; // role key
  position?: string; // position code
  level?: number; // supervisor
  from?: "bottom" | "top"; // supervisor
  up_to_level?: number; // continuous_supervisors
  up_to_role?: string; // continuous_supervisors
  department?: string; // department_head: "submitter" | "field:<id>" | a department id
  required?: boolean; // submitter_selected
  multiple?: boolean; // submitter_selected
  field?: string; // form_field: "owner" or "items.owner"
  node?: string; // previous_approver
}

export const MODES = ["sequential", "all", "any", "ratio"] as const;
export type Mode = (typeof MODES)[number];
export const ON_EMPTY = ["auto_approve", "admin", "person"] as const;
export const ON_SELF = ["approve", "skip", "supervisor", "department_head"] as const;
export const TIMEOUT_THEN = ["none", "auto_approve", "auto_reject", "escalate"] as const;
export const FIELD_PERMISSIONS = ["hidden", "read", "edit"] as const;
export type FieldPermission = (typeof FIELD_PERMISSIONS)[number];
export const NODE_ACTIONS = ["transfer", "add_sign", "return"] as const;
export type NodeAction = (typeof NODE_ACTIONS)[number];

export interface TaskNode {
  id: string;
  type: TaskKind;
  name: string;
  approvers: ApproverSource[];
  mode?: Mode;
  ratio?: number;
  on_empty?: { action: (typeof ON_EMPTY)[number]; person?: string };
  on_self?: (typeof ON_SELF)[number];
  field_permissions?: Record<string, FieldPermission>;
  actions?: Partial<Record<NodeAction, boolean>>;
  signature_required?: boolean;
  timeout?: { hours: number; then: (typeof TIMEOUT_THEN)[number]; remind_every_hours?: number };
}

export interface CcNode {
  id: string;
  type: "cc";
  name: string;
  recipients: ApproverSource[];
}

export interface Branch {
  id: string;
  name: string;
  default?: boolean;
  condition?: string;
  condition_rules?: ConditionRules;
  nodes: FlowNode[];
}

export interface GroupNode {
  id: string;
  type: GroupKind;
  name: string;
  branches: Branch[];
}

export type FlowNode = TaskNode | CcNode | GroupNode;

export interface FlowDefinition {
  nodes: FlowNode[];
  start?: { field_permissions?: Record<string, FieldPermission> };
}

export interface TemplateSettings {
  reject: "end" | "to_submitter";
  dedup: "none" | "any_earlier" | "consecutive";
  comment_required_on_reject: boolean;
  withdraw_window_hours: number;
  title: string;
}

export const DEFAULT_SETTINGS: TemplateSettings = {
  reject: "end",
  dedup: "none",
  comment_required_on_reject: false,
  withdraw_window_hours: 0,
  title: "",
};

export interface Submitters {
  everyone?: boolean;
  departments?: string[];
  roles?: string[];
  employees?: string[];
}

export interface Draft {
  form: FormDefinition;
  flow: FlowDefinition;
  settings: TemplateSettings;
}

export function isGroup(node: FlowNode): node is GroupNode {
  return node.type === "condition" || node.type === "parallel";
}

export function isTaskNode(node: FlowNode): node is TaskNode {
  return node.type === "approver" || node.type === "handler";
}

/** A draft as the server returned it (any dict), with the missing parts filled in. */
export function normaliseDraft(raw: Record<string, unknown> | null | undefined): Draft {
  const form = (raw?.form ?? {}) as Partial<FormDefinition>;
  const flow = (raw?.flow ?? {}) as Partial<FlowDefinition>;
  const settings = (raw?.settings ?? {}) as Partial<TemplateSettings>;
  return {
    form: { ...form, fields: Array.isArray(form.fields) ? form.fields : [] },
    flow: { ...flow, nodes: Array.isArray(flow.nodes) ? flow.nodes : [] },
    settings: { ...DEFAULT_SETTINGS, ...settings },
  };
}
