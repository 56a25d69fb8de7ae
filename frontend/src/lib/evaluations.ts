import type { Evaluation } from "../client";

/** The summary metrics shown as columns, in this order, when any evaluation has them. */
export const METRIC_COLUMNS: readonly { key: string; label: string; higherIsBetter: boolean }[] = [
  { key: "mc_accuracy", label: "MC accuracy", higherIsBetter: true },
  { key: "mc_accuracy_norm", label: "MC acc (norm)", higherIsBetter: true },
  { key: "mc_generate_accuracy", label: "MC generated", higherIsBetter: true },
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

export interface SetSummary {
  name: string;
  role: string;
  /** "mc_accuracy 75.0%", "eval_loss 1.2500", with the reference's value for a general set */
  lines: string[];
  subjects: { name: string; accuracy: string; questions: number }[];
}

const num = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);
const obj = (v: unknown): Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** An evaluation's per-set results (as the API returns them) in a readable form; unknown shapes are skipped. */
export function setSummaries(results: readonly Record<string, unknown>[]): SetSummary[] {
  return results.map((result) => {
    const metrics = obj(result.metrics);
    const reference = obj(result.reference);
    const lines = ["mc_accuracy", "mc_accuracy_norm", "eval_loss", "perplexity"].flatMap((key) => {
      const value = num(metrics[key]);
      if (value === undefined) return [];
      const before = num(reference[key]);
      return [`${key} ${formatMetric(key, value)}${before === undefined ? "" : ` (reference ${formatMetric(key, before)})`}`];
    });
    const subjects = Object.entries(obj(metrics.subjects)).map(([name, raw]) => ({
      name,
      accuracy: formatMetric("mc_accuracy", num(obj(raw).mc_accuracy)),
      questions: num(obj(raw).questions) ?? 0,
    }));
    return { name: String(result.name ?? result.dataset_id ?? "?"), role: String(result.role ?? "domain"), lines, subjects };
  });
}

export type GenerationBackend = "auto" | "service" | "in_process";

export const GENERATION_BACKENDS: readonly { value: GenerationBackend; label: string }[] = [
  { value: "auto", label: "auto (the inference service when it can serve the model, else the worker)" },
  { value: "service", label: "inference service (vLLM or the CPU server)" },
  { value: "in_process", label: "in process (the evaluating worker)" },
];

/** Who generated an evaluation's replies, for its row: null when it generates none or the worker has not chosen. */
export function generatedBy(e: Pick<Evaluation, "generate_answers" | "generation">): string | null {
  if (!e.generate_answers || !e.generation) return null;
  return e.generation.backend === "service" ? "replies by the inference service" : "replies generated in process";
}
