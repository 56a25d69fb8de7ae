import { describe, expect, it } from "vitest";
import { formatBytes, formatLoss, formatTick, percent } from "./format";

describe("format", () => {
  it("formats sizes", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(7805)).toBe("7.6 KB");
    expect(formatBytes(50 * 1024 * 1024)).toBe("50 MB");
  });

  it("formats losses and progress", () => {
    expect(formatLoss(null)).toBe("—");
    expect(formatLoss(NaN)).toBe("—");
    expect(formatLoss(1.234567)).toBe("1.2346");
    expect(percent(3, 12)).toBe(25);
    expect(percent(5, 0)).toBe(0);
    expect(percent(20, 10)).toBe(100);
  });

  it("keeps small axis ticks readable", () => {
    expect(formatTick(0)).toBe("0");
    expect(formatTick(0.0002)).toBe("2.0e-4");
    expect(formatTick(2.5)).toBe("2.5");
  });
});
