// The workbench grid is assembled from entries that each feature registers in its index.ts.

export type WorkbenchCategory = "general" | "admin";

export interface WorkbenchEntry {
  key: string;
  /** i18n key of the label. */
  titleKey: string;
  /** A Vant icon name, or an image URL. */
  icon: string;
  /** A route path, or with `external` a URL served by the server (a full page load). */
  to: string;
  external?: boolean;
  /** Shown only to users whose `me.permissions` include this code. */
  permission?: string;
  /** Shown only to staff (Django admin access). */
  staffOnly?: boolean;
  category?: WorkbenchCategory;
}

export interface Viewer {
  permissions: readonly string[];
  is_staff: boolean;
}

const entries: WorkbenchEntry[] = [];

export function registerWorkbenchEntry(entry: WorkbenchEntry): void {
  if (entries.some((existing) => existing.key === entry.key)) {
    throw new Error(`workbench entry ${entry.key} is registered twice`);
  }
  entries.push(entry);
}

export function registeredWorkbenchEntries(): readonly WorkbenchEntry[] {
  return entries;
}

/** The entries this viewer may use, in registration order. Nobody signed in sees none. */
export function visibleEntries(all: readonly WorkbenchEntry[], viewer: Viewer | null): WorkbenchEntry[] {
  if (!viewer) return [];
  const granted = new Set(viewer.permissions);
  return all.filter(
    (entry) => (!entry.permission || granted.has(entry.permission)) && (!entry.staffOnly || viewer.is_staff),
  );
}

/** Groups entries by category, keeping the categories in a fixed order and dropping empty ones. */
export function groupEntries(
  visible: readonly WorkbenchEntry[],
): { category: WorkbenchCategory; entries: WorkbenchEntry[] }[] {
  const order: WorkbenchCategory[] = ["general", "admin"];
  return order
    .map((category) => ({
      category,
      entries: visible.filter((entry) => (entry.category ?? "general") === category),
    }))
    .filter((group) => group.entries.length > 0);
}
