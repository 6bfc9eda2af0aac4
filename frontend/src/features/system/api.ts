// The server's own health report, and its record of backups and restore drills.
import { api, unwrap } from "@/api/client";
import type { BackupPage, RestorePage, SystemStatus } from "@/api/types";

export function fetchSystemStatus(): Promise<SystemStatus> {
  return unwrap(api.GET("/api/v1/system/status"));
}

export function fetchRecentBackups(limit: number): Promise<BackupPage> {
  return unwrap(api.GET("/api/v1/ops/backups", { params: { query: { limit } } }));
}

export function fetchRecentRestores(limit: number): Promise<RestorePage> {
  return unwrap(api.GET("/api/v1/ops/restores", { params: { query: { limit } } }));
}
