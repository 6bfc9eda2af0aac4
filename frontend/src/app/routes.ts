// Features add their pages here (from their index.ts) before the router is created, and what they
// do after each navigation.
import type { RouteLocationNormalized, RouteRecordRaw, Router } from "vue-router";

const routes: RouteRecordRaw[] = [];
const afterNavigation: ((to: RouteLocationNormalized, router: Router) => void)[] = [];

export function registerRoutes(...records: RouteRecordRaw[]): void {
  for (const record of records) {
    if (record.name && routes.some((existing) => existing.name === record.name)) {
      throw new Error(`route ${String(record.name)} is registered twice`);
    }
    routes.push(record);
  }
}

export function registeredRoutes(): readonly RouteRecordRaw[] {
  return routes;
}

/** `hook` runs after every completed navigation (e.g. to act on a query parameter, then drop it). */
export function registerAfterNavigation(hook: (to: RouteLocationNormalized, router: Router) => void): void {
  afterNavigation.push(hook);
}

export function registeredAfterNavigation(): readonly ((to: RouteLocationNormalized, router: Router) => void)[] {
  return afterNavigation;
}
