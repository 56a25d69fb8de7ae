interface ProgressBarProps {
  /** 0–100; null shows an indeterminate bar (work started, amount unknown). */
  value: number | null;
  label?: string;
  testId?: string;
  tone?: "default" | "success" | "danger" | "muted";
  compact?: boolean;
}

export function ProgressBar({ value, label, testId, tone = "default", compact = false }: ProgressBarProps) {
  const pct = value === null ? null : Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div className={`progress${compact ? " progress--compact" : ""}`}>
      <div
        className={`progress__track progress--${tone}${pct === null ? " progress--indeterminate" : ""}`}
        role="progressbar"
        aria-label={label ?? "progress"}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct ?? undefined}
        data-testid={testId}
      >
        <div className="progress__fill" style={{ width: pct === null ? undefined : `${pct}%` }} />
      </div>
      {label !== undefined && <span className="progress__label">{label}</span>}
    </div>
  );
}
