// The audit log: who did what, and a check that nobody rewrote history.
import { api, unwrap } from "@/api/client";
import type { AuditPage, AuditVerification } from "@/api/types";

export const AUDIT_PAGE_SIZE = 50;

export function fetchAuditPage(cursor: string | null): Promise<AuditPage> {
  return unwrap(
    api.GET("/api/v1/audit/events", { params: { query: { cursor: cursor ?? undefined, limit: AUDIT_PAGE_SIZE } } }),
  );
}

export function verifyAuditChain(): Promise<AuditVerification> {
  return unwrap(api.POST("/api/v1/audit/verify"));
}
