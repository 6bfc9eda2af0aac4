// The approval designers (desktop pages for template administrators): the template list, the editor
// (basics, form designer, flow designer) and the route preview of a published version.
import { registerRoutes } from "@/app/routes";
import { registerWorkbenchEntry } from "@/app/workbench";

import { TEMPLATE_MANAGE_PERMISSION } from "./api";

registerRoutes(
  {
    path: "/approvals/templates",
    name: "approval-templates",
    component: () => import("./TemplateListPage.vue"),
    meta: { section: "workbench", titleKey: "approvalDesigner.list.title", permission: TEMPLATE_MANAGE_PERMISSION },
  },
  {
    path: "/approvals/templates/:templateId",
    name: "approval-template-editor",
    component: () => import("./TemplateEditorPage.vue"),
    meta: { section: "workbench", titleKey: "approvalDesigner.editor.title", permission: TEMPLATE_MANAGE_PERMISSION },
  },
  {
    path: "/approvals/templates/:templateId/preview",
    name: "approval-template-preview",
    component: () => import("./RoutePreviewPage.vue"),
    meta: { section: "workbench", titleKey: "approvalDesigner.preview.title", permission: TEMPLATE_MANAGE_PERMISSION },
  },
);

registerWorkbenchEntry({
  key: "approval-templates",
  titleKey: "approvalDesigner.entry",
  icon: "records-o",
  to: "/approvals/templates",
  permission: TEMPLATE_MANAGE_PERMISSION,
  category: "admin",
});
