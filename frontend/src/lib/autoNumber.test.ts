import { describe, expect, it } from "vitest";
import { parseAutoOrNumber } from "./autoNumber";

describe("parseAutoOrNumber", () => {
  it("reads 'auto' (any case) where allowed, and empty as 'auto'", () => {
    expect(parseAutoOrNumber("auto", { allowsAuto: true })).toEqual({ ok: true, value: "auto" });
    expect(parseAutoOrNumber(" AUTO ", { allowsAuto: true })).toEqual({ ok: true, value: "auto" });
    expect(parseAutoOrNumber("", { allowsAuto: true })).toEqual({ ok: true, value: "auto" });
  });

  it("leaves an empty field to the server default when 'auto' is not allowed", () => {
    expect(parseAutoOrNumber("  ", { allowsAuto: false })).toEqual({ ok: true, value: undefined });
  });

  it("rejects 'auto' where the field needs a number", () => {
    const r = parseAutoOrNumber("auto", { allowsAuto: false });
    expect(r.ok).toBe(false);
  });

  it("parses plain and scientific numbers", () => {
    expect(parseAutoOrNumber("3")).toEqual({ ok: true, value: 3 });
    expect(parseAutoOrNumber("0.5")).toEqual({ ok: true, value: 0.5 });
    expect(parseAutoOrNumber("2e-4", { allowsAuto: true })).toEqual({ ok: true, value: 0.0002 });
    expect(parseAutoOrNumber(".5")).toEqual({ ok: true, value: 0.5 });
  });

  it("rejects text that is not a number, with a sentence saying what to type", () => {
    expect(parseAutoOrNumber("abc", { allowsAuto: true })).toEqual({ ok: false, message: "Enter a number or 'auto'." });
    expect(parseAutoOrNumber("1,5")).toEqual({ ok: false, message: "Enter a number." });
    expect(parseAutoOrNumber("0x10").ok).toBe(false);
    expect(parseAutoOrNumber("Infinity").ok).toBe(false);
  });

  it("requires whole numbers for integer fields", () => {
    expect(parseAutoOrNumber("2.5", { integer: true, allowsAuto: true })).toEqual({
      ok: false,
      message: "Enter a whole number or 'auto'.",
    });
    expect(parseAutoOrNumber("100", { integer: true })).toEqual({ ok: true, value: 100 });
  });

  it("checks the schema's bounds", () => {
    expect(parseAutoOrNumber("0", { exclusiveMinimum: 0 })).toEqual({ ok: false, message: "Must be greater than 0." });
    expect(parseAutoOrNumber("0", { minimum: 1 })).toEqual({ ok: false, message: "Must be at least 1." });
    expect(parseAutoOrNumber("101", { maximum: 100 })).toEqual({ ok: false, message: "Must be at most 100." });
    expect(parseAutoOrNumber("1", { exclusiveMaximum: 1 })).toEqual({ ok: false, message: "Must be less than 1." });
  });
});
