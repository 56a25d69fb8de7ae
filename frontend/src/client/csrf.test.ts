import { describe, expect, it } from "vitest";
import { csrfHeaders, csrfToken } from "./csrf";

describe("csrf", () => {
  it("reads the tw_csrf cookie among others", () => {
    expect(csrfToken("a=1; tw_csrf=abc%3D123; b=2")).toBe("abc=123");
    expect(csrfToken("a=1")).toBeNull();
  });

  it("adds the header to unsafe methods only, and only when signed in", () => {
    expect(csrfHeaders("POST", "tw_csrf=t")).toEqual({ "X-CSRF-Token": "t" });
    expect(csrfHeaders("delete", "tw_csrf=t")).toEqual({ "X-CSRF-Token": "t" });
    expect(csrfHeaders("GET", "tw_csrf=t")).toEqual({});
    expect(csrfHeaders("POST", "")).toEqual({});
  });
});
