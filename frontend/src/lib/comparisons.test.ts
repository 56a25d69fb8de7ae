import { describe, expect, it } from "vitest";
import type { Comparison } from "../client";
import { anyGenerating, exportUrl, formatRate, loadedStudies, ratingForKey } from "./comparisons";

const study = (id: string, status: Comparison["status"] = "succeeded") => ({ id, status }) as Comparison;

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

describe("paging studies", () => {
  it("lists every loaded page in order, each study once", () => {
    const pages = [{ items: [study("cmp_3"), study("cmp_2")] }, { items: [study("cmp_2"), study("cmp_1")] }];
    expect(loadedStudies(pages).map((c) => c.id)).toEqual(["cmp_3", "cmp_2", "cmp_1"]);
    expect(loadedStudies([])).toEqual([]);
  });

  it("polls while a study on any loaded page is generating", () => {
    expect(anyGenerating(undefined)).toBe(false);
    expect(anyGenerating([{ items: [study("cmp_2")] }, { items: [study("cmp_1", "running")] }])).toBe(true);
    expect(anyGenerating([{ items: [study("cmp_2"), study("cmp_1", "failed")] }])).toBe(false);
  });
});
