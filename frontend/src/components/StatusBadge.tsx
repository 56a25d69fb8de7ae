interface StatusBadgeProps {
  status: string;
  testId?: string;
}

const TITLES: Record<string, string> = {
  validating: "A CPU worker is checking every record against the model's chat template; the run is queued once all render.",
  queued: "Waiting for a GPU worker to take the run.",
  paused: "Stopped at a checkpoint; resume it to continue from there.",
};

/** validating / queued / running / paused / succeeded / failed / cancelled, coloured; the text is the status itself. */
export function StatusBadge({ status, testId }: StatusBadgeProps) {
  return (
    <span className={`badge badge--${status}`} data-testid={testId} title={TITLES[status]}>
      {status}
    </span>
  );
}
