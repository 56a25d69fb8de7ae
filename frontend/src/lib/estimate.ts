// The pre-flight memory/time estimate of a run (resolved_spec.estimate) as something to draw: a stacked bar of
// weights / gradients / optimizer / activations (a frozen reference model for DPO/KTO with full or freeze, and the
// fixed overhead) against the per-device budget.

export interface Estimate {
  parameters: number;
  trainable_parameters: number;
  weights_gb: number;
  gradients_gb: number;
  optimizer_gb: number;
  activations_gb: number;
  /** DPO/KTO with full or freeze: the frozen reference copy; 0 or absent otherwise. */
  reference_gb?: number;
  total_gb: number;
  budget_gb: number | null;
  fits: boolean;
  seconds: number | null;
}

export type PartKey = "weights" | "gradients" | "optimizer" | "activations" | "reference" | "overhead";

export interface BarSegment {
  key: PartKey;
  label: string;
  gb: number;
  /** Width on the bar, 0–100. */
  percent: number;
}

export interface EstimateBar {
  segments: BarSegment[];
  /** Where the budget line sits, 0–100; null when the budget is unknown. */
  budgetPercent: number | null;
  /** Share of the budget used (total / budget × 100); null when the budget is unknown. */
  usedPercent: number | null;
  /** The bar's full width in GB: the larger of the total and the budget. */
  scaleGb: number;
}

const PARTS: readonly { key: Exclude<PartKey, "overhead" | "reference">; label: string; field: keyof Estimate }[] = [
  { key: "weights", label: "weights", field: "weights_gb" },
  { key: "gradients", label: "gradients", field: "gradients_gb" },
  { key: "optimizer", label: "optimizer", field: "optimizer_gb" },
  { key: "activations", label: "activations", field: "activations_gb" },
];

const finite = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) && v > 0 ? v : 0);

/** The bar is as wide as the larger of total and budget, so a run over budget shows its excess past the line. */
export function estimateBar(e: Estimate): EstimateBar {
  const parts = PARTS.map((p) => ({ key: p.key as PartKey, label: p.label, gb: finite(e[p.field]) }));
  // Only runs that hold a reference copy get the segment.
  if (finite(e.reference_gb) > 0) parts.push({ key: "reference", label: "reference model", gb: finite(e.reference_gb) });
  const sum = parts.reduce((s, p) => s + p.gb, 0);
  const total = Math.max(finite(e.total_gb), sum);
  // total_gb includes a fixed allowance for the CUDA context and buffers; shown as its own segment.
  const overhead = total - sum;
  if (overhead > total * 1e-3) parts.push({ key: "overhead", label: "overhead", gb: overhead });
  const budget = finite(e.budget_gb) || null;
  const scaleGb = Math.max(total, budget ?? 0);
  const pct = (gb: number) => (scaleGb > 0 ? (gb / scaleGb) * 100 : 0);
  return {
    segments: parts.map((p) => ({ ...p, percent: pct(p.gb) })),
    budgetPercent: budget === null ? null : pct(budget),
    usedPercent: budget === null ? null : (total / budget) * 100,
    scaleGb,
  };
}

/** "80 GB", "12.1 GB", "3.25 GB", "0.0032 GB". */
export function formatGb(gb: number | null | undefined): string {
  if (gb === null || gb === undefined || !Number.isFinite(gb)) return "—";
  if (Number.isInteger(gb)) return `${gb} GB`;
  if (gb >= 10) return `${gb.toFixed(1)} GB`;
  if (gb >= 1) return `${gb.toFixed(2)} GB`;
  return `${Number(gb.toPrecision(2))} GB`;
}

/** "34,816 of 805,504 (4.3 %)". */
export function formatTrainable(trainable: number, total: number): string {
  const share = total > 0 ? (trainable / total) * 100 : 0;
  const pct = share >= 99.95 ? "100" : share >= 0.1 ? share.toFixed(1) : share > 0 ? String(Number(share.toPrecision(2))) : "0";
  return `${trainable.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} (${pct} %)`;
}

/** "≈ 40 s", "≈ 12 min", "≈ 2 h 5 min", "≈ 3.5 days". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "—";
  if (seconds < 60) return `≈ ${Math.max(1, Math.round(seconds))} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `≈ ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `≈ ${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ""}`;
  return `≈ ${Number((seconds / 86400).toFixed(1))} days`;
}
