// The router: features' routes plus the session guard (everything but /login needs a session).
import { createRouter, createWebHistory, type Router, type RouteLocationNormalized } from "vue-router";

import { setUnauthenticatedHandler } from "@/api/http";
import { useMeStore } from "@/features/me/store";
import { i18n } from "@/i18n";
import { lastKnownDisplayName } from "@/offline/storage";

import { HOME_PATH } from "./redirect";
import { registeredAfterNavigation, registeredRoutes } from "./routes";

function loginLocation(to: RouteLocationNormalized) {
  return { path: "/login", query: to.fullPath === HOME_PATH ? {} : { redirect: to.fullPath } };
}

export function createAppRouter(): Router {
  const router = createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes: [
      { path: "/", redirect: HOME_PATH },
      ...registeredRoutes(),
      {
        path: "/:pathMatch(.*)*",
        name: "not-found",
        component: () => import("./NotFoundPage.vue"),
        meta: { titleKey: "notFound.title" },
      },
    ],
  });

  router.beforeEach(async (to) => {
    const me = useMeStore();
    if (to.meta.public) {
      return to.path === "/login" && me.status === "authenticated" ? HOME_PATH : true;
    }
    if (me.status === "unknown" || me.status === "unreachable") await me.load();
    if (me.status === "anonymous") return loginLocation(to);
    // Offline (or the server failing): someone who used the app here before gets the cached shell
    // and its offline states; a first-time visitor is better served by the login page.
    if (me.status === "unreachable") return lastKnownDisplayName() ? true : loginLocation(to);
    if (to.meta.permission && !me.can(to.meta.permission)) {
      return { name: "not-found", params: { pathMatch: to.path.slice(1).split("/") }, replace: true };
    }
    return true;
  });

  router.afterEach((to) => {
    const app = i18n.global.t("app.name");
    document.title = to.meta.titleKey ? `${i18n.global.t(to.meta.titleKey)} · ${app}` : app;
    for (const hook of registeredAfterNavigation()) hook(to, router);
  });

  // Any 401 from an API call: the session ended (expired, logged out elsewhere). Ask to sign in
  // again and come back here afterwards.
  setUnauthenticatedHandler(() => {
    const me = useMeStore();
    me.markAnonymous();
    const current = router.currentRoute.value;
    if (!current.meta.public) void router.replace(loginLocation(current));
  });

  return router;
}
