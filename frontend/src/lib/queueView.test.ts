import { describe, expect, it } from "vitest";
import { gb, memoryPct, relative } from "./queueView";

describe("queue view helpers", () => {
  it("shows memory in decimal GB like the estimate", () => {
    expect(gb(80_000)).toBe("80 GB");
    expect(gb(1_530)).toBe("1.5 GB");
  });
  it("gives memory use as a percentage, zero for an unknown total", () => {
    expect(memoryPct({ memory_used_mb: 20_000, memory_total_mb: 80_000 })).toBe(25);
    expect(memoryPct({ memory_used_mb: 5, memory_total_mb: 0 })).toBe(0);
  });
  it("says how long ago a heartbeat was", () => {
    const now = Date.parse("2026-01-01T00:10:00Z");
    expect(relative("2026-01-01T00:09:55Z", now)).toBe("5 s ago");
    expect(relative("2026-01-01T00:00:00Z", now)).toBe("10 min ago");
  });
});
