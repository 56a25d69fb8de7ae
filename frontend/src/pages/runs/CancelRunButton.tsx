import { useCancelRun } from "../../api/runs";
import { ErrorBox } from "../../components/ErrorBox";

export function CancelRunButton({ runId, requested }: { runId: string; requested: boolean }) {
  const cancel = useCancelRun(runId);
  const pending = cancel.isPending || requested;
  return (
    <div className="cancel">
      <button
        type="button"
        className="button button--danger"
        data-testid="cancel-run-button"
        disabled={pending}
        title="A run that has not started (validating or queued) is cancelled at once; a running one stops after its current step."
        onClick={() => cancel.mutate()}
      >
        {pending ? "Cancelling…" : "Cancel run"}
      </button>
      {cancel.isError && <ErrorBox error={cancel.error} title="Could not cancel." />}
    </div>
  );
}
