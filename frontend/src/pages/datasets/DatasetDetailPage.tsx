import { Link } from "@tanstack/react-router";
import { useDataset } from "../../api/datasets";
import { ErrorBox } from "../../components/ErrorBox";
import { Loading } from "../../components/Loading";
import { PageHeader } from "../../components/PageHeader";
import { formatBytes, formatDate } from "../../lib/format";
import { KIND_LABELS } from "../../lib/datasetFormats";
import { DatasetQuarantine } from "./DatasetQuarantine";
import { DatasetRecords } from "./DatasetRecords";
import { DatasetVersions } from "./DatasetVersions";
import { SourceFormat } from "./SourceFormat";

/** `fromRecord`: the 1-based number of the record the browser opens at. */
export function DatasetDetailPage({ datasetId, fromRecord }: { datasetId: string; fromRecord?: number }) {
  const dataset = useDataset(datasetId);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/datasets">← Datasets</Link>
      </p>
      {dataset.isPending && <Loading what="Loading dataset" />}
      {dataset.isError && <ErrorBox error={dataset.error} title="Could not load this dataset." />}
      {dataset.data && (
        <>
          <PageHeader
            title={dataset.data.name}
            subtitle={dataset.data.filename}
            actions={
              <>
                <Link
                  to="/datasets/$datasetId/report"
                  params={{ datasetId }}
                  className="button"
                  data-testid="data-report-button"
                  title="Token lengths, languages, duplicates, garbage, PII and contamination"
                >
                  Data report
                </Link>
                {(dataset.data.format === "messages" || dataset.data.format === "text") && (
                  <Link to="/runs/new" search={{ dataset: dataset.data.id }} className="button button--primary">
                    {dataset.data.format === "text" ? "Continue pretraining on this dataset" : "Fine-tune on this dataset"}
                  </Link>
                )}
              </>
            }
          />
          <dl className="facts card">
            <div>
              <dt>Records</dt>
              <dd>{dataset.data.record_count.toLocaleString()}</dd>
            </div>
            <div>
              <dt>Quarantined</dt>
              <dd data-testid="dataset-quarantined" title="Bad records set aside at upload, listed below the facts">
                {dataset.data.quarantined_count.toLocaleString()}
              </dd>
            </div>
            <div>
              <dt>Size</dt>
              <dd>{formatBytes(dataset.data.size_bytes)}</dd>
            </div>
            <div>
              <dt>Kind</dt>
              <dd data-testid="dataset-kind" title={KIND_LABELS[dataset.data.format]}>
                {dataset.data.format}
              </dd>
            </div>
            <div>
              <dt>Source format</dt>
              <dd>
                <SourceFormat dataset={dataset.data} />
              </dd>
            </div>
            <div>
              <dt>Encoding</dt>
              <dd data-testid="dataset-encoding">{dataset.data.encoding}</dd>
            </div>
            <div>
              <dt>Created</dt>
              <dd>{formatDate(dataset.data.created_at)}</dd>
            </div>
            <div>
              <dt>Upload (sha256)</dt>
              <dd>
                <code title={dataset.data.sha256}>{dataset.data.sha256.slice(0, 12)}</code>
              </dd>
            </div>
          </dl>
          <DatasetVersions datasetId={datasetId} />
          {dataset.data.quarantined_count > 0 && <DatasetQuarantine datasetId={datasetId} count={dataset.data.quarantined_count} />}
        </>
      )}
      {/* The kind decides how records are shown; wait for it rather than render them as the wrong kind. */}
      {dataset.data && <DatasetRecords source={{ datasetId }} kind={dataset.data.format} fromRecord={fromRecord} />}
    </>
  );
}
