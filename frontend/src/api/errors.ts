// The one place that turns a failed request into something to show: every hook throws ApiError.
// Error bodies look like {"error": "<Code>", "detail": "<sentence>", "field"?: "...", "problems"?: [...]}.

export interface Problem {
  file?: string;
  line?: number;
  field?: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly field?: string;
  readonly problems: Problem[];
  /** How many problems the server found; it lists at most a few. */
  readonly problemCount: number;
  /** A refused dataset upload: how many records were valid, and whether on_invalid=quarantine would keep them. */
  readonly validCount?: number;
  readonly quarantinable: boolean;

  constructor(init: {
    status: number;
    code: string;
    detail: string;
    field?: string;
    problems?: Problem[];
    problemCount?: number;
    validCount?: number;
    quarantinable?: boolean;
  }) {
    super(init.detail);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.field = init.field;
    this.problems = init.problems ?? [];
    this.problemCount = init.problemCount ?? this.problems.length;
    this.validCount = init.validCount;
    this.quarantinable = init.quarantinable ?? false;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function toProblem(raw: unknown): Problem | null {
  if (!isRecord(raw)) return null;
  const message = typeof raw.message === "string" ? raw.message : typeof raw.msg === "string" ? raw.msg : null;
  if (message === null) return null;
  return {
    message,
    file: typeof raw.file === "string" ? raw.file : undefined,
    line: typeof raw.line === "number" ? raw.line : undefined,
    field: typeof raw.field === "string" ? raw.field : undefined,
  };
}

function fallbackDetail(status: number): string {
  if (status === 0) return "Could not reach the server; check that Tunewright is running and try again.";
  if (status === 401) return "You are not signed in, or your API key is no longer valid.";
  if (status === 413) return "The file is too large for the server's upload limit.";
  if (status >= 500) return `The server failed (HTTP ${status}); try again, and check the server log if it persists.`;
  return `The request failed (HTTP ${status}).`;
}

/** Build an ApiError from any response body: our ErrorBody, FastAPI's default shape, text, or nothing. */
export function toApiError(status: number, body: unknown): ApiError {
  if (body instanceof ApiError) return body;
  if (isRecord(body)) {
    const problems = Array.isArray(body.problems) ? body.problems.map(toProblem).filter((p): p is Problem => p !== null) : [];
    const problemCount = typeof body.problem_count === "number" ? body.problem_count : problems.length;
    if (typeof body.detail === "string") {
      return new ApiError({
        status,
        code: typeof body.error === "string" ? body.error : "HTTPError",
        detail: body.detail,
        field: typeof body.field === "string" ? body.field : undefined,
        problems,
        problemCount,
        validCount: typeof body.valid_count === "number" ? body.valid_count : undefined,
        quarantinable: body.quarantinable === true,
      });
    }
    if (Array.isArray(body.detail)) {
      // FastAPI's default validation shape, in case a route bypasses the app's handler.
      const list = body.detail.map(toProblem).filter((p): p is Problem => p !== null);
      return new ApiError({ status, code: "InvalidInput", detail: list[0]?.message ?? fallbackDetail(status), problems: list });
    }
  }
  if (typeof body === "string" && body.trim() && body.length < 300 && !body.trimStart().startsWith("<")) {
    return new ApiError({ status, code: "HTTPError", detail: body.trim() });
  }
  return new ApiError({ status, code: status === 0 ? "NetworkError" : "HTTPError", detail: fallbackDetail(status) });
}

/** Anything thrown (ApiError, TypeError from fetch, ...) as an ApiError. */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (isRecord(error) && typeof error.status === "number" && "body" in error) return toApiError(error.status, error.body);
  return toApiError(0, null);
}

/** The sentence to show a person. */
export function formatError(error: unknown): string {
  const e = asApiError(error);
  const more = e.problemCount > e.problems.length ? ` (${e.problems.length} of ${e.problemCount} problems shown)` : "";
  return e.detail + more;
}

/** openapi-fetch result → data, or throw ApiError. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) throw toApiError(result.response.status, result.error);
  return result.data as T;
}
