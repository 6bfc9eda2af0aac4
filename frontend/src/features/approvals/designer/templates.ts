// How the template list groups and labels templates.
import type { Template } from "./api";

export interface TemplateGroup {
  category: string;
  templates: Template[];
}

/** Categories in alphabetical order, the uncategorised last; templates by name within each. */
export function groupByCategory(templates: readonly Template[]): TemplateGroup[] {
  const byCategory = new Map<string, Template[]>();
  for (const template of templates) {
    const key = template.category.trim();
    byCategory.set(key, [...(byCategory.get(key) ?? []), template]);
  }
  const names = [...byCategory.keys()].sort((a, b) => {
    if (!a || !b) return a ? -1 : b ? 1 : 0;
    return a.localeCompare(b, "zh-CN");
  });
  return names.map((category) => ({
    category,
    templates: [...byCategory.get(category)!].sort((a, b) => a.name.localeCompare(b.name, "zh-CN")),
  }));
}

export interface StatusTag {
  key: "draft" | "published" | "problems" | "inactive";
  tone: "primary" | "success" | "warning" | "danger";
  params: Record<string, number>;
}

/**
 * Never published: a draft. Published: its version number. A draft that cannot be published as it
 * stands says how many problems block it; a switched-off template says so too.
 */
export function templateStatus(template: Pick<Template, "published_version" | "problems" | "is_active">): StatusTag[] {
  const tags: StatusTag[] = [];
  if (template.published_version === null) tags.push({ key: "draft", tone: "warning", params: {} });
  else tags.push({ key: "published", tone: "success", params: { version: template.published_version } });
  if (template.problems.length) tags.push({ key: "problems", tone: "danger", params: { count: template.problems.length } });
  if (!template.is_active) tags.push({ key: "inactive", tone: "danger", params: {} });
  return tags;
}

/** A key the server accepts (lower-case letters, digits, _ and -), unique enough to never collide. */
export function newTemplateKey(now: number = Date.now(), random: () => number = Math.random): string {
  return `t${now.toString(36)}${Math.floor(random() * 36 ** 4).toString(36).padStart(4, "0")}`;
}
