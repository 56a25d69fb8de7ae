import { Link } from "@tanstack/react-router";
import { useMemo } from "react";
import { useRun } from "../../api/runs";
import { useRunEvents } from "../../api/runEvents";
import { useVersion } from "../../api/versions";
import type { DatasetVersion, Run } from "../../client";
import { ErrorBox } from "../../components/ErrorBox";
import { Loading } from "../../components/Loading";
import { PageHeader } from "../../components/PageHeader";
import { StatusBadge } from "../../components/StatusBadge";
import { formatDate, formatLoss } from "../../lib/format";
import {
  datasetSha256,
  deviceLabel,
  isTerminal,
  methodLabel,
  mixtureOf,
  stageLabel,
  resolvedLossOn,
  resolvedModelName,
  resourcesOf,
  totalSteps,
} from "../../lib/runView";
import { CancelRunButton } from "./CancelRunButton";
import { PauseResumeButton } from "./PauseResumeButton";
import { Decisions } from "./Decisions";
import { EstimateCard } from "./EstimateCard";
import { EventLog, type RecordLinkTarget } from "./EventLog";
import { RunCharts } from "./RunCharts";
import { RunCheckpoints } from "./RunCheckpoints";
import { RunEvaluations } from "./RunEvaluations";
import { RunProgressBar } from "./RunProgressBar";
import { TrackerLinks } from "./TrackerLinks";

export function RunDetailPage({ runId }: { runId: string }) {
  const run = useRun(runId);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/runs">← Runs</Link>
      </p>
      {run.isPending && <Loading what="Loading run" />}
      {run.isError && <ErrorBox error={run.error} title="Could not load this run." />}
      {run.data && <RunDetail key={runId} run={run.data} />}
    </>
  );
}

function RunDetail({ run }: { run: Run }) {
  const live = useRunEvents(run.id);
  // The server's status wins once the run is over; while it runs, the stream is fresher than the last fetch.
  const status = isTerminal(run.status) ? run.status : (live.status ?? run.status);
  const step = Math.max(live.progress?.step ?? 0, run.progress.step);
  const total = live.progress?.totalSteps ?? totalSteps(run);
  const loss = live.progress?.loss ?? run.progress.loss;
  const active = status === "validating" || status === "queued" || status === "running" || status === "paused";
  const saveSteps = (run.resolved_spec.hyperparameters as Record<string, unknown> | undefined)?.save_steps;
  const device = deviceLabel(resourcesOf(run));
  const stage = stageLabel(run);
  const modelName = resolvedModelName(run);
  const lossOn = resolvedLossOn(run) ?? "assistant";
  const version = useVersion(run.dataset_version_id);
  const mixture = mixtureOf(run);
  // Validation names records of the version trained on; the loss-mask preview renders the upload's records, so its
  // links only fit a run on the upload itself (version 1, or a run from before versions).
  const onUpload = run.dataset_version_id === null || version.data?.number === 1;
  const recordLink = useMemo<RecordLinkTarget | null>(
    () => (modelName && onUpload ? { datasetId: run.dataset_id, model: modelName, lossOn } : null),
    [run.dataset_id, modelName, lossOn, onUpload],
  );

  return (
    <>
      <PageHeader
        title={
          <>
            {run.name} <StatusBadge status={status} testId="run-status" />
          </>
        }
        subtitle={
          <>
            {stage && <span data-testid="run-stage">{stage} · </span>}
            <span data-testid="run-method">{methodLabel(run)}</span> · {run.model}
            {device && (
              <>
                {" "}
                on <span data-testid="run-device">{device}</span>
              </>
            )}{" "}
            · dataset{" "}
            <Link to="/datasets/$datasetId" params={{ datasetId: run.dataset_id }}>
              {run.dataset_id}
            </Link>
            {run.dataset_version_id && (
              <>
                {" "}
                <RunDataVersion datasetId={run.dataset_id} versionId={run.dataset_version_id} version={version.data} sha256={datasetSha256(run)} />
              </>
            )}
            {mixture && (
              <>
                {" "}
                · mixture{" "}
                <Link to="/mixtures" hash={mixture.id} data-testid="run-mixture" title={`Mixture ${mixture.id}: its recipe, seed and sources`}>
                  {mixture.label}
                </Link>
              </>
            )}{" "}
            · created {formatDate(run.created_at)}
          </>
        }
        actions={
          active ? (
            <div className="run-actions">
              <PauseResumeButton runId={run.id} status={status} pauseRequested={run.pause_requested} />
              <CancelRunButton runId={run.id} requested={run.cancel_requested} />
            </div>
          ) : undefined
        }
      />
      {run.error && (
        <div className="error-box run-error" role="alert" data-testid="run-error">
          <p className="error-box__title">{status === "failed" ? "This run failed." : "The run reported an error."}</p>
          <p className="error-box__detail">{run.error}</p>
        </div>
      )}
      <section className="card run-summary">
        <RunProgressBar status={status} step={step} total={total} testId="run-progress" />
        <dl className="facts facts--inline">
          <div>
            <dt>Loss</dt>
            <dd>{formatLoss(loss)}</dd>
          </div>
          <div>
            <dt>Epoch</dt>
            <dd>{(live.progress?.epoch ?? run.progress.epoch).toFixed(2)}</dd>
          </div>
          <div>
            <dt>Started</dt>
            <dd>{formatDate(run.started_at)}</dd>
          </div>
          <div>
            <dt>Finished</dt>
            <dd>{formatDate(run.finished_at)}</dd>
          </div>
          <div>
            <dt>Attempts</dt>
            <dd>{run.attempts}</dd>
          </div>
        </dl>
        <TrackerLinks run={run} />
        {status === "validating" && (
          <p className="notice notice--info" data-testid="run-validating-note">
            Validating: a CPU worker is checking every record against the model&apos;s chat template. The run is queued
            for training once they all render; a record that does not is listed in the event log below.
          </p>
        )}
        {status === "queued" && <QueueNote queue={run.queue} />}
        {live.connection === "failed" && (
          <p className="notice">Live updates stopped; reload the page to reconnect.</p>
        )}
        {live.connection === "reconnecting" && !live.ended && <p className="notice">Live updates interrupted; reconnecting…</p>}
      </section>
      <div className="run-grid">
        <RunCharts
          steps={live.steps}
          losses={live.losses}
          lrSteps={live.lrSteps}
          learningRates={live.learningRates}
          evalSteps={live.evalSteps}
          evalLosses={live.evalLosses}
          rewardSteps={live.rewardSteps}
          rewardAccuracy={live.rewardAccuracy}
          rewardMargin={live.rewardMargin}
          waiting={active}
        />
        <div className="run-side">
          <EstimateCard run={run} />
          <Decisions run={run} />
        </div>
      </div>
      <EventLog lines={live.lines} live={active && live.connection === "open"} recordLink={recordLink} />
      <RunCheckpoints
        runId={run.id}
        method={run.method}
        saveSteps={typeof saveSteps === "number" ? saveSteps : undefined}
      />
      <RunEvaluations run={run} />
    </>
  );
}

