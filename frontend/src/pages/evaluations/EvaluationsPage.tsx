import { useCheckpoints } from "../../api/checkpoints";
import { useDatasets } from "../../api/datasets";
import { useEvaluations } from "../../api/evaluations";
import { useModels } from "../../api/models";
import { useRuns } from "../../api/runs";
import { EmptyState } from "../../components/EmptyState";
import { ErrorBox } from "../../components/ErrorBox";
import { EvaluationTable } from "../../components/EvaluationTable";
import { LoadMore } from "../../components/LoadMore";
import { Loading } from "../../components/Loading";
import { PageHeader } from "../../components/PageHeader";
import { EvaluateForm } from "./EvaluateForm";

/** Every evaluation of every checkpoint and model side by side, and a form to evaluate one now. */
export function EvaluationsPage() {
  const evaluations = useEvaluations();
  const checkpoints = useCheckpoints();
  const datasets = useDatasets();
  const models = useModels();
  const runs = useRuns();
  const steps = new Map((checkpoints.data ?? []).map((c) => [c.id, c.step]));
  const recommended = new Set((runs.data ?? []).flatMap((r) => (r.recommended_checkpoint_id ? [r.recommended_checkpoint_id] : [])));
  return (
    <>
      <PageHeader
        title="Evaluations"
        subtitle="Metrics of every evaluated checkpoint and model, side by side; the best value of each metric is bold."
      />
      {evaluations.isPending && <Loading what="Loading evaluations" />}
      {evaluations.isError && <ErrorBox error={evaluations.error} title="Could not load the evaluations." />}
      {evaluations.data &&
        (evaluations.data.length ? (
          <div className="card card--flush">
            <EvaluationTable evaluations={evaluations.data} steps={steps} recommended={recommended} showRun />
            <LoadMore query={evaluations} />
          </div>
        ) : (
          <EmptyState title="No evaluations yet">
            Upload an eval set (multiple choice: MMLU or C-Eval CSV, or JSONL with question, choices and answer), then
            evaluate a model below, or declare an evaluation on a run to score each of its checkpoints.
          </EmptyState>
        ))}
      {datasets.data && models.data && (
        <EvaluateForm datasets={datasets.data} checkpoints={checkpoints.data ?? []} models={models.data.map((m) => m.name)} />
      )}
    </>
  );
}
