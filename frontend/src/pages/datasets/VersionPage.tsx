import { Link } from "@tanstack/react-router";
import { useDataset } from "../../api/datasets";
import { isVersionActive, useVersion, useVersions } from "../../api/versions";
import { ErrorBox } from "../../components/ErrorBox";
import { Loading } from "../../components/Loading";
import { PageHeader } from "../../components/PageHeader";
import { formatBytes, formatDate } from "../../lib/format";
import { describeVersion } from "../../lib/versions";
import { DatasetRecords } from "./DatasetRecords";

/** One dataset version: where it came from, its content hash, and its records (paged, searchable). */
export function VersionPage({ datasetId, versionId, fromRecord }: { datasetId: string; versionId: string; fromRecord?: number }) {
  const dataset = useDataset(datasetId);
  const version = useVersion(versionId);
  const versions = useVersions(datasetId);
  const byId = new Map((versions.data ?? []).map((v) => [v.id, v]));
  const v = version.data;
  const parent = v?.parent_id ? byId.get(v.parent_id) : undefined;
  const trainable = v?.status === "succeeded" && (v.record_count ?? 0) > 0;
  const kind = dataset.data?.format;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/datasets/$datasetId" params={{ datasetId }}>
          ← {dataset.data?.name ?? datasetId}
        </Link>
      </p>
      {version.isPending && <Loading what="Loading the version" />}
      {version.isError && <ErrorBox error={version.error} title="Could not load this version." />}
      {v && v.dataset_id !== datasetId && (
        <div className="error-box" role="alert">
          {v.id} is a version of another dataset;{" "}
          <Link to="/datasets/$datasetId/versions/$versionId" params={{ datasetId: v.dataset_id, versionId: v.id }}>
            open it there
          </Link>
          .
        </div>
      )}
      {v && v.dataset_id === datasetId && (
        <>
          <PageHeader
            title={
              <span data-testid="version-title">
                {dataset.data?.name ?? datasetId} · v{v.number}
              </span>
            }
            subtitle={<span data-testid="version-page-lineage">{describeVersion(v, byId)}</span>}
            actions={
              trainable &&
              (kind === "messages" || kind === "text") && (
                <Link
                  to="/runs/new"
                  search={{ dataset: datasetId, version: v.id }}
                  className="button button--primary"
                  data-testid="version-train-button"
                >
                  Train on this version
                </Link>
              )
            }
          />
          <dl className="facts card" data-testid="version-facts">
            <div>
              <dt>Records</dt>
              <dd data-testid="version-page-records">{v.record_count?.toLocaleString() ?? "…"}</dd>
            </div>
            <div>
              <dt>Made from</dt>
              <dd>
                {parent ? (
                  <Link to="/datasets/$datasetId/versions/$versionId" params={{ datasetId, versionId: parent.id }}>
                    v{parent.number} ({v.records_before.toLocaleString()} records)
                  </Link>
                ) : (
                  "the upload"
                )}
              </dd>
            </div>
            <div>
              <dt>Status</dt>
              <dd data-testid="version-page-status">
                {isVersionActive(v) ? `${v.status} (${Math.round(v.progress * 100)} %)` : v.status === "failed" ? `failed: ${v.error}` : v.status}
              </dd>
            </div>
            <div>
              <dt>Size</dt>
              <dd>{v.size_bytes === null ? "—" : formatBytes(v.size_bytes)}</dd>
            </div>
            <div>
              <dt>Created</dt>
              <dd>{formatDate(v.created_at)}</dd>
            </div>
            <div>
              <dt>Content (sha256)</dt>
              <dd>
                {v.sha256 ? (
                  <code data-testid="version-page-sha256" title="SHA-256 of the normalised records, one JSON object a line">
                    {v.sha256}
                  </code>
                ) : (
                  "—"
                )}
              </dd>
            </div>
            <div>
              <dt>Id</dt>
              <dd>
                <code>{v.id}</code>
              </dd>
            </div>
          </dl>
          {/* A version still being cleaned has no records yet; the browser appears once it has. */}
          {v.status === "succeeded" && dataset.data && (
            <DatasetRecords key={v.id} source={{ datasetId, versionId: v.id }} kind={kind} fromRecord={fromRecord} />
          )}
        </>
      )}
    </>
  );
}
