import { memo } from "react";
import type { Run } from "../../client";
import { estimateBar, formatDuration, formatGb, formatTrainable } from "../../lib/estimate";
import { deviceLabel, estimateOf, quantizationLabel, resourcesOf } from "../../lib/runView";

/** The memory/time estimate the server made before queueing the run: what takes the memory, and does it fit. */
export const EstimateCard = memo(function EstimateCard({ run }: { run: Run }) {
  const estimate = estimateOf(run);
  const resources = resourcesOf(run);
  const device = deviceLabel(resources);
  const quantization = quantizationLabel(run);
  const where = resources?.device === "cuda" ? "per GPU" : "on the CPU";

  if (!estimate) {
    return (
      <section className="card" data-testid="run-estimate">
        <h2>Pre-flight estimate</h2>
        <p className="muted">
          {estimate === null
            ? "No estimate (the model's config is unknown)."
            : "No estimate was recorded for this run (it predates pre-flight estimates)."}
        </p>
      </section>
    );
  }

  const bar = estimateBar(estimate);
  const budget = estimate.budget_gb;
  return (
    <section className="card estimate" data-testid="run-estimate">
      <h2>
        Pre-flight estimate{" "}
        <span className={`badge ${estimate.fits ? "badge--succeeded" : "badge--failed"}`} data-testid="run-estimate-fits">
          {estimate.fits ? "fits" : "does not fit"}
        </span>
      </h2>
      <p className="estimate__total" data-testid="run-estimate-total">
        <strong>{formatGb(estimate.total_gb)}</strong> {where}
        {budget !== null ? (
          <>
            {" "}
            of <strong>{formatGb(budget)}</strong> ({Math.round(bar.usedPercent ?? 0)} % of the budget)
          </>
        ) : (
          <span className="muted"> (budget unknown)</span>
        )}
      </p>
      <div
        className="estimate__bar"
        data-testid="run-estimate-bar"
        role="img"
        aria-label={`Memory: ${bar.segments.map((s) => `${s.label} ${formatGb(s.gb)}`).join(", ")}${budget !== null ? `; budget ${formatGb(budget)}` : ""}`}
      >
        {bar.segments.map((s) => (
          <div
            key={s.key}
            className={`estimate__segment estimate__segment--${s.key}`}
            style={{ width: `${s.percent}%` }}
            title={`${s.label}: ${formatGb(s.gb)}`}
            data-testid="run-estimate-segment"
            data-part={s.key}
          />
        ))}
        {bar.budgetPercent !== null && (
          <div className="estimate__budget" style={{ left: `${bar.budgetPercent}%` }} title={`budget: ${formatGb(budget)}`} data-testid="run-estimate-budget" />
        )}
      </div>
      <ul className="estimate__legend">
        {bar.segments.map((s) => (
          <li key={s.key}>
            <span className={`estimate__swatch estimate__segment--${s.key}`} aria-hidden />
            {s.label} <span className="muted">{formatGb(s.gb)}</span>
          </li>
        ))}
        {bar.budgetPercent !== null && (
          <li>
            <span className="estimate__swatch estimate__swatch--budget" aria-hidden />
            budget <span className="muted">{formatGb(budget)}</span>
          </li>
        )}
      </ul>
      <dl className="facts facts--inline">
        <div>
          <dt>Trained parameters</dt>
          <dd data-testid="run-estimate-params">{formatTrainable(estimate.trainable_parameters, estimate.parameters)}</dd>
        </div>
        <div>
          <dt>Time</dt>
          <dd data-testid="run-estimate-time">
            {estimate.seconds !== null ? (
              `${formatDuration(estimate.seconds)}${device ? ` on ${device}` : ""}`
            ) : (
              <span className="muted">{resources?.device === "cuda" ? "unknown for this GPU type" : "not estimated on the CPU"}</span>
            )}
          </dd>
        </div>
        {quantization && (
          <div>
            <dt>Base model (QLoRA)</dt>
            <dd>{quantization}</dd>
          </div>
        )}
      </dl>
    </section>
  );
});
