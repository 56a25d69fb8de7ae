import { useCheckpoints } from "../../api/checkpoints";
import { CheckpointTable } from "../../components/CheckpointTable";
import { ErrorBox } from "../../components/ErrorBox";
import { Loading } from "../../components/Loading";

export function RunCheckpoints({ runId, saveSteps }: { runId: string; saveSteps?: number }) {
  const checkpoints = useCheckpoints(runId);
  return (
    <section className="card card--flush">
      <h2 className="card__title">Checkpoints</h2>
      {checkpoints.isPending && <Loading what="Loading checkpoints" />}
      {checkpoints.isError && <ErrorBox error={checkpoints.error} title="Could not load the checkpoints." />}
      {checkpoints.data &&
        (checkpoints.data.length ? (
          <CheckpointTable checkpoints={checkpoints.data} />
        ) : (
          <p className="muted card__body">
            No checkpoints yet. One is written {saveSteps ? `every ${saveSteps} steps` : "periodically"} and at the end of the run.
          </p>
        ))}
    </section>
  );
}
