// Reading the loosely typed parts of a run (resolved_spec is a free-form object) for display.
import type { Run } from "../client";
import type { Estimate } from "./estimate";

const TERMINAL = new Set(["succeeded", "failed", "cancelled"]);
export const isTerminal = (status: string | null | undefined): boolean => TERMINAL.has(status ?? "");

type Loose = Record<string, unknown>;
const isRecord = (v: unknown): v is Loose => typeof v === "object" && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

export function decisionsOf(run: Run): string[] {
  const d = run.resolved_spec.decisions;
  return Array.isArray(d) ? d.filter((x): x is string => typeof x === "string") : [];
}

export function resolvedHyperparameters(run: Run): [string, string][] {
  const hp = run.resolved_spec.hyperparameters;
  if (typeof hp !== "object" || hp === null) return [];
  return Object.entries(hp as Record<string, unknown>).map(([k, v]) => [
    k,
    Array.isArray(v) ? v.join(", ") : v === null ? "none" : String(v),
  ]);
}

export function totalSteps(run: Run): number | null {
  if (run.progress.total_steps > 0) return run.progress.total_steps;
  const hp = run.resolved_spec.hyperparameters as Record<string, unknown> | undefined;
  return typeof hp?.max_steps === "number" ? hp.max_steps : null;
}

const METHOD_NAMES: Record<string, string> = { lora: "LoRA", qlora: "QLoRA", full: "full fine-tuning", freeze: "freeze" };

/** "LoRA", "QLoRA", "full fine-tuning", "freeze (last 2 layers)". */
export function methodLabel(run: Run): string {
  const method = str(run.resolved_spec.method) ?? run.method;
  const name = METHOD_NAMES[method] ?? method;
  if (method === "freeze") {
    const layers = num((run.resolved_spec.hyperparameters as Loose | undefined)?.freeze_trainable_layers);
    if (layers !== null) return `${name} (last ${layers} layer${layers === 1 ? "" : "s"})`;
  }
  return name;
}

const STAGE_NAMES: Record<string, string> = { cpt: "CPT", dpo: "DPO", orpo: "ORPO", simpo: "SimPO", kto: "KTO" };

/** "DPO", "CPT", ... for the run's subtitle; null for SFT, the default stage. */
export function stageLabel(run: Run): string | null {
  return run.stage === "sft" ? null : (STAGE_NAMES[run.stage] ?? run.stage);
}

export interface RunResources {
  device: "cpu" | "cuda";
  gpus: number;
  gpuMemoryGb: number | null;
  gpuType: string | null;
}

export function resourcesOf(run: Run): RunResources | null {
  const r = run.resolved_spec.resources;
  if (!isRecord(r) || (r.device !== "cpu" && r.device !== "cuda")) return null;
  return { device: r.device, gpus: num(r.gpus) ?? 0, gpuMemoryGb: num(r.gpu_memory_gb), gpuType: str(r.gpu_type) };
}

/** "CPU", "1 × H100", "2 × GPU". */
export function deviceLabel(resources: RunResources | null): string | null {
  if (!resources) return null;
  if (resources.device === "cpu" || resources.gpus === 0) return "CPU";
  return `${resources.gpus} × ${resources.gpuType ?? "GPU"}`;
}

/** The pre-flight estimate; null when the server made none (unknown model config), undefined for runs from before estimates. */
export function estimateOf(run: Run): Estimate | null | undefined {
  const e = run.resolved_spec.estimate;
  if (e === undefined) return undefined;
  if (!isRecord(e)) return null;
  const fields = ["parameters", "trainable_parameters", "weights_gb", "gradients_gb", "optimizer_gb", "activations_gb", "total_gb"] as const;
  if (fields.some((f) => num(e[f]) === null)) return null;
  return {
    parameters: num(e.parameters)!,
    trainable_parameters: num(e.trainable_parameters)!,
    weights_gb: num(e.weights_gb)!,
    gradients_gb: num(e.gradients_gb)!,
    optimizer_gb: num(e.optimizer_gb)!,
    activations_gb: num(e.activations_gb)!,
    ...(num(e.reference_gb) ? { reference_gb: num(e.reference_gb)! } : {}),
    total_gb: num(e.total_gb)!,
    budget_gb: num(e.budget_gb),
    fits: e.fits !== false,
    seconds: num(e.seconds),
  };
}

/** "4-bit nf4, double quantization, compute in bf16" for QLoRA; null otherwise. */
export function quantizationLabel(run: Run): string | null {
  const q = run.resolved_spec.quantization;
  if (!isRecord(q)) return null;
  const parts = [`${num(q.bits) ?? 4}-bit ${str(q.quant_type) ?? ""}`.trim()];
  if (q.double_quant === true) parts.push("double quantization");
  if (str(q.compute_dtype)) parts.push(`compute in ${str(q.compute_dtype)}`);
  return parts.join(", ");
}

/** The catalog model the run trains (a family is resolved to one of its models); null for runs without it. */
export function resolvedModelName(run: Run): string | null {
  const m = run.resolved_spec.model;
  return isRecord(m) ? str(m.name) : null;
}

/** The run's resolved loss_on; null when the resolved spec does not say. */
export function resolvedLossOn(run: Run): "assistant" | "all" | null {
  const l = run.resolved_spec.loss_on;
  return l === "assistant" || l === "all" ? l : null;
}

/** SHA-256 of the records the run trains on, as resolved at submission (absent for runs from before versions). */
export function datasetSha256(run: Pick<Run, "resolved_spec">): string | undefined {
  const sha = run.resolved_spec.dataset_sha256;
  return typeof sha === "string" && sha ? sha : undefined;
}

/** The mixture the run trains on, as recorded at submission ("finance-mix v2"); undefined for a run on a dataset. */
export function mixtureOf(run: Pick<Run, "mixture_id" | "resolved_spec">): { id: string; label: string } | undefined {
  if (!run.mixture_id) return undefined;
  const m = run.resolved_spec.mixture as { name?: unknown; version?: unknown } | null | undefined;
  const named = typeof m?.name === "string" && typeof m.version === "number";
  return { id: run.mixture_id, label: named ? `${String(m.name)} v${String(m.version)}` : run.mixture_id };
}
