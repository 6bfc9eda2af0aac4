// "Me" tab: the user's own profile and settings.
import { registerRoutes } from "@/app/routes";

registerRoutes(
  {
    path: "/me",
    name: "me",
    component: () => import("./MePage.vue"),
    meta: { tab: true, section: "me", titleKey: "me.title" },
  },
  {
    path: "/me/password",
    name: "change-password",
    component: () => import("./ChangePasswordPage.vue"),
    meta: { section: "me", titleKey: "password.title" },
  },
);
