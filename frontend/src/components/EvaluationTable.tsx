import { Link } from "@tanstack/react-router";
import type { Evaluation } from "../client";
import { bestOf, evaluatedLabel, formatMetric, generatedBy, isEvaluating, metricColumns, setSummaries } from "../lib/evaluations";
import { StatusBadge } from "./StatusBadge";

interface EvaluationTableProps {
  evaluations: Evaluation[];
  /** checkpoint id → step, to label checkpoints by their step */
  steps: ReadonlyMap<string, number>;
  /** checkpoint ids that their run recommends */
  recommended: ReadonlySet<string>;
  showRun?: boolean;
}

/** Evaluations side by side: one row each, one column per metric any of them has; the best value of each is bold. */
export function EvaluationTable({ evaluations, steps, recommended, showRun = false }: EvaluationTableProps) {
  const columns = metricColumns(evaluations);
  const best = new Map(columns.map((c) => [c.key, bestOf(evaluations, c.key)]));
  return (
    <table className="table" data-testid="evaluation-table">
      <thead>
        <tr>
          {showRun && <th>Run</th>}
          <th>Evaluated</th>
          <th>Status</th>
          {columns.map((c) => (
            <th key={c.key} className="num">
              {c.label}
            </th>
          ))}
          <th>Per set</th>
        </tr>
      </thead>
      <tbody>
        {evaluations.map((e) => (
          <tr key={e.id} data-testid="evaluation-row" data-status={e.status}>
            {showRun && (
              <td>
                {e.run_id ? (
                  <Link to="/runs/$runId" params={{ runId: e.run_id }}>
                    {e.run_id}
                  </Link>
                ) : (
                  <span className="muted">model</span>
                )}
              </td>
            )}
            <td>
              {evaluatedLabel(e, steps)}
              {e.checkpoint_id && recommended.has(e.checkpoint_id) && (
                <span className="badge badge--succeeded badge--recommended" data-testid="recommended-badge">
                  recommended
                </span>
              )}
            </td>
            <td>
              <StatusBadge status={e.status} />
              {isEvaluating(e) && <span className="muted"> {Math.round(e.progress * 100)}%</span>}
              {e.error && <p className="field__error">{e.error}</p>}
              {generatedBy(e) && (
                <p className="muted" data-testid="evaluation-generation" title={e.generation?.reason}>
                  {generatedBy(e)}
                </p>
              )}
            </td>
            {columns.map((c) => (
              <td key={c.key} className="num" data-metric={c.key}>
                {best.get(c.key) === e.id ? <strong>{formatMetric(c.key, e.metrics[c.key])}</strong> : formatMetric(c.key, e.metrics[c.key])}
              </td>
            ))}
            <td>
              {e.results.length > 0 && (
                <details data-testid="evaluation-sets">
                  <summary>{e.results.length} set(s)</summary>
                  {setSummaries(e.results).map((set, i) => (
                    <div key={i} className="eval-set">
                      <strong>{set.name}</strong> <span className="muted">({set.role})</span>
                      <div>{set.lines.join(" · ")}</div>
                      {set.subjects.length > 1 && (
                        <ul className="eval-set__subjects">
                          {set.subjects.map((s) => (
                            <li key={s.name} data-testid="evaluation-subject">
                              {s.name}: {s.accuracy} of {s.questions}
                            </li>
                          ))}
                        </ul>
                      )}
                    </div>
                  ))}
                </details>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
