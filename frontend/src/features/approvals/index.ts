// The approval centre (审批) for everyone: submit, the inbox, one approval, the offline outbox.
import { registerRoutes } from "@/app/routes";
import { registerWorkbenchEntry } from "@/app/workbench";

registerRoutes(
  {
    path: "/approvals",
    name: "approvals",
    component: () => import("./pages/ApprovalCentrePage.vue"),
    meta: { section: "workbench", titleKey: "approvals.title" },
  },
  {
    path: "/approvals/new/:templateId",
    name: "approval-submit",
    component: () => import("./pages/SubmitPage.vue"),
    meta: { section: "workbench", titleKey: "approvals.submit.title" },
  },
  {
    path: "/approvals/inbox/:box(pending|done|cc|submitted)?",
    name: "approval-inbox",
    component: () => import("./pages/InboxPage.vue"),
    meta: { section: "workbench", titleKey: "approvals.inbox.title" },
  },
  {
    path: "/approvals/instances/:instanceId",
    name: "approval-instance",
    component: () => import("./pages/InstancePage.vue"),
    meta: { section: "workbench", titleKey: "approvals.instance.title" },
  },
  {
    path: "/approvals/instances/:instanceId/resubmit",
    name: "approval-resubmit",
    component: () => import("./pages/ResubmitPage.vue"),
    meta: { section: "workbench", titleKey: "approvals.resubmit.title" },
  },
  {
    path: "/approvals/outbox",
    name: "approval-outbox",
    component: () => import("./pages/OutboxPage.vue"),
    meta: { section: "workbench", titleKey: "approvals.outbox.title" },
  },
);

registerWorkbenchEntry({
  key: "approvals",
  titleKey: "approvals.title",
  icon: "todo-list-o",
  to: "/approvals",
  category: "general",
});
