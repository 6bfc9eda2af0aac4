import { describe, expect, it } from "vitest";

import { problemText } from "./serverText";

const texts: Record<string, string> = {
  "approvalDesigner.serverProblems.approversEmpty": "审批节点没有设置审批人。",
  "approvalDesigner.serverProblems.fieldTwice": "有两个字段都叫 {id}。",
  "approvalDesigner.serverProblems.expression": "表达式有误：{error}",
  "approvalDesigner.serverProblems.choiceOptions": "选项需同时有选项值和显示文字。",
};
const translator = {
  te: (key: string) => key in texts,
  t: (key: string, params: Record<string, string> = {}) =>
    Object.entries(params).reduce((text, [name, value]) => text.replace(`{${name}}`, value), texts[key] ?? key),
};

describe("problemText", () => {
  it("says a known sentence in the UI's language, with its parts", () => {
    expect(problemText("This approver node names nobody: add approvers.", translator)).toBe("审批节点没有设置审批人。");
    expect(problemText("Two fields are called amount.", translator)).toBe("有两个字段都叫 amount。");
    expect(problemText("Expression error: unexpected token", translator)).toBe("表达式有误：unexpected token");
    expect(problemText("A choice field lists its options as {value, label}.", translator)).toBe("选项需同时有选项值和显示文字。");
  });

  it("keeps a sentence it does not know, or has no text for, as the server wrote it", () => {
    expect(problemText("Something new happened.", translator)).toBe("Something new happened.");
    expect(problemText("A supervisor level is 1 to 20.", translator)).toBe("A supervisor level is 1 to 20.");
  });
});
