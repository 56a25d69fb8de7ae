import { describe, expect, it } from "vitest";
import { estimateBar, formatDuration, formatGb, formatTrainable, type Estimate } from "./estimate";

const estimate = (over: Partial<Estimate> = {}): Estimate => ({
  parameters: 805_504,
  trainable_parameters: 34_816,
  weights_gb: 4,
  gradients_gb: 1,
  optimizer_gb: 2,
  activations_gb: 3,
  total_gb: 10,
  budget_gb: 20,
  fits: true,
  seconds: 720,
  ...over,
});

describe("estimateBar", () => {
  it("stacks the four parts against the budget", () => {
    const bar = estimateBar(estimate());
    expect(bar.scaleGb).toBe(20);
    expect(bar.segments.map((s) => [s.key, s.percent])).toEqual([
      ["weights", 20],
      ["gradients", 5],
      ["optimizer", 10],
      ["activations", 15],
    ]);
    expect(bar.budgetPercent).toBe(100);
    expect(bar.usedPercent).toBe(50);
  });

  it("adds a reference-model segment only when the run holds a frozen reference copy", () => {
    const bar = estimateBar(estimate({ reference_gb: 2, total_gb: 12 }));
    expect(bar.segments.map((s) => [s.key, s.gb])).toEqual([
      ["weights", 4],
      ["gradients", 1],
      ["optimizer", 2],
      ["activations", 3],
      ["reference", 2],
    ]);
    expect(estimateBar(estimate({ reference_gb: 0 })).segments.map((s) => s.key)).not.toContain("reference");
  });

  it("shows the fixed overhead in the total as its own segment", () => {
    const bar = estimateBar(estimate({ total_gb: 12 }));
    expect(bar.segments.at(-1)).toMatchObject({ key: "overhead", gb: 2, percent: 10 });
    expect(bar.segments.reduce((s, x) => s + x.percent, 0)).toBeCloseTo(60);
  });

  it("widens the bar past the budget line when the run does not fit", () => {
    const bar = estimateBar(estimate({ total_gb: 40, weights_gb: 20, gradients_gb: 5, optimizer_gb: 10, activations_gb: 5, budget_gb: 20, fits: false }));
    expect(bar.scaleGb).toBe(40);
    expect(bar.budgetPercent).toBe(50);
    expect(bar.usedPercent).toBe(200);
    expect(bar.segments.reduce((s, x) => s + x.percent, 0)).toBeCloseTo(100);
  });

  it("fills the bar with the total when the budget is unknown", () => {
    const bar = estimateBar(estimate({ budget_gb: null }));
    expect(bar.budgetPercent).toBeNull();
    expect(bar.usedPercent).toBeNull();
    expect(bar.segments.reduce((s, x) => s + x.percent, 0)).toBeCloseTo(100);
  });

  it("survives an all-zero estimate", () => {
    const bar = estimateBar(estimate({ weights_gb: 0, gradients_gb: 0, optimizer_gb: 0, activations_gb: 0, total_gb: 0, budget_gb: null }));
    expect(bar.segments.every((s) => s.percent === 0)).toBe(true);
  });
});

describe("estimate formatting", () => {
  it("formats parameters trained as a share", () => {
    expect(formatTrainable(34_816, 805_504)).toBe("34,816 of 805,504 (4.3 %)");
    expect(formatTrainable(805_504, 805_504)).toBe("805,504 of 805,504 (100 %)");
    expect(formatTrainable(4_194_304, 7_000_000_000)).toBe("4,194,304 of 7,000,000,000 (0.06 %)");
  });

  it("formats sizes and durations", () => {
    expect(formatGb(80)).toBe("80 GB");
    expect(formatGb(12.13)).toBe("12.1 GB");
    expect(formatGb(3.254)).toBe("3.25 GB");
    expect(formatGb(0.003217)).toBe("0.0032 GB");
    expect(formatGb(null)).toBe("—");
    expect(formatDuration(30)).toBe("≈ 30 s");
    expect(formatDuration(720)).toBe("≈ 12 min");
    expect(formatDuration(7500)).toBe("≈ 2 h 5 min");
    expect(formatDuration(3 * 86400)).toBe("≈ 3 days");
  });
});
