// Spreadsheets in and out: exports are plain downloads (the session cookie goes along); an import
// is uploaded for a dry run, its report read, then applied (all rows, or only the valid ones).
import { api, unwrap } from "@/api/client";
import { officiumFetch, readBody } from "@/api/http";
import { ApiError } from "@/api/problem";
import type { ImportKind, OrgImport } from "@/api/types";

export type SpreadsheetFormat = "xlsx" | "csv";

export const IMPORT_ACCEPT = ".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv";

export function exportUrl(kind: ImportKind, format: SpreadsheetFormat): string {
  return `/api/v1/org/exports/${kind}?format=${format}`;
}

export function importErrorsUrl(kind: ImportKind, importId: string): string {
  return `/api/v1/org/imports/${kind}/${encodeURIComponent(importId)}/errors.csv`;
}

/** The dry run: nothing changes yet. (multipart/form-data, which the typed client does not build.) */
export async function checkImport(kind: ImportKind, file: File): Promise<OrgImport> {
  const form = new FormData();
  form.append("file", file, file.name);
  const response = await officiumFetch(`/api/v1/org/imports/${kind}`, { method: "POST", body: form });
  const body = await readBody(response);
  if (!response.ok) throw ApiError.fromResponse(response.status, body);
  return body as OrgImport;
}

export function applyImport(kind: ImportKind, importId: string, onlyValid: boolean): Promise<OrgImport> {
  const body = { only_valid: onlyValid };
  return kind === "employees"
    ? unwrap(api.POST("/api/v1/org/imports/employees/{import_id}/apply", { params: { path: { import_id: importId } }, body }))
    : unwrap(
        api.POST("/api/v1/org/imports/departments/{import_id}/apply", { params: { path: { import_id: importId } }, body }),
      );
}

/** What the report lets the person do next. */
export function importChoices(report: OrgImport): { applyAll: boolean; applyValid: boolean; nothingToDo: boolean } {
  const { create, update, error } = report.summary;
  const changes = create + update;
  return {
    applyAll: report.status === "checked" && error === 0 && changes > 0,
    applyValid: report.status === "checked" && error > 0 && changes > 0,
    nothingToDo: report.status === "checked" && changes === 0,
  };
}
