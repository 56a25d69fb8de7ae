import { describe, expect, it } from "vitest";
import { isExportActive, parityText } from "./exports";

describe("exports", () => {
  it("knows which exports are still under way", () => {
    expect(isExportActive("queued")).toBe(true);
    expect(isExportActive("running")).toBe(true);
    expect(isExportActive("succeeded")).toBe(false);
    expect(isExportActive("failed")).toBe(false);
  });

  it("summarises parity figures, with the quantisation gap when there is one", () => {
    expect(parityText(null)).toBeNull();
    const parity = { passed: true, dtype: "bf16", max_abs_logit_diff: 0.078, tolerance: 0.46, tokens_compared: 24, tokens_matching: 23 };
    expect(parityText(parity)).toBe("passed · max |Δlogit| 0.078 ≤ 0.46 (bf16) · greedy tokens 23/24 equal");
    const failed = { ...parity, passed: false, max_abs_logit_diff: 3.5, quantisation_gap: { max_abs_logit_diff: 2.6 } };
    expect(parityText(failed)).toBe(
      "failed · max |Δlogit| 3.5 > 0.46 (bf16) · greedy tokens 23/24 equal · vs the 4-bit model: max |Δlogit| 2.6",
    );
  });
});
