import { Link } from "@tanstack/react-router";
import { LoadMore } from "../../components/LoadMore";
import { useRuns } from "../../api/runs";
import { EmptyState } from "../../components/EmptyState";
import { ErrorBox } from "../../components/ErrorBox";
import { Loading } from "../../components/Loading";
import { StatusBadge } from "../../components/StatusBadge";
import { formatDate, formatLoss } from "../../lib/format";
import { totalSteps } from "../../lib/runView";
import { RunProgressBar } from "./RunProgressBar";

export function RunList() {
  const runs = useRuns();
  if (runs.isPending) return <Loading what="Loading runs" />;
  if (!runs.data) return <ErrorBox error={runs.error} title="Could not load the runs." />;
  if (!runs.data.length) {
    return (
      <EmptyState title="No runs yet" action={<Link to="/runs/new" className="button button--primary">Start your first run</Link>}>
        A run fine-tunes a model on one of your datasets. Pick a dataset and a model; the recommended settings are
        filled in for you.
      </EmptyState>
    );
  }
  return (
    <div className="card card--flush">
      <table className="table">
        <thead>
          <tr>
            <th>Run</th>
            <th>Status</th>
            <th className="col-progress">Progress</th>
            <th className="num">Last loss</th>
            <th>Model</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {runs.data.map((run) => (
            <tr key={run.id} data-testid="run-row">
              <td>
                <Link to="/runs/$runId" params={{ runId: run.id }}>
                  {run.name}
                </Link>
              </td>
              <td>
                <StatusBadge status={run.status} />
              </td>
              <td className="col-progress">
                <RunProgressBar status={run.status} step={run.progress.step} total={totalSteps(run)} compact />
              </td>
              <td className="num">{formatLoss(run.progress.loss)}</td>
              <td>{run.model}</td>
              <td>{formatDate(run.created_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {runs.isError && <ErrorBox error={runs.error} title="Could not refresh the list." />}
      <LoadMore query={runs} />
    </div>
  );
}
