import { describe, expect, it } from "vitest";
import { alignSeries } from "./chartData";

describe("alignSeries", () => {
  it("returns the main series as is without overlay points", () => {
    expect(alignSeries([[1, 2], [5, 4]])).toEqual([[1, 2], [5, 4]]);
    expect(alignSeries([[1, 2], [5, 4]], [[[], []]])).toEqual([[1, 2], [5, 4], [null, null]]);
  });

  it("merges the x values and puts nulls where a series has no point", () => {
    const aligned = alignSeries([[1, 2, 3, 4], [4, 3, 2, 1]], [[[2, 4, 5], [3.5, 2.5, 2]]]);
    expect(aligned).toEqual([
      [1, 2, 3, 4, 5],
      [4, 3, 2, 1, null],
      [null, 3.5, null, 2.5, 2],
    ]);
  });
});
