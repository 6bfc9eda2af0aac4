// Calls to /api/v1/approvals/templates (the designers) and the route preview.
import { api, unwrap } from "@/api/client";
import type { paths } from "@/api/schema";
import type { Json } from "@/api/types";

import type { Draft, Submitters } from "./model";
import type { ServerProblem } from "./problems";

export type Template = Json<paths["/api/v1/approvals/templates/{template_id}"]["get"]["responses"][200]>;
export type PreviewStep = Json<paths["/api/v1/approvals/available/{template_id}/preview"]["post"]["responses"][200]>[number];
export type SubmissionForm = Json<paths["/api/v1/approvals/available/{template_id}"]["get"]["responses"][200]>;
export type Version = Json<paths["/api/v1/approvals/templates/{template_id}/publish"]["post"]["responses"][200]>;

export const TEMPLATE_MANAGE_PERMISSION = "approvals.template.manage";

/** What the editor sends when it saves: everything it edits, at once. */
export interface TemplateChanges {
  name: string;
  category: string;
  icon: string;
  description: string;
  is_active: boolean;
  submitters: Submitters;
  admin_ids: string[];
  draft: Draft;
}

export function fetchTemplates(): Promise<Template[]> {
  return unwrap(api.GET("/api/v1/approvals/templates"));
}

/** Adds, as drafts, the built-in templates the company does not have yet; answers those it added. */
export function installBuiltinTemplates(): Promise<Template[]> {
  return unwrap(api.POST("/api/v1/approvals/templates/builtin"));
}

export function fetchTemplate(id: string): Promise<Template> {
  return unwrap(api.GET("/api/v1/approvals/templates/{template_id}", { params: { path: { template_id: id } } }));
}

export function createTemplate(body: { key: string; name: string; category: string; icon: string }): Promise<Template> {
  return unwrap(
    api.POST("/api/v1/approvals/templates", {
      body: { ...body, description: "", form: { fields: [] }, flow: { nodes: [] }, submitters: { everyone: true } },
    }),
  );
}

export function saveTemplate(id: string, changes: TemplateChanges): Promise<Template> {
  const { draft, submitters, ...rest } = changes;
  return unwrap(
    api.PATCH("/api/v1/approvals/templates/{template_id}", {
      params: { path: { template_id: id } },
      body: {
        ...rest,
        submitters: { ...submitters },
        form: { ...draft.form },
        flow: { ...draft.flow },
        settings: { ...draft.settings },
      },
    }),
  );
}

export function publishTemplate(id: string): Promise<Version> {
  return unwrap(api.POST("/api/v1/approvals/templates/{template_id}/publish", { params: { path: { template_id: id } } }));
}

export function previewRoute(id: string, formData: Record<string, unknown>, chosen: Record<string, string[]>): Promise<PreviewStep[]> {
  return unwrap(
    api.POST("/api/v1/approvals/available/{template_id}/preview", {
      params: { path: { template_id: id } },
      body: { form_data: formData, chosen },
    }),
  );
}

/** The published form as a submitter gets it (the preview fills it in as the signed-in administrator). */
export function fetchPublishedForm(id: string): Promise<SubmissionForm> {
  return unwrap(api.GET("/api/v1/approvals/available/{template_id}", { params: { path: { template_id: id } } }));
}

/** The problems list as the server types it (string maps), read as {pointer, message}. */
export function problemsOf(template: Template): ServerProblem[] {
  return template.problems.map((problem) => ({ pointer: problem.pointer ?? "", message: problem.message ?? "" }));
}
