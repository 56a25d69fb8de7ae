import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { Run } from "../../client";
import { useCheckpoints } from "../../api/checkpoints";
import { useEvaluations } from "../../api/evaluations";
import { queryKeys } from "../../api/keys";
import { ErrorBox } from "../../components/ErrorBox";
import { EvaluationTable } from "../../components/EvaluationTable";
import { Loading } from "../../components/Loading";
import { planSentence } from "../../lib/evaluations";

/** The run's evaluations per checkpoint, with the checkpoint its declared metric recommends. */
export function RunEvaluations({ run }: { run: Run }) {
  const evaluations = useEvaluations(run.id);
  const checkpoints = useCheckpoints(run.id);
  const queryClient = useQueryClient();
  const finished = (evaluations.data ?? []).filter((e) => e.status === "succeeded").length;
  useEffect(() => {
    // Each finished evaluation may change the recommended checkpoint, which the run carries.
    if (finished > 0) void queryClient.invalidateQueries({ queryKey: queryKeys.run(run.id), exact: true });
  }, [finished, run.id, queryClient]);
  const steps = new Map((checkpoints.data ?? []).map((c) => [c.id, c.step]));
  const recommended = new Set(run.recommended_checkpoint_id ? [run.recommended_checkpoint_id] : []);
  return (
    <section className="card card--flush" data-testid="run-evaluations">
      <h2 className="card__title">Evaluation</h2>
      <p className="muted card__body">{planSentence(run.evaluation)}</p>
      {evaluations.isPending && <Loading what="Loading evaluations" />}
      {evaluations.isError && <ErrorBox error={evaluations.error} title="Could not load the evaluations." />}
      {evaluations.data && evaluations.data.length > 0 && (
        <EvaluationTable evaluations={evaluations.data} steps={steps} recommended={recommended} />
      )}
    </section>
  );
}
