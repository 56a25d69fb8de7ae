import type { Export } from "../client";

export const isExportActive = (status: Export["status"]): boolean => status === "queued" || status === "running";

/** The parity figures of a merged export in one line, e.g. "passed: max |Δlogit| 0.078 ≤ 0.46 (bf16), 23/24 tokens". */
export function parityText(parity: Export["parity"]): string | null {
  if (!parity) return null;
  const num = (key: string): number | null => (typeof parity[key] === "number" ? (parity[key] as number) : null);
  const diff = num("max_abs_logit_diff");
  const tolerance = num("tolerance");
  const compared = num("tokens_compared");
  const matching = num("tokens_matching");
  const parts = [parity.passed === true ? "passed" : "failed"];
  if (diff !== null && tolerance !== null) {
    parts.push(`max |Δlogit| ${diff.toPrecision(2)} ${diff <= tolerance ? "≤" : ">"} ${tolerance.toPrecision(2)} (${String(parity.dtype)})`);
  }
  if (compared !== null && matching !== null) parts.push(`greedy tokens ${matching}/${compared} equal`);
  const gap = parity.quantisation_gap as Record<string, unknown> | undefined;
  if (gap && typeof gap.max_abs_logit_diff === "number") {
    parts.push(`vs the 4-bit model: max |Δlogit| ${gap.max_abs_logit_diff.toPrecision(2)}`);
  }
  return parts.join(" · ");
}
