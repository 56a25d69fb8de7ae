interface StatusBadgeProps {
  status: string;
  testId?: string;
}

/** queued / running / succeeded / failed / cancelled, coloured; the text is the status itself. */
export function StatusBadge({ status, testId }: StatusBadgeProps) {
  return (
    <span className={`badge badge--${status}`} data-testid={testId}>
      {status}
    </span>
  );
}
