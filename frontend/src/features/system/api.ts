// The server's own health report.
import { api, unwrap } from "@/api/client";
import type { SystemStatus } from "@/api/types";

export function fetchSystemStatus(): Promise<SystemStatus> {
  return unwrap(api.GET("/api/v1/system/status"));
}
