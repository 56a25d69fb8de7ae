import { Link } from "@tanstack/react-router";
import { useState } from "react";
import {
  useAdminQueue,
  useDrainWorker,
  useQueueRunAction,
  useSetPriority,
  type QueueRunAction,
} from "../../api/adminQueue";
import type { GpuJob, QueueGpu, QueueUsage, QueueWorker, QueuedRun, RunningRun } from "../../client";
import { EmptyState } from "../../components/EmptyState";
import { ErrorBox } from "../../components/ErrorBox";
import { Loading } from "../../components/Loading";
import { PageHeader } from "../../components/PageHeader";
import { ProgressBar } from "../../components/ProgressBar";
import { formatDate } from "../../lib/format";
import { gb, memoryPct, relative } from "../../lib/queueView";
import { ProjectQuotas, UserQuotaEditor } from "./Quotas";

export function QueuePage() {
  const queue = useAdminQueue();
  return (
    <>
      <PageHeader
        title="GPU queue"
        subtitle="Every worker and GPU, the runs waiting for them in scheduling order (priority, then fair share per user, then age), and what runs now. Refreshes every 3 s."
      />
      {queue.isPending && <Loading what="Loading the queue" />}
      {queue.isError && <ErrorBox error={queue.error} title="Could not load the queue." />}
      {queue.data && (
        <>
          <Workers workers={queue.data.workers} />
          <Queued runs={queue.data.queued} />
          <Running runs={queue.data.running} />
          <GpuJobs jobs={queue.data.gpu_jobs} />
          <Usage usage={queue.data.usage} />
          <ProjectQuotas />
        </>
      )}
    </>
  );
}

function GpuBars({ gpu }: { gpu: QueueGpu }) {
  return (
    <div className="gpu" data-testid="gpu">
      <div className="gpu__name">
        GPU {gpu.index} · {gpu.name} · {gb(gpu.memory_total_mb)}
        {gpu.temperature_c !== null && <span className="muted"> · {gpu.temperature_c.toFixed(0)} °C</span>}
        {gpu.held_by && (
          <>
            {" "}
            · <Link to="/runs/$runId" params={{ runId: gpu.held_by }}>{gpu.held_by}</Link>
          </>
        )}
      </div>
      <ProgressBar compact value={gpu.utilization_pct ?? 0} label={`util ${(gpu.utilization_pct ?? 0).toFixed(0)} %`} />
      <ProgressBar
        compact
        tone="muted"
        value={memoryPct(gpu)}
        label={`mem ${gb(gpu.memory_used_mb)} / ${gb(gpu.memory_total_mb)}`}
      />
    </div>
  );
}

function Workers({ workers }: { workers: QueueWorker[] }) {
  const drain = useDrainWorker();
  if (workers.length === 0) {
    return (
      <EmptyState title="No worker has reported yet">
        Start one (<code>make up</code> does); each worker reports its GPUs every few seconds.
      </EmptyState>
    );
  }
  return (
    <section className="card" data-testid="queue-workers">
      <h2>Workers</h2>
      {drain.isError && <ErrorBox error={drain.error} title="Could not change the worker." />}
      <div className="workers">
        {workers.map((w) => (
          <div key={w.name} className="worker" data-testid="queue-worker" data-worker={w.name}>
            <div className="worker__head">
              <strong>{w.name}</strong>{" "}
              <span className={`badge ${w.online ? "badge--succeeded" : "badge--failed"}`} data-testid="worker-online">
                {w.online ? "online" : "offline"}
              </span>{" "}
              {w.drained && (
                <span className="badge badge--paused" data-testid="worker-drained">
                  drained
                </span>
              )}{" "}
              {w.simulated && <span className="badge">simulated GPUs</span>}
              <div className="muted">
                {w.host} · queues {w.queues.join(", ")} · {w.slots} slot{w.slots === 1 ? "" : "s"} · {w.cpu_count} CPUs ·
                last seen {relative(w.last_heartbeat_at)}
              </div>
            </div>
            {w.gpus.length === 0 ? (
              <p className="muted">No GPUs: {w.trains ? "takes CPU runs" : "CPU work only (previews, profiling)"}.</p>
            ) : (
              w.gpus.map((g) => <GpuBars key={g.index} gpu={g} />)
            )}
            {w.trains && (
              <button
                type="button"
                className="button button--small"
                data-testid="worker-drain-toggle"
                disabled={drain.isPending}
                title={w.drained ? "Let the scheduler give it runs again." : "Give it no new runs; its running runs finish."}
                onClick={() => drain.mutate({ name: w.name, drained: !w.drained })}
              >
                {w.drained ? "Undrain" : "Drain"}
              </button>
            )}
          </div>
        ))}
      </div>
    </section>
  );
}