/** The version trained on, linking to its record browser, with the content hash the run recorded at submission. */
function RunDataVersion({ datasetId, versionId, version, sha256 }: { datasetId: string; versionId: string; version?: DatasetVersion; sha256?: string }) {
  return (
    <Link
      to="/datasets/$datasetId/versions/$versionId"
      params={{ datasetId, versionId }}
      data-testid="run-dataset-version"
      title={`Dataset version ${versionId}${sha256 ? `, sha256 ${sha256}` : ""}: browse its records`}
    >
      {version ? `v${version.number}` : versionId}
      {sha256 && (
        <>
          {" "}
          (sha256 <code data-testid="run-dataset-sha256">{sha256.slice(0, 12)}</code>)
        </>
      )}
    </Link>
  );
}

function QueueNote({ queue }: { queue: Run["queue"] }) {
  if (queue.assigned_worker) {
    return (
      <p className="notice notice--info" data-testid="run-queue-note">
        Assigned to <strong>{queue.assigned_worker}</strong>
        {queue.assigned_gpus && queue.assigned_gpus.length > 0 && <> (GPU {queue.assigned_gpus.join(", ")})</>}; it
        starts as soon as that worker takes it.
      </p>
    );
  }
  return (
    <p className="notice notice--info" data-testid="run-queue-note">
      {queue.position !== null ? (
        <>
          Position <strong data-testid="run-queue-position">{queue.position}</strong> in the queue
        </>
      ) : (
        <>Waiting for the scheduler</>
      )}
      {queue.wait_reason && (
        <>
          : <span data-testid="run-wait-reason">{queue.wait_reason}</span>
        </>
      )}
      . Priority {queue.priority}
      {queue.gpus_required > 0 && (
        <>
          ; needs {queue.gpus_required} GPU{queue.gpus_required === 1 ? "" : "s"} with ≥{" "}
          {(queue.gpu_memory_required_mb / 1000).toFixed(1)} GB each
        </>
      )}
      .
    </p>
  );
}
