import { describe, expect, it } from "vitest";
import { lttb } from "./lttb";

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe("lttb", () => {
  it("returns the input unchanged when it has no more points than requested", () => {
    const [xs, ys] = lttb([1, 2, 3], [4, 5, 6], 10);
    expect(xs).toEqual([1, 2, 3]);
    expect(ys).toEqual([4, 5, 6]);
  });

  it("returns exactly the requested number of points and keeps the first and the last", () => {
    const xs = range(10_000);
    const ys = xs.map((x) => Math.sin(x / 50) + x / 1000);
    const [outX, outY] = lttb(xs, ys, 500);
    expect(outX).toHaveLength(500);
    expect(outY).toHaveLength(500);
    expect(outX[0]).toBe(0);
    expect(outY[0]).toBe(ys[0]);
    expect(outX[499]).toBe(9_999);
    expect(outY[499]).toBe(ys[9_999]);
  });

  it("keeps x increasing and every output point an input point", () => {
    const xs = range(1_000).map((i) => i * 2);
    const ys = xs.map((x) => Math.cos(x));
    const [outX, outY] = lttb(xs, ys, 100);
    for (let i = 1; i < outX.length; i++) expect(outX[i]).toBeGreaterThan(outX[i - 1]);
    outX.forEach((x, i) => expect(outY[i]).toBe(ys[x / 2]));
  });

  it("picks the peak of a spike that falls inside one bucket", () => {
    const xs = range(1_000);
    const ys = xs.map(() => 1);
    ys[537] = 50;
    const [outX, outY] = lttb(xs, ys, 20);
    expect(outX).toContain(537);
    expect(Math.max(...outY)).toBe(50);
  });

  it("keeps a negative dip too", () => {
    const xs = range(500);
    const ys = xs.map((x) => x / 100);
    ys[250] = -40;
    const [, outY] = lttb(xs, ys, 10);
    expect(Math.min(...outY)).toBe(-40);
  });

  it("handles thresholds of 1 and 2", () => {
    expect(lttb([0, 1, 2], [5, 6, 7], 2)).toEqual([[0, 2], [5, 7]]);
    expect(lttb([0, 1, 2], [5, 6, 7], 1)).toEqual([[2], [7]]);
  });

  it("downsamples 100k points quickly", () => {
    const xs = range(100_000);
    const ys = xs.map((x) => Math.exp(-x / 20_000) + Math.random() * 0.01);
    const start = performance.now();
    const [outX] = lttb(xs, ys, 1_200);
    expect(outX).toHaveLength(1_200);
    expect(performance.now() - start).toBeLessThan(500);
  });
});
