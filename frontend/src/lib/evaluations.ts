import type { Evaluation } from "../client";

/** The summary metrics shown as columns, in this order, when any evaluation has them. */
export const METRIC_COLUMNS: readonly { key: string; label: string; higherIsBetter: boolean }[] = [
  { key: "mc_accuracy", label: "MC accuracy", higherIsBetter: true },
  { key: "mc_accuracy_norm", label: "MC acc (norm)", higherIsBetter: true },
  { key: "eval_loss", label: "Eval loss", higherIsBetter: false },
  { key: "perplexity", label: "Perplexity", higherIsBetter: false },
  { key: "general_mc_accuracy_delta", label: "General MC Δ", higherIsBetter: true },
  { key: "general_eval_loss_delta", label: "General loss Δ", higherIsBetter: false },
];

export const isEvaluating = (e: Pick<Evaluation, "status">): boolean => e.status === "queued" || e.status === "running";

export function metricColumns(evaluations: readonly Pick<Evaluation, "metrics">[]) {
  return METRIC_COLUMNS.filter((c) => evaluations.some((e) => typeof e.metrics[c.key] === "number"));
}

export function formatMetric(key: string, value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return "—";
  if (key.includes("accuracy")) {
    const points = value * 100;
    return `${key.endsWith("_delta") && points > 0 ? "+" : ""}${points.toFixed(1)}${key.endsWith("_delta") ? " pts" : "%"}`;
  }
  const text = value.toFixed(Math.abs(value) >= 100 ? 1 : 4);
  return key.endsWith("_delta") && value > 0 ? `+${text}` : text;
}

/** The id of the evaluation with the best value of `key` (ties: the first listed), among those that have it. */
export function bestOf(evaluations: readonly Pick<Evaluation, "id" | "metrics">[], key: string): string | null {
  const column = METRIC_COLUMNS.find((c) => c.key === key);
  let best: { id: string; value: number } | null = null;
  for (const e of evaluations) {
    const value = e.metrics[key];
    if (typeof value !== "number") continue;
    const better = best === null || (column?.higherIsBetter ?? true ? value > best.value : value < best.value);
    if (better) best = { id: e.id, value };
  }
  return best?.id ?? null;
}

/** What was evaluated, for a table row: "run_… step 20" for a checkpoint, the model name otherwise. */
export function evaluatedLabel(e: Pick<Evaluation, "model" | "checkpoint_id">, steps: ReadonlyMap<string, number>): string {
  if (e.model) return e.model;
  const step = e.checkpoint_id ? steps.get(e.checkpoint_id) : undefined;
  return step === undefined ? (e.checkpoint_id ?? "—") : `step ${step.toLocaleString()}`;
}

/** What a run's automatic evaluation does, in a sentence. */
export function planSentence(plan: Record<string, unknown> | null | undefined): string {
  if (!plan) return "This run declared no automatic evaluation; evaluate its checkpoints on the Evaluations page.";
  const metric = String(plan.best_metric);
  const column = METRIC_COLUMNS.find((c) => c.key === metric);
  const goal = column && !column.higherIsBetter ? "lowest" : "highest";
  return `Every checkpoint is evaluated; the one with the ${goal} ${metric} is recommended.`;
}
