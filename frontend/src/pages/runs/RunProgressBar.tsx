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
  const value = total ? percent(step, total) : queued ? 0 : status === "running" ? null : 0;
  const tone = status === "failed" ? "danger" : status === "succeeded" ? "success" : status === "cancelled" ? "muted" : "default";
  const label = queued ? "waiting for a worker" : total ? `step ${step.toLocaleString()} / ${total.toLocaleString()}` : `step ${step}`;
  return <ProgressBar value={status === "succeeded" ? 100 : value} label={label} testId={testId} tone={tone} compact={compact} />;
}
