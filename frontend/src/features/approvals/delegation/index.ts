// 代理审批: delegations, reached from "Me".
import { registerRoutes } from "@/app/routes";

registerRoutes({
  path: "/me/delegations",
  name: "approval-delegations",
  component: () => import("./DelegationsPage.vue"),
  meta: { section: "me", titleKey: "approvalDelegation.title" },
});
