// Reading the loosely typed parts of a run (resolved_spec is a free-form object) for display.
import type { Run } from "../client";

const TERMINAL = new Set(["succeeded", "failed", "cancelled"]);
export const isTerminal = (status: string | null | undefined): boolean => TERMINAL.has(status ?? "");

export function decisionsOf(run: Run): string[] {
  const d = run.resolved_spec.decisions;
  return Array.isArray(d) ? d.filter((x): x is string => typeof x === "string") : [];
}

export function resolvedHyperparameters(run: Run): [string, string][] {
  const hp = run.resolved_spec.hyperparameters;
  if (typeof hp !== "object" || hp === null) return [];
  return Object.entries(hp as Record<string, unknown>).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : String(v)]);
}

export function totalSteps(run: Run): number | null {
  if (run.progress.total_steps > 0) return run.progress.total_steps;
  const hp = run.resolved_spec.hyperparameters as Record<string, unknown> | undefined;
  return typeof hp?.max_steps === "number" ? hp.max_steps : null;
}
