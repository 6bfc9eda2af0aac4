// Sign-in: the only page reachable without a session.
import { registerRoutes } from "@/app/routes";

registerRoutes({
  path: "/login",
  name: "login",
  component: () => import("./LoginPage.vue"),
  meta: { public: true, titleKey: "login.submit" },
});
