// The widget palette: every field type the server accepts, grouped as on the palette, and the field
// definition a widget becomes when it is dropped on the form.
import type { ColumnType, FieldType, FormField } from "./model";

export interface PaletteGroup {
  key: "basic" | "choice" | "time" | "org" | "files" | "advanced";
  types: FieldType[];
}

export const PALETTE: PaletteGroup[] = [
  { key: "basic", types: ["text", "textarea", "number", "money", "phone", "id_number", "description"] },
  { key: "choice", types: ["select", "multiselect"] },
  { key: "time", types: ["date", "datetime", "daterange"] },
  { key: "org", types: ["person", "department"] },
  { key: "files", types: ["attachment", "image", "location", "related"] },
  { key: "advanced", types: ["table", "formula", "serial"] },
];

export const PALETTE_ICONS: Record<FieldType, string> = {
  text: "edit",
  textarea: "notes-o",
  number: "balance-list-o",
  money: "gold-coin-o",
  select: "passed",
  multiselect: "completed",
  date: "calendar-o",
  datetime: "clock-o",
  daterange: "todo-list-o",
  person: "manager-o",
  department: "cluster-o",
  attachment: "description-o",
  image: "photo-o",
  table: "apps-o",
  formula: "chart-trending-o",
  serial: "orders-o",
  related: "link-o",
  location: "location-o",
  phone: "phone-o",
  id_number: "idcard",
  description: "info-o",
};

/** The types a detail-table column may have: no nested tables, nothing computed per form. */
export const COLUMN_TYPES: ColumnType[] = [
  "text",
  "textarea",
  "number",
  "money",
  "select",
  "multiselect",
  "date",
  "datetime",
  "person",
  "department",
  "attachment",
  "image",
  "phone",
  "id_number",
];

/** Field ids are what conditions and formulas name: lower-case, digits and _, starting with a letter. */
export const FIELD_ID_PATTERN = /^[a-z][a-z0-9_]{0,49}$/;

/** The first free id `<type>_<n>` (ids must be unique within the form, or within a table's columns). */
export function nextFieldId(type: FieldType, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n += 1) {
    const id = `${type}_${n}`;
    if (!used.has(id)) return id;
  }
}

/** Texts a new field needs, in the designer's language. */
export interface DefaultTexts {
  option: (index: number) => string;
  column: string;
}

/**
 * The definition a widget starts with: an id, the widget's name as label, and the options the server
 * requires for that type (choices for select fields, one column for a table, an expression for a
 * formula) so that a freshly dropped field is already valid.
 */
export function fieldFromWidget(
  type: FieldType,
  label: string,
  taken: Iterable<string>,
  texts: DefaultTexts,
): FormField {
  const field: FormField = { id: nextFieldId(type, taken), type, label };
  switch (type) {
    case "money":
      return { ...field, decimals: 2, currency: "CNY" };
    case "number":
      return { ...field, decimals: 0 };
    case "select":
    case "multiselect":
      return {
        ...field,
        options: [1, 2].map((n) => ({ value: `option_${n}`, label: texts.option(n) })),
      };
    case "daterange":
      return { ...field, unit: "day" };
    case "person":
    case "department":
      return { ...field, multiple: false };
    case "table":
      return { ...field, columns: [{ id: "text_1", type: "text", label: texts.column }], totals: [] };
    case "formula":
      return { ...field, expression: "0", decimals: 2 };
    case "serial":
      return { ...field, prefix: "", reset: "yearly", digits: 4 };
    default:
      return field;
  }
}

/** Kinds whose values a table column total can add up. */
export function summable(field: FormField): boolean {
  return field.type === "number" || field.type === "money";
}
