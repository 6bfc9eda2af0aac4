// Delegations (代理审批): my approvals handed to a colleague for a period, and those handed to me.
import { api, unwrap } from "@/api/client";
import type { paths } from "@/api/schema";
import type { Json } from "@/api/types";

export type Delegation = Json<paths["/api/v1/approvals/delegations"]["get"]["responses"][200]>[number];
export type DelegationInput = paths["/api/v1/approvals/delegations"]["post"]["requestBody"]["content"]["application/json"];

export function fetchDelegations(): Promise<Delegation[]> {
  return unwrap(api.GET("/api/v1/approvals/delegations"));
}

export function createDelegation(body: DelegationInput): Promise<Delegation> {
  return unwrap(api.POST("/api/v1/approvals/delegations", { body }));
}

export function endDelegation(id: string): Promise<Delegation> {
  return unwrap(api.DELETE("/api/v1/approvals/delegations/{delegation_id}", { params: { path: { delegation_id: id } } }));
}
