// Workbench tab: the entry point to every module (features register their entries themselves).
import { registerRoutes } from "@/app/routes";

registerRoutes({
  path: "/workbench",
  name: "workbench",
  component: () => import("./WorkbenchPage.vue"),
  meta: { tab: true, section: "workbench", titleKey: "workbench.title" },
});
