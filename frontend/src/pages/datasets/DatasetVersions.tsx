import { Link } from "@tanstack/react-router";
import { useState } from "react";
import type { DatasetVersion } from "../../client";
import { isVersionActive, useSplitDataset, useVersions } from "../../api/versions";
import { ErrorBox } from "../../components/ErrorBox";
import { Loading } from "../../components/Loading";
import { ProgressBar } from "../../components/ProgressBar";
import { recordLabel } from "../../lib/recordNumbers";
import { describeVersion } from "../../lib/versions";
import { CleaningDialog } from "./CleaningDialog";
import { RecordLinks } from "./ReportSections";

const FILTER_LABELS: Record<string, string> = {
  min_length: "too short",
  max_length: "too long",
  garbage: "garbage",
  pii: "PII",
  exact_duplicate: "exact duplicates",
  near_duplicate: "near duplicates",
};

interface FilterCount {
  name: string;
  before: number;
  after: number;
  dropped: number;
  dropped_indices: number[];
}

/** Each filter's counts; its first dropped records link to where they were: the parent version's record browser. */
function CleaningCounts({ version }: { version: DatasetVersion }) {
  const filters = (version.result?.filters ?? []) as FilterCount[];
  return (
    <table className="table" data-testid="cleaning-counts">
      <thead>
        <tr>
          <th>Filter</th>
          <th>Before</th>
          <th>Dropped</th>
          <th>After</th>
          <th>First dropped records</th>
        </tr>
      </thead>
      <tbody>
        {filters.map((f) => (
          <tr key={f.name} data-testid="cleaning-filter" data-filter={f.name}>
            <td>{FILTER_LABELS[f.name] ?? f.name}</td>
            <td>{f.before.toLocaleString()}</td>
            <td>{f.dropped.toLocaleString()}</td>
            <td>{f.after.toLocaleString()}</td>
            <td>
              {version.parent_id ? (
                <RecordLinks datasetId={version.dataset_id} versionId={version.parent_id} indices={f.dropped_indices} count={f.dropped} />
              ) : (
                f.dropped_indices.map(recordLabel).join(" ")
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SplitForm({ datasetId, parent, onClose }: { datasetId: string; parent: DatasetVersion; onClose: () => void }) {
  const split = useSplitDataset(datasetId);
  const [fraction, setFraction] = useState("0.1");
  const [seed, setSeed] = useState("42");
  return (
    <form
      className="card report-form"
      data-testid="split-form"
      onSubmit={(event) => {
        event.preventDefault();
        split.mutate({ parent_version_id: parent.id, eval_fraction: Number(fraction), seed: Number(seed) }, { onSuccess: onClose });
      }}
    >
      <p>Split version {parent.number} into a train and an eval version; the same seed always picks the same records.</p>
      <label>
        Eval fraction
        <input type="number" min={0.01} max={0.99} step={0.01} value={fraction} onChange={(e) => setFraction(e.target.value)} data-testid="split-fraction" />
      </label>
      <label>
        Seed
        <input type="number" min={0} value={seed} onChange={(e) => setSeed(e.target.value)} data-testid="split-seed" />
      </label>
      <div>
        <button type="submit" className="button button--primary" disabled={split.isPending} data-testid="split-submit">
          Split
        </button>{" "}
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
      </div>
      {split.isError && <ErrorBox error={split.error} title="The split failed." />}
    </form>
  );
}

/** The dataset's versions with their lineage, and the clean and split actions on the newest training version. */
export function DatasetVersions({ datasetId }: { datasetId: string }) {
  const versions = useVersions(datasetId);
  const [open, setOpen] = useState<"clean" | "split" | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  if (versions.isPending) return <Loading what="Loading versions" />;
  if (versions.isError) return <ErrorBox error={versions.error} title="Could not load the versions." />;
  const items = versions.data;
  const byId = new Map(items.map((v) => [v.id, v]));
  // What a run on this dataset trains on: the newest succeeded version that is not an eval split.
  const newest = items.find((v) => v.status === "succeeded" && v.role !== "eval");
  const detail = items.find((v) => v.id === shown);
  return (
    <section className="card" data-testid="dataset-versions">
      <h2>Versions</h2>
      <p className="muted">
        Versions are never rewritten: cleaning and splitting make new ones. Runs on this dataset train on v{newest?.number}
        {" "}unless they name a version.
      </p>
      <div>
        <button type="button" className="button" disabled={!newest} onClick={() => setOpen("clean")} data-testid="clean-button">
          Clean…
        </button>{" "}
        <button type="button" className="button" disabled={!newest} onClick={() => setOpen("split")} data-testid="split-button">
          Split train/eval…
        </button>
      </div>
      {open === "clean" && newest && <CleaningDialog datasetId={datasetId} parent={newest} onClose={() => setOpen(null)} />}
      {open === "split" && newest && <SplitForm datasetId={datasetId} parent={newest} onClose={() => setOpen(null)} />}
      <table className="table">
        <thead>
          <tr>
            <th>Version</th>
            <th>Made by</th>
            <th>Records</th>
            <th>sha256</th>
            <th>Status</th>
            <th>
              <span className="sr-only">Browse</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((v) => (
            <tr key={v.id} data-testid="version-row" data-version={v.number}>
              <td title={v.id}>v{v.number}</td>
              <td data-testid="version-lineage">{describeVersion(v, byId)}</td>
              <td data-testid="version-records">
                {v.operation === "upload"
                  ? v.record_count?.toLocaleString()
                  : `${v.records_before.toLocaleString()} → ${v.record_count?.toLocaleString() ?? "…"}`}
              </td>
              <td>{v.sha256 ? <code title={v.sha256}>{v.sha256.slice(0, 12)}</code> : "—"}</td>
              <td>
                {isVersionActive(v) ? (
                  <ProgressBar
                    value={v.status === "queued" ? null : v.progress * 100}
                    label={v.status === "queued" ? "waiting for a CPU worker" : `${Math.round(v.progress * 100)} %`}
                    testId="version-progress"
                    compact
                  />
                ) : v.status === "failed" ? (
                  <span className="error" title={v.error ?? undefined}>
                    failed: {v.error}
                  </span>
                ) : v.operation === "clean" ? (
                  <button type="button" className="button button--link" onClick={() => setShown(v.id === shown ? null : v.id)} data-testid="version-counts-button">
                    {v.id === shown ? "hide counts" : "before/after counts"}
                  </button>
                ) : (
                  v.status
                )}
              </td>
              <td>
                {v.status === "succeeded" && (
                  <Link
                    to="/datasets/$datasetId/versions/$versionId"
                    params={{ datasetId, versionId: v.id }}
                    className="button button--small"
                    data-testid="version-browse"
                    title={`Browse and search the records of v${v.number}`}
                  >
                    Browse
                  </Link>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {detail && detail.status === "succeeded" && <CleaningCounts version={detail} />}
    </section>
  );
}