function PriorityEditor({ run }: { run: QueuedRun | RunningRun }) {
  const [value, setValue] = useState(String(run.priority));
  const setPriority = useSetPriority();
  const parsed = Number(value);
  const valid = value.trim() !== "" && Number.isInteger(parsed);
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) setPriority.mutate({ runId: run.id, priority: parsed });
      }}
    >
      <input
        aria-label={`priority of ${run.id}`}
        data-testid="priority-input"
        className="input input--narrow"
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <button type="submit" className="button button--small" data-testid="priority-save" disabled={!valid || setPriority.isPending}>
        Set
      </button>
      {setPriority.isError && <ErrorBox error={setPriority.error} />}
    </form>
  );
}

function ActionButtons({ runId, actions }: { runId: string; actions: QueueRunAction[] }) {
  const action = useQueueRunAction();
  const labels: Record<QueueRunAction, string> = {
    "move-to-top": "Move to top",
    preempt: "Preempt",
    pause: "Pause",
    resume: "Resume",
    cancel: "Cancel",
  };
  return (
    <div className="run-actions">
      {actions.map((a) => (
        <button
          key={a}
          type="button"
          className={`button button--small${a === "cancel" ? " button--danger" : ""}`}
          data-testid={`queue-${a}`}
          disabled={action.isPending}
          onClick={() => action.mutate({ runId, action: a })}
        >
          {labels[a]}
        </button>
      ))}
      {action.isError && <ErrorBox error={action.error} />}
    </div>
  );
}

