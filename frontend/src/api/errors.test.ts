import { describe, expect, it } from "vitest";
import { ApiError, asApiError, formatError, toApiError, unwrap } from "./errors";

describe("toApiError", () => {
  it("reads the server's error body, field and problems", () => {
    const e = toApiError(422, {
      error: "InvalidInput",
      detail: "bad.jsonl line 4, field messages[0].role: 'robot' is not a role.",
      field: "file",
      problems: [
        { file: "bad.jsonl", line: 4, field: "messages[0].role", message: "'robot' is not a role" },
        { file: "bad.jsonl", line: 6, field: "", message: "not valid JSON" },
      ],
      problem_count: 30,
    });
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(422);
    expect(e.code).toBe("InvalidInput");
    expect(e.field).toBe("file");
    expect(e.problems).toEqual([
      { file: "bad.jsonl", line: 4, field: "messages[0].role", message: "'robot' is not a role" },
      { file: "bad.jsonl", line: 6, field: "", message: "not valid JSON" },
    ]);
    expect(e.problemCount).toBe(30);
  });

  it("reads FastAPI's default validation shape", () => {
    const e = toApiError(422, { detail: [{ loc: ["body", "model"], msg: "Field required", type: "missing" }] });
    expect(e.detail).toBe("Field required");
    expect(e.problems).toHaveLength(1);
  });

  it("says something useful when there is no body", () => {
    expect(toApiError(0, null).detail).toMatch(/could not reach the server/i);
    expect(toApiError(502, "<html>Bad gateway</html>").detail).toMatch(/HTTP 502/);
    expect(toApiError(413, null).detail).toMatch(/too large/);
  });

  it("uses a short plain-text body as the detail", () => {
    expect(toApiError(500, "Internal Server Error").detail).toBe("Internal Server Error");
  });
});

describe("formatError", () => {
  it("shows the detail, and says when only some problems are listed", () => {
    const e = toApiError(422, { error: "InvalidInput", detail: "Fix the file.", problems: [{ message: "x" }], problem_count: 5 });
    expect(formatError(e)).toBe("Fix the file. (1 of 5 problems shown)");
    expect(formatError(toApiError(404, { error: "NotFound", detail: "No run 'x'." }))).toBe("No run 'x'.");
  });

  it("turns anything thrown into a sentence", () => {
    expect(formatError(new TypeError("Failed to fetch"))).toMatch(/could not reach the server/i);
    expect(formatError({ status: 409, body: { error: "Conflict", detail: "Already done." } })).toBe("Already done.");
    expect(asApiError({ status: 401, body: null }).status).toBe(401);
  });
});

describe("unwrap", () => {
  it("returns data on success and throws ApiError otherwise", () => {
    expect(unwrap({ data: { a: 1 }, response: new Response(null, { status: 200 }) })).toEqual({ a: 1 });
    expect(() =>
      unwrap({ error: { error: "NotFound", detail: "No dataset 'x'." }, response: new Response(null, { status: 404 }) }),
    ).toThrowError(new ApiError({ status: 404, code: "NotFound", detail: "No dataset 'x'." }));
  });
});
