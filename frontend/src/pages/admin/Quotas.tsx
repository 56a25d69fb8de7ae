import { useState } from "react";
import { useProjectQuotas, useSetProjectQuota, useSetQuota } from "../../api/adminQueue";
import type { ProjectQuota, QueueUsage } from "../../client";
import { ErrorBox } from "../../components/ErrorBox";

interface Limits {
  max_gpus?: number | null;
  max_runs?: number | null;
  effective_max_gpus?: number | null;
  effective_max_runs?: number | null;
}

/** Empty: the default of the settings; otherwise a whole number ≥ 0; anything else is invalid (undefined). */
export function parseLimit(value: string): number | null | undefined {
  if (value.trim() === "") return null;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** Two limit fields (GPUs, runs) with the limit in force as placeholder, saved together. */
function QuotaEditor({
  who,
  limits,
  save,
  pending,
  error,
}: {
  who: string;
  limits: Limits;
  save: (maxGpus: number | null, maxRuns: number | null) => void;
  pending: boolean;
  error: Error | null;
}) {
  const [gpus, setGpus] = useState(limits.max_gpus?.toString() ?? "");
  const [runs, setRuns] = useState(limits.max_runs?.toString() ?? "");
  const maxGpus = parseLimit(gpus);
  const maxRuns = parseLimit(runs);
  const valid = maxGpus !== undefined && maxRuns !== undefined;
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (maxGpus !== undefined && maxRuns !== undefined) save(maxGpus, maxRuns);
      }}
    >
      <input
        aria-label={`max GPUs of ${who}`}
        className="input input--narrow"
        placeholder={limits.effective_max_gpus?.toString() ?? "∞"}
        value={gpus}
        onChange={(e) => setGpus(e.target.value)}
      />
      <input
        aria-label={`max runs of ${who}`}
        className="input input--narrow"
        placeholder={limits.effective_max_runs?.toString() ?? "∞"}
        value={runs}
        onChange={(e) => setRuns(e.target.value)}
      />
      <button type="submit" className="button button--small" disabled={!valid || pending}>
        Save
      </button>
      {!valid && <span className="muted"> whole numbers ≥ 0, or empty for the default</span>}
      {error && <ErrorBox error={error} />}
    </form>
  );
}

export function UserQuotaEditor({ usage }: { usage: QueueUsage }) {
  const setQuota = useSetQuota();
  return (
    <QuotaEditor
      who={usage.email}
      limits={usage.quota}
      save={(maxGpus, maxRuns) => setQuota.mutate({ userId: usage.user_id, maxGpus, maxRuns })}
      pending={setQuota.isPending}
      error={setQuota.isError ? setQuota.error : null}
    />
  );
}

function ProjectQuotaEditor({ quota }: { quota: ProjectQuota }) {
  const setQuota = useSetProjectQuota();
  return (
    <QuotaEditor
      who={`project ${quota.name}`}
      limits={quota}
      save={(maxGpus, maxRuns) => setQuota.mutate({ projectId: quota.project_id, maxGpus, maxRuns })}
      pending={setQuota.isPending}
      error={setQuota.isError ? setQuota.error : null}
    />
  );
}

export function ProjectQuotas() {
  const quotas = useProjectQuotas();
  return (
    <section className="card card--flush" data-testid="project-quotas">
      <div className="card__title">
        <h2>Project quotas</h2>
        <p className="muted">
          Limits on the GPUs and runs all of a project's runs hold together, on top of each user's own; empty fields keep the defaults
          (TUNEWRIGHT_MAX_GPUS_PER_PROJECT, TUNEWRIGHT_MAX_RUNS_PER_PROJECT).
        </p>
      </div>
      {quotas.isError && <ErrorBox error={quotas.error} title="Could not load the project quotas." />}
      <table className="table">
        <thead>
          <tr>
            <th>Project</th>
            <th>Quota (GPUs, runs)</th>
          </tr>
        </thead>
        <tbody>
          {(quotas.data ?? []).map((q) => (
            <tr key={q.project_id} data-testid="project-quota-row">
              <td>{q.name}</td>
              <td>
                <ProjectQuotaEditor key={`${q.max_gpus}-${q.max_runs}`} quota={q} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
