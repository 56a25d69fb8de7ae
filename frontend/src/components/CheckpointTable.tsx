import { Link } from "@tanstack/react-router";
import type { Checkpoint } from "../client";
import { formatDate, formatLoss } from "../lib/format";

/** Checkpoints as rows; `showRun` adds a column linking each to its run. */
export function CheckpointTable({ checkpoints, showRun = false }: { checkpoints: Checkpoint[]; showRun?: boolean }) {
  return (
    <table className="table">
      <thead>
        <tr>
          {showRun && <th>Run</th>}
          <th className="num">Step</th>
          <th className="num">Loss</th>
          <th>Path</th>
          <th>Created</th>
        </tr>
      </thead>
      <tbody>
        {checkpoints.map((c) => (
          <tr key={c.id} data-testid="checkpoint-row">
            {showRun && (
              <td>
                <Link to="/runs/$runId" params={{ runId: c.run_id }}>
                  {c.run_id}
                </Link>
              </td>
            )}
            <td className="num">{c.step.toLocaleString()}</td>
            <td className="num">{formatLoss(c.metrics.loss)}</td>
            <td>
              <code className="path">{c.path}</code>
            </td>
            <td>{formatDate(c.created_at)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
