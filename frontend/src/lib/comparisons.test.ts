import { describe, expect, it } from "vitest";
import { exportUrl, formatRate, ratingForKey } from "./comparisons";

describe("ratingForKey", () => {
  it("maps the number and letter shortcuts", () => {
    expect(["1", "a", "A"].map(ratingForKey)).toEqual(["a", "a", "a"]);
    expect(["2", "b", "B"].map(ratingForKey)).toEqual(["b", "b", "b"]);
    expect(["3", "t", "T"].map(ratingForKey)).toEqual(["tie", "tie", "tie"]);
    expect(ratingForKey("n")).toBe("skip");
  });

  it("ignores other keys", () => {
    expect(["4", "x", "Enter", " "].map(ratingForKey)).toEqual([null, null, null, null]);
  });
});

describe("formatting", () => {
  it("shows a rate as a percentage and builds export links", () => {
    expect(formatRate(0.625)).toBe("62.5 %");
    expect(exportUrl("cmp_1", "csv")).toBe("/api/comparisons/cmp_1/export?format=csv");
  });
});
