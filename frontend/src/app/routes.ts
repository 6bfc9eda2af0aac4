// Features add their pages here (from their index.ts) before the router is created.
import type { RouteRecordRaw } from "vue-router";

const routes: RouteRecordRaw[] = [];

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
