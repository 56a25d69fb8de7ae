import { Link } from "@tanstack/react-router";
import { LoadMore } from "../../components/LoadMore";
import { useDatasets } from "../../api/datasets";
import { EmptyState } from "../../components/EmptyState";
import { ErrorBox } from "../../components/ErrorBox";
import { Loading } from "../../components/Loading";
import { formatBytes, formatDate } from "../../lib/format";
import { SourceFormat } from "./SourceFormat";

export function DatasetList() {
  const datasets = useDatasets();
  if (datasets.isPending) return <Loading what="Loading datasets" />;
  if (!datasets.data) return <ErrorBox error={datasets.error} title="Could not load the datasets." />;
  if (!datasets.data.length) {
    return (
      <EmptyState title="No datasets yet">
        Upload a file above: JSONL, JSON, CSV, Parquet, plain text or Markdown, in any of the formats listed under
        &ldquo;Formats&rdquo;. It is checked record by record, and any problem is reported with its line number.
      </EmptyState>
    );
  }
  return (
    <div className="card card--flush">
      <table className="table">
        <thead>
          <tr>
            <th>Name</th>
            <th className="num">Records</th>
            <th className="num">Size</th>
            <th>Kind</th>
            <th>Source format</th>
            <th>File</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {datasets.data.map((d) => (
            <tr key={d.id} data-testid="dataset-row">
              <td>
                <Link to="/datasets/$datasetId" params={{ datasetId: d.id }}>
                  {d.name}
                </Link>
              </td>
              <td className="num">{d.record_count.toLocaleString()}</td>
              <td className="num">{formatBytes(d.size_bytes)}</td>
              <td>{d.format}</td>
              <td>
                <SourceFormat dataset={d} />
              </td>
              <td className="muted">
                {d.filename} <span className="muted">({d.encoding})</span>
              </td>
              <td>{formatDate(d.created_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {datasets.isError && <ErrorBox error={datasets.error} title="Could not refresh the list." />}
      <LoadMore query={datasets} />
    </div>
  );
}
