import { useCheckpoints } from "../../api/checkpoints";
import { CheckpointTable } from "../../components/CheckpointTable";
import { ErrorBox } from "../../components/ErrorBox";
import { Loading } from "../../components/Loading";
import { CheckpointExports } from "./CheckpointExports";

// These methods save the whole model: there is no adapter to export on its own.
const WHOLE_MODEL_METHODS = new Set(["full", "freeze"]);

export function RunCheckpoints({ runId, saveSteps, method }: { runId: string; saveSteps?: number; method?: string }) {
  const checkpoints = useCheckpoints(runId);
  return (
    <section className="card card--flush">
      <h2 className="card__title">Checkpoints</h2>
      {checkpoints.isPending && <Loading what="Loading checkpoints" />}
      {checkpoints.isError && <ErrorBox error={checkpoints.error} title="Could not load the checkpoints." />}
      {checkpoints.data &&
        (checkpoints.data.length ? (
          <CheckpointTable
            checkpoints={checkpoints.data}
            exportPanel={(c) => <CheckpointExports checkpointId={c.id} wholeModel={WHOLE_MODEL_METHODS.has(method ?? "")} />}
          />
        ) : (
          <p className="muted card__body">
            No checkpoints yet. One is written {saveSteps ? `every ${saveSteps} steps` : "periodically"} and at the end of the run.
          </p>
        ))}
    </section>
  );
}
