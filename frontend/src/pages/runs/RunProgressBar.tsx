import { ProgressBar } from "../../components/ProgressBar";
import { percent } from "../../lib/format";

interface RunProgressBarProps {
  status: string;
  step: number;
  total: number | null;
  testId?: string;
  compact?: boolean;
}

export function RunProgressBar({ status, step, total, testId, compact }: RunProgressBarProps) {
  const queued = status === "queued";
  const validating = status === "validating";
  // Validation has no step count: the bar moves without a fill until the run is queued.
  const value = validating ? null : total ? percent(step, total) : queued ? 0 : status === "running" ? null : 0;
  const tone = status === "failed" ? "danger" : status === "succeeded" ? "success" : status === "cancelled" ? "muted" : "default";
  const label = validating
    ? "checking the data"
    : queued
      ? "waiting for a worker"
      : total
        ? `step ${step.toLocaleString()} / ${total.toLocaleString()}`
        : `step ${step}`;
  return <ProgressBar value={status === "succeeded" ? 100 : value} label={label} testId={testId} tone={tone} compact={compact} />;
}
