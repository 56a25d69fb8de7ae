import { Link } from "@tanstack/react-router";
import { Fragment, type ReactNode, useState } from "react";
import type { Checkpoint } from "../client";
import { formatDate, formatLoss } from "../lib/format";

const REWARD_ACCURACY = "rewards/accuracy";

const formatShare = (value: number | undefined) => (typeof value === "number" ? `${(value * 100).toFixed(0)}%` : "—");

interface CheckpointTableProps {
  checkpoints: Checkpoint[];
  showRun?: boolean;
  /** When given, each row gets an "Export" toggle that opens this panel beneath it. */
  exportPanel?: (checkpoint: Checkpoint) => ReactNode;
}

/**
 * Checkpoints as rows; `showRun` adds a column linking each to its run. The eval loss shows when any has one, and the
 * reward accuracy of the step it was saved at when any is from a preference stage.
 */
export function CheckpointTable({ checkpoints, showRun = false, exportPanel }: CheckpointTableProps) {
  const showEval = checkpoints.some((c) => typeof c.metrics.eval_loss === "number");
  const showRewards = checkpoints.some((c) => typeof c.metrics[REWARD_ACCURACY] === "number");
  const [open, setOpen] = useState<string | null>(null);
  const columns = 4 + Number(showRun) + Number(showEval) + Number(showRewards) + Number(Boolean(exportPanel));
  return (
    <table className="table">
      <thead>
        <tr>
          {showRun && <th>Run</th>}
          <th className="num">Step</th>
          <th className="num">Loss</th>
          {showEval && <th className="num">Eval loss</th>}
          {showRewards && <th className="num">Reward accuracy</th>}
          <th>Path</th>
          <th>Created</th>
          {exportPanel && <th />}
        </tr>
      </thead>
      <tbody>
        {checkpoints.map((c) => (
          <Fragment key={c.id}>
            <tr data-testid="checkpoint-row">
              {showRun && (
                <td>
                  <Link to="/runs/$runId" params={{ runId: c.run_id }}>
                    {c.run_id}
                  </Link>
                </td>
              )}
              <td className="num">{c.step.toLocaleString()}</td>
              <td className="num">{formatLoss(c.metrics.loss)}</td>
              {showEval && (
                <td className="num" data-testid="checkpoint-eval-loss">
                  {formatLoss(c.metrics.eval_loss)}
                </td>
              )}
              {showRewards && (
                <td className="num" data-testid="checkpoint-reward-accuracy">
                  {formatShare(c.metrics[REWARD_ACCURACY])}
                </td>
              )}
              <td>
                <code className="path">{c.path}</code>
              </td>
              <td>{formatDate(c.created_at)}</td>
              {exportPanel && (
                <td>
                  <button
                    type="button"
                    className="button button--small"
                    aria-expanded={open === c.id}
                    data-testid="checkpoint-export-toggle"
                    onClick={() => setOpen(open === c.id ? null : c.id)}
                  >
                    Export
                  </button>
                </td>
              )}
            </tr>
            {exportPanel && open === c.id && (
              <tr>
                <td colSpan={columns}>{exportPanel(c)}</td>
              </tr>
            )}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}
