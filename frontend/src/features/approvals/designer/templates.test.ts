import { describe, expect, it } from "vitest";

import type { Template } from "./api";
import { groupByCategory, newTemplateKey, templateStatus } from "./templates";

function template(name: string, category: string, extra: Partial<Template> = {}): Template {
  return {
    id: name,
    key: name,
    name,
    icon: "",
    category,
    description: "",
    is_active: true,
    submitters: { everyone: true },
    admin_ids: [],
    draft: {},
    published_version: null,
    problems: [],
    ...extra,
  };
}

describe("groupByCategory", () => {
  it("sorts categories and names, the uncategorised last", () => {
    const groups = groupByCategory([
      template("报销", "财务"),
      template("请假", "人事"),
      template("通用", ""),
      template("付款", "财务 "),
      template("出差", "人事"),
    ]);
    expect(groups.map((group) => [group.category, group.templates.map((t) => t.name)])).toEqual([
      ["财务", ["报销", "付款"]],
      ["人事", ["出差", "请假"]],
      ["", ["通用"]],
    ]);
  });
});

describe("templateStatus", () => {
  it("says draft, published version, problems and switched off", () => {
    expect(templateStatus(template("a", ""))).toEqual([{ key: "draft", tone: "warning", params: {} }]);
    expect(
      templateStatus(template("a", "", { published_version: 3, is_active: false, problems: [{ pointer: "/flow", message: "m" }] })),
    ).toEqual([
      { key: "published", tone: "success", params: { version: 3 } },
      { key: "problems", tone: "danger", params: { count: 1 } },
      { key: "inactive", tone: "danger", params: {} },
    ]);
  });
});

describe("newTemplateKey", () => {
  it("makes a key the server accepts", () => {
    expect(newTemplateKey(1_764_120_000_000, () => 0.5)).toBe("tmifbhzpci000");
    expect(newTemplateKey(0, () => 0)).toBe("t00000");
    expect(newTemplateKey()).toMatch(/^[a-z0-9_-]{1,50}$/);
  });
});
