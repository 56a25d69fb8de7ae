import { describe, expect, it } from "vitest";
import { offsetOfNumber, parseRecordNumber, recordLabel, recordSearch } from "./recordNumbers";

describe("record numbers", () => {
  it("labels a 0-based index with its 1-based number", () => {
    expect(recordLabel(0)).toBe("#1");
    expect(recordLabel(22)).toBe("#23");
  });

  it("reads a record number from a URL and refuses anything that is not one", () => {
    expect(parseRecordNumber("5")).toBe(5);
    expect(parseRecordNumber(5)).toBe(5);
    expect(parseRecordNumber(" 12 ")).toBe(12);
    for (const bad of ["0", 0, "-1", "1.5", "abc", "", undefined, null, "1e3", "9999999999"]) {
      expect(parseRecordNumber(bad)).toBeUndefined();
    }
  });

  it("turns a number into the offset the API takes, and an index into a link's number", () => {
    expect(offsetOfNumber(undefined)).toBe(0);
    expect(offsetOfNumber(1)).toBe(0);
    expect(offsetOfNumber(23)).toBe(22);
    expect(recordSearch(22)).toEqual({ record: 23 });
    expect(offsetOfNumber(recordSearch(7).record)).toBe(7);
  });
});