function Queued({ runs }: { runs: QueuedRun[] }) {
  return (
    <section className="card card--flush" data-testid="queue-queued">
      <div className="card__title">
        <h2>Queued ({runs.length})</h2>
      </div>
      {runs.length === 0 ? (
        <p className="card__body muted">Nothing waits: every queued run has a worker.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th className="num">#</th>
              <th>Run</th>
              <th>User</th>
              <th>Needs</th>
              <th>Priority</th>
              <th>Why it waits</th>
              <th>Estimated start</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id} data-testid="queued-run" data-run={r.id}>
                <td className="num">{r.position ?? "—"}</td>
                <td>
                  <Link to="/runs/$runId" params={{ runId: r.id }}>
                    {r.name}
                  </Link>
                  <div className="muted">{r.id}</div>
                </td>
                <td>{r.owner_email}</td>
                <td className="nowrap">
                  {r.gpus_required === 0 ? "CPU" : `${r.gpus_required} × ≥ ${gb(r.gpu_memory_required_mb)}`}
                </td>
                <td data-testid="queued-priority">
                  <span className="sr-only">{r.priority}</span>
                  <PriorityEditor key={`${r.id}-${r.priority}`} run={r} />
                </td>
                <td data-testid="wait-reason">{r.wait_reason ?? "—"}</td>
                <td>{r.estimated_start ? formatDate(r.estimated_start) : <span className="muted">unknown</span>}</td>
                <td>
                  <ActionButtons runId={r.id} actions={["move-to-top", "pause", "cancel"]} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Running({ runs }: { runs: RunningRun[] }) {
  return (
    <section className="card card--flush" data-testid="queue-running">
      <div className="card__title">
        <h2>Running ({runs.length})</h2>
      </div>
      {runs.length === 0 ? (
        <p className="card__body muted">No run is training.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Run</th>
              <th>User</th>
              <th>Worker · GPUs</th>
              <th>Progress</th>
              <th>ETA</th>
              <th>Priority</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id} data-testid="running-run" data-run={r.id}>
                <td>
                  <Link to="/runs/$runId" params={{ runId: r.id }}>
                    {r.name}
                  </Link>
                  {r.preempting && <span className="badge badge--paused"> preempting</span>}
                </td>
                <td>{r.owner_email}</td>
                <td className="nowrap">
                  {r.worker ?? "—"} {r.gpus.length > 0 && <span className="muted">· GPU {r.gpus.join(", ")}</span>}
                </td>
                <td>
                  <ProgressBar compact value={r.progress_pct} label={`${r.step} / ${r.total_steps}`} />
                </td>
                <td>{r.eta ? formatDate(r.eta) : <span className="muted">after the first step</span>}</td>
                <td>
                  <PriorityEditor key={`${r.id}-${r.priority}`} run={r} />
                </td>
                <td>
                  <ActionButtons runId={r.id} actions={r.pause_requested ? ["resume", "cancel"] : ["pause", "preempt", "cancel"]} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function GpuJobs({ jobs }: { jobs: GpuJob[] }) {
  return (
    <section className="card card--flush" data-testid="queue-gpu-jobs">
      <div className="card__title">
        <h2>Evaluations and exports ({jobs.length})</h2>
        <p className="muted">
          They wait on the shared GPU queue and run on the next free GPU worker, beside its runs, oldest first; the
          scheduler does not place them.
        </p>
      </div>
      {jobs.length === 0 ? (
        <p className="card__body muted">No evaluation or export is waiting or running.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Job</th>
              <th>What</th>
              <th>User</th>
              <th>Status</th>
              <th>Worker</th>
              <th>Progress</th>
              <th>Queued</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((j) => (
              <tr key={j.id} data-testid="gpu-job" data-job={j.id}>
                <td className="nowrap">
                  {j.kind}
                  <div className="muted">{j.id}</div>
                </td>
                <td>
                  {j.run_id ? (
                    <Link to="/runs/$runId" params={{ runId: j.run_id }}>
                      {j.what}
                    </Link>
                  ) : (
                    <Link to="/evaluations">{j.what}</Link>
                  )}
                </td>
                <td>{j.owner_email ?? "—"}</td>
                <td>
                  <span className={`badge badge--${j.status}`}>{j.status}</span>
                  {j.attempts > 1 && <span className="muted"> · attempt {j.attempts}</span>}
                </td>
                <td>{j.worker ?? <span className="muted">next free GPU worker</span>}</td>
                <td>
                  {j.progress_pct === null ? (
                    <span className="muted">—</span>
                  ) : (
                    <ProgressBar compact value={j.progress_pct} label={`${j.progress_pct.toFixed(0)} %`} />
                  )}
                </td>
                <td>{formatDate(j.queued_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Usage({ usage }: { usage: QueueUsage[] }) {
  return (
    <section className="card card--flush" data-testid="queue-usage">
      <div className="card__title">
        <h2>Usage and quotas</h2>
        <p className="muted">
          Quotas limit the GPUs and runs one user holds at once; empty fields keep the defaults
          (TUNEWRIGHT_MAX_GPUS_PER_USER, TUNEWRIGHT_MAX_RUNS_PER_USER).
        </p>
      </div>
      <table className="table">
        <thead>
          <tr>
            <th>User</th>
            <th className="num">GPUs now</th>
            <th className="num">Runs now</th>
            <th className="num">Queued</th>
            <th className="num">GPU-hours</th>
            <th>Quota (GPUs, runs)</th>
          </tr>
        </thead>
        <tbody>
          {usage.map((u) => (
            <tr key={u.user_id} data-testid="usage-row">
              <td>{u.email}</td>
              <td className="num">{u.gpus_held}</td>
              <td className="num">{u.runs_held}</td>
              <td className="num">{u.runs_queued}</td>
              <td className="num">{u.gpu_hours.toFixed(2)}</td>
              <td>
                <UserQuotaEditor key={`${u.quota.max_gpus}-${u.quota.max_runs}`} usage={u} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
