// Pure accumulation of a run's event stream into what the run page shows: the loss and learning-rate series,
// the reward series of preference stages (a metric's `extra`: rewards/accuracy, rewards/margin, ...), the log lines, the latest status and progress. Batches of events go in; a new state comes out.
import type { RunEvent } from "../client";

export const MAX_LOG_LINES = 2000;

export interface LogLine {
  id: number;
  time: string;
  kind: "log" | "status" | "checkpoint";
  level: string;
  text: string;
  /** The dataset record (0-based index) a log line is about, e.g. one that failed validation. */
  record?: number;
}

export interface LiveProgress {
  step: number;
  totalSteps: number | null;
  epoch: number | null;
  loss: number | null;
}

export interface RunLiveState {
  lastId: number;
  /** Loss series: steps[i] ↔ losses[i], steps increasing. */
  steps: number[];
  losses: number[];
  lrSteps: number[];
  learningRates: number[];
  /** Eval-loss series, only at the steps where the eval split was evaluated. */
  evalSteps: number[];
  evalLosses: number[];
  /** Preference stages: reward accuracy (share of pairs ranked right) and margin (chosen − rejected) per step. */
  rewardSteps: number[];
  rewardAccuracy: number[];
  rewardMargin: number[];
  lines: LogLine[];
  status: string | null;
  progress: LiveProgress | null;
  checkpoints: number;
  ended: boolean;
}

export const initialRunLiveState: RunLiveState = {
  lastId: 0,
  steps: [],
  losses: [],
  lrSteps: [],
  learningRates: [],
  evalSteps: [],
  evalLosses: [],
  rewardSteps: [],
  rewardAccuracy: [],
  rewardMargin: [],
  lines: [],
  status: null,
  progress: null,
  checkpoints: 0,
  ended: false,
};

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

/** Drop the points at or after x (or only after x, when `inclusive` is false). */
function dropFrom(xs: number[], ys: number[], x: number, inclusive = true): void {
  let keep = xs.length;
  while (keep > 0 && (inclusive ? xs[keep - 1] >= x : xs[keep - 1] > x)) keep--;
  xs.length = keep;
  ys.length = keep;
}

/** Append (x, y), first dropping points at or after x: a run resumed from a checkpoint repeats steps. */
function appendPoint(xs: number[], ys: number[], x: number, y: number): void {
  if (xs.length && xs[xs.length - 1] >= x) dropFrom(xs, ys, x);
  xs.push(x);
  ys.push(y);
}

export function describeEvent(event: RunEvent): LogLine | null {
  const d = event.data;
  const base = { id: event.id, time: event.created_at };
  switch (event.kind) {
    case "log": {
      const record = num(d.record);
      const line: LogLine = { ...base, kind: "log", level: str(d.level) ?? "info", text: str(d.message) ?? JSON.stringify(d) };
      if (record !== null && Number.isInteger(record) && record >= 0) line.record = record;
      return line;
    }
    case "status": {
      const status = str(d.status) ?? "unknown";
      const extras = [str(d.reason), d.attempt !== undefined ? `attempt ${String(d.attempt)}` : null, str(d.worker)];
      const detail = extras.filter(Boolean).join(", ");
      const level = status === "failed" ? "error" : "status";
      return { ...base, kind: "status", level, text: `status → ${status}${detail ? ` (${detail})` : ""}` };
    }
    case "checkpoint": {
      const step = event.step ?? num(d.step);
      const loss = num(d.loss);
      const evalLoss = num(d.eval_loss);
      const where = str(d.path);
      const losses = `${loss !== null ? `, loss ${loss.toFixed(4)}` : ""}${evalLoss !== null ? `, eval loss ${evalLoss.toFixed(4)}` : ""}`;
      const text = `checkpoint saved at step ${step ?? "?"}${losses}${where ? ` → ${where}` : ""}`;
      return { ...base, kind: "checkpoint", level: "info", text };
    }
    default:
      return null;
  }
}

/** Fold a batch of events into the state. Events already seen (id ≤ lastId) are ignored. */
export function applyEvents(state: RunLiveState, events: readonly RunEvent[]): RunLiveState {
  const fresh = events.filter((e) => e.id > state.lastId).sort((a, b) => a.id - b.id);
  if (!fresh.length) return state;
  const steps = state.steps.slice();
  const losses = state.losses.slice();
  const lrSteps = state.lrSteps.slice();
  const learningRates = state.learningRates.slice();
  const evalSteps = state.evalSteps.slice();
  const evalLosses = state.evalLosses.slice();
  const rewardSteps = state.rewardSteps.slice();
  const rewardAccuracy = state.rewardAccuracy.slice();
  const rewardMargin = state.rewardMargin.slice();
  let lines = state.lines;
  let { status, progress, checkpoints } = state;
  const newLines: LogLine[] = [];

  for (const event of fresh) {
    const d = event.data;
    if (event.kind === "metric") {
      const step = num(d.step) ?? event.step;
      if (step === null) continue;
      const loss = num(d.loss);
      const lr = num(d.learning_rate);
      const evalLoss = num(d.eval_loss);
      // A resumed run repeats steps: its evaluations after this step belong to the abandoned attempt.
      if (evalSteps.length && evalSteps[evalSteps.length - 1] > step) dropFrom(evalSteps, evalLosses, step, false);
      if (loss !== null) appendPoint(steps, losses, step, loss);
      if (lr !== null) appendPoint(lrSteps, learningRates, step, lr);
      if (evalLoss !== null) appendPoint(evalSteps, evalLosses, step, evalLoss);
      const extra = typeof d.extra === "object" && d.extra !== null ? (d.extra as Record<string, unknown>) : {};
      const accuracy = num(extra["rewards/accuracy"]);
      const margin = num(extra["rewards/margin"]);
      if (accuracy !== null && margin !== null) {
        const at = rewardSteps.slice();
        appendPoint(rewardSteps, rewardAccuracy, step, accuracy);
        appendPoint(at, rewardMargin, step, margin);
      }
      progress = {
        step,
        totalSteps: num(d.total_steps) ?? progress?.totalSteps ?? null,
        epoch: num(d.epoch) ?? progress?.epoch ?? null,
        loss: loss ?? progress?.loss ?? null,
      };
      continue;
    }
    if (event.kind === "status") status = str(d.status) ?? status;
    if (event.kind === "checkpoint") checkpoints++;
    const line = describeEvent(event);
    if (line) newLines.push(line);
  }

  if (newLines.length) {
    lines = lines.concat(newLines);
    if (lines.length > MAX_LOG_LINES) lines = lines.slice(lines.length - MAX_LOG_LINES);
  }
  return {
    lastId: fresh[fresh.length - 1].id,
    steps,
    losses,
    lrSteps,
    learningRates,
    evalSteps,
    evalLosses,
    rewardSteps,
    rewardAccuracy,
    rewardMargin,
    lines,
    status,
    progress,
    checkpoints,
    ended: state.ended,
  };
}

/** The server said the run is over (`event: end`). */
export function endRun(state: RunLiveState, status: string): RunLiveState {
  return { ...state, status: status === "deleted" ? state.status : status, ended: true };
}
