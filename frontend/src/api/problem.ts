// The one parser for error answers: RFC 9457 problems from /api/v1/, allauth's error lists, and
// whatever a proxy or a crashed server sends, all become one `Problem` shape.

export interface FieldError {
  loc: (string | number)[];
  msg: string;
  type: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors: FieldError[];
}

/** A stable code for an answer that did not carry one (HTML error pages, empty bodies). */
export function codeForStatus(status: number): string {
  if (status === 400) return "bad_request";
  if (status === 401) return "not_authenticated";
  if (status === 403) return "permission_denied";
  if (status === 404) return "not_found";
  if (status === 409) return "conflict";
  if (status === 422) return "validation_error";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "server_error";
  return "http_error";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function parseFieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((item) => {
    // allauth says {message, code, param}; ninja/pydantic say {loc, msg, type}.
    const loc = Array.isArray(item.loc)
      ? item.loc.filter((part): part is string | number => typeof part === "string" || typeof part === "number")
      : typeof item.param === "string"
        ? [item.param]
        : [];
    return {
      loc,
      msg: text(item.msg) || text(item.message),
      type: text(item.type) || text(item.code),
    };
  });
}

/**
 * Turns an error answer into a Problem. `body` is what was read from the response: parsed JSON when
 * it was JSON, otherwise the raw text (or undefined for an empty body).
 */
export function parseProblem(status: number, body: unknown): Problem {
  const fallbackCode = codeForStatus(status);
  if (!isRecord(body)) {
    return { type: "about:blank", title: "", status, detail: "", code: fallbackCode, errors: [] };
  }
  const errors = parseFieldErrors(body.errors);
  const code = text(body.code) || errors[0]?.type || fallbackCode;
  return {
    type: text(body.type) || "about:blank",
    title: text(body.title),
    status: typeof body.status === "number" ? body.status : status,
    detail: text(body.detail) || errors[0]?.msg || "",
    code,
    errors,
  };
}

/** The first message for one input field (`loc` ends with `field`), for showing next to that field. */
export function fieldMessage(problem: Problem, field: string): string | undefined {
  return problem.errors.find((error) => error.loc[error.loc.length - 1] === field)?.msg;
}

/** Every failed call ends in an ApiError; `kind: "network"` means no answer arrived at all. */
export class ApiError extends Error {
  readonly kind: "network" | "http";
  readonly status: number;
  readonly problem: Problem | null;

  private constructor(kind: "network" | "http", status: number, problem: Problem | null, message: string) {
    super(message);
    this.name = "ApiError";
    this.kind = kind;
    this.status = status;
    this.problem = problem;
  }

  static network(cause?: unknown): ApiError {
    const error = new ApiError("network", 0, null, "Network request failed");
    if (cause !== undefined) (error as { cause?: unknown }).cause = cause;
    return error;
  }

  static fromResponse(status: number, body: unknown): ApiError {
    const problem = parseProblem(status, body);
    return new ApiError("http", status, problem, problem.detail || problem.title || `HTTP ${status}`);
  }

  get code(): string {
    return this.problem?.code ?? "network_error";
  }

  get isNetwork(): boolean {
    return this.kind === "network";
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}
